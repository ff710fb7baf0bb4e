import fs from "node:fs";
import path from "node:path";
import { isProcessAlive } from "../store/generations.js";
import { UserError } from "../types.js";

/**
 * One writer per index across processes (the bot and an admin's CLI): a `WRITE.lock` file holding the
 * writer's pid, created exclusively. A lock whose process is gone (killed mid-write) is taken over.
 * Within one process, Library already runs writes one at a time.
 */
export async function acquireWriteLock(indexDir: string, waitMs = 3_000): Promise<() => void> {
  const file = path.join(indexDir, "WRITE.lock");
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const owner = Number(fs.readFileSync(file, { encoding: "utf8", flag: "a+" }).trim());
    if (!owner || !isProcessAlive(owner) || owner === process.pid) {
      fs.rmSync(file, { force: true });
      continue;
    }
    if (Date.now() >= deadline) {
      throw new UserError(
        `Another process (pid ${owner}) is changing this index right now (an add, remove or reindex). Nothing was changed; try again when it has finished.`,
        "index_busy",
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
