// Reads feed documents in a worker thread (see parser-thread.ts), so a large or hostile feed never blocks the
// bot's main thread. Messages: { id, xml, options } in; { id, feed } or { id, error: { message, code } } out.
import { parentPort } from "node:worker_threads";
import { UserError } from "../../types.js";
import { parseFeed, type ParseFeedOptions } from "./parse.js";

const port = parentPort!;
port.on("message", ({ id, xml, options }: { id: number; xml: string; options: ParseFeedOptions }) => {
  try {
    port.postMessage({ id, feed: parseFeed(xml, options) });
  } catch (error) {
    port.postMessage({
      id,
      error: error instanceof UserError ? { message: error.message, code: error.code } : { message: error instanceof Error ? error.message : String(error), code: null },
    });
  }
});
port.postMessage({ ready: true });
