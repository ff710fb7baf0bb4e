import { NUMBER_WORD, numberWordsValue, SCALE_VALUES } from "../text/numbers.js";
import { MONTH_PATTERN } from "../text/years.js";

/**
 * A guess the asker adds beside the question ("what day did it close? Was it in July?", "…, was it something like
 * five hundred-odd party members? how many exactly?", "Is that right, and what is the exact number?"): a yes-or-no clause
 * next to a question word. Its words are no words to find the answer by, and its dates no filter on the reports (the
 * answer may say otherwise).
 */
const GUESS = /(?:^|[?.!,;:–—-]\s*)((?:was|is|were|are|did) (?:it|that|there|they)\b(?:(?!,?\s+and\s+(?:what|which|when|who|whom|where|how)\b)[^?.!;])*)/gi;
const QUESTION_WORD = /\b(what|which|when|who|whom|where|how many|how much|how long)\b/i;

export interface Guess {
  at: number;
  text: string;
  /** A day of a month a fact-checker claims ("before June 15"), not a figure. */
  day?: boolean;
}

/**
 * An amount the asker hedges ("more than two thousand documents … what is the exact number?", "around 500 members"):
 * the figure asked for, roughly; its number words are no words to find.
 */
const HEDGED_AMOUNT = /\b(?:more than|over|nearly|almost|about|around|roughly|some|at least|upwards of|close to)\s+((?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|couple|few|half|quarter|\d[\d,.]*)(?:[\s-]+|$)(?:and\s+(?:an?\s+)?)?)+)/gi;
const AMOUNT_ASKED = /\b(how many|how much|(?:what (?:is|was|are|were)|what['’]s|whats) the (?:exact |precise |real |actual )?(?:number|figure|total|count|amount))\b/i;

/** The guesses a question holds, where they start and their text (its claimed amounts among them); none when the guess is the whole question. */
export function guesses(question: string): Guess[] {
  return [...claimedAmounts(question), ...guessClauses(question)];
}

/** The yes-or-no clauses that guess beside a question word ("Was it in July?"). */
export function guessClauses(question: string): Guess[] {
  const found: Guess[] = [];
  for (const m of question.matchAll(GUESS)) {
    const text = m[1]!;
    const at = m.index! + m[0].length - text.length;
    const rest = question.slice(0, at) + question.slice(at + text.length);
    if (QUESTION_WORD.test(rest) && !QUESTION_WORD.test(text)) found.push({ at, text });
  }
  return found;
}

/**
 * A fact-checker's question: "Is it correct that …", "am I right that …", "can you confirm that …", "headline says …",
 * and hearsay to check: "Someone at our Party cell meeting said … . Is that right?".
 */
const FACT_CHECK = /^\s*(?:(?:is|was|isn['’]t|wasn['’]t) it (?:true|correct|right|accurate|the case)(?: to say)? that|am i (?:right|correct) (?:that|in thinking that|to say that)|(?:can you |could you |please )?(?:confirm|verify|check) (?:that|whether|if)|(?:the |our |my |a )?(?:headline|copy|draft|story|caption|report|article)s? (?:says|reads|claims|said)\b|(?:someone|somebody|a (?:friend|colleague|neighbou?r|comrade|reader|listener|caller)|my [a-z]+|people|they|(?:i|we) (?:heard|read))\b[^.?!]{0,80}?\b(?:said|says|told (?:me|us)|claimed|claims|mentioned|reckons?|heard|read)(?: that)?\b(?=[^?]*[.?!]\s*(?:is|was|are|were) (?:that|this|it) (?:right|correct|true|accurate)\b))/i;

export function isFactCheck(question: string): boolean {
  return FACT_CHECK.test(question);
}

/** The words opening a fact-checker's claim ("our copy says"), which say nothing of what is asked; null if none. */
export function factCheckOpening(question: string): string | null {
  return FACT_CHECK.exec(question)?.[0] ?? null;
}

/** A figure as a claim states it: "1,300", "90%", "about six hundred", "a dozen" (not a year, an ordinal or a document's number). */
const FIGURE_STATED = new RegExp(`(?<![\\p{L}\\d])(\\d[\\d,.]*(?![\\d\\p{L}/-])(?:\\s*(?:%|percent))?|(?:a\\s+(?:hundred|thousand|million|billion|dozen|third|quarter|half)|(?:${NUMBER_WORD}))(?:[\\s-]+(?:and\\s+)?(?:${NUMBER_WORD}))*)(?![\\p{L}])`, "giu");

const CLAIMED_DAY = new RegExp(`\\b(?:(?:before|by|until|after|on)\\s+)?(?:(?:${MONTH_PATTERN})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH_PATTERN}))\\b`, "gi");
const MONTH_BEFORE = new RegExp(`\\b(?:${MONTH_PATTERN})\\.?\\s+$`, "i");
const MONTH_AFTER = new RegExp(`^(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH_PATTERN})\\b`, "i");

/**
 * The amounts the asker states only to have them checked or refined: a hedged amount in a question asking for the
 * figure, every figure of a fact-checker's claim ("Is it correct that Ha Nam admitted 1,300 new members in 2023?").
 * Their words are no words to find the answer by: they would find other figures.
 */
export function claimedAmounts(question: string): Guess[] {
  if (isFactCheck(question)) {
    // (Not a year, nor a day of a month: "before June 15, 2025" claims a date.)
    const day = (m: RegExpMatchArray) => MONTH_BEFORE.test(question.slice(Math.max(0, m.index! - 12), m.index!)) || MONTH_AFTER.test(question.slice(m.index! + m[0].length));
    const figures = [...question.matchAll(FIGURE_STATED)].filter((m) => !/^(19|20)\d{2}$/.test(m[1]!) && !day(m)).map((m) => ({ at: m.index!, text: m[1]! }));
    // The day it claims ("before June 15") is checked by the answer's date, not looked for, nor a filter.
    const days = [...question.matchAll(CLAIMED_DAY)].map((m) => ({ at: m.index!, text: m[0], day: true }));
    return [...figures, ...days];
  }
  if (!AMOUNT_ASKED.test(question)) return [];
  return [...question.matchAll(HEDGED_AMOUNT)].map((m) => ({ at: m.index! + m[0].length - m[1]!.length, text: m[1]!.trim() }));
}

/**
 * A figure a fact-checker's claim states, as a value to weigh the reports' figure against: "1,300" → 1300 ± 50 (its
 * last significant digit), "9.4%" → 9.4 ± 0.05 percent, "about six hundred" → 600 (a claim of one significant digit is
 * held to tens), "68 trillion" → 6.8e13, "more than 2,000" → above 2000.
 */
export interface ClaimedFigure {
  /** As the claim writes it, scale and hedge included ("about six hundred", "1.2 million"). */
  text: string;
  value: number;
  /** Half of this is how far a figure may be from `value` and still round to it. */
  precision: number;
  percent: boolean;
  /** "more than 2,000": the claim holds for any figure above it; "under 10%": below it. */
  bound: "above" | "below" | null;
}

const ABOVE = /\b(?:more than|over|above|at least|upwards of|exceeding|in excess of)\s+$/i;
const BELOW = /\b(?:less than|fewer than|under|below|at most|up to)\s+$/i;
const HEDGE = /\b(?:about|around|roughly|approximately|nearly|almost|some|close to|more than|over|above|at least|upwards of|exceeding|in excess of|less than|fewer than|under|below|at most|up to)\s+$/i;
const SCALE_AFTER = /^[\s-]*(thousand|million|billion|trillion)\b/i;
const ABOVE_AFTER = /^[\s-]*(?:odd|plus)\b|^\+/i;

/** The figures a fact-checker's claim states, each as a value with its precision ("Is it correct that … 1,300 new members?"); none for other questions. */
export function claimedFigures(question: string): ClaimedFigure[] {
  if (!isFactCheck(question)) return [];
  return claimedAmounts(question).flatMap((g) => {
    // ("68 trillion": the scale word belongs to the figure before it.)
    if (g.day || /\d[\s-]*$/.test(question.slice(0, g.at))) return [];
    const before = question.slice(Math.max(0, g.at - 24), g.at);
    const afterText = question.slice(g.at + g.text.length);
    const scale = SCALE_AFTER.exec(afterText);
    const read = statedValue(g.text);
    if (!read) return [];
    const factor = scale ? SCALE_VALUES[scale[1]!.toLowerCase()]! : 1;
    const hedge = HEDGE.exec(before)?.[0].trim();
    const text = [hedge, g.text, scale?.[1]].filter(Boolean).join(" ");
    const bound = ABOVE.test(before) || ABOVE_AFTER.test(afterText) ? "above" : BELOW.test(before) ? "below" : null;
    return [{ text, value: read.value * factor, precision: read.precision * factor, percent: read.percent, bound }];
  });
}

/** "1,300" → 1300 (precision 100), "9.4%" → 9.4 (0.1), "six hundred" → 600 (10), "a dozen" → 12 (1); null when unread. */
function statedValue(text: string): { value: number; precision: number; percent: boolean } | null {
  const percent = /%|percent/i.test(text);
  const digits = /^\d[\d,.]*/.exec(text)?.[0];
  if (digits) {
    // "1,300" and "1.300" group thousands; "9.4" and "9,4" have decimals.
    const grouped = /^\d{1,3}(?:([,.])\d{3})+$/.test(digits);
    const plain = grouped ? digits.replace(/[,.]/g, "") : digits.replace(",", ".");
    const value = Number(plain);
    if (!Number.isFinite(value)) return null;
    const decimals = plain.includes(".") ? plain.split(".")[1]!.length : 0;
    return { value, precision: decimals ? 10 ** -decimals : percent ? 1 : integerPrecision(plain), percent };
  }
  const value = numberWordsValue(text.replace(/%|percent/gi, ""));
  if (value === null) return null;
  return { value, precision: percent ? 1 : integerPrecision(String(Math.round(value))), percent };
}

/** The place of an integer's last significant digit, a claim of one such digit held to the next ("600" → 10, "1,300" → 100, "1,251" → 1). */
function integerPrecision(digits: string): number {
  const zeros = /0*$/.exec(digits)![0].length;
  const significant = digits.length - zeros;
  return 10 ** (significant >= 2 ? zeros : Math.max(0, zeros - 1));
}

/**
 * What a claimed amount counts: "…issued more than two thousand documents … what is the exact number?" →
 * "documents"; "Is it correct that … started out with about six hundred Party members?" → "members".
 */
export function claimedCount(question: string): string | null {
  for (const g of claimedAmounts(question).filter((g) => !g.day)) {
    const after = question.slice(g.at + g.text.length).split(/[^\p{L}'’-]+/u).filter(Boolean).slice(0, 3);
    const noun = after.find((w) => /^[a-z]+[^s\W]s$/i.test(w));
    if (noun && !/^(?:of|the)$/i.test(after[0]!)) return noun.toLowerCase();
  }
  return null;
}

/** Whether the offset falls inside one of the guesses (from `guesses`). */
export function inGuess(found: readonly Guess[], at: number): boolean {
  return found.some((g) => at >= g.at && at < g.at + g.text.length);
}
