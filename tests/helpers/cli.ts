import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { ROOT } from "./paths.js";

const run = promisify(execFile);
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const CLI = path.join(ROOT, "src/cli.ts");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI (src/cli.ts through tsx) in a child process, offline (ALLOW_REMOTE_MODELS=false) unless
 * `env` says otherwise; resolves with its exit code and output instead of throwing for a non-zero exit.
 */
export async function runCli(args: string[], options: { env?: Record<string, string>; input?: string; uid?: number; gid?: number } = {}): Promise<CliResult> {
  const child = run(TSX, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, ALLOW_REMOTE_MODELS: "false", ...options.env },
    timeout: 60_000,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
  });
  if (options.input !== undefined) child.child.stdin!.end(options.input);
  try {
    const { stdout, stderr } = await child;
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
