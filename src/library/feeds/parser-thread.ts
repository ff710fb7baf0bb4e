/**
 * parseFeed (parse.ts) off the main thread, with a time budget: the document is read in a worker thread; a
 * parse that outlasts the budget ends the worker (the next parse starts a fresh one) and is refused with a
 * UserError ("parse_timeout"). Refusals from the parser (not a feed, malformed, DOCTYPE, too many items) come
 * back as the same UserErrors.
 *
 * ```ts
 * const parser = createFeedParser();
 * const feed = await parser.parse(xml, { maxItems: 5000, baseUrl }, 10_000);
 * await parser.close();
 * ```
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { UserError } from "../../types.js";
import { parseFeed, type ParsedFeed, type ParseFeedOptions } from "./parse.js";

export interface FeedParser {
  parse(xml: string, options: ParseFeedOptions, timeBudgetMs: number): Promise<ParsedFeed>;
  close(): Promise<void>;
}

type Waiting = { resolve: (feed: ParsedFeed) => void; reject: (err: Error) => void; timer: NodeJS.Timeout };

export function createFeedParser(): FeedParser {
  let worker: Worker | null = null;
  const waiting = new Map<number, Waiting>();
  let nextId = 0;

  const failAll = (error: Error) => {
    for (const w of waiting.values()) {
      clearTimeout(w.timer);
      w.reject(error);
    }
    waiting.clear();
  };

  const start = (): Worker => {
    const w = startWorker();
    w.unref(); // an idle parser never keeps the process alive
    w.on("message", (message: { ready?: true; id: number; feed?: ParsedFeed; error?: { message: string; code: string | null } }) => {
      if (message.ready) return;
      const entry = waiting.get(message.id);
      if (!entry) return;
      waiting.delete(message.id);
      clearTimeout(entry.timer);
      if (message.error) entry.reject(message.error.code ? new UserError(message.error.message, message.error.code) : new Error(message.error.message));
      else entry.resolve(message.feed!);
    });
    // A worker that was replaced (after a timeout) had its documents failed already; only the current one's matter.
    w.on("error", (error) => {
      if (worker !== w) return;
      worker = null;
      failAll(error);
    });
    w.on("exit", () => {
      if (worker !== w) return;
      worker = null;
      failAll(new Error("The feed parser stopped."));
    });
    return w;
  };

  return {
    parse(xml, options, timeBudgetMs) {
      worker ??= start();
      const w = worker;
      const id = nextId++;
      return new Promise<ParsedFeed>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(id);
          const budget = timeBudgetMs < 1000 ? `${timeBudgetMs} ms` : `${Math.round(timeBudgetMs / 1000)} s`;
          reject(new UserError(`Reading the feed took longer than ${budget}, so it was stopped. Give a smaller feed.`, "parse_timeout"));
          // The worker may be stuck in this document: end it (documents queued behind it are read again at
          // their next check); the next parse starts a new worker.
          if (worker === w) worker = null;
          failAll(new UserError("The feed reader was restarted while this feed waited for it; it is read again at the next check.", "parse_interrupted"));
          void w.terminate();
        }, timeBudgetMs);
        waiting.set(id, { resolve, reject, timer });
        w.postMessage({ id, xml, options });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      failAll(new Error("The feed parser was closed."));
      await w?.terminate();
    },
  };
}

/**
 * parseFeed on the calling thread, without a time budget: for the command line, where nobody else waits on
 * the thread (Ctrl-C stops it), and a worker's start would cost more than the parse.
 */
export function inlineFeedParser(): FeedParser {
  return {
    parse: async (xml, options) => parseFeed(xml, options),
    close: async () => {},
  };
}

/** Starts parse-worker; from TypeScript sources (tsx, vitest) the worker first registers tsx's loader (as embed/worker-embedder.ts does). */
function startWorker(): Worker {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (import.meta.url.endsWith(".js")) return new Worker(path.join(here, "parse-worker.js"));
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve("tsx/package.json").replace(/package\.json$/, "dist/esm/api/index.mjs")).href;
  const entry = pathToFileURL(path.join(here, "parse-worker.ts")).href;
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(entry)}));`;
  return new Worker(bootstrap, { eval: true });
}
