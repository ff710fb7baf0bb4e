import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readDataDir } from "../../src/ingest/index.js";
import { UserError } from "../../src/types.js";
import { extra, SEED, SEED_IDS, seedSidecar, seedText } from "./corpus.js";

describe("readDataDir on the seed folder", () => {
  it("reads the 5 reports with their sidecar metadata; sidecars and README are not articles", async () => {
    const { articles, problems } = await readDataDir(SEED);
    expect(problems).toEqual([]);
    expect(articles.map((a) => a.id)).toEqual(SEED_IDS);
    for (const a of articles) {
      const sc = JSON.parse(JSON.stringify(seedSidecar(a.id.slice(0, 3))));
      expect(a.place).toBe(sc.place);
      expect(a.date).toBe(sc.date);
      expect(a.source).toBe(sc.source);
      expect(a.url).toBe(sc.url);
      if (sc.title) expect(a).toMatchObject({ title: sc.title, titleDerived: false });
      else expect(a.titleDerived).toBe(true);
      expect(a.origin).toEqual({ kind: "data", ref: path.join(SEED, `${a.id}.txt`) });
      expect(a.text).not.toContain("Comment (0)");
    }
  });
});

describe("readDataDir on a folder with problems", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "ingest-data-"));
    await writeFile(path.join(dir, "good.txt"), seedText("001"));
    await writeFile(path.join(dir, "README.md"), "# About this folder\n\nNot an article.");
    await writeFile(path.join(dir, ".hidden.txt"), "secret");
    await writeFile(path.join(dir, "notes.csv"), "a,b");
    await writeFile(path.join(dir, "broken.md"), "---\ntitle: [oops\n---\nText of the article.");
    await writeFile(path.join(dir, "empty.json"), JSON.stringify({ title: "no text here" }));
    await writeFile(path.join(dir, "binary.txt"), new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]));
    await mkdir(path.join(dir, "sub"));
    await writeFile(path.join(dir, "sub", "hcmc.json"), JSON.stringify(extra("045")));
    await writeFile(path.join(dir, "sub", "x.txt"), seedText("003"));
    await writeFile(path.join(dir, "sub", "x.json"), "{ not json");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("collects a problem per broken file and still reads the good ones (recursively)", async () => {
    const { articles, problems } = await readDataDir(dir);
    expect(articles.map((a) => a.id).sort()).toEqual(["good", "hcmc", "x"]);
    const byFile = Object.fromEntries(problems.map((p) => [p.file, p.message]));
    expect(Object.keys(byFile).sort()).toEqual(["binary.txt", "broken.md", "empty.json", path.join("sub", "x.json")]);
    expect(byFile["broken.md"]).toMatch(/^malformed front matter at line 2/); // the caller prefixes the file name
    expect(byFile["empty.json"]).toMatch(/no "text"/);
    expect(byFile["binary.txt"]).toMatch(/PDF/);
    expect(byFile[path.join("sub", "x.json")]).toMatch(/not valid JSON.*read without it/);
    const hcmc = articles.find((a) => a.id === "hcmc")!;
    expect(hcmc).toMatchObject({ date: "2020-07-07", place: "Ho Chi Minh City", origin: { kind: "data" } });
    // the .txt whose sidecar is broken is read with inferred metadata
    expect(articles.find((a) => a.id === "x")!.place).toBe("Thai Binh province");
  });

  it("a missing folder is a UserError that names it and says how to point at one", async () => {
    const missing = path.join(dir, "nope");
    const err = await readDataDir(missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain(`data folder ${missing} does not exist`);
    expect((err as Error).message).toMatch(/--data DIR.*DATA_DIR/);
  });
});
