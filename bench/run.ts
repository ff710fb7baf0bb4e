// npm run bench [-- --tiers 10k,100k] [--json] [--no-baseline] [--baseline-tiers 10k,100k] [--questions 200]
//                [--concurrency 8] [--seed 1] [--keep] [--store sqlite|postgres]
//
// --store postgres: the library lives in PostgreSQL + pgvector instead of the index folder: a PGlite server
// (PostgreSQL 17 in WASM, tests/helpers/pglite-server.ts) per tier, reached over the wire protocol; no
// baseline (its columns come from the sqlite run); results in bench/results/latest-postgres.json.
//
// For each tier: synthesise the corpus (bench/synth.ts, cached under /tmp/committee-bench), then in
// fresh child processes: build the index through Library.syncDataDir, open it cold (model load
// reported apart), ask ~200 questions one by one and 8 at a time, and measure HNSW recall against exact
// search. The LangChain.js baseline (bench/baseline, installed on demand) indexes the same passages and
// answers the same questions, also in its own processes. Prints a table, or one JSON object (--json).
// Results are also written to bench/results/latest.json.

import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { BENCH_ROOT, BENCH_TMP, ensureCorpus, makeQuestions, PROJECT_ROOT, tierSize } from "./synth.js";
import { startPostgres, type TestPostgres } from "../tests/helpers/postgres.js";

interface Options {
  tiers: string[];
  baselineTiers: string[];
  baseline: boolean;
  json: boolean;
  questions: number;
  concurrency: number;
  seed: number;
  keep: boolean;
  store: "sqlite" | "postgres";
}

function parseArgs(argv: string[]): Options {
  const o: Options = { tiers: ["10k", "100k"], baselineTiers: ["10k", "100k"], baseline: true, json: false, questions: 200, concurrency: 8, seed: 1, keep: false, store: "sqlite" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--tiers") o.tiers = value().split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
    else if (a === "--baseline-tiers") o.baselineTiers = value().split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
    else if (a === "--no-baseline") o.baseline = false;
    else if (a === "--json") o.json = true;
    else if (a === "--questions") o.questions = Number(value());
    else if (a === "--concurrency") o.concurrency = Number(value());
    else if (a === "--seed") o.seed = Number(value());
    else if (a === "--keep") o.keep = true;
    else if (a === "--store") {
      const v = value();
      if (v !== "sqlite" && v !== "postgres") throw new Error("--store is sqlite or postgres");
      o.store = v;
      if (v === "postgres") o.baseline = false;
    }
    else if (a === "--help" || a === "-h") {
      console.log("npm run bench -- [--tiers 10k,100k[,1m]] [--json] [--no-baseline] [--baseline-tiers 10k,100k] [--questions 200] [--concurrency 8] [--seed 1] [--keep]");
      process.exit(0);
    } else throw new Error(`Unknown option ${a} (see --help)`);
  }
  for (const t of o.tiers) tierSize(t);
  return o;
}

const opts = parseArgs(process.argv.slice(2));
/** The PostgreSQL the workers use (--store postgres), one fresh server per tier. */
let databaseUrl = "";
const log = (s: string) => process.stderr.write(`${s}\n`);
const TSX = path.join(PROJECT_ROOT, "node_modules", "tsx", "dist", "cli.mjs");

/** Runs a child node process and returns the JSON it wrote to `out`. Memory headroom for the 1M tier. */
function child(args: string[], out: string, cwd = PROJECT_ROOT, heapMiB = 16384): unknown {
  fs.rmSync(out, { force: true });
  const started = Date.now();
  const r = spawnSync(process.execPath, [`--max-old-space-size=${heapMiB}`, ...args], {
    cwd,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, NODE_OPTIONS: "", BENCH_DATABASE_URL: databaseUrl },
  });
  if (r.status !== 0 || !fs.existsSync(out)) {
    throw new Error(`${path.basename(args[1] ?? args[0]!)} ${args.slice(2, 3).join(" ")} failed (exit ${r.status ?? r.signal}) after ${Math.round((Date.now() - started) / 1000)} s`);
  }
  return JSON.parse(fs.readFileSync(out, "utf8"));
}

function worker(mode: string, args: string[], out: string): any {
  return child([TSX, path.join(BENCH_ROOT, "worker.ts"), mode, ...args], out);
}

function machine() {
  const cpu = fs.existsSync("/proc/cpuinfo") ? (/model name\s*:\s*(.*)/.exec(fs.readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? os.cpus()[0]?.model) : os.cpus()[0]?.model;
  return { nproc: os.availableParallelism(), cpu, memGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10, node: process.version, platform: `${os.type()} ${os.release()}` };
}

/** Installs the baseline's own dependencies (LangChain needs --legacy-peer-deps); returns why not, if it fails. */
function ensureBaseline(): string | null {
  const dir = path.join(BENCH_ROOT, "baseline");
  const marker = path.join(dir, "node_modules", "@langchain", "community", "package.json");
  if (!fs.existsSync(marker) || !fs.existsSync(path.join(dir, "node_modules", "hnswlib-node", "build", "Release", "addon.node"))) {
    log("baseline: npm install in bench/baseline (first run only) …");
    const r = spawnSync("npm", ["install", "--legacy-peer-deps", "--no-audit", "--no-fund"], { cwd: dir, stdio: ["ignore", "inherit", "inherit"], shell: process.platform === "win32" });
    if (r.status !== 0) return `npm install in bench/baseline failed (exit ${r.status ?? r.error?.message})`;
  }
  return null;
}

interface TierResult {
  tier: string;
  corpus: { articles: number; synthPassages: number; dir: string; synthMs: number };
  /** 1-minute load average before and after the tier: other work on the machine skews the timings. */
  load: { before: number; after: number };
  ours: { build: any; open: any; ask: any } | { error: string };
  baseline: { build: any; query: any } | { skipped: string } | { error: string };
}

const results: TierResult[] = [];
const startedAll = Date.now();
let baselineProblem: string | null = opts.baseline ? null : "--no-baseline";
if (!baselineProblem) {
  try {
    baselineProblem = ensureBaseline();
  } catch (e) {
    baselineProblem = (e as Error).message;
  }
  if (baselineProblem) log(`baseline: skipped, ${baselineProblem}`);
}

for (const tier of opts.tiers) {
  const n = tierSize(tier);
  const work = path.join(BENCH_TMP, `run-${tier}-s${opts.seed}`);
  fs.mkdirSync(work, { recursive: true });
  log(`\n== ${tier}: synthesising ${n.toLocaleString()} passages …`);
  const { dir, manifest } = await ensureCorpus(n, opts.seed, undefined, log);
  const result: TierResult = {
    tier,
    corpus: { articles: manifest.articles, synthPassages: manifest.passages, dir, synthMs: manifest.ms },
    load: { before: os.loadavg()[0]!, after: NaN },
    ours: { error: "not run" },
    baseline: { skipped: "not run" },
  };
  results.push(result);
  const indexDir = path.join(work, "index");
  let postgres: TestPostgres | null = null;
  try {
    if (opts.store === "postgres") {
      postgres = await startPostgres();
      databaseUrl = postgres.url;
      log(`== ${tier}: PGlite server at ${postgres.url}`);
    }
    log(`== ${tier}: ours, building the index (Library.syncDataDir) …`);
    const build = worker("build", [indexDir, dir, path.join(work, "build.json")], path.join(work, "build.json"));
    log(`   ${build.passages} passages in ${(build.buildMs / 1000).toFixed(1)} s = ${Math.round(build.passagesPerSec)} passages/s`);
    log(`== ${tier}: ours, cold open …`);
    const open = worker("open", [indexDir, path.join(work, "open.json")], path.join(work, "open.json"));
    log(`== ${tier}: ours, ${opts.questions} questions (1 and ${opts.concurrency} in flight), recall …`);
    const ask = worker("ask", [indexDir, path.join(work, "ask.json"), String(opts.questions), String(opts.concurrency)], path.join(work, "ask.json"));
    result.ours = { build, open, ask };
  } catch (e) {
    result.ours = { error: (e as Error).message };
    log(`   ours failed: ${(e as Error).message}`);
  } finally {
    await postgres?.stop();
    databaseUrl = "";
  }

  if (baselineProblem) result.baseline = { skipped: baselineProblem };
  else if (!opts.baselineTiers.includes(tier)) result.baseline = { skipped: `not in --baseline-tiers (${opts.baselineTiers.join(",")})` };
  else if ("error" in result.ours) result.baseline = { skipped: "our index failed, so there are no passages to give it" };
  else {
    try {
      const passagesFile = path.join(work, "passages.jsonl");
      worker("export", [indexDir, passagesFile], `${passagesFile}.json`);
      const questionsFile = path.join(work, "questions.json");
      fs.writeFileSync(questionsFile, JSON.stringify(makeQuestions(opts.questions)));
      const script = path.join(BENCH_ROOT, "baseline", "baseline.mjs");
      const storeDir = path.join(work, "langchain-store");
      log(`== ${tier}: baseline, HNSWLib.fromDocuments …`);
      const build = child([script, "build", passagesFile, storeDir, path.join(work, "baseline-build.json")], path.join(work, "baseline-build.json")) as any;
      log(`   ${build.passages} passages in ${(build.buildMs / 1000).toFixed(1)} s = ${Math.round(build.passagesPerSec)} passages/s`);
      log(`== ${tier}: baseline, load + similaritySearch …`);
      const query = child([script, "query", storeDir, questionsFile, path.join(work, "baseline-query.json")], path.join(work, "baseline-query.json")) as any;
      result.baseline = { build, query };
    } catch (e) {
      result.baseline = { error: (e as Error).message };
      log(`   baseline failed: ${(e as Error).message}`);
    }
  }
  result.load.after = os.loadavg()[0]!;
  if (!opts.keep) {
    for (const f of ["langchain-store", "passages.jsonl"]) fs.rmSync(path.join(work, f), { recursive: true, force: true });
  }
}

const report = { machine: machine(), options: opts, totalSeconds: Math.round((Date.now() - startedAll) / 1000), tiers: results };
const resultsDir = path.join(BENCH_ROOT, "results");
fs.mkdirSync(resultsDir, { recursive: true });
fs.writeFileSync(path.join(resultsDir, opts.store === "postgres" ? "latest-postgres.json" : "latest.json"), JSON.stringify(report, null, 2));

if (opts.json) console.log(JSON.stringify(report));
else console.log(renderTable(report));

// ------------------------------------------------------------------------------------------------ table

function renderTable(r: typeof report): string {
  const f = (x: unknown, digits = 1) => (typeof x === "number" && Number.isFinite(x) ? x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }) : "–");
  const i = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "–");
  const mb = (bytes: unknown) => (typeof bytes === "number" ? `${f(bytes / 1024 / 1024, 0)} MiB` : "–");
  const rows: string[][] = [];
  const ours = r.options.store === "postgres" ? "ours on Postgres" : "ours";
  const header = ["metric", ...r.tiers.flatMap((t) => [`${ours} ${t.tier}`, `LangChain ${t.tier}`])];
  const add = (name: string, ours: (t: any) => string, base: (t: any) => string) =>
    rows.push([name, ...r.tiers.flatMap((t) => [("error" in t.ours ? "failed" : ours(t.ours)), ("build" in t.baseline ? base(t.baseline) : "–")])]);
  add("passages", (o) => i(o.build.passages), (b) => i(b.build.passages));
  add("build time (s)", (o) => f(o.build.buildMs / 1000), (b) => f(b.build.buildMs / 1000));
  add("build passages/s", (o) => i(o.build.passagesPerSec), (b) => i(b.build.passagesPerSec));
  add("index on disk", (o) => mb(o.build.indexBytes), (b) => mb(b.build.indexBytes));
  add("peak RSS while building", (o) => `${i(o.build.peakRssMiB)} MiB`, (b) => `${i(b.build.peakRssMiB)} MiB`);
  add("RSS after load (model+index)", (o) => `${i(o.open.rssMiB)} MiB`, (b) => `${i(b.query.rssMiB)} MiB`);
  add("  of which index", (o) => `${i(o.open.indexRssMiB)} MiB`, (b) => `${i(b.query.indexRssMiB)} MiB`);
  add("RSS after the questions", (o) => `${i(o.ask.rssAfterAsksMiB)} MiB`, (b) => `${i(b.query.rssAfterQueriesMiB)} MiB`);
  add("model load (ms)", (o) => i(o.open.modelMs), (b) => i(b.query.modelMs));
  add("cold open, index (ms)", (o) => i(o.open.openMs), (b) => i(b.query.openMs));
  add("ask p50 / p95 / p99 (ms)", (o) => `${f(o.ask.latency.total.p50, 2)} / ${f(o.ask.latency.total.p95, 2)} / ${f(o.ask.latency.total.p99, 2)}`, (b) => `${f(b.query.similaritySearch.p50, 2)} / ${f(b.query.similaritySearch.p95, 2)} / ${f(b.query.similaritySearch.p99, 2)}`);
  add("  embed p50 / p95", (o) => `${f(o.ask.latency.embed.p50, 2)} / ${f(o.ask.latency.embed.p95, 2)}`, (b) => `${f(b.query.latency.embed.p50, 2)} / ${f(b.query.latency.embed.p95, 2)}`);
  add("  search p50 / p95", (o) => `${f(o.ask.latency.search.p50, 2)} / ${f(o.ask.latency.search.p95, 2)}`, (b) => `${f(b.query.latency.search.p50, 2)} / ${f(b.query.latency.search.p95, 2)}`);
  add("  answer p50 / p95", (o) => `${f(o.ask.latency.answer.p50, 2)} / ${f(o.ask.latency.answer.p95, 2)}`, () => "n/a (no answer)");
  add("questions/s, 1 in flight", (o) => f(o.ask.sequentialQps), () => "–");
  add(`questions/s, ${r.options.concurrency} in flight`, (o) => f(o.ask.concurrentQps), () => "–");
  add(`  latency p50 / p95 under load`, (o) => `${f(o.ask.underLoad.p50)} / ${f(o.ask.underLoad.p95)}`, () => "–");
  add("HNSW recall (ours @10 at its efSearch; LC @4 ef=10)", (o) => `${f(o.ask.recall.recall, 3)} (ties ${f(o.ask.recall.recallWithTies, 3)}, ef ${o.ask.recall.ef})`, (b) => `${f(b.query.recall.recall, 3)} (ties ${f(b.query.recall.recallWithTies, 3)})`);
  add("HNSW search alone p50 (ms)", (o) => f(o.ask.recall.searchMs.p50, 3), (b) => f(b.query.latency.search.p50, 3));

  const widths = header.map((_, c) => Math.max(header[c]!.length, ...rows.map((row) => row[c]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(" | ")} |`;
  const out = [
    `Machine: ${r.machine.nproc} cores, ${r.machine.cpu}, ${r.machine.memGiB} GiB, node ${r.machine.node}; total ${r.totalSeconds} s`,
    "",
    line(header),
    `|${widths.map((w, c) => (c === 0 ? "-".repeat(w + 2) : `${"-".repeat(w + 1)}:`)).join("|")}|`,
    ...rows.map(line),
  ];
  for (const t of r.tiers) {
    out.push(`\n${t.tier}: ${t.corpus.articles.toLocaleString("en-US")} synthetic articles; 1-min load average ${f(t.load.before, 2)} before, ${f(t.load.after, 2)} after (2 cores: above ~1 means other work competed)`);
    if ("error" in t.ours) out.push(`${t.tier} ours: ${t.ours.error}`);
    if ("skipped" in t.baseline) out.push(`${t.tier} baseline skipped: ${t.baseline.skipped}`);
    if ("error" in t.baseline) out.push(`${t.tier} baseline failed: ${t.baseline.error}`);
    if (!("error" in t.ours)) {
      out.push(`\n${t.tier} ours, HNSW ef sweep (recall@10 with ties / search p50 ms): ${t.ours.ask.efSweep.map((e: any) => `ef ${e.ef}: ${f(e.recallWithTies, 3)} / ${f(e.p50Ms, 3)}`).join("; ")}`);
    }
  }
  return out.join("\n");
}
