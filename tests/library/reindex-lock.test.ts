import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApp } from "../../src/app.js";
import type { Embedder } from "../../src/embed/embedder.js";
import { reindexWithModel } from "../../src/library/reindex-cli.js";
import { Store } from "../../src/store/store.js";
import { currentGeneration } from "../../src/store/generations.js";
import { tempDir, testConfig, testEmbedder } from "../helpers/app.js";
import { runCli } from "../helpers/cli.js";

// Issue 14, item 2: `library reindex` on the command line took no write lock, so an add made by another process
// during the rebuild printed "added", exit 0, and was gone after the switch. Now the rebuild holds the lock:
// the add is refused clearly and nothing reported done is undone.

const cli = (args: string[]) => runCli(args);

describe("library reindex from the command line holds the write lock", () => {
  it("an add by another process during the rebuild is refused, and whatever reports done survives the switch", async () => {
    const config = testConfig();
    const real = await testEmbedder();
    (await openApp(config, { embedder: real })).close();

    // The rebuild's embedder waits at its first batch until the other process's add has finished.
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let reachedGate!: () => void;
    const atGate = new Promise<void>((resolve) => (reachedGate = resolve));
    const gated: Embedder = Object.create(real, {
      embedPassages: {
        value: async (texts: string[]) => {
          reachedGate();
          await gate;
          return real.embedPassages(texts);
        },
      },
    });
    const reindex = reindexWithModel(config, undefined, { embedder: gated });
    await atGate;

    const file = path.join(tempDir("reindex-race-"), "quang-ninh.md");
    fs.writeFileSync(file, "# Quang Ninh Party Committee reviews 2023\n\nQuang Ninh landed 150,000 tonnes of seafood in 2023, the Provincial Party Committee said at its year-end conference.\n");
    const added = await cli(["library", "add", file, "--index", config.indexDir]);
    open();
    const result = await reindex;
    expect(result.articles).toBe(5);

    const ids = Store.readArticles(path.join(config.indexDir, currentGeneration(config.indexDir)!)).map((a) => a.id);
    if (added.code === 0) {
      // Reported done: it must have survived the switch.
      expect(ids.length).toBe(6);
    } else {
      expect(added.code).toBe(2);
      expect(added.stderr.trim().split("\n")).toHaveLength(1);
      expect(added.stderr).toMatch(/^error: Another process \(pid \d+\) is changing this index right now/);
      expect(ids.length).toBe(5);
    }
    expect(added.code).toBe(2); // with the lock held, the add is refused rather than raced
  }, 60_000);
});
