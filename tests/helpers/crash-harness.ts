// Fault injection for the library: runs tests/helpers/crash-child.ts on a copy of a small index, kills it
// with SIGKILL at a chosen crash point or after a random delay, then opens the index and checks that it
// recovered. Used by tests/library/crash.test.ts (a few dozen kills) and bench/kill.ts (hundreds).
import { spawn, type ChildProcess } from "node:child_process";
import { build } from "esbuild";
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { loadConfig, type Config } from "../../src/config.js";
import type { Embedder } from "../../src/embed/embedder.js";
import { chunkArticle, embeddingText, passageContext } from "../../src/chunk/chunk.js";
import { readDataDir } from "../../src/ingest/index.js";
import { Library } from "../../src/library/library.js";
import { prng } from "../../bench/synth.js";
import { createAsk } from "../../src/answer/ask.js";
import { quoteFts } from "../../src/store/store.js";
import { fold } from "../../src/text/fold.js";
import type { ArticleInput } from "../../src/types.js";
import type { CrashJob, ReplayVectors } from "./crash-child.js";
import { DATA_DIR, EXTRA_DIR, ROOT } from "./paths.js";
import { tempDir } from "./app.js";

const CHILD = path.join(ROOT, "tests/helpers/crash-child.ts");

export type Mode = CrashJob["mode"];

/** One write of the add job, in the order the child makes them: the index is always a prefix of these. */
interface Step {
  id: string;
  /** The article's text after this step; null = removed. */
  text: string | null;
}

export interface Fixture {
  root: string;
  /** The child, bundled into one file that plain node runs (tsx would add a second to every start). */
  childScript: string;
  vectorsFile: string;
  /** An index of the five seed reports, copied for every run. */
  template: string;
  seeds: Map<string, string>;
  addJob: Omit<CrashJob, "indexDir" | "vectorsFile">;
  addSteps: Step[];
}

/** Builds the seed index once and the files the add job adds: a folder of three, one file, one changed seed. */
export async function prepareFixture(embedder: Embedder): Promise<Fixture> {
  const root = tempDir("crash-fixture-");
  const folder = path.join(root, "extras");
  const single = path.join(root, "single");
  const changed = path.join(root, "changed");
  for (const dir of [folder, single, changed]) fs.mkdirSync(dir);
  // Extra reports whose urls no seed report has (002 is another take of the Ha Nam seed and would update it).
  for (const name of ["001.json", "003.json", "005.json"]) fs.copyFileSync(path.join(EXTRA_DIR, name), path.join(folder, name));
  fs.copyFileSync(path.join(EXTRA_DIR, "006.json"), path.join(single, "006.json"));
  const hungYen = "002_e56c2869da385239";
  fs.writeFileSync(path.join(changed, `${hungYen}.txt`), fs.readFileSync(path.join(DATA_DIR, `${hungYen}.txt`), "utf8").replace("13.4%", "13.9%"));
  fs.copyFileSync(path.join(DATA_DIR, `${hungYen}.json`), path.join(changed, `${hungYen}.json`));

  const template = path.join(root, "template");
  const library = Library.open(configFor(template), embedder);
  await library.syncDataDir(DATA_DIR);
  library.close();

  const read = async (dir: string) => (await readDataDir(dir)).articles;
  const seeds = await read(DATA_DIR);
  const added = [...(await read(folder)), ...(await read(single)), ...(await read(changed))];
  const removed = "001_6a067cee5454fe4d";
  const vectorsFile = path.join(root, "vectors.json");
  fs.writeFileSync(vectorsFile, JSON.stringify(await recordVectors(embedder, [...seeds, ...added])));
  return {
    root,
    childScript: await bundleChild(root),
    vectorsFile,
    template,
    seeds: new Map(seeds.map((a) => [a.id, a.text])),
    addJob: { mode: "add", adds: [folder, path.join(single, "006.json"), path.join(changed, `${hungYen}.txt`)], removes: [removed] },
    addSteps: [...added.map((a) => ({ id: a.id, text: a.text })), { id: removed, text: null }],
  };
}

/** The real model's vectors of every passage the jobs embed, keyed by the embedded text (as the library builds it). */
async function recordVectors(embedder: Embedder, articles: ArticleInput[]): Promise<ReplayVectors> {
  const texts = articles.flatMap((a) => chunkArticle(a).map((p) => embeddingText(passageContext(a), p.text)));
  const vectors = await embedder.embedPassages(texts);
  return {
    modelId: embedder.modelId,
    dimension: embedder.dimension,
    fingerprint: embedder.fingerprint,
    vectors: Object.fromEntries(texts.map((t, i) => [t, Array.from(vectors[i]!)])),
  };
}

async function bundleChild(root: string): Promise<string> {
  const outfile = path.join(root, "crash-child.mjs");
  await build({ entryPoints: [CHILD], outfile, bundle: true, platform: "node", format: "esm", packages: "external", logLevel: "error" });
  // The worker that reads added files (src/ingest/off-thread.ts) looks for itself beside the bundle.
  await build({ entryPoints: [path.join(ROOT, "src/ingest/parse-worker.ts")], outfile: path.join(root, "parse-worker.mjs"), bundle: true, platform: "node", format: "esm", packages: "external", logLevel: "error" });
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(root, "node_modules"));
  return outfile;
}

export function removeFixture(fixture: Fixture): void {
  fs.rmSync(fixture.root, { recursive: true, force: true });
}

export function configFor(indexDir: string): Config {
  return loadConfig({ INDEX_DIR: indexDir, DATA_DIR, ALLOW_REMOTE_MODELS: "false", LOG_LEVEL: "silent" });
}

// ------------------------------------------------------------------------------------------------ child

interface Child {
  process: ChildProcess;
  lines: string[];
  stderr: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first line (seen so far or later) that matches; rejects when the child exits first. */
  waitFor(match: (line: string) => boolean): Promise<string>;
}

function spawnChild(fixture: Fixture): Child {
  const proc = spawn(process.execPath, [fixture.childScript], { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  const lines: string[] = [];
  const stderr: string[] = [];
  const waiters: { match: (l: string) => boolean; resolve: (l: string) => void; reject: (e: Error) => void }[] = [];
  readline.createInterface({ input: proc.stdout! }).on("line", (line) => {
    lines.push(line);
    for (const w of waiters.filter((w) => w.match(line))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(line);
    }
  });
  proc.stderr!.on("data", (d) => stderr.push(String(d)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    proc.on("exit", (code, signal) => {
      // Let the last stdout lines arrive before anyone waiting is told the child is gone.
      setImmediate(() => {
        for (const w of waiters.splice(0)) w.reject(new Error(`child exited (${signal ?? code}) before the line`));
        resolve({ code, signal });
      });
    });
  });
  proc.stdin!.on("error", () => undefined);
  return {
    process: proc,
    lines,
    stderr,
    exited,
    waitFor: (match) => {
      const seen = lines.find(match);
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => waiters.push({ match, resolve, reject }));
    },
  };
}

// ------------------------------------------------------------------------------------------------ runs

export interface KillPlan {
  mode: Mode;
  /** Kill at this crash point (the child waits there)… */
  pauseAt?: number;
  /** …or this many ms after the job starts. */
  delayMs?: number;
}

export interface KillRun extends KillPlan {
  /** The last crash point the child reported before it died ("completed" when it finished first). */
  killedAt: string;
  failures: string[];
}

export interface DryRun {
  points: string[];
  ms: number;
  /** Invariants broken by the finished job (none expected). */
  failures: string[];
}

/** Runs one job to completion (no kill): the crash points it passes, how long it takes, and a check of the result. */
export async function dryRun(fixture: Fixture, embedder: Embedder, mode: Mode): Promise<DryRun> {
  const indexDir = copyTemplate(fixture);
  const child = spawnChild(fixture);
  await child.waitFor((l) => l === "ready");
  const started = Date.now();
  child.process.stdin!.end(`${JSON.stringify(job(fixture, mode, indexDir))}\n`);
  const { code } = await child.exited;
  const ms = Date.now() - started;
  if (code !== 0 || !child.lines.some((l) => l.startsWith("done"))) throw new Error(`the ${mode} job failed (${code}): ${child.stderr.join("")}`);
  const failures = await checkRecovered(indexDir, embedder, fixture, mode);
  fs.rmSync(indexDir, { recursive: true, force: true });
  return { points: child.lines.filter((l) => l.startsWith("point ")).map((l) => l.replace(/^point \d+ /, "")), ms, failures };
}

function job(fixture: Fixture, mode: Mode, indexDir: string, pauseAt?: number): CrashJob {
  const common = { indexDir, vectorsFile: fixture.vectorsFile, pauseAt };
  return mode === "add" ? { ...fixture.addJob, ...common } : { mode, ...common };
}

function copyTemplate(fixture: Fixture): string {
  const dir = fs.mkdtempSync(path.join(fixture.root, "run-"));
  fs.cpSync(fixture.template, dir, { recursive: true });
  return dir;
}

/** Kills a child as planned, then checks the index it left. `child` was spawned ahead (model loaded). */
async function killOnce(fixture: Fixture, embedder: Embedder, plan: KillPlan, child: Child): Promise<KillRun> {
  const indexDir = copyTemplate(fixture);
  try {
    await child.waitFor((l) => l === "ready");
    child.process.stdin!.end(`${JSON.stringify(job(fixture, plan.mode, indexDir, plan.pauseAt))}\n`);
    await child.waitFor((l) => l === "start");
    const trigger =
      plan.pauseAt !== undefined
        ? child.waitFor((l) => l.startsWith(`point ${plan.pauseAt} `))
        : new Promise((resolve) => setTimeout(resolve, plan.delayMs ?? 0));
    await Promise.race([trigger.catch(() => undefined), child.exited]);
    child.process.kill("SIGKILL");
    const { code, signal } = await child.exited;
    const failures: string[] = [];
    if (signal !== "SIGKILL" && code !== 0) failures.push(`child failed on its own (${code}): ${child.stderr.join("").slice(-2000)}`);
    const last = child.lines.filter((l) => l.startsWith("point ")).at(-1);
    const killedAt = signal === "SIGKILL" ? (last?.replace(/^point \d+ /, "") ?? "before the first point") : "completed";
    failures.push(...(await checkRecovered(indexDir, embedder, fixture, plan.mode)));
    return { ...plan, killedAt, failures };
  } finally {
    child.process.kill("SIGKILL");
    fs.rmSync(indexDir, { recursive: true, force: true });
  }
}

/**
 * Runs the plans, `concurrency` at a time; each worker spawns its next child while it checks the index the
 * last one left, so model loading overlaps with checking.
 */
export async function runKills(fixture: Fixture, embedder: Embedder, plans: KillPlan[], concurrency: number, onRun?: (run: KillRun) => void): Promise<KillRun[]> {
  const runs: KillRun[] = [];
  let next = 0;
  async function worker() {
    let child = spawnChild(fixture);
    while (next < plans.length) {
      const plan = plans[next++]!;
      const current = child;
      child = spawnChild(fixture);
      const run = await killOnce(fixture, embedder, plan, current);
      runs.push(run);
      onRun?.(run);
    }
    child.process.kill("SIGKILL");
    await child.exited;
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return runs;
}

/** Random kill plans over both jobs: half at a crash point, half after a random delay within the job's duration. */
export function planKills(count: number, dry: Record<Mode, DryRun>, random: () => number): KillPlan[] {
  return Array.from({ length: count }, (_, i) => {
    const mode: Mode = i % 2 === 0 ? "add" : "reindex";
    if (Math.floor(i / 2) % 2 === 0) return { mode, pauseAt: 1 + Math.floor(random() * dry[mode].points.length) };
    return { mode, delayMs: Math.floor(random() * dry[mode].ms * 1.2) };
  });
}

/** A small seeded generator (bench/synth.ts's mulberry32), so a failing series can be replayed with the same seed. */
export const seededRandom = prng;

// ------------------------------------------------------------------------------------------------ checks

/**
 * Opens the index a killed writer left and lists every broken invariant (empty = recovered): the open
 * succeeds and cleans up (one generation, named by CURRENT, no temporary files); every article is whole
 * (stored text as expected, passages = a fresh chunking of it, each found by lexical and dense search) or
 * absent; the add job's writes form a prefix of the order they were made in; dense search returns no id
 * SQLite lacks; a question is answered with non-empty cited passages; a second open changes nothing.
 */
export async function checkRecovered(indexDir: string, embedder: Embedder, fixture: Fixture, mode: Mode): Promise<string[]> {
  const failures: string[] = [];
  const config = configFor(indexDir);
  let library: Library;
  try {
    library = Library.open(config, embedder);
  } catch (error) {
    return [`the index does not open: ${(error as Error).message}`];
  }
  try {
    failures.push(...checkGenerations(indexDir));
    failures.push(...(await checkArticles(library, embedder, fixture, mode)));
    const ask = createAsk({ index: () => library.store(), embedder, config });
    const answer = await ask("How many party members were disciplined in Ha Nam in 2023?");
    if (!answer.found || !answer.answer.includes("110")) failures.push(`the Ha Nam question was not answered: ${answer.answer.slice(0, 200)}`);
    for (const c of answer.citations) {
      if (!c.passage.trim() || !library.store().getArticle(c.articleId)) failures.push(`citation [${c.n}] has no passage or article`);
    }
  } finally {
    library.close();
  }
  const before = snapshot(indexDir);
  Library.open(config, embedder).close();
  if (snapshot(indexDir) !== before) failures.push("a second open changed the index again");
  return failures;
}

function checkGenerations(indexDir: string): string[] {
  const failures: string[] = [];
  const entries = fs.readdirSync(indexDir);
  const current = fs.readFileSync(path.join(indexDir, "CURRENT"), "utf8").trim();
  const generations = entries.filter((e) => e.startsWith("gen-"));
  if (generations.length !== 1 || generations[0] !== current) failures.push(`generations left: [${generations.join(", ")}], CURRENT = ${current}`);
  const litter = [...entries.filter((e) => e.includes(".tmp")), ...fs.readdirSync(path.join(indexDir, current)).filter((e) => e.includes(".tmp"))];
  if (litter.length) failures.push(`temporary files left: ${litter.join(", ")}`);
  return failures;
}

async function checkArticles(library: Library, embedder: Embedder, fixture: Fixture, mode: Mode): Promise<string[]> {
  const failures: string[] = [];
  const store = library.store();
  const stored = new Map(store.listArticles(0, 10_000).items.map((a) => [a.id, store.getArticle(a.id)!]));

  // Which texts each article may have, and whether it must be there.
  const allowed = new Map<string, { texts: string[]; required: boolean }>();
  for (const [id, text] of fixture.seeds) allowed.set(id, { texts: [text], required: true });
  if (mode === "add") {
    for (const step of fixture.addSteps) {
      const entry = allowed.get(step.id) ?? { texts: [], required: false };
      if (step.text === null) entry.required = false;
      else entry.texts.push(step.text);
      allowed.set(step.id, entry);
    }
    const applied = fixture.addSteps.map((s) => (s.text === null ? !stored.has(s.id) : stored.get(s.id)?.text === s.text));
    const firstMissing = applied.indexOf(false);
    if (firstMissing >= 0 && applied.slice(firstMissing).some(Boolean)) {
      failures.push(`writes applied out of order: ${applied.map((a, i) => `${fixture.addSteps[i]!.id}=${a}`).join(" ")}`);
    }
  }

  for (const [id, { texts, required }] of allowed) if (required && !stored.has(id)) failures.push(`article ${id} is missing`);
  let passageTotal = 0;
  for (const [id, article] of stored) {
    const expected = allowed.get(id);
    if (!expected) failures.push(`unexpected article ${id}`);
    else if (!expected.texts.includes(article.text)) failures.push(`article ${id} has a text it never had`);
    const passages = store.articlePassages(id);
    passageTotal += passages.length;
    const chunks = chunkArticle(article).map((p) => p.text);
    if (passages.length !== chunks.length || passages.some((p, i) => p.text !== chunks[i])) {
      failures.push(`article ${id} has ${passages.length} passages; a fresh chunking gives ${chunks.length}`);
      continue;
    }
    const vectors = await embedCached(embedder, passages.map((p) => embeddingText(passageContext(article), p.text)));
    for (const [i, p] of passages.entries()) {
      const phrase = quoteFts(fold(p.text).split(/\s+/).slice(0, 12).join(" "));
      if (!store.lexicalSearch(`body:${phrase}`, 1000).some((h) => h.id === p.id)) failures.push(`passage ${p.id} of ${id} not found by lexical search`);
      if (!store.denseSearch(vectors[i]!, 5).some((h) => h.id === p.id)) failures.push(`passage ${p.id} of ${id} not found by dense search`);
    }
  }
  if (store.counts().passages !== passageTotal) failures.push(`${store.counts().passages} passages stored, ${passageTotal} belong to articles`);
  const [probe] = await embedder.embedPassages(["party committee conference budget revenue growth"]);
  const dense = store.denseSearch(probe!, passageTotal + 50).map((h) => h.id);
  const known = new Set(store.getPassages(dense).map((p) => p.id));
  const ghosts = dense.filter((id) => !known.has(id));
  if (ghosts.length) failures.push(`dense search returns ${ghosts.length} passage ids SQLite does not have`);
  return failures;
}

/** Every run checks the same few articles: their passages are embedded once. */
const vectorCache = new Map<string, Float32Array>();
async function embedCached(embedder: Embedder, texts: string[]): Promise<Float32Array[]> {
  const missing = texts.filter((t) => !vectorCache.has(t));
  const vectors = missing.length ? await embedder.embedPassages(missing) : [];
  missing.forEach((t, i) => vectorCache.set(t, vectors[i]!));
  return texts.map((t) => vectorCache.get(t)!);
}

/** File names and sizes of the live generation (what a needless second recovery would change). */
function snapshot(indexDir: string): string {
  const current = fs.readFileSync(path.join(indexDir, "CURRENT"), "utf8").trim();
  const dir = path.join(indexDir, current);
  const files = fs.readdirSync(dir).filter((f) => !/-(wal|shm)$/.test(f));
  return [current, ...fs.readdirSync(indexDir), ...files.map((f) => `${f}:${fs.statSync(path.join(dir, f)).size}`), fs.readFileSync(path.join(dir, "vectors.json"), "utf8")].join("|");
}
