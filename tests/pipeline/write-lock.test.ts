import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireWriteLock } from "../../src/library/write-lock.js";
import { tempDir } from "../helpers/app.js";

describe("write lock", () => {
  it("refuses a second writer while a live process holds the lock, and takes over a dead one's", async () => {
    const dir = tempDir();
    const holder = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    try {
      fs.writeFileSync(path.join(dir, "WRITE.lock"), String(holder.pid));
      await expect(acquireWriteLock(dir, 200)).rejects.toThrow(`Another process (pid ${holder.pid}) is changing this index`);
      expect(fs.readFileSync(path.join(dir, "WRITE.lock"), "utf8")).toBe(String(holder.pid));
    } finally {
      holder.kill("SIGKILL");
      await new Promise((resolve) => holder.once("exit", resolve));
    }
    const release = await acquireWriteLock(dir, 200);
    expect(fs.readFileSync(path.join(dir, "WRITE.lock"), "utf8")).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, "WRITE.lock"))).toBe(false);
  });
});
