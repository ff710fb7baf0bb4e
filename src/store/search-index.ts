import type { Article, ArticleSummary, Fact, UserError } from "../types.js";
import type { ArticleFilter, ModelIdentity, NewPassage, StoredPassage } from "./store.js";

export type { ArticleFilter, ModelIdentity, NewPassage, StoredPassage } from "./store.js";

/** A passage id with its score (larger = better). */
export interface ScoredId {
  id: number;
  score: number;
}

/**
 * One generation of the library: what search, answering and the library read and write. Two
 * implementations: `Store` (SQLite + FTS5 + hnswlib in one folder, the default) and `PostgresIndex`
 * (PostgreSQL + pgvector, chosen with DATABASE_URL).
 *
 * Calls are synchronous, as better-sqlite3's are: the PostgreSQL backend runs its `pg` client in a worker
 * thread and waits for each answer, so the code above the store reads the same for both.
 *
 * Every write is one transaction that also moves `writeVersion()` on; anything derived from the index
 * (counts, term statistics, filter context) is valid for one write version.
 */
export interface SearchIndex {
  /** The embedding model this generation was built with. */
  readonly model: ModelIdentity;

  // ---------- passages ----------
  /** Passages with their article summaries, in the order of `ids`; ids that no longer exist are skipped. */
  getPassages(ids: number[]): StoredPassage[];
  /** Passages of one article in order. */
  articlePassages(articleId: string): StoredPassage[];
  /**
   * BM25 over passage body and article context. `match` is an FTS5-style query over folded words:
   * quoted terms, AND / OR, parentheses, `body :` / `context :` column filters.
   */
  lexicalSearch(match: string, limit: number, filter?: ArticleFilter, contextWeight?: number): ScoredId[];
  /** Nearest passages by inner product (vectors are normalised: cosine similarity). */
  denseSearch(vector: Float32Array, limit: number, filter?: ArticleFilter): ScoredId[];
  /** Passages whose body contains this folded term. */
  documentFrequency(term: string): number;
  /**
   * Ids of the articles with a passage (or article context) holding `phrase` as consecutive folded words
   * ("nghe an" finds every report that names Nghe An). Memoised per write version.
   */
  articlesNaming(phrase: string): Set<string>;

  // ---------- articles ----------
  getArticle(id: string): Article | null;
  findArticleByUrl(url: string): Article | null;
  findArticleByHash(contentHash: string): Article | null;
  /** Every article (with text), in id order. */
  allArticles(): Iterable<Article>;
  listArticles(offset?: number, limit?: number): { total: number; items: ArticleSummary[] };
  allArticleSummaries(): ArticleSummary[];
  articleOrigins(): { id: string; kind: string; ref: string; contentHash: string }[];

  // ---------- state ----------
  counts(): { articles: number; passages: number };
  /** Moves on with every committed write (from any process); read it to know whether derived data is stale. */
  writeVersion(): number;
  /**
   * Data derived from the whole library (question context, article layouts), computed at most once per write
   * version: an edit, a removal or another process's write makes the next call compute it afresh.
   */
  derive<T>(name: string, compute: () => T): T;
  getMeta(): Record<string, string>;
  setMeta(values: Record<string, string>): void;
  /** Bytes this generation takes in storage. */
  sizeOnDisk(): number;

  // ---------- writes (one transaction each) ----------
  /** Stores articles with their passages, replacing earlier versions of them: all or nothing. */
  putArticles(entries: { article: Article; passages: NewPassage[] }[], options?: { saveVectors?: boolean }): void;
  putArticle(article: Article, passages: NewPassage[], options?: { saveVectors?: boolean }): void;
  /** Removes an article and its passages; false when there was no such article. */
  removeArticle(id: string): boolean;
  /**
   * Replaces the facts of the given passages and sets `meta` (the facts reader's version), in one transaction that
   * moves the write version on: facts are re-read from the stored text when the reader changes, no re-embedding.
   */
  rewriteFacts(facts: Map<number, Fact[]>, meta: Record<string, string>): void;
  /** Persists derived vector structures a bulk write deferred (a no-op where the database holds them). */
  saveVectors(): void;

  close(): void;
}

/**
 * Where generations live and who may write: a folder of generation folders (embedded) or a database
 * (PostgreSQL). A rebuild writes a new generation beside the live one and `switchTo` makes it live in
 * one atomic step; questions are answered from the live one throughout.
 */
export interface IndexHost {
  /** "index folder /path" or "database host:port/name", for messages. */
  readonly description: string;
  /** The live generation's name, or null when there is none yet. */
  liveGeneration(): string | null;
  /**
   * Opens a generation; refuses one built by another model (a clear UserError). `readonly`: no write is
   * attempted (not even the upkeep an open may do); writes refuse with a clear UserError.
   */
  open(generation: string, model: ModelIdentity, options?: { readonly?: boolean }): SearchIndex;
  /** False when this process may not write the generation (another user's folder, a read-only mount). */
  writable(generation: string): boolean;
  /** A storage fault (full disk, no permission, damaged file) as one clear UserError, or null for other errors. */
  storageFault(error: unknown): UserError | null;
  /** Creates an empty generation beside the live one (not live until `switchTo`). */
  beginGeneration(model: ModelIdentity): { name: string; index: SearchIndex };
  /** Makes `name` the live generation in one atomic step. */
  switchTo(name: string): void;
  /** Deletes a generation that is not live (abandoned or switched away from). */
  discard(name: string): void;
  /** Every article of a generation, whatever model built it (to rebuild it with another). */
  readArticles(generation: string): Article[];
  /** Marks a generation being built as still in progress. */
  touch(name: string): void;
  /** Removes what crashed writers left behind. */
  removeStale(): void;
  /** One writer at a time across processes; refused with a UserError ("index_busy") when another holds it. */
  acquireWriteLock(): Promise<() => void>;
  close(): void;
}
