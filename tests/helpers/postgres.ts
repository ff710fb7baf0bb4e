import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { ROOT } from "./paths.js";

export interface TestPostgres {
  /** postgres://… of a fresh database. */
  url: string;
  port: number;
  /** Kills the server at once (a lost connection, a crashed database). */
  kill(): void;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts a PGlite-socket server in its own process (tests/helpers/pglite-server.ts) and waits until it listens. */
export async function startPostgres(options: { vector?: boolean; dataDir?: string } = {}): Promise<TestPostgres> {
  const args = [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "tests/helpers/pglite-server.ts")];
  if (options.vector === false) args.push("--no-vector");
  if (options.dataDir) args.push("--data", options.dataDir);
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once("line", (line) => resolve(Number(JSON.parse(line).port)));
    child.once("exit", (code) => reject(new Error(`pglite-server exited with ${code} before listening`)));
  });
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    kill() {
      child.kill("SIGKILL");
      running.delete(child);
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
      running.delete(child);
    },
  };
}
