import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.js";
import { PostgresHost } from "../../src/store/postgres/host.js";
import type { ModelIdentity, SearchIndex } from "../../src/store/search-index.js";
import type { Embedder } from "../../src/embed/embedder.js";
import type { Article, Fact } from "../../src/types.js";
import { fold } from "../../src/text/fold.js";
import { tempDir, testEmbedder } from "../helpers/app.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";

// One suite, two backends: every test in "SearchIndex" runs against the embedded store (SQLite + FTS5 +
// hnswlib) and against PostgreSQL + pgvector (PGlite over the real wire protocol). Each test gets a new
// generation; `reopen` opens it again over a new connection, as another process would.

interface Backend {
  name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** A new, empty generation built by `model`. */
  create(model: ModelIdentity): SearchIndex;
  /** The generation last created, opened again as another process would (checks the model). */
  reopen(model: ModelIdentity): SearchIndex;
}

const open: { close(): void }[] = [];
const keep = <T extends { close(): void }>(x: T) => (open.push(x), x);

function sqliteBackend(): Backend {
  let dir = "";
  return {
    name: "sqlite",
    async setup() {},
    async teardown() {},
    create(model) {
      dir = tempDir();
      return keep(Store.open(dir, model, { create: true }));
    },
    reopen(model) {
      return keep(Store.open(dir, model));
    },
  };
}

function postgresBackend(): Backend {
  let server: TestPostgres;
  // Two connections (each its own worker thread and pg client), as two processes would have.
  let first: PostgresHost;
  let second: PostgresHost;
  let generation = "";
  return {
    name: "postgres",
    async setup() {
      server = await startPostgres();
      first = PostgresHost.connect(server.url);
      second = PostgresHost.connect(server.url);
    },
    async teardown() {
      first.close();
      second.close();
      await server.stop();
    },
    create(model) {
      const created = first.beginGeneration(model);
      generation = created.name;
      return created.index;
    },
    reopen(model) {
      return second.open(generation, model);
    },
  };
}

let embedder: Embedder;
beforeAll(async () => {
  embedder = await testEmbedder();
});
afterEach(() => {
  for (const s of open.splice(0).reverse()) s.close();
});

function article(id: string, text: string, extra: Partial<Article> = {}): Article {
  return { id, title: `Report ${id}`, titleDerived: false, url: null, date: "2023-12-29", source: "test", place: "Ha Nam province", text, origin: { kind: "data", ref: id }, contentHash: id + text.length, addedAt: "", ...extra };
}

async function put(store: SearchIndex, a: Article, texts: string[]) {
  const vectors = await embedder.embedPassages(texts);
  store.putArticle(a, texts.map((text, i) => ({ articleId: a.id, position: i, text, context: fold(`${a.title} ${a.place}`), vector: vectors[i] })));
}

describe.each([sqliteBackend(), postgresBackend()])("SearchIndex on $name", (backend) => {
  beforeAll(() => backend.setup());
  afterAll(() => backend.teardown());
  const openStore = () => backend.create(embedder);

  it("finds passages lexically with and without Vietnamese diacritics", async () => {
    const store = openStore();
    await put(store, article("vn", "x"), ["Đồng chí Lê Thị Thủy chủ trì hội nghị Tỉnh ủy Hà Nam.", "An unrelated passage about rice harvests."]);
    for (const query of ['"le" "thi" "thuy"', '"ha" "nam"', '"dong" "chi"']) {
      const hits = store.lexicalSearch(`body : (${query.split(" ").join(" AND ")})`, 5);
      expect(hits.length, query).toBe(1);
      expect(store.getPassages([hits[0].id])[0].text).toContain("Lê Thị Thủy");
    }
  });

  it("ranks by BM25: rarer terms and shorter passages first, context weighed by contextWeight, filters applied before the limit", async () => {
    const store = openStore();
    await put(store, article("a", "x", { title: "Budget report" }), [
      "Budget revenue reached 100 billion and budget spending grew.",
      "The conference reviewed budget revenue, spending, investment, tourism, schools, hospitals and roads in every district.",
      "Rice harvests grew.",
    ]);
    await put(store, article("b", "y", { title: "Tourism report" }), ["Tourism revenue grew in every district.", "Schools opened."]);
    const ranked = store.lexicalSearch('"budget" OR "revenue"', 10);
    const texts = store.getPassages(ranked.map((h) => h.id)).map((p) => p.text);
    expect(texts[0]).toMatch(/^Budget revenue reached/);
    expect(texts).toHaveLength(4);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
    // "tourism" is in b's context on every passage of b: the context weight decides whether "Schools opened." scores.
    const withContext = store.lexicalSearch('"tourism"', 10, { articleIds: null }, 1).map((h) => h.id);
    const body = store.lexicalSearch('body : "tourism"', 10).map((h) => h.id);
    expect(withContext.length).toBeGreaterThan(body.length);
    // A filter applies before the limit: the one passage of b that matches comes back with limit 1.
    const filtered = store.lexicalSearch('"revenue"', 1, { articleIds: new Set(["b"]) });
    expect(store.getPassages(filtered.map((h) => h.id)).map((p) => p.articleId)).toEqual(["b"]);
    expect(store.denseSearch(await embedder.embedQuery("revenue"), 1, { articleIds: new Set(["b"]) }).map((h) => store.getPassages([h.id])[0].articleId)).toEqual(["b"]);
    expect(store.lexicalSearch('"revenue"', 5, { articleIds: new Set() })).toEqual([]);
  });

  it("finds passages densely by meaning and returns them with their article", async () => {
    const store = openStore();
    await put(store, article("a", "x"), ["The province's economic growth reached 9.41 percent this year.", "Delegates discussed cultural festivals and tourism."]);
    const [best] = store.denseSearch(await embedder.embedQuery("How fast did the economy grow?"), 2);
    const [passage] = store.getPassages([best.id]);
    expect(passage.text).toContain("economic growth");
    expect(passage.article).toMatchObject({ id: "a", title: "Report a", place: "Ha Nam province" });
  });

  it("replaces an article's passages on update and forgets them on remove", async () => {
    const store = openStore();
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

  it("finds articles by id, url and content, lists them and moves the write version with every write", async () => {
    const store = openStore();
    const before = store.writeVersion();
    await put(store, article("a", "x", { url: "https://example.org/a", date: "2023-01-02" }), ["One passage."]);
    await put(store, article("b", "yy", { date: "2024-05-06" }), ["Another passage.", "And a second one."]);
    expect(store.writeVersion()).toBe(before + 2);
    expect(store.getArticle("a")?.url).toBe("https://example.org/a");
    expect(store.findArticleByUrl("https://example.org/a")?.id).toBe("a");
    expect(store.findArticleByHash("b2")?.id).toBe("b");
    expect(store.getArticle("zz")).toBeNull();
    expect(store.listArticles(0, 1)).toEqual({ total: 2, items: [expect.objectContaining({ id: "b" })] });
    expect([...store.allArticles()].map((a) => a.id)).toEqual(["a", "b"]);
    expect(store.articleOrigins().map((o) => o.id).sort()).toEqual(["a", "b"]);
    expect(store.articlePassages("b").map((p) => p.position)).toEqual([0, 1]);
    store.setMeta({ built_at: "2026-12-01" });
    expect(store.getMeta()).toMatchObject({ built_at: "2026-12-01", model_id: embedder.modelId, dimension: String(embedder.dimension) });
    expect(store.sizeOnDisk()).toBeGreaterThan(0);
  });

  it("keeps each passage's facts and an article's claimed url, written in the write's transaction", async () => {
    const store = openStore();
    const fact: Fact = { metric: null, value: "9.41%", number: 9.41, unit: "%", period: { from: 2023, to: 2023 }, place: null, modality: "achieved", sentence: [0, 40], at: 22 };
    const a = article("f", "x", { url: "https://example.org/f", claimedUrl: "https://claimed.example/f" });
    const [v1, v2] = await embedder.embedPassages(["Economic growth reached 9.41% in 2023.", "Delegates met."]);
    store.putArticle(a, [
      { articleId: "f", position: 0, text: "Economic growth reached 9.41% in 2023.", context: "", vector: v1!, facts: [fact] },
      { articleId: "f", position: 1, text: "Delegates met.", context: "", vector: v2! },
    ]);
    const read = backend.reopen(embedder);
    expect(read.articlePassages("f").map((p) => p.facts)).toEqual([[fact], []]);
    const [hit] = read.lexicalSearch('"growth"', 1);
    expect(read.getPassages([hit!.id])[0]!.facts).toEqual([fact]);
    expect(read.getArticle("f")?.claimedUrl).toBe("https://claimed.example/f");
    expect(read.getArticle("a-none")).toBeNull();
  });

  it("finds the articles naming a phrase as consecutive words (body or context, never across them), memoised per write version", async () => {
    const store = openStore();
    await put(store, article("na", "x", { title: "Report", place: "Nghe An province" }), ["The conference in Vinh reviewed the year."]);
    await put(store, article("hn", "y", { title: "Report", place: "Ha Nam province" }), ["Delegates from Nghệ An visited.", "Rice grew in An Giang."]);
    await put(store, article("ng", "z", { title: "An overview", place: "Ha Tinh province" }), ["Workers from Nghe", "An farmers met."]);
    // Context (the article's place) and body, folded; "nghe" ending one passage and "an" starting the next is no phrase.
    expect([...store.articlesNaming("Nghệ An")].sort()).toEqual(["hn", "na"]);
    expect([...store.articlesNaming("an giang")]).toEqual(["hn"]);
    expect(store.articlesNaming("  ").size).toBe(0);
    // Body "... Vinh reviewed the year." then context "report nghe an ...": "year report" must not match across them.
    expect(store.articlesNaming("year report").size).toBe(0);

    let computed = 0;
    const count = () => store.derive("test-count", () => (computed++, store.counts().articles));
    expect(count()).toBe(3);
    expect(count()).toBe(3);
    expect(computed).toBe(1);
    const before = store.writeVersion();
    expect(store.removeArticle("ng")).toBe(true);
    expect(store.writeVersion()).toBeGreaterThan(before);
    expect(count()).toBe(2);
    expect(computed).toBe(2);
    expect([...store.articlesNaming("nghe an")].sort()).toEqual(["hn", "na"]);
    expect(store.removeArticle("hn")).toBe(true);
    expect([...store.articlesNaming("nghe an")]).toEqual(["na"]);
  });

  it("sees counts and term frequencies written by another connection to the same index", async () => {
    const reader = openStore();
    expect(reader.counts().passages).toBe(0);
    expect(reader.documentFrequency("fertiliser")).toBe(0);
    const writer = backend.reopen(embedder);
    await put(writer, article("b", "x"), ["Fertiliser subsidies reached farmers in 2023."]);
    expect(reader.counts()).toEqual({ articles: 1, passages: 1 });
    expect(reader.documentFrequency("fertiliser")).toBe(1);
  });

  it("keeps another process's writes in the vector index: searches see them and later writes do not drop them", async () => {
    const bot = openStore();
    await put(bot, article("a", "x"), ["Budget revenue of Ha Nam reached 20,000 billion VND."]);
    const cli = backend.reopen(embedder);
    await put(cli, article("b", "y"), ["Fertiliser subsidies reached farmers in mountain districts."]);
    const query = await embedder.embedQuery("fertiliser subsidies for farmers");
    const idOfB = cli.articlePassages("b")[0]!.id;
    expect(bot.denseSearch(query, 5).map((h) => h.id)).toContain(idOfB);
    await put(bot, article("c", "z"), ["The province admitted 1,200 new party members."]);
    const fresh = backend.reopen(embedder);
    expect(fresh.denseSearch(query, 5).map((h) => h.id)).toContain(idOfB);
    expect(fresh.denseSearch(await embedder.embedQuery("new party members admitted"), 5).map((h) => h.id)).toContain(fresh.articlePassages("c")[0]!.id);
  });

  it("refuses an index built by another model, saying how to rebuild", async () => {
    backend.create({ modelId: "Xenova/all-MiniLM-L6-v2", dimension: 384, fingerprint: "Xenova/all-MiniLM-L6-v2@q8" }).close();
    expect(() => backend.reopen(embedder)).toThrow(/built with the embedding model "Xenova\/all-MiniLM-L6-v2" \(384 dimensions\).*reindex/s);
  });
});

describe("Store (embedded): the HNSW file beside SQLite", () => {
  const openStore = (dir: string, create = true) => keep(Store.open(dir, embedder, { create }));

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
