// Years and year spans as committee reports write them: "in 2023", "2021 - 2023", "the 2020-2025 term",
// "compared to 2022" (a year compared with, not one the sentence is about), "this year" (the report's year).

import { fold } from "./fold.js";
import { UNIT_WORDS } from "./numbers.js";

/** The English month names as a regular-expression alternation ("January|February|…"). */
export const MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December";

/** Month names or their abbreviations ("5 Feb", "Oct 19", "Sept. 30"), full names first, as an alternation. */
export const MONTH_PATTERN = `${MONTH_NAMES}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec`;

/** A small count as periods are counted back ("the past 5 years", "the last twelve months"): digits or a word. */
export const SMALL_COUNT = `\\d{1,2}|${UNIT_WORDS.slice(1, 13).join("|")}`;

/** The value of a count SMALL_COUNT matched ("12", "twelve" → 12); null for anything else. */
export function smallCount(word: string): number | null {
  if (/^\d{1,2}$/.test(word)) return Number(word);
  const value = UNIT_WORDS.indexOf(word.toLowerCase());
  return value > 0 && value <= 12 ? value : null;
}

/** The first year a date names, however the outlet wrote it ("2024-12-08", "December 7 (2022)"), or null. */
export function yearOfDate(date: string | null): number | null {
  return Number(/\b(?:19|20)\d{2}\b/.exec(date ?? "")?.[0]) || null;
}

/** A year or span of years, inclusive. */
export interface YearSpan {
  from: number;
  to: number;
}

export interface YearMention extends YearSpan {
  /** Character offset and length in the text. */
  at: number;
  length: number;
  /** "compared to 2022", "over the same period in 2022", "than in 2020", "since 2015": a baseline, not the subject. */
  baseline: boolean;
  /**
   * "according to the Jan 2023 review conference", "at the January 13, 2023 Party building conference": a day or
   * month that dates a meeting or report ("(closed October 3, 2025)"), the source a question names rather than the
   * period it asks about.
   */
  datesSource: boolean;
}

/** After a number, the letters of a document's code: "Official Dispatch 1924-CV/TU", "No. 1924 – CV/TU", "2161/QD-UBND". */
const DOCUMENT_CODE_AFTER = String.raw`(?!\s*[-–—]\s*[A-Za-z]{2,6}\s*[/-]\s*[A-Za-z]|\/[A-Za-z]{2,})`;
const YEAR_OR_SPAN = new RegExp(String.raw`\b((?:19|20)\d{2})${DOCUMENT_CODE_AFTER}(?:\s*[-–—]\s*((?:19|20)\d{2})|\s*[-–—]\s*(\d{2})\b)?\b`, "g");
const YEAR = new RegExp(String.raw`\b(?:19|20)\d{2}\b${DOCUMENT_CODE_AFTER}`, "g");

/** The years a text names, each once, in order ("2021-2025" names 2021 and 2025); a document's number is none. */
export function yearsNamed(text: string): string[] {
  return [...new Set(text.match(YEAR) ?? [])];
}

/** A month (and day) just before a year, and a meeting or report named within a few words after it. */
const MONTH_BEFORE = new RegExp(`\\b(?:${MONTH_PATTERN})\\.?\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?$`, "i");
/** A meeting named before its date: "the conference on December 28, 2023", "the session held on Dec 7, 2022", "congress oct 2025". */
const MEETING_BEFORE = new RegExp(`\\b(?:conference|teleconference|congress|session|meeting|plenum|plenary|review)\\s+(?:(?:held|convened|opened|closed|that\\s+(?:opened|closed))\\s+)?(?:(?:on|of|dated|in)\\s+)?(?:the\\s+)?(?:\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?)?(?:${MONTH_PATTERN})\\.?\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?$`, "i");
const MEETING_AFTER = /^\s*(?:[\p{L}'’-]+\s+){0,4}?(?:conference|teleconference|review|congress|session|meeting|plenum|plenary|report)\b/iu;
/** "the same period", "the same quarter", "the same nine months" (of a year compared with). */
const SAME_PERIOD = String.raw`same\s+(?:period|quarter|time|half(?:[\s-]year)?|(?:(?:first\s+)?(?:three|six|nine|\d{1,2})\s+)?months?)`;
/** Words of an explicit comparison: "than", "compared with", "in comparison to", "relative to", "versus", "against", "up on". */
const COMPARISON = String.raw`(?:compared?\s+(?:with|to)|comparison\s+(?:with|to)|relative\s+to|than(?:\s+in)?|versus|vs\.?|against|(?:up|down)\s+on)`;
/** A part of a year before its year: "Q1 2020", "the first quarter of 2020", "H1 2022". */
const PART_OF = String.raw`(?:q[1-4]|h[12]|(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter(?:\s+of)?|(?:the\s+)?first\s+half(?:\s+of)?)\s+`;
/** A comparison as it runs up to a year: "than ", "compared with the ", "relative to that of ", "than Q1 ". */
const COMPARED = String.raw`\b${COMPARISON}\s+(?:the\s+|that\s+of\s+|those\s+of\s+)?(?:${SAME_PERIOD} (?:of|in)\s+|${PART_OF})?`;
/** A comparison just before a year: "than 2022", "compared with the 2010-2015 period", "relative to that of 2020". */
const COMPARED_BEFORE = new RegExp(`${COMPARED}$`, "i");
/**
 * A baseline just before a year: a comparison, or "over" / "from" / "the same period of" ("rose 12% over 2022",
 * "over the same period last year"). "over the 2015-2020 term" is the span a figure is about.
 */
const BASELINE_BEFORE = new RegExp(String.raw`(?:${COMPARED}|\b(?:over|from|${SAME_PERIOD}(?: of| in)?)\s+(?:the\s+${SAME_PERIOD} (?:of|in)\s+)?)$`, "i");

/**
 * Whether the year (or "last year") at `at` follows an explicit comparison ("compared with the 2010-2015 period",
 * "than 2022", "relative to that of 2020"): narrower than a baseline, which "over" and "since" also make ("achieve
 * over 2026-2030" names the years asked).
 */
export function comparedWith(text: string, at: number): boolean {
  return COMPARED_BEFORE.test(text.slice(Math.max(0, at - 40), at));
}

/**
 * Whether the year (or "last year") at `at` is the baseline of a comparison: after a comparison, "over", "from", "the
 * same period of" or, unless `since` is false, "since" ("reports since 2023" names the reports to read, not a baseline).
 */
export function baselineAt(text: string, at: number, options: { since: boolean } = { since: true }): boolean {
  const before = text.slice(Math.max(0, at - 40), at);
  return BASELINE_BEFORE.test(before) || (options.since && /\bsince\s+$/i.test(before));
}

/**
 * What a text compares its figure with, as phrases: "against the previous year", "compared with the same period last
 * year", "than in 2020", "over the same period of 2022". (A question's baseline says how the figure is given, which
 * the facts' modality judges; a sentence need not repeat its words.)
 */
export function baselinePhrases(text: string): string[] {
  return [...text.matchAll(BASELINE_PHRASE)].map((m) => m[0]);
}

const BASELINE_PHRASE = new RegExp(
  String.raw`\b(?:${COMPARISON}|over(?=\s+the\s+${SAME_PERIOD}))\s+(?:the\s+|that\s+of\s+|those\s+of\s+)?(?:${SAME_PERIOD}\s+(?:of\s+|in\s+)?)?(?:(?:the\s+)?(?:previous|preceding|prior|last)\s+year|the\s+year\s+before|(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)?\d{2})?)?`,
  "gi",
);

/** Every year or span a text names, in order, with whether it is a baseline of a comparison. */
export function yearMentions(text: string): YearMention[] {
  const out: YearMention[] = [];
  for (const m of text.matchAll(YEAR_OR_SPAN)) {
    const from = Number(m[1]);
    let to = m[2] ? Number(m[2]) : m[3] ? Math.floor(from / 100) * 100 + Number(m[3]) : from;
    if (to < from || to - from > 30) to = from;
    const before = text.slice(Math.max(0, m.index! - 40), m.index!);
    // "from 72.5% in 2020 to 79% in 2023": "in 2020" dates its own figure; only true comparison words make a baseline.
    const baseline = baselineAt(text, m.index!);
    // "(closed October 3, 2025)", "(Oct 2024)": a dated aside names when the meeting was, too.
    const aside = /\([^()]*$/.test(before) && /^[^()]*\)/.test(text.slice(m.index! + m[0].length));
    const datesSource = MONTH_BEFORE.test(before) && (aside || MEETING_BEFORE.test(text.slice(Math.max(0, m.index! - 100), m.index!)) || MEETING_AFTER.test(text.slice(m.index! + m[0].length, m.index! + m[0].length + 60)));
    out.push({ from, to, at: m.index!, length: m[0].length, baseline, datesSource });
  }
  return joinFromTo(text, out);
}

/** "From 2021 to June 2023", "from 2016 until the end of 2020": one span, not a baseline and a year. */
function joinFromTo(text: string, mentions: YearMention[]): YearMention[] {
  const out: YearMention[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const a = mentions[i]!;
    const b = mentions[i + 1];
    const opens = /\bfrom\s+(the\s+)?(year\s+)?$/i.test(text.slice(Math.max(0, a.at - 20), a.at));
    const between = b ? text.slice(a.at + a.length, b.at) : "";
    // ("thai binh fdi 2021-h1 2023", "2021 to mid-2023": a span to part of its last year, "from" or not.)
    if (b && a.from === a.to && b.to > a.from && b.to - a.from <= 30 && ((opens && FROM_TO_BETWEEN.test(between)) || TO_PART_BETWEEN.test(between))) {
      out.push({ from: a.from, to: b.to, at: a.at, length: b.at + b.length - a.at, baseline: false, datesSource: false });
      i++;
    } else out.push(a);
  }
  return out;
}

/** The part of the last year a span runs to: "the end of ", "mid-", "June ", "June 30, ". */
const SPAN_END_PART = `(the\\s+)?(end|beginning|middle|first half|second half)\\s+of\\s+|(early|mid|late)[- ]|(${MONTH_PATTERN})\\s+(\\d{1,2},?\\s+)?`;
/** Between "from 2021" and "2023": "to", "until June", "up to June", "- the end of". */
const FROM_TO_BETWEEN = new RegExp(`^\\s*(to|up to|until|till|through|up until|[-–—])\\s+(${SPAN_END_PART})?$`, "i");
/** Between "2021" and "2023" without "from": a part of the last year must follow ("-h1 ", " to June "). */
const TO_PART_BETWEEN = new RegExp(`^\\s*(to|up to|until|till|through|up until|[-–—])\\s*(${SPAN_END_PART}|h[12]\\s+|q[1-4]\\s+)$`, "i");

/** "term 2025-2030", "the 2020-2025 tenure", "nhiệm kỳ 2025-2030", "the Congress for 2025-2030": a span that names a congress's term. */
const TERM_BEFORE = /\b(term|tenure|nhiem ky|nhiệm kỳ|congress,?\s+(?:for|of)(?:\s+the)?)[,:]?\s*$/i;
// ("their 2025-2027 congresses", "the 2025-2030 Party Cell Congress": the term of the congresses named.)
const TERM_AFTER = /^\s*(term|tenure|(?:(?:party|grassroots)\s+)?(?:cell\s+)?congress(?:es)?)\b/i;

/** Whether the span at `m` names a term ("…towards the 10th Congress, term 2025-2030, on November 6"). */
export function namesTerm(text: string, m: YearMention): boolean {
  return m.from < m.to && (TERM_BEFORE.test(text.slice(Math.max(0, m.at - 20), m.at)) || TERM_AFTER.test(text.slice(m.at + m.length, m.at + m.length + 12)));
}

/**
 * Years (as strings) a sentence makes claims about: spans expanded, baselines of comparisons left out. With
 * `terms: false`, a span naming a congress's term is a name, not a claim (for what dates an event or a person).
 */
export function yearsClaimed(sentence: string, options: { terms: boolean } = { terms: true }): string[] {
  const years = new Set<string>();
  for (const m of yearMentions(sentence)) {
    if (m.baseline || (!options.terms && namesTerm(sentence, m))) continue;
    for (let y = m.from; y <= m.to; y++) years.add(String(y));
  }
  return [...years];
}

/** "next year", "the coming year", "in the new year": the year after the report's. */
export const NEXT_YEAR = /\b(next year|the coming year|the new year|the following year)\b/i;

/** "last year", "the previous year", "same period last year": the year before the report's. */
export const LAST_YEAR = /\b(last year|the previous year|the year before)\b/i;

/** A part of a year: a quarter, the first half, the first nine or eleven months. */
export type YearPart = "Q1" | "Q2" | "Q3" | "Q4" | "H1" | "9M" | "11M";

// ("first-quarter 2024 results", "the nine-month figure": a hyphen joins the words as a space does.)
const PARTS: [YearPart, RegExp][] = [
  ["Q1", /\bjan(uary)?\s*[-–]\s*mar(ch)?\b|\b(first|1st)[\s-]quarter\b|\bquarter (i|1)\b|\bq1\b|\bfirst three[\s-]months\b|\bquy (i|1)\b/],
  ["Q2", /\b(second|2nd)[\s-]quarter\b|\bquarter (ii|2)\b|\bq2\b|\bquy (ii|2)\b/],
  ["Q3", /\b(third|3rd)[\s-]quarter\b|\bquarter (iii|3)\b|\bq3\b|\bquy (iii|3)\b/],
  ["Q4", /\b(fourth|4th)[\s-]quarter\b|\bquarter (iv|4)\b|\bq4\b|\bquy (iv|4)\b/],
  ["H1", /\bjan(uary)?\s*[-–]\s*june?\b|\b(first|1st) (six|6)[\s-]months?\b|\b(first|1st)[\s-]half\b|\bh1\b|\b(six|6)[\s-]months of\b|\b6 thang dau nam\b/],
  ["9M", /\bjan(uary)?\s*[-–]\s*sep(t|tember)?\b|\b(first )?(nine|9)[\s-]months?\b|\b9 thang\b(?!\s*\d)/],
  ["11M", /\bjan(uary)?\s*[-–]\s*nov(ember)?\b|\b(first )?(eleven|11)[\s-]months?\b|\b11 thang\b(?!\s*\d)/],
];

/** The part of a year a text speaks of ("in the first quarter of 2024" → "Q1"), or null for a whole year. */
export function yearPart(text: string): YearPart | null {
  const folded = fold(text);
  return PARTS.find(([, re]) => re.test(folded))?.[0] ?? null;
}

/** A day of a month ("October 19", "19 Oct", "19/10"), without its year. */
export interface DayOfMonth {
  month: number;
  day: number;
}

const FULL_MONTHS = MONTH_NAMES.toLowerCase().split("|");
const monthOf = (name: string) => FULL_MONTHS.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3))) + 1;
const DAY_MONTH = new RegExp(
  `\\b(${MONTH_PATTERN})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b|\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(${MONTH_PATTERN})\\b|\\b(\\d{1,2})/(\\d{1,2})(?:/(?:19|20)\\d{2})?\\b|\\b(?:19|20)\\d{2}-(\\d{2})-(\\d{2})\\b`,
  "gi",
);

/**
 * The days of a month a text names: "On the afternoon of October 19", "5 Feb", "19/10/2023" (day first, as Vietnamese
 * writes it, unless that cannot be), "2023-10-19".
 */
/** A day with its year: "On February 11, 2025", "11 February 2025", "11/02/2025". */
const DAY_WITH_YEAR = new RegExp(`\\b(?:(?:${MONTH_PATTERN})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH_PATTERN}),?\\s+|\\d{1,2}/\\d{1,2}/)((?:19|20)\\d{2})\\b`, "i");

/** The year of the first day a text names with its year ("On February 11, 2025, …" → 2025), or null. */
export function yearOfDay(text: string): number | null {
  const m = DAY_WITH_YEAR.exec(text);
  return m ? Number(m[1]) : null;
}

/** The words of each day of a month a text names, as written ("January 13", "19/10/2023"). */
export function dayPhrases(text: string): string[] {
  return [...text.matchAll(DAY_MONTH)].map((m) => m[0]);
}

export function daysOfMonth(text: string): DayOfMonth[] {
  const out: DayOfMonth[] = [];
  for (const m of text.matchAll(DAY_MONTH)) {
    let month: number;
    let day: number;
    if (m[1]) [month, day] = [monthOf(m[1]), Number(m[2])];
    else if (m[4]) [month, day] = [monthOf(m[4]), Number(m[3])];
    else if (m[5]) {
      const [a, b] = [Number(m[5]), Number(m[6])];
      [day, month] = b <= 12 ? [a, b] : [b, a];
    } else [month, day] = [Number(m[7]), Number(m[8])];
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) out.push({ month, day });
  }
  return out;
}

const STATUS_DATE = new RegExp(`\\b(?:as of|as at|by the end of|up to)\\s+(?:the\\s+)?(?:end of\\s+)?(${MONTH_PATTERN})\\b\\.?(?:\\s+\\d{1,2}(?:st|nd|rd|th)?)?(?:,?\\s+((?:19|20)\\d{2}))?`, "i");

/**
 * The month a figure's status is given for ("As of January 2025, 40/172 Party cells…" → January 2025), or null:
 * such a figure is the count at that time, not at another date the question names.
 */
export function statusMonth(text: string): { month: number; year: number | null } | null {
  const m = STATUS_DATE.exec(text);
  return m ? { month: monthOf(m[1]!), year: m[2] ? Number(m[2]) : null } : null;
}
