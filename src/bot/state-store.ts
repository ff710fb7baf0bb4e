/**
 * What the bot remembers between restarts, in its own SQLite file beside the index generations (like the
 * feedback store, so a reindex never loses it): who may use the bot (ACCESS=allowlist), access requests,
 * each user's interface language, each group's settings, and the follow-up context of each chat (which question
 * each recent answer answered; bounded by ConversationMemory).
 *
 * ```ts
 * const state = openBotState(path.join(config.indexDir, "bot.db"));  // ":memory:" in tests
 * state.allow(1001, { byUserId: 42 });
 * state.isAllowed(1001); // true
 * ```
 *
 * Ids are Telegram's: a positive id is a user (and their private chat), a negative id a group or supergroup.
 */
import path from "node:path";
import Database from "better-sqlite3";
import { openSideDatabase } from "../store/side-database.js";

/** Interface languages the bot has translations for. */
export const LANGUAGES = ["en", "vi"] as const;
export type Language = (typeof LANGUAGES)[number];
export const isLanguage = (v: unknown): v is Language => typeof v === "string" && (LANGUAGES as readonly string[]).includes(v);

export type SubjectKind = "user" | "chat";
export const kindOf = (id: number): SubjectKind => (id < 0 ? "chat" : "user");

export interface AllowedEntry {
  id: number;
  kind: SubjectKind;
  /** Name or title when known (from the request), else null. */
  name: string | null;
  byUserId: number;
  at: string;
}

export interface AccessRequest {
  /** The user, or the group, asking for access. */
  id: number;
  kind: SubjectKind;
  /** The user's name or the group's title. */
  name: string;
  username: string | null;
  /** The interface language of whoever asked, for telling them when access is given. */
  language: Language | null;
  /** Who sent /request (the user themself, or a member of the group). */
  byUserId: number;
  at: string;
}

/**
 * When the bot answers in a group: "addressed" = only /ask, mentions and replies to the bot (the default);
 * "questions" = also any message ending with "?".
 */
export type GroupMode = "addressed" | "questions";

export interface GroupSettings {
  mode: GroupMode;
  /** Language of the bot's messages in the group; null = each asker's own language. */
  language: Language | null;
}

export const DEFAULT_GROUP_SETTINGS: GroupSettings = { mode: "addressed", language: null };

export class BotStateStore {
  private readonly db: Database.Database;

  /** `file` is a path, or ":memory:" for a store that lives as long as the object. */
  constructor(file: string) {
    this.db = openSideDatabase(file);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', '1');
      CREATE TABLE IF NOT EXISTS allowed (
        id INTEGER PRIMARY KEY,
        name TEXT,
        by_user_id INTEGER NOT NULL,
        at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS access_requests (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        username TEXT,
        language TEXT,
        by_user_id INTEGER NOT NULL,
        at TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS user_settings (
        user_id INTEGER PRIMARY KEY,
        language TEXT CHECK (language IN ('en', 'vi'))
      );
      CREATE TABLE IF NOT EXISTS group_settings (
        chat_id INTEGER PRIMARY KEY,
        mode TEXT NOT NULL DEFAULT 'addressed' CHECK (mode IN ('addressed', 'questions')),
        language TEXT CHECK (language IN ('en', 'vi'))
      );
      CREATE TABLE IF NOT EXISTS conversations (
        key TEXT PRIMARY KEY,
        used INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS followups (
        conversation TEXT NOT NULL,
        message_id INTEGER NOT NULL,
        answer INTEGER NOT NULL,
        question TEXT NOT NULL,
        filters TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (conversation, message_id)
      );
      CREATE INDEX IF NOT EXISTS followups_answer ON followups (conversation, answer);
      CREATE INDEX IF NOT EXISTS conversations_used ON conversations (used);`);
  }

  // --- access --------------------------------------------------------------------------------------------

  isAllowed(id: number): boolean {
    return this.db.prepare("SELECT 1 FROM allowed WHERE id = ?").get(id) !== undefined;
  }

  /**
   * Adds `id` to the allowlist, taking its pending request off the waiting list. `added` is false when it was
   * already allowed; `request` is the request it answers, if there was one.
   */
  allow(id: number, by: { byUserId: number; name?: string | null }): { added: boolean; request: AccessRequest | null } {
    return this.db.transaction(() => {
      const request = this.requests().find((r) => r.id === id) ?? null;
      this.db.prepare("DELETE FROM access_requests WHERE id = ?").run(id);
      const info = this.db
        .prepare("INSERT OR IGNORE INTO allowed (id, name, by_user_id, at) VALUES (?, ?, ?, ?)")
        .run(id, by.name ?? request?.name ?? null, by.byUserId, now());
      return { added: info.changes > 0, request };
    })();
  }

  /** Removes `id` from the allowlist and drops its pending request. Says what there was to remove. */
  deny(id: number): { wasAllowed: boolean; hadRequest: boolean } {
    return this.db.transaction(() => {
      const wasAllowed = this.db.prepare("DELETE FROM allowed WHERE id = ?").run(id).changes > 0;
      const hadRequest = this.db.prepare("DELETE FROM access_requests WHERE id = ?").run(id).changes > 0;
      return { wasAllowed, hadRequest };
    })();
  }

  allowed(): AllowedEntry[] {
    const rows = this.db.prepare("SELECT id, name, by_user_id, at FROM allowed ORDER BY at, id").all() as Array<{ id: number; name: string | null; by_user_id: number; at: string }>;
    return rows.map((r) => ({ id: r.id, kind: kindOf(r.id), name: r.name, byUserId: r.by_user_id, at: r.at }));
  }

  /** Records a request for access; "pending" when one was already waiting (it is refreshed, not duplicated). */
  request(r: { id: number; name: string; username?: string | null; language?: Language | null; byUserId: number }): "recorded" | "pending" {
    return this.db.transaction(() => {
      const existed = this.db.prepare("SELECT 1 FROM access_requests WHERE id = ?").get(r.id) !== undefined;
      this.db
        .prepare(
          `INSERT INTO access_requests (id, name, username, language, by_user_id, at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, username = excluded.username, language = excluded.language, by_user_id = excluded.by_user_id`,
        )
        .run(r.id, r.name, r.username ?? null, r.language ?? null, r.byUserId, now());
      return existed ? "pending" : "recorded";
    })();
  }

  /** Waiting requests, oldest first. */
  requests(): AccessRequest[] {
    const rows = this.db.prepare("SELECT id, name, username, language, by_user_id, at FROM access_requests ORDER BY at, id").all() as Array<{
      id: number;
      name: string;
      username: string | null;
      language: string | null;
      by_user_id: number;
      at: string;
    }>;
    return rows.map((r) => ({
      id: r.id,
      kind: kindOf(r.id),
      name: r.name,
      username: r.username,
      language: isLanguage(r.language) ? r.language : null,
      byUserId: r.by_user_id,
      at: r.at,
    }));
  }

  // --- languages and group settings ----------------------------------------------------------------------

  /** The language a user chose with /language, or null (their Telegram language applies). */
  userLanguage(userId: number): Language | null {
    const row = this.db.prepare("SELECT language FROM user_settings WHERE user_id = ?").get(userId) as { language: string | null } | undefined;
    return isLanguage(row?.language) ? row.language : null;
  }

  setUserLanguage(userId: number, language: Language | null): void {
    if (language === null) this.db.prepare("DELETE FROM user_settings WHERE user_id = ?").run(userId);
    else this.db.prepare("INSERT INTO user_settings (user_id, language) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET language = excluded.language").run(userId, language);
  }

  groupSettings(chatId: number): GroupSettings {
    const row = this.db.prepare("SELECT mode, language FROM group_settings WHERE chat_id = ?").get(chatId) as { mode: GroupMode; language: string | null } | undefined;
    if (!row) return { ...DEFAULT_GROUP_SETTINGS };
    return { mode: row.mode, language: isLanguage(row.language) ? row.language : null };
  }

  setGroupSettings(chatId: number, patch: Partial<GroupSettings>): GroupSettings {
    const next = { ...this.groupSettings(chatId), ...patch };
    this.db
      .prepare("INSERT INTO group_settings (chat_id, mode, language) VALUES (?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET mode = excluded.mode, language = excluded.language")
      .run(chatId, next.mode, next.language);
    return next;
  }

  // --- follow-up context (see conversations.ts) -----------------------------------------------------------

  /**
   * Records that the bot's messages `messageIds` in conversation `key` answered `turn`, then applies the bounds:
   * at most `perConversation` messages in this conversation (oldest answers first), at most `maxConversations`
   * conversations (least recently answered first), nothing from before `oldest`. One transaction.
   */
  rememberTurn(
    key: string,
    messageIds: number[],
    turn: { question: string; filters: object },
    at: number,
    bounds: { perConversation: number; maxConversations: number; oldest: number },
  ): void {
    this.db.transaction(() => {
      const next = (this.db.prepare("SELECT coalesce(max(used), 0) + 1 AS n FROM conversations").get() as { n: number }).n;
      this.db.prepare("INSERT INTO conversations (key, used) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET used = excluded.used").run(key, next);
      const answer = (this.db.prepare("SELECT coalesce(max(answer), 0) + 1 AS n FROM followups WHERE conversation = ?").get(key) as { n: number }).n;
      const insert = this.db.prepare(
        "INSERT OR REPLACE INTO followups (conversation, message_id, answer, question, filters, at) VALUES (?, ?, ?, ?, ?, ?)",
      );
      for (const id of messageIds) insert.run(key, id, answer, turn.question, JSON.stringify(turn.filters), at);
      this.db
        .prepare(
          `DELETE FROM followups WHERE conversation = ? AND message_id NOT IN
             (SELECT message_id FROM followups WHERE conversation = ? ORDER BY answer DESC, message_id DESC LIMIT ?)`,
        )
        .run(key, key, bounds.perConversation);
      this.db.prepare("DELETE FROM followups WHERE at < ?").run(bounds.oldest);
      const dropped = this.db
        .prepare("SELECT key FROM conversations ORDER BY used DESC LIMIT -1 OFFSET ?")
        .all(bounds.maxConversations) as { key: string }[];
      for (const d of dropped) this.forgetConversation(d.key);
    })();
  }

  /** The turn the bot's message `messageId` in conversation `key` answered, and when; null when unknown. */
  recallTurn(key: string, messageId: number): { question: string; filters: Record<string, string>; at: number } | null {
    const row = this.db.prepare("SELECT question, filters, at FROM followups WHERE conversation = ? AND message_id = ?").get(key, messageId) as
      | { question: string; filters: string; at: number }
      | undefined;
    return row ? { question: row.question, filters: JSON.parse(row.filters) as Record<string, string>, at: row.at } : null;
  }

  forgetTurn(key: string, messageId: number): void {
    this.db.prepare("DELETE FROM followups WHERE conversation = ? AND message_id = ?").run(key, messageId);
  }

  /** Forgets a conversation's context; returns how many answers it held. */
  forgetConversation(key: string): number {
    return this.db.transaction(() => {
      const n = (this.db.prepare("SELECT count(DISTINCT answer) AS n FROM followups WHERE conversation = ?").get(key) as { n: number }).n;
      this.db.prepare("DELETE FROM followups WHERE conversation = ?").run(key);
      this.db.prepare("DELETE FROM conversations WHERE key = ?").run(key);
      return n;
    })();
  }

  conversationCount(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM conversations").get() as { n: number }).n;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

function now(): string {
  return new Date().toISOString();
}

/** The bot's state file in the index folder (`bot.db`). */
export function openBotState(indexDir: string): BotStateStore {
  return new BotStateStore(path.join(indexDir, "bot.db"));
}
