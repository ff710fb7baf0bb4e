import fs from "node:fs";
import path from "node:path";

// An index directory holds generations (gen-<time>-<pid>/) and a CURRENT file naming the live one.
// A rebuild writes a new generation beside the live one and switches CURRENT with one atomic rename,
// so a crash mid-rebuild leaves the previous generation serving.

const CURRENT = "CURRENT";

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
 * Removes generations other than the live one: leftovers of a rebuild that crashed, or the previous
 * generation after a switch. Generations younger than `minAgeMs` are kept (another process may be
 * building one right now).
 */
export function removeStaleGenerations(indexDir: string, minAgeMs = 10 * 60_000): void {
  const live = currentGeneration(indexDir);
  if (!fs.existsSync(indexDir)) return;
  for (const entry of fs.readdirSync(indexDir)) {
    if (!entry.startsWith("gen-") || entry === live) continue;
    const dir = path.join(indexDir, entry);
    const age = Date.now() - fs.statSync(dir).mtimeMs;
    if (age >= minAgeMs) fs.rmSync(dir, { recursive: true, force: true });
  }
  for (const entry of fs.readdirSync(indexDir)) {
    if (entry.startsWith(`${CURRENT}.tmp-`)) fs.rmSync(path.join(indexDir, entry), { force: true });
  }
}
