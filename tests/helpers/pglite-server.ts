// A PostgreSQL server for tests and benchmarks with nothing installed: PGlite (PostgreSQL 17 in WASM)
// with pgvector, served over the real wire protocol by pglite-socket. Run as its own process (the store's
// pg client blocks its thread while it waits, so the server cannot share that thread):
//   tsx tests/helpers/pglite-server.ts [--no-vector] [--data <dir>] [--port <n>]
// prints {"port": N} on stdout when listening; SIGTERM stops it. Commands on stdin, one a line:
//   cut <k>   (prints {"armed": true}) after the next BEGIN and k more protocol messages, the server
//             kills itself (kill -9) mid-transaction; start it again on the same --data and --port
import readline from "node:readline";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const args = process.argv.slice(2);
const withVector = !args.includes("--no-vector");
const dataAt = args.indexOf("--data");
const db = await PGlite.create(dataAt >= 0 ? args[dataAt + 1] : undefined, withVector ? { extensions: { vector } } : {});

let cut: { afterBegin: number; seenBegin: boolean } | null = null;
const execute = db.execProtocolRawStream.bind(db);
db.execProtocolRawStream = (async (message: Uint8Array, options: Parameters<typeof execute>[1]) => {
  if (cut) {
    if (!cut.seenBegin && Buffer.from(message).includes("BEGIN")) cut.seenBegin = true;
    else if (cut.seenBegin && cut.afterBegin-- <= 0) {
      // The server dies mid-transaction (kill -9): clients lose their connections, and the restarted
      // database recovers from its write-ahead log without the transaction.
      process.kill(process.pid, "SIGKILL");
    }
  }
  return execute(message, options);
}) as typeof db.execProtocolRawStream;

const portAt = args.indexOf("--port");
let port = portAt >= 0 ? Number(args[portAt + 1]) : 0;
const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: 16 });
await server.start();
port = Number(server.getServerConn().split(":").at(-1));
process.stdout.write(`${JSON.stringify({ port })}\n`);

readline.createInterface({ input: process.stdin }).on("line", async (line) => {
  const [command, arg] = line.trim().split(/\s+/);
  if (command === "cut") {
    cut = { afterBegin: Number(arg ?? 0), seenBegin: false };
    process.stdout.write(`${JSON.stringify({ armed: true })}\n`);
  }
});

const stop = async () => {
  await server.stop().catch(() => undefined);
  await db.close().catch(() => undefined);
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
