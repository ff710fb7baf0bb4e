/**
 * The watched feeds and what became of their items, in `feeds.db` beside the index generations (like bot.db
 * and feedback.db), so a restart or a reindex keeps them.
 *
 * ```ts
 * const store = new FeedStore(path.join(config.indexDir, "feeds.db"));   // ":memory:" in tests
 * store.add({ url, kind: "rss", title: "Báo Hải Dương", addedBy: 42 });
 * store.itemSeen(url, itemUrl);   // false until an outcome is recorded
 * ```
 */
import Database from "better-sqlite3";
import type { FeedKind } from "./parse.js";
import { openSideDatabase } from "../../store/side-database.js";

/** A watched feed and its check history. Times are ms since the epoch. */
export interface FeedRecord {
  url: string;
  kind: FeedKind;
  title: string | null;
  /** The admin's keywords; null = the default relevance rule. */
  keywords: string[] | null;
  addedAt: number;
  addedBy: number | null;
  /** Validators of the last 200 answer, sent back as If-None-Match / If-Modified-Since. */
  etag: string | null;
  lastModified: string | null;
  lastCheckAt: number | null;
  /** When an item was last indexed from this feed. */
  lastNewItemAt: number | null;
  itemsIndexed: number;
  itemsSkipped: number;
  /** The last check's error ("" never), cleared by a check that succeeds. */
  lastError: string | null;
  /** Failed checks in a row (drives the backoff). */
  failures: number;
  /** When the feed is due for its next check. */
  nextCheckAt: number;
  /** Sitemap index: child sitemap → the <lastmod> it had when last read. */
  children: Record<string, string | null>;
}

/**
 * What became of one item: indexed; skipped (not relevant, or already in the library); refused (unsafe or
 * unreadable: a private address, another site, not a page); failed (timeout, network, busy index: tried again
 * in later checks, up to the attempt limit). Only "failed" is ever tried again.
 */
export type ItemStatus = "indexed" | "skipped" | "refused" | "failed";

export interface ItemOutcomeRecord {
  itemUrl: string;
  status: ItemStatus;
  /** Why skipped, refused or failed: "not_relevant", "already_indexed", "other_host", "blocked_address", "timeout"… */
  reason: string | null;
  title: string | null;
  articleId: string | null;
}

interface FeedRow {
  url: string;
  kind: FeedKind;
  title: string | null;
  keywords: string | null;
  added_at: number;
  added_by: number | null;
  etag: string | null;
  last_modified: string | null;
  last_check_at: number | null;
  last_new_item_at: number | null;
  items_indexed: number;
  items_skipped: number;
  last_error: string | null;
  failures: number;
  next_check_at: number;
  children: string;
}

export class FeedStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openSideDatabase(file);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '1');
      CREATE TABLE IF NOT EXISTS feeds (
        url TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        title TEXT,
        keywords TEXT,
        added_at INTEGER NOT NULL,
        added_by INTEGER,
        etag TEXT,
        last_modified TEXT,
        last_check_at INTEGER,
        last_new_item_at INTEGER,
        items_indexed INTEGER NOT NULL DEFAULT 0,
        items_skipped INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_check_at INTEGER NOT NULL,
        children TEXT NOT NULL DEFAULT '{}'
      );
      CREATE TABLE IF NOT EXISTS feed_items (
        feed_url TEXT NOT NULL REFERENCES feeds(url) ON DELETE CASCADE,
        item_url TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('indexed', 'skipped', 'refused', 'failed')),
        reason TEXT,
        title TEXT,
        article_id TEXT,
        attempts INTEGER NOT NULL DEFAULT 1,
        at INTEGER NOT NULL,
        PRIMARY KEY (feed_url, item_url)
      );
    `);
    this.db.pragma("foreign_keys = ON");
  }

  add(feed: { url: string; kind: FeedKind; title: string | null; addedBy: number | null; keywords?: string[] | null; now: number }): FeedRecord {
    this.db
      .prepare(`INSERT INTO feeds (url, kind, title, keywords, added_at, added_by, next_check_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(feed.url, feed.kind, feed.title, feed.keywords?.length ? JSON.stringify(feed.keywords) : null, feed.now, feed.addedBy, feed.now);
    return this.get(feed.url)!;
  }

  get(url: string): FeedRecord | null {
    const row = this.db.prepare("SELECT * FROM feeds WHERE url = ?").get(url) as FeedRow | undefined;
    return row ? fromRow(row) : null;
  }

  list(): FeedRecord[] {
    return (this.db.prepare("SELECT * FROM feeds ORDER BY added_at, url").all() as FeedRow[]).map(fromRow);
  }

  /** Removes the feed and its item history; false when it was not watched. Indexed reports stay. */
  remove(url: string): boolean {
    return this.db.prepare("DELETE FROM feeds WHERE url = ?").run(url).changes > 0;
  }

  /**
   * Sets a feed's keywords. The items skipped as not relevant are forgotten and the validators dropped, so
   * the next check reads the feed in full and judges them again by the new rule.
   */
  setKeywords(url: string, keywords: string[] | null): void {
    this.db.transaction(() => {
      this.db.prepare("UPDATE feeds SET keywords = ?, etag = NULL, last_modified = NULL, children = '{}' WHERE url = ?").run(keywords?.length ? JSON.stringify(keywords) : null, url);
      this.db.prepare("DELETE FROM feed_items WHERE feed_url = ? AND reason = 'not_relevant'").run(url);
    })();
  }

  /** True when the item has an outcome that is final (indexed, skipped) or has used up its attempts. */
  itemDone(feedUrl: string, itemUrl: string, maxAttempts: number): boolean {
    const row = this.db.prepare("SELECT status, attempts FROM feed_items WHERE feed_url = ? AND item_url = ?").get(feedUrl, itemUrl) as
      | { status: ItemStatus; attempts: number }
      | undefined;
    return !!row && (row.status !== "failed" || row.attempts >= maxAttempts);
  }

  items(feedUrl: string): (ItemOutcomeRecord & { attempts: number })[] {
    return (
      this.db.prepare("SELECT item_url, status, reason, title, article_id, attempts FROM feed_items WHERE feed_url = ? ORDER BY at, item_url").all(feedUrl) as {
        item_url: string;
        status: ItemStatus;
        reason: string | null;
        title: string | null;
        article_id: string | null;
        attempts: number;
      }[]
    ).map((r) => ({ itemUrl: r.item_url, status: r.status, reason: r.reason, title: r.title, articleId: r.article_id, attempts: r.attempts }));
  }

  /**
   * Records one check in one transaction: the items' outcomes, the counters, the validators, the next
   * check time. A feed removed while it was being checked stays removed.
   */
  recordCheck(
    url: string,
    check: {
      now: number;
      nextCheckAt: number;
      outcomes: ItemOutcomeRecord[];
      validators?: { etag: string | null; lastModified: string | null };
      children?: Record<string, string | null>;
      title?: string | null;
      error: string | null;
    },
  ): void {
    const tx = this.db.transaction(() => {
      if (!this.get(url)) return;
      const upsert = this.db.prepare(`
        INSERT INTO feed_items (feed_url, item_url, status, reason, title, article_id, attempts, at) VALUES (?, ?, ?, ?, ?, ?, 1, ?)
        ON CONFLICT (feed_url, item_url) DO UPDATE SET status = excluded.status, reason = excluded.reason, title = excluded.title,
          article_id = excluded.article_id, attempts = feed_items.attempts + 1, at = excluded.at`);
      for (const o of check.outcomes) upsert.run(url, o.itemUrl, o.status, o.reason, o.title, o.articleId, check.now);
      const indexed = check.outcomes.filter((o) => o.status === "indexed").length;
      const skipped = check.outcomes.filter((o) => o.status === "skipped").length;
      this.db
        .prepare(
          `UPDATE feeds SET last_check_at = ?, next_check_at = ?, items_indexed = items_indexed + ?, items_skipped = items_skipped + ?,
             last_new_item_at = CASE WHEN ? > 0 THEN ? ELSE last_new_item_at END,
             last_error = ?, failures = CASE WHEN ? IS NULL THEN 0 ELSE failures + 1 END,
             etag = CASE WHEN ? THEN ? ELSE etag END, last_modified = CASE WHEN ? THEN ? ELSE last_modified END,
             children = COALESCE(?, children), title = COALESCE(?, title)
           WHERE url = ?`,
        )
        .run(
          check.now,
          check.nextCheckAt,
          indexed,
          skipped,
          indexed,
          check.now,
          check.error,
          check.error,
          check.validators ? 1 : 0,
          check.validators?.etag ?? null,
          check.validators ? 1 : 0,
          check.validators?.lastModified ?? null,
          check.children ? JSON.stringify(check.children) : null,
          check.title ?? null,
          url,
        );
    });
    tx();
  }

  close(): void {
    this.db.close();
  }
}

function fromRow(r: FeedRow): FeedRecord {
  return {
    url: r.url,
    kind: r.kind,
    title: r.title,
    keywords: r.keywords ? (JSON.parse(r.keywords) as string[]) : null,
    addedAt: r.added_at,
    addedBy: r.added_by,
    etag: r.etag,
    lastModified: r.last_modified,
    lastCheckAt: r.last_check_at,
    lastNewItemAt: r.last_new_item_at,
    itemsIndexed: r.items_indexed,
    itemsSkipped: r.items_skipped,
    lastError: r.last_error,
    failures: r.failures,
    nextCheckAt: r.next_check_at,
    children: JSON.parse(r.children) as Record<string, string | null>,
  };
}
