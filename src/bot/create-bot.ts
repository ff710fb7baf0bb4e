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
import { resolveFollowUp } from "../question/followup.js";
import { groupQuestionInMode } from "./addressing.js";
import type { BotContext, BotDeps, BotServices } from "./context.js";
import { MemoryFeedbackStore, withDefaults } from "./context.js";
import { ConversationMemory } from "./conversations.js";
import { accessFeature, accessGate } from "./features/access.js";
import { adminFeature } from "./features/admin.js";
import { askFeature, unknownCommandFeature } from "./features/ask.js";
import { conversationFeature } from "./features/conversation.js";
import { feedsFeature } from "./features/feeds.js";
import { groupFeature } from "./features/group.js";
import { inlineFeature, noticeResult } from "./features/inline.js";
import { languageFeature } from "./features/language.js";
import { settingsFeature } from "./features/settings.js";
import { sourcesFeature } from "./features/sources.js";
import { startFeature } from "./features/start.js";
import { createI18n } from "./i18n.js";
import { LruCache } from "./lru.js";
import { attachLogger } from "./middleware/logger.js";
import { rateLimit } from "./middleware/rate-limit.js";
import { skipBacklog } from "./middleware/skip-backlog.js";
import { escapeHtml } from "./render.js";
import { BotStateStore } from "./state-store.js";
import { isForbidden, replyHtml } from "./telegram.js";

export type { BotContext, BotDeps, BotOptions, FeedbackEntry, FeedbackStore } from "./context.js";
export { MemoryFeedbackStore } from "./context.js";
export { setupCommands } from "./commands.js";

const DEFAULT_API_ROOT = "https://api.telegram.org";

export function createBot(token: string, deps: BotDeps, botConfig?: BotConfig<BotContext>): Bot<BotContext> {
  const options = withDefaults(deps.options);
  const state = deps.state ?? new BotStateStore(":memory:");
  const services: BotServices = {
    config: deps.config,
    ask: deps.ask,
    library: deps.library,
    logger: deps.logger,
    feedback: deps.feedback ?? new MemoryFeedbackStore(),
    options,
    token,
    apiRoot: (botConfig?.client?.apiRoot ?? deps.config.bot.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, ""),
    answers: new LruCache(options.answerCacheSize),
    reindex: { running: null },
    state,
    i18n: createI18n<BotContext>(state, deps.config.bot.defaultLanguage),
    conversations: new ConversationMemory(
      {
        perConversation: options.followUpTurnsPerChat,
        maxConversations: options.followUpChats,
        maxAgeMs: deps.config.bot.followUpMaxAgeMinutes * 60_000,
        now: options.now,
      },
      state,
    ),
    resolveFollowUp: deps.resolveFollowUp ?? resolveFollowUp,
    feeds: deps.feeds ?? null,
  };
  const { config, logger } = services;
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
    const text = typeof ctx.t === "function" ? ctx.t("error-generic") : "Sorry, something went wrong. Please try again in a moment.";
    await replyHtml(ctx, escapeHtml(text)).catch(() => {});
  });

  // 3. Context: a logger per update; stale backlog dropped; the reader's language; access and rate limits.
  app.use(attachLogger(logger));
  app.use(skipBacklog(options.startedAt, config.bot.skipBacklogMinutes));
  app.use(services.i18n);
  app.use(accessGate(services));
  app.use(
    rateLimit({
      perMinute: config.bot.rateLimitPerMinute,
      counts: (ctx) => !isAdmin(ctx) && isQuestion(ctx),
      onLimited: async (ctx, seconds) => {
        const text = ctx.t("rate-limited", { seconds: String(seconds) });
        if (ctx.inlineQuery) await ctx.answerInlineQuery([noticeResult("limited", ctx.t("rate-limited-title"), text)], { cache_time: 0 });
        else if (ctx.chat) await replyHtml(ctx, escapeHtml(text));
      },
    }),
  );

  // 4. Features, one composer each. Order matters only where two could match: the catch-alls come last.
  app.use(startFeature(services));
  app.use(languageFeature(services));
  app.use(conversationFeature(services));
  app.use(settingsFeature(services));
  app.use(adminFeature(services)); // refuses every admin command (library and access) to non-admins
  app.use(feedsFeature(services));
  app.use(accessFeature(services));
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

  /** Updates that are questions for the rate limiter: private messages, group messages for the bot, inline queries. */
  function isQuestion(ctx: BotContext): boolean {
    if (ctx.inlineQuery) return ctx.inlineQuery.query.trim() !== "";
    const msg = ctx.message;
    if (!msg || (!msg.text && !msg.document)) return false;
    if (ctx.chat?.type === "private") return true;
    if (ctx.chat?.type === "group" || ctx.chat?.type === "supergroup")
      return !!msg.text && groupQuestionInMode(msg, ctx.me, state.groupSettings(ctx.chat.id).mode) !== null;
    return false;
  }

  function logError(err: BotError<BotContext>, message: string): void {
    const log = err.ctx?.logger ?? logger;
    const context = { update_id: err.ctx?.update.update_id, chatId: err.ctx?.chat?.id };
    if (isForbidden(err.error)) log.warn({ ...context, description: err.error.description }, "the bot was blocked or removed from the chat");
    else log.error({ ...context, err: err.error }, message);
  }
}
