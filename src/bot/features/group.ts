/**
 * Groups and supergroups: `/ask q`, `/ask@bot q`, a message mentioning @bot, and a reply to one of the bot's
 * messages are answered as a reply to the asker (in the same forum topic). Everything else is ignored.
 */
import { Composer } from "grammy";
import { groupQuestion } from "../addressing.js";
import { answerInChat } from "../answering.js";
import type { BotContext, BotServices } from "../context.js";
import { sendHtml } from "../telegram.js";

export function groupFeature(s: BotServices): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType(["group", "supergroup"]).on("message:text", async (ctx, next) => {
    const question = groupQuestion(ctx.message, ctx.me);
    if (question === null) return next();
    const replyTo = ctx.message.message_id;
    if (question === "") {
      await sendHtml(ctx.api, ctx.chat.id, `Usage: <code>/ask your question</code>, e.g. <code>/ask Who attended the conference?</code>`, ctx.logger, {
        replyTo,
        threadId: ctx.message.is_topic_message ? ctx.message.message_thread_id : undefined,
      });
      return;
    }
    await answerInChat(s, ctx, question, { replyTo });
  });
  return composer;
}
