// One measurement of our system in a fresh process, so its time and memory figures are its own.
// Started by bench/run.ts:
//   tsx bench/worker.ts build  <indexDir> <dataDir> <out.json>
//   tsx bench/worker.ts open   <indexDir> <out.json>
//   tsx bench/worker.ts ask    <indexDir> <out.json> <questions> <concurrency>
//   tsx bench/worker.ts export <indexDir> <out.jsonl>          (passages for the baseline)
// Each writes one JSON object to its out file. With BENCH_DATABASE_URL set (run.ts --store postgres), the
// library lives in that PostgreSQL database instead of <indexDir>, and recall is measured against it.

import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import hnswlib from "hnswlib-node";
import { createAsk } from "../src/answer/ask.js";
import { createAligner } from "../src/answer/align.js";
import { loadWordVectors } from "../src/embed/word-vectors.js";
import { embeddingText, passageContext } from "../src/chunk/chunk.js";
import { loadConfig, type Config } from "../src/config.js";
import { createEmbedder, embedderOptions, type Embedder } from "../src/embed/embedder.js";
import { Library } from "../src/library/library.js";
import { currentGeneration } from "../src/store/generations.js";
import { DEFAULT_HNSW } from "../src/store/store.js";
import { DEFAULT_POSTGRES } from "../src/store/postgres/host.js";
import { makeQuestions } from "./synth.js";

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(values: number[]): { p50: number; p95: number; p99: number; mean: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    p50: round(percentile(s, 50)),
    p95: round(percentile(s, 95)),
    p99: round(percentile(s, 99)),
    mean: round(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
    max: round(s.at(-1) ?? NaN),
  };
}

const DATABASE_URL = process.env.BENCH_DATABASE_URL || "";

function benchConfig(indexDir: string, dataDir = indexDir): Config {
  return loadConfig({ INDEX_DIR: indexDir, DATA_DIR: dataDir, DATABASE_URL, ALLOW_REMOTE_MODELS: "false", LOG_LEVEL: "silent" });
}

/** The live generation's vectors and an ef-parameterised HNSW search, read over a plain pg connection. */
async function postgresVectors(dim: number) {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const live = (await client.query<{ id: number }>("SELECT id FROM generations WHERE state = 'live'")).rows[0]!.id;
  const rows = (await client.query<{ id: number; e: string }>(`SELECT id, embedding::text AS e FROM g${live}_passages`)).rows;
  const ids = new Int32Array(rows.length);
  const data = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => {
    ids[i] = r.id;
    data.set(JSON.parse(r.e) as number[], i * dim);
  });
  return {
    vectors: { ids, data },
    async search(ef: number, q: Float32Array, k: number) {
      await client.query(`SET hnsw.ef_search = ${ef}`);
      const r = await client.query<{ id: number; score: number }>(`SELECT id, -(embedding <#> $1::vector) AS score FROM g${live}_passages ORDER BY embedding <#> $1::vector LIMIT ${k}`, [`[${Array.from(q).join(",")}]`]);
      return r.rows.map((row) => ({ id: row.id, score: Number(row.score) }));
    },
    close: () => client.end(),
  };
}

async function loadEmbedder(config: Config): Promise<Embedder> {
  return createEmbedder({ ...embedderOptions(config), allowRemoteModels: false });
}

function generationDir(indexDir: string): string {
  const g = currentGeneration(indexDir);
  if (!g) throw new Error(`No index generation in ${indexDir}`);
  return path.join(indexDir, g);
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : fs.statSync(p).size;
  }
  return total;
}

async function build(indexDir: string, dataDir: string) {
  fs.rmSync(indexDir, { recursive: true, force: true });
  const config = benchConfig(indexDir, dataDir);
  const t0 = performance.now();
  const embedder = await loadEmbedder(config);
  const modelMs = performance.now() - t0;
  const library = Library.open(config, embedder);
  let lastLog = Date.now();
  const t1 = performance.now();
  const report = await library.syncDataDir(dataDir, (done, total) => {
    if (Date.now() - lastLog > 15_000) {
      lastLog = Date.now();
      process.stderr.write(`  build: ${done}/${total} articles, ${Math.round((performance.now() - t1) / 1000)} s\n`);
    }
  });
  const buildMs = performance.now() - t1;
  const counts = library.store().counts();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const databaseBytes = DATABASE_URL ? library.stats().indexBytes : 0;
  library.close();
  const gen = DATABASE_URL ? null : generationDir(indexDir);
  const files = gen ? Object.fromEntries(fs.readdirSync(gen).map((f) => [f, fs.statSync(path.join(gen, f)).size])) : {};
  return {
    articles: counts.articles,
    passages: counts.passages,
    problems: report.problems.length,
    modelMs,
    buildMs,
    passagesPerSec: counts.passages / (buildMs / 1000),
    indexBytes: DATABASE_URL ? databaseBytes : dirBytes(indexDir),
    files,
    peakRssMiB: mib(peakRss),
  };
}

async function open(indexDir: string) {
  const rss0 = process.memoryUsage().rss;
  const config = benchConfig(indexDir);
  const t0 = performance.now();
  const embedder = await loadEmbedder(config);
  const modelMs = performance.now() - t0;
  const rssModel = process.memoryUsage().rss;
  const t1 = performance.now();
  const library = Library.open(config, embedder);
  const counts = library.store().counts();
  const openMs = performance.now() - t1;
  const rss = process.memoryUsage().rss;
  library.close();
  return { modelMs, openMs, passages: counts.passages, rssStartMiB: mib(rss0), rssModelMiB: mib(rssModel), rssMiB: mib(rss), indexRssMiB: mib(rss - rssModel) };
}

/** Every stored vector, as one Float32Array (row i = ids[i]), for exact search. */
function readVectors(dbPath: string, dim: number): { ids: Int32Array; data: Float32Array } {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const n = (db.prepare("SELECT count(*) AS n FROM passages").get() as { n: number }).n;
    const ids = new Int32Array(n);
    const data = new Float32Array(n * dim);
    let i = 0;
    for (const row of db.prepare("SELECT id, vector FROM passages").iterate() as Iterable<{ id: number; vector: Buffer }>) {
      ids[i] = row.id;
      const bytes = new Uint8Array(row.vector.buffer, row.vector.byteOffset, row.vector.byteLength);
      new Uint8Array(data.buffer, i * dim * 4, dim * 4).set(bytes);
      i++;
    }
    return { ids, data };
  } finally {
    db.close();
  }
}

/** Exact top-k by inner product; returns labels and the k-th score (for tie-aware recall). */
function exactTopK(q: Float32Array, vectors: { ids: Int32Array; data: Float32Array }, k: number): { ids: number[]; kth: number } {
  const dim = q.length;
  const n = vectors.ids.length;
  const best: { id: number; s: number }[] = [];
  let floor = -Infinity;
  const d = vectors.data;
  for (let i = 0; i < n; i++) {
    let s = 0;
    const o = i * dim;
    for (let j = 0; j < dim; j++) s += q[j]! * d[o + j]!;
    if (best.length < k || s > floor) {
      best.push({ id: vectors.ids[i]!, s });
      if (best.length > k) {
        best.sort((a, b) => b.s - a.s);
        best.length = k;
      }
      floor = best.length >= k ? Math.min(...best.map((b) => b.s)) : -Infinity;
    }
  }
  best.sort((a, b) => b.s - a.s);
  return { ids: best.map((b) => b.id), kth: best.at(-1)?.s ?? -Infinity };
}

async function ask(indexDir: string, questionCount: number, concurrency: number) {
  const config = benchConfig(indexDir);
  const embedder = await loadEmbedder(config);
  const library = Library.open(config, embedder);
  const store = library.store();
  const passages = store.counts().passages;
  // As the app does: the bundled word vectors align question and sentence words (loaded once, counted in RSS).
  const wordVectors = await loadWordVectors({ modelsDir: config.modelsDir });
  const rssLoaded = process.memoryUsage().rss;
  const askFn = createAsk({ index: () => library.store(), embedder, config, aligner: createAligner(wordVectors), wordRank: (word) => wordVectors.rank(word) });
  const questions = makeQuestions(questionCount);

  // Warm-up: JIT, SQLite page cache, tokenizer.
  for (const q of questions.slice(0, 10)) await askFn(q);

  const total: number[] = [];
  const embed: number[] = [];
  const search: number[] = [];
  const answer: number[] = [];
  let found = 0;
  const wall0 = performance.now();
  for (const q of questions) {
    const t = performance.now();
    const r = await askFn(q);
    total.push(performance.now() - t);
    embed.push(r.timings.embedMs);
    search.push(r.timings.searchMs);
    answer.push(r.timings.answerMs);
    if (r.found) found++;
  }
  const sequentialQps = questions.length / ((performance.now() - wall0) / 1000);

  // Concurrent: `concurrency` questions in flight at once, as the bot would get them.
  const underLoad: number[] = [];
  let next = 0;
  const wall1 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < questions.length) {
        const q = questions[next++]!;
        const t = performance.now();
        await askFn(q);
        underLoad.push(performance.now() - t);
      }
    }),
  );
  const concurrentQps = questions.length / ((performance.now() - wall1) / 1000);
  const rssAfterAsks = process.memoryUsage().rss;

  // Recall of the HNSW search (the store's own denseSearch, at its efSearch) against exact inner product.
  const dim = embedder.dimension;
  const queryVectors: Float32Array[] = [];
  for (const q of questions.slice(0, 200)) queryVectors.push(await embedder.embedQuery(q));
  const onPostgres = DATABASE_URL ? await postgresVectors(dim) : null;
  const gen = onPostgres ? "" : generationDir(indexDir);
  const vectors = onPostgres ? onPostgres.vectors : readVectors(path.join(gen, "library.db"), dim);
  const k = 10;
  const truth = queryVectors.map((q) => exactTopK(q, vectors, k));
  const recallOf = (results: { id: number; score: number }[][]) => {
    let hit = 0;
    let tieHit = 0;
    results.forEach((res, i) => {
      const want = new Set(truth[i]!.ids);
      for (const r of res.slice(0, k)) {
        if (want.has(r.id)) hit++;
        if (want.has(r.id) || r.score >= truth[i]!.kth - 1e-6) tieHit++;
      }
    });
    return { recall: hit / (k * results.length), recallWithTies: tieHit / (k * results.length) };
  };
  const storeTimes: number[] = [];
  const storeResults = queryVectors.map((q) => {
    const t = performance.now();
    const r = store.denseSearch(q, k);
    storeTimes.push(performance.now() - t);
    return r;
  });
  const storeRecall = { ef: onPostgres ? DEFAULT_POSTGRES.hnsw.efSearch : DEFAULT_HNSW.efSearch, ...recallOf(storeResults), searchMs: summarize(storeTimes) };

  if (onPostgres) {
    // pgvector's HNSW index at other ef_search values (its cap is 1000), over a plain connection.
    const efSweep = [];
    for (const ef of [48, 96, 192, 384, 768, 1000]) {
      const times: number[] = [];
      const results = [];
      for (const q of queryVectors) {
        const t = performance.now();
        results.push(await onPostgres.search(Math.max(ef, k), q, k));
        times.push(performance.now() - t);
      }
      efSweep.push({ ef, ...recallOf(results), p50Ms: summarize(times).p50 });
    }
    await onPostgres.search(DEFAULT_POSTGRES.hnsw.efSearch, queryVectors[0]!, 1);
    await onPostgres.close();
    library.close();
    return { passages, questions: questions.length, found, rssLoadedMiB: mib(rssLoaded), rssAfterAsksMiB: mib(rssAfterAsks), latency: { total: summarize(total), embed: summarize(embed), search: summarize(search), answer: summarize(answer) }, sequentialQps, concurrency, concurrentQps, underLoad: summarize(underLoad), recall: storeRecall, efSweep };
  }

  // The same graph at other ef values, to choose efSearch by measurement.
  const hnsw = new hnswlib.HierarchicalNSW("ip", dim);
  hnsw.readIndexSync(path.join(gen, "vectors.hnsw"));
  const efSweep = [];
  for (const ef of [48, 96, 192, 384, 768, 1024]) {
    hnsw.setEf(Math.max(ef, k));
    const times: number[] = [];
    const results = queryVectors.map((q) => {
      const arr = Array.from(q);
      const t = performance.now();
      const r = hnsw.searchKnn(arr, k);
      times.push(performance.now() - t);
      return r.neighbors.map((id, i) => ({ id, score: 1 - r.distances[i]! }));
    });
    efSweep.push({ ef, ...recallOf(results), p50Ms: summarize(times).p50 });
  }
  library.close();

  return {
    passages,
    questions: questions.length,
    found,
    rssLoadedMiB: mib(rssLoaded),
    rssAfterAsksMiB: mib(rssAfterAsks),
    latency: { total: summarize(total), embed: summarize(embed), search: summarize(search), answer: summarize(answer) },
    sequentialQps,
    concurrency,
    concurrentQps,
    underLoad: summarize(underLoad),
    recall: storeRecall,
    efSweep,
  };
}

/** Writes the stored passages as the baseline will index them: the same text our embedder saw. */
function exportPassages(indexDir: string, outFile: string) {
  const db = new Database(path.join(generationDir(indexDir), "library.db"), { readonly: true, fileMustExist: true });
  const fd = fs.openSync(outFile, "w");
  let n = 0;
  try {
    let buf: string[] = [];
    const rows = db.prepare("SELECT p.id, p.text, a.title, a.place, a.date FROM passages p JOIN articles a ON a.id = p.article_id ORDER BY p.id").iterate() as Iterable<{
      id: number;
      text: string;
      title: string;
      place: string | null;
      date: string | null;
    }>;
    for (const r of rows) {
      buf.push(JSON.stringify({ id: r.id, text: embeddingText(passageContext(r), r.text) }));
      n++;
      if (buf.length >= 5000) {
        fs.writeSync(fd, buf.join("\n") + "\n");
        buf = [];
      }
    }
    if (buf.length) fs.writeSync(fd, buf.join("\n") + "\n");
  } finally {
    fs.closeSync(fd);
    db.close();
  }
  return { passages: n };
}

const [mode, ...args] = process.argv.slice(2);
let result: unknown;
let out: string;
switch (mode) {
  case "build":
    out = args[2]!;
    result = await build(args[0]!, args[1]!);
    break;
  case "open":
    out = args[1]!;
    result = await open(args[0]!);
    break;
  case "ask":
    out = args[1]!;
    result = await ask(args[0]!, Number(args[2] ?? 200), Number(args[3] ?? 8));
    break;
  case "export":
    out = args[1]! + ".json";
    result = exportPassages(args[0]!, args[1]!);
    break;
  default:
    throw new Error(`worker: unknown mode ${mode}`);
}
fs.writeFileSync(out, JSON.stringify(result));
