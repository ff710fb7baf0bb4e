import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import hnswlib from "hnswlib-node";
import type { Article, ArticleSummary, Fact, Passage } from "../types.js";
import { UserError } from "../types.js";
import { fold } from "../text/fold.js";
import { storageFault } from "./faults.js";
import type { SearchIndex } from "./search-index.js";

const { HierarchicalNSW } = hnswlib;
type Hnsw = InstanceType<typeof HierarchicalNSW>;

/** Bumped when the on-disk layout changes; an index of another format must be rebuilt. */
export const FORMAT_VERSION = 2; // 2: facts read from each passage (src/facts) stored beside it

export interface ModelIdentity {
  modelId: string;
  dimension: number;
  fingerprint: string;
}

export interface HnswParams {
  /** Graph degree (default 16). */
  m: number;
  /** Build-time candidate list (default 100). */
  efConstruction: number;
  /** Search-time candidate list; raised to k when k is larger (default 768). */
  efSearch: number;
}

// Measured on the 100k bench corpus with real question vectors against exact search (bench/README.md):
// efConstruction 100 builds 1.7x faster than 200; efSearch 768 then gives recall@10 0.968 at 1.0 ms
// (96 gave only 0.80: static-model question vectors sit among many near-equal neighbours).
export const DEFAULT_HNSW: HnswParams = { m: 16, efConstruction: 100, efSearch: 768 };

export interface StoredPassage {
  id: number;
  articleId: string;
  position: number;
  text: string;
  article: ArticleSummary;
  /** The figures read from the passage at index time (src/facts). */
  facts: Fact[];
}

export interface NewPassage extends Passage {
  /** The figures read from the passage (src/facts); none when omitted. */
  facts?: Fact[];
  /** Folded article context (title · place · date) indexed beside the passage text. */
  context: string;
  vector: Float32Array;
}

export interface ArticleFilter {
  /** Only passages of these articles (null = all). */
  articleIds: Set<string> | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  title_derived INTEGER NOT NULL DEFAULT 0,
  url TEXT,
  date TEXT,
  source TEXT,
  place TEXT,
  text TEXT NOT NULL,
  origin_kind TEXT NOT NULL,
  origin_ref TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  added_at TEXT NOT NULL,
  claimed_url TEXT
);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE TABLE IF NOT EXISTS passages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  text TEXT NOT NULL,
  vector BLOB NOT NULL,
  facts TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS passages_article ON passages(article_id);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5(
  body, context, content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2'
);
`;

/**
 * One index generation on disk: a SQLite database (articles, passages with their vectors, FTS5) and
 * an HNSW file derived from the vectors. SQLite is the source of truth: every write is one
 * transaction that also bumps `write_version`; the HNSW file records the version it reflects and is
 * brought up to date from SQLite when it lags (after a crash between the two writes).
 */
export class Store implements SearchIndex {
  private constructor(
    readonly dir: string,
    private readonly db: Database.Database,
    private hnsw: Hnsw,
    readonly model: ModelIdentity,
    private readonly params: HnswParams,
    /** Opened read-only: the graph is kept up to date in memory but never saved. */
    readonly readonly = false,
  ) {}

  private readonly statements = new Map<string, Database.Statement>();
  /** The write_version the in-memory HNSW graph reflects; another process's writes move SQLite past it. */
  private graphVersion = -1;
  /** Counts and term frequencies, valid for one write_version (another process may write too). */
  private readonly derived = { version: -1, counts: null as { articles: number; passages: number } | null, df: new Map<string, number>(), memo: new Map<string, unknown>() };

  /** Prepared once per store: preparing costs more than running most of these queries. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private fresh(): typeof this.derived {
    const version = this.writeVersion();
    if (version !== this.derived.version) {
      this.derived.version = version;
      this.derived.counts = null;
      this.derived.df.clear();
      this.derived.memo.clear();
    }
    return this.derived;
  }

  /**
   * Opens (or with `create`, creates) the generation in `dir`; refuses an index built by another model.
   * With `readonly` (an index folder this process may not write) nothing is written: no WAL switch, no schema
   * or meta writes, and an HNSW graph that lags SQLite is brought up to date in memory only; writes then fail
   * with a UserError (see storageFault).
   */
  static open(dir: string, model: ModelIdentity, options: { create?: boolean; params?: Partial<HnswParams>; readonly?: boolean } = {}): Store {
    const dbPath = path.join(dir, "library.db");
    if (!fs.existsSync(dbPath) && !options.create) throw new UserError(`No index in ${dir}. Build one with: npm run index`, "no_index");
    const readonly = options.readonly === true && !options.create;
    let db: Database.Database | null = null;
    try {
      if (!readonly) fs.mkdirSync(dir, { recursive: true });
      db = new Database(dbPath, readonly ? { readonly: true, fileMustExist: true } : {});
      if (!readonly) {
        db.pragma("journal_mode = WAL");
        db.pragma("synchronous = NORMAL");
      }
      db.pragma("foreign_keys = ON");
      // Reads at 100k+ passages touch pages all over the file (FTS doclists, per-row lengths): map it
      // rather than copy it through a 2 MB page cache with a read() per page.
      db.pragma("mmap_size = 4294967296");
      db.pragma("cache_size = -65536");
      if (!readonly) {
        db.exec(SCHEMA);
        migrate(db);
      }
      const params = { ...DEFAULT_HNSW, ...options.params };

      const meta = readMeta(db);
      if (meta.format_version === undefined) {
        if (readonly) throw new UserError(`The index in ${dir} is empty and read-only. Build it where it can be written: npm run index`, "no_index");
        writeMeta(db, {
          format_version: String(FORMAT_VERSION),
          model_id: model.modelId,
          dimension: String(model.dimension),
          fingerprint: model.fingerprint,
          write_version: "0",
          hnsw_m: String(params.m),
          hnsw_ef_construction: String(params.efConstruction),
        });
      } else {
        checkCompatible(meta, model, dir);
      }
      const store = new Store(dir, db, new HierarchicalNSW("ip", model.dimension), model, params, readonly);
      store.loadVectors();
      return store;
    } catch (error) {
      db?.close();
      throw storageFault(error, dir) ?? error;
    }
  }

  /** Reads an index's recorded model without checking it against anything (for `stats` and reindex). */
  static peekModel(dir: string): ModelIdentity | null {
    const dbPath = path.join(dir, "library.db");
    if (!fs.existsSync(dbPath)) return null;
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const meta = readMeta(db);
      if (!meta.model_id) return null;
      return { modelId: meta.model_id, dimension: Number(meta.dimension), fingerprint: meta.fingerprint ?? "" };
    } finally {
      db.close();
    }
  }

  /** Reads every article of an index without checking its model (to rebuild it with another). */
  static readArticles(dir: string): Article[] {
    const db = new Database(path.join(dir, "library.db"), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT * FROM articles ORDER BY id").all() as ArticleRow[]).map(toArticle);
    } finally {
      db.close();
    }
  }

  // ---------- vectors (HNSW) ----------

  private get hnswPath() {
    return path.join(this.dir, "vectors.hnsw");
  }
  private get hnswMetaPath() {
    return path.join(this.dir, "vectors.json");
  }

  private loadVectors(): void {
    const version = this.writeVersion();
    const onDisk = readJson(this.hnswMetaPath) as { version?: number } | null;
    if (fs.existsSync(this.hnswPath) && onDisk?.version !== undefined) {
      this.hnsw.readIndexSync(this.hnswPath, true);
      this.hnsw.setEf(this.params.efSearch);
      this.graphVersion = onDisk.version;
      if (onDisk.version !== version) {
        this.reconcileVectors();
        if (!this.readonly) this.saveVectors();
      }
      return;
    }
    this.rebuildVectors();
  }

  /** Builds the HNSW graph from the vectors stored in SQLite. */
  private rebuildVectors(): void {
    const version = this.writeVersion();
    const count = (this.sql("SELECT count(*) AS n FROM passages").get() as { n: number }).n;
    this.hnsw = new HierarchicalNSW("ip", this.model.dimension);
    this.hnsw.initIndex({ maxElements: Math.max(1024, Math.ceil(count * 1.25)), m: this.params.m, efConstruction: this.params.efConstruction, randomSeed: 100, allowReplaceDeleted: true });
    this.hnsw.setEf(this.params.efSearch);
    for (const row of this.sql("SELECT id, vector FROM passages").iterate() as Iterable<{ id: number; vector: Buffer }>) {
      this.hnsw.addPoint(toArray(row.vector), row.id);
    }
    this.graphVersion = version;
    if (count > 0 && !this.readonly) this.saveVectors();
  }

  /** Brings the HNSW graph in line with SQLite: adds passages it lacks, marks deleted those SQLite lost. */
  private reconcileVectors(): void {
    const version = this.writeVersion();
    const inGraph = new Set(this.hnsw.getIdsList());
    const inDb = new Set<number>();
    for (const row of this.sql("SELECT id, vector FROM passages").iterate() as Iterable<{ id: number; vector: Buffer }>) {
      inDb.add(row.id);
      if (!inGraph.has(row.id)) this.addVector(row.id, toArray(row.vector));
    }
    for (const label of inGraph) {
      if (!inDb.has(label)) this.markDeleted(label);
    }
    this.graphVersion = version;
  }

  /** Takes in what another process (the CLI beside the bot) wrote since this graph was loaded. */
  private catchUp(): void {
    if (this.writeVersion() !== this.graphVersion) this.reconcileVectors();
  }

  private addVector(label: number, vector: number[]): void {
    if (this.hnsw.getCurrentCount() >= this.hnsw.getMaxElements()) this.hnsw.resizeIndex(Math.ceil(this.hnsw.getMaxElements() * 1.5) + 1024);
    this.hnsw.addPoint(vector, label, true);
  }

  private markDeleted(label: number): void {
    try {
      this.hnsw.markDelete(label);
    } catch {
      // Already deleted: nothing to do.
    }
  }

  /** Writes the HNSW file under a temporary name and renames it, then records the version it holds. */
  saveVectors(): void {
    const tmp = `${this.hnswPath}.tmp-${process.pid}`;
    this.hnsw.writeIndexSync(tmp);
    fs.renameSync(tmp, this.hnswPath);
    writeJsonAtomic(this.hnswMetaPath, { version: this.graphVersion, savedAt: new Date().toISOString() });
  }

  // ---------- writes ----------

  /**
   * Stores an article with its passages in one transaction, replacing any earlier version of it,
   * then updates the HNSW graph. A crash between the two leaves SQLite whole; the next open
   * reconciles the graph.
   */
  putArticle(article: Article, passages: NewPassage[], options: { saveVectors?: boolean } = {}): void {
    this.putArticles([{ article, passages }], options);
  }

  /** Several articles in one transaction (bulk builds: one commit per batch instead of per article). */
  putArticles(entries: { article: Article; passages: NewPassage[] }[], options: { saveVectors?: boolean } = {}): void {
    const removed: number[] = [];
    const inserted: { id: number; vector: Float32Array }[] = [];
    const insertArticle = this.sql(
      `INSERT INTO articles (id, title, title_derived, url, date, source, place, text, origin_kind, origin_ref, content_hash, added_at, claimed_url)
       VALUES (@id, @title, @titleDerived, @url, @date, @source, @place, @text, @originKind, @originRef, @contentHash, @addedAt, @claimedUrl)`,
    );
    const insertPassage = this.sql("INSERT INTO passages (article_id, position, text, vector, facts) VALUES (?, ?, ?, ?, ?)");
    const insertFts = this.sql("INSERT INTO passages_fts (rowid, body, context) VALUES (?, ?, ?)");
    this.catchUp();
    let versions = { before: 0, after: 0 };
    this.db.transaction(() => {
      for (const { article, passages } of entries) {
        removed.push(...this.deleteArticleRows(article.id));
        insertArticle.run({
          ...article,
          titleDerived: article.titleDerived ? 1 : 0,
          originKind: article.origin.kind,
          originRef: article.origin.ref,
          claimedUrl: article.claimedUrl ?? null,
        });
        for (const p of passages) {
          const id = Number(insertPassage.run(article.id, p.position, p.text, toBlob(p.vector), JSON.stringify(p.facts ?? [])).lastInsertRowid);
          insertFts.run(id, fold(p.text), p.context);
          inserted.push({ id, vector: p.vector });
        }
      }
      versions = this.bumpWriteVersion();
    })();
    for (const label of removed) this.markDeleted(label);
    for (const p of inserted) this.addVector(p.id, Array.from(p.vector));
    this.graphApplied(versions);
    if (options.saveVectors !== false) this.saveVectors();
  }

  /** Removes an article and its passages; returns false when there was no such article. */
  removeArticle(id: string): boolean {
    let removed: number[] = [];
    let existed = false;
    let versions: { before: number; after: number } | null = null;
    this.catchUp();
    this.db.transaction(() => {
      existed = this.sql("SELECT 1 FROM articles WHERE id = ?").get(id) !== undefined;
      removed = this.deleteArticleRows(id);
      if (existed) versions = this.bumpWriteVersion();
    })();
    for (const label of removed) this.markDeleted(label);
    if (versions) this.graphApplied(versions);
    if (existed) this.saveVectors();
    return existed;
  }

  rewriteFacts(facts: Map<number, Fact[]>, meta: Record<string, string>): void {
    let versions: { before: number; after: number } | null = null;
    this.catchUp();
    this.db.transaction(() => {
      const update = this.sql("UPDATE passages SET facts = ? WHERE id = ?");
      for (const [id, list] of facts) update.run(JSON.stringify(list), id);
      writeMeta(this.db, meta);
      versions = this.bumpWriteVersion();
    })();
    // The vectors did not change: the graph is as current as it was.
    this.graphApplied(versions!);
  }

  private deleteArticleRows(articleId: string): number[] {
    const ids = (this.sql("SELECT id FROM passages WHERE article_id = ?").all(articleId) as { id: number }[]).map((r) => r.id);
    const deleteFts = this.sql("DELETE FROM passages_fts WHERE rowid = ?");
    for (const id of ids) deleteFts.run(id);
    this.sql("DELETE FROM passages WHERE article_id = ?").run(articleId);
    this.sql("DELETE FROM articles WHERE id = ?").run(articleId);
    return ids;
  }

  /**
   * Data derived from the whole library (question context, article layouts), computed at most once per
   * write version: an edit, a removal or another process's write makes the next call compute it afresh.
   */
  derive<T>(name: string, compute: () => T): T {
    const derived = this.fresh();
    if (!derived.memo.has(name)) derived.memo.set(name, compute());
    return derived.memo.get(name) as T;
  }

  /** Bumped in the same transaction as every write (by any process). */
  writeVersion(): number {
    const row = this.sql("SELECT value FROM meta WHERE key = 'write_version'").get() as { value: string } | undefined;
    return Number(row?.value ?? 0);
  }

  /** Inside a write transaction: moves write_version on by one, returning it before and after. */
  private bumpWriteVersion(): { before: number; after: number } {
    const before = this.writeVersion();
    this.sql("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'write_version'").run();
    return { before, after: before + 1 };
  }

  /** Our write is in the graph; the graph is current only if no other process wrote just before it. */
  private graphApplied(versions: { before: number; after: number }): void {
    if (versions.before === this.graphVersion) this.graphVersion = versions.after;
  }

  setMeta(values: Record<string, string>): void {
    writeMeta(this.db, values);
  }

  getMeta(): Record<string, string> {
    return readMeta(this.db);
  }

  // ---------- reads ----------

  getArticle(id: string): Article | null {
    const row = this.sql("SELECT * FROM articles WHERE id = ?").get(id) as ArticleRow | undefined;
    return row ? toArticle(row) : null;
  }

  findArticleByUrl(url: string): Article | null {
    const row = this.sql("SELECT * FROM articles WHERE url = ? LIMIT 1").get(url) as ArticleRow | undefined;
    return row ? toArticle(row) : null;
  }

  findArticleByHash(contentHash: string): Article | null {
    const row = this.sql("SELECT * FROM articles WHERE content_hash = ? LIMIT 1").get(contentHash) as ArticleRow | undefined;
    return row ? toArticle(row) : null;
  }

  /** Every article (with text), in id order; for reindexing. */
  *allArticles(): Generator<Article> {
    for (const row of this.sql("SELECT * FROM articles ORDER BY id").iterate() as Iterable<ArticleRow>) yield toArticle(row);
  }

  listArticles(offset = 0, limit = 20): { total: number; items: ArticleSummary[] } {
    const total = (this.sql("SELECT count(*) AS n FROM articles").get() as { n: number }).n;
    const rows = this.sql("SELECT id, title, url, date, source, place FROM articles ORDER BY date DESC, id LIMIT ? OFFSET ?")
      .all(limit, offset) as ArticleSummary[];
    return { total, items: rows };
  }

  /** Articles with their origin, for syncing a data folder. */
  articleOrigins(): { id: string; kind: string; ref: string; contentHash: string }[] {
    return this.sql("SELECT id, origin_kind AS kind, origin_ref AS ref, content_hash AS contentHash FROM articles").all() as {
      id: string;
      kind: string;
      ref: string;
      contentHash: string;
    }[];
  }

  allArticleSummaries(): ArticleSummary[] {
    return this.sql("SELECT id, title, url, date, source, place FROM articles").all() as ArticleSummary[];
  }

  counts(): { articles: number; passages: number } {
    const derived = this.fresh();
    if (!derived.counts) {
      const a = this.sql("SELECT count(*) AS n FROM articles").get() as { n: number };
      const p = this.sql("SELECT count(*) AS n FROM passages").get() as { n: number };
      derived.counts = { articles: a.n, passages: p.n };
    }
    return { ...derived.counts };
  }

  /** Bytes on disk of this generation (database + WAL + HNSW). */
  sizeOnDisk(): number {
    return fs.readdirSync(this.dir).reduce((sum, f) => sum + fs.statSync(path.join(this.dir, f)).size, 0);
  }

  /**
   * BM25 search over passage text and article context. `match` is an FTS5 query over folded text.
   * Returns passage ids best first with their (positive, larger = better) scores.
   */
  lexicalSearch(match: string, limit: number, filter: ArticleFilter = { articleIds: null }, contextWeight = 0.35): { id: number; score: number }[] {
    if (!match) return [];
    // Context matches count less than body matches: the context is repeated on every passage.
    // The article id is read only when filtering: the join costs about as much as BM25 itself.
    if (!filter.articleIds) {
      return this.sql(
        `SELECT rowid AS id, -bm25(passages_fts, 1.0, ?) AS score FROM passages_fts WHERE passages_fts MATCH ? ORDER BY score DESC LIMIT ?`,
      ).all(contextWeight, match, limit) as { id: number; score: number }[];
    }
    const rows = this.sql(
      `SELECT f.rowid AS id, -bm25(passages_fts, 1.0, ?) AS score, p.article_id AS articleId
       FROM passages_fts f JOIN passages p ON p.id = f.rowid
       WHERE passages_fts MATCH ? ORDER BY score DESC LIMIT ?`,
    ).all(contextWeight, match, limit * 4) as { id: number; score: number; articleId: string }[];
    return rows.filter((r) => filter.articleIds!.has(r.articleId)).slice(0, limit).map(({ id, score }) => ({ id, score }));
  }

  /** Nearest passages by inner product (vectors are normalised, so this is cosine similarity). */
  denseSearch(vector: Float32Array, limit: number, filter: ArticleFilter = { articleIds: null }): { id: number; score: number }[] {
    this.catchUp();
    const live = this.hnsw.getCurrentCount();
    if (live === 0) return [];
    const k = Math.min(limit, live);
    this.hnsw.setEf(Math.max(this.params.efSearch, k));
    let allowed: ((label: number) => boolean) | undefined;
    if (filter.articleIds) {
      const labels = this.passageIdsOf(filter.articleIds);
      if (labels.size === 0) return [];
      allowed = (label) => labels.has(label);
    }
    let result;
    try {
      result = this.hnsw.searchKnn(Array.from(vector), k, allowed);
    } catch {
      // hnswlib throws when fewer than k live points pass the filter; ask for what exists.
      result = this.hnsw.searchKnn(Array.from(vector), Math.min(k, allowed ? this.passageIdsOfCount(filter) : k), allowed);
    }
    return result.neighbors.map((id, i) => ({ id, score: 1 - result.distances[i] }));
  }

  /**
   * Ids of the articles with a passage (or article context) holding `phrase` as consecutive words (folded
   * text, as FTS5 tokenizes it): "nghe an" finds every report that names Nghe An. Once per write version.
   */
  articlesNaming(phrase: string): Set<string> {
    const words = fold(phrase).match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length === 0) return new Set();
    return this.derive(`articles-naming:${words.join(" ")}`, () => {
      const rows = this.sql(
        "SELECT DISTINCT article_id AS id FROM passages WHERE id IN (SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?)",
      ).all(quoteFts(words.join(" "))) as { id: string }[];
      return new Set(rows.map((r) => r.id));
    });
  }

  private passageIdsOf(articleIds: Set<string>): Set<number> {
    const stmt = this.sql("SELECT id FROM passages WHERE article_id = ?");
    const out = new Set<number>();
    for (const a of articleIds) for (const r of stmt.all(a) as { id: number }[]) out.add(r.id);
    return out;
  }

  private passageIdsOfCount(filter: ArticleFilter): number {
    return filter.articleIds ? this.passageIdsOf(filter.articleIds).size : this.counts().passages;
  }

  /** Passages with their article summaries, in the order of `ids`; ids that no longer exist are skipped. */
  getPassages(ids: number[]): StoredPassage[] {
    if (ids.length === 0) return [];
    const rows = this.sql(
      `SELECT p.id, p.article_id AS articleId, p.position, p.text, p.facts,
              a.title, a.url, a.date, a.source, a.place
       FROM passages p JOIN articles a ON a.id = p.article_id
       WHERE p.id IN (SELECT value FROM json_each(?))`,
    ).all(JSON.stringify(ids)) as (Omit<StoredPassage, "article" | "facts"> & Omit<ArticleSummary, "id"> & { facts: string })[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      if (!r) return [];
      return [{ id: r.id, articleId: r.articleId, position: r.position, text: r.text, facts: JSON.parse(r.facts) as Fact[], article: { id: r.articleId, title: r.title, url: r.url, date: r.date, source: r.source, place: r.place } }];
    });
  }

  /** Passages of one article in order (for neighbouring context and "more from this report"). */
  articlePassages(articleId: string): StoredPassage[] {
    const ids = (this.sql("SELECT id FROM passages WHERE article_id = ? ORDER BY position").all(articleId) as { id: number }[]).map((r) => r.id);
    return this.getPassages(ids);
  }

  /** Number of passages whose folded text contains each term (document frequency), for term weighting. */
  documentFrequency(term: string): number {
    const { df } = this.fresh();
    let n = df.get(term);
    if (n === undefined) {
      try {
        n = (this.sql("SELECT count(*) AS n FROM passages_fts WHERE passages_fts MATCH ?").get(`body:${quoteFts(term)}`) as { n: number }).n;
      } catch {
        n = 0;
      }
      if (df.size > 50_000) df.clear();
      df.set(term, n);
    }
    return n;
  }

  /**
   * Closes the database. The last writer out puts it back in rollback-journal mode, so that an index at rest has
   * no -wal/-shm files and can be opened read-only from a folder nobody may write (a WAL database cannot be,
   * unless its -shm file exists). With other connections still open this is skipped at once (busy_timeout 0).
   */
  close(): void {
    if (!this.db.open) return;
    if (!this.readonly) {
      try {
        this.db.pragma("busy_timeout = 0");
        this.db.pragma("journal_mode = DELETE");
      } catch {
        // Another process has it open: it stays in WAL mode until that one closes.
      }
    }
    this.db.close();
  }
}

export function quoteFts(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

interface ArticleRow {
  id: string;
  title: string;
  title_derived: number;
  url: string | null;
  date: string | null;
  source: string | null;
  place: string | null;
  text: string;
  origin_kind: Article["origin"]["kind"];
  origin_ref: string;
  content_hash: string;
  added_at: string;
  /** Absent in an index made before the column existed and opened read-only. */
  claimed_url?: string | null;
}

function toArticle(r: ArticleRow): Article {
  return {
    id: r.id,
    title: r.title,
    titleDerived: r.title_derived === 1,
    url: r.url,
    date: r.date,
    source: r.source,
    place: r.place,
    text: r.text,
    origin: { kind: r.origin_kind, ref: r.origin_ref },
    contentHash: r.content_hash,
    addedAt: r.added_at,
    claimedUrl: r.claimed_url ?? null,
  };
}

function checkCompatible(meta: Record<string, string>, model: ModelIdentity, dir: string): void {
  if (Number(meta.format_version) !== FORMAT_VERSION) {
    throw new UserError(
      `The index in ${dir} has format ${meta.format_version}; this version of the program needs format ${FORMAT_VERSION}. ` +
        `Rebuild it: npm run --silent library -- reindex (or delete ${dir} and run npm run index).`,
      "index_format",
    );
  }
  if (meta.model_id !== model.modelId || Number(meta.dimension) !== model.dimension || (meta.fingerprint && meta.fingerprint !== model.fingerprint)) {
    throw new UserError(
      `The index in ${dir} was built with the embedding model "${meta.model_id}" (${meta.dimension} dimensions), ` +
        `but the configured model is "${model.modelId}" (${model.dimension} dimensions)` +
        (meta.model_id === model.modelId ? " with different weights" : "") +
        `. Searching it would give meaningless results. Either set EMBEDDING_MODEL=${meta.model_id} again, ` +
        `or rebuild the index with the new model: npm run --silent library -- reindex`,
      "model_mismatch",
    );
  }
}

/** Brings an index made by an earlier version of this format up to date (columns added since). */
function migrate(db: Database.Database): void {
  const columns = new Set((db.prepare("PRAGMA table_info(articles)").all() as { name: string }[]).map((c) => c.name));
  if (!columns.has("claimed_url")) db.exec("ALTER TABLE articles ADD COLUMN claimed_url TEXT");
}

function readMeta(db: Database.Database): Record<string, string> {
  return Object.fromEntries((db.prepare("SELECT key, value FROM meta").all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
}

function writeMeta(db: Database.Database, values: Record<string, string>): void {
  const stmt = db.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value");
  db.transaction(() => {
    for (const [k, v] of Object.entries(values)) stmt.run(k, v);
  })();
}

function toBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function toArray(blob: Buffer): number[] {
  // Copy first: SQLite hands back buffers at any byte offset, and a Float32Array view needs 4-byte alignment.
  return Array.from(new Float32Array(new Uint8Array(blob).buffer));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

export function writeJsonAtomic(file: string, value: unknown): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, "w");
  fs.writeSync(fd, JSON.stringify(value));
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, file);
}
