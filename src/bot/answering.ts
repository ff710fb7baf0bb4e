/**
 * Answering one question in a chat: shared by the private-chat and group features.
 * typing… → ask() → render → split → send (keyboard on the last part) → remember the state for the buttons.
 */
import { InlineKeyboard } from "grammy";
import type { AnswerResult } from "../types.js";
import { UserError } from "../types.js";
import type { BotContext, BotServices } from "./context.js";
import { escapeHtml, renderAnswer, splitHtml } from "./render.js";
import { sendHtml } from "./telegram.js";

/** Callback data of the answer buttons. */
export const CB = { more: "more", up: "fb:up", down: "fb:down" } as const;

export function answerKeyboard(result: AnswerResult, expanded = false): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (result.more.length > 0 && !expanded) kb.text("More sources", CB.more);
  return kb.text("👍", CB.up).text("👎", CB.down);
}

export const answerKey = (chatId: number, messageId: number) => `${chatId}:${messageId}`;

/** Why a question cannot be asked as it is, or null when it can. */
export function checkQuestion(question: string, maxChars: number): string | null {
  if (question.trim() === "") return "Please write a question, e.g. “Who attended the conference in Ha Nam province?”";
  if (question.length > maxChars)
    return `Your question is too long (${question.length} characters; the limit is ${maxChars}). Please shorten it.`;
  return null;
}

/** Runs `ask` and turns its failures into what the user should read: a UserError's own words, else a generic line. */
export async function askSafely(s: BotServices, ctx: BotContext, question: string): Promise<{ result: AnswerResult } | { error: string }> {
  try {
    return { result: await s.ask(question) };
  } catch (err) {
    if (err instanceof UserError) return { error: err.message };
    ctx.logger.error({ err, question }, "ask failed");
    return { error: "Sorry, something went wrong while answering. Please try again in a moment." };
  }
}

/** Shows "typing…" until `stop` is called, repeating because Telegram clears it after ~5 s. */
function keepTyping(s: BotServices, ctx: BotContext, threadId: number | undefined): () => void {
  const send = () =>
    ctx.replyWithChatAction("typing", { message_thread_id: threadId }).catch((err) => ctx.logger.debug({ err }, "typing action failed"));
  void send();
  const timer = setInterval(send, s.options.typingRepeatMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Answers `question` in the current chat; in groups as a reply to the asker, in the asker's forum topic. */
export async function answerInChat(s: BotServices, ctx: BotContext, question: string, opts: { replyTo?: number } = {}): Promise<void> {
  const chatId = ctx.chat!.id;
  const msg = ctx.message;
  const threadId = msg?.is_topic_message ? msg.message_thread_id : undefined;
  const send = (html: string, keyboard?: InlineKeyboard) =>
    sendHtml(ctx.api, chatId, html, ctx.logger, { replyTo: opts.replyTo, threadId, keyboard });

  const problem = checkQuestion(question, s.config.maxQuestionChars);
  if (problem) {
    await send(escapeHtml(problem));
    return;
  }
  const stopTyping = keepTyping(s, ctx, threadId);
  let outcome: Awaited<ReturnType<typeof askSafely>>;
  try {
    outcome = await askSafely(s, ctx, question.trim());
  } finally {
    stopTyping();
  }
  if ("error" in outcome) {
    await send(escapeHtml(outcome.error));
    return;
  }
  const { result } = outcome;
  const html = renderAnswer(result);
  const sent = await send(html, answerKeyboard(result));
  const last = sent?.at(-1);
  if (last) {
    // The buttons sit on the last part; remember its HTML so "More sources" can extend it.
    const lastPart = splitHtml(html).at(-1) ?? html;
    s.answers.set(answerKey(chatId, last.message_id), { question: question.trim(), result, html: lastPart, expanded: false, votes: new Map() });
  }
  ctx.logger.info(
    { chatId, found: result.found, citations: result.citations.length, parts: sent?.length ?? 0, ms: result.timings.totalMs },
    "answered",
  );
}
