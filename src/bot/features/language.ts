/**
 * /language: the user's interface language, English or Vietnamese, or automatic (their Telegram language).
 * `/language vi` sets it at once; `/language` alone shows buttons. Persisted in the bot's state (bot.db).
 */
import { Composer, InlineKeyboard } from "grammy";
import type { BotContext, BotServices } from "../context.js";
import { languageOf } from "../i18n.js";
import { isLanguage, LANGUAGES, type Language } from "../state-store.js";
import { editHtml, replyHtml } from "../telegram.js";

const CHOICE = /^lang:(en|vi|auto)$/;

export function languageKeyboard(ctx: BotContext, current: Language | null): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const l of LANGUAGES) kb.text(`${current === l ? "✓ " : ""}${ctx.t(`language-name-${l}`)}`, `lang:${l}`);
  return kb.row().text(`${current === null ? "✓ " : ""}${ctx.t("language-auto-button")}`, "lang:auto");
}

export function languageFeature(s: BotServices): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  /** Sets the user's language (null = automatic) and re-reads the locale so the reply is already in it. */
  async function choose(ctx: BotContext, choice: Language | null): Promise<string> {
    s.state.setUserLanguage(ctx.from!.id, choice);
    ctx.logger.info({ userId: ctx.from!.id, language: choice ?? "auto" }, "language chosen");
    await ctx.i18n.renegotiateLocale();
    const lines = [ctx.t(choice === null ? "language-set-auto" : "language-set")];
    const chat = ctx.chat;
    if (chat && chat.type !== "private") {
      const group = s.state.groupSettings(chat.id).language;
      if (group) lines.push(ctx.t("language-group-note", { language: ctx.t(`language-name-${group}`) }));
    }
    return lines.join("\n");
  }

  function current(ctx: BotContext): { shown: Language; chosen: Language | null } {
    const chosen = s.state.userLanguage(ctx.from!.id);
    return { chosen, shown: chosen ?? languageOf(ctx.from!.language_code) ?? s.config.bot.defaultLanguage };
  }

  composer.command("language", async (ctx) => {
    if (!ctx.from) return;
    const arg = ctx.match.trim().toLowerCase();
    if (arg === "auto") return void (await replyHtml(ctx, await choose(ctx, null)));
    if (isLanguage(arg)) return void (await replyHtml(ctx, await choose(ctx, arg)));
    const { shown, chosen } = current(ctx);
    const fromTelegram = chosen === null && languageOf(ctx.from.language_code) !== null;
    const text = ctx.t("language-current", { language: ctx.t(`language-name-${shown}`), auto: fromTelegram ? "yes" : "no" });
    await replyHtml(ctx, arg === "" ? text : `${ctx.t("language-usage")}\n\n${text}`, languageKeyboard(ctx, chosen));
  });

  composer.callbackQuery(CHOICE, async (ctx) => {
    const value = ctx.match[1]!;
    const text = await choose(ctx, isLanguage(value) ? value : null);
    await ctx.answerCallbackQuery({ text: text.split("\n")[0] });
    const message = ctx.callbackQuery.message;
    // Only the person who asked for the buttons sees them change (in a group, others' choices are their own).
    if (message && (message.chat.type === "private" || message.reply_to_message?.from?.id === ctx.from.id)) {
      await editHtml(ctx.api, message.chat.id, message.message_id, text, ctx.logger, languageKeyboard(ctx, s.state.userLanguage(ctx.from.id)));
    }
  });

  return composer;
}
