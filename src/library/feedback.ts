import path from "node:path";
import Database from "better-sqlite3";
import { openSideDatabase } from "../store/side-database.js";

/** One 👍/👎 on an answer. */
export interface FeedbackEntry {
  userId: number;
  chatId: number;
  /** The bot message carrying the buttons. */
  messageId: number;
  value: "up" | "down";
  /** The question the answer was for ("" when the answer has left the bot's in-memory cache). */
  question: string;
}

/**
 * 👍/👎 feedback on answers, kept in its own SQLite file beside the index generations so that a
 * reindex (which replaces the generation) never loses it. User ids are stored; nothing else about users.
 */
export class SqliteFeedbackStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = openSideDatabase(file);
    this.db.exec(`CREATE TABLE IF NOT EXISTS feedback (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      user_id INTEGER NOT NULL,
      chat_id INTEGER NOT NULL,
      message_id INTEGER NOT NULL,
      value TEXT NOT NULL CHECK (value IN ('up', 'down')),
      question TEXT NOT NULL,
      UNIQUE (user_id, chat_id, message_id)
    )`);
  }

  /** Records a vote; a user voting again on the same answer replaces their earlier vote. */
  record(entry: FeedbackEntry): void {
    this.db
      .prepare(
        `INSERT INTO feedback (at, user_id, chat_id, message_id, value, question) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (user_id, chat_id, message_id) DO UPDATE SET value = excluded.value, at = excluded.at`,
      )
      .run(new Date().toISOString(), entry.userId, entry.chatId, entry.messageId, entry.value, entry.question);
  }

  counts(): { up: number; down: number } {
    const rows = this.db.prepare("SELECT value, count(*) AS n FROM feedback GROUP BY value").all() as { value: "up" | "down"; n: number }[];
    return { up: rows.find((r) => r.value === "up")?.n ?? 0, down: rows.find((r) => r.value === "down")?.n ?? 0 };
  }

  close(): void {
    this.db.close();
  }
}

export function createFeedbackStore(indexDir: string): SqliteFeedbackStore {
  return new SqliteFeedbackStore(path.join(indexDir, "feedback.db"));
}
