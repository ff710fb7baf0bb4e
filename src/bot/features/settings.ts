/**
 * /settings in a group (group admins only, checked with getChatMember): whether the bot also answers messages
 * ending with "?" (by default it answers only /ask, mentions and replies to its answers), and the language of
 * its messages in the group (default: each asker's own). `/settings` shows buttons; `/settings questions on`
 * and `/settings language vi` set directly. Persisted in the bot's state (bot.db).
 */
import { Composer, InlineKeyboard } from "grammy";
import type { Chat } from "grammy/types";
import type { BotContext, BotServices } from "../context.js";
import { escapeHtml } from "../render.js";
import { isLanguage, LANGUAGES, type GroupSettings } from "../state-store.js";
import { editHtml, replyHtml } from "../telegram.js";

const MODE = /^gs:mode:(addressed|questions)$/;
const LANG = /^gs:lang:(en|vi|auto)$/;

const isGroup = (chat: Chat | undefined) => chat?.type === "group" || chat?.type === "supergroup";

/** Whether the sender administers the group: creator or administrator, or an anonymous admin posting as the group. */
export async function isGroupAdmin(ctx: BotContext): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat || !ctx.from) return false;
  if (ctx.message?.sender_chat?.id === chat.id) return true; // anonymous group admin
  try {
    const member = await ctx.api.getChatMember(chat.id, ctx.from.id);
    return member.status === "creator" || member.status === "administrator";
  } catch (err) {
    ctx.logger.warn({ err, chatId: chat.id }, "getChatMember failed; treating the sender as a member");
    return false;
  }
}

/** Whether the bot receives messages that do not mention it: privacy mode off, or the bot is an admin here. */
async function seesAllMessages(ctx: BotContext): Promise<boolean> {
  if (ctx.me.can_read_all_group_messages) return true;
  try {
    const me = await ctx.api.getChatMember(ctx.chat!.id, ctx.me.id);
    return me.status === "administrator" || me.status === "creator";
  } catch {
    return false;
  }
}

export function settingsFeature(s: BotServices): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  async function panel(ctx: BotContext, settings: GroupSettings): Promise<{ html: string; keyboard: InlineKeyboard }> {
    const bot = escapeHtml(ctx.me.username);
    const language = settings.language ? ctx.t(`language-name-${settings.language}`) : ctx.t("settings-language-auto");
    const lines = [ctx.t("settings-title"), ctx.t(`settings-mode-${settings.mode}`, { bot }), ctx.t("settings-language", { language })];
    if (settings.mode === "questions" && !(await seesAllMessages(ctx))) lines.push("", ctx.t("settings-privacy-note"));
    const tick = (on: boolean, label: string) => `${on ? "✓ " : ""}${label}`;
    const keyboard = new InlineKeyboard()
      .text(tick(settings.mode === "addressed", ctx.t("settings-button-addressed")), "gs:mode:addressed")
      .row()
      .text(tick(settings.mode === "questions", ctx.t("settings-button-questions")), "gs:mode:questions")
      .row();
    for (const l of LANGUAGES) keyboard.text(tick(settings.language === l, ctx.t(`language-name-${l}`)), `gs:lang:${l}`);
    keyboard.text(tick(settings.language === null, ctx.t("settings-button-auto")), "gs:lang:auto");
    return { html: lines.join("\n"), keyboard };
  }

  /** Applies a change and re-reads the locale, so the panel is shown in the group's new language. */
  async function apply(ctx: BotContext, patch: Partial<GroupSettings>): Promise<GroupSettings> {
    const settings = s.state.setGroupSettings(ctx.chat!.id, patch);
    ctx.logger.info({ chatId: ctx.chat!.id, userId: ctx.from?.id, settings }, "group settings changed");
    await ctx.i18n.renegotiateLocale();
    return settings;
  }

  composer.command("settings", async (ctx) => {
    if (!isGroup(ctx.chat)) return void (await replyHtml(ctx, ctx.t("settings-private")));
    if (!(await isGroupAdmin(ctx))) {
      ctx.logger.info({ chatId: ctx.chat.id, userId: ctx.from?.id }, "group settings refused: not a group admin");
      return void (await replyHtml(ctx, ctx.t("settings-only-admins")));
    }
    const [what, value] = ctx.match.trim().toLowerCase().split(/\s+/);
    let settings = s.state.groupSettings(ctx.chat.id);
    let usage = false;
    if (what === "questions" && (value === "on" || value === "off")) settings = await apply(ctx, { mode: value === "on" ? "questions" : "addressed" });
    else if (what === "language" && (isLanguage(value) || value === "auto")) settings = await apply(ctx, { language: isLanguage(value) ? value : null });
    else usage = !!what;
    const { html, keyboard } = await panel(ctx, settings);
    await replyHtml(ctx, usage ? `${ctx.t("settings-usage")}\n\n${html}` : html, keyboard);
  });

  composer.callbackQuery([MODE, LANG], async (ctx) => {
    const message = ctx.callbackQuery.message;
    if (!message || !isGroup(ctx.chat)) return ctx.answerCallbackQuery();
    if (!(await isGroupAdmin(ctx))) {
      ctx.logger.info({ chatId: ctx.chat!.id, userId: ctx.from.id }, "group settings refused: not a group admin");
      return ctx.answerCallbackQuery({ text: ctx.t("settings-only-admins").replace(/<[^>]+>/g, ""), show_alert: true });
    }
    const data = ctx.callbackQuery.data;
    const mode = MODE.exec(data)?.[1];
    const lang = LANG.exec(data)?.[1];
    const settings = await apply(ctx, mode ? { mode: mode as GroupSettings["mode"] } : { language: isLanguage(lang) ? lang : null });
    const { html, keyboard } = await panel(ctx, settings);
    await editHtml(ctx.api, message.chat.id, message.message_id, html, ctx.logger, keyboard);
    await ctx.answerCallbackQuery({ text: ctx.t("settings-saved") });
  });

  return composer;
}
