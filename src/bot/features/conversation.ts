/** /new: forgets the follow-up context of this chat (or of this forum topic), in private chats and groups. */
import { Composer } from "grammy";
import { topicOf } from "../answering.js";
import type { BotContext, BotServices } from "../context.js";
import { replyHtml } from "../telegram.js";

export function conversationFeature(s: BotServices): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.command("new", async (ctx) => {
    const forgotten = s.conversations.forget(ctx.chat.id, topicOf(ctx));
    ctx.logger.info({ chatId: ctx.chat.id, threadId: topicOf(ctx), forgotten }, "conversation reset");
    await replyHtml(ctx, ctx.t("new-done"));
  });
  return composer;
}
