/**
 * Reading untrusted input (uploads, fetched pages) off the main thread, with a time budget. Parsing HTML and
 * cleaning text are synchronous and, on hostile input, slow (3,000 nested <div>s kept Readability busy for a
 * minute); on the main thread that froze every chat of the bot. Here each job runs in a worker thread; when it
 * takes longer than `timeoutMs` the worker is terminated, the job is refused with a UserError, and the next job
 * gets a fresh worker.
 *
 * ```ts
 * const reader = createOffThreadReader({ timeoutMs: 15_000 });
 * const articles = await reader.parseFile("page.html", bytes, { originKind: "upload" });
 * await reader.close();
 * ```
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { UserError, type ArticleInput } from "../types.js";
import type { FetchedPage } from "./fetch-url.js";
import type { ParseFileOptions } from "./index.js";

export interface OffThreadOptions {
  /** Time budget of one job, from the moment the worker starts it (worker start-up is not counted). */
  timeoutMs: number;
}

export type ParseJob =
  | { kind: "file"; fileName: string; bytes: Uint8Array; options: ParseFileOptions }
  | { kind: "page"; page: FetchedPage };

export type ParseReply = { id: number; articles: ArticleInput[] } | { id: number; error: { message: string; code: string; user: boolean } };

export interface OffThreadReader {
  /** parseArticleFile in the worker. */
  parseFile(fileName: string, bytes: Uint8Array, options: ParseFileOptions): Promise<ArticleInput[]>;
  /** readFetchedPage in the worker. */
  readPage(page: FetchedPage): Promise<ArticleInput>;
  close(): Promise<void>;
}

export function createOffThreadReader(options: OffThreadOptions): OffThreadReader {
  let worker: { thread: Worker; ready: Promise<void> } | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 0;

  const start = () => {
    const thread = startWorker();
    thread.unref(); // never keeps the process alive
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }) => {
        if (m.ready) {
          thread.off("message", onMessage);
          resolve();
        }
      };
      thread.on("message", onMessage);
      thread.once("error", reject);
      thread.once("exit", (code) => reject(new Error(`the reading worker exited (${code}) before it was ready`)));
    });
    return { thread, ready };
  };

  /** Runs one job; jobs run one after another, each with its own budget. */
  const run = (job: ParseJob, name: string): Promise<ArticleInput[]> => {
    const attempt = async () => {
      worker ??= start();
      const current = worker;
      try {
        await current.ready;
      } catch (error) {
        if (worker === current) worker = null;
        throw error;
      }
      const id = nextId++;
      return new Promise<ArticleInput[]>((resolve, reject) => {
        const finish = () => {
          clearTimeout(timer);
          current.thread.off("message", onMessage);
          current.thread.off("error", onError);
          current.thread.off("exit", onExit);
        };
        const timer = setTimeout(() => {
          finish();
          if (worker === current) worker = null;
          void current.thread.terminate();
          const seconds = options.timeoutMs / 1000;
          reject(
            new UserError(
              `${name} took longer than ${seconds < 1 ? seconds.toFixed(1) : Math.round(seconds)} s to read, so it was stopped and not added (pages built to be slow to parse look like this). Send the article's text as a .txt file instead.`,
              "parse_timeout",
            ),
          );
        }, options.timeoutMs);
        const onMessage = (reply: ParseReply) => {
          if (reply.id !== id) return;
          finish();
          if ("articles" in reply) resolve(reply.articles);
          else reject(reply.error.user ? new UserError(reply.error.message, reply.error.code) : new Error(reply.error.message));
        };
        const onError = (error: Error) => {
          finish();
          if (worker === current) worker = null;
          reject(error);
        };
        const onExit = (code: number) => onError(new Error(`the reading worker stopped (exit code ${code}) while reading ${name}`));
        current.thread.on("message", onMessage);
        current.thread.once("error", onError);
        current.thread.once("exit", onExit);
        current.thread.postMessage({ id, job });
      });
    };
    const result = queue.then(attempt, attempt);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    parseFile: (fileName, bytes, opts) => run({ kind: "file", fileName, bytes, options: opts }, fileName),
    readPage: async (page) => (await run({ kind: "page", page }, page.finalUrl))[0]!,
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.thread.terminate();
    },
  };
}

/** Starts parse-worker; from TypeScript sources (tsx, vitest) the worker first registers tsx's loader. */
function startWorker(): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Compiled (.js), or bundled beside its bundle (.mjs, as the crash tests do); else the TypeScript source.
  for (const compiled of ["parse-worker.js", "parse-worker.mjs"]) {
    if (fs.existsSync(path.join(here, compiled))) return new Worker(path.join(here, compiled));
  }
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/package.json").replace(/package\.json$/, "dist/esm/api/index.mjs")).href;
  const entry = pathToFileURL(path.join(here, "parse-worker.ts")).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry)}));`;
  return new Worker(bootstrap, { eval: true });
}
