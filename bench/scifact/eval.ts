/**
 * SciFact data, BEIR's metrics, and the two honest ways this bench compares systems: cross-validation
 * over the test queries (SciFact ships no train qrels here) and a paired bootstrap of differences.
 */
import fs from "node:fs";
import path from "node:path";

export const PUBLISHED = [
  { system: "BM25, Anserini flat", ndcg10: 0.6789, source: "castorini/anserini regressions-beir-v1.0.0-scifact.flat" },
  { system: "BM25, Anserini multifield", ndcg10: 0.6647, source: "castorini/anserini regressions-beir-v1.0.0-scifact.multifield" },
  { system: "all-MiniLM-L6-v2, dense", ndcg10: 0.6451, source: "MTEB paper results (embeddings-benchmark/mtebpaper)" },
];

// ---------------------------------------------------------------- data

export interface Doc {
  id: string;
  title: string;
  text: string;
}
export interface Query {
  id: string;
  text: string;
}
/** query id → (doc id → graded relevance) */
export type Qrels = Map<string, Map<string, number>>;

export function readJsonl<T>(file: string): T[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as T);
}

export function readQrels(file: string): Qrels {
  const qrels: Qrels = new Map();
  for (const line of fs.readFileSync(file, "utf8").split("\n").slice(1)) {
    const [q, d, s] = line.trim().split("\t");
    if (!q || !d) continue;
    if (!qrels.has(q)) qrels.set(q, new Map());
    qrels.get(q)!.set(d, Number(s));
  }
  return qrels;
}

export function loadData(dataDir: string): { docs: Doc[]; queries: Query[]; qrels: Qrels } {
  for (const f of ["corpus.jsonl", "queries.jsonl", "qrels/test.tsv"]) {
    if (!fs.existsSync(path.join(dataDir, f))) {
      throw new Error(`Missing ${path.join(dataDir, f)}: put BEIR SciFact in ../shared/bench/scifact or set SCIFACT_DIR.`);
    }
  }
  const docs = readJsonl<{ _id: string; title?: string; text?: string }>(path.join(dataDir, "corpus.jsonl")).map((d) => ({
    id: String(d._id),
    title: d.title ?? "",
    text: d.text ?? "",
  }));
  const qrels = readQrels(path.join(dataDir, "qrels/test.tsv"));
  const queries = readJsonl<{ _id: string; text: string }>(path.join(dataDir, "queries.jsonl"))
    .map((q) => ({ id: String(q._id), text: q.text }))
    .filter((q) => qrels.has(q.id));
  return { docs, queries, qrels };
}

// ---------------------------------------------------------------- metrics (BEIR / pytrec_eval definitions)

/** nDCG@k with linear graded gains (trec_eval ndcg_cut): DCG = Σ rel_i / log2(i + 1). */
export function ndcgAt(ranked: string[], rel: Map<string, number>, k: number): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((d, i) => {
    const g = rel.get(d) ?? 0;
    if (g > 0) dcg += g / Math.log2(i + 2);
  });
  const ideal = [...rel.values()].filter((g) => g > 0).sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
  return idcg === 0 ? 0 : dcg / idcg;
}

/** recall@k: share of the relevant documents (grade > 0) found in the top k. */
export function recallAt(ranked: string[], rel: Map<string, number>, k: number): number {
  const relevant = [...rel.entries()].filter(([, g]) => g > 0).map(([d]) => d);
  const top = new Set(ranked.slice(0, k));
  return relevant.length === 0 ? 0 : relevant.filter((d) => top.has(d)).length / relevant.length;
}

export const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** A system's per-query nDCG@10, named. */
export interface PerQuery {
  system: string;
  perQuery: number[];
}

/**
 * k-fold cross-validation over the test queries (SciFact ships no train qrels here): for each fold, the
 * system with the best mean nDCG@10 on the other folds is scored on this fold. Honest estimate of
 * "pick the best of this family" without tuning on the queries it is scored on.
 */
export function crossValidate(results: PerQuery[], folds = 5): { ndcg10: number; picks: string[] } {
  const n = results[0].perQuery.length;
  const picks: string[] = [];
  let total = 0;
  for (let f = 0; f < folds; f++) {
    const inFold = (i: number) => i % folds === f;
    const best = results.reduce((a, b) => (mean(b.perQuery.filter((_, i) => !inFold(i))) > mean(a.perQuery.filter((_, i) => !inFold(i))) ? b : a));
    picks.push(best.system);
    total += best.perQuery.filter((_, i) => inFold(i)).reduce((s, x) => s + x, 0);
  }
  return { ndcg10: total / n, picks };
}

/** Paired bootstrap (2,000 resamples of the queries) of nDCG@10(a) − nDCG@10(b): mean and 95% interval. */
export function pairedDelta(a: PerQuery, b: PerQuery): { delta: number; low: number; high: number } {
  const d = a.perQuery.map((x, i) => x - b.perQuery[i]);
  const random = mulberry32(12345);
  const means: number[] = [];
  for (let r = 0; r < 2000; r++) {
    let s = 0;
    for (let i = 0; i < d.length; i++) s += d[Math.floor(random() * d.length)];
    means.push(s / d.length);
  }
  means.sort((x, y) => x - y);
  return { delta: mean(d), low: means[50], high: means[1949] };
}

/** Small seeded PRNG (mulberry32), so the bootstrap intervals are the same on every run. */
function mulberry32(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
