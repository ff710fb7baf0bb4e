/**
 * /feeds for the bot's admins: watch outlets' RSS / Atom feeds and sitemaps (src/library/feeds).
 *
 *   /feeds                          the watched feeds: last check, last new item, indexed, skipped, last error
 *   /feeds add <url>                reads the feed first; a URL that is not a feed is refused with the reason
 *   /feeds remove <url>             stops watching (reports already indexed stay)
 *   /feeds check                    checks every feed now; the digest goes to the admins as after a scheduled check
 *   /feeds keywords <url> <a, b…>   this feed's relevance keywords; `default` restores the default rule
 *
 * Non-admins are refused by adminFeature (feeds is one of ADMIN_COMMAND_NAMES). The digest — one message per
 * round that indexed something, titles as links — is rendered here and sent by `sendFeedDigest`, which
 * runBot also calls for scheduled rounds.
 */
import { Composer, type Api } from "grammy";
import type { Logger } from "pino";
import type { Config } from "../../config.js";
import { keywordsOf, kindName, parseKeywords, type CheckRound, type FeedDigest, type FeedRecord, type FeedsApi } from "../../library/feeds/index.js";
import { UserError } from "../../types.js";
import type { BotContext, BotServices } from "../context.js";
import { translatorFor, type Translate } from "../i18n.js";
import { escapeHtml, safeUrl, truncate } from "../render.js";
import type { BotStateStore } from "../state-store.js";
import { replyHtml, sendHtml } from "../telegram.js";
import { isBotAdmin } from "./access.js";

export function feedsFeature(s: BotServices): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const admin = composer.filter((ctx) => isBotAdmin(s, ctx.from?.id));

  admin.command("feeds", async (ctx) => {
    const feeds = s.feeds;
    if (!feeds) {
      await replyHtml(ctx, ctx.t("feeds-off"));
      return;
    }
    const [sub = "", ...rest] = ctx.match.trim().split(/\s+/);
    const arg = rest.join(" ").trim();
    try {
      switch (sub.toLowerCase()) {
        case "":
        case "list":
          await replyHtml(ctx, renderFeedList(ctx.t, feeds.list(), s.options.now()));
          return;
        case "add": {
          if (!arg) return void (await replyHtml(ctx, ctx.t("feeds-usage")));
          await ctx.replyWithChatAction("typing").catch(() => {});
          const { feed, entries } = await feeds.add(arg, { addedBy: ctx.from?.id ?? null });
          ctx.logger.info({ url: feed.url, kind: feed.kind, entries }, "admin added a feed");
          await replyHtml(ctx, ctx.t("feeds-added", { feed: feedName(feed), kind: kindName(feed.kind), entries, minutes: s.config.feeds.checkMinutes }));
          return;
        }
        case "remove": {
          if (!arg) return void (await replyHtml(ctx, ctx.t("feeds-usage")));
          const removed = feeds.remove(arg);
          ctx.logger.info({ url: removed.url }, "admin removed a feed");
          await replyHtml(ctx, ctx.t("feeds-removed", { feed: feedName(removed) }));
          return;
        }
        case "keywords": {
          const [url = "", ...words] = rest;
          const list = words.join(" ").trim();
          if (!url || !list) return void (await replyHtml(ctx, ctx.t("feeds-usage")));
          const feed = feeds.setKeywords(url, /^(default|mặc định|mac dinh)$/i.test(list) ? null : parseKeywords(list));
          await replyHtml(ctx, ctx.t(feed.keywords ? "feeds-keywords-set" : "feeds-keywords-default", { feed: feedName(feed), keywords: escapeHtml(keywordsOf(feed).join(", ")) }));
          return;
        }
        case "check": {
          const count = feeds.list().length;
          if (count === 0) return void (await replyHtml(ctx, ctx.t("feeds-empty")));
          await replyHtml(ctx, ctx.t("feeds-checking", { count }));
          // Not awaited (like /reindex): a check fetches many pages, and questions keep being answered meanwhile.
          const { api, logger, t } = ctx;
          const chatId = ctx.chat!.id;
          void feeds
            .checkAll()
            .then(async (round) => {
              logger.info({ feeds: round.outcomes.length, indexed: round.digest?.feeds.reduce((n, f) => n + f.items.length, 0) ?? 0 }, "feeds checked on request");
              await sendHtml(api, chatId, renderRound(t, round), logger);
              if (round.digest) await sendFeedDigest(api, s, round.digest);
            })
            .catch((err: unknown) => logger.error({ err }, "feed check on request failed"));
          return;
        }
        default:
          await replyHtml(ctx, ctx.t("feeds-usage"));
      }
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      await replyHtml(ctx, ctx.t("feeds-refused", { reason: escapeHtml(err.message) }));
    }
  });

  return composer;
}

/** What `sendFeedDigest` needs: who the admins are, their languages, where to log. */
export interface DigestDeps {
  config: Config;
  state: BotStateStore;
  logger: Logger;
  i18n: Parameters<typeof translatorFor>[0];
}

/** One message to each admin, in their language: "3 new reports from baohaiduong.vn:" and the titles as links. */
export async function sendFeedDigest(api: Api, deps: DigestDeps, digest: FeedDigest): Promise<void> {
  for (const adminId of deps.config.bot.adminIds) {
    const t = translatorFor(deps.i18n, deps.state.userLanguage(adminId) ?? deps.config.bot.defaultLanguage);
    try {
      await sendHtml(api, adminId, renderDigest(t, digest), deps.logger);
    } catch (err) {
      deps.logger.warn({ err, adminId }, "could not send the feed digest to an admin");
    }
  }
}

export function renderDigest(t: Translate, digest: FeedDigest): string {
  return digest.feeds
    .map((f) => {
      const head = t("feeds-digest-title", { count: f.items.length, host: escapeHtml(f.host) });
      const lines = f.items.map((i) => {
        const title = escapeHtml(truncate(i.title || i.url, 200));
        const url = safeUrl(i.url);
        return `• ${url ? `<a href="${escapeHtml(url)}">${title}</a>` : title}`;
      });
      return `${head}\n${lines.join("\n")}`;
    })
    .join("\n\n");
}

export function renderFeedList(t: Translate, feeds: FeedRecord[], now: number): string {
  if (feeds.length === 0) return t("feeds-empty");
  const when = (at: number | null) => (at === null ? t("feeds-never") : ago(t, now - at));
  const blocks = feeds.map((f, i) => {
    const lines = [
      `${i + 1}. ${feedName(f)} — ${kindName(f.kind)}`,
      t("feeds-line-checked", { checked: when(f.lastCheckAt), newItem: when(f.lastNewItemAt) }),
      t("feeds-line-counts", { indexed: f.itemsIndexed, skipped: f.itemsSkipped }),
      t("feeds-line-keywords", { keywords: escapeHtml(truncate(keywordsOf(f).join(", "), 200)), own: f.keywords ? "own" : "default" }),
    ];
    if (f.lastError) lines.push(t("feeds-line-error", { error: escapeHtml(truncate(f.lastError, 300)), failures: f.failures }));
    return lines.join("\n");
  });
  return `${t("feeds-title", { count: feeds.length })}\n\n${blocks.join("\n\n")}`;
}

export function renderRound(t: Translate, round: CheckRound): string {
  const lines = round.outcomes.map((o) => {
    const name = `<code>${escapeHtml(truncate(o.feedUrl, 120))}</code>`;
    switch (o.status) {
      case "not_modified":
        return t("feeds-check-unchanged", { feed: name });
      case "error":
        return t("feeds-check-error", { feed: name, error: escapeHtml(truncate(o.message, 300)) });
      case "checked":
        return t("feeds-check-done", { feed: name, indexed: o.indexed.length, skipped: o.skipped, refused: o.refused + o.failed, deferred: o.deferred });
    }
  });
  return `${t("feeds-check-title", { count: round.outcomes.length })}\n${lines.join("\n")}`;
}

function feedName(f: FeedRecord): string {
  const url = safeUrl(f.url);
  const label = escapeHtml(truncate(f.title ?? f.url, 120));
  return url ? `<a href="${escapeHtml(url)}">${label}</a>` : label;
}

function ago(t: Translate, ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return t("feeds-ago-minutes", { count: minutes });
  const hours = Math.round(minutes / 60);
  if (hours < 48) return t("feeds-ago-hours", { count: hours });
  return t("feeds-ago-days", { count: Math.round(hours / 24) });
}

export type { FeedsApi };
