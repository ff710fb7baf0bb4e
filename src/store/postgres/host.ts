import os from "node:os";
import { fold } from "../../text/fold.js";
import type { Article, ArticleSummary, Fact } from "../../types.js";
import { UserError } from "../../types.js";
import type { ArticleFilter, IndexHost, ModelIdentity, NewPassage, ScoredId, SearchIndex, StoredPassage } from "../search-index.js";
import { BridgeFailure, SyncBridge, type BridgeOptions } from "./bridge.js";
import { lexemes, toTsquery } from "./lexical.js";
import type { OpName, Ops } from "./worker.js";

export interface PostgresOptions extends BridgeOptions {
  /** A writer's lease lasts this long and is renewed while it writes (default 60 s; a crashed writer's lease lapses). */
  leaseSeconds: number;
  /** How long to wait for another writer's lease before refusing (default 3 s, as the file lock). */
  leaseWaitMs: number;
  /** A retired generation is dropped this long after the switch, so questions in flight elsewhere finish (default 60 s). */
  retiredGraceMs: number;
  /** A generation being built that nobody touched for this long is abandoned (default 10 min). */
  abandonedAfterMs: number;
  /** Building a generation's HNSW index may take this long (default 30 min: millions of rows). */
  indexBuildTimeoutMs: number;
}

// HNSW parameters: m and ef_construction as pgvector's defaults (16, 64); ef_search as high as the
// embedded store's 768 allows within pgvector's cap of 1000 (the static model's query vectors sit among
// many near-equal neighbours, so a wide search list is what buys recall).
export const DEFAULT_POSTGRES: PostgresOptions = {
  hnsw: { m: 16, efConstruction: 64, efSearch: 768 },
  connectTimeoutMs: 5_000,
  callTimeoutMs: 120_000,
  leaseSeconds: 60,
  leaseWaitMs: 3_000,
  retiredGraceMs: 60_000,
  abandonedAfterMs: 10 * 60_000,
  indexBuildTimeoutMs: 30 * 60_000,
};

type Args<K extends OpName> = Ops[K] extends (c: never, ...rest: infer A) => unknown ? A : never;
type Result<K extends OpName> = Ops[K] extends (...a: never[]) => Promise<infer R> ? R : never;

/** postgres://user:secret@db:5432/library → "database db:5432/library" (no password in messages). */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `database ${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "database in DATABASE_URL";
  }
}

/**
 * The library on PostgreSQL + pgvector: generations are rows of `generations` with their own tables;
 * the writer holds the row lease; every call is one query or one transaction through the `pg` client in
 * a worker thread (SyncBridge). Connecting applies the schema migrations this database lacks.
 */
export class PostgresHost implements IndexHost {
  readonly description: string;
  private readonly options: PostgresOptions;
  get indexBuildTimeoutMs(): number {
    return this.options.indexBuildTimeoutMs;
  }

  private readonly holder = `${os.hostname()} pid ${process.pid} #${Math.random().toString(36).slice(2, 8)}`;

  private constructor(
    private readonly bridge: SyncBridge,
    description: string,
    options: PostgresOptions,
  ) {
    this.description = description;
    this.options = options;
  }

  /** Connects, checks pgvector and the schema version, migrates; one clear UserError when any of that fails. */
  static connect(url: string, options: Partial<PostgresOptions> = {}): PostgresHost {
    const o = { ...DEFAULT_POSTGRES, ...options, hnsw: { ...DEFAULT_POSTGRES.hnsw, ...options.hnsw } };
    const bridge = new SyncBridge(url, o);
    const host = new PostgresHost(bridge, describeUrl(url), o);
    try {
      host.call("ping");
    } catch (error) {
      bridge.close();
      throw error;
    }
    return host;
  }

  /** One bridge call; a database failure becomes one clear UserError naming the database. */
  call<K extends OpName>(op: K, ...args: Args<K>): Result<K> {
    return this.callWithin(this.options.callTimeoutMs, op, ...args);
  }

  callWithin<K extends OpName>(timeoutMs: number, op: K, ...args: Args<K>): Result<K> {
    try {
      return this.bridge.callWithin(timeoutMs, op, ...args);
    } catch (error) {
      if (!(error instanceof BridgeFailure)) throw error;
      const f = error.failure;
      switch (f.kind) {
        case "unreachable":
          throw new UserError(`Cannot reach the ${this.description} (${f.message}). Check DATABASE_URL and that the server is running; nothing was changed.`, "database_unreachable");
        case "lost":
          throw new UserError(`Lost the connection to the ${this.description} (${f.message}). An interrupted write was rolled back; try again when the database is reachable.`, "database_unreachable");
        case "query":
          throw new Error(`${this.description}: ${f.message}`);
        default:
          throw new UserError(`Cannot use the ${this.description}: ${f.message}. Nothing was changed.`, `database_${f.kind}`);
      }
    }
  }

  liveGeneration(): string | null {
    const live = this.call("liveGeneration");
    return live ? String(live.id) : null;
  }

  /** `readonly` needs nothing here: opening writes nothing, and a read-only database refuses writes itself (one clear line). */
  open(generation: string, model: ModelIdentity, _options: { readonly?: boolean } = {}): SearchIndex {
    const id = Number(generation);
    const info = this.call("generation", id);
    if (!info) throw new UserError(`Generation ${generation} is gone from the ${this.description}; restart to open the live one.`, "no_index");
    if (info.modelId !== model.modelId || info.dimension !== model.dimension || (info.fingerprint && info.fingerprint !== model.fingerprint)) {
      throw new UserError(
        `The library in the ${this.description} was built with the embedding model "${info.modelId}" (${info.dimension} dimensions), ` +
          `but the configured model is "${model.modelId}" (${model.dimension} dimensions)` +
          (info.modelId === model.modelId ? " with different weights" : "") +
          `. Searching it would give meaningless results. Either set EMBEDDING_MODEL=${info.modelId} again, ` +
          `or rebuild the library with the new model: npm run --silent library -- reindex`,
        "model_mismatch",
      );
    }
    return new PostgresIndex(this, id, { modelId: model.modelId, dimension: model.dimension, fingerprint: model.fingerprint });
  }

  beginGeneration(model: ModelIdentity): { name: string; index: SearchIndex } {
    const identity = { modelId: model.modelId, dimension: model.dimension, fingerprint: model.fingerprint };
    const id = this.call("createGeneration", identity);
    return { name: String(id), index: new PostgresIndex(this, id, identity) };
  }

  switchTo(name: string): void {
    this.call("switchTo", Number(name));
  }

  /** Drops a generation being built at once; one switched away from is dropped by removeStale after its grace time. */
  discard(name: string): void {
    const info = this.call("generation", Number(name));
    if (info?.state === "building") this.call("drop", Number(name));
  }

  /** Whether the database accepts writes is its own to say: a write to a read-only one is refused with one line. */
  writable(_generation: string): boolean {
    return true;
  }

  /** Database failures are already one clear UserError (see call). */
  storageFault(): UserError | null {
    return null;
  }

  readArticles(generation: string): Article[] {
    return this.call("allArticles", Number(generation));
  }

  touch(name: string): void {
    this.call("touch", Number(name));
  }

  removeStale(): void {
    for (const id of this.call("staleGenerations", this.options.abandonedAfterMs, this.options.retiredGraceMs)) this.call("drop", id);
  }

  /**
   * Takes the lease row for this host. The holder names this host (one per process), so a lease this
   * host could not release (the connection dropped) is its own to take again; writes within a process
   * are already one at a time (Library).
   */
  async acquireWriteLock(): Promise<() => void> {
    const holder = this.holder;
    const deadline = Date.now() + this.options.leaseWaitMs;
    for (;;) {
      const lease = this.call("acquireLease", holder, this.options.leaseSeconds);
      if (lease.taken) break;
      if (Date.now() >= deadline) {
        throw new UserError(
          `Another process (${lease.holder}) is changing this library right now (an add, remove or reindex). Nothing was changed; try again when it has finished.`,
          "index_busy",
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Renewed while the write runs (between batches); a writer that dies lets it lapse.
    const renew = setInterval(() => {
      try {
        this.call("acquireLease", holder, this.options.leaseSeconds);
      } catch {
        // The write itself will report the lost connection.
      }
    }, (this.options.leaseSeconds * 1000) / 4);
    renew.unref();
    return () => {
      clearInterval(renew);
      try {
        this.call("releaseLease", holder);
      } catch {
        // Unreachable: the lease lapses on its own.
      }
    };
  }

  close(): void {
    this.bridge.close();
  }
}

const EMPTY: ArticleFilter = { articleIds: null };

/**
 * One generation on PostgreSQL. Reads go to the database every time (other processes write too);
 * counts and term statistics are kept for one write version, read from the generation's row.
 */
export class PostgresIndex implements SearchIndex {
  private vectorIndexReady = false;
  private readonly derived = {
    version: -1,
    stats: null as { passages: number; articles: number; avgLength: number } | null,
    df: new Map<string, number>(),
    memo: new Map<string, unknown>(),
  };

  constructor(
    private readonly host: PostgresHost,
    readonly generation: number,
    readonly model: ModelIdentity,
  ) {}

  private fresh(): typeof this.derived {
    const version = this.writeVersion();
    if (version !== this.derived.version) {
      this.derived.version = version;
      this.derived.stats = null;
      this.derived.df.clear();
      this.derived.memo.clear();
    }
    return this.derived;
  }

  /** Data derived from the whole library, computed at most once per write version (as the SQLite store's). */
  derive<T>(name: string, compute: () => T): T {
    const { memo } = this.fresh();
    if (!memo.has(name)) memo.set(name, compute());
    return memo.get(name) as T;
  }

  /**
   * Ids of the articles with a passage (or article context) holding `phrase` as consecutive words: the folded,
   * stemmed words as a phrase tsquery (`<->`) over the same tsvector lexical search uses. Once per write version.
   */
  articlesNaming(phrase: string): Set<string> {
    const words = fold(phrase).match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length === 0) return new Set();
    return this.derive(`articles-naming:${words.join(" ")}`, () => {
      const query = toTsquery(`"${words.join(" ").replace(/"/g, '""')}"`);
      return new Set(query ? this.host.call("articlesMatching", this.generation, query.tsquery) : []);
    });
  }

  private stats() {
    const derived = this.fresh();
    derived.stats ??= this.host.call("stats", this.generation);
    return derived.stats;
  }

  /** Matching passages for a tsquery, kept for this write version. */
  private count(key: string, tsquery: string): number {
    const { df } = this.fresh();
    let n = df.get(key);
    if (n === undefined) {
      n = this.host.call("count", this.generation, tsquery);
      if (df.size > 50_000) df.clear();
      df.set(key, n);
    }
    return n;
  }

  writeVersion(): number {
    return this.host.call("writeVersion", this.generation);
  }

  counts(): { articles: number; passages: number } {
    const { articles, passages } = this.stats();
    return { articles, passages };
  }

  documentFrequency(term: string): number {
    const words = lexemes(term);
    if (words.length === 0) return 0;
    const tsquery = words.map((w) => `'${w.replace(/'/g, "''")}':D`).join(" <-> ");
    return this.count(`body:${term}`, tsquery);
  }

  lexicalSearch(match: string, limit: number, filter: ArticleFilter = EMPTY, contextWeight = 0.35): ScoredId[] {
    const query = match ? toTsquery(match) : null;
    if (!query || (filter.articleIds && filter.articleIds.size === 0)) return [];
    const { passages, avgLength } = this.stats();
    // FTS5's idf: ln((N − n + 0.5) / (n + 0.5)), floored just above zero.
    const idfs = query.lexemes.map((lexeme) => {
      const n = this.count(`any:${lexeme}`, `'${lexeme.replace(/'/g, "''")}'`);
      return Math.max(1e-6, Math.log((passages - n + 0.5) / (n + 0.5)));
    });
    return this.host.call("lexical", this.generation, {
      tsquery: query.tsquery,
      lexemes: query.lexemes,
      idfs,
      avgLength,
      limit,
      articleIds: filter.articleIds ? [...filter.articleIds] : null,
      contextWeight,
    });
  }

  denseSearch(vector: Float32Array, limit: number, filter: ArticleFilter = EMPTY): ScoredId[] {
    if (filter.articleIds && filter.articleIds.size === 0) return [];
    return this.host.call("dense", this.generation, vector, limit, filter.articleIds ? [...filter.articleIds] : null);
  }

  getPassages(ids: number[]): StoredPassage[] {
    if (ids.length === 0) return [];
    const byId = new Map(this.host.call("passages", this.generation, ids).map((p) => [p.id, p]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  articlePassages(articleId: string): StoredPassage[] {
    return this.host.call("articlePassages", this.generation, articleId);
  }

  getArticle(id: string): Article | null {
    return this.host.call("article", this.generation, "id", id);
  }

  findArticleByUrl(url: string): Article | null {
    return this.host.call("article", this.generation, "url", url);
  }

  findArticleByHash(contentHash: string): Article | null {
    return this.host.call("article", this.generation, "content_hash", contentHash);
  }

  allArticles(): Article[] {
    return this.host.call("allArticles", this.generation);
  }

  listArticles(offset = 0, limit = 20): { total: number; items: ArticleSummary[] } {
    return this.host.call("listArticles", this.generation, offset, limit);
  }

  allArticleSummaries(): ArticleSummary[] {
    return this.host.call("summaries", this.generation);
  }

  articleOrigins(): { id: string; kind: string; ref: string; contentHash: string }[] {
    return this.host.call("origins", this.generation);
  }

  getMeta(): Record<string, string> {
    const info = this.host.call("generation", this.generation);
    if (!info) return {};
    return { ...info.meta, model_id: info.modelId, dimension: String(info.dimension), fingerprint: info.fingerprint, write_version: String(info.writeVersion) };
  }

  setMeta(values: Record<string, string>): void {
    this.host.call("setMeta", this.generation, values);
  }

  sizeOnDisk(): number {
    return this.host.call("size", this.generation);
  }

  /** One transaction; with `saveVectors: false` (bulk batches) the HNSW index is left to `saveVectors()`. */
  putArticles(entries: { article: Article; passages: NewPassage[] }[], options: { saveVectors?: boolean } = {}): void {
    if (entries.length) this.host.call("putArticles", this.generation, entries);
    if (options.saveVectors !== false) this.saveVectors();
  }

  putArticle(article: Article, passages: NewPassage[], options: { saveVectors?: boolean } = {}): void {
    this.putArticles([{ article, passages }], options);
  }

  removeArticle(id: string): boolean {
    return this.host.call("removeArticle", this.generation, id).existed;
  }

  rewriteFacts(facts: Map<number, Fact[]>, meta: Record<string, string>): void {
    this.host.call("rewriteFacts", this.generation, [...facts], meta);
  }

  /**
   * Builds the generation's HNSW index over what a bulk write loaded, once; afterwards the database keeps
   * it up to date with every write. Until then vector search is exact.
   */
  saveVectors(): void {
    if (this.vectorIndexReady) return;
    this.host.callWithin(this.host.indexBuildTimeoutMs, "ensureVectorIndex", this.generation);
    this.vectorIndexReady = true;
  }

  /** The connection belongs to the host. */
  close(): void {}
}
