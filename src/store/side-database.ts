import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";

/**
 * Opens one of the bot's own SQLite databases beside the index generations (bot.db, feeds.db, feedback.db;
 * `library backup` copies them): its folder made if need be, write-ahead logging so that readers and the one
 * writer do not block each other. ":memory:" gives a database that lives as long as the connection (tests).
 */
export function openSideDatabase(file: string): Database.Database {
  if (file === ":memory:") return new Database(file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  return db;
}
