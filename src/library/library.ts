import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config.js";
import { embedderOptions, type Embedder } from "../embed/embedder.js";
import { createWorkerEmbedder, type BulkEmbedder } from "../embed/worker-embedder.js";
import { chunkArticle, embeddingText, passageContext } from "../chunk/chunk.js";
import { articleFacts, FACTS_VERSION } from "../facts/index.js";
import { canonicalizeUrl, createOffThreadReader, fetchArticle, readArticlePath, readDataDir, type OffThreadReader } from "../ingest/index.js";
import type { IndexHost, NewPassage, SearchIndex } from "../store/search-index.js";
import { openIndexHost } from "../store/open-host.js";
import { storageFault } from "../store/faults.js";
import { fold } from "../text/fold.js";
import type { AddResult, AddSource, Article, ArticleInput, ArticleSummary, Fact, IndexStats, LibraryApi, ReindexProgress } from "../types.js";
import { UserError } from "../types.js";

export interface SyncReport {
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  problems: { file: string; message: string }[];
  ms: number;
}

export type ProgressFn = (done: number, total: number) => void;

/**
 * The article library: every write to the index goes through here (CLI and bot alike). Writes are
 * serialised; questions read `store()` and keep being answered while a reindex builds a new
 * generation beside the live one.
 */
export class Library implements LibraryApi {
  private live: SearchIndex;
  private liveGeneration: string;
  private writes: Promise<unknown> = Promise.resolve();
  /** Reads uploads, fetched pages and added files in a worker thread with a time budget (started on first use). */
  private reader: OffThreadReader | null = null;

  private constructor(
    private readonly config: Config,
    private readonly embedder: Embedder,
    private readonly host: IndexHost,
    store: SearchIndex,
    generation: string,
    /** Opened read-only (a folder this process may not write): questions, stats and list work; writes refuse. */
    private readonly readonly: boolean,
  ) {
    this.live = store;
    this.liveGeneration = generation;
  }

  /**
   * Opens the live generation of the configured host (the index folder, or the database when
   * DATABASE_URL is set), creating an empty one when there is none, after clearing what a crashed
   * writer left; opening the store brings its derived structures up to date.
   */
  static open(config: Config, embedder: Embedder, given?: IndexHost): Library {
    let host = given;
    try {
      host ??= openIndexHost(config);
      let generation = host.liveGeneration();
      // A library this process may not write (another user's index folder, a read-only mount) is opened
      // read-only: questions, stats and list work; a write says what is wrong.
      const readonly = generation !== null && !host.writable(generation);
      if (!generation) {
        const created = host.beginGeneration(identity(embedder));
        created.index.setMeta({ facts_version: String(FACTS_VERSION) });
        created.index.close();
        host.switchTo(created.name);
        generation = created.name;
      }
      if (!readonly) host.removeStale();
      const store = host.open(generation, identity(embedder), { readonly });
      return new Library(config, embedder, host, store, generation, readonly);
    } catch (error) {
      const fault = host ? host.storageFault(error) : storageFault(error, config.indexDir);
      host?.close();
      throw fault ?? error;
    }
  }

  /** The live store; follows a switch of generation made by another process (a CLI reindex). */
  store(): SearchIndex {
    const generation = this.host.liveGeneration();
    if (generation && generation !== this.liveGeneration) {
      const next = this.host.open(generation, identity(this.embedder), { readonly: this.readonly });
      const old = this.live;
      this.live = next;
      this.liveGeneration = generation;
      old.close();
      // The switcher deletes the old generation; if it died first, that is left to us.
      if (!this.readonly) this.host.removeStale();
    }
    return this.live;
  }

  close(): void {
    this.live.close();
    this.host.close();
    void this.reader?.close();
    this.reader = null;
  }

  private untrusted(): OffThreadReader {
    this.reader ??= createOffThreadReader({ timeoutMs: this.config.parseTimeoutMs });
    return this.reader;
  }

  /**
   * Runs admin writes one at a time, in the order they were asked for, holding the index's write lock. `prepare`
   * (reading the source: a fetch, a parse in the worker) runs in turn but before the lock is taken, so a slow
   * page never makes another process's writer wait for the lock.
   */
  private serialize<T, P = undefined>(work: (prepared: P) => Promise<T>, prepare?: () => Promise<P>): Promise<T> {
    const locked = async () => {
      try {
        const prepared = (prepare ? await prepare() : undefined) as P;
        const release = await this.host.acquireWriteLock();
        try {
          return await work(prepared);
        } finally {
          release();
        }
      } catch (error) {
        throw this.host.storageFault(error) ?? error;
      }
    };
    const run = this.writes.then(locked, locked);
    this.writes = run.catch(() => undefined);
    return run;
  }

  /**
   * Reads the source (fetch, parse and clean, in the worker) before taking the write lock, so a slow page never
   * holds up another writer; the write itself is serialised.
   */
  add(source: AddSource): Promise<AddResult[]> {
    return this.serialize(
      (inputs) => this.putAll(inputs),
      () => this.read(source),
    );
  }

  /**
   * Fetches and reads one article by URL exactly as `add({ kind: "url", url })` does (same safe fetch, same
   * identity), without indexing it: feeds judge relevance on the article before it is added.
   */
  async fetchUrl(url: string): Promise<ArticleInput> {
    const [article] = await this.read({ kind: "url", url });
    return article!;
  }

  /**
   * Indexes articles already read (by `fetchUrl`) as one batch, in the write queue: after a reindex or add in
   * progress has finished, never beside it. Unchanged and duplicate articles come back "unchanged".
   */
  addArticles(inputs: ArticleInput[]): Promise<AddResult[]> {
    return this.serialize(() => this.putAll(inputs));
  }

  private async read(source: AddSource): Promise<ArticleInput[]> {
    switch (source.kind) {
      case "url":
        return [await fetchArticle(source.url, { ...this.config.fetch, readPage: (page) => this.untrusted().readPage(page) })];
      case "upload":
        return this.untrusted().parseFile(source.fileName, source.bytes, { originKind: "upload", ref: source.fileName, maxBytes: this.config.uploadMaxBytes });
      case "text": {
        const meta = source.meta ?? {};
        const body = frontMatter(meta) + source.text;
        return this.untrusted().parseFile(meta.title ? `${meta.title}.md` : "article.md", new TextEncoder().encode(body), { originKind: "text", ref: "text" });
      }
      case "path": {
        const st = fs.lstatSync(source.path, { throwIfNoEntry: false });
        if (!st) throw new UserError(`${source.path} does not exist. Give a file or folder of reports.`, "not_found");
        if (st.isSymbolicLink()) {
          throw new UserError(`${source.path} is a symbolic link; links are not followed (they can point anywhere on this machine). Give the file or folder itself.`, "symlink");
        }
        if (st.isDirectory()) {
          const { articles, problems } = await readDataDir(source.path);
          if (articles.length === 0) throw nothingReadable(source.path, problems);
          return articles;
        }
        return readArticlePath(source.path, { maxBytes: this.config.uploadMaxBytes, parse: (name, bytes, options) => this.untrusted().parseFile(name, bytes, options) });
      }
    }
  }

  /**
   * Adds or updates articles: unchanged content is not re-embedded; the same text under another id is a
   * duplicate. Embeds and commits in batches; the HNSW file is written once at the end.
   */
  private async putAll(inputs: ArticleInput[], onProgress?: ProgressFn): Promise<AddResult[]> {
    const store = this.store();
    const results: AddResult[] = [];
    const pending = new Map<Article, AddResult>();
    const hashesInBatch = new Map<string, ArticleSummary>();
    for (const input of inputs) {
      const contentHash = hashArticle(input);
      // Identity is the id alone (the data file's stem, or the address a page was fetched from): never the url
      // a page claims, so nothing fetched can update a report it was not fetched as.
      const existing = store.getArticle(input.id);
      if (existing && input.origin.kind === "url" && canonicalizeUrl(existing.url ?? "") !== canonicalizeUrl(input.url ?? "")) {
        throw new UserError(
          `The id ${input.id} already belongs to another report (${existing.origin.ref}); ${input.url} was not added. Remove that report first if it should be replaced.`,
          "id_conflict",
        );
      }
      const duplicate = existing?.contentHash === contentHash ? existing : (store.findArticleByHash(contentHash) ?? null);
      const earlier = hashesInBatch.get(contentHash);
      if (duplicate || earlier) {
        results.push({ status: "unchanged", article: earlier ?? summary(duplicate!), passages: 0 });
        continue;
      }
      const article: Article = { ...input, id: existing?.id ?? input.id, contentHash, addedAt: new Date().toISOString() };
      hashesInBatch.set(contentHash, summary(article));
      const result: AddResult = { status: existing ? "updated" : "added", article: summary(article), passages: 0 };
      results.push(result);
      pending.set(article, result);
    }
    let done = inputs.length - pending.size;
    onProgress?.(done, inputs.length);
    await writeInBatches(this.config, this.embedder, store, [...pending.keys()], (written) => {
      for (const entry of written) pending.get(entry.article)!.passages = entry.passages.length;
      done += written.length;
      onProgress?.(done, inputs.length);
    });
    if (pending.size) store.saveVectors();
    return results;
  }

  remove(idOrUrl: string): Promise<ArticleSummary> {
    return this.serialize(async () => {
      const store = this.store();
      const article = store.getArticle(idOrUrl) ?? store.findArticleByUrl(idOrUrl);
      if (!article) throw new UserError(`No article with id or url "${idOrUrl}". See the ids with: list`, "not_found");
      store.removeArticle(article.id);
      return summary(article);
    });
  }

  list(page: { offset?: number; limit?: number } = {}): { total: number; items: ArticleSummary[] } {
    return this.store().listArticles(page.offset ?? 0, page.limit ?? 20);
  }

  /**
   * Makes the index match a folder: new and changed files are (re)embedded, unchanged ones skipped,
   * and articles that came from this folder but whose file is gone are removed.
   */
  syncDataDir(dir: string, onProgress?: ProgressFn): Promise<SyncReport> {
    return this.serialize(async () => {
      const started = Date.now();
      const { articles, problems } = await readDataDir(dir);
      // Nothing readable: refuse before removing anything (a folder of broken files must not empty the index).
      if (articles.length === 0 && problems.length > 0) throw nothingReadable(dir, problems);
      const store = this.store();
      const report: SyncReport = { added: 0, updated: 0, unchanged: 0, removed: 0, problems, ms: 0 };
      const root = path.resolve(dir);
      const present = new Set(articles.map((a) => a.id));
      for (const origin of store.articleOrigins()) {
        const fromThisDir = origin.kind === "data" && path.resolve(origin.ref).startsWith(root + path.sep);
        if (fromThisDir && !present.has(origin.id)) {
          store.removeArticle(origin.id);
          report.removed++;
        }
      }
      for (const result of await this.putAll(articles, onProgress)) report[result.status]++;
      report.ms = Date.now() - started;
      if (report.added + report.updated + report.removed > 0) {
        store.setMeta({ built_at: new Date().toISOString(), build_ms: String(report.ms) });
      }
      return report;
    });
  }

  /**
   * Rebuilds every article into a new generation (re-chunked, re-embedded with the configured model),
   * then switches to it in one rename. Questions are answered from the old generation until then.
   */
  reindex(onProgress?: (p: ReindexProgress) => void): Promise<{ articles: number; passages: number; ms: number }> {
    return this.serialize(async () => {
      const result = await rebuildIndex(this.host, this.config, this.embedder, onProgress);
      const old = this.live;
      this.live = result.store;
      this.liveGeneration = result.generation;
      old.close();
      return { articles: result.articles, passages: result.passages, ms: result.ms };
    });
  }

  /**
   * Re-reads every passage's facts from its stored text when they were read by another version of the facts reader
   * (src/facts FACTS_VERSION), in one transaction, without re-embedding; a no-op when they are current or the library
   * is read-only. Returns the number of passages whose facts were re-read.
   */
  refreshFacts(): Promise<number> {
    if (this.readonly || this.store().getMeta().facts_version === String(FACTS_VERSION)) return Promise.resolve(0);
    return this.serialize(async () => {
      const store = this.store();
      if (store.getMeta().facts_version === String(FACTS_VERSION)) return 0;
      const facts = new Map<number, Fact[]>();
      for (const article of store.allArticles()) {
        const passages = store.articlePassages(article.id);
        articleFacts(article, passages).forEach((list, i) => facts.set(passages[i]!.id, list));
      }
      store.rewriteFacts(facts, { facts_version: String(FACTS_VERSION) });
      return facts.size;
    });
  }

  /** Where the library lives and the write version its live generation serves; throws when it is unreachable. */
  health(): { backend: string; writeVersion: number } {
    return { backend: this.host.description, writeVersion: this.store().writeVersion() };
  }

  stats(): IndexStats {
    const store = this.store();
    const meta = store.getMeta();
    const summaries = store.allArticleSummaries();
    const dates = summaries.map((a) => a.date).filter((d): d is string => !!d).sort();
    const places = [...new Set(summaries.map((a) => a.place?.replace(/\s*\(.*\)$/, "")).filter((p): p is string => !!p))].sort();
    return {
      ...store.counts(),
      model: meta.model_id,
      dimension: Number(meta.dimension),
      indexBytes: store.sizeOnDisk(),
      builtAt: meta.built_at ?? null,
      buildMs: meta.build_ms ? Number(meta.build_ms) : null,
      places,
      dateRange: { from: dates[0] ?? null, to: dates.at(-1) ?? null },
    };
  }
}

/**
 * Builds a new generation from the articles of the live one (whatever model built it), switches the
 * host to it and deletes the old one. A crash before the switch leaves the old generation live;
 * the half-built one is removed at the next open.
 */
export async function rebuildIndex(
  host: IndexHost,
  config: Config,
  embedder: Embedder,
  onProgress?: (p: ReindexProgress) => void,
): Promise<{ store: SearchIndex; generation: string; articles: number; passages: number; ms: number }> {
  const started = Date.now();
  const oldGeneration = host.liveGeneration();
  const articles = oldGeneration ? host.readArticles(oldGeneration) : [];
  onProgress?.({ phase: "reading", done: articles.length, total: articles.length });
  const { name: generation, index: next } = host.beginGeneration(identity(embedder));
  let passages = 0;
  let done = 0;
  try {
    await writeInBatches(config, embedder, next, articles, (written) => {
      done += written.length;
      passages += written.reduce((sum, w) => sum + w.passages.length, 0);
      host.touch(generation);
      onProgress?.({ phase: "embedding", done, total: articles.length });
    });
    onProgress?.({ phase: "writing", done: articles.length, total: articles.length });
    next.setMeta({ built_at: new Date().toISOString(), build_ms: String(Date.now() - started), facts_version: String(FACTS_VERSION) });
    next.saveVectors();
    onProgress?.({ phase: "swapping", done: articles.length, total: articles.length });
    host.switchTo(generation);
  } catch (error) {
    next.close();
    try {
      host.discard(generation);
    } catch {
      // The host is unreachable (a lost connection): the half-built generation is removed at the next open.
    }
    throw error;
  }
  if (oldGeneration) host.discard(oldGeneration);
  onProgress?.({ phase: "done", done: articles.length, total: articles.length });
  return { store: next, generation, articles: articles.length, passages, ms: Date.now() - started };
}

/** About this many passages are embedded, then committed in one transaction. */
const BATCH_PASSAGES = 512;
/** From about this many passages on, a second copy of the model in a worker thread pays for its start (~2 s). */
const WORKER_PASSAGES = 5_000;

type Embedded = { article: Article; passages: NewPassage[] };

/**
 * Chunks, embeds and stores articles in batches of about BATCH_PASSAGES passages, one SQLite transaction
 * per batch (a batch is whole or absent after a crash). On large builds the next batch is embedded in a
 * worker thread while this one is written.
 */
async function writeInBatches(
  config: Config,
  embedder: Embedder,
  store: SearchIndex,
  articles: Article[],
  onWritten: (batch: Embedded[]) => void,
): Promise<void> {
  const batches: Article[][] = [];
  let current: Article[] = [];
  let size = 0;
  let total = 0;
  for (const article of articles) {
    const estimate = Math.max(1, Math.ceil(article.text.length / 600));
    current.push(article);
    size += estimate;
    total += estimate;
    if (size >= BATCH_PASSAGES) {
      batches.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length) batches.push(current);

  const worker = total >= WORKER_PASSAGES ? await startBulkEmbedder(config, embedder) : null;
  const passageEmbedder = worker ?? embedder;
  try {
    let next = batches.length ? embedArticles(passageEmbedder, batches[0]!) : null;
    for (let i = 0; next; i++) {
      const embedded = await next;
      next = i + 1 < batches.length ? embedArticles(passageEmbedder, batches[i + 1]!) : null;
      store.putArticles(embedded, { saveVectors: false });
      onWritten(embedded);
    }
  } finally {
    await worker?.close();
  }
}

/** The configured model in a worker thread, or null (then the caller embeds on its own thread) if it differs or fails. */
async function startBulkEmbedder(config: Config, embedder: Embedder): Promise<BulkEmbedder | null> {
  try {
    const worker = await createWorkerEmbedder(embedderOptions(config));
    if (worker.fingerprint === embedder.fingerprint) return worker;
    await worker.close();
  } catch {
    // Slower, not wrong: embed on this thread.
  }
  return null;
}

/** Chunks articles and embeds all their passages (in the embedder's batches), each with its article's context. */
async function embedArticles(embedder: Pick<Embedder, "embedPassages">, articles: Article[]): Promise<Embedded[]> {
  const chunked = articles.map((article) => ({ article, passages: chunkArticle(article), context: passageContext(article) }));
  const texts = chunked.flatMap((c) => c.passages.map((p) => embeddingText(c.context, p.text)));
  const embedding = embedder.embedPassages(texts);
  // Facts are read on this thread while a worker embeds (bulk builds), so they cost little build time.
  const facts = chunked.map(({ article, passages }) => articleFacts(article, passages));
  const vectors = await embedding;
  let at = 0;
  return chunked.map(({ article, passages, context }, k) => ({
    article,
    passages: passages.map((p, i) => ({ ...p, context: fold(context), vector: vectors[at++]!, facts: facts[k]![i]! })),
  }));
}

function identity(embedder: Embedder) {
  return { modelId: embedder.modelId, dimension: embedder.dimension, fingerprint: embedder.fingerprint };
}

export function hashArticle(a: ArticleInput): string {
  return createHash("sha256").update(JSON.stringify([a.title, a.url, a.date, a.source, a.place, a.text, ...(a.claimedUrl ? [a.claimedUrl] : [])])).digest("hex");
}

function summary(a: ArticleSummary): ArticleSummary {
  return { id: a.id, title: a.title, url: a.url, date: a.date, source: a.source, place: a.place };
}

/** One line for a folder where no file could be read: how many, and the first reason. */
function nothingReadable(dir: string, problems: { file: string; message: string }[]): UserError {
  const first = problems[0];
  const why = first ? ` (${first.file}: ${first.message.replace(/\s+/g, " ").slice(0, 200)}${problems.length > 1 ? `; and ${problems.length - 1} more` : ""})` : "";
  return new UserError(
    `No report in ${dir} could be read: ${problems.length} file${problems.length === 1 ? "" : "s"} refused${why}. Nothing was changed; fix the files and run it again.`,
    "nothing_readable",
  );
}

function frontMatter(meta: Record<string, unknown>): string {
  const lines = Object.entries(meta)
    .filter(([, v]) => v !== undefined && v !== null && v !== "")
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`);
  return lines.length ? `---\n${lines.join("\n")}\n---\n` : "";
}
