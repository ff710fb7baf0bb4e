/**
 * One check of one feed, start to end:
 *
 *   feed document (conditional GET: 304 → nothing else is fetched)
 *     └─ sitemap index → the child sitemaps whose <lastmod> changed (newest first, a few per check)
 *   → items not seen before, newest first, on the feed's own site
 *   → relevance on what the feed says (title, description); sitemaps say nothing, so their items are fetched
 *     and judged on the article's title and first paragraph
 *   → fetched one at a time per host through the library's safe fetch (the same as /add)
 *   → the relevant ones indexed as ONE batch (queued behind a reindex, never racing it)
 *   → outcomes recorded in the feed store in one transaction.
 *
 * Returns a typed outcome; nothing here writes prose for another layer to parse.
 */
import { decodeDocument, type FetchedDocument } from "../../ingest/fetch-url.js";
import type { AddResult, ArticleInput } from "../../types.js";
import { UserError } from "../../types.js";
import type { FeedItem, ParsedFeed } from "./parse.js";
import { relevanceRule, type RelevanceRule } from "./relevance.js";
import type { HostLimiter } from "./hosts.js";
import type { FeedParser } from "./parser-thread.js";
import type { FeedRecord, FeedStore, ItemOutcomeRecord } from "./store.js";

/** What a feed check needs of the library: the fetch `/add` uses, and one indexing batch. */
export interface FeedLibrary {
  /** Fetches and reads one article exactly as `add({ kind: "url" })` does, without indexing it. */
  fetchUrl(url: string): Promise<ArticleInput>;
  /** Indexes articles as one batch, after any write in progress (a reindex) has finished. */
  addArticles(inputs: ArticleInput[]): Promise<AddResult[]>;
}

/** Downloads a feed document with the safe fetch (ingest/fetch-url.ts `fetchDocument`), bound to its limits. */
export type DocumentFetcher = (url: string, validators?: { etag: string | null; lastModified: string | null }) => Promise<FetchedDocument>;

/** Tunables of a check; defaults in `FEED_DEFAULTS` (src/library/feeds/index.ts), merged once by the watcher. */
export interface CheckOptions {
  /** A document listing more entries than this is refused whole. */
  maxItems: number;
  /** Items fetched per check at most (newest first); the rest wait for the next check. */
  maxFetchesPerCheck: number;
  /** Child sitemaps of a sitemap index read per check at most (newest <lastmod> first). */
  maxChildSitemaps: number;
  /** Items dated older than this many days are ignored (a sitemap lists years of pages). */
  maxItemAgeDays: number;
  /** A failed item fetch (timeout, network, 5xx) is tried again in later checks, this many times in all. */
  maxItemAttempts: number;
  /** Time budget for reading one feed document in the parser thread. */
  parseTimeoutMs: number;
}

export interface CheckDeps {
  store: FeedStore;
  library: FeedLibrary;
  fetchDocument: DocumentFetcher;
  hosts: HostLimiter;
  /** parseFeed in a worker thread with a time budget (parser-thread.ts). */
  parser: FeedParser;
  options: CheckOptions;
  now: () => number;
}

export interface IndexedItem {
  url: string;
  title: string;
  articleId: string;
  source: string | null;
}

export type FeedCheckOutcome =
  | { feedUrl: string; status: "not_modified" }
  | {
      feedUrl: string;
      status: "checked";
      /** New reports indexed by this check. */
      indexed: IndexedItem[];
      skipped: number;
      refused: number;
      failed: number;
      /** New items left for the next check (over maxFetchesPerCheck). */
      deferred: number;
    }
  | { feedUrl: string; status: "error"; code: string; message: string };

/** Item fetch errors worth trying again later; every other refusal (private address, not a page…) is final. */
const TRANSIENT = new Set(["timeout", "network", "dns", "http_status", "index_busy"]);

/** What a check leaves in the feed store (the watcher adds the times and records it in one transaction). */
export interface CheckRecord {
  outcomes: ItemOutcomeRecord[];
  validators?: { etag: string | null; lastModified: string | null };
  children?: Record<string, string | null>;
  title?: string | null;
  error: string | null;
}

export async function checkFeed(feed: FeedRecord, deps: CheckDeps): Promise<{ outcome: FeedCheckOutcome; record: CheckRecord }> {
  const { store, options } = deps;
  let document: { parsed: ParsedFeed; finalUrl: string; validators: { etag: string | null; lastModified: string | null } } | null;
  try {
    document = await readFeed(feed.url, deps, { etag: feed.etag, lastModified: feed.lastModified });
  } catch (err) {
    return failed(feed.url, err);
  }
  if (!document) return { outcome: { feedUrl: feed.url, status: "not_modified" }, record: { outcomes: [], error: null } };

  let items: FeedItem[];
  let children: Record<string, string | null> | undefined;
  try {
    ({ items, children } = await itemsOf(document.parsed, document.finalUrl, feed, deps));
  } catch (err) {
    return failed(feed.url, err);
  }

  const rule = relevanceRule(feed.keywords);
  const outcomes: ItemOutcomeRecord[] = [];
  const oldest = deps.now() - options.maxItemAgeDays * 86_400_000;
  const fresh = items
    .filter((i) => !store.itemDone(feed.url, i.url, options.maxItemAttempts))
    .filter((i) => {
      const t = dateOf(i.date);
      return t === null || t >= oldest;
    })
    .map((item, order) => ({ item, order, t: dateOf(item.date) ?? Number.POSITIVE_INFINITY }))
    .sort((a, b) => b.t - a.t || a.order - b.order)
    .map((x) => x.item);
  const unique = [...new Map(fresh.map((i) => [i.url, i])).values()];

  // What the feed says is enough to skip an item; what it does not say (sitemaps) needs the page.
  const toFetch: { item: FeedItem; judgeAfterFetch: boolean }[] = [];
  for (const item of unique) {
    if (!sameSite(item.url, document.finalUrl)) {
      outcomes.push({ itemUrl: item.url, status: "refused", reason: "other_host", title: item.title, articleId: null });
      continue;
    }
    const described = item.title !== null || item.summary !== null;
    if (described && !rule.matches({ title: item.title, firstParagraph: item.summary })) {
      outcomes.push({ itemUrl: item.url, status: "skipped", reason: "not_relevant", title: item.title, articleId: null });
      continue;
    }
    toFetch.push({ item, judgeAfterFetch: !described });
  }
  const deferred = Math.max(0, toFetch.length - options.maxFetchesPerCheck);

  const accepted: { item: FeedItem; article: ArticleInput }[] = [];
  for (const { item, judgeAfterFetch } of toFetch.slice(0, options.maxFetchesPerCheck)) {
    try {
      const article = await deps.hosts.run(hostOf(item.url), () => deps.library.fetchUrl(item.url));
      if (article.url && !sameSite(article.url, document.finalUrl)) {
        outcomes.push({ itemUrl: item.url, status: "refused", reason: "other_host", title: article.title, articleId: null });
        continue;
      }
      if (judgeAfterFetch && !rule.matches(articleText(article))) {
        outcomes.push({ itemUrl: item.url, status: "skipped", reason: "not_relevant", title: article.title, articleId: null });
        continue;
      }
      accepted.push({ item, article });
    } catch (err) {
      const code = err instanceof UserError ? err.code : "error";
      outcomes.push({ itemUrl: item.url, status: TRANSIENT.has(code) ? "failed" : "refused", reason: code, title: item.title, articleId: null });
    }
  }

  const indexed: IndexedItem[] = [];
  if (accepted.length) {
    try {
      const results = await deps.library.addArticles(accepted.map((a) => a.article));
      results.forEach((r, i) => {
        const { item } = accepted[i]!;
        if (r.status === "unchanged") {
          outcomes.push({ itemUrl: item.url, status: "skipped", reason: "already_indexed", title: r.article.title, articleId: r.article.id });
        } else {
          outcomes.push({ itemUrl: item.url, status: "indexed", reason: null, title: r.article.title, articleId: r.article.id });
          indexed.push({ url: r.article.url ?? item.url, title: r.article.title, articleId: r.article.id, source: r.article.source });
        }
      });
    } catch (err) {
      // Nothing of this batch is recorded as done: the next check tries these items again.
      const code = err instanceof UserError ? err.code : "index_failed";
      for (const { item } of accepted) outcomes.push({ itemUrl: item.url, status: "failed", reason: code, title: item.title, articleId: null });
    }
  }

  const count = (status: string) => outcomes.filter((o) => o.status === status).length;
  // With items left over (deferred, or failed and to be tried again) the validators are not kept, so that the
  // next check reads the feed again instead of being told 304 and never reaching them.
  const finished = deferred === 0 && count("failed") === 0;
  return {
    outcome: { feedUrl: feed.url, status: "checked", indexed, skipped: count("skipped"), refused: count("refused"), failed: count("failed"), deferred },
    record: { outcomes, validators: finished ? document.validators : { etag: null, lastModified: null }, children: finished ? children : undefined, title: document.parsed.title, error: null },
  };
}

/**
 * Fetches and parses a feed document (one fetch at a time per host). Null when the server said 304 Not
 * Modified. Used by `add` too, so a feed is only saved when it reads.
 */
export async function readFeed(
  url: string,
  deps: Pick<CheckDeps, "fetchDocument" | "hosts" | "options" | "parser">,
  validators?: { etag: string | null; lastModified: string | null },
): Promise<{ parsed: ParsedFeed; finalUrl: string; validators: { etag: string | null; lastModified: string | null } } | null> {
  const fetched = await deps.hosts.run(hostOf(url), () => deps.fetchDocument(url, validators));
  if (fetched.status === "not_modified") return null;
  const xml = decodeDocument(fetched.body, fetched.contentType);
  const parsed = await deps.parser.parse(xml, { maxItems: deps.options.maxItems, baseUrl: fetched.finalUrl }, deps.options.parseTimeoutMs);
  return { parsed, finalUrl: fetched.finalUrl, validators: { etag: fetched.etag, lastModified: fetched.lastModified } };
}

/** The items of a feed; for a sitemap index, of its changed child sitemaps (newest first, a few per check). */
async function itemsOf(
  parsed: ParsedFeed,
  finalUrl: string,
  feed: FeedRecord,
  deps: CheckDeps,
): Promise<{ items: FeedItem[]; children?: Record<string, string | null> }> {
  if (parsed.kind !== "sitemapindex") return { items: parsed.items };
  const children = { ...feed.children };
  const changed = parsed.children
    .filter((c) => sameSite(c.url, finalUrl))
    .filter((c) => !(c.url in children) || c.lastmod === null || children[c.url] !== c.lastmod)
    .sort((a, b) => (dateOf(b.lastmod) ?? 0) - (dateOf(a.lastmod) ?? 0))
    .slice(0, deps.options.maxChildSitemaps);
  const items: FeedItem[] = [];
  let total = 0;
  for (const child of changed) {
    const read = await readFeed(child.url, deps);
    if (!read) continue;
    if (read.parsed.kind !== "sitemap") {
      throw new UserError(`The sitemap index lists ${child.url}, which is a ${read.parsed.kind}, not a sitemap; sitemap indexes inside indexes are not followed.`, "not_a_feed");
    }
    total += read.parsed.items.length;
    if (total > deps.options.maxItems) {
      throw new UserError(`The sitemap index's sitemaps list more than ${deps.options.maxItems.toLocaleString("en")} entries together; nothing was taken from them.`, "too_many_items");
    }
    items.push(...read.parsed.items);
    children[child.url] = child.lastmod;
  }
  return { items, children };
}

function failed(feedUrl: string, err: unknown): { outcome: FeedCheckOutcome; record: CheckRecord } {
  const outcome: FeedCheckOutcome =
    err instanceof UserError
      ? { feedUrl, status: "error", code: err.code, message: err.message }
      : { feedUrl, status: "error", code: "error", message: `The check failed unexpectedly (${(err as Error)?.message ?? String(err)}).` };
  return { outcome, record: { outcomes: [], error: outcome.message } };
}

function articleText(a: ArticleInput): { title: string; firstParagraph: string | null } {
  return { title: a.title, firstParagraph: a.text.split(/\n\s*\n/).find((p) => p.trim())?.trim() ?? null };
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

/** Same outlet: the same host name, ignoring "www." and subdomains of one another (rss.baohaiduong.vn ~ baohaiduong.vn). */
export function sameSite(a: string, b: string): boolean {
  const name = (u: string) => {
    try {
      return new URL(u).hostname.toLowerCase().replace(/^www\./, "");
    } catch {
      return null;
    }
  };
  const x = name(a);
  const y = name(b);
  if (!x || !y) return false;
  return x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`);
}

function dateOf(s: string | null): number | null {
  if (!s) return null;
  const t = Date.parse(s);
  return Number.isFinite(t) ? t : null;
}
