// The worker thread that reads untrusted files and pages (see off-thread.ts): one job at a time, answered by id.
import { parentPort } from "node:worker_threads";
import { UserError } from "../types.js";
import { readFetchedPage } from "./fetch-url.js";
import { parseArticleFile } from "./index.js";
import type { ParseJob, ParseReply } from "./off-thread.js";

function run(job: ParseJob) {
  return job.kind === "file" ? parseArticleFile(job.fileName, job.bytes, job.options) : [readFetchedPage(job.page)];
}

parentPort!.on("message", ({ id, job }: { id: number; job: ParseJob }) => {
  let reply: ParseReply;
  try {
    reply = { id, articles: run(job) };
  } catch (error) {
    reply =
      error instanceof UserError
        ? { id, error: { message: error.message, code: error.code, user: true } }
        : { id, error: { message: error instanceof Error ? (error.stack ?? error.message) : String(error), code: "parse_failed", user: false } };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ ready: true });
