/**
 * What FTS5 cannot be told: BM25 with other k1/b (FTS5's bm25() fixes k1 = 1.2, b = 0.75), Lucene's idf,
 * and a title weight inside the term frequency (BM25F-style). An in-memory BM25 over the same tokens
 * (folded, unicode61-like split, Porter stems) and the same query terms (analyzeQuestion), scored on the
 * SciFact test queries with 5-fold cross-validation over the grid. Findings: bench/SCIFACT.md.
 *
 *   npx tsx bench/scifact/bm25-params.ts     (about a minute; data as for npm run bench:scifact)
 */
import path from "node:path";
import { PROJECT_ROOT } from "../../src/config.js";
import { analyzeQuestion, stem } from "../../src/question/analyze.js";
import { fold } from "../../src/text/fold.js";
import { crossValidate, loadData, mean, ndcgAt, type PerQuery } from "./eval.js";

const DATA_DIR = path.resolve(process.env.SCIFACT_DIR ?? path.join(PROJECT_ROOT, "../shared/bench/scifact"));
const { docs, queries, qrels } = loadData(DATA_DIR);

const tokens = (text: string) => (fold(text).match(/[\p{L}\p{N}]+/gu) ?? []).map(stem);
const counts = (ts: string[]) => {
  const m = new Map<string, number>();
  for (const t of ts) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
};
const titleTf = docs.map((d) => counts(tokens(d.title)));
const bodyTf = docs.map((d) => counts(tokens(d.text)));
const length = docs.map((_, i) => [...titleTf[i].values(), ...bodyTf[i].values()].reduce((a, b) => a + b, 0));
const avgLength = mean(length);
const postings = new Map<string, number[]>();
docs.forEach((_, i) => {
  for (const t of new Set([...titleTf[i].keys(), ...bodyTf[i].keys()])) (postings.get(t) ?? postings.set(t, []).get(t)!).push(i);
});
const bags = queries.map((q) => [...new Set(analyzeQuestion(q.text).terms.flatMap((t) => tokens(t.text)))]);

interface Params {
  k1: number;
  b: number;
  /** Title term frequency counts this many times a body occurrence. */
  title: number;
  idf: "fts5" | "lucene";
}

function rank(bag: string[], p: Params): string[] {
  const n = docs.length;
  const scores = new Float64Array(n);
  for (const t of bag) {
    const docsWith = postings.get(t);
    if (!docsWith) continue;
    const df = docsWith.length;
    // FTS5: log((N − df + 0.5) / (df + 0.5)), floored at 1e-6; Lucene adds 1 inside the log.
    const idf = Math.max(1e-6, Math.log((p.idf === "lucene" ? 1 : 0) + (n - df + 0.5) / (df + 0.5)));
    for (const d of docsWith) {
      const tf = (bodyTf[d].get(t) ?? 0) + p.title * (titleTf[d].get(t) ?? 0);
      scores[d] += (idf * tf * (p.k1 + 1)) / (tf + p.k1 * (1 - p.b + (p.b * length[d]) / avgLength));
    }
  }
  return [...scores.keys()].filter((d) => scores[d] > 0).sort((a, b) => scores[b] - scores[a]).slice(0, 10).map((d) => docs[d].id);
}

function score(p: Params): PerQuery & { ndcg10: number } {
  const perQuery = queries.map((q, i) => ndcgAt(rank(bags[i], p), qrels.get(q.id)!, 10));
  return { system: `k1 ${p.k1}, b ${p.b}, title ×${p.title}, ${p.idf} idf`, perQuery, ndcg10: mean(perQuery) };
}

const f = (x: number) => x.toFixed(4);
console.log(`SciFact test, ${queries.length} queries: in-memory BM25, nDCG@10\n`);
for (const p of [
  { k1: 1.2, b: 0.75, title: 1, idf: "fts5" },
  { k1: 1.2, b: 0.75, title: 1.5, idf: "fts5" },
  { k1: 1.2, b: 0.75, title: 1, idf: "lucene" },
] as Params[]) {
  const r = score(p);
  console.log(`${r.system.padEnd(40)}${f(r.ndcg10)}`);
}
const grid: (PerQuery & { ndcg10: number })[] = [];
for (const k1 of [0.9, 1.2, 1.5, 2]) for (const b of [0.6, 0.75, 0.9, 1]) for (const title of [1, 1.5, 2]) grid.push(score({ k1, b, title, idf: "lucene" }));
grid.sort((a, b) => b.ndcg10 - a.ndcg10);
console.log(`\ngrid of ${grid.length} (Lucene idf), best five on the test queries:`);
for (const r of grid.slice(0, 5)) console.log(`${r.system.padEnd(40)}${f(r.ndcg10)}`);
const cv = crossValidate(grid);
console.log(`\n5-fold cross-validated nDCG@10 of "pick the best of the grid": ${f(cv.ndcg10)}  (picks: ${[...new Set(cv.picks)].join(" | ")})`);
