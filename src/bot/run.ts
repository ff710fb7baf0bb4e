/**
 * Runs the bot: long polling (default) or a webhook server. Resolves once the bot is receiving updates and
 * returns `stop()`, which the caller (src/main.ts) wires to SIGINT/SIGTERM.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { webhookCallback } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { setupCommands } from "./commands.js";
import type { BotDeps } from "./context.js";
import { createBot } from "./create-bot.js";
import { sendFeedDigest } from "./features/feeds.js";
import { translations } from "./i18n.js";
import { openBotState } from "./state-store.js";

export interface RunBotOptions {
  token: string;
  /** Bot API root without a trailing slash (default https://api.telegram.org, or config.bot.apiRoot). */
  apiRoot?: string;
  /**
   * Serve a webhook instead of long polling. Telegram sends `secret` in X-Telegram-Bot-Api-Secret-Token and
   * other requests are refused; without one, a random secret is made up for this run.
   */
  webhook?: { url: string; secret?: string; port: number; host: string };
  /** Skips getMe (tests). */
  botInfo?: UserFromGetMe;
  /**
   * GET /healthz and /metrics (src/ops/metrics.ts): served beside the webhook, and in polling mode on
   * `port` when one is given (METRICS_PORT; 0 picks a free port).
   */
  ops?: { handle(req: http.IncomingMessage, res: http.ServerResponse): boolean; port?: number; host?: string };
}

export interface RunningBot {
  stop(): Promise<void>;
  /** The webhook server's address, when in webhook mode. */
  webhookAddress?: AddressInfo;
  /** The health and metrics server's address in polling mode, when one was asked for. */
  opsAddress?: AddressInfo;
}

export async function runBot(deps: BotDeps, opts: RunBotOptions): Promise<RunningBot> {
  const logger = deps.logger;
  const apiRoot = opts.apiRoot ?? deps.config.bot.apiRoot ?? undefined;
  // Access list, requests, languages and group settings: bot.db in the index folder, unless given (tests).
  const ownState = deps.state ? null : openBotState(deps.config.indexDir);
  const state = deps.state ?? ownState!;
  // The backlog is measured from now: messages older than skipBacklogMinutes before this moment are ignored.
  const bot = createBot(
    opts.token,
    { ...deps, state, options: { startedAt: Date.now(), ...deps.options } },
    { ...(apiRoot ? { client: { apiRoot } } : {}), ...(opts.botInfo ? { botInfo: opts.botInfo } : {}) },
  );
  await bot.init();
  // Watched feeds: checked on their schedule while the bot runs; each round that indexed something is one
  // digest to the admins. Stopped (waiting for a check in progress) before the bot stops.
  const startFeeds = () =>
    deps.feeds?.start({
      onDigest: (digest) => sendFeedDigest(bot.api, { config: deps.config, state, logger, i18n: translations() }, digest),
      onRound: (round) =>
        logger.info(
          { outcomes: round.outcomes.map((o) => (o.status === "checked" ? { feed: o.feedUrl, indexed: o.indexed.length, skipped: o.skipped, refused: o.refused, failed: o.failed } : o)) },
          "feeds checked",
        ),
    });
  const stopFeeds = async () => {
    await deps.feeds?.stop();
  };
  try {
    await setupCommands(bot, deps.config, logger);
  } catch (err) {
    logger.warn({ err }, "could not set the command menu; continuing");
  }

  if (opts.webhook) {
    const { url, port, host } = opts.webhook;
    const secret = opts.webhook.secret || randomBytes(32).toString("hex");
    const path = new URL(url).pathname;
    const handle = webhookCallback(bot, "http", { secretToken: secret });
    const server = http.createServer((req, res) => {
      if (opts.ops?.handle(req, res)) return;
      if (req.method !== "POST" || new URL(req.url ?? "/", "http://x").pathname !== path) {
        res.writeHead(404).end();
        return;
      }
      handle(req, res).catch((err: unknown) => {
        logger.error({ err }, "webhook handler failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    await bot.api.setWebhook(url, { secret_token: secret, drop_pending_updates: false });
    logger.info({ bot: bot.botInfo.username, port: address.port, path }, "bot receiving updates by webhook");
    startFeeds();
    return {
      webhookAddress: address,
      async stop() {
        await stopFeeds();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        ownState?.close();
        logger.info("webhook server stopped");
      },
    };
  }

  const opsServer = opts.ops?.port !== undefined ? await listenOps(opts.ops, opts.ops.port, opts.ops.host ?? "0.0.0.0") : null;
  let polling: Promise<void> = Promise.resolve();
  await new Promise<void>((resolve, reject) => {
    polling = bot
      .start({
        drop_pending_updates: false,
        onStart: (me) => {
          logger.info({ bot: me.username }, "bot receiving updates by long polling");
          resolve();
        },
      })
      .catch((err: unknown) => {
        logger.error({ err }, "long polling stopped with an error");
        reject(err);
      });
  });
  startFeeds();
  return {
    opsAddress: opsServer ? (opsServer.address() as AddressInfo) : undefined,
    async stop() {
      await stopFeeds();
      if (bot.isRunning()) await bot.stop();
      await polling; // lets the update being handled finish
      if (opsServer) {
        opsServer.closeAllConnections();
        await new Promise<void>((resolve) => opsServer.close(() => resolve()));
      }
      ownState?.close();
      logger.info("bot stopped");
    },
  };
}

/** The health and metrics endpoints alone, for polling mode. */
async function listenOps(ops: NonNullable<RunBotOptions["ops"]>, port: number, host: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    if (!ops.handle(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
