/**
 * Who may use the bot. With ACCESS=public everyone may; with ACCESS=allowlist only the bot's admins
 * (ADMIN_IDS), the users and the groups an admin allowed with /allow <id>. Anyone else is told how to ask for
 * access ("Request access" button, or /request), which records a request; admins see them with /requests and
 * answer with /allow or /deny. The list lives in the bot's SQLite state (bot.db), not in a file.
 */
import { Composer, InlineKeyboard, type NextFunction } from "grammy";
import type { Chat, User } from "grammy/types";
import { groupQuestion } from "../addressing.js";
import type { BotContext, BotServices } from "../context.js";
import { translatorFor, type Translate } from "../i18n.js";
import { noticeResult } from "./inline.js";
import { escapeHtml } from "../render.js";
import type { AccessRequest, Language } from "../state-store.js";
import { isLanguage } from "../state-store.js";
import { replyHtml, sendHtml } from "../telegram.js";

/** Callback data of the "Request access" button. */
export const REQUEST_ACCESS = "access:request";

/** Commands and buttons a stranger may still use: asking for access, and choosing a language. */
const OPEN_COMMANDS = new Set(["request", "language"]);
const OPEN_CALLBACK = /^(access:request|lang:)/;

export const isBotAdmin = (s: BotServices, userId: number | undefined) => userId !== undefined && s.config.bot.adminIds.includes(userId);

/** Whether this update's user (or, in a group, the group) may use the bot. */
export function hasAccess(s: BotServices, ctx: BotContext): boolean {
  if (s.config.bot.access === "public") return true;
  const userId = ctx.from?.id;
  if (userId !== undefined && (isBotAdmin(s, userId) || s.state.isAllowed(userId))) return true;
  const chat = ctx.chat;
  return !!chat && chat.type !== "private" && s.state.isAllowed(chat.id);
}

/** The command the message starts with when it is meant for this bot ("ask" for "/ask@me q"), else null. */
export function commandOf(ctx: BotContext): string | null {
  const msg = ctx.message;
  const entity = msg?.entities?.find((e) => e.type === "bot_command" && e.offset === 0);
  if (!msg?.text || !entity) return null;
  const [name, target] = msg.text.slice(1, entity.length).toLowerCase().split("@");
  return target === undefined || target === ctx.me.username.toLowerCase() ? name! : null;
}

/** The middleware that refuses strangers in allowlist mode (and lets everything through in public mode). */
export function accessGate(s: BotServices) {
  return async (ctx: BotContext, next: NextFunction) => {
    if (hasAccess(s, ctx)) return next();
    const command = commandOf(ctx);
    if ((command && OPEN_COMMANDS.has(command)) || OPEN_CALLBACK.test(ctx.callbackQuery?.data ?? "")) return next();
    ctx.logger.info({ userId: ctx.from?.id, chatId: ctx.chat?.id }, "refused: not on the allowlist");
    if (ctx.inlineQuery) {
      const text = ctx.t("access-refused-inline");
      await ctx.answerInlineQuery([noticeResult("refused", text, `${text}. /request @${ctx.me.username}`)], { cache_time: 60, is_personal: true });
    } else if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery({ text: ctx.t("access-refused-inline"), show_alert: true });
    } else if (ctx.chat?.type === "private" && ctx.message) {
      await replyHtml(ctx, ctx.t("access-refused"), new InlineKeyboard().text(ctx.t("access-button-request"), REQUEST_ACCESS));
    } else if ((ctx.chat?.type === "group" || ctx.chat?.type === "supergroup") && ctx.message?.text) {
      // Only messages addressed to the bot hear about it; chatter stays ignored.
      if (command !== null || groupQuestion(ctx.message, ctx.me) !== null) await replyHtml(ctx, ctx.t("access-refused-group"));
    }
  };
}

function displayName(user: User): string {
  return [user.first_name, user.last_name].filter(Boolean).join(" ");
}

/** "Alice @alice" or "Reporters (group)" as HTML, for admins' lists. */
function who(r: { name: string | null; username?: string | null }): string {
  const name = r.name ? escapeHtml(r.name) : "?";
  return r.username ? `${name} @${escapeHtml(r.username)}` : name;
}

export function accessFeature(s: BotServices): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  const languageFor = (userId: number, fallback: Language | null): Language => s.state.userLanguage(userId) ?? fallback ?? s.config.bot.defaultLanguage;

  /** Tells each admin about a new request, in the admin's language; an admin Telegram cannot reach is skipped. */
  async function noticeAdmins(ctx: BotContext, request: { id: number; name: string; username?: string | null }): Promise<void> {
    for (const adminId of s.config.bot.adminIds) {
      const t = translatorFor(s.i18n, languageFor(adminId, null));
      const id = String(request.id);
      await sendHtml(ctx.api, adminId, t("access-admin-notice", { who: who(request), id }), ctx.logger).catch((err) =>
        ctx.logger.warn({ err, adminId }, "could not tell an admin about an access request"),
      );
    }
  }

  async function recordRequest(ctx: BotContext, chat: Chat, user: User): Promise<string> {
    if (s.config.bot.access === "public") return ctx.t("access-public");
    const inGroup = chat.type === "group" || chat.type === "supergroup";
    const subject = inGroup ? chat.id : user.id;
    if (isBotAdmin(s, subject) || s.state.isAllowed(subject)) return ctx.t("access-already");
    const group = chat as { title?: string; username?: string };
    const name = inGroup ? (group.title ?? String(chat.id)) : displayName(user);
    const username = inGroup ? (group.username ?? null) : (user.username ?? null);
    const language = await ctx.i18n.getLocale();
    const status = s.state.request({ id: subject, name, username, language: isLanguage(language) ? language : null, byUserId: user.id });
    ctx.logger.info({ subject, byUserId: user.id, status }, "access requested");
    if (status === "pending") return ctx.t("access-pending");
    await noticeAdmins(ctx, { id: subject, name, username });
    return ctx.t(inGroup ? "access-requested-group" : "access-requested", { id: String(subject) });
  }

  composer.command("request", async (ctx) => {
    if (!ctx.from) return;
    await replyHtml(ctx, await recordRequest(ctx, ctx.chat, ctx.from));
  });

  composer.callbackQuery(REQUEST_ACCESS, async (ctx) => {
    const chat = ctx.callbackQuery.message?.chat ?? ctx.chat;
    if (!chat) return ctx.answerCallbackQuery();
    const text = await recordRequest(ctx, chat, ctx.from);
    await ctx.answerCallbackQuery();
    await sendHtml(ctx.api, chat.id, text, ctx.logger);
    // The button has done its job.
    const message = ctx.callbackQuery.message;
    if (message) await ctx.api.editMessageReplyMarkup(chat.id, message.message_id).catch((err) => ctx.logger.debug({ err }, "could not remove the button"));
  });

  // Admin commands; non-admins are refused by the admin feature before they get here.
  const admin = composer.filter((ctx) => isBotAdmin(s, ctx.from?.id));

  const parseId = (text: string): number | null => {
    const m = /^\s*(-?\d{1,20})\s*$/.exec(text);
    const n = m ? Number(m[1]) : NaN;
    return Number.isSafeInteger(n) && n !== 0 ? n : null;
  };

  admin.command("allow", async (ctx) => {
    const id = parseId(ctx.match);
    if (id === null) return void (await replyHtml(ctx, ctx.t("allow-usage")));
    const { added, request } = s.state.allow(id, { byUserId: ctx.from!.id });
    ctx.logger.info({ id, added, by: ctx.from!.id }, "access allowed");
    const note = s.config.bot.access === "public" ? `\n${ctx.t("allow-public-note")}` : "";
    if (!added) return void (await replyHtml(ctx, ctx.t("allow-already", { id: String(id) }) + note));
    await replyHtml(ctx, ctx.t("allow-done", { id: String(id), who: request ? `${who(request)} ` : "" }) + note);
    // Tell whoever asked, in their language (best effort: a user who never started the bot cannot be reached).
    if (s.config.bot.access === "allowlist") {
      const t = translatorFor(s.i18n, id > 0 ? languageFor(id, request?.language ?? null) : (s.state.groupSettings(id).language ?? request?.language ?? s.config.bot.defaultLanguage));
      await sendHtml(ctx.api, id, t(id > 0 ? "access-granted" : "access-granted-group"), ctx.logger).catch((err) =>
        ctx.logger.info({ err, id }, "could not tell the allowed user or group"),
      );
    }
  });

  admin.command("deny", async (ctx) => {
    const id = parseId(ctx.match);
    if (id === null) return void (await replyHtml(ctx, ctx.t("deny-usage")));
    if (isBotAdmin(s, id)) return void (await replyHtml(ctx, ctx.t("deny-admin", { id: String(id) })));
    const { wasAllowed, hadRequest } = s.state.deny(id);
    ctx.logger.info({ id, wasAllowed, hadRequest, by: ctx.from!.id }, "access denied");
    const key = wasAllowed ? "deny-done" : hadRequest ? "deny-declined" : "deny-nothing";
    await replyHtml(ctx, ctx.t(key, { id: String(id) }));
  });

  admin.command("requests", async (ctx) => {
    await replyHtml(ctx, renderRequests(ctx.t, s.state.requests(), s.state.allowed().map((a) => a.id), s.config.bot.access));
  });

  return composer;
}

/** The /requests page: waiting requests (oldest first), then who is allowed, then the mode. */
export function renderRequests(t: Translate, requests: AccessRequest[], allowedIds: number[], mode: "public" | "allowlist"): string {
  const lines: string[] = [];
  if (requests.length === 0) lines.push(t("requests-none"));
  else {
    lines.push(t("requests-title", { count: requests.length }));
    for (const r of requests) {
      const by = r.kind === "chat" ? t("requests-by", { by: String(r.byUserId) }) : "";
      lines.push(t("requests-item", { who: who(r) + by, id: String(r.id), at: r.at.slice(0, 16).replace("T", " ") }));
    }
  }
  if (allowedIds.length > 0) lines.push("", t("requests-allowed", { count: allowedIds.length, ids: allowedIds.map((id) => `<code>${id}</code>`).join(", ") }));
  lines.push("", t("requests-mode", { mode }));
  return lines.join("\n");
}
