// Filters written in the question itself: inline tokens ("place:Thai Binh", "from:2023-11") and date
// phrases ("since November", "in December 2023", "between March and June 2024", "last year").
//
// Only what clearly narrows *which reports* may answer becomes a hard filter. A bare year or place
// ("GRDP growth in Thai Binh in 2023") usually dates or places the fact, and a 2023 fact is reported
// in January 2024, so those stay in the question for search and evidence checks to weigh.
import { findPlaces } from "../text/places.js";
import { fold } from "../text/fold.js";
import { baselineAt, SMALL_COUNT, smallCount } from "../text/years.js";
import type { AskFilters } from "../types.js";
import { UserError } from "../types.js";
import { escapeRegExp } from "../text/escape.js";
import { guesses, inGuess } from "./guess.js";

export interface FilterContext {
  /** Date of the newest report in the index ("YYYY-MM-DD"); "since November" and "last year" count from it. */
  newestReportDate: string | null;
  /** Outlets of the reports in the index, so "according to vietnam.vn" becomes a source filter. */
  knownSources?: string[];
}

export interface ParsedQuestion {
  /** The question without its inline tokens. */
  question: string;
  filters: AskFilters;
  /** The words each filter was understood from ("since November", "place:Thai Binh"). */
  phrases: string[];
  /** The question to search with: without the outlet it names ("According to vietnam.vn, who…" → "who…"). */
  searchQuestion: string;
  /** True when the date filter comes from a phrase ("since November") rather than a token ("from:2023-11"). */
  datesFromWords: boolean;
  /**
   * True when that phrase names a month but no year ("in october", "tháng 10"): its year is assumed (the most recent
   * such month), so the same month of earlier years also fits the question.
   */
  dateYearAssumed: boolean;
}

export function parseQuestionFilters(question: string, context: FilterContext): ParsedQuestion {
  const anchor = anchorDate(context.newestReportDate);
  const fromTokens = takeTokens(question.normalize("NFC"));
  const filters: AskFilters = { ...fromTokens.filters };
  const phrases = [...fromTokens.phrases];

  const datesFromWords = !filters.from && !filters.to;
  let dateYearAssumed = false;
  if (datesFromWords) {
    const span = findDateSpan(fromTokens.question, anchor);
    if (span) {
      if (span.from) filters.from = span.from;
      if (span.to) filters.to = span.to;
      phrases.push(span.phrase);
      dateYearAssumed = !!(span.from && span.to) && MONTH_NAMED.test(span.phrase) && !/\d{4}/.test(span.phrase) && !RELATIVE_PERIOD.test(span.phrase);
    }
  }
  let searchQuestion = fromTokens.question;
  if (!filters.source) {
    const source = findSource(fromTokens.question, context.knownSources ?? []);
    if (source) {
      filters.source = source;
      phrases.push(source);
      // The outlet chose the reports; as a search word it would only be missing from them.
      const mention = new RegExp(`(?:\\b(?:according to|from|on|by|in)\\s+)?(?<![\\p{L}\\p{N}.])${escapeRegExp(source)}(?![\\p{L}\\p{N}])\\s*,?`, "iu");
      searchQuestion = tidy(searchQuestion.replace(mention, " "));
    }
  }
  if (!filters.place) {
    const place = findPlaceFilter(fromTokens.question);
    if (place) {
      filters.place = place.place;
      phrases.push(place.phrase);
    }
  }
  return { question: fromTokens.question, searchQuestion, filters, phrases, datesFromWords: datesFromWords && !!(filters.from || filters.to), dateYearAssumed };
}

// ---------------------------------------------------------------------------------------------
// Inline tokens

const TOKEN_KEYS = ["place", "from", "since", "to", "until", "source", "year", "month"] as const;
type TokenKey = (typeof TOKEN_KEYS)[number];
const TOKEN_START = new RegExp(`(?<![\\p{L}\\p{N}])(${TOKEN_KEYS.join("|")}):`, "giu");
const QUOTED = /^\s*(?:"([^"]*)"|'([^']*)'|“([^”]*)”)/;

/** Takes the inline tokens (place:, from:, to:, source:, year:) out of a text; bad dates throw a UserError. */
export function takeTokens(question: string): { question: string; filters: AskFilters; phrases: string[] } {
  const filters: AskFilters = {};
  const phrases: string[] = [];
  let text = question;
  TOKEN_START.lastIndex = 0;
  for (let m = TOKEN_START.exec(text); m; m = TOKEN_START.exec(text)) {
    const key = m[1]!.toLowerCase() as TokenKey;
    const valueStart = m.index + m[0].length;
    const { value, length } = tokenValue(key, text.slice(valueStart));
    if (!value) throw new UserError(`"${m[0]}" needs a value, e.g. place:"Thai Binh", from:2023-11, to:2024-01-31, source:vietnam.vn.`, "bad_filter");
    applyToken(filters, key, value, m[0] + value);
    phrases.push(`${key}:${value}`);
    text = `${text.slice(0, m.index)} ${text.slice(valueStart + length)}`;
    TOKEN_START.lastIndex = m.index;
  }
  return { question: tidy(text), filters, phrases };
}

/** The value after "key:": quoted, a known place, capitalised words (places), or one word. */
function tokenValue(key: TokenKey, rest: string): { value: string; length: number } {
  const quoted = QUOTED.exec(rest);
  if (quoted) return { value: (quoted[1] ?? quoted[2] ?? quoted[3] ?? "").trim(), length: quoted[0].length };
  if (key === "place") {
    const start = /^\s*/.exec(rest)![0].length;
    const known = findPlaces(rest.slice(start)).find((p) => fold(rest.slice(start)).startsWith(fold(p.matched)));
    const capitalised = /^(?:\p{Lu}[\p{L}\p{M}'’-]*)(?:\s+\p{Lu}[\p{L}\p{M}'’-]*)*/u.exec(rest.slice(start));
    const words = capitalised ? capitalised[0].split(/\s+/) : [];
    // Stop before a question word that starts the rest of the sentence ("place:Thai Binh Who chaired…").
    const cut = words.findIndex((w) => /^(who|what|which|when|where|how|did|does|is|was|were)$/i.test(w));
    const name = cut >= 0 ? words.slice(0, cut).join(" ") : words.join(" ");
    const value = [known?.matched ?? "", name].sort((a, b) => b.length - a.length)[0]!;
    if (value) return { value: value.replace(/[-_]/g, " "), length: start + value.length };
  }
  const word = /^\s*([^\s,;?!]+)/.exec(rest);
  if (!word) return { value: "", length: 0 };
  const value = word[1]!.replace(/[.]$/, "");
  return { value: key === "place" ? value.replace(/[-_]/g, " ") : value, length: word[0].length };
}

function applyToken(filters: AskFilters, key: TokenKey, value: string, written: string): void {
  if (key === "place") filters.place = value;
  else if (key === "source") filters.source = value;
  else {
    const point = parseDatePoint(value);
    if (!point) {
      throw new UserError(`${written} is not a date I can read. Write YYYY, YYYY-MM or YYYY-MM-DD, e.g. from:2023-11 or to:2024-01-31.`, "bad_filter");
    }
    if (key === "from" || key === "since") filters.from = point.start;
    else if (key === "to" || key === "until") filters.to = point.end;
    else {
      filters.from = point.start;
      filters.to = point.end;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Dates

interface Span {
  start: string;
  end: string;
}

/** "2023", "2023-11", "2023-11-05", "11/2023", "5/11/2023" (day first, as written in Vietnam), "2023/11". */
export function parseDatePoint(text: string): Span | null {
  let m: RegExpExecArray | null;
  if ((m = /^((?:19|20)\d{2})$/.exec(text))) return yearSpan(Number(m[1]));
  if ((m = /^((?:19|20)\d{2})[-/.](\d{1,2})$/.exec(text))) return monthSpan(Number(m[1]), Number(m[2]));
  if ((m = /^(\d{1,2})[-/.]((?:19|20)\d{2})$/.exec(text))) return monthSpan(Number(m[2]), Number(m[1]));
  if ((m = /^((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})$/.exec(text))) return daySpan(Number(m[1]), Number(m[2]), Number(m[3]));
  if ((m = /^(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})$/.exec(text))) return daySpan(Number(m[3]), Number(m[2]), Number(m[1]));
  return null;
}

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function yearSpan(y: number): Span {
  return { start: iso(y, 1, 1), end: iso(y, 12, 31) };
}
function monthSpan(y: number, m: number): Span | null {
  if (m < 1 || m > 12) return null;
  return { start: iso(y, m, 1), end: iso(y, m, daysIn(y, m)) };
}
function daySpan(y: number, m: number, d: number): Span | null {
  if (m < 1 || m > 12 || d < 1 || d > daysIn(y, m)) return null;
  return { start: iso(y, m, d), end: iso(y, m, d) };
}

/** The day that "now" means for relative phrases: the newest report's date, else today. */
function anchorDate(newest: string | null): { year: number; month: number } {
  const m = /^((?:19|20)\d{2})(?:-(\d{2}))?/.exec(newest ?? "");
  if (m) return { year: Number(m[1]), month: m[2] ? Number(m[2]) : 12 };
  const today = new Date();
  return { year: today.getUTCFullYear(), month: today.getUTCMonth() + 1 };
}

const MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
const MONTH = "(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
/** A month named in a date phrase ("in october", "tháng 10"), and words that make a phrase relative ("last month"). */
const MONTH_NAMED = new RegExp(`\\b${MONTH}\\b|tháng\\s+\\d`, "iu");
const RELATIVE_PERIOD = /\b(last|this|past|next)\b|ngoái|nay|trước/iu;
const YEAR = "(?:19|20)\\d{2}";
/** A month, optionally with its year ("November", "Nov 2023", "December of 2023"), or an ISO month/date. */
const POINT = `(?:${MONTH}\\.?(?:\\s+(?:of\\s+)?${YEAR})?|${YEAR}-\\d{2}(?:-\\d{2})?)`;
/** POINT, or a bare year or a relative year; only after "since"/"after", where a year cannot lose a report. */
const SINCE_POINT = `(?:${POINT}|${YEAR}|last year|this year|last month)`;

function monthNumber(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, "");
  return MONTH_NAMES.findIndex((name) => name.startsWith(w.slice(0, 3))) + 1;
}

const MONTH_POINT = new RegExp(`^(${MONTH})\\.?(?:\\s+(?:of\\s+)?(${YEAR}))?$`);

/** A month written without a year is the most recent one not after the newest report. */
function pointSpan(text: string, anchor: { year: number; month: number }, yearHint?: number): Span | null {
  const t = text.trim().toLowerCase();
  if (t === "last year") return yearSpan(anchor.year - 1);
  if (t === "this year") return yearSpan(anchor.year);
  if (t === "last month") return anchor.month === 1 ? monthSpan(anchor.year - 1, 12) : monthSpan(anchor.year, anchor.month - 1);
  const iso = parseDatePoint(t);
  if (iso) return iso;
  const m = MONTH_POINT.exec(t);
  if (!m) return null;
  const month = monthNumber(m[1]!);
  const year = m[2] ? Number(m[2]) : (yearHint ?? (month <= anchor.month ? anchor.year : anchor.year - 1));
  return monthSpan(year, month);
}

/** "May" the month is capitalised; "may" the verb is not. */
const isModalMay = (phrase: string) => /\bmay\b/.test(phrase) && !/\bMay\b/.test(phrase);

interface DateSpan {
  from?: string;
  to?: string;
  phrase: string;
}

interface DateRule {
  re: RegExp;
  span: (m: RegExpExecArray, anchor: { year: number; month: number }) => DateSpan | null;
}

const ws = "\\s+";

const DATE_RULES: DateRule[] = [
  {
    // between March and June 2024 / from November 2023 to January 2024 / from 2023-11 to 2024-01
    re: new RegExp(`\\b(?:between|from)${ws}(?:the${ws}(?:start|beginning)${ws}of${ws})?(${POINT})${ws}(?:and|to|until|till|through|-|–)${ws}(?:the${ws}end${ws}of${ws})?(${POINT})(?![\\p{L}\\p{N}])`, "giu"),
    span: (m, anchor) => {
      const endYear = /\d{4}/.exec(m[2]!)?.[0];
      const to = pointSpan(m[2]!, anchor);
      if (!to) return null;
      const toMonth = Number(to.start.slice(5, 7));
      // "between March and June 2024": March takes June's year (the year before if it comes later in the year).
      const startHint = endYear ? Number(endYear) : Number(to.start.slice(0, 4));
      const fromMonth = monthNumber(/[a-z]+/i.exec(m[1]!)?.[0] ?? "");
      const from = pointSpan(m[1]!, anchor, fromMonth > toMonth ? startHint - 1 : startHint);
      if (!from || from.start > to.end) return null;
      return { from: from.start, to: to.end, phrase: m[0] };
    },
  },
  {
    // since November / since November 2023 / after 2022 / since last year
    re: new RegExp(`\\b(since|after|from)${ws}(?:the${ws}(?:start|beginning)${ws}of${ws})?(${SINCE_POINT})(?![\\p{L}\\p{N}])`, "giu"),
    span: (m, anchor) => {
      const word = m[1]!.toLowerCase();
      // "from 2022" dates a fact ("from 2021 to 2023"); only a month or relative phrase after "from" filters.
      if (word === "from" && new RegExp(`^${YEAR}$`).test(m[2]!)) return null;
      const span = pointSpan(m[2]!, anchor);
      if (!span) return null;
      return { from: word === "after" ? nextDay(span.end) : span.start, phrase: m[0] };
    },
  },
  {
    // until/before January 2024 (not a bare year: "targets until 2025" dates the goal)
    re: new RegExp(`\\b(until|till|before|through|up to)${ws}(${POINT})(?![\\p{L}\\p{N}])`, "giu"),
    span: (m, anchor) => {
      // "approved from 2021 through June 2023": the span a figure covers, not the reports to read.
      if (new RegExp(`\\bfrom${ws}${YEAR}${ws}$`, "i").test(m.input.slice(0, m.index))) return null;
      const span = pointSpan(m[2]!, anchor);
      if (!span) return null;
      return { to: m[1]!.toLowerCase() === "before" ? previousDay(span.start) : span.end, phrase: m[0] };
    },
  },
  {
    // in December 2023 / in December / during March 2024 / "in april and q2 2024" (the year said just after)
    // (Not "in January-June 2020": months of a year's count, the part of the year a figure is for.)
    re: new RegExp(`\\b(?:in|during)${ws}(?:the${ws}month${ws}of${ws})?(${POINT})(?![\\p{L}\\p{N}])(?!\\s*[-–]\\s*${MONTH}\\b)`, "giu"),
    span: (m, anchor) => {
      const yearAfter = /^\s*(?:and|or|,)\s+(?:[\p{L}\p{N}]+\s+){0,2}?((?:19|20)\d{2})\b/u.exec(m.input.slice(m.index + m[0].length))?.[1];
      const span = pointSpan(m[1]!, anchor, yearAfter ? Number(yearAfter) : undefined);
      return span ? { from: span.start, to: span.end, phrase: m[0] } : null;
    },
  },
  {
    // last year / this year / last month / this month (not "than last year", "same period last year"; nor "last year
    // (2023)", whose year the asker gave: it is the question's own year, not a filter counted from the newest report)
    re: /\b(?:in\s+|during\s+|over\s+)?(?:the\s+)?(last|this|previous|past)\s+(year|month)\b(?!\s*[(,]?\s*(?:i\.e\.\s*|in\s+)?(?:19|20)\d{2})/giu,
    span: (m, anchor) => {
      const which = m[1]!.toLowerCase() === "this" ? "this" : "last";
      const span = pointSpan(`${which} ${m[2]!.toLowerCase()}`, anchor) ?? monthSpan(anchor.year, anchor.month);
      if (which === "this" && m[2]!.toLowerCase() === "month") {
        const month = monthSpan(anchor.year, anchor.month)!;
        return { from: month.start, to: month.end, phrase: m[0] };
      }
      return span ? { from: span.start, to: span.end, phrase: m[0] } : null;
    },
  },
  {
    // in the last 3 months / past two years
    re: new RegExp(`\\b(?:in|over|during)\\s+the\\s+(?:last|past)\\s+(${SMALL_COUNT})\\s+(months|years)\\b`, "giu"),
    span: (m, anchor) => {
      const n = smallCount(m[1]!);
      if (!n) return null;
      const months = m[2]!.toLowerCase() === "years" ? n * 12 : n;
      const total = anchor.year * 12 + (anchor.month - 1) - (months - 1);
      return { from: iso(Math.floor(total / 12), (total % 12) + 1, 1), phrase: m[0] };
    },
  },
  // Vietnamese (written with accents): từ tháng 11 [năm 2023], từ tháng 3 đến tháng 6/2024, tháng 12/2023, năm ngoái, năm nay.
  {
    re: new RegExp(`(?:từ|kể từ)\\s+tháng\\s+(\\d{1,2})(?:\\s*(?:/|năm)\\s*(${YEAR}))?\\s+(?:đến|tới)\\s+(?:hết\\s+)?tháng\\s+(\\d{1,2})(?:\\s*(?:/|năm)\\s*(${YEAR}))?`, "giu"),
    span: (m, anchor) => {
      const endYear = m[4] ? Number(m[4]) : undefined;
      const to = pointSpan(`${MONTH_NAMES[Number(m[3]) - 1] ?? "x"}${endYear ? ` ${endYear}` : ""}`, anchor);
      if (!to) return null;
      const startYear = m[2] ? Number(m[2]) : Number(to.start.slice(0, 4)) - (Number(m[1]) > Number(m[3]) ? 1 : 0);
      const from = monthSpan(startYear, Number(m[1]));
      return from && from.start <= to.end ? { from: from.start, to: to.end, phrase: m[0] } : null;
    },
  },
  {
    re: new RegExp(`(?:từ|kể từ|sau)\\s+tháng\\s+(\\d{1,2})(?:\\s*(?:/|năm)\\s*(${YEAR}))?`, "giu"),
    span: (m, anchor) => {
      const span = pointSpan(`${MONTH_NAMES[Number(m[1]) - 1] ?? "x"}${m[2] ? ` ${m[2]}` : ""}`, anchor);
      return span ? { from: span.start, phrase: m[0] } : null;
    },
  },
  {
    re: new RegExp(`(?:(?:trong|vào)\\s+)?tháng\\s+(\\d{1,2})\\s*(?:/|năm)\\s*(${YEAR})|(?:trong|vào)\\s+tháng\\s+(\\d{1,2})(?![\\p{N}/])`, "giu"),
    span: (m, anchor) => {
      // "từ năm 2021 đến tháng 6/2023": the end of the facts' span (as "from 2021 to June 2023"), not the reports'.
      if (/(?:đến|tới)\s*(?:hết\s+)?$/u.test(m.input.slice(0, m.index))) return null;
      const month = Number(m[1] ?? m[3]);
      const span = pointSpan(`${MONTH_NAMES[month - 1] ?? "x"}${m[2] ? ` ${m[2]}` : ""}`, anchor);
      return span ? { from: span.start, to: span.end, phrase: m[0] } : null;
    },
  },
  {
    // (Not "so với cùng kỳ năm trước": the year compared with, a baseline.)
    re: /(?<!(?:so với|cùng kỳ)\s+(?:[\p{L}]+\s+){0,2})năm\s+(ngoái|trước|rồi|nay)(?![\p{L}])/giu,
    span: (m, anchor) => {
      const span = yearSpan(m[1]!.toLowerCase() === "nay" ? anchor.year : anchor.year - 1);
      return { from: span.start, to: span.end, phrase: m[0] };
    },
  },
];

/** The first date phrase of the question (in reading order) and the span of reports it allows. */
export function findDateSpan(question: string, anchor: { year: number; month: number }): DateSpan | null {
  const found: { at: number; span: DateSpan }[] = [];
  const guessed = guesses(question);
  for (const rule of DATE_RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(question); m; m = rule.re.exec(question)) {
      // Comparisons name a period to compare with, not the reports to read: "than last year", "compared to 2022".
      // Nor does a guess beside the question: "what day did it close? Was it in July?".
      if (isModalMay(m[0]) || baselineAt(question, m.index, { since: false }) || inGuess(guessed, m.index)) continue;
      const span = rule.span(m, anchor);
      if (span) {
        found.push({ at: m.index, span: { ...span, phrase: span.phrase.trim() } });
        break;
      }
    }
  }
  // Rules are tried broadest first; at one position the longest phrase wins.
  found.sort((a, b) => a.at - b.at || b.span.phrase.length - a.span.phrase.length);
  return found[0]?.span ?? null;
}

/** Where date phrases occur, for follow-ups that swap one period for another. */
export function datePhrases(text: string, newestReportDate: string | null = null): string[] {
  const anchor = anchorDate(newestReportDate);
  const phrases: string[] = [];
  let rest = text;
  for (let span = findDateSpan(rest, anchor); span; span = findDateSpan(rest, anchor)) {
    phrases.push(span.phrase);
    rest = rest.replace(span.phrase, " ");
  }
  return phrases;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
function previousDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Source outlets and places named as filters

const DOMAIN = /(?<![\p{L}\p{N}.@])((?:[a-z0-9-]+\.)+(?:vn|com|net|org|info|gov|edu|int|news))(?![\p{L}\p{N}])/giu;

/**
 * An outlet named in the question: a known source written out ("Thai Binh provincial press"), or a web
 * domain ("vietnam.vn", "baohaiduong.vn").
 */
function findSource(question: string, knownSources: string[]): string | null {
  const folded = fold(question);
  const names = knownSources
    .flatMap((s) => [s, ...(s.match(DOMAIN) ?? [])])
    .map((s) => s.trim())
    .filter((s) => s.length >= 6)
    .sort((a, b) => b.length - a.length);
  const known = names.find((name) => memo(`source ${name}`, () => new RegExp(`(?<![\\p{L}\\p{N}.])${escapeRegExp(fold(name))}(?![\\p{L}\\p{N}])`, "u")).test(folded));
  if (known) return known;
  DOMAIN.lastIndex = 0;
  return DOMAIN.exec(question)?.[1]?.toLowerCase() ?? null;
}

/**
 * A place named as the reports to read ("in the Thai Binh reports", "only Thai Binh", "reports about Ha Nam").
 * A place merely mentioned stays a search preference.
 */
function findPlaceFilter(question: string): { place: string; phrase: string } | null {
  for (const p of findPlaces(question)) {
    const m = memo(`place ${p.matched}`, () => placeFilterPattern(p.matched)).exec(question);
    if (m) return { place: p.name, phrase: m[0] };
  }
  return null;
}

function placeFilterPattern(placeName: string): RegExp {
  const name = `(?<![\\p{L}\\p{N}])${escapeRegExp(placeName)}(?![\\p{L}\\p{N}])`;
  const kind = "(?:\\s+(?:province|city))?(?:'s)?";
  return new RegExp(
    [
      `\\b(?:only|just)\\s+(?:in\\s+|from\\s+|about\\s+)?(?:the\\s+)?${name}`,
      `${name}${kind}\\s+reports?\\s+only\\b`,
      `\\b(?:reports?|articles?)\\s+(?:from|about|on|of)\\s+${name}`,
      `\\b(?:in|from|according to)\\s+(?:the\\s+)?${name}${kind}\\s+(?:reports?|articles?|press)\\b`,
    ].join("|"),
    "iu",
  );
}

/** Patterns built from names (outlets, places) are compiled once: compiling costs more than matching. */
const patterns = new Map<string, RegExp>();
function memo(key: string, build: () => RegExp): RegExp {
  let re = patterns.get(key);
  if (!re) {
    if (patterns.size > 5_000) patterns.clear();
    re = build();
    patterns.set(key, re);
  }
  return re;
}

const tidy = (s: string) => s.replace(/\s+([?!.,;])/g, "$1").replace(/\s+/g, " ").trim();
