/**
 * Per-user rate limit on questions: `perMinute` in any 60-second window that starts with the user's first
 * question. Built on @grammyjs/ratelimiter with an in-memory store that expires each user's counter on its own
 * (the library's default store clears every user at once and cannot say how long to wait).
 */
import { limit } from "@grammyjs/ratelimiter";
import type { NextFunction } from "grammy";
import type { BotContext } from "../context.js";

/** A Redis-like counter store (`incr`, `pexpire`) held in memory, which also answers "how long until reset". */
export class ExpiringCounterStore {
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async incr(key: string): Promise<number> {
    const t = this.now();
    const entry = this.counters.get(key);
    if (!entry || entry.expiresAt <= t) {
      this.counters.set(key, { count: 1, expiresAt: Number.POSITIVE_INFINITY });
      this.sweep(t);
      return 1;
    }
    entry.count++;
    return entry.count;
  }

  async pexpire(key: string, ms: number): Promise<number> {
    const entry = this.counters.get(key);
    if (!entry) return 0;
    entry.expiresAt = this.now() + ms;
    return 1;
  }

  /** Milliseconds until the key's window ends (0 when there is none). */
  ttlMs(key: string): number {
    const entry = this.counters.get(key);
    return entry ? Math.max(0, entry.expiresAt - this.now()) : 0;
  }

  private sweep(t: number): void {
    if (this.counters.size < 10_000) return;
    for (const [k, v] of this.counters) if (v.expiresAt <= t) this.counters.delete(k);
  }
}

export interface RateLimitOptions {
  perMinute: number;
  /** Whether this update is a question that counts (button presses, ignored chatter and admins do not). */
  counts: (ctx: BotContext) => boolean;
  /** Tells the user to wait `seconds`. */
  onLimited: (ctx: BotContext, seconds: number) => Promise<unknown>;
  store?: ExpiringCounterStore;
}

const PREFIX = "questions:";

export function rateLimit(options: RateLimitOptions) {
  const store = options.store ?? new ExpiringCounterStore();
  return limit<BotContext, ExpiringCounterStore>({
    timeFrame: 60_000,
    limit: options.perMinute,
    storageClient: store,
    keyPrefix: PREFIX,
    // The limited update is dropped; the user hears about it once per window.
    alwaysReply: false,
    keyGenerator: (ctx) => (ctx.from && options.counts(ctx) ? String(ctx.from.id) : undefined),
    onLimitExceeded: async (ctx: BotContext, _next: NextFunction) => {
      const seconds = Math.max(1, Math.ceil(store.ttlMs(PREFIX + String(ctx.from?.id)) / 1000));
      ctx.logger.info({ userId: ctx.from?.id, seconds }, "rate limited");
      try {
        await options.onLimited(ctx, seconds);
      } catch (err) {
        ctx.logger.warn({ err }, "could not tell the user about the rate limit");
      }
    },
  });
}
