/**
 * The command menu: user commands for everyone, user + admin commands in each admin's private chat, each in
 * English (default) and Vietnamese (for users whose Telegram language is Vietnamese).
 */
import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { translations, translatorFor, type Translate } from "./i18n.js";
import { LANGUAGES } from "./state-store.js";

export const USER_COMMAND_NAMES = ["ask", "help", "start", "new", "language", "settings", "request"] as const;
export const ADMIN_COMMAND_NAMES = ["add", "remove", "list", "reindex", "stats", "allow", "deny", "requests", "feeds"] as const;

/** The commands of one menu with their descriptions in one language. */
export function commandsFor(t: Translate, which: "user" | "admin"): BotCommand[] {
  const names = which === "user" ? USER_COMMAND_NAMES : ADMIN_COMMAND_NAMES;
  return names.map((command) => ({ command, description: t(`cmd-${command}`) }));
}

/**
 * Publishes the command menus. Called once at start (not by createBot). An admin who never opened a chat with
 * the bot makes Telegram answer "chat not found": that is logged and the other admins still get their menu.
 */
export async function setupCommands(
  bot: { api: Api },
  config: Config,
  logger?: Logger,
): Promise<void> {
  for (const language of LANGUAGES) {
    const t = translatorFor(translations(), language);
    // The default menu (no language_code) is English; Telegram shows the "vi" one to Vietnamese users.
    const lang = language === "en" ? {} : { language_code: language };
    await bot.api.setMyCommands(commandsFor(t, "user"), { scope: { type: "default" }, ...lang });
    for (const adminId of config.bot.adminIds) {
      try {
        await bot.api.setMyCommands([...commandsFor(t, "user"), ...commandsFor(t, "admin")], { scope: { type: "chat", chat_id: adminId }, ...lang });
      } catch (err) {
        logger?.warn({ err, adminId, language }, "could not set the admin command menu");
      }
    }
  }
}
