/**
 * Builds the Telegram bot from what it is given: config, the `ask` function, the `library`, a logger.
 * It knows nothing of how answers are found. Tests pass `{ client: { apiRoot }, botInfo }` to point it at a
 * fake Bot API without a getMe call.
 *
 * ```ts
 * const bot = createBot(token, { config, ask, library, logger });
 * await setupCommands(bot, config, logger);
 * await bot.start();
 * ```
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { Bot, type BotConfig, type BotError } from "grammy";
import { groupQuestion } from "./addressing.js";
import type { BotContext, BotDeps, BotServices } from "./context.js";
import { MemoryFeedbackStore, withDefaults } from "./context.js";
import { adminFeature } from "./features/admin.js";
import { askFeature, unknownCommandFeature } from "./features/ask.js";
import { groupFeature } from "./features/group.js";
import { inlineFeature, noticeResult } from "./features/inline.js";
import { sourcesFeature } from "./features/sources.js";
import { startFeature } from "./features/start.js";
import { LruCache } from "./lru.js";
import { attachLogger } from "./middleware/logger.js";
import { rateLimit } from "./middleware/rate-limit.js";
import { skipBacklog } from "./middleware/skip-backlog.js";
import { escapeHtml } from "./render.js";
import { isForbidden, replyHtml } from "./telegram.js";

export type { BotContext, BotDeps, BotOptions, FeedbackEntry, FeedbackStore } from "./context.js";
export { MemoryFeedbackStore } from "./context.js";
export { setupCommands } from "./commands.js";

const DEFAULT_API_ROOT = "https://api.telegram.org";

export function createBot(token: string, deps: BotDeps, botConfig?: BotConfig<BotContext>): Bot<BotContext> {
  const services: BotServices = {
    config: deps.config,
    ask: deps.ask,
    library: deps.library,
    logger: deps.logger,
    feedback: deps.feedback ?? new MemoryFeedbackStore(),
    options: withDefaults(deps.options),
    token,
    apiRoot: (botConfig?.client?.apiRoot ?? deps.config.bot.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, ""),
    answers: new LruCache(withDefaults(deps.options).answerCacheSize),
    reindex: { running: null },
  };
  const { config, logger, options } = services;
  const bot = new Bot<BotContext>(token, {
    ...botConfig,
    client: { ...botConfig?.client, apiRoot: services.apiRoot },
  });

  // 1. API transformers: retry 429 (after retry_after), 5xx and network errors, a bounded number of times.
  bot.api.config.use(autoRetry({ maxRetryAttempts: options.maxRetryAttempts, maxDelaySeconds: options.maxRetryDelaySeconds }));

  // 2. Errors: anything a handler throws is logged here and the update loop goes on.
  bot.catch((err) => logError(err, "unhandled bot error"));
  const app = bot.errorBoundary(async (err) => {
    logError(err, "handler failed");
    const ctx = err.ctx;
    if (isForbidden(err.error) || !ctx.chat || ctx.callbackQuery || ctx.inlineQuery) return;
    await replyHtml(ctx, "Sorry, something went wrong. Please try again in a moment.").catch(() => {});
  });

  // 3. Context: a logger per update; stale backlog dropped; access and rate limits.
  app.use(attachLogger(logger));
  app.use(skipBacklog(options.startedAt, config.bot.skipBacklogMinutes));
  app.use(async (ctx, next) => {
    if (config.bot.access === "allowlist" && ctx.from && !isAdmin(ctx)) {
      if (ctx.chat?.type === "private" && ctx.message) await ctx.reply("Sorry, this bot is private.");
      else if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 60 });
      else if (ctx.callbackQuery) await ctx.answerCallbackQuery();
      return;
    }
    await next();
  });
  app.use(
    rateLimit({
      perMinute: config.bot.rateLimitPerMinute,
      counts: (ctx) => !isAdmin(ctx) && isQuestion(ctx),
      onLimited: async (ctx, seconds) => {
        const text = `Too many questions: please wait ${seconds} s before asking again.`;
        if (ctx.inlineQuery) await ctx.answerInlineQuery([noticeResult("limited", "Too many questions", text)], { cache_time: 0 });
        else if (ctx.chat) await replyHtml(ctx, escapeHtml(text));
      },
    }),
  );

  // 4. Features, one composer each. Order matters only where two could match: the catch-alls come last.
  app.use(startFeature(services));
  app.use(adminFeature(services));
  app.use(sourcesFeature(services));
  app.use(inlineFeature(services));
  app.use(groupFeature(services));
  app.use(askFeature(services));
  app.use(unknownCommandFeature());
  app.on("callback_query:data", (ctx) => ctx.answerCallbackQuery());

  return bot;

  function isAdmin(ctx: BotContext): boolean {
    return ctx.from !== undefined && config.bot.adminIds.includes(ctx.from.id);
  }

  function logError(err: BotError<BotContext>, message: string): void {
    const log = err.ctx?.logger ?? logger;
    const context = { update_id: err.ctx?.update.update_id, chatId: err.ctx?.chat?.id };
    if (isForbidden(err.error)) log.warn({ ...context, description: err.error.description }, "the bot was blocked or removed from the chat");
    else log.error({ ...context, err: err.error }, message);
  }
}

/** Updates that are questions for the rate limiter: private messages, group messages addressed to the bot, inline queries. */
function isQuestion(ctx: BotContext): boolean {
  if (ctx.inlineQuery) return ctx.inlineQuery.query.trim() !== "";
  const msg = ctx.message;
  if (!msg || (!msg.text && !msg.document)) return false;
  if (ctx.chat?.type === "private") return true;
  if (ctx.chat?.type === "group" || ctx.chat?.type === "supergroup") return !!msg.text && groupQuestion(msg, ctx.me) !== null;
  return false;
}
