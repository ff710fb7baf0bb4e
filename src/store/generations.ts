import fs from "node:fs";
import path from "node:path";

// An index directory holds generations (gen-<time>-<pid>/) and a CURRENT file naming the live one.
// A rebuild writes a new generation beside the live one and switches CURRENT with one atomic rename,
// so a crash mid-rebuild leaves the previous generation serving. Whoever opens the index next removes
// what a dead process left behind: its unfinished generation, the generation it switched away from,
// and its temporary files (`*.tmp-<pid>`).

const CURRENT = "CURRENT";

/** Generations this process is building right now (absolute paths); never stale while listed. */
const building = new Set<string>();

export function currentGeneration(indexDir: string): string | null {
  try {
    const name = fs.readFileSync(path.join(indexDir, CURRENT), "utf8").trim();
    return name && fs.existsSync(path.join(indexDir, name)) ? name : null;
  } catch {
    return null;
  }
}

export function newGenerationName(): string {
  return `gen-${Date.now().toString(36)}-${process.pid}`;
}

/** Names a generation this process is about to build; call `endBuilding` when it is live or abandoned. */
export function beginBuilding(indexDir: string): string {
  const name = newGenerationName();
  building.add(path.resolve(indexDir, name));
  return name;
}

export function endBuilding(indexDir: string, name: string): void {
  building.delete(path.resolve(indexDir, name));
}

/** Marks a generation being built as still in progress (for other processes that judge it by age). */
export function touchGeneration(indexDir: string, name: string): void {
  const now = new Date();
  fs.utimesSync(path.join(indexDir, name), now, now);
}

/** Points CURRENT at `name` atomically (write a temporary file, fsync, rename). */
export function switchGeneration(indexDir: string, name: string): void {
  const tmp = path.join(indexDir, `${CURRENT}.tmp-${process.pid}`);
  const fd = fs.openSync(tmp, "w");
  fs.writeSync(fd, `${name}\n`);
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(tmp, path.join(indexDir, CURRENT));
}

/**
 * Removes what is left of earlier writers: generations other than the live one that nobody is building
 * (a rebuild that crashed, or the generation a rebuild switched away from before it could delete it), and
 * temporary files of processes that are gone, in the index folder and in the live generation.
 *
 * A generation belongs to the process named in it. It is kept while that process is alive, unless it is
 * this process and this process is not building it, or it has not been touched for `minAgeMs` (the pid may
 * have been reused by an unrelated process, as in containers where every start is pid 1).
 * Without a valid CURRENT nothing is removed: there is no telling which generation holds the articles.
 */
export function removeStaleGenerations(indexDir: string, minAgeMs = 10 * 60_000): void {
  if (!fs.existsSync(indexDir)) return;
  const live = currentGeneration(indexDir);
  if (!live) return;
  for (const entry of fs.readdirSync(indexDir)) {
    if (!entry.startsWith("gen-") || entry === live) continue;
    const dir = path.join(indexDir, entry);
    if (isAbandoned(dir, minAgeMs)) fs.rmSync(dir, { recursive: true, force: true });
  }
  removeStaleTempFiles(indexDir);
  removeStaleTempFiles(path.join(indexDir, live));
}

function isAbandoned(dir: string, minAgeMs: number): boolean {
  if (building.has(path.resolve(dir))) return false;
  const owner = Number(/-(\d+)$/.exec(path.basename(dir))?.[1]);
  if (!owner || owner === process.pid || !isProcessAlive(owner)) return true;
  return Date.now() - fs.statSync(dir).mtimeMs >= minAgeMs;
}

/** Removes `<name>.tmp-<pid>` files whose process is gone (a live writer's file is mid-rename). */
function removeStaleTempFiles(dir: string): void {
  for (const entry of fs.readdirSync(dir)) {
    const owner = Number(/\.tmp-(\d+)$/.exec(entry)?.[1]);
    if (owner && (owner === process.pid || !isProcessAlive(owner))) fs.rmSync(path.join(dir, entry), { force: true });
  }
}

/** Whether a process with this id exists (EPERM: it does, under another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
