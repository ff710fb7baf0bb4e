import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { loadWordVectors, rarityWeight } from "../../src/embed/word-vectors.js";
import { tempDir, testEmbedder } from "../helpers/app.js";
import { testWordVectors } from "../helpers/word-vectors.js";

describe("word vectors of the shipped GloVe model", () => {
  it("holds the model's whole vocabulary as unit vectors, folded to lowercase without accents", async () => {
    const v = await testWordVectors();
    expect(v.size).toBe(150_000);
    expect(v.dimension).toBe(100);
    expect(v.has("Admitted")).toBe(true);
    expect(v.has("Hà")).toBe(true); // folded to "ha"
    expect(v.has("grdp")).toBe(false); // not in GloVe's 150,000 most frequent words
    const admitted = v.vector("admitted")!;
    expect(Math.hypot(...admitted)).toBeCloseTo(1, 5);
    expect(v.vector("grdp")).toBeNull();
    expect(v.similarity("Admitted", "admitted")).toBe(1);
    expect(v.similarity("grdp", "product")).toBe(0);
  });

  it("puts synonyms closer than unrelated words", async () => {
    const v = await testWordVectors();
    expect(v.similarity("admitted", "recruited")).toBeGreaterThan(v.similarity("admitted", "banana") + 0.3);
    expect(v.similarity("tourists", "visitors")).toBeGreaterThan(0.7);
    expect(v.similarity("foreign", "international")).toBeGreaterThan(v.similarity("foreign", "harvest"));
    expect(v.similarity("growth", "increased")).toBeGreaterThan(v.similarity("growth", "conference"));
    const ranked = v.nearest("admitted", ["banana", "recruited", "grdp", "accepted"]);
    expect(ranked.map((r) => r.word)).toEqual(["accepted", "recruited", "banana"]);
    expect(v.nearest("admitted", ["banana", "recruited", "accepted"], 1)).toHaveLength(1);
  });

  it("gives the same cosines as the sentence model's own vectors of one-word texts", async () => {
    // The embedder pools and normalises the same ONNX lookup, so a one-word text is that word's unit vector.
    const v = await testWordVectors();
    const embedder = await testEmbedder();
    const [a, b] = await embedder.embedPassages(["recruited", "admitted"]);
    let dot = 0;
    for (let d = 0; d < a!.length; d++) dot += a![d]! * b![d]!;
    expect(v.similarity("recruited", "admitted")).toBeCloseTo(dot, 2); // int8 table: within 0.005
  });

  it("orders words by frequency, so rare words weigh more than common ones", async () => {
    const v = await testWordVectors();
    expect(v.rank("the")).toBe(0);
    expect(rarityWeight(v, "recruited")).toBeGreaterThan(rarityWeight(v, "party"));
    expect(rarityWeight(v, "grdp")).toBeGreaterThan(rarityWeight(v, "recruited"));
  });

  it("loads only the most frequent words when asked, and says what to do when the model is missing", async () => {
    const small = await loadWordVectors({ modelsDir: loadConfig({}).modelsDir, maxWords: 5000 });
    expect(small.size).toBe(5000);
    expect(small.has("party")).toBe(true);
    expect(small.has("recruited")).toBe(false);
    await expect(loadWordVectors({ modelsDir: tempDir("no-models-") })).rejects.toThrow(/restore embeddings\/models/);
  });
});
