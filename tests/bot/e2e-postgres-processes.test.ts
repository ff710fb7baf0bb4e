/**
 * Several processes on one PostgreSQL database: two bot processes in webhook mode (same token, different
 * ports, as behind a load balancer) and a CLI `library add` / `remove` in a third. An article added or
 * removed anywhere is answered (or no longer answered) by every process at its next question: each
 * question reads the write version (one indexed read), nothing polls.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUANG_TRI_REPORT as MD, tempDir } from "../helpers/app.js";
import { ALICE, freePort, privateChat } from "../helpers/bot-harness.js";
import { FakeTelegram } from "../helpers/fake-telegram.js";
import { DATA_DIR, ROOT } from "../helpers/paths.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";

const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
const SECRET = "s3cret-token_for-processes";
const QUESTION = "How many new party members did Quang Tri admit in 2023?";

let server: TestPostgres;
let fake: FakeTelegram;
const bots: { child: ChildProcess; url: string; port: number }[] = [];
let env: Record<string, string>;

async function startBotProcess(): Promise<{ child: ChildProcess; url: string; port: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/telegram/webhook`;
  const child = spawn(process.execPath, [TSX, path.join(ROOT, "src/main.ts")], {
    env: { ...env, INDEX_DIR: tempDir("bot-process-"), WEBHOOK_URL: url, WEBHOOK_PORT: String(port), WEBHOOK_HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const bot = { child, url, port };
  bots.push(bot);
  // Ready when /healthz says the database is reachable and the model loaded.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`bot process exited with ${child.exitCode}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return bot;
    if (Date.now() > deadline) throw new Error("bot process did not become healthy");
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Sends the question to one process (the load balancer's choice) and returns the bot's reply. */
async function askVia(bot: { url: string }, chatUser: typeof ALICE): Promise<string> {
  fake.webhook = { url: bot.url, secret_token: SECRET };
  const chat = privateChat(chatUser);
  fake.userSends(chat, chatUser, QUESTION);
  return (await fake.nextBotMessage(chat.id, { timeoutMs: 20_000 })).text ?? "";
}

function cli(args: string[]) {
  return promisify(execFile)(process.execPath, [TSX, path.join(ROOT, "src/cli.ts"), ...args], { env });
}

beforeAll(async () => {
  [server, fake] = await Promise.all([startPostgres(), FakeTelegram.start()]);
  env = {
    ...(process.env as Record<string, string>),
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    WEBHOOK_SECRET: SECRET,
    DATABASE_URL: server.url,
    DATA_DIR,
    ALLOW_REMOTE_MODELS: "false",
    LOG_LEVEL: "silent",
  };
  // The first process builds the library from the data folder; the second finds it built.
  await startBotProcess();
  await startBotProcess();
});

afterAll(async () => {
  for (const { child } of bots) child.kill("SIGTERM");
  await Promise.all(bots.map(({ child }) => new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)))));
  await fake?.close();
  await server?.stop();
});

describe("two bot processes and the CLI on one database", () => {
  it("an article added by the CLI is answered by both processes at once, and a removal likewise", async () => {
    const [a, b] = bots;
    const users = [ALICE, { ...ALICE, id: 2001, first_name: "Binh" }, { ...ALICE, id: 2002, first_name: "Chi" }, { ...ALICE, id: 2003, first_name: "Dung" }, { ...ALICE, id: 2004, first_name: "Em" }, { ...ALICE, id: 2005, first_name: "Giang" }];
    expect(await askVia(a!, users[0]!)).not.toContain("2,345");

    const file = path.join(tempDir("article-"), "quang-tri.md");
    fs.writeFileSync(file, MD);
    const added = await cli(["library", "add", file]);
    expect(added.stdout).toMatch(/added/i);
    expect(await askVia(a!, users[1]!)).toContain("2,345");
    expect(await askVia(b!, users[2]!)).toContain("2,345");

    await cli(["library", "remove", "https://example.org/quang-tri-2023"]);
    expect(await askVia(b!, users[3]!)).not.toContain("2,345");
    expect(await askVia(a!, users[4]!)).not.toContain("2,345");
    // Both processes are still healthy and serve the same write version.
    const versions = await Promise.all(bots.map(async ({ port }) => ((await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { index: { writeVersion: number } }).index.writeVersion));
    expect(versions[0]).toBe(versions[1]);
  });
});
