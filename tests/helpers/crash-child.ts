// A library writer meant to be killed. It prints "ready", reads one job (JSON) from stdin, then adds
// articles or reindexes, printing "point <n> <label>" at every crash point it passes: before each batch of
// articles is written, inside its SQLite transaction, after the commit (while the HNSW graph is updated),
// at every file rename and removal, and at each reindex step. With `pauseAt: n` it stops at point n and waits to be killed there.
//
// To start in a fraction of a second, it replays the real model's vectors, which the parent computed for
// every text the job embeds, instead of loading the model (see ReplayVectors).
import fs from "node:fs";
import readline from "node:readline";
import { loadConfig } from "../../src/config.js";
import type { Embedder } from "../../src/embed/embedder.js";
import { Library } from "../../src/library/library.js";
import { Store } from "../../src/store/store.js";

/** The real model's identity and its vectors of the texts a job embeds. */
export interface ReplayVectors {
  modelId: string;
  dimension: number;
  fingerprint: string;
  vectors: Record<string, number[]>;
}

export interface CrashJob {
  indexDir: string;
  /** A JSON file of ReplayVectors. */
  vectorsFile: string;
  mode: "add" | "reindex";
  /** add: each entry is one library.add of a file or folder. */
  adds?: string[];
  /** add: article ids removed after the adds. */
  removes?: string[];
  /** Stop at this crash point (1-based) and wait for SIGKILL. */
  pauseAt?: number;
}

const say = (line: string) => fs.writeSync(1, `${line}\n`);

let points = 0;
let pauseAt = 0;
function crashPoint(label: string): void {
  points++;
  say(`point ${points} ${label}`);
  if (points === pauseAt) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
    say("not killed");
    process.exit(3);
  }
}

/** Wraps `object[name]` so that `crashPoint` runs before each call. */
function before<T extends object>(object: T, name: string, label: (args: unknown[]) => string | null): void {
  const target = object as Record<string, (...args: unknown[]) => unknown>;
  const original = target[name]!;
  target[name] = function (this: unknown, ...args: unknown[]) {
    const at = label(args);
    if (at) crashPoint(at);
    return original.apply(this, args);
  };
}

function installCrashPoints(): void {
  const store = Store.prototype as unknown as Record<string, unknown>;
  let vectorsOfThisPut = false;
  before(store, "putArticles", (args) => {
    vectorsOfThisPut = false;
    return `put ${(args[0] as { article: { id: string } }[]).map((e) => e.article.id).join(",")}`;
  });
  // Called inside the write transaction: a kill here must roll the whole article back.
  before(store, "bumpWriteVersion", () => "in transaction");
  // The first HNSW update after a commit: SQLite holds the article, the graph does not yet.
  before(store, "addVector", () => (vectorsOfThisPut ? null : ((vectorsOfThisPut = true), "committed, graph behind")));
  before(store, "saveVectors", () => "save vectors");
  const base = (p: unknown) => String(p).split("/").slice(-2).join("/");
  before(fs, "renameSync", (args) => `rename ${base(args[0])} -> ${base(args[1])}`);
  before(fs, "rmSync", (args) => `rm ${base(args[0])}`);
}

function replayEmbedder(file: string): Embedder {
  const replay = JSON.parse(fs.readFileSync(file, "utf8")) as ReplayVectors;
  const vector = (text: string) => {
    const v = replay.vectors[text];
    if (!v) throw new Error(`no recorded vector for "${text.slice(0, 80)}"`);
    return Float32Array.from(v);
  };
  return {
    modelId: replay.modelId,
    dimension: replay.dimension,
    fingerprint: replay.fingerprint,
    embedPassages: async (texts) => texts.map(vector),
    embedQuery: async (text) => vector(text),
  };
}

async function main(): Promise<void> {
  say("ready");
  const lines = readline.createInterface({ input: process.stdin });
  const first = await new Promise<string>((resolve) => lines.once("line", resolve));
  lines.close();
  const job = JSON.parse(first) as CrashJob;
  const embedder = replayEmbedder(job.vectorsFile);
  pauseAt = job.pauseAt ?? 0;
  installCrashPoints();
  say("start");

  const config = loadConfig({ INDEX_DIR: job.indexDir, ALLOW_REMOTE_MODELS: "false", LOG_LEVEL: "silent" });
  const library = Library.open(config, embedder);
  if (job.mode === "reindex") {
    await library.reindex((p) => crashPoint(`reindex ${p.phase} ${p.done}/${p.total}`));
  } else {
    for (const source of job.adds ?? []) await library.add({ kind: "path", path: source });
    for (const id of job.removes ?? []) await library.remove(id);
  }
  library.close();
  say(`done ${points}`);
}

await main();
