/** Small helpers over the Bot API: HTML sending with splitting, and recognising Telegram's errors. */
import { GrammyError, InlineKeyboard, type Api } from "grammy";
import type { Message } from "grammy/types";
import type { Logger } from "pino";
import { splitHtml } from "./render.js";

/** Options every HTML message is sent with. */
export const HTML = { parse_mode: "HTML", link_preview_options: { is_disabled: true } } as const;

/** 403: the user blocked the bot, or the bot was removed from the group. Nothing to do but log it. */
export function isForbidden(err: unknown): err is GrammyError {
  return err instanceof GrammyError && err.error_code === 403;
}

/** 400 "message is not modified": an edit that changes nothing, harmless. */
export function isNotModified(err: unknown): boolean {
  return err instanceof GrammyError && err.error_code === 400 && /message is not modified/i.test(err.description);
}

export interface SendOptions {
  /** The first part replies to this message (if it still exists). */
  replyTo?: number;
  /** Forum topic to post in. */
  threadId?: number;
  /** Attached to the last part. */
  keyboard?: InlineKeyboard;
}

/**
 * Sends HTML, split into as many ≤4096-character messages as needed. Returns the sent messages, or null when
 * the chat is closed to the bot (403), which is logged and otherwise ignored.
 */
export async function sendHtml(api: Api, chatId: number, html: string, logger: Logger, opts: SendOptions = {}): Promise<Message.TextMessage[] | null> {
  const parts = splitHtml(html);
  const sent: Message.TextMessage[] = [];
  try {
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      sent.push(
        await api.sendMessage(chatId, part, {
          ...HTML,
          ...(opts.threadId !== undefined ? { message_thread_id: opts.threadId } : {}),
          ...(i === 0 && opts.replyTo !== undefined ? { reply_parameters: { message_id: opts.replyTo, allow_sending_without_reply: true } } : {}),
          ...(last && opts.keyboard ? { reply_markup: opts.keyboard } : {}),
        }),
      );
    }
  } catch (err) {
    if (isForbidden(err)) {
      logger.warn({ chatId, description: err.description }, "cannot send: the bot was blocked or removed from the chat");
      return null;
    }
    throw err;
  }
  return sent;
}

/** Edits a message's HTML, ignoring "message is not modified"; returns false on 403. */
export async function editHtml(api: Api, chatId: number, messageId: number, html: string, logger: Logger, keyboard?: InlineKeyboard): Promise<boolean> {
  try {
    await api.editMessageText(chatId, messageId, html, { ...HTML, ...(keyboard ? { reply_markup: keyboard } : {}) });
    return true;
  } catch (err) {
    if (isNotModified(err)) return true;
    if (isForbidden(err)) {
      logger.warn({ chatId, description: err.description }, "cannot edit: the bot was blocked or removed from the chat");
      return false;
    }
    throw err;
  }
}

/** Replies with HTML in the current chat: in groups as a reply to the message, always in its forum topic. */
export function replyHtml(
  ctx: { api: Api; chat?: { id: number; type: string }; message?: Message; logger: Logger },
  html: string,
  keyboard?: InlineKeyboard,
): Promise<Message.TextMessage[] | null> {
  const msg = ctx.message;
  return sendHtml(ctx.api, ctx.chat!.id, html, ctx.logger, {
    replyTo: ctx.chat!.type === "private" ? undefined : msg?.message_id,
    threadId: msg?.is_topic_message ? msg.message_thread_id : undefined,
    keyboard,
  });
}
