/**
 * Starts the real bot (src/bot/run.ts) against the fake Bot API, by long polling or webhook, with test users and
 * chats. `stop()` stops the bot before the fake (see telegram-testing.md: the other order hangs).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import type { UserFromGetMe } from "grammy/types";
import { loadConfig, type Config } from "../../src/config.js";
import type { AskFn, LibraryApi } from "../../src/types.js";
import { MemoryFeedbackStore, type BotOptions, type FeedbackStore, type FollowUpResolver } from "../../src/bot/context.js";
import { runBot, type RunBotOptions, type RunningBot } from "../../src/bot/run.js";
import { BotStateStore } from "../../src/bot/state-store.js";
import type { FeedService } from "../../src/library/feeds/index.js";
import { FakeTelegram, type FakeChat, type FakeUser } from "./fake-telegram.js";
import { InMemoryLibrary, keywordAsk, SEED_ARTICLES } from "./bot-doubles.js";

export const ADMIN: FakeUser = { id: 42, first_name: "Admin", username: "the_admin" };
export const ALICE: FakeUser = { id: 1001, first_name: "Alice", username: "alice" };
export const BOB: FakeUser = { id: 1002, first_name: "Bob" };
/** A user whose Telegram is set to Vietnamese. */
export const LAN: FakeUser = { id: 1003, first_name: "Lan", username: "lan_vn", language_code: "vi" };
/** Someone nobody allowed (for ACCESS=allowlist). */
export const STRANGER: FakeUser = { id: 1004, first_name: "Stranger", username: "stranger", language_code: "en" };

export const privateChat = (u: FakeUser): FakeChat => ({ id: u.id, type: "private", first_name: u.first_name, username: u.username });
export const GROUP: FakeChat = { id: -100200, type: "supergroup", title: "Reporters" };
export const FORUM: FakeChat = { id: -100300, type: "supergroup", title: "Provinces forum", is_forum: true };
export const OTHER_GROUP: FakeChat = { id: -100400, type: "supergroup", title: "Editors" };

/** A Config as loadConfig builds it from these settings (no .env involved). */
export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({ ADMIN_IDS: String(ADMIN.id), RATE_LIMIT_PER_MINUTE: "100", LOG_LEVEL: "silent", ...env });
}

export interface LogLine {
  level: number;
  msg: string;
  [k: string]: unknown;
}

/** A pino logger that keeps its lines for assertions. */
export function captureLogger(): { logger: pino.Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(l) as LogLine);
      cb();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines };
}

export interface Harness {
  fake: FakeTelegram;
  config: Config;
  ask: AskFn;
  library: LibraryApi;
  feedback: FeedbackStore;
  /** The bot's persistent state (access list, requests, languages, group settings). */
  state: BotStateStore;
  logs: LogLine[];
  /** The running bot (webhook and health/metrics addresses). */
  running: RunningBot;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  library?: LibraryApi;
  ask?: AskFn;
  feedback?: FeedbackStore;
  /** Default: a fresh in-memory store. Pass a file-backed one to test persistence across restarts. */
  state?: BotStateStore;
  resolveFollowUp?: FollowUpResolver;
  /** Watched feeds: runBot starts their schedule and sends the digests. */
  feeds?: FeedService;
  options?: Partial<BotOptions>;
  mode?: "polling" | "webhook";
  /** Health and metrics endpoints (src/ops/metrics.ts) to serve. */
  ops?: RunBotOptions["ops"];
  /** Called with the fake before the bot starts (e.g. to queue a backlog). */
  beforeStart?: (fake: FakeTelegram) => void | Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export async function startBot(opts: HarnessOptions = {}): Promise<Harness & { library: InMemoryLibrary | LibraryApi }> {
  const fake = await FakeTelegram.start();
  const config = testConfig(opts.env);
  const library = opts.library ?? new InMemoryLibrary(SEED_ARTICLES);
  const ask = opts.ask ?? keywordAsk(library as InMemoryLibrary);
  const feedback = opts.feedback ?? new MemoryFeedbackStore();
  const state = opts.state ?? new BotStateStore(":memory:");
  const { logger, lines } = captureLogger();
  await opts.beforeStart?.(fake);
  let webhook: { url: string; secret: string; port: number; host: string } | undefined;
  if (opts.mode === "webhook") {
    const port = await freePort();
    webhook = { url: `http://127.0.0.1:${port}/telegram/webhook`, secret: "s3cret-token_for-tests", port, host: "127.0.0.1" };
  }
  const running = await runBot(
    { config, ask, library, logger, feedback, state, resolveFollowUp: opts.resolveFollowUp, feeds: opts.feeds, options: { progressEditIntervalMs: 100, ...opts.options } },
    { token: fake.token, apiRoot: fake.apiRoot, botInfo: fake.botInfo as UserFromGetMe, webhook, ops: opts.ops },
  );
  return {
    running,
    fake,
    config,
    ask,
    library,
    feedback,
    state,
    logs: lines,
    async stop() {
      await running.stop();
      await fake.close();
      if (!opts.state) state.close();
    },
  };
}
