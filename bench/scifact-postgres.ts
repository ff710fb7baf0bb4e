// npx tsx bench/scifact-postgres.ts [--json]
//
// SciFact (BEIR) nDCG@10 and recall@100 of the same searches on both backends: the embedded store
// (SQLite FTS5 BM25 + hnswlib) and PostgreSQL (BM25 in SQL over a tsvector + GIN, pgvector HNSW), with
// the same passages and vectors (layout "whole" of bench/scifact.ts: body = title + text). PostgreSQL is
// PGlite over the wire protocol (tests/helpers/pglite-server.ts). Writes bench/results/scifact-postgres.json.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig, PROJECT_ROOT } from "../src/config.js";
import { createEmbedder, embedderOptions } from "../src/embed/embedder.js";
import { analyzeQuestion, toFtsQuery } from "../src/question/analyze.js";
import { hybridSearch } from "../src/search/search.js";
import { PostgresHost } from "../src/store/postgres/host.js";
import type { NewPassage, SearchIndex } from "../src/store/search-index.js";
import { Store } from "../src/store/store.js";
import type { Article } from "../src/types.js";
import { startPostgres } from "../tests/helpers/postgres.js";
import { loadData, mean, ndcgAt, pairedDelta, recallAt } from "./scifact/eval.js";

const DATA_DIR = path.resolve(process.env.SCIFACT_DIR ?? path.join(PROJECT_ROOT, "../shared/bench/scifact"));
const DEPTH = 100;
const JSON_OUT = process.argv.includes("--json");
const log = (s: string) => process.stderr.write(`${s}\n`);

const config = loadConfig({ ...process.env, ALLOW_REMOTE_MODELS: "false" });
const embedder = await createEmbedder(embedderOptions(config));
const identity = { modelId: embedder.modelId, dimension: embedder.dimension, fingerprint: embedder.fingerprint };
const { docs, queries, qrels } = loadData(DATA_DIR);
log(`SciFact: ${docs.length} docs, ${queries.length} test queries, model ${embedder.fingerprint}`);

const entries: { article: Article; passages: NewPassage[] }[] = [];
for (let i = 0; i < docs.length; i += 256) {
  const batch = docs.slice(i, i + 256);
  const vectors = await embedder.embedPassages(batch.map((d) => `${d.title} ${d.text}`));
  batch.forEach((d, j) =>
    entries.push({
      article: { id: d.id, title: d.title, titleDerived: false, url: null, date: null, source: null, place: null, text: d.text, origin: { kind: "text", ref: "scifact" }, contentHash: d.id, addedAt: "" },
      passages: [{ articleId: d.id, position: 0, text: `${d.title} ${d.text}`, context: "", vector: vectors[j]! }],
    }),
  );
}

const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "scifact-pg-compare-"));
const sqlite = Store.open(sqliteDir, identity, { create: true });
let t = performance.now();
for (let i = 0; i < entries.length; i += 256) sqlite.putArticles(entries.slice(i, i + 256), { saveVectors: false });
sqlite.saveVectors();
const sqliteBuildMs = performance.now() - t;

const server = await startPostgres();
const host = PostgresHost.connect(server.url);
const { name, index: postgres } = host.beginGeneration(identity);
host.switchTo(name);
t = performance.now();
for (let i = 0; i < entries.length; i += 256) postgres.putArticles(entries.slice(i, i + 256));
const postgresBuildMs = performance.now() - t;

const qs: { analyzed: ReturnType<typeof analyzeQuestion>; vector: Float32Array }[] = [];
for (const q of queries) qs.push({ analyzed: analyzeQuestion(q.text), vector: await embedder.embedQuery(q.text) });

type Run = (store: SearchIndex, q: (typeof qs)[number]) => number[];
const systems: [string, Run][] = [
  ["lexical: lexicalSearch, every question term", (s, q) => s.lexicalSearch(toFtsQuery(q.analyzed.terms), DEPTH).map((h) => h.id)],
  ["dense: denseSearch", (s, q) => s.denseSearch(q.vector, DEPTH).map((h) => h.id)],
  ["fused: hybridSearch defaults", (s, q) => hybridSearch(s, q.analyzed, q.vector, { limit: DEPTH }).map((p) => p.id)],
];
const docOf = (s: SearchIndex, ids: number[]) => [...new Set(s.getPassages(ids).map((p) => p.articleId))];

const rows = [];
for (const [system, run] of systems) {
  const result: Record<string, { ndcg10: number; recall100: number; msPerQuery: number; perQuery: number[] }> = {};
  for (const [backend, store] of [["sqlite", sqlite], ["postgres", postgres]] as const) {
    const started = performance.now();
    const ranked = qs.map((q) => docOf(store, run(store, q)));
    const msPerQuery = (performance.now() - started) / qs.length;
    const perQuery = ranked.map((r, i) => ndcgAt(r, qrels.get(queries[i]!.id)!, 10));
    result[backend] = { ndcg10: mean(perQuery), recall100: mean(ranked.map((r, i) => recallAt(r, qrels.get(queries[i]!.id)!, 100))), msPerQuery, perQuery };
  }
  const delta = pairedDelta({ system, ...result.postgres! }, { system, ...result.sqlite! });
  rows.push({ system, sqlite: result.sqlite!, postgres: result.postgres!, delta });
  log(`${system}: nDCG@10 sqlite ${result.sqlite!.ndcg10.toFixed(3)}, postgres ${result.postgres!.ndcg10.toFixed(3)}; recall@100 ${result.sqlite!.recall100.toFixed(3)} / ${result.postgres!.recall100.toFixed(3)}; ms/query ${result.sqlite!.msPerQuery.toFixed(1)} / ${result.postgres!.msPerQuery.toFixed(1)}`);
}

host.close();
await server.stop();
sqlite.close();
fs.rmSync(sqliteDir, { recursive: true, force: true });

const report = {
  docs: docs.length,
  queries: queries.length,
  model: embedder.fingerprint,
  buildMs: { sqlite: Math.round(sqliteBuildMs), postgres: Math.round(postgresBuildMs) },
  systems: rows.map((r) => ({ system: r.system, delta: r.delta, sqlite: { ...r.sqlite, perQuery: undefined }, postgres: { ...r.postgres, perQuery: undefined } })),
};
fs.mkdirSync(path.join(PROJECT_ROOT, "bench", "results"), { recursive: true });
fs.writeFileSync(path.join(PROJECT_ROOT, "bench", "results", "scifact-postgres.json"), JSON.stringify(report, null, 2));
if (JSON_OUT) console.log(JSON.stringify(report));
