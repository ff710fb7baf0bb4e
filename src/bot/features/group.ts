/**
 * Groups and supergroups: `/ask q`, `/ask@bot q`, a message mentioning @bot, and a reply to one of the bot's
 * messages are answered as a reply to the asker (in the same forum topic); in groups whose admins turned it on
 * (/settings), so is any message ending with "?". A reply to one of the bot's answers is a follow-up of the
 * question it answered. Everything else is ignored.
 */
import { Composer } from "grammy";
import { groupQuestionInMode } from "../addressing.js";
import { answerInChat, previousTurn, topicOf } from "../answering.js";
import type { BotContext, BotServices } from "../context.js";
import { sendHtml } from "../telegram.js";

export function groupFeature(s: BotServices): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType(["group", "supergroup"]).on("message:text", async (ctx, next) => {
    const question = groupQuestionInMode(ctx.message, ctx.me, s.state.groupSettings(ctx.chat.id).mode);
    if (question === null) return next();
    const replyTo = ctx.message.message_id;
    if (question === "") {
      await sendHtml(ctx.api, ctx.chat.id, ctx.t("ask-usage-group"), ctx.logger, { replyTo, threadId: topicOf(ctx) });
      return;
    }
    await answerInChat(s, ctx, question, { replyTo, previous: previousTurn(s, ctx) });
  });
  return composer;
}
