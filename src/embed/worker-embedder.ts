import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { EmbedderOptions } from "./embedder.js";
import { UserError } from "../types.js";

export interface BulkEmbedder {
  readonly fingerprint: string;
  embedPassages(texts: string[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/**
 * The same model as `createEmbedder`, loaded in a worker thread. Used for bulk builds, where it lets
 * embedding (tokenizer + ONNX, about half the work) run on the second core beside SQLite and HNSW writes.
 */
export function createWorkerEmbedder(options: EmbedderOptions): Promise<BulkEmbedder> {
  const worker = startWorker(options);
  const waiting = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let failure: Error | null = null;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };

  return new Promise((resolve, reject) => {
    worker.on("error", (error) => {
      failAll(error);
      reject(error);
    });
    worker.on("exit", () => failAll(new Error("The embedding worker stopped.")));
    worker.on("message", (message) => {
      if (message.failed) {
        reject(new UserError(message.failed, "model_unavailable"));
        void worker.terminate();
      } else if (message.ready) {
        resolve({
          fingerprint: message.ready.fingerprint,
          embedPassages(texts) {
            if (failure) return Promise.reject(failure);
            const id = nextId++;
            return new Promise((res, rej) => {
              waiting.set(id, { resolve: res, reject: rej });
              worker.postMessage({ id, texts });
            });
          },
          async close() {
            await worker.terminate();
          },
        });
      } else {
        const w = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.error) w?.reject(new Error(message.error));
        else w?.resolve(message.vectors);
      }
    });
  });
}

/** Starts embed-worker; from TypeScript sources (tsx, vitest) the worker first registers tsx's loader. */
function startWorker(options: EmbedderOptions): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (import.meta.url.endsWith(".js")) return new Worker(path.join(here, "embed-worker.js"), { workerData: options });
  // tsx's ESM API registers its TypeScript hooks for the worker's own thread.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/package.json").replace(/package\.json$/, "dist/esm/api/index.mjs")).href;
  const entry = pathToFileURL(path.join(here, "embed-worker.ts")).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry)}));`;
  return new Worker(bootstrap, { eval: true, workerData: options });
}
