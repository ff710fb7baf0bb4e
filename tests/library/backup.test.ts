import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { openBotState } from "../../src/bot/state-store.js";
import { backupIndex, restoreIndex } from "../../src/library/backup.js";
import { tempDir, testApp, testEmbedder } from "../helpers/app.js";
import { ROOT } from "../helpers/paths.js";
import { runCli } from "../helpers/cli.js";
import { reportUpload as report } from "../helpers/app.js";

// Issue 13, operators: a documented, tested `library backup` / `restore` of the index folder while the bot runs.
// The app below stands for the running bot: it stays open across the CLI's backup and restore.

const cli = (args: string[], env: Record<string, string> = {}) => runCli(args, { env });

const HA_NAM = "Who chaired the Ha Nam conference?";
const QUANG_TRI = "How many new party members did Quang Tri admit in 2023?";

let app: App | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
});

const generations = (indexDir: string) => fs.readdirSync(indexDir).filter((f) => f.startsWith("gen-"));

describe("library backup and restore of the index folder", () => {
  it("backs up while the bot answers; a restore brings back that library and those settings, and the running bot answers from it", async () => {
    const opened = await testApp();
    app = opened.app;
    const { config } = opened;
    const state = openBotState(config.indexDir);
    state.allow(111, { byUserId: 1, name: "Alice" });
    expect((await app.ask(HA_NAM)).answer).toContain("Le Thi Thuy");

    const dest = path.join(tempDir("backup-"), "nightly");
    const backup = await cli(["library", "backup", dest, "--index", config.indexDir, "--json"]);
    expect(backup.stderr).toBe("");
    expect(backup.code).toBe(0);
    const manifest = JSON.parse(backup.stdout);
    expect(manifest).toMatchObject({ format: 1, articles: 5, sideDatabases: ["bot.db"], model: { modelId: config.embeddingModel } });
    expect(fs.readdirSync(dest).sort()).toEqual(["BACKUP.json", "bot.db", "library.db", "vectors.hnsw", "vectors.json"]);
    expect(fs.readdirSync(path.dirname(dest))).toEqual(["nightly"]); // no temporary folder left

    // After the backup: an article added, the Ha Nam report removed, the access list changed.
    await app.library.add(report("Quang Tri", "https://example.org/quang-tri-2023", "2,345"));
    await app.library.remove("000_0a7ecdbcfacbb317");
    state.allow(222, { byUserId: 1, name: "Binh" });
    state.deny(111);
    expect((await app.ask(QUANG_TRI)).answer).toContain("2,345");
    expect((await app.ask(HA_NAM)).answer).not.toContain("Le Thi Thuy");

    const restored = await cli(["library", "restore", dest, "--index", config.indexDir]);
    expect(restored.stderr).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.stdout).toMatch(/^restored 5 articles, \d+ passages and bot\.db from /);

    // The same app, not reopened: it follows the switch at its next question.
    expect((await app.ask(HA_NAM)).answer).toContain("Le Thi Thuy");
    expect((await app.ask(QUANG_TRI)).answer).not.toContain("2,345");
    expect(app.library.store().counts().articles).toBe(5);
    expect([state.isAllowed(111), state.isAllowed(222)]).toEqual([true, false]);
    expect(generations(config.indexDir)).toEqual([fs.readFileSync(path.join(config.indexDir, "CURRENT"), "utf8").trim()]);
    state.close();
  });

  it("a graph that lags the database snapshot (an add landed between the two copies) is brought up to date on restore", async () => {
    const opened = await testApp();
    app = opened.app;
    const { config } = opened;
    const root = tempDir("backup-lag-");
    await backupIndex(config, path.join(root, "before"));
    await app.library.add(report("Quang Tri", "https://example.org/quang-tri-2023", "2,345"));
    const after = path.join(root, "after");
    const manifest = await backupIndex(config, after);
    expect(manifest.articles).toBe(6);
    // The graph files of the earlier backup: they hold no Quang Tri passage and say so by their version.
    for (const file of ["vectors.hnsw", "vectors.json"]) fs.copyFileSync(path.join(root, "before", file), path.join(after, file));

    await app.library.remove("https://example.org/quang-tri-2023");
    const embedder = await testEmbedder();
    await restoreIndex(config, after, { embedder });
    const store = app.library.store();
    const [quangTri] = store.articlePassages(store.listArticles(0, 100).items.find((a) => a.url === "https://example.org/quang-tri-2023")!.id);
    const nearest = store.denseSearch(await embedder.embedQuery(quangTri!.text), 1);
    expect(nearest.map((n) => n.id)).toEqual([quangTri!.id]);
    expect((await app.ask(QUANG_TRI)).answer).toContain("2,345");
  });

  it("refuses bad input with one line and exit 2, and changes nothing", async () => {
    const opened = await testApp();
    app = opened.app;
    const { config } = opened;
    const index = ["--index", config.indexDir];
    const live = fs.readFileSync(path.join(config.indexDir, "CURRENT"), "utf8");
    const oneLine = (r: { code: number; stdout: string; stderr: string }, pattern: RegExp) => {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
    };

    // A backup into a folder that holds something.
    const busy = tempDir("backup-busy-");
    fs.writeFileSync(path.join(busy, "notes.txt"), "keep me");
    oneLine(await cli(["library", "backup", busy, ...index]), /already exists and is not an empty folder/);
    expect(fs.readdirSync(busy)).toEqual(["notes.txt"]);

    // A restore from a folder that is not a backup, from a damaged one, and from one made with another model.
    oneLine(await cli(["library", "restore", path.join(ROOT, "data"), ...index]), /Cannot restore from .*data: it holds no BACKUP\.json, so it is not a backup/);
    const good = path.join(tempDir("backup-"), "good");
    await backupIndex(config, good);
    const damaged = path.join(tempDir("backup-"), "damaged");
    fs.cpSync(good, damaged, { recursive: true });
    const db = fs.readFileSync(path.join(damaged, "library.db"));
    db.fill(0x5a, 4096, Math.min(db.length, 4096 * 6)); // pages of the schema and tables overwritten
    fs.writeFileSync(path.join(damaged, "library.db"), db);
    oneLine(await cli(["library", "restore", damaged, ...index]), /Cannot restore from .*damaged: its library\.db is (damaged|not a readable database)/);
    const otherModel = path.join(tempDir("backup-"), "other-model");
    fs.cpSync(good, otherModel, { recursive: true });
    const meta = new Database(path.join(otherModel, "library.db"));
    meta.prepare("UPDATE meta SET value = 'Xenova/all-MiniLM-L6-v2' WHERE key = 'model_id'").run();
    meta.prepare("UPDATE meta SET value = '384' WHERE key = 'dimension'").run();
    meta.close();
    const manifestFile = path.join(otherModel, "BACKUP.json");
    const manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
    fs.writeFileSync(manifestFile, JSON.stringify({ ...manifest, model: { modelId: "Xenova/all-MiniLM-L6-v2", dimension: 384, fingerprint: "x" } }));
    oneLine(await cli(["library", "restore", otherModel, ...index]), /was made with the embedding model "Xenova\/all-MiniLM-L6-v2".*set EMBEDDING_MODEL=Xenova\/all-MiniLM-L6-v2 to restore it/);

    // PostgreSQL libraries are backed up with pg_dump; nothing connects to find that out.
    oneLine(await cli(["library", "backup", path.join(busy, "pg"), ...index], { DATABASE_URL: "postgres://127.0.0.1:1/reports" }), /pg_dump/);

    expect(fs.readFileSync(path.join(config.indexDir, "CURRENT"), "utf8")).toBe(live);
    expect(generations(config.indexDir)).toEqual([live.trim()]);
    expect((await app.ask(HA_NAM)).answer).toContain("Le Thi Thuy");
  });
});
