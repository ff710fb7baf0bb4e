/**
 * `library backup DIR` and `library restore DIR` for the embedded store (the index folder), safe while the
 * bot runs. (A library in PostgreSQL is backed up with pg_dump; both commands say so.)
 *
 *   const manifest = await backupIndex(config, "/backups/2026-12-01");
 *   await restoreIndex(config, "/backups/2026-12-01", { embedder });
 *
 * A backup is a folder holding `library.db` (the live generation's SQLite database as one consistent
 * snapshot, made with VACUUM INTO inside a read transaction, so it takes no lock and holds no writer up), the
 * HNSW graph files (`vectors.hnsw`, `vectors.json`), the bot's own databases beside the index (`bot.db`:
 * access list, languages, group settings, follow-ups; `feeds.db`; `feedback.db`), each likewise snapshotted,
 * and `BACKUP.json` saying what it holds. It is written under a temporary name and renamed when complete, so a
 * backup folder that exists is whole.
 *
 * The graph may lag the snapshot (it is copied first, and an add can land in between): its recorded write
 * version is read before it, so it never claims more than it holds, and opening the restored generation
 * brings it up to date from the vectors SQLite stores (passage ids are never reused).
 *
 * A restore holds the write lock, copies the backup into a new generation beside the live one, opens it
 * (which refuses a backup made with another embedding model, and checks the graph), switches CURRENT to it
 * in one rename and removes the old generation, as a reindex does: a running bot answers from the restored
 * library at its next question. The bot's databases are written back through SQLite's backup API, which
 * other connections (the running bot's) honour.
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Config } from "../config.js";
import type { Embedder } from "../embed/embedder.js";
import { FolderHost } from "../store/folder-host.js";
import { storageFault } from "../store/faults.js";
import { beginBuilding, currentGeneration, endBuilding, switchGeneration } from "../store/generations.js";
import { Store } from "../store/store.js";
import { UserError } from "../types.js";

/** What `BACKUP.json` records. */
export interface BackupManifest {
  format: 1;
  createdAt: string;
  /** The generation the library snapshot was taken from. */
  generation: string;
  articles: number;
  passages: number;
  writeVersion: number;
  model: { modelId: string; dimension: number; fingerprint: string };
  /** The bot's databases the backup holds (those that existed). */
  sideDatabases: string[];
}

const MANIFEST = "BACKUP.json";
const LIBRARY_DB = "library.db";
const GRAPH_FILES = ["vectors.json", "vectors.hnsw"] as const;
/** The bot's own databases in the index folder, beside the generations. */
export const SIDE_DATABASES = ["bot.db", "feeds.db", "feedback.db"] as const;

function refusePostgres(config: Config, verb: "backup" | "restore"): void {
  if (!config.databaseUrl) return;
  throw new UserError(
    verb === "backup"
      ? "The library is in PostgreSQL (DATABASE_URL is set): back it up with pg_dump (or your provider's snapshots); library backup is for the index folder."
      : "The library is in PostgreSQL (DATABASE_URL is set): restore it with pg_restore (or your provider's snapshots); library restore is for the index folder.",
    "backup_postgres",
  );
}

/** Writes a backup of the live index folder into `dest` (a folder that must not exist yet, or be empty). */
export async function backupIndex(config: Config, dest: string): Promise<BackupManifest> {
  refusePostgres(config, "backup");
  const target = path.resolve(dest);
  if (fs.existsSync(target) && (!fs.statSync(target).isDirectory() || fs.readdirSync(target).length > 0)) {
    throw new UserError(`${dest} already exists and is not an empty folder. Nothing was written; give a new folder for the backup.`, "backup_exists");
  }
  const indexDir = config.indexDir;
  if (!currentGeneration(indexDir)) throw new UserError(`There is no index in ${indexDir} to back up. Build one with: npm run index`, "no_index");
  const tmp = `${target}.tmp-${process.pid}`;
  try {
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(tmp, { recursive: true });
    const { generation, stats } = snapshotLibrary(indexDir, tmp);
    const sideDatabases: string[] = [];
    for (const name of SIDE_DATABASES) {
      const file = path.join(indexDir, name);
      if (!fs.existsSync(file)) continue;
      snapshotDatabase(file, path.join(tmp, name));
      sideDatabases.push(name);
    }
    const manifest: BackupManifest = { format: 1, createdAt: new Date().toISOString(), generation, ...stats, sideDatabases };
    fs.writeFileSync(path.join(tmp, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    for (const entry of fs.readdirSync(tmp)) fsyncFile(path.join(tmp, entry));
    if (fs.existsSync(target)) fs.rmdirSync(target); // the empty folder the caller made
    fs.renameSync(tmp, target);
    return manifest;
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw storageFault(error, path.dirname(target)) ?? error;
  }
}

/**
 * Copies the live generation into `into`: the graph's version, then the graph, then the database snapshot.
 * A reindex may switch generations and delete the old one meanwhile; then the copy starts over from the new one.
 */
function snapshotLibrary(indexDir: string, into: string): { generation: string; stats: Omit<BackupManifest, "format" | "createdAt" | "generation" | "sideDatabases"> } {
  for (let attempt = 0; ; attempt++) {
    const generation = currentGeneration(indexDir);
    if (!generation) throw new UserError(`There is no index in ${indexDir} to back up. Build one with: npm run index`, "no_index");
    const dir = path.join(indexDir, generation);
    try {
      for (const file of GRAPH_FILES) {
        fs.rmSync(path.join(into, file), { force: true });
        if (fs.existsSync(path.join(dir, file))) fs.copyFileSync(path.join(dir, file), path.join(into, file));
      }
      fs.rmSync(path.join(into, LIBRARY_DB), { force: true });
      snapshotDatabase(path.join(dir, LIBRARY_DB), path.join(into, LIBRARY_DB));
      return { generation, stats: describeLibrary(path.join(into, LIBRARY_DB)) };
    } catch (error) {
      const switched = currentGeneration(indexDir) !== generation;
      if (!switched || attempt >= 3) throw error;
    }
  }
}

/** A consistent copy of a SQLite database taken in one read transaction (readers and writers carry on). */
function snapshotDatabase(file: string, into: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.prepare("VACUUM INTO ?").run(into);
  } finally {
    db.close();
  }
}

function describeLibrary(file: string): Omit<BackupManifest, "format" | "createdAt" | "generation" | "sideDatabases"> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const meta = Object.fromEntries((db.prepare("SELECT key, value FROM meta").all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      articles: count("articles"),
      passages: count("passages"),
      writeVersion: Number(meta.write_version ?? 0),
      model: { modelId: meta.model_id ?? "", dimension: Number(meta.dimension ?? 0), fingerprint: meta.fingerprint ?? "" },
    };
  } finally {
    db.close();
  }
}

/** Reads and checks a backup folder; one clear line when it is not one. */
export function readBackup(source: string): BackupManifest {
  const notBackup = (why: string) =>
    new UserError(`Cannot restore from ${source}: ${why}. Nothing was changed; give a folder that library backup wrote.`, "not_a_backup");
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(source, MANIFEST), "utf8")) as BackupManifest;
  } catch (error) {
    throw notBackup((error as NodeJS.ErrnoException).code === "ENOENT" ? `it holds no ${MANIFEST}, so it is not a backup` : `its ${MANIFEST} is not valid JSON`);
  }
  if (manifest.format !== 1 || !manifest.model?.modelId) throw notBackup(`its ${MANIFEST} is not one this version wrote`);
  const files = [LIBRARY_DB, ...(manifest.sideDatabases ?? [])];
  for (const file of files) {
    const at = path.join(source, file);
    if (!fs.existsSync(at)) throw notBackup(`its ${file} is missing`);
    let db: Database.Database | null = null;
    try {
      db = new Database(at, { readonly: true, fileMustExist: true });
      const check = db.pragma("quick_check", { simple: true });
      if (check !== "ok") throw notBackup(`its ${file} is damaged (${String(check).split("\n").find((l) => !l.startsWith("***")) ?? "integrity check failed"})`);
    } catch (error) {
      if (error instanceof UserError) throw error;
      throw notBackup(`its ${file} is not a readable database`);
    } finally {
      db?.close();
    }
  }
  return manifest;
}

/** What `restoreIndex` would refuse before it needs the model: a PostgreSQL library, a folder that is not a backup. */
export function checkRestorable(config: Config, source: string): BackupManifest {
  refusePostgres(config, "restore");
  return readBackup(source);
}

/** Replaces the live library (and the bot's databases) with a backup; see the file comment. */
export async function restoreIndex(config: Config, source: string, deps: { embedder: Pick<Embedder, "modelId" | "dimension" | "fingerprint"> }): Promise<BackupManifest> {
  const manifest = checkRestorable(config, source);
  if (manifest.model.modelId !== deps.embedder.modelId || manifest.model.dimension !== deps.embedder.dimension) {
    throw new UserError(
      `The backup in ${source} was made with the embedding model "${manifest.model.modelId}", but the configured model is "${deps.embedder.modelId}". ` +
        `Nothing was changed; set EMBEDDING_MODEL=${manifest.model.modelId} to restore it (then library reindex to move it to another model).`,
      "model_mismatch",
    );
  }
  const host = new FolderHost(config.indexDir);
  const indexDir = config.indexDir;
  let release: (() => void) | undefined;
  let name: string | undefined;
  try {
    release = await host.acquireWriteLock();
    name = beginBuilding(indexDir);
    const dir = path.join(indexDir, name);
    fs.mkdirSync(dir);
    for (const file of [LIBRARY_DB, ...GRAPH_FILES]) {
      if (fs.existsSync(path.join(source, file))) fs.copyFileSync(path.join(source, file), path.join(dir, file));
    }
    // Opening it checks the model and brings the graph up to the database (and saves it).
    const { modelId, dimension, fingerprint } = deps.embedder;
    Store.open(dir, { modelId, dimension, fingerprint }).close();
    for (const entry of fs.readdirSync(dir)) fsyncFile(path.join(dir, entry));
    const old = currentGeneration(indexDir);
    switchGeneration(indexDir, name);
    endBuilding(indexDir, name);
    name = undefined;
    if (old) fs.rmSync(path.join(indexDir, old), { recursive: true, force: true });
    for (const side of manifest.sideDatabases) {
      const from = new Database(path.join(source, side), { readonly: true, fileMustExist: true });
      try {
        await from.backup(path.join(indexDir, side));
      } finally {
        from.close();
      }
    }
    return manifest;
  } catch (error) {
    if (name) host.discard(name);
    throw host.storageFault(error) ?? error;
  } finally {
    release?.();
    host.close();
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
