/**
 * BEIR SciFact (test split: 300 queries, 5,183 docs as title + text) against the project's own search:
 * nDCG@10 and recall@100 for lexical only, dense only and the fused hybridSearch, beside the published
 * numbers. Write-up: bench/SCIFACT.md.
 *
 *   npm run bench:scifact                      # shipped search + proposals (about a minute on 2 idle cores)
 *   npm run bench:scifact -- --experiments     # + the variants tried, 5-fold cross-validated (about 5 minutes)
 *   npm run bench:scifact -- --json            # the same, as JSON on stdout (progress on stderr is silenced)
 *   npm run bench:scifact -- --rebuild         # rebuild the cached index
 *   npx tsx bench/scifact/bm25-params.ts       # BM25 k1/b/idf/title weights FTS5 cannot be given (in memory)
 *
 * Data: ../shared/bench/scifact relative to the project root, or SCIFACT_DIR (read only; never copied).
 * The index (embeddings, FTS5, HNSW) is built with the project's own Store and cached under
 * $TMPDIR/scifact-bench/<layout>-<key> (or SCIFACT_CACHE); the key changes with the model weights, the
 * corpus and the src files that shape the index, so a stale index is never measured.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { loadConfig, PROJECT_ROOT } from "../src/config.js";
import { createEmbedder, embedderOptions, type Embedder } from "../src/embed/embedder.js";
import { analyzeQuestion, toFtsQuery, type AnalyzedQuestion, type QueryTerm } from "../src/question/analyze.js";
import { DEFAULT_SEARCH, hybridSearch, type SearchOptions } from "../src/search/search.js";
import { FORMAT_VERSION, Store } from "../src/store/store.js";
import { fold } from "../src/text/fold.js";
import type { Article } from "../src/types.js";
import { crossValidate, loadData, mean, ndcgAt, pairedDelta, PUBLISHED, recallAt, type Doc, type Query, type Qrels } from "./scifact/eval.js";

const argv = process.argv.slice(2);
const JSON_OUT = argv.includes("--json");
const REBUILD = argv.includes("--rebuild");
const EXPERIMENTS = argv.includes("--experiments");
const DATA_DIR = path.resolve(process.env.SCIFACT_DIR ?? path.join(PROJECT_ROOT, "../shared/bench/scifact"));
const CACHE_ROOT = process.env.SCIFACT_CACHE ?? path.join(os.tmpdir(), "scifact-bench");
/** Source files whose changes invalidate the cached index (with the model fingerprint and the corpus). */
const INDEX_SOURCES = ["src/embed/embedder.ts", "src/store/store.ts", "src/text/fold.ts"];
/** Bump when the way this script builds its index changes. */
const BENCH_INDEX_VERSION = 2;
/** Ranked documents kept per query: recall@100 needs 100. */
const DEPTH = 100;

const log = (msg: string) => {
  if (!JSON_OUT) process.stderr.write(`${msg}\n`);
};

interface Result {
  group: string;
  system: string;
  ndcg10: number;
  recall100: number;
  /** Milliseconds per query (search only; the query embedding is timed once, separately). */
  msPerQuery: number;
  /** Per-query nDCG@10, for cross-validation and paired comparisons (left out of --json). */
  perQuery: number[];
  note?: string;
}

// ---------------------------------------------------------------- index (built with the project's Store, cached)

interface Index {
  store: Store;
  /** Read-only handle on the same database, for FTS5 queries the Store does not offer (column weights). */
  db: Database.Database;
  /** passage id → doc id */
  docOf: Map<number, string>;
  /** passage id → stored (unit-length) vector */
  vectorOf: Map<number, Float32Array>;
  buildMs: number;
  cached: boolean;
}

/**
 * layout "whole": one passage per doc, body = title + " " + text (BEIR's "title + text"), no context.
 * layout "split": the same vectors, but body = text and the title in the FTS5 context column (as the
 * project indexes an article's title), to measure column weights.
 */
type Layout = "whole" | "split";

function cacheKey(embedder: Embedder, layout: Layout): string {
  const hash = createHash("sha256").update(JSON.stringify([BENCH_INDEX_VERSION, FORMAT_VERSION, embedder.fingerprint, layout]));
  hash.update(fs.readFileSync(path.join(DATA_DIR, "corpus.jsonl")));
  for (const file of INDEX_SOURCES) hash.update(fs.readFileSync(path.join(PROJECT_ROOT, file)));
  return hash.digest("hex").slice(0, 16);
}

function isComplete(dir: string): boolean {
  if (!fs.existsSync(path.join(dir, "library.db"))) return false;
  const db = new Database(path.join(dir, "library.db"), { readonly: true });
  try {
    return db.prepare("SELECT value FROM meta WHERE key = 'bench_build_ms'").get() !== undefined;
  } catch {
    return false;
  } finally {
    db.close();
  }
}

async function openIndex(embedder: Embedder, layout: Layout, docs: Doc[], vectorsFrom?: Index): Promise<Index> {
  const dir = path.join(CACHE_ROOT, `${layout}-${cacheKey(embedder, layout)}`);
  const identity = { modelId: embedder.modelId, dimension: embedder.dimension, fingerprint: embedder.fingerprint };
  const started = Date.now();
  const cached = !REBUILD && isComplete(dir);
  if (!cached) {
    // One cached index per layout: a new key (model, corpus or source changed) replaces the old one.
    if (fs.existsSync(CACHE_ROOT)) for (const old of fs.readdirSync(CACHE_ROOT)) if (old.startsWith(`${layout}-`)) fs.rmSync(path.join(CACHE_ROOT, old), { recursive: true, force: true });
    log(`[${layout}] building the index in ${dir} …`);
    // Embed title + text, longest first so each batch pads little (or take another layout's vectors).
    const vectors = new Map<string, Float32Array>();
    if (vectorsFrom) {
      for (const [pid, doc] of vectorsFrom.docOf) vectors.set(doc, vectorsFrom.vectorOf.get(pid)!);
    } else {
      const order = [...docs].sort((a, b) => b.title.length + b.text.length - a.title.length - a.text.length);
      for (let i = 0; i < order.length; i += 256) {
        const batch = order.slice(i, i + 256);
        const out = await embedder.embedPassages(batch.map((d) => `${d.title} ${d.text}`));
        batch.forEach((d, j) => vectors.set(d.id, out[j]));
        if (!JSON_OUT) process.stderr.write(`\r[${layout}] embedded ${Math.min(i + 256, order.length)}/${order.length}`);
      }
      log("");
    }
    const store = Store.open(dir, identity, { create: true });
    const addedAt = new Date().toISOString();
    for (const doc of docs) {
      const article: Article = {
        id: doc.id,
        title: doc.title,
        titleDerived: false,
        url: null,
        date: null,
        source: null,
        place: null,
        text: doc.text,
        origin: { kind: "text", ref: "scifact" },
        contentHash: doc.id,
        addedAt,
      };
      const vector = vectors.get(doc.id)!;
      const passage =
        layout === "whole"
          ? { articleId: doc.id, position: 0, text: `${doc.title} ${doc.text}`, context: "", vector }
          : { articleId: doc.id, position: 0, text: doc.text, context: fold(doc.title), vector };
      store.putArticle(article, [passage], { saveVectors: false });
    }
    store.saveVectors();
    store.setMeta({ bench_build_ms: String(Date.now() - started) });
    store.close();
  }
  const store = Store.open(dir, identity);
  const db = new Database(path.join(dir, "library.db"), { readonly: true });
  const docOf = new Map<number, string>();
  const vectorOf = new Map<number, Float32Array>();
  for (const row of db.prepare("SELECT id, article_id AS doc, vector FROM passages").iterate() as Iterable<{ id: number; doc: string; vector: Buffer }>) {
    docOf.set(row.id, row.doc);
    vectorOf.set(row.id, new Float32Array(new Uint8Array(row.vector).buffer));
  }
  const buildMs = cached ? Number(store.getMeta().bench_build_ms ?? 0) : Date.now() - started;
  return { store, db, docOf, vectorOf, buildMs, cached };
}

// ---------------------------------------------------------------- systems

/** What every system gets for one query. */
interface Q {
  text: string;
  analyzed: AnalyzedQuestion;
  vector: Float32Array;
}

/** A system ranks documents (best first, at most DEPTH) for one query. */
type System = (q: Q) => string[];

/** Passage ids → doc ids, first occurrence wins (a doc ranks by its best passage). */
function docsOf(ix: Index, passageIds: number[]): string[] {
  return [...new Set(passageIds.map((id) => ix.docOf.get(id)!))].slice(0, DEPTH);
}

const lexical = (ix: Index, terms: (q: Q) => QueryTerm[] = (q) => q.analyzed.terms): System => (q) =>
  docsOf(ix, ix.store.lexicalSearch(toFtsQuery(terms(q)), DEPTH).map((h) => h.id));
const dense = (ix: Index): System => (q) => docsOf(ix, ix.store.denseSearch(q.vector, DEPTH).map((h) => h.id));
const hybrid = (ix: Index, options: Partial<SearchOptions>): System => (q) =>
  docsOf(ix, hybridSearch(ix.store, q.analyzed, q.vector, { limit: DEPTH, ...options }).map((p) => p.id));

/**
 * The same index with Store.lexicalSearch's FTS5 column weights (body 1.0, context 0.35 as shipped)
 * replaced by (1.0, w), on this bench's Store instance only, so hybridSearch can be measured with the
 * weight a proposal would set in src/store/store.ts. (No article filter: the bench never filters.)
 */
function withContextWeight(ix: Index, w: number): Index {
  const stmt = ix.db.prepare(
    `SELECT rowid AS id, -bm25(passages_fts, 1.0, ${w}) AS score FROM passages_fts WHERE passages_fts MATCH ? ORDER BY bm25(passages_fts, 1.0, ${w}) LIMIT ?`,
  );
  const store = Object.create(ix.store) as Store;
  store.lexicalSearch = (match, limit) => (match ? (stmt.all(match, limit) as { id: number; score: number }[]) : []);
  return { ...ix, store };
}

/**
 * Query terms with compound tokens ("il-10", "non-coding") also given as their parts: the project quotes
 * each token as an FTS5 phrase, so "non-coding" only matches the two words side by side.
 */
function withParts(q: Q): QueryTerm[] {
  const out = [...q.analyzed.terms];
  for (const t of q.analyzed.terms) {
    if (t.numeric || !/[.,/\-]/.test(t.text)) continue;
    for (const part of t.text.split(/[.,/\-]+/)) if (part.length > 1 && !/^\d+$/.test(part)) out.push({ ...t, text: part, stem: part });
  }
  return out;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Score-level fusion instead of RRF: the lexical top-DEPTH re-ranked by bm25 / max(bm25) + λ·cosine,
 * from what the Store already offers (lexicalSearch scores and each passage's stored vector).
 * `vec` maps stored/query vectors (identity, or with common components removed).
 */
const scoreFusion = (ix: Index, lambda: number, vec: (v: Float32Array) => Float32Array = (v) => v): System => (q) => {
  const hits = ix.store.lexicalSearch(toFtsQuery(q.analyzed.terms), DEPTH);
  const max = Math.max(1e-9, ...hits.map((h) => h.score));
  const qv = vec(q.vector);
  const ranked = hits.map((h) => [h.id, h.score / max + lambda * dot(qv, vec(ix.vectorOf.get(h.id)!))] as const).sort((a, b) => b[1] - a[1]);
  return docsOf(ix, ranked.map(([id]) => id));
};

/**
 * SIF's second step (Arora et al. 2017), which the bundled model leaves out: remove the corpus's first
 * k principal directions from every sentence vector (they are shared by all texts and drown the topic).
 * Returns v ↦ unit(v − Σ (v·u) u), with the directions found by power iteration on the stored vectors.
 */
function commonComponentRemoval(vectors: Float32Array[], k: number): (v: Float32Array) => Float32Array {
  const dim = vectors[0].length;
  const dirs: Float32Array[] = [];
  const project = (v: Float32Array) => {
    const out = Float32Array.from(v);
    for (const u of dirs) {
      const p = dot(out, u);
      for (let i = 0; i < dim; i++) out[i] -= p * u[i];
    }
    return out;
  };
  for (let c = 0; c < k; c++) {
    let u = new Float32Array(dim).map((_, i) => Math.sin(i + c + 1)); // fixed start: deterministic
    for (let iteration = 0; iteration < 50; iteration++) {
      const next = new Float32Array(dim);
      for (const v of vectors) {
        const p = dot(v, u);
        for (let i = 0; i < dim; i++) next[i] += p * v[i];
      }
      const deflated = project(next);
      const norm = Math.sqrt(dot(deflated, deflated)) || 1;
      u = deflated.map((x) => x / norm);
    }
    dirs.push(u);
  }
  const cache = new Map<Float32Array, Float32Array>();
  return (v) => {
    let out = cache.get(v);
    if (!out) {
      out = project(v);
      const norm = Math.sqrt(dot(out, out)) || 1;
      out = out.map((x) => x / norm);
      cache.set(v, out);
    }
    return out;
  };
}

/** Dense ranking by exact scan with mapped vectors (for the common-component experiment). */
const denseMapped = (ix: Index, vec: (v: Float32Array) => Float32Array): System => (q) => {
  const qv = vec(q.vector);
  const scored = [...ix.vectorOf].map(([id, v]) => [id, dot(qv, vec(v))] as const).sort((a, b) => b[1] - a[1]);
  return docsOf(ix, scored.slice(0, DEPTH * 2).map(([id]) => id));
};

// ---------------------------------------------------------------- evaluation

function evaluate(group: string, system: string, run: System, qs: Q[], queries: Query[], qrels: Qrels, note?: string): Result {
  const started = performance.now();
  const ranked = qs.map(run);
  const msPerQuery = (performance.now() - started) / qs.length;
  const perQuery = ranked.map((r, i) => ndcgAt(r, qrels.get(queries[i].id)!, 10));
  const recall100 = mean(ranked.map((r, i) => recallAt(r, qrels.get(queries[i].id)!, 100)));
  return { group, system, ndcg10: mean(perQuery), recall100, msPerQuery, perQuery, note };
}

// ---------------------------------------------------------------- main

async function main() {
  const t0 = Date.now();
  const config = loadConfig();
  const embedder = await createEmbedder(embedderOptions(config));
  const { docs, queries, qrels } = loadData(DATA_DIR);
  log(`SciFact: ${docs.length} docs, ${queries.length} test queries, model ${embedder.fingerprint}`);

  const whole = await openIndex(embedder, "whole", docs);
  const split = await openIndex(embedder, "split", docs, whole);
  const tq = performance.now();
  const qs: Q[] = [];
  for (const q of queries) qs.push({ text: q.text, analyzed: analyzeQuestion(q.text), vector: await embedder.embedQuery(q.text) });
  const queryEmbedMs = (performance.now() - tq) / queries.length;

  const results: Result[] = [];
  const add = (group: string, system: string, run: System, note?: string) => {
    const r = evaluate(group, system, run, qs, queries, qrels, note);
    results.push(r);
    return r;
  };

  // The project's search as shipped, on BEIR's documents (title + text in one body) and on the project's
  // own layout (the title in the FTS5 context column, as for an article's title, weight 0.35).
  const d = DEFAULT_SEARCH;
  const defaults = `dense ${d.denseWeight}, rrfK ${d.rrfK}, depth ${d.depth}, rerank ${d.rerank ? "on" : "off"}`;
  const W = "whole: FTS5 body = title + text (BEIR)";
  const lexicalWhole = add(W, "lexical: lexicalSearch, every question term", lexical(whole));
  add(W, `lexical: hybridSearch's query (common words out at ${d.commonTermShare}, synonyms)`, hybrid(whole, { denseWeight: 0, rerank: false, depth: DEPTH }));
  add(W, "dense: denseSearch (GloVe-SIF of title + text)", dense(whole));
  const fusedWhole = add(W, `fused: hybridSearch defaults (${defaults})`, hybrid(whole, {}), `depth ${d.depth} per side caps recall@100`);
  add(W, `fused: hybridSearch defaults, depth ${DEPTH}`, hybrid(whole, { depth: DEPTH }));
  const S = "split: body = text, title in the FTS5 context column";
  add(S, "lexical: lexicalSearch, every question term", lexical(split));
  const fusedSplit = add(S, `fused: hybridSearch defaults (${defaults})`, hybrid(split, {}));
  // Proposals (see bench/SCIFACT.md): options passed to hybridSearch; the context weight set on this
  // bench's Store instance only.
  const P = "proposals";
  const p1Whole = add(P, "P1 fused, whole: hybridSearch defaults with rrfK 10", hybrid(whole, { rrfK: 10 }));
  const p1Split = add(P, "P1 fused, split: hybridSearch defaults with rrfK 10", hybrid(split, { rrfK: 10 }));
  const split15 = withContextWeight(split, 1.5);
  add(P, "P2 lexical, split: context column weight 1.5", lexical(split15));
  const p12 = add(P, "P1 + P2 fused, split: rrfK 10, context weight 1.5", hybrid(split15, { rrfK: 10 }));
  const comparisons = {
    "fused defaults − lexical (whole)": pairedDelta(fusedWhole, lexicalWhole),
    "P1 − fused defaults (whole)": pairedDelta(p1Whole, fusedWhole),
    "P1 − fused defaults (split)": pairedDelta(p1Split, fusedSplit),
    "P1 + P2 − fused defaults (split)": pairedDelta(p12, fusedSplit),
    "P1 + P2 (split) − lexical (whole)": pairedDelta(p12, lexicalWhole),
  };

  const cv: Record<string, { ndcg10: number; picks: string[] }> = {};
  if (EXPERIMENTS) {
    const family = (group: string, systems: [string, System][]) => {
      cv[group] = crossValidate(systems.map(([name, run]) => add(group, name, run)));
      log(`[experiments] ${group}: done at ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    };
    family("A. lexical query (whole)", [
      ["every question term (lexicalSearch)", lexical(whole)],
      ["every term + the parts of compound tokens", lexical(whole, withParts)],
      ...[0.05, 0.1, 0.2, 0.5, 1].map((share): [string, System] => [`hybridSearch's query, commonTermShare ${share}`, hybrid(whole, { denseWeight: 0, rerank: false, depth: DEPTH, commonTermShare: share })]),
    ]);

    const grid: [string, System][] = [];
    for (const rerank of [false, true])
      for (const rrfK of rerank ? [10, 30, 60] : [10, 60])
        for (const denseWeight of [0, 0.1, 0.25, 0.5])
          grid.push([`RRF dense ${denseWeight}, rrfK ${rrfK}, rerank ${rerank ? "on" : "off"}`, hybrid(whole, { depth: DEPTH, denseWeight, rrfK, rerank })]);
    family("B. hybridSearch fusion settings (whole, depth 100)", grid);

    family(
      "C. FTS5 context-column weight of the title (split, body 1.0)",
      [0, 0.35, 0.5, 1, 1.5, 2, 3].map((w): [string, System] => [`context weight ${w}`, lexical(withContextWeight(split, w))]),
    );

    family("D. score fusion: lexical top-100 re-ranked by bm25/max + λ·cos", [
      ...[0.05, 0.1, 0.2, 0.3, 0.5, 1].map((lambda): [string, System] => [`whole, λ ${lambda}`, scoreFusion(whole, lambda)]),
      ...[0.1, 0.2, 0.3].map((lambda): [string, System] => [`split, context weight 1.5, λ ${lambda}`, scoreFusion(split15, lambda)]),
    ]);

    const stored = [...whole.vectorOf.values()];
    const removal = new Map([1, 2, 5, 10].map((k) => [k, commonComponentRemoval(stored, k)]));
    family("E. dense side: SIF common-component removal (whole)", [
      ["dense, exact scan, as stored", denseMapped(whole, (v) => v)],
      ...[...removal].map(([k, f]): [string, System] => [`dense, first ${k} principal components removed`, denseMapped(whole, f)]),
      ...[0.1, 0.2, 0.3].map((lambda): [string, System] => [`score fusion λ ${lambda}, 5 components removed`, scoreFusion(whole, lambda, removal.get(5)!)]),
    ]);
  }
  for (const ix of [whole, split]) {
    ix.store.close();
    ix.db.close();
  }

  const machine = { nproc: os.cpus().length, cpu: os.cpus()[0]?.model ?? "?", node: process.version, loadavg: os.loadavg().map((x) => Number(x.toFixed(2))) };
  const summary = {
    dataset: `BEIR SciFact test: ${queries.length} queries, ${docs.length} docs as title + text`,
    dataDir: DATA_DIR,
    model: embedder.fingerprint,
    machine,
    index: { dir: whole.store.dir, cached: whole.cached, buildMs: whole.buildMs },
    queryEmbedMs,
    totalMs: Date.now() - t0,
    published: PUBLISHED,
    results: results.map(({ perQuery, ...r }) => r),
    comparisons,
    crossValidation: cv,
  };
  if (JSON_OUT) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }

  const f = (x: number) => x.toFixed(4);
  console.log(`\n${summary.dataset}; model ${summary.model}`);
  console.log(`machine: ${machine.nproc} cores, ${machine.cpu}, node ${machine.node}, load average ${machine.loadavg.join(" ")}`);
  console.log(`index: ${whole.cached ? "cached" : "built"} (${(whole.buildMs / 1000).toFixed(1)}s to build); query embedding ${queryEmbedMs.toFixed(2)} ms/query; total ${(summary.totalMs / 1000).toFixed(1)}s`);
  const width = Math.max(...results.map((r) => r.system.length), 40) + 2;
  console.log(`\n${"published".padEnd(width)}nDCG@10`);
  for (const p of PUBLISHED) console.log(`${p.system.padEnd(width)}${f(p.ndcg10)}`);
  let group = "";
  for (const r of results) {
    if (r.group !== group) {
      group = r.group;
      console.log(`\n${group.padEnd(width)}nDCG@10  R@100   ms/query`);
    }
    console.log(`${r.system.padEnd(width)}${f(r.ndcg10)}   ${f(r.recall100)}  ${r.msPerQuery.toFixed(1).padStart(6)}${r.note ? `   (${r.note})` : ""}`);
  }
  console.log("\nPaired differences in nDCG@10 (mean, and 95% bootstrap interval over the queries):");
  for (const [name, v] of Object.entries(comparisons)) console.log(`  ${name.padEnd(36)}${v.delta >= 0 ? "+" : ""}${f(v.delta)}  (${f(v.low)} … ${f(v.high)})`);
  if (Object.keys(cv).length) {
    console.log("\n5-fold cross-validated nDCG@10 (system chosen on 4/5 of the queries, scored on the other 1/5):");
    for (const [g, c] of Object.entries(cv)) console.log(`  ${g}: ${f(c.ndcg10)}  (picks: ${[...new Set(c.picks)].join(" | ")})`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
