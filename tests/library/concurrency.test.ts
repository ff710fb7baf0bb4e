import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { chunkArticle } from "../../src/chunk/chunk.js";
import type { Config } from "../../src/config.js";
import type { Embedder } from "../../src/embed/embedder.js";
import type { AnswerResult } from "../../src/types.js";
import { testConfig, testEmbedder } from "../helpers/app.js";
import { reportUpload as report } from "../helpers/app.js";

// Questions keep being answered, from whole articles only, while the library reindexes and adds; admin
// writes fired at the same moment run one after another, in the order they were asked for.

/** The real model, a little slower per batch (so writes overlap with questions), counting writes in flight. */
async function trackingEmbedder() {
  const real = await testEmbedder();
  const tracked = {
    modelId: real.modelId,
    dimension: real.dimension,
    fingerprint: real.fingerprint,
    inFlight: 0,
    maxInFlight: 0,
    embedQuery: (text: string) => real.embedQuery(text),
    async embedPassages(texts: string[]) {
      tracked.maxInFlight = Math.max(tracked.maxInFlight, ++tracked.inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return await real.embedPassages(texts);
      } finally {
        tracked.inFlight--;
      }
    },
  } satisfies Embedder & Record<string, unknown>;
  return tracked;
}

const QUESTIONS: [string, string][] = [
  ["How many party members were disciplined in Ha Nam in 2023?", "110"],
  ["What was Hung Yen's GRDP growth rate in 2022?", "13.4%"],
  ["How many grassroots Party organizations does Hong Linh town have?", "28"],
];


let app: App;
let config: Config;
let embedder: Awaited<ReturnType<typeof trackingEmbedder>>;

beforeAll(async () => {
  embedder = await trackingEmbedder();
  config = testConfig();
  app = await openApp(config, { embedder });
});
afterAll(() => app.close());

/** Every passage text the index holds now, by article. */
function passageTexts(): Set<string> {
  const store = app.library.store();
  return new Set(store.listArticles(0, 1000).items.flatMap((a) => store.articlePassages(a.id).map((p) => p.text)));
}

describe("concurrency", () => {
  it("questions asked during two reindexes, two adds and a remove are all answered from whole passages", async () => {
    const seedPassages = passageTexts();
    let writing = true;
    const answers: { result: AnswerResult; expected: string; duringWrites: boolean }[] = [];
    const asker = async (offset: number) => {
      for (let i = offset; writing; i++) {
        const [question, expected] = QUESTIONS[i % QUESTIONS.length]!;
        const result = await app.ask(question);
        answers.push({ result, expected, duringWrites: writing });
        // Questions arrive as I/O events; a loop of bare promises would starve the writers' timers.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const askers = [asker(0), asker(1)];

    const { library } = app;
    const writes = Promise.all([
      library.reindex(),
      library.add(report("Quang Tri", "https://example.org/quang-tri-2023", "2,345")),
      library.add(report("Quang Binh", "https://example.org/quang-binh-2023", "1,876")),
      library.reindex(),
      library.remove("https://example.org/quang-tri-2023"),
    ]);
    const [first, quangTri, quangBinh, second, removed] = await writes.finally(() => (writing = false));
    await Promise.all(askers);

    expect(first.articles).toBe(5);
    expect(quangTri[0]!.status).toBe("added");
    expect(quangBinh[0]!.status).toBe("added");
    expect(second.articles).toBe(7);
    expect(removed.id).toBe(quangTri[0]!.article.id);

    expect(answers.filter((a) => a.duringWrites).length).toBeGreaterThanOrEqual(5);
    const bad = answers.filter(({ result, expected }) => !result.found || !result.answer.includes(expected));
    expect(bad.map((a) => `${a.result.question} → ${a.result.answer}`)).toEqual([]);
    // Seed passages are the same text in every generation: each citation must be one of them, in full.
    const citations = answers.flatMap((a) => [...a.result.citations, ...a.result.more]);
    expect(citations.length).toBeGreaterThan(answers.length);
    expect(citations.filter((c) => !c.passage.trim() || !seedPassages.has(c.passage))).toEqual([]);

    expect((await app.ask("How many new party members did Quang Binh admit in 2023?")).answer).toContain("1,876");
    expect((await app.ask("How many new party members did Quang Tri admit in 2023?")).found).toBe(false);
    expect(fs.readdirSync(config.indexDir).filter((f) => f.startsWith("gen-"))).toEqual([fs.readFileSync(path.join(config.indexDir, "CURRENT"), "utf8").trim()]);
  });

  it("two adds, a remove and an update fired at once are serialised and all land whole", async () => {
    const store = () => app.library.store();
    const versionBefore = Number(store().getMeta().write_version);
    const articlesBefore = store().counts().articles;
    embedder.maxInFlight = 0;

    const [a, b, removed, updated] = await Promise.all([
      app.library.add(report("Ninh Binh", "https://example.org/ninh-binh-2023", "1,111")),
      app.library.add(report("Nam Dinh", "https://example.org/nam-dinh-2023", "2,222")),
      app.library.remove("001_6a067cee5454fe4d"),
      app.library.add(report("Ninh Binh", "https://example.org/ninh-binh-2023", "3,333")),
    ]);

    expect(embedder.maxInFlight).toBe(1);
    expect([a[0]!.status, b[0]!.status, updated[0]!.status]).toEqual(["added", "added", "updated"]);
    expect(updated[0]!.article.id).toBe(a[0]!.article.id);
    expect(removed.id).toBe("001_6a067cee5454fe4d");
    // One write_version step per write: four writes, none lost or doubled.
    expect(Number(store().getMeta().write_version)).toBe(versionBefore + 4);
    expect(store().counts().articles).toBe(articlesBefore + 1);

    let passages = 0;
    for (const { id } of store().listArticles(0, 1000).items) {
      const article = store().getArticle(id)!;
      const stored = store().articlePassages(id).map((p) => p.text);
      expect(stored, id).toEqual(chunkArticle(article).map((p) => p.text));
      passages += stored.length;
    }
    expect(store().counts().passages).toBe(passages);
    expect((await app.ask("How many new party members did Ninh Binh admit in 2023?")).answer).toContain("3,333");
    expect((await app.ask("How many new party members did Nam Dinh admit in 2023?")).answer).toContain("2,222");
  });
});
