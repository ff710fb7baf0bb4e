import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import type { Embedder } from "../../src/embed/embedder.js";
import { SEED_DIR } from "../helpers/paths.js";
import { QUANG_TRI_REPORT as MD, tempDir, testConfig, testEmbedder } from "../helpers/app.js";

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

/** The real model, counting how many passages it embeds. */
async function countingEmbedder(): Promise<Embedder & { embedded: number }> {
  const real = await testEmbedder();
  const counting = {
    modelId: real.modelId,
    dimension: real.dimension,
    fingerprint: real.fingerprint,
    embedded: 0,
    embedQuery: (t: string) => real.embedQuery(t),
    embedPassages: (texts: string[]) => {
      counting.embedded += texts.length;
      return real.embedPassages(texts);
    },
  };
  return counting;
}

function copySeed(): string {
  const dir = tempDir("reports-data-");
  for (const f of fs.readdirSync(SEED_DIR)) fs.copyFileSync(path.join(SEED_DIR, f), path.join(dir, f));
  return dir;
}

async function open(dataDir: string, embedder?: Embedder, indexDir?: string) {
  const config = testConfig({ DATA_DIR: dataDir, ...(indexDir ? { INDEX_DIR: indexDir } : {}) });
  const app = await openApp(config, { embedder: embedder ?? (await testEmbedder()) });
  apps.push(app);
  return { app, config };
}


describe("Library", () => {
  it("builds from a data folder once, then re-embeds only what changed and drops removed files", async () => {
    const data = copySeed();
    const embedder = await countingEmbedder();
    const { app, config } = await open(data, embedder);
    const firstBuild = embedder.embedded;
    expect(app.library.stats().articles).toBe(5);
    expect(firstBuild).toBeGreaterThan(50);

    const unchanged = await app.library.syncDataDir(config.dataDir);
    expect(unchanged).toMatchObject({ added: 0, updated: 0, unchanged: 5, removed: 0 });
    expect(embedder.embedded).toBe(firstBuild);

    const file = path.join(data, "002_e56c2869da385239.txt");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("13.4%", "13.9%"));
    fs.rmSync(path.join(data, "001_6a067cee5454fe4d.txt"));
    fs.rmSync(path.join(data, "001_6a067cee5454fe4d.json"));
    const changed = await app.library.syncDataDir(config.dataDir);
    expect(changed).toMatchObject({ added: 0, updated: 1, unchanged: 3, removed: 1 });
    expect(app.library.stats().articles).toBe(4);
    expect((await app.ask("What was Hung Yen's GRDP growth rate in 2022?")).answer).toContain("13.9%");
    expect((await app.ask("Which directive covers organizing the Year of the Dragon in Hai Duong?")).found).toBe(false);
  });

  it("adds an uploaded article, finds it, reports a duplicate, and removes it by url", async () => {
    const { app } = await open(copySeed());
    const [added] = await app.library.add({ kind: "upload", fileName: "quang-tri.md", bytes: new TextEncoder().encode(MD) });
    expect(added).toMatchObject({ status: "added", article: { title: "Quang Tri: Party Committee reviews 2023", url: "https://example.org/quang-tri-2023" } });
    const answer = await app.ask("How many new party members did Quang Tri admit in 2023?");
    expect(answer.found).toBe(true);
    expect(answer.answer).toContain("2,345");
    expect(answer.citations[0].url).toBe("https://example.org/quang-tri-2023");

    const [again] = await app.library.add({ kind: "upload", fileName: "copy.md", bytes: new TextEncoder().encode(MD) });
    expect(again.status).toBe("unchanged");
    expect(app.library.stats().articles).toBe(6);

    const removed = await app.library.remove("https://example.org/quang-tri-2023");
    expect(removed.id).toBe(added.article.id);
    expect((await app.ask("How many new party members did Quang Tri admit in 2023?")).found).toBe(false);
    await expect(app.library.remove("no-such-article")).rejects.toThrow(/No article with id or url "no-such-article"/);
  });

  it("adds a folder in one batch, counting each article's passages and keeping one copy of a repeated file", async () => {
    const { app } = await open(copySeed());
    const folder = tempDir("reports-batch-");
    fs.writeFileSync(path.join(folder, "quang-tri.md"), MD);
    fs.writeFileSync(path.join(folder, "quang-tri-copy.md"), MD);
    fs.writeFileSync(path.join(folder, "other.md"), MD.replace(/Quang Tri/g, "Kon Tum").replace("quang-tri-2023", "kon-tum-2023"));
    const results = await app.library.add({ kind: "path", path: folder });
    expect(results.map((r) => r.status).sort()).toEqual(["added", "added", "unchanged"]);
    for (const r of results.filter((r) => r.status === "added")) expect(r.passages).toBeGreaterThan(0);
    expect(app.library.stats()).toMatchObject({ articles: 7 });
    expect((await app.ask("How many new party members did Kon Tum admit in 2023?")).answer).toContain("2,345");
  });

  it("updates an article in place when the same url comes back with new text", async () => {
    const { app } = await open(copySeed());
    await app.library.add({ kind: "upload", fileName: "a.md", bytes: new TextEncoder().encode(MD) });
    const [updated] = await app.library.add({ kind: "upload", fileName: "b.md", bytes: new TextEncoder().encode(MD.replace("4,321", "4,999")) });
    expect(updated.status).toBe("updated");
    expect(app.library.stats().articles).toBe(6);
    expect((await app.ask("What was the budget revenue of Quang Tri in 2023?")).answer).toContain("4,999");
  });

  it("lists articles in pages", async () => {
    const { app } = await open(copySeed());
    const first = app.library.list({ offset: 0, limit: 2 });
    const rest = app.library.list({ offset: 2, limit: 10 });
    expect(first.total).toBe(5);
    expect(first.items).toHaveLength(2);
    expect(rest.items).toHaveLength(3);
    expect(new Set([...first.items, ...rest.items].map((a) => a.id)).size).toBe(5);
  });

  it("reindexes beside the live index while questions keep being answered", async () => {
    const { app, config } = await open(copySeed());
    const before = app.library.stats();
    const asking = (async () => {
      const results = [];
      for (let i = 0; i < 20; i++) results.push(await app.ask("How many party members were disciplined in Ha Nam in 2023?"));
      return results;
    })();
    const phases: string[] = [];
    const result = await app.library.reindex((p) => phases.push(p.phase));
    const answers = await asking;
    expect(answers.every((a) => a.found && a.answer.includes("110"))).toBe(true);
    expect(result).toMatchObject({ articles: 5, passages: before.passages });
    expect(phases.at(-1)).toBe("done");
    // One generation remains, and CURRENT names it.
    const generations = fs.readdirSync(config.indexDir).filter((f) => f.startsWith("gen-"));
    expect(generations).toHaveLength(1);
    expect(fs.readFileSync(path.join(config.indexDir, "CURRENT"), "utf8").trim()).toBe(generations[0]);
    expect((await app.ask("How many party members were disciplined in Ha Nam in 2023?")).answer).toContain("110");
  });

  it("refuses bad uploads with a clear message and changes nothing", async () => {
    const { app } = await open(copySeed());
    const before = app.library.stats();
    const cases: [string, Uint8Array, RegExp][] = [
      ["empty.txt", new Uint8Array(0), /empty/i],
      ["binary.txt", new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0, 1, 2, 3]), /PDF|binary/i],
      ["latin1.txt", new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x6f, 0x69, 0x72]), /UTF-8/],
      ["bad.md", new TextEncoder().encode("---\ntitle: [unclosed\n---\nBody text here."), /front matter/i],
      ["notext.json", new TextEncoder().encode(JSON.stringify({ title: "No body" })), /text/],
    ];
    for (const [name, bytes, message] of cases) {
      await expect(app.library.add({ kind: "upload", fileName: name, bytes }), name).rejects.toThrow(message);
    }
    expect(app.library.stats()).toEqual(before);
  });
});
