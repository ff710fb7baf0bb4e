import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { OpName, Ops, WorkerData, WorkerFailure } from "./worker.js";

type Args<K extends OpName> = Ops[K] extends (c: never, ...rest: infer A) => unknown ? A : never;
type Result<K extends OpName> = Ops[K] extends (...a: never[]) => Promise<infer R> ? R : never;

export class BridgeFailure extends Error {
  constructor(readonly failure: WorkerFailure) {
    super(failure.message);
    this.name = "BridgeFailure";
  }
}

export interface BridgeOptions {
  hnsw: WorkerData["hnsw"];
  /** Connecting gives up after this long (default 5 s). */
  connectTimeoutMs: number;
  /** A call that has not answered after this long is reported lost (default 120 s: a large batch write). */
  callTimeoutMs: number;
}

/**
 * Synchronous calls into the `pg` client running in worker.ts: post the call, block on a shared flag
 * until the worker has posted the answer, read it. The thread waits about as long as a better-sqlite3
 * call would; the database does the work.
 */
export class SyncBridge {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private closed = false;
  private calls = 0;

  constructor(url: string, private readonly options: BridgeOptions) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    const data: WorkerData = { url, port: channel.port2, signal: this.signal.buffer as SharedArrayBuffer, hnsw: options.hnsw, connectTimeoutMs: options.connectTimeoutMs };
    this.worker = startWorker(data, [channel.port2]);
    // A waiting process must still be able to exit when the bridge is left open by mistake.
    this.worker.unref();
    this.port.unref();
  }

  call<K extends OpName>(op: K, ...args: Args<K>): Result<K> {
    return this.callWithin(this.options.callTimeoutMs, op, ...args);
  }

  /** A call that may take longer than callTimeoutMs (an index build). */
  callWithin<K extends OpName>(timeoutMs: number, op: K, ...args: Args<K>): Result<K> {
    if (this.closed) throw new BridgeFailure({ kind: "lost", message: "the database connection is closed" });
    const id = ++this.calls;
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage({ id, op, args });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      // The worker posts its answer before raising the flag; answers to calls given up on are skipped.
      for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
        const reply = m.message as { id: number } & ({ ok: Result<K> } | { failure: WorkerFailure });
        if (reply.id !== id) continue;
        if ("failure" in reply) throw new BridgeFailure(reply.failure);
        return reply.ok;
      }
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.signal, 0, 0, left) === "timed-out") {
        this.close();
        throw new BridgeFailure({ kind: "lost", message: `the database did not answer within ${Math.round(timeoutMs / 1000)} s` });
      }
      Atomics.store(this.signal, 0, 0);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.close();
    void this.worker.terminate();
  }
}

/** Starts worker.ts; from TypeScript sources (tsx, vitest) the worker first registers tsx's loader. */
function startWorker(data: WorkerData, transfer: MessagePort[]): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (import.meta.url.endsWith(".js")) return new Worker(path.join(here, "worker.js"), { workerData: data, transferList: transfer });
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/package.json").replace(/package\.json$/, "dist/esm/api/index.mjs")).href;
  const entry = pathToFileURL(path.join(here, "worker.ts")).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry)}));`;
  return new Worker(bootstrap, { eval: true, workerData: data, transferList: transfer });
}
