/**
 * Private chats: any text is a question (and so is `/ask q`); a reply to one of the bot's answers is a follow-up
 * of the question it answered. Unknown commands get a pointer to /help.
 */
import { Composer } from "grammy";
import { answerInChat, previousTurn } from "../answering.js";
import type { BotContext, BotServices } from "../context.js";

export function askFeature(s: BotServices): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const dm = composer.chatType("private");

  dm.command("ask", async (ctx) => {
    const question = ctx.match.trim();
    if (question === "") {
      await ctx.reply(ctx.t("ask-usage-private"));
      return;
    }
    await answerInChat(s, ctx, question, { previous: previousTurn(s, ctx) });
  });

  dm.on("message:text", async (ctx, next) => {
    if (ctx.message.entities?.some((e) => e.type === "bot_command" && e.offset === 0)) return next();
    await answerInChat(s, ctx, ctx.message.text, { previous: previousTurn(s, ctx) });
  });

  return composer;
}

/** Last in the chain, in private chats: commands nobody handled, and media the bot cannot read. */
export function unknownCommandFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const dm = composer.chatType("private");
  dm.on("message:text", async (ctx) => {
    if (ctx.message.entities?.some((e) => e.type === "bot_command" && e.offset === 0)) await ctx.reply(ctx.t("unknown-command"));
  });
  dm.on(["message:photo", "message:sticker", "message:voice", "message:video", "message:audio", "message:video_note"], async (ctx) => {
    await ctx.reply(ctx.t("text-only"));
  });
  return composer;
}
