/**
 * The buttons under an answer: "More sources" extends the message with further passages; 👍/👎 record
 * feedback. Their state lives in the bounded in-memory LRU (`services.answers`); when an answer has left it,
 * the button press is answered with a short explanation.
 */
import { Composer } from "grammy";
import { answerKey, answerKeyboard, CB } from "../answering.js";
import type { BotContext, BotServices } from "../context.js";
import { appendMore, renderMore } from "../render.js";
import { editHtml, sendHtml } from "../telegram.js";

export function sourcesFeature(s: BotServices): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.callbackQuery(CB.more, async (ctx) => {
    const message = ctx.callbackQuery.message;
    if (!message) return ctx.answerCallbackQuery({ text: ctx.t("more-expired") });
    const chatId = message.chat.id;
    const state = s.answers.get(answerKey(chatId, message.message_id));
    if (!state) return ctx.answerCallbackQuery({ text: ctx.t("more-expired"), show_alert: true });
    if (state.expanded) return ctx.answerCallbackQuery({ text: ctx.t("more-already") });
    state.expanded = true;
    const keyboard = answerKeyboard(state.result, ctx.t, true);
    // The extension is written in the answer's language, whoever presses the button.
    const extended = appendMore(state.html, state.result.more, undefined, state.labels);
    if (extended !== null) {
      await editHtml(ctx.api, chatId, message.message_id, extended, ctx.logger, keyboard);
      state.html = extended;
    } else {
      // Too long to fit under the answer: send the passages as their own message(s) and drop the button.
      await sendHtml(ctx.api, chatId, renderMore(state.result.more, undefined, state.labels), ctx.logger, {
        replyTo: message.message_id,
        threadId: "is_topic_message" in message && message.is_topic_message ? message.message_thread_id : undefined,
      });
      await ctx.api.editMessageReplyMarkup(chatId, message.message_id, { reply_markup: keyboard }).catch((err) => ctx.logger.debug({ err }, "could not update buttons"));
    }
    await ctx.answerCallbackQuery();
  });

  composer.callbackQuery([CB.up, CB.down], async (ctx) => {
    const message = ctx.callbackQuery.message;
    const value = ctx.callbackQuery.data === CB.up ? "up" : "down";
    if (!message) return ctx.answerCallbackQuery();
    const state = s.answers.get(answerKey(message.chat.id, message.message_id));
    if (state?.votes.get(ctx.from.id) === value) return ctx.answerCallbackQuery({ text: ctx.t("feedback-already") });
    state?.votes.set(ctx.from.id, value);
    try {
      s.feedback.record({ userId: ctx.from.id, chatId: message.chat.id, messageId: message.message_id, value, question: state?.question ?? "" });
    } catch (err) {
      ctx.logger.error({ err }, "feedback store failed");
      return ctx.answerCallbackQuery({ text: ctx.t("feedback-failed") });
    }
    ctx.logger.info({ value, chatId: message.chat.id, messageId: message.message_id }, "feedback");
    await ctx.answerCallbackQuery({ text: ctx.t(value === "up" ? "feedback-up" : "feedback-down") });
  });

  return composer;
}
