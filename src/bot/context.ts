/**
 * The bot's dependencies, options and context type. Everything a feature needs arrives through `BotServices`,
 * built once in `createBot`; features never reach for globals.
 */
import type { I18n, I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { FeedbackEntry } from "../library/feedback.js";
import type { FeedService } from "../library/feeds/index.js";
import type { AnswerResult, AskFn, LibraryApi } from "../types.js";
import type { ConversationMemory, Turn } from "./conversations.js";
import type { LruCache } from "./lru.js";
import type { RenderLabels } from "./render.js";
import type { BotStateStore } from "./state-store.js";

export type { FeedbackEntry };

/** Where feedback goes: in memory by default; `npm start` gives the SQLite store of src/library/feedback.ts. */
export interface FeedbackStore {
  record(entry: FeedbackEntry): void;
}

/** Keeps the latest `capacity` entries (default 10 000) in memory: for tests, and until a persistent store is wired. */
export class MemoryFeedbackStore implements FeedbackStore {
  readonly entries: FeedbackEntry[] = [];
  constructor(private readonly capacity = 10_000) {}
  record(entry: FeedbackEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }
}

/** Tuning knobs with their defaults; production never needs to change them, tests make them fast. */
export interface BotOptions {
  /** Minimum time between two edits of the /reindex progress message. Default 2000 ms (Telegram rate-limits edits). */
  progressEditIntervalMs: number;
  /** How many answered messages keep their state for "More sources" and feedback. Default 1000. */
  answerCacheSize: number;
  /** Articles per /list page. Default 10. */
  listPageSize: number;
  /** Time limit for downloading an uploaded document from Telegram. Default 30 000 ms. */
  downloadTimeoutMs: number;
  /** Reference time (ms) for skipping the backlog: messages older than this minus `config.bot.skipBacklogMinutes` are ignored. Default: when `createBot` runs. */
  startedAt: number;
  /** auto-retry: retries per API call and the longest `retry_after` honoured. Defaults 3 and 60 s. */
  maxRetryAttempts: number;
  maxRetryDelaySeconds: number;
  /** cache_time of inline answers. Default 10 s. */
  inlineCacheSeconds: number;
  /** How often "typing…" is re-sent while an answer is being composed. Default 4500 ms (Telegram shows it ~5 s). */
  typingRepeatMs: number;
  /** Answers remembered for follow-ups per chat or forum topic. Default 50. */
  followUpTurnsPerChat: number;
  /** Chats and topics whose follow-up context is kept. Default 10 000. */
  followUpChats: number;
  /** The clock follow-up ages are measured with. Default Date.now. */
  now: () => number;
}

export function withDefaults(options: Partial<BotOptions> = {}): BotOptions {
  return {
    progressEditIntervalMs: 2000,
    answerCacheSize: 1000,
    listPageSize: 10,
    downloadTimeoutMs: 30_000,
    startedAt: Date.now(),
    maxRetryAttempts: 3,
    maxRetryDelaySeconds: 60,
    inlineCacheSeconds: 10,
    typingRepeatMs: 4500,
    followUpTurnsPerChat: 50,
    followUpChats: 10_000,
    now: Date.now,
    ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)),
  };
}

/** What `createBot` is given. */
export interface BotDeps {
  config: Config;
  ask: AskFn;
  library: LibraryApi;
  logger: Logger;
  feedback?: FeedbackStore;
  /**
   * Access list, requests, languages and group settings. runBot opens `bot.db` in the index folder when this is
   * not given; createBot alone falls back to an in-memory store (tests).
   */
  state?: BotStateStore;
  /** Reads a reply to an answer in the context of the question it answered (default: src/answer/followup.ts). */
  resolveFollowUp?: FollowUpResolver;
  /** Watched feeds (/feeds); runBot runs their schedule and sends the digests. None: /feeds says it is off. */
  feeds?: FeedService;
  options?: Partial<BotOptions>;
}

/** `resolveFollowUp` of src/answer/followup.ts. */
export type FollowUpResolver = (previous: Turn, reply: string) => Turn;

/** Per-message state behind the "More sources" and 👍/👎 buttons. */
export interface AnswerState {
  question: string;
  result: AnswerResult;
  /** The HTML of the message carrying the buttons (the last part of a split answer). */
  html: string;
  /** The labels the message was written with, so "More sources" extends it in the same language. */
  labels: RenderLabels;
  expanded: boolean;
  votes: Map<number, "up" | "down">;
}

/** Everything features share: dependencies with defaults filled in, plus the bot's in-memory state. */
export interface BotServices {
  config: Config;
  ask: AskFn;
  library: LibraryApi;
  logger: Logger;
  feedback: FeedbackStore;
  options: BotOptions;
  token: string;
  /** Same root as the bot's API client, without a trailing slash; used for file downloads. */
  apiRoot: string;
  /** Keyed by `${chatId}:${messageId}`. */
  answers: LruCache<string, AnswerState>;
  reindex: { running: { startedAt: number; byUserId: number } | null };
  state: BotStateStore;
  i18n: I18n<BotContext>;
  conversations: ConversationMemory;
  resolveFollowUp: FollowUpResolver;
  feeds: FeedService | null;
}

export interface LoggerFlavor {
  /** A child of the bot's logger carrying the update id. */
  logger: Logger;
}

export type BotContext = Context & LoggerFlavor & I18nFlavor;
