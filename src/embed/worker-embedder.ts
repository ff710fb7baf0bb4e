import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { EmbedderOptions } from "./embedder.js";
import { UserError } from "../types.js";

export interface BulkEmbedder {
  readonly fingerprint: string;
  embedPassages(texts: string[]): Promise<Float32Array[]>;
  /** Frees the model in the thread (the thread stays for the next build). */
  close(): Promise<void>;
}

/**
 * The same model as `createEmbedder`, loaded in the process's embedding thread. Used for bulk builds, where it
 * lets embedding (tokenizer + ONNX, about half the work) run on the second core beside SQLite and HNSW writes.
 */
export async function createWorkerEmbedder(options: EmbedderOptions): Promise<BulkEmbedder> {
  const thread = embeddingThread();
  const model = thread.nextId++;
  const ready = await thread.request<{ fingerprint: string }>({ load: model, options }, `load:${model}`);
  let closed = false;
  return {
    fingerprint: ready.fingerprint,
    embedPassages(texts) {
      if (closed) return Promise.reject(new Error("The embedding model was closed."));
      const id = thread.nextId++;
      return thread.request<Float32Array[]>({ id, model, texts }, `id:${id}`);
    },
    async close() {
      if (closed) return;
      closed = true;
      thread.worker.postMessage({ release: model });
    },
  };
}

/**
 * One embedding thread per process, started on the first bulk build and kept until the process ends: a
 * thread that loaded onnxruntime-node (1.14, the version @xenova/transformers 2 uses) must never exit or be
 * terminated while the process lives — its teardown corrupts the heap and aborts the process. It holds the
 * process open only while a request is pending.
 */
interface EmbeddingThread {
  readonly worker: Worker;
  nextId: number;
  request<T>(message: object, key: string): Promise<T>;
}

let shared: EmbeddingThread | null = null;

function embeddingThread(): EmbeddingThread {
  if (shared) return shared;
  const worker = startWorker();
  const waiting = new Map<string, { resolve: (v: never) => void; reject: (e: Error) => void }>();
  const settle = () => (waiting.size ? worker.ref() : worker.unref());
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
    shared = null; // a thread that died is replaced at the next request
  };
  worker.on("error", failAll);
  worker.on("exit", () => failAll(new Error("The embedding thread stopped.")));
  worker.on("message", (message: { load?: number; id?: number; ready?: unknown; failed?: string; vectors?: Float32Array[]; error?: string }) => {
    const key = message.load !== undefined ? `load:${message.load}` : `id:${message.id}`;
    const w = waiting.get(key);
    waiting.delete(key);
    settle();
    if (!w) return;
    if (message.failed !== undefined) w.reject(new UserError(message.failed, "model_unavailable"));
    else if (message.error !== undefined) w.reject(new Error(message.error));
    else w.resolve((message.ready ?? message.vectors) as never);
  });
  shared = {
    worker,
    nextId: 0,
    request<T>(message: object, key: string): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        waiting.set(key, { resolve: resolve as (v: never) => void, reject });
        settle();
        worker.postMessage(message);
      });
    },
  };
  worker.unref();
  return shared;
}

/** Starts embed-worker; from TypeScript sources (tsx, vitest) the worker first registers tsx's loader. */
function startWorker(): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (import.meta.url.endsWith(".js")) return new Worker(path.join(here, "embed-worker.js"));
  // tsx's ESM API registers its TypeScript hooks for the worker's own thread.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/package.json").replace(/package\.json$/, "dist/esm/api/index.mjs")).href;
  const entry = pathToFileURL(path.join(here, "embed-worker.ts")).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry)}));`;
  return new Worker(bootstrap, { eval: true });
}
