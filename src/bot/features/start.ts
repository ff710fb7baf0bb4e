/** /start and /help: what the bot knows (from library.stats()), how to ask, and three example questions. */
import { Composer } from "grammy";
import type { IndexStats } from "../../types.js";
import type { BotContext, BotServices } from "../context.js";
import { escapeHtml } from "../render.js";
import { sendHtml } from "../telegram.js";
import { ADMIN_COMMANDS } from "../commands.js";

const EXAMPLE_TEMPLATES = [
  (p: string) => `Who chaired the Party Committee conference in ${p}?`,
  (p: string) => `What economic growth did ${p} report?`,
  (p: string) => `What are the key tasks for next year in ${p}?`,
];

const GENERIC_EXAMPLES = [
  "Who attended the provincial Party Committee conference?",
  "What economic growth rate was reported for last year?",
  "What are the key tasks for next year?",
];

export function exampleQuestions(places: string[]): string[] {
  return EXAMPLE_TEMPLATES.map((t, i) => (places.length > 0 ? t(places[i % places.length]!) : GENERIC_EXAMPLES[i]!));
}

function listPlaces(places: string[], max = 8): string {
  const shown = places.slice(0, max).map(escapeHtml);
  const rest = places.length - shown.length;
  return rest > 0 ? `${shown.join(", ")} and ${rest} more` : shown.join(", ");
}

/** The "what I know" paragraph. */
export function describeLibrary(stats: IndexStats | null): string {
  if (!stats || stats.articles === 0) return "My library is empty right now, so I cannot answer yet. An admin can add reports.";
  const reports = `<b>${stats.articles}</b> report${stats.articles === 1 ? "" : "s"}`;
  const places = stats.places.length ? ` about ${listPlaces(stats.places)}` : "";
  const { from, to } = stats.dateRange;
  const dates = from && to ? (from === to ? `, dated ${escapeHtml(from)}` : `, dated ${escapeHtml(from)} to ${escapeHtml(to)}`) : "";
  return `I know ${reports}${places}${dates}.`;
}

export function helpText(s: BotServices, ctx: BotContext, stats: IndexStats | null): string {
  const username = ctx.me.username;
  const examples = exampleQuestions(stats?.places ?? []).map((q) => `• ${escapeHtml(q)}`);
  const lines = [
    "I answer questions about news reports on provincial and district Party Committee conferences in Vietnam: who attended, growth figures, targets met, tasks for next year. Every answer cites its sources with numbered links.",
    "",
    describeLibrary(stats),
    "",
    "<b>Try asking:</b>",
    ...examples,
    "",
    `<b>How to ask:</b> in this private chat just write your question. In a group: <code>/ask your question</code>, mention @${escapeHtml(username)}, or reply to one of my answers. In any chat: type <code>@${escapeHtml(username)} your question</code>.`,
  ];
  const isAdmin = ctx.from !== undefined && s.config.bot.adminIds.includes(ctx.from.id);
  if (isAdmin) {
    lines.push("", "<b>Admin commands:</b>", ...ADMIN_COMMANDS.map((c) => `/${c.command} — ${escapeHtml(c.description)}`));
    lines.push("Send a .txt, .md, .json, .jsonl or .html file to add it.");
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
