/** Private chats: any text is a question (and so is `/ask q`); unknown commands get a pointer to /help. */
import { Composer } from "grammy";
import { answerInChat } from "../answering.js";
import type { BotContext, BotServices } from "../context.js";

export function askFeature(s: BotServices): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const dm = composer.chatType("private");

  dm.command("ask", async (ctx) => {
    const question = ctx.match.trim();
    if (question === "") {
      await ctx.reply("Write your question after /ask, or simply send it as a message.");
      return;
    }
    await answerInChat(s, ctx, question);
  });

  dm.on("message:text", async (ctx, next) => {
    if (ctx.message.entities?.some((e) => e.type === "bot_command" && e.offset === 0)) return next();
    await answerInChat(s, ctx, ctx.message.text);
  });

  return composer;
}

/** Last in the chain, in private chats: commands nobody handled, and media the bot cannot read. */
export function unknownCommandFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const dm = composer.chatType("private");
  dm.on("message:text", async (ctx) => {
    if (ctx.message.entities?.some((e) => e.type === "bot_command" && e.offset === 0))
      await ctx.reply("I don't know that command. Send /help to see what I can do, or just write your question.");
  });
  dm.on(["message:photo", "message:sticker", "message:voice", "message:video", "message:audio", "message:video_note"], async (ctx) => {
    await ctx.reply("I can only read questions written as text. Please type your question.");
  });
  return composer;
}
