/** Deciding whether a group message is a question for the bot, and extracting the question. */
import type { Message, UserFromGetMe } from "grammy/types";

/**
 * The question a group message asks the bot, or null when the message is not for the bot.
 * `/ask q` and `/ask@bot q` → "q" ("" when empty, so the caller can show usage); a message mentioning `@bot`
 * → the text without the mention; a reply to one of the bot's messages → the text. Other commands → null.
 */
export function groupQuestion(msg: Message, bot: UserFromGetMe): string | null {
  const text = msg.text ?? "";
  const entities = msg.entities ?? [];
  const me = bot.username.toLowerCase();

  const command = entities.find((e) => e.type === "bot_command" && e.offset === 0);
  if (command) {
    const [name, target] = text.slice(1, command.length).toLowerCase().split("@");
    if (target !== undefined && target !== me) return null; // for another bot
    if (name === "ask") return text.slice(command.length).trim();
    return null; // another command: not a question (handled by its own feature, or ignored)
  }

  const mentions = entities.filter((e) => e.type === "mention" && text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === me);
  if (mentions.length > 0) {
    let question = text;
    for (const e of [...mentions].sort((a, b) => b.offset - a.offset)) {
      question = question.slice(0, e.offset) + question.slice(e.offset + e.length);
    }
    return question.replace(/\s+/g, " ").replace(/^[\s,:;-]+/, "").trim();
  }

  if (msg.reply_to_message?.from?.id === bot.id) return text.trim();
  return null;
}

/** A message that reads as a question on its own: ends with "?" (or the full-width "？"), and is not a command. */
export function isPlainQuestion(msg: Message): boolean {
  const text = (msg.text ?? "").trim();
  if (!/[?？]$/.test(text) || text.replace(/[?？\s]/g, "") === "") return false;
  return !(msg.entities ?? []).some((e) => e.type === "bot_command" && e.offset === 0);
}

/**
 * The question a group message asks, given the group's mode: what `groupQuestion` finds, or, in "questions"
 * mode, any message ending with "?". Null when the message is not for the bot.
 */
export function groupQuestionInMode(msg: Message, bot: UserFromGetMe, mode: "addressed" | "questions"): string | null {
  const addressed = groupQuestion(msg, bot);
  if (addressed !== null) return addressed;
  if (mode === "questions" && isPlainQuestion(msg)) return (msg.text ?? "").trim();
  return null;
}
