// The LangChain.js baseline: what a JavaScript developer would build with LangChain's HNSWLib vector
// store and its transformers.js embeddings class, on the same offline model, passages and questions.
// Runs with bench/baseline/node_modules (installed on demand by bench/run.ts). Started by run.ts:
//   node bench/baseline/baseline.mjs build <passages.jsonl> <storeDir> <out.json>
//   node bench/baseline/baseline.mjs query <storeDir> <questions.json> <out.json>
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { fileURLToPath } from "node:url";
import { env } from "@xenova/transformers";
import { Document } from "@langchain/core/documents";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";

const here = path.dirname(fileURLToPath(import.meta.url));
const modelsDir = process.env.BENCH_MODELS_DIR ?? path.resolve(here, "..", "..", "embeddings", "models");
const MODEL = process.env.BENCH_MODEL ?? "local/glove-6b-100d-sif";
env.localModelPath = modelsDir.endsWith(path.sep) ? modelsDir : modelsDir + path.sep;
env.allowRemoteModels = false;
env.allowLocalModels = true;

async function embeddingsClass() {
  // Newer community versions name it huggingface_transformers (on @huggingface/transformers);
  // hf_transformers is the one on @xenova/transformers.
  try {
    return (await import("@langchain/community/embeddings/hf_transformers")).HuggingFaceTransformersEmbeddings;
  } catch {
    return (await import("@langchain/community/embeddings/huggingface_transformers")).HuggingFaceTransformersEmbeddings;
  }
}

const mib = (b) => Math.round((b / 1024 / 1024) * 10) / 10;
function summarize(values) {
  const s = [...values].sort((a, b) => a - b);
  const at = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
  const r = (x) => Math.round(x * 1000) / 1000;
  return { p50: r(at(50)), p95: r(at(95)), p99: r(at(99)), mean: r(s.reduce((a, b) => a + b, 0) / s.length), max: r(s.at(-1)) };
}

async function newEmbeddings() {
  const Cls = await embeddingsClass();
  const embeddings = new Cls({ model: MODEL });
  await embeddings.embedQuery("warm up"); // loads the model
  return embeddings;
}

async function build(passagesFile, storeDir) {
  const t0 = performance.now();
  const embeddings = await newEmbeddings();
  const modelMs = performance.now() - t0;
  const docs = [];
  const lines = readline.createInterface({ input: fs.createReadStream(passagesFile), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim()) continue;
    const p = JSON.parse(line);
    docs.push(new Document({ pageContent: p.text, metadata: { id: p.id } }));
  }
  const t1 = performance.now();
  const store = await HNSWLib.fromDocuments(docs, embeddings);
  const buildMs = performance.now() - t1;
  fs.rmSync(storeDir, { recursive: true, force: true });
  const t2 = performance.now();
  await store.save(storeDir);
  const saveMs = performance.now() - t2;
  const bytes = fs.readdirSync(storeDir).reduce((n, f) => n + fs.statSync(path.join(storeDir, f)).size, 0);
  return {
    passages: docs.length,
    modelMs,
    buildMs,
    saveMs,
    passagesPerSec: docs.length / (buildMs / 1000),
    passagesPerSecWithSave: docs.length / ((buildMs + saveMs) / 1000),
    indexBytes: bytes,
    peakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
  };
}

async function query(storeDir, questionsFile) {
  const questions = JSON.parse(fs.readFileSync(questionsFile, "utf8"));
  const t0 = performance.now();
  const embeddings = await newEmbeddings();
  const modelMs = performance.now() - t0;
  const rssModel = process.memoryUsage().rss;
  const t1 = performance.now();
  const store = await HNSWLib.load(storeDir, embeddings);
  const openMs = performance.now() - t1;
  const rss = process.memoryUsage().rss;

  for (const q of questions.slice(0, 10)) await store.similaritySearch(q, 4);
  const total = [];
  const embed = [];
  const search = [];
  const vectors = [];
  for (const q of questions) {
    const a = performance.now();
    const v = await embeddings.embedQuery(q);
    const b = performance.now();
    await store.similaritySearchVectorWithScore(v, 4);
    const c = performance.now();
    embed.push(b - a);
    search.push(c - b);
    total.push(c - a);
    vectors.push(v);
  }
  // similaritySearch as a user calls it (embeds the question itself).
  const whole = [];
  for (const q of questions) {
    const a = performance.now();
    await store.similaritySearch(q, 4);
    whole.push(performance.now() - a);
  }
  const rssAfter = process.memoryUsage().rss;

  // Recall@4 at LangChain's default ef against exact cosine search over the stored (normalised) vectors.
  const index = store.index;
  const n = index.getCurrentCount();
  const dim = vectors[0].length;
  const data = new Float32Array(n * dim);
  const labels = index.getIdsList();
  labels.forEach((label, i) => data.set(index.getPoint(label), i * dim));
  const k = 4;
  let hit = 0;
  let tieHit = 0;
  const sample = vectors.slice(0, 200);
  for (const raw of sample) {
    let norm = 0;
    for (const x of raw) norm += x * x;
    norm = Math.sqrt(norm) || 1;
    const q = raw.map((x) => x / norm);
    const best = [];
    for (let i = 0; i < labels.length; i++) {
      let s = 0;
      const o = i * dim;
      for (let j = 0; j < dim; j++) s += q[j] * data[o + j];
      if (best.length < k || s > best[best.length - 1].s) {
        best.push({ id: labels[i], s });
        best.sort((x, y) => y.s - x.s);
        if (best.length > k) best.length = k;
      }
    }
    const want = new Set(best.map((b) => b.id));
    const kth = best[best.length - 1].s;
    const got = index.searchKnn(raw, k); // as HNSWLib.similaritySearchVectorWithScore does
    got.neighbors.forEach((id, i) => {
      if (want.has(id)) hit++;
      if (want.has(id) || 1 - got.distances[i] >= kth - 1e-6) tieHit++;
    });
  }
  return {
    passages: n,
    modelMs,
    openMs,
    rssModelMiB: mib(rssModel),
    rssMiB: mib(rss),
    indexRssMiB: mib(rss - rssModel),
    rssAfterQueriesMiB: mib(rssAfter),
    latency: { total: summarize(total), embed: summarize(embed), search: summarize(search) },
    similaritySearch: summarize(whole),
    recall: { k, recall: hit / (k * sample.length), recallWithTies: tieHit / (k * sample.length), ef: "hnswlib default (10)" },
  };
}

const [mode, ...args] = process.argv.slice(2);
let result;
let out;
if (mode === "build") {
  out = args[2];
  result = await build(args[0], args[1]);
} else if (mode === "query") {
  out = args[2];
  result = await query(args[0], args[1]);
} else {
  throw new Error(`baseline: unknown mode ${mode}`);
}
fs.writeFileSync(out, JSON.stringify(result));
