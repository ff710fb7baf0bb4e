import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { ROOT } from "./paths.js";

export interface TestPostgres {
  /** postgres://… of the server's database. */
  url: string;
  port: number;
  /** The server kills itself inside the next transaction, after `messages` more protocol messages. */
  cutInNextTransaction(messages: number): Promise<void>;
  /** Starts the server again on the same data folder and port (needs `dataDir`). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Starts a PGlite-socket server in its own process (tests/helpers/pglite-server.ts) and waits until it listens. */
export async function startPostgres(options: { vector?: boolean; dataDir?: string } = {}): Promise<TestPostgres> {
  let child: ChildProcess;
  let lines: readline.Interface;
  let exited: Promise<void>;
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`pglite-server exited with ${code}`)));
    });
  const spawnServer = async (port: number) => {
    const args = [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "tests/helpers/pglite-server.ts"), "--port", String(port)];
    if (options.vector === false) args.push("--no-vector");
    if (options.dataDir) args.push("--data", options.dataDir);
    child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "inherit"] });
    running.add(child);
    const current = child;
    exited = new Promise<void>((resolve) => current.once("exit", () => (running.delete(current), resolve())));
    lines = readline.createInterface({ input: child.stdout! });
    return Number(JSON.parse(await nextLine()).port);
  };
  const port = await spawnServer(0);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    port,
    async cutInNextTransaction(messages) {
      const armed = nextLine();
      child.stdin!.write(`cut ${messages}\n`);
      await armed;
    },
    async restart() {
      if (!options.dataDir) throw new Error("restart needs a dataDir");
      child.kill("SIGKILL");
      await exited;
      await spawnServer(port);
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}
