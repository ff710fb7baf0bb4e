/**
 * Ignores messages that were waiting before the bot started: anything dated earlier than
 * `startedAt − minutes` is dropped, so a bot coming back after a long outage does not answer stale questions.
 * Button presses and inline queries carry no send date of their own and always pass.
 */
import type { NextFunction } from "grammy";
import type { BotContext } from "../context.js";

export function skipBacklog(startedAtMs: number, minutes: number) {
  const cutoff = Math.floor(startedAtMs / 1000) - minutes * 60;
  return async (ctx: BotContext, next: NextFunction) => {
    const u = ctx.update;
    const date = (u.message ?? u.edited_message ?? u.channel_post ?? u.edited_channel_post)?.date;
    if (date !== undefined && date < cutoff) {
      ctx.logger.info({ update_id: u.update_id, ageSeconds: Math.floor(startedAtMs / 1000) - date }, "skipped backlog update");
      return;
    }
    await next();
  };
}
