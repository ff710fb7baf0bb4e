// A PostgreSQL server for tests and benchmarks with nothing installed: PGlite (PostgreSQL 17 in WASM)
// with pgvector, served over the real wire protocol by pglite-socket. Run as its own process (the store's
// pg client blocks its thread while it waits, so the server cannot share that thread):
//   tsx tests/helpers/pglite-server.ts [--no-vector] [--data <dir>]
// prints {"port": N} on stdout when listening; SIGTERM stops it.
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

const args = process.argv.slice(2);
const withVector = !args.includes("--no-vector");
const dataAt = args.indexOf("--data");
const db = await PGlite.create(dataAt >= 0 ? args[dataAt + 1] : undefined, withVector ? { extensions: { vector } } : {});
const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 16 });
await server.start();
const port = Number(server.getServerConn().split(":").at(-1));
process.stdout.write(`${JSON.stringify({ port })}\n`);

const stop = async () => {
  await server.stop().catch(() => undefined);
  await db.close().catch(() => undefined);
  process.exit(0);
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
