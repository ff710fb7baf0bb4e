import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp } from "../../src/app.js";
import { storageFault } from "../../src/store/faults.js";
import { currentGeneration } from "../../src/store/generations.js";
import { UserError } from "../../src/types.js";
import { tempDir, testConfig, testEmbedder } from "../helpers/app.js";
import { runCli } from "../helpers/cli.js";

// Issue 14, item 5: a read-only index opens read-only and answers; a full disk, a permission problem or a damaged
// file is one line saying what to do, exit 2, and nothing is lost.
//
// Tests run as root, for whom chmod does not stop writes. So the CLI runs as the unprivileged user `nobody`
// (uid 65534, child_process's `uid`/`gid`) when we are root: the kernel then really refuses every write to the
// chmod'ed folder, exactly as for another user's index. Run as an ordinary user, chmod alone does it.

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

const cli = (args: string[], asNobody = false) => runCli(args, { env: { HOME: "/tmp" }, ...(asNobody && isRoot ? { uid: NOBODY, gid: NOBODY } : {}) });

function chmodTree(dir: string, dirMode: number, fileMode: number): void {
  fs.chmodSync(dir, dirMode);
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) chmodTree(p, dirMode, fileMode);
    else fs.chmodSync(p, fileMode);
  }
}

const snapshot = (dir: string) =>
  fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => {
      const p = path.join(e.parentPath, e.name);
      return `${path.relative(dir, p)} ${fs.statSync(p).size} ${fs.statSync(p).mtimeMs}`;
    })
    .sort();

let readOnlyIndex: string;
let upload: string;
beforeAll(async () => {
  const config = testConfig();
  readOnlyIndex = config.indexDir;
  (await openApp(config, { embedder: await testEmbedder() })).close();
  // The index as another user's read-only folder (its WAL already checkpointed by the clean close).
  chmodTree(readOnlyIndex, 0o555, 0o444);
  const files = tempDir("storage-upload-");
  fs.chmodSync(files, 0o755);
  upload = path.join(files, "ninh.md");
  fs.writeFileSync(upload, "# Quang Ninh reviews 2023\n\nThe Quang Ninh Provincial Party Committee said 150,000 tonnes of seafood were landed in 2023.\n");
  fs.chmodSync(upload, 0o644);
});
afterAll(() => chmodTree(readOnlyIndex, 0o755, 0o644));

describe("a read-only index folder", () => {
  it("answers ask, stats and list; a write is one line, exit 2, and changes nothing", async () => {
    const before = snapshot(readOnlyIndex);
    const [ask, stats, list, add] = await Promise.all([
      cli(["ask", "--index", readOnlyIndex, "--json", "Who chaired the Ha Nam conference?"], true),
      cli(["stats", "--index", readOnlyIndex, "--json"], true),
      cli(["library", "list", "--index", readOnlyIndex, "--json"], true),
      cli(["library", "add", upload, "--index", readOnlyIndex], true),
    ]);
    expect(ask.code, ask.stderr).toBe(0);
    expect(JSON.parse(ask.stdout).answer).toContain("Le Thi Thuy");
    expect(stats.code, stats.stderr).toBe(0);
    expect(JSON.parse(stats.stdout).articles).toBe(5);
    expect(list.code, list.stderr).toBe(0);
    expect(JSON.parse(list.stdout).total).toBe(5);
    expect(add.code, add.stderr).toBe(2);
    expect(add.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(add.stderr).toMatch(/^error: No permission to write the index .* Nothing was changed; questions, stats and list still work\./);
    expect(snapshot(readOnlyIndex)).toEqual(before);
  }, 90_000);
});

describe("a damaged index file", () => {
  it("is one line saying how to rebuild, exit 2", async () => {
    const config = testConfig();
    (await openApp(config, { embedder: await testEmbedder() })).close();
    const db = path.join(config.indexDir, currentGeneration(config.indexDir)!, "library.db");
    fs.writeFileSync(db, Buffer.alloc(64 * 1024, 0x5a));
    const r = await cli(["stats", "--index", config.indexDir]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^error: The index .* is damaged \(SQLITE_NOTADB: .*\)\. Rebuild it: move the folder away and run npm run index/);
  }, 60_000);
});

describe("a full disk", () => {
  it("an add that runs out of space is a UserError and the index keeps what it had", async () => {
    const config = testConfig();
    const app = await openApp(config, { embedder: await testEmbedder() });
    try {
      const store = app.library.store();
      const before = store.counts();
      // SQLite's own page limit: the database cannot grow, exactly as on a full disk (SQLITE_FULL).
      const db = (store as unknown as { db: import("better-sqlite3").Database }).db;
      db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true })}`);
      const big = Array.from({ length: 300 }, (_, i) => `Paragraph ${i}: the Quang Ninh Provincial Party Committee reported that ${1000 + i} tonnes of seafood were landed in district ${i} in 2023, with revenue growing.`);
      const bytes = new TextEncoder().encode(`# Quang Ninh reviews 2023\n\n${big.join("\n\n")}\n`);
      const err = await app.library.add({ kind: "upload", fileName: "ninh.md", bytes }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as UserError).code).toBe("disk_full");
      expect((err as UserError).message).toMatch(/^The disk holding the index .* is full \(SQLITE_FULL: database or disk is full\)\. Nothing was changed; free some space/);
      expect(app.library.store().counts()).toEqual(before);
      expect((await app.ask("Who chaired the Ha Nam conference?")).answer).toContain("Le Thi Thuy");
    } finally {
      await app.close();
    }
  });

  it("ENOSPC and EROFS from the file system are named the same way", () => {
    expect(storageFault(Object.assign(new Error("no space left on device, write"), { code: "ENOSPC" }), "/x")?.code).toBe("disk_full");
    expect(storageFault(Object.assign(new Error("read-only file system"), { code: "EROFS" }), "/x")?.code).toBe("read_only");
    expect(storageFault(new Error("a bug"), "/x")).toBeNull();
  });
});
