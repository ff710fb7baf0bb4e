/** The command menu: user commands for everyone, user + admin commands in each admin's private chat. */
import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Logger } from "pino";
import type { Config } from "../config.js";

export const USER_COMMANDS: BotCommand[] = [
  { command: "ask", description: "Ask a question (in groups: /ask your question)" },
  { command: "help", description: "What I know and how to ask" },
  { command: "start", description: "Introduction" },
];

export const ADMIN_COMMANDS: BotCommand[] = [
  { command: "add", description: "Add a report by URL: /add https://…" },
  { command: "remove", description: "Remove a report: /remove <id or url>" },
  { command: "list", description: "List the reports" },
  { command: "reindex", description: "Rebuild the index" },
  { command: "stats", description: "Index statistics" },
];

/**
 * Publishes the command menus. Called once at start (not by createBot). An admin who never opened a chat with
 * the bot makes Telegram answer "chat not found": that is logged and the other admins still get their menu.
 */
export async function setupCommands(bot: { api: Api }, config: Config, logger?: Logger): Promise<void> {
  await bot.api.setMyCommands(USER_COMMANDS, { scope: { type: "default" } });
  for (const adminId of config.bot.adminIds) {
    try {
      await bot.api.setMyCommands([...USER_COMMANDS, ...ADMIN_COMMANDS], { scope: { type: "chat", chat_id: adminId } });
    } catch (err) {
      logger?.warn({ err, adminId }, "could not set the admin command menu");
    }
  }
}
