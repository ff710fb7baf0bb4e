import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.js";
import type { Embedder } from "../../src/embed/embedder.js";
import type { Article } from "../../src/types.js";
import { fold } from "../../src/text/fold.js";
import { tempDir, testEmbedder } from "../helpers/app.js";

let embedder: Embedder;
const open: Store[] = [];
beforeAll(async () => {
  embedder = await testEmbedder();
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

function article(id: string, text: string, extra: Partial<Article> = {}): Article {
  return { id, title: `Report ${id}`, titleDerived: false, url: null, date: "2023-12-29", source: "test", place: "Ha Nam province", text, origin: { kind: "data", ref: id }, contentHash: id + text.length, addedAt: "", ...extra };
}

async function put(store: Store, a: Article, texts: string[]) {
  const vectors = await embedder.embedPassages(texts);
  store.putArticle(a, texts.map((text, i) => ({ articleId: a.id, position: i, text, context: fold(`${a.title} ${a.place}`), vector: vectors[i] })));
}

function openStore(dir: string, create = true) {
  const s = Store.open(dir, embedder, { create });
  open.push(s);
  return s;
}

describe("Store", () => {
  it("finds passages lexically with and without Vietnamese diacritics", async () => {
    const store = openStore(tempDir());
    await put(store, article("vn", "x"), ["Đồng chí Lê Thị Thủy chủ trì hội nghị Tỉnh ủy Hà Nam.", "An unrelated passage about rice harvests."]);
    for (const query of ['"le" "thi" "thuy"', '"ha" "nam"', '"dong" "chi"']) {
      const hits = store.lexicalSearch(`body : (${query.split(" ").join(" AND ")})`, 5);
      expect(hits.length, query).toBe(1);
      expect(store.getPassages([hits[0].id])[0].text).toContain("Lê Thị Thủy");
    }
  });

  it("finds passages densely by meaning and returns them with their article", async () => {
    const store = openStore(tempDir());
    await put(store, article("a", "x"), ["The province's economic growth reached 9.41 percent this year.", "Delegates discussed cultural festivals and tourism."]);
    const [best] = store.denseSearch(await embedder.embedQuery("How fast did the economy grow?"), 2);
    const [passage] = store.getPassages([best.id]);
    expect(passage.text).toContain("economic growth");
    expect(passage.article).toMatchObject({ id: "a", title: "Report a", place: "Ha Nam province" });
  });

  it("replaces an article's passages on update and forgets them on remove", async () => {
    const store = openStore(tempDir());
    await put(store, article("a", "v1"), ["Old passage about budget revenue of 100 billion."]);
    await put(store, article("a", "v2"), ["New passage about budget revenue of 300 billion."]);
    expect(store.counts()).toEqual({ articles: 1, passages: 1 });
    expect(store.lexicalSearch('"100"', 5)).toEqual([]);
    expect(store.lexicalSearch('"300"', 5)).toHaveLength(1);
    expect(store.documentFrequency("300")).toBe(1);
    expect(store.removeArticle("a")).toBe(true);
    expect(store.counts()).toEqual({ articles: 0, passages: 0 });
    expect(store.documentFrequency("300")).toBe(0);
    expect(store.denseSearch(await embedder.embedQuery("budget revenue"), 5)).toEqual([]);
    expect(store.removeArticle("a")).toBe(false);
  });

  it("sees counts and term frequencies written by another connection to the same index", async () => {
    const dir = tempDir();
    const reader = openStore(dir);
    expect(reader.counts().passages).toBe(0);
    expect(reader.documentFrequency("fertiliser")).toBe(0);
    const writer = openStore(dir, false);
    await put(writer, article("b", "x"), ["Fertiliser subsidies reached farmers in 2023."]);
    expect(reader.counts()).toEqual({ articles: 1, passages: 1 });
    expect(reader.documentFrequency("fertiliser")).toBe(1);
  });

  it("keeps another process's writes in the vector graph: searches see them and a later save does not drop them", async () => {
    const dir = tempDir();
    const bot = openStore(dir);
    await put(bot, article("a", "x"), ["Budget revenue of Ha Nam reached 20,000 billion VND."]);
    const cli = openStore(dir, false);
    await put(cli, article("b", "y"), ["Fertiliser subsidies reached farmers in mountain districts."]);
    const query = await embedder.embedQuery("fertiliser subsidies for farmers");
    const idOfB = cli.articlePassages("b")[0]!.id;
    expect(bot.denseSearch(query, 5).map((h) => h.id)).toContain(idOfB);
    await put(bot, article("c", "z"), ["The province admitted 1,200 new party members."]);
    const fresh = openStore(dir, false);
    expect(fresh.denseSearch(query, 5).map((h) => h.id)).toContain(idOfB);
    expect(fresh.denseSearch(await embedder.embedQuery("new party members admitted"), 5).map((h) => h.id)).toContain(fresh.articlePassages("c")[0]!.id);
  });

  it("refuses an index built by another model, saying how to rebuild", async () => {
    const dir = tempDir();
    Store.open(dir, { modelId: "Xenova/all-MiniLM-L6-v2", dimension: 384, fingerprint: "Xenova/all-MiniLM-L6-v2@q8" }, { create: true }).close();
    expect(() => Store.open(dir, embedder)).toThrow(/built with the embedding model "Xenova\/all-MiniLM-L6-v2" \(384 dimensions\).*reindex/s);
  });

  it("brings the vector graph up to date when the process died between the SQLite commit and the HNSW save", async () => {
    const dir = tempDir();
    const store = Store.open(dir, embedder, { create: true });
    await put(store, article("a", "x"), ["First article about party member admissions."]);
    const vectors = await embedder.embedPassages(["Second article about FDI capital of 1 billion USD."]);
    // Commit to SQLite but skip writing the HNSW file, as a crash would.
    store.putArticle(article("b", "y"), [{ articleId: "b", position: 0, text: "Second article about FDI capital of 1 billion USD.", context: "", vector: vectors[0] }], { saveVectors: false });
    store.close();
    const reopened = openStore(dir, false);
    const hits = reopened.denseSearch(await embedder.embedQuery("foreign direct investment capital"), 2);
    expect(hits.map((h) => reopened.getPassages([h.id])[0].articleId).sort()).toEqual(["a", "b"]);
  });

  it("rebuilds the vector graph from SQLite when the HNSW file is missing", async () => {
    const dir = tempDir();
    const store = Store.open(dir, embedder, { create: true });
    await put(store, article("a", "x"), ["A passage about the Commemorative Medal."]);
    store.close();
    fs.rmSync(path.join(dir, "vectors.hnsw"));
    const reopened = openStore(dir, false);
    expect(reopened.denseSearch(await embedder.embedQuery("medal"), 1)).toHaveLength(1);
  });
});
