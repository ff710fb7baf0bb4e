/**
 * What a reply to one of the bot's answers is read against: the question (and filters) each answer answered,
 * kept per chat and per forum topic, keyed by the answer's message id.
 *
 * Bounded three ways: at most `perConversation` answers per chat/topic (the oldest are forgotten first), at most
 * `maxConversations` chats/topics (the least recently used are forgotten), and nothing older than `maxAgeMs`.
 * A lookup names the chat, the topic and the message, so one chat's context is never read in another.
 */
import type { Turn } from "../question/followup.js";

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

interface Entry {
  turn: Turn;
  at: number;
}

/** `${chatId}` or `${chatId}/${threadId}` for a forum topic. */
export const conversationKey = (chatId: number, threadId?: number) => (threadId === undefined ? String(chatId) : `${chatId}/${threadId}`);

export class ConversationMemory {
  private readonly options: ConversationOptions;
  /** conversation key → (answer message id → entry), both in least-recently-used-first order. */
  private readonly conversations = new Map<string, Map<number, Entry>>();

  constructor(options: Partial<ConversationOptions> = {}) {
    this.options = { perConversation: 50, maxConversations: 10_000, maxAgeMs: 2 * 60 * 60 * 1000, now: Date.now, ...options };
  }

  /** Remembers that the bot's messages `messageIds` (the parts of one answer) answered `turn`. */
  remember(chatId: number, threadId: number | undefined, messageIds: number[], turn: Turn): void {
    const key = conversationKey(chatId, threadId);
    const conversation = this.conversations.get(key) ?? new Map<number, Entry>();
    this.conversations.delete(key);
    this.conversations.set(key, conversation);
    const entry: Entry = { turn: { question: turn.question, filters: { ...turn.filters } }, at: this.options.now() };
    for (const id of messageIds) {
      conversation.delete(id);
      conversation.set(id, entry);
    }
    while (conversation.size > this.options.perConversation) conversation.delete(conversation.keys().next().value as number);
    while (this.conversations.size > this.options.maxConversations) this.conversations.delete(this.conversations.keys().next().value as string);
  }

  /** The turn the bot's message `messageId` in this chat/topic answered, or undefined (unknown, forgotten or too old). */
  recall(chatId: number, threadId: number | undefined, messageId: number): Turn | undefined {
    const conversation = this.conversations.get(conversationKey(chatId, threadId));
    const entry = conversation?.get(messageId);
    if (!conversation || !entry) return undefined;
    if (this.options.now() - entry.at > this.options.maxAgeMs) {
      conversation.delete(messageId);
      return undefined;
    }
    return { question: entry.turn.question, filters: { ...entry.turn.filters } };
  }

  /** /new: forgets everything remembered in this chat/topic. Returns how many answers were forgotten. */
  forget(chatId: number, threadId?: number): number {
    const key = conversationKey(chatId, threadId);
    const ids = new Set([...(this.conversations.get(key)?.values() ?? [])]).size;
    this.conversations.delete(key);
    return ids;
  }

  /** Number of chats/topics remembered (for tests and logs). */
  get size(): number {
    return this.conversations.size;
  }
}
