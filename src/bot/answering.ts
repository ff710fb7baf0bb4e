/**
 * Answering one question in a chat: shared by the private-chat and group features.
 * (follow-up? resolve it against the answered turn) → typing… → ask() → render in the reader's language →
 * split → send (keyboard on the last part) → remember the state for the buttons and the turn for follow-ups.
 */
import { InlineKeyboard } from "grammy";
import { takeTokens } from "../question/filters.js";
import type { AnswerResult } from "../types.js";
import { UserError } from "../types.js";
import type { Turn } from "./conversations.js";
import type { BotContext, BotServices } from "./context.js";
import { renderLabels, type Translate } from "./i18n.js";
import { escapeHtml, renderAnswer, splitHtml } from "./render.js";
import { sendHtml } from "./telegram.js";

/** Callback data of the answer buttons. */
export const CB = { more: "more", up: "fb:up", down: "fb:down" } as const;

export function answerKeyboard(result: AnswerResult, t: Translate, expanded = false): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (result.more.length > 0 && !expanded) kb.text(t("button-more"), CB.more);
  return kb.text("👍", CB.up).text("👎", CB.down);
}

export const answerKey = (chatId: number, messageId: number) => `${chatId}:${messageId}`;

/** Why a question cannot be asked as it is (in the reader's language), or null when it can. */
export function checkQuestion(t: Translate, question: string, maxChars: number): string | null {
  if (question.trim() === "") return t("question-empty");
  if (question.length > maxChars) return t("question-too-long", { length: question.length, max: maxChars });
  return null;
}

/** A new question as a turn: `place:`/`from:`/`to:`/`source:` tokens become filters. */
export function newTurn(question: string): Turn {
  const { question: text, filters } = takeTokens(question.trim());
  return { question: text.trim() || question.trim(), filters };
}

/**
 * The turn a message asks: a follow-up read against `previous`, or a new question. A UserError (a bad filter
 * token) is the user's to read; a follow-up that cannot be resolved otherwise is asked as it stands.
 */
export function readTurn(s: BotServices, ctx: BotContext, question: string, previous: Turn | undefined): Turn {
  if (!previous) return newTurn(question);
  let turn: Turn;
  try {
    turn = s.resolveFollowUp(previous, question.trim());
  } catch (err) {
    if (err instanceof UserError) throw err;
    ctx.logger.warn({ err }, "could not resolve the follow-up; asking the reply as it stands");
    return newTurn(question);
  }
  ctx.logger.info({ chatId: ctx.chat?.id, previous, resolved: turn }, "follow-up");
  return turn;
}

/** Runs `ask` and turns its failures into what the user should read: a UserError's own words, else a generic line. */
export async function askSafely(s: BotServices, ctx: BotContext, turn: Turn): Promise<{ result: AnswerResult } | { error: string }> {
  try {
    const filtered = Object.keys(turn.filters).length > 0;
    return { result: await (filtered ? s.ask(turn.question, { ...turn.filters }) : s.ask(turn.question)) };
  } catch (err) {
    if (err instanceof UserError) return { error: err.message };
    ctx.logger.error({ err, question: turn.question }, "ask failed");
    return { error: ctx.t("error-answering") };
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

/** The forum topic of the current message (undefined outside forum topics, and for reply threads in plain groups). */
export function topicOf(ctx: BotContext): number | undefined {
  const msg = ctx.message;
  return msg?.is_topic_message ? msg.message_thread_id : undefined;
}

/**
 * The turn a reply continues: when the current message replies to one of the bot's answers in this chat and
 * topic that is still remembered, else undefined (the message is a new question).
 */
export function previousTurn(s: BotServices, ctx: BotContext): Turn | undefined {
  const replied = ctx.message?.reply_to_message;
  if (!replied || replied.from?.id !== ctx.me.id || !ctx.chat) return undefined;
  return s.conversations.recall(ctx.chat.id, topicOf(ctx), replied.message_id);
}

/**
 * Answers `question` in the current chat; in groups as a reply to the asker, in the asker's forum topic. With
 * `previous`, the question is a follow-up and is read in that turn's context first.
 */
export async function answerInChat(
  s: BotServices,
  ctx: BotContext,
  question: string,
  opts: { replyTo?: number; previous?: Turn } = {},
): Promise<void> {
  const chatId = ctx.chat!.id;
  const threadId = topicOf(ctx);
  const send = (html: string, keyboard?: InlineKeyboard) =>
    sendHtml(ctx.api, chatId, html, ctx.logger, { replyTo: opts.replyTo, threadId, keyboard });

  const problem = checkQuestion(ctx.t, question, s.config.maxQuestionChars);
  if (problem) {
    await send(escapeHtml(problem));
    return;
  }
  let turn: Turn;
  try {
    turn = readTurn(s, ctx, question, opts.previous);
  } catch (err) {
    if (!(err instanceof UserError)) throw err;
    await send(escapeHtml(err.message)); // e.g. a filter token that is not a date
    return;
  }
  const stopTyping = keepTyping(s, ctx, threadId);
  let outcome: Awaited<ReturnType<typeof askSafely>>;
  try {
    outcome = await askSafely(s, ctx, turn);
  } finally {
    stopTyping();
  }
  if ("error" in outcome) {
    await send(escapeHtml(outcome.error));
    return;
  }
  const { result } = outcome;
  const labels = renderLabels(ctx.t, result.filters ?? {}, result.outcome, result.corrections);
  // A follow-up shows how it was read, so the asker can tell when the context carried over wrongly.
  const readAs = opts.previous && turn.question !== question.trim() ? `<i>${escapeHtml(ctx.t("answer-read-as", { question: turn.question }))}</i>\n\n` : "";
  const html = readAs + renderAnswer(result, labels);
  const sent = await send(html, answerKeyboard(result, ctx.t));
  const last = sent?.at(-1);
  if (sent && last) {
    // The buttons sit on the last part; remember its HTML so "More sources" can extend it.
    const lastPart = splitHtml(html).at(-1) ?? html;
    s.answers.set(answerKey(chatId, last.message_id), { question: turn.question, result, html: lastPart, labels, expanded: false, votes: new Map() });
    // A reply to any part of the answer continues this turn.
    s.conversations.remember(chatId, threadId, sent.map((m) => m.message_id), turn);
  }
  ctx.logger.info(
    { chatId, found: result.found, citations: result.citations.length, parts: sent?.length ?? 0, ms: result.timings.totalMs, followUp: !!opts.previous },
    "answered",
  );
}
