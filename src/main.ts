import "./env.js";
import pino from "pino";
import { ConfigError, loadConfig } from "./config.js";
import { openApp } from "./app.js";
import { buildProgress, terminalQa } from "./cli.js";
import { UserError } from "./types.js";

// `npm start`: the Telegram bot when BOT_TOKEN is set, otherwise a terminal Q&A over the same index.

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.logLevel, redact: ["token", "config.bot.token", "*.token"] });
  // In the terminal a person is watching: a progress bar. Under the bot: structured logs.
  const app = await openApp(
    config,
    config.bot.token
      ? {
          onBuildStart: (total) => logger.info({ total }, "building the index from the bundled reports (first run)"),
          onBuildDone: (report) => logger.info({ added: report.added, ms: report.ms, problems: report.problems.length }, "index built"),
        }
      : buildProgress(),
  );

  if (!config.bot.token) {
    process.stdout.write(
      "No BOT_TOKEN set: answering in the terminal instead. To run the Telegram bot, put BOT_TOKEN=<token from @BotFather> in .env (see README).\n",
    );
    await terminalQa(app);
    await app.close();
    return;
  }

  const { runBot } = await import("./bot/run.js");
  const { createFeedbackStore } = await import("./library/feedback.js");
  const { createFeedWatcher } = await import("./library/feeds/index.js");
  // Watched feeds (feeds.db beside the index); runBot runs their schedule.
  const feeds = createFeedWatcher({ config, library: app.library, onError: (err, what) => logger.error({ err }, `${what} failed`) });
  const { createMetrics } = await import("./ops/metrics.js");
  const metrics = createMetrics({ stats: () => app.library.stats(), health: () => app.library.health(), modelId: app.embedder.modelId });
  const running = await runBot(
    { config, ask: metrics.instrument(app.ask), library: app.library, logger, feedback: createFeedbackStore(config.indexDir), feeds },
    {
      ops: { handle: metrics.handle, port: config.metricsPort || undefined, host: config.bot.webhookHost },
      token: config.bot.token,
      apiRoot: config.bot.apiRoot ?? undefined,
      webhook: config.bot.webhookUrl
        ? { url: config.bot.webhookUrl, secret: config.bot.webhookSecret ?? undefined, port: config.bot.webhookPort, host: config.bot.webhookHost }
        : undefined,
    },
  );
  logger.info({ mode: config.bot.webhookUrl ? "webhook" : "long polling" }, "bot running");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "stopping");
    await running.stop(); // stops the feed schedule first, waiting for a check in progress
    await feeds.close();
    await app.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
}

main().catch((error) => {
  if (error instanceof ConfigError || error instanceof UserError) {
    process.stderr.write(`error: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
