/** Puts a child logger carrying the update id on the context, and logs how long each update took. */
import type { NextFunction } from "grammy";
import type { Logger } from "pino";
import type { BotContext } from "../context.js";

export function attachLogger(logger: Logger) {
  return async (ctx: BotContext, next: NextFunction) => {
    ctx.logger = logger.child({ update_id: ctx.update.update_id });
    const started = performance.now();
    try {
      await next();
    } finally {
      ctx.logger.debug({ ms: Math.round(performance.now() - started), chatId: ctx.chat?.id, userId: ctx.from?.id }, "update handled");
    }
  };
}
