/**
 * What a reply to one of the bot's answers is read against: the question (and filters) each answer answered,
 * kept per chat and per forum topic, keyed by the answer's message id. Kept in the bot's state store (`bot.db`
 * beside the index, ":memory:" in tests), so a restart keeps the context of recent answers.
 *
 * Bounded three ways: at most `perConversation` answers per chat/topic (the oldest are forgotten first), at most
 * `maxConversations` chats/topics (the least recently used are forgotten), and nothing older than `maxAgeMs`.
 * A lookup names the chat, the topic and the message, so one chat's context is never read in another.
 */
import type { Turn } from "../question/followup.js";
import { BotStateStore } from "./state-store.js";

export type { Turn };

export interface ConversationOptions {
  /** Answers remembered per chat or topic. Default 50. */
  perConversation: number;
  /** Chats and topics remembered. Default 10 000. */
  maxConversations: number;
  /** How long an answer can be replied to as a follow-up. Default 2 hours. */
  maxAgeMs: number;
  now: () => number;
}

/** `${chatId}` or `${chatId}/${threadId}` for a forum topic. */
export const conversationKey = (chatId: number, threadId?: number) => (threadId === undefined ? String(chatId) : `${chatId}/${threadId}`);

export class ConversationMemory {
  private readonly options: ConversationOptions;

  /** `store`: where the context lives (the bot's state store; default a private in-memory one). */
  constructor(
    options: Partial<ConversationOptions> = {},
    private readonly store: BotStateStore = new BotStateStore(":memory:"),
  ) {
    this.options = { perConversation: 50, maxConversations: 10_000, maxAgeMs: 2 * 60 * 60 * 1000, now: Date.now, ...options };
  }

  /** Remembers that the bot's messages `messageIds` (the parts of one answer) answered `turn`. */
  remember(chatId: number, threadId: number | undefined, messageIds: number[], turn: Turn): void {
    const now = this.options.now();
    this.store.rememberTurn(conversationKey(chatId, threadId), messageIds, turn, now, {
      perConversation: this.options.perConversation,
      maxConversations: this.options.maxConversations,
      oldest: now - this.options.maxAgeMs,
    });
  }

  /** The turn the bot's message `messageId` in this chat/topic answered, or undefined (unknown, forgotten or too old). */
  recall(chatId: number, threadId: number | undefined, messageId: number): Turn | undefined {
    const key = conversationKey(chatId, threadId);
    const entry = this.store.recallTurn(key, messageId);
    if (!entry) return undefined;
    if (this.options.now() - entry.at > this.options.maxAgeMs) {
      this.store.forgetTurn(key, messageId);
      return undefined;
    }
    return { question: entry.question, filters: entry.filters };
  }

  /** /new: forgets everything remembered in this chat/topic. Returns how many answers were forgotten. */
  forget(chatId: number, threadId?: number): number {
    return this.store.forgetConversation(conversationKey(chatId, threadId));
  }

  /** Number of chats/topics remembered (for tests and logs). */
  get size(): number {
    return this.store.conversationCount();
  }
}
