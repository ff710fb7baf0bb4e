/**
 * Feeds: new reports arrive by themselves. Admins watch outlets' RSS / Atom feeds and sitemaps; each feed is
 * checked on a schedule, its new, relevant items are fetched with the same safe fetch as `/add` and indexed
 * as one batch, and each round that indexed something produces one digest for the admins.
 *
 * ```ts
 * const feeds = createFeedWatcher({ config, library });            // feeds.db in config.indexDir
 * await feeds.add("https://baohaiduong.vn/rss/thoi-su.rss", { addedBy: 42 });
 * const round = await feeds.checkAll();                           // now; round.digest lists what was indexed
 * feeds.start({ onDigest: (d) => tellAdmins(d) });                // every FEED_CHECK_MINUTES, jittered
 * await feeds.stop();                                             // waits for a check in progress
 * ```
 *
 * The pieces: parse.ts (XML → items, no entity expansion), run in a worker thread with a time budget by
 * parser-thread.ts; relevance.ts (keywords); hosts.ts (one fetch at a time per host); check.ts (one feed's
 * check); store.ts (feeds.db). This file owns the schedule: each feed's next check time, jitter, exponential
 * backoff after errors, rounds that never overlap.
 */
import path from "node:path";
import type { Config } from "../../config.js";
import { fetchDocument } from "../../ingest/fetch-url.js";
import { UserError } from "../../types.js";
import { checkFeed, hostOf, readFeed, type CheckOptions, type DocumentFetcher, type FeedCheckOutcome, type FeedLibrary, type IndexedItem } from "./check.js";
import { HostLimiter } from "./hosts.js";
import { FEED_KIND_NAMES, type FeedKind } from "./parse.js";
import { createFeedParser, type FeedParser } from "./parser-thread.js";
import { DEFAULT_KEYWORDS } from "./relevance.js";
import { FeedStore, type FeedRecord } from "./store.js";

export { createFeedParser, inlineFeedParser, type FeedParser } from "./parser-thread.js";
export type { FeedCheckOutcome, FeedLibrary, IndexedItem } from "./check.js";
export type { FeedRecord } from "./store.js";
export type { FeedKind } from "./parse.js";
export { FEED_KIND_NAMES } from "./parse.js";
export { DEFAULT_KEYWORDS, parseKeywords } from "./relevance.js";

/** Tunables of the watcher, with their defaults in FEED_DEFAULTS. */
export interface FeedOptions extends CheckOptions {
  /** Time between two checks of a feed (FEED_CHECK_MINUTES, default 30 min). */
  intervalMs: number;
  /** Each next check is moved by up to ± this fraction of the interval, so feeds do not all fire at once. Default 0.2. */
  jitter: number;
  /** Longest wait after failed checks (the wait doubles per failure in a row). Default 24 h. */
  maxBackoffMs: number;
  /** How often the scheduler looks for feeds that are due. Default 60 s (tests: a few ms). */
  tickMs: number;
}

export const FEED_DEFAULTS: FeedOptions = {
  intervalMs: 30 * 60_000,
  jitter: 0.2,
  maxBackoffMs: 24 * 3_600_000,
  tickMs: 60_000,
  maxItems: 5_000,
  maxFetchesPerCheck: 30,
  maxChildSitemaps: 3,
  maxItemAgeDays: 30,
  maxItemAttempts: 3,
  parseTimeoutMs: 10_000,
};

/** What a round of checks indexed, per feed; only feeds that indexed something appear. */
export interface FeedDigest {
  feeds: { feedUrl: string; title: string | null; host: string; items: IndexedItem[] }[];
}

/** One round: every checked feed's outcome, and the digest (null when nothing new was indexed). */
export interface CheckRound {
  outcomes: FeedCheckOutcome[];
  digest: FeedDigest | null;
}

export interface ScheduleHandlers {
  /** Each round that indexed something: one digest. */
  onDigest: (digest: FeedDigest) => Promise<void> | void;
  /** Every scheduled round that checked at least one feed (for logs). */
  onRound?: (round: CheckRound) => void;
}

/** The feeds with their schedule, as the bot process runs them (runBot starts and stops it). */
export interface FeedService extends FeedsApi {
  start(handlers: ScheduleHandlers): void;
  stop(): Promise<void>;
}

/** What the bot and the CLI call. */
export interface FeedsApi {
  /** Fetches and reads the feed first: a URL that is not a feed (or is unsafe, too large…) is a UserError. */
  add(url: string, by?: { addedBy?: number | null; keywords?: string[] | null }): Promise<{ feed: FeedRecord; entries: number }>;
  list(): FeedRecord[];
  remove(url: string): FeedRecord;
  /** Sets a feed's keywords; null or [] restores the default rule. */
  setKeywords(url: string, keywords: string[] | null): FeedRecord;
  /** Checks every feed now (after a round in progress). */
  checkAll(): Promise<CheckRound>;
}

export interface FeedWatcherDeps {
  store: FeedStore;
  library: FeedLibrary;
  fetchDocument: DocumentFetcher;
  /** Default: a worker thread of the watcher's own, ended by close(). */
  parser?: FeedParser;
  options?: Partial<FeedOptions>;
  now?: () => number;
  /** In [0, 1); drives the jitter. Default Math.random. */
  random?: () => number;
  /** Logged, never thrown: a failing digest or check never stops the schedule. */
  onError?: (err: unknown, what: string) => void;
}

export class FeedWatcher implements FeedService {
  readonly options: FeedOptions;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly hosts = new HostLimiter();
  private readonly parser: FeedParser;
  private rounds: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly deps: FeedWatcherDeps) {
    this.options = { ...FEED_DEFAULTS, ...Object.fromEntries(Object.entries(deps.options ?? {}).filter(([, v]) => v !== undefined)) };
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
    this.parser = deps.parser ?? createFeedParser();
  }

  async add(url: string, by: { addedBy?: number | null; keywords?: string[] | null } = {}): Promise<{ feed: FeedRecord; entries: number }> {
    const normalized = normalizeFeedUrl(url);
    if (this.deps.store.get(normalized)) throw new UserError(`${normalized} is already watched. /feeds lists the feeds.`, "feed_exists");
    const read = await readFeed(normalized, { fetchDocument: this.deps.fetchDocument, hosts: this.hosts, parser: this.parser, options: this.options });
    if (!read) throw new UserError(`${normalized} answered 304 Not Modified to a first request; it cannot be read as a feed.`, "not_a_feed");
    const { parsed } = read;
    // Saved without validators, so that the first check reads the items and does not get a 304.
    const feed = this.deps.store.add({ url: normalized, kind: parsed.kind, title: parsed.title, addedBy: by.addedBy ?? null, keywords: by.keywords ?? null, now: this.now() });
    return { feed, entries: parsed.kind === "sitemapindex" ? parsed.children.length : parsed.items.length };
  }

  list(): FeedRecord[] {
    return this.deps.store.list();
  }

  remove(url: string): FeedRecord {
    const feed = this.find(url);
    this.deps.store.remove(feed.url);
    return feed;
  }

  setKeywords(url: string, keywords: string[] | null): FeedRecord {
    const feed = this.find(url);
    this.deps.store.setKeywords(feed.url, keywords);
    return this.deps.store.get(feed.url)!;
  }

  checkAll(): Promise<CheckRound> {
    return this.round(() => this.deps.store.list());
  }

  /** Checks the feeds whose next check time has come. */
  checkDue(): Promise<CheckRound> {
    return this.round(() => this.deps.store.list().filter((f) => f.nextCheckAt <= this.now()));
  }

  /**
   * Starts the schedule: every `tickMs` the feeds that are due are checked, and `onDigest` gets the digest
   * of each round that indexed something. A round still running when the next tick comes is not doubled.
   */
  start(handlers: ScheduleHandlers): void {
    this.stopped = false;
    let busy = false;
    const tick = async () => {
      if (busy || this.stopped) return;
      busy = true;
      try {
        const round = await this.checkDue();
        if (round.outcomes.length) handlers.onRound?.(round);
        if (round.digest && !this.stopped) await handlers.onDigest(round.digest);
      } catch (err) {
        this.deps.onError?.(err, "feed round");
      } finally {
        busy = false;
      }
    };
    this.timer = setInterval(() => void tick(), this.options.tickMs);
    this.timer.unref?.();
    void tick();
  }

  /** Stops the schedule and waits for a round in progress to finish (its outcomes are recorded). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.rounds.catch(() => undefined);
  }

  /** Stops the schedule, waits for a round in progress, closes the feed store. */
  async close(): Promise<void> {
    await this.stop();
    if (!this.deps.parser) await this.parser.close();
    this.deps.store.close();
  }

  /** Rounds never overlap; feeds of one round are checked side by side (one fetch at a time per host). */
  private round(pick: () => FeedRecord[]): Promise<CheckRound> {
    const run = async (): Promise<CheckRound> => {
      const feeds = pick();
      const results = await Promise.all(feeds.map((f) => this.checkOne(f)));
      const digest: FeedDigest = {
        feeds: results
          .filter((r): r is { outcome: Extract<FeedCheckOutcome, { status: "checked" }>; feed: FeedRecord } => r.outcome.status === "checked" && r.outcome.indexed.length > 0)
          .map(({ outcome, feed }) => ({ feedUrl: feed.url, title: this.deps.store.get(feed.url)?.title ?? feed.title, host: hostOf(feed.url).replace(/^www\./, ""), items: outcome.indexed })),
      };
      return { outcomes: results.map((r) => r.outcome), digest: digest.feeds.length ? digest : null };
    };
    const next = this.rounds.then(run, run);
    this.rounds = next.catch(() => undefined);
    return next;
  }

  private async checkOne(feed: FeedRecord): Promise<{ outcome: FeedCheckOutcome; feed: FeedRecord }> {
    let result: Awaited<ReturnType<typeof checkFeed>>;
    try {
      result = await checkFeed(feed, { ...this.deps, hosts: this.hosts, parser: this.parser, options: this.options, now: this.now });
    } catch (err) {
      // A bug, not bad input: recorded like an error, so one feed never stops the others.
      this.deps.onError?.(err, `feed check ${feed.url}`);
      const message = `The check failed unexpectedly (${(err as Error)?.message ?? String(err)}).`;
      result = { outcome: { feedUrl: feed.url, status: "error", code: "error", message }, record: { outcomes: [], error: message } };
    }
    const failures = result.outcome.status === "error" ? feed.failures + 1 : 0;
    this.deps.store.recordCheck(feed.url, { ...result.record, now: this.now(), nextCheckAt: this.nextCheckAt(failures) });
    return { outcome: result.outcome, feed };
  }

  /** The interval ± jitter; after `failures` failed checks in a row, the interval × 2^failures (capped). */
  nextCheckAt(failures: number): number {
    const { intervalMs, jitter, maxBackoffMs } = this.options;
    const base = failures > 0 ? Math.min(maxBackoffMs, intervalMs * 2 ** failures) : intervalMs;
    const spread = base * jitter * (2 * this.random() - 1);
    return this.now() + Math.max(0, Math.round(base + spread));
  }

  private find(url: string): FeedRecord {
    let key = url.trim();
    try {
      key = normalizeFeedUrl(url);
    } catch {
      // Not a URL: looked up as given, and reported as not watched.
    }
    const feed = this.deps.store.get(key);
    if (!feed) throw new UserError(`No feed ${url.trim()} is watched. /feeds lists the feeds.`, "not_found");
    return feed;
  }
}

function normalizeFeedUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new UserError(`"${url.trim().slice(0, 200)}" is not a web address. Give the feed's full address, starting with https://.`, "bad_url");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new UserError(`Only http:// and https:// feeds can be watched; "${u.protocol}" is refused.`, "bad_url");
  u.hash = "";
  return u.href;
}

/**
 * The watcher as `npm start` and the CLI use it: feeds.db in the index folder; feed documents fetched with the
 * safe fetch under FETCH_* limits, except their size (FEED_MAX_BYTES).
 */
export function createFeedWatcher(input: {
  config: Config;
  library: FeedLibrary;
  onError?: FeedWatcherDeps["onError"];
  options?: Partial<FeedOptions>;
  /** Default: a worker thread of the watcher's own (see FeedWatcherDeps.parser). */
  parser?: FeedParser;
  now?: () => number;
  random?: () => number;
}): FeedWatcher {
  const { config } = input;
  const store = new FeedStore(path.join(config.indexDir, "feeds.db"));
  const fetchOptions = { ...config.fetch, maxBytes: config.feeds.maxBytes };
  return new FeedWatcher({
    store,
    library: input.library,
    fetchDocument: (url, validators) => fetchDocument(url, fetchOptions, validators ?? {}),
    parser: input.parser,
    options: { intervalMs: config.feeds.checkMinutes * 60_000, maxItems: config.feeds.maxItems, ...input.options },
    now: input.now,
    random: input.random,
    onError: input.onError,
  });
}

/** For /feeds and `feeds list`: "RSS", "sitemap index". */
export function kindName(kind: FeedKind): string {
  return FEED_KIND_NAMES[kind];
}

/** The keywords a feed's relevance rule uses (its own, or the default ones). */
export function keywordsOf(feed: FeedRecord): readonly string[] {
  return feed.keywords?.length ? feed.keywords : DEFAULT_KEYWORDS;
}
