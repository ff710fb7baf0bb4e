import { pipeline } from "@xenova/transformers";
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { meanPoolNormalized, prefixesFor } from "../../src/embed/embedder.js";
import { createWorkerEmbedder } from "../../src/embed/worker-embedder.js";
import { testEmbedder } from "../helpers/app.js";
import { ROOT } from "../helpers/paths.js";

describe("embedder", () => {
  it("gives the same vectors as transformers.js's own mean pooling, at unit length", async () => {
    const embedder = await testEmbedder();
    const config = loadConfig({});
    const extractor = await pipeline("feature-extraction", config.embeddingModel, { quantized: true });
    const texts = ["Ha Nam Provincial Party Committee", "GRDP grew by 8.5% in 2023, the highest in the region of the Red River Delta"];
    const ours = await embedder.embedPassages(texts);
    const reference = await extractor(texts, { pooling: "mean", normalize: true });
    const width = embedder.dimension;
    for (const [row, vector] of ours.entries()) {
      expect(vector).toHaveLength(width);
      const expected = Array.from((reference.data as Float32Array).slice(row * width, (row + 1) * width));
      for (let d = 0; d < width; d++) expect(vector[d]).toBeCloseTo(expected[d]!, 5);
      expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    }
  });

  it("pools only the unmasked tokens and leaves a text of unknown words at zero rather than NaN", () => {
    // Two rows of three 2-d tokens; the second row's last token is padding.
    const data = [1, 0, 0, 1, 1, 1, /* row 2 */ 3, 4, 3, 4, 100, 100];
    const [a, b] = meanPoolNormalized(data, [2, 3, 2], [1, 1, 1, 1, 1, 0]);
    expect(Array.from(a!)).toEqual([Math.SQRT1_2, Math.SQRT1_2].map((x) => expect.closeTo(x, 6)));
    expect(Array.from(b!)).toEqual([0.6, 0.8].map((x) => expect.closeTo(x, 6)));
    const [zero] = meanPoolNormalized([0, 0], [1, 1, 2], [1]);
    expect(Array.from(zero!)).toEqual([0, 0]);
  });

  it("embeds in a worker thread exactly as on the main thread, and reports a model that cannot load", async () => {
    const embedder = await testEmbedder();
    const config = loadConfig({});
    const options = { model: config.embeddingModel, modelsDir: config.modelsDir, cacheDir: config.modelCacheDir, quantized: true, allowRemoteModels: false };
    const worker = await createWorkerEmbedder(options);
    try {
      expect(worker.fingerprint).toBe(embedder.fingerprint);
      const texts = ["Thai Binh admitted 2,100 new party members", "budget revenue exceeded the estimate"];
      const [fromWorker, here] = await Promise.all([worker.embedPassages(texts), embedder.embedPassages(texts)]);
      expect(fromWorker.map((v) => Array.from(v))).toEqual(here.map((v) => Array.from(v)));
    } finally {
      await worker.close();
    }
    await expect(createWorkerEmbedder({ ...options, model: "local/no-such-model" })).rejects.toThrow(/no-such-model/);
    // The thread outlives a model that cannot load: the next build still embeds there.
    const again = await createWorkerEmbedder(options);
    expect(Array.from((await again.embedPassages(["budget revenue"]))[0]!)).toEqual(Array.from((await embedder.embedPassages(["budget revenue"]))[0]!));
    await again.close();
  });

  it("a process that runs several builds' embedding threads, and a model that cannot load, ends normally (no heap corruption at exit)", async () => {
    const child = path.join(ROOT, "tests/helpers/embed-cycles-child.ts");
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", child], { cwd: ROOT });
    expect(stdout.trim()).toBe("ok");
  });

  it("adds the query and passage prefixes e5 and bge models were trained with, and none for others", () => {
    expect(prefixesFor("Xenova/multilingual-e5-small")).toEqual({ query: "query: ", passage: "passage: " });
    expect(prefixesFor("Xenova/bge-small-en-v1.5").query).toMatch(/^Represent this sentence/);
    expect(prefixesFor("local/glove-6b-100d-sif")).toEqual({ query: "", passage: "" });
  });
});
