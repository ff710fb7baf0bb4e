/**
 * Inline mode (`@bot question` in any chat): the answer plus its top sources as article results. An empty
 * query gets a hint. Results are cached briefly by Telegram (`inlineCacheSeconds`).
 */
import { Composer } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import { askSafely, checkQuestion, newTurn } from "../answering.js";
import { UserError } from "../../types.js";
import type { Turn } from "../conversations.js";
import type { BotContext, BotServices } from "../context.js";
import { renderLabels } from "../i18n.js";
import { escapeHtml, renderAnswer, renderSourceLine, safeUrl, splitHtml, truncate } from "../render.js";
import { exampleQuestions } from "./start.js";

/** How many source results follow the answer. */
const MAX_SOURCE_RESULTS = 5;

function article(id: string, title: string, description: string, html: string, url?: string | null): InlineQueryResultArticle {
  return {
    type: "article",
    id,
    title: truncate(title, 120) || "…",
    description: truncate(description, 250),
    input_message_content: { message_text: html, parse_mode: "HTML", link_preview_options: { is_disabled: true } },
    ...(safeUrl(url) ? { url: safeUrl(url)! } : {}),
  };
}

/** A one-result answer that carries a message (hint, error, rate limit). */
export function noticeResult(id: string, title: string, text: string): InlineQueryResultArticle {
  return article(id, title, text, escapeHtml(text));
}

export function inlineFeature(s: BotServices): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("inline_query", async (ctx) => {
    const query = ctx.inlineQuery.query.trim();
    const cache = { cache_time: s.options.inlineCacheSeconds };
    if (query === "") {
      let places: string[] = [];
      try {
        places = s.library.stats().places;
      } catch {
        // stats are a nicety here
      }
      const example = exampleQuestions(ctx.t, places)[0]!;
      await ctx.answerInlineQuery([noticeResult("hint", ctx.t("inline-hint-title"), ctx.t("inline-hint-text", { example }))], cache);
      return;
    }
    const problem = checkQuestion(ctx.t, query, s.config.maxQuestionChars);
    if (problem) {
      await ctx.answerInlineQuery([noticeResult("problem", ctx.t("inline-problem-title"), problem)], { cache_time: 0 });
      return;
    }
    let turn: Turn;
    try {
      turn = newTurn(query);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      await ctx.answerInlineQuery([noticeResult("problem", ctx.t("inline-problem-title"), err.message)], { cache_time: 0 });
      return;
    }
    const outcome = await askSafely(s, ctx, turn);
    if ("error" in outcome) {
      await ctx.answerInlineQuery([noticeResult("error", ctx.t("inline-error-title"), outcome.error)], { cache_time: 0 });
      return;
    }
    const { result } = outcome;
    const labels = renderLabels(ctx.t, result.filters ?? {}, result.outcome, result.corrections);
    const answerHtml = splitHtml(renderAnswer(result, labels))[0] ?? escapeHtml(result.answer);
    const results: InlineQueryResultArticle[] = [
      article(
        "answer",
        result.found ? ctx.t("inline-answer-title", { question: query }) : ctx.t("inline-not-found-title"),
        result.found ? result.answer.replace(/\[\d+\]/g, "") : ctx.t("inline-not-found-description"),
        answerHtml,
      ),
    ];
    const sources = [...result.citations, ...result.more].slice(0, MAX_SOURCE_RESULTS);
    for (const c of sources) {
      const facts = [c.source, c.date].filter(Boolean).join(", ");
      results.push(
        article(
          `src-${c.n}-${c.articleId}`.slice(0, 64),
          `[${c.n}] ${c.title || labels.untitled}`,
          `${facts ? `${facts} — ` : ""}${c.passage}`,
          `${renderSourceLine(c, labels)}\n<i>${escapeHtml(truncate(c.passage, 600))}</i>`,
          c.url,
        ),
      );
    }
    await ctx.answerInlineQuery(results, cache);
    ctx.logger.info({ found: result.found, results: results.length }, "inline answer");
  });
  return composer;
}
