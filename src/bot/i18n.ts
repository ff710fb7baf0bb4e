/**
 * The interface language, with grammY's i18n plugin (Fluent files in ./locales). Which language a message is
 * written in, first match wins:
 *   1. in a group whose admins chose a language with /settings: that language;
 *   2. the language the user chose with /language;
 *   3. the user's Telegram language (language_code "vi", "vi-VN" → Vietnamese, "en…" → English);
 *   4. DEFAULT_LANGUAGE (default English).
 * The answers themselves are the answering core's extractive English sentences; only the bot's framing
 * ("Sources", "More sources", "The reports I have don't say…", buttons, help, errors) is translated.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { I18n } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { AnswerOutcome, AnswerResult, AskedFrame, AskFilters, NearMiss } from "../types.js";
import { correctionList } from "../answer/render-text.js";
import { escapeHtml, type RenderLabels } from "./render.js";
import type { BotStateStore, Language } from "./state-store.js";
import { isLanguage } from "./state-store.js";

export const LOCALES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "locales");

/** A translate function bound to one language (`ctx.t`, or `i18n.t` with a fixed locale). */
export type Translate = (key: string, variables?: Record<string, string | number>) => string;

/** The Telegram language_code as one of ours, or null when we have no translation for it. */
export function languageOf(code: string | undefined): Language | null {
  const base = code?.toLowerCase().split(/[-_]/)[0];
  return isLanguage(base) ? base : null;
}

/** Decides the language of the current update (see the module comment). */
export function negotiateLanguage(ctx: Context, state: BotStateStore, fallback: Language): Language {
  const chat = ctx.chat;
  if (chat && (chat.type === "group" || chat.type === "supergroup")) {
    const chosen = state.groupSettings(chat.id).language;
    if (chosen) return chosen;
  }
  const from = ctx.from;
  if (from) return state.userLanguage(from.id) ?? languageOf(from.language_code) ?? fallback;
  return fallback;
}

export function createI18n<C extends Context>(state: BotStateStore, fallback: Language): I18n<C> {
  return new I18n<C>({
    defaultLocale: "en",
    directory: LOCALES_DIR,
    // No Unicode isolation marks around variables: they would end up inside /commands, ids and URLs.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => negotiateLanguage(ctx, state, fallback),
  });
}

let shared: I18n | null = null;

/** The translations without a bot (command menus, tests): `translations().t("vi", "answer-sources")`. */
export function translations(): I18n {
  shared ??= new I18n({ defaultLocale: "en", directory: LOCALES_DIR, fluentBundleOptions: { useIsolating: false } });
  return shared;
}

/** A translate function for a fixed language, for messages sent outside an update of that user (notices). */
export function translatorFor(i18n: { t(locale: string, key: string, variables?: Record<string, string | number>): string }, language: Language): Translate {
  return (key, variables) => i18n.t(language, key, variables);
}

/** The framing of an answer in the reader's language, with the filter line when the answer was narrowed. */
export function renderLabels(t: Translate, filters: AskFilters = {}, outcome?: AnswerOutcome, corrections: AnswerResult["corrections"] = []): RenderLabels {
  const filter = describeFilters(t, filters);
  return {
    correctionLine: corrections?.length ? t("answer-spelling", { corrections: escapeHtml(correctionList(corrections)) }) : null,
    lead: outcome ? outcomeLead(t, outcome) : null,
    sources: t("answer-sources"),
    closest: t("answer-closest"),
    notFound: t("answer-not-found"),
    moreSources: t("answer-more-sources"),
    noFurther: t("answer-no-further"),
    untitled: t("answer-untitled"),
    noAnswerText: t("answer-no-text"),
    filterLine: filter ? t("answer-filter", { filter }) : null,
  };
}

/** "place Ha Nam province, 2023-01-01 to 2023-12-31" (HTML-escaped), or "" when no filter applies. */
export function describeFilters(t: Translate, f: AskFilters): string {
  const parts: string[] = [];
  if (f.place) parts.push(t("filter-place", { place: escapeHtml(f.place) }));
  if (f.from && f.to) parts.push(t("filter-dates", { from: escapeHtml(f.from), to: escapeHtml(f.to) }));
  else if (f.from) parts.push(t("filter-from", { from: escapeHtml(f.from) }));
  else if (f.to) parts.push(t("filter-to", { to: escapeHtml(f.to) }));
  if (f.source) parts.push(t("filter-source", { source: escapeHtml(f.source) }));
  return parts.join(", ");
}

/**
 * The sentence that opens an answer that is not one, in the reader's language (plain text): a near miss says
 * what was asked and what the reports give instead; a decline says why. An answer to a fact-checker's claim opens
 * with the verdict on the claimed figure; any other answer has none (null).
 * The CLI words its text output with the same function and the English translations.
 */
export function outcomeLead(t: Translate, outcome: AnswerOutcome): string | null {
  switch (outcome.kind) {
    case "answered":
      // A claim checked: "No — the reports give 1,251 [1], not about six hundred."
      return outcome.check ? t(`answer-check-${outcome.check.verdict}`, { given: outcome.check.given, claimed: outcome.check.claimed, n: outcome.check.citation }) : null;
    case "no_matching_reports":
      return t("answer-no-matching-reports", { filter: describeFilters(t, outcome.filters) });
    case "declined":
      if (outcome.reason.kind === "place_not_held") return t("answer-place-not-held", { place: outcome.reason.place });
      return outcome.filtered ? `${t("answer-not-found")} ${t("answer-only-filtered")}` : t("answer-not-found");
    case "near_miss":
      return t("answer-near-miss", { asked: askedPhrase(t, outcome.asked), given: givenPhrase(t, outcome) });
  }
}

function metricName(t: Translate, frame: Pick<AskedFrame, "metric">): string {
  return frame.metric ? t(`metric-${frame.metric.replace(/_/g, "-")}`) : t("near-figure");
}

function framed(t: Translate, what: string, place: string | null, period: AskedFrame["period"]): string {
  let phrase = what;
  if (place) phrase = t("near-for-place", { what: phrase, place: titleCase(place) });
  if (period) {
    const years = period.from === period.to ? String(period.from) : `${period.from}–${period.to}`;
    phrase = period.part
      ? t("near-in-part", { what: phrase, period: t(`near-part-${period.part.toLowerCase()}`, { year: years }) })
      : t("near-in-period", { what: phrase, period: years });
  }
  return phrase;
}

function askedPhrase(t: Translate, asked: AskedFrame): string {
  if (asked.wanted === "date") return framed(t, t("near-date"), asked.place, asked.period);
  const metric = metricName(t, asked);
  return framed(t, asked.wanted === "target" ? t("near-target", { what: metric }) : t("near-result", { what: metric }), asked.place, asked.period);
}

function givenPhrase(t: Translate, near: NearMiss): string {
  const phrases = near.given.map((g) => {
    if (near.asked.wanted === "date") return framed(t, t(g.modality === "target" ? "near-planned-date" : "near-date"), null, g.period);
    const metric = metricName(t, near.asked);
    const what = g.modality === "target" ? t("near-target", { what: metric }) : t("near-result", { what: metric });
    return framed(t, what, near.differs.includes("place") ? g.place : null, near.differs.includes("period") || near.differs.includes("modality") ? g.period : null);
  });
  return [...new Set(phrases)].join("; ");
}

function titleCase(name: string): string {
  return name.replace(/(^|\s)(\p{Ll})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}
