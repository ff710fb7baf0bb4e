/** /start and /help: what the bot knows (from library.stats()), how to ask, and three example questions. */
import { Composer } from "grammy";
import type { IndexStats } from "../../types.js";
import { commandsFor } from "../commands.js";
import type { BotContext, BotServices } from "../context.js";
import type { Translate } from "../i18n.js";
import { escapeHtml } from "../render.js";
import { sendHtml } from "../telegram.js";

const EXAMPLES = ["chair", "growth", "tasks"] as const;

/** Three example questions about the places the library knows (plain text). */
export function exampleQuestions(t: Translate, places: string[]): string[] {
  return EXAMPLES.map((k, i) => (places.length > 0 ? t(`example-${k}`, { place: places[i % places.length]! }) : t(`example-generic-${k}`)));
}

function listPlaces(t: Translate, places: string[], max = 8): string {
  const shown = places.slice(0, max).map(escapeHtml);
  const rest = places.length - shown.length;
  return rest > 0 ? t("help-places-more", { shown: shown.join(", "), rest }) : shown.join(", ");
}

/** The "what I know" paragraph (HTML). */
export function describeLibrary(t: Translate, stats: IndexStats | null): string {
  if (!stats || stats.articles === 0) return t("help-empty");
  const places = stats.places.length ? t("help-places", { places: listPlaces(t, stats.places) }) : "";
  const { from, to } = stats.dateRange;
  const dates = from && to ? (from === to ? t("help-dated", { date: escapeHtml(from) }) : t("help-dated-range", { from: escapeHtml(from), to: escapeHtml(to) })) : "";
  return t("help-library", { count: stats.articles, places, dates });
}

export function helpText(s: BotServices, ctx: BotContext, stats: IndexStats | null): string {
  const t: Translate = ctx.t;
  const bot = escapeHtml(ctx.me.username);
  const examples = exampleQuestions(t, stats?.places ?? []).map((q) => `• ${escapeHtml(q)}`);
  const lines = [t("help-intro"), "", describeLibrary(t, stats), "", t("help-try"), ...examples, "", t("help-how", { bot }), "", t("help-followup"), t("help-commands")];
  const isAdmin = ctx.from !== undefined && s.config.bot.adminIds.includes(ctx.from.id);
  if (isAdmin) {
    lines.push("", t("help-admin"), ...commandsFor(t, "admin").map((c) => `/${c.command} — ${escapeHtml(c.description)}`));
    lines.push(t("help-admin-upload"));
  }
  return lines.join("\n");
}

export function startFeature(s: BotServices): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command(["start", "help"], async (ctx) => {
    let stats: IndexStats | null = null;
    try {
      stats = s.library.stats();
    } catch (err) {
      ctx.logger.warn({ err }, "library.stats() failed for /help");
    }
    const msg = ctx.message;
    await sendHtml(ctx.api, ctx.chat.id, helpText(s, ctx, stats), ctx.logger, {
      threadId: msg?.is_topic_message ? msg.message_thread_id : undefined,
      replyTo: ctx.chat.type === "private" ? undefined : msg?.message_id,
    });
  });
  return composer;
}
