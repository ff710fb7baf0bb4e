import type { ArticleSummary } from "../types.js";
import type { AnalyzedQuestion } from "../question/analyze.js";
import { COUNTED_DURATION as DURATION, COUNTED_LENGTH as LENGTH, COUNTED_MONEY as MONEY, properNames, stem, tokenize } from "../question/analyze.js";
import { stemSet } from "../search/search.js";
import { stemAndSynonyms, synonymStems } from "../question/glossary.js";
import { findPlaces, findSubPlaces, foldedSpellings, PLACES, subPlaceKindsNamed } from "../text/places.js";
import type { StoredPassage } from "../store/store.js";
import { editDistance } from "../text/edit-distance.js";
import { fold } from "../text/fold.js";
import type { TextUnit } from "../text/sentences.js";
import { daysOfMonth, MONTH_PATTERN, statusMonth, yearMentions, yearOfDate, yearsClaimed, type DayOfMonth } from "../text/years.js";
import { namesEvent, numberedEvents, numberedGroups, type NumberedEvent } from "../text/events.js";
import { CARDINAL_WORD } from "../text/numbers.js";
import { escapeRegExp, nounPattern } from "../text/escape.js";

// How well one sentence of a report answers a question: what it covers, what it contradicts.
// "Problems" rule a sentence out (wrong place, wrong year, no figure for a "how many");
// "penalties" only rank it lower (probably about a neighbouring district).

export interface ContentTerm {
  stems: string[];
  synonyms: string[];
  weight: number;
  /** A light verb or filler ("go", "hold", "take part"): says little of what is asked. */
  light: boolean;
}

/** Verbs and fillers that carry little of what is asked ("belong", "take part", "hold"). */
const LIGHT_WORDS = new Set(
  "belong take took taken part hold held reach reached get got put forward set come came go went make made sit count contain want will need use used become became keep kept according let lets".split(" ").map(stem),
);

/** Words of a "how many" question that name the answer's type: "what is the exact number", "the precise figure". */
const FIGURE_WORDS = new Set("number figure figures exact precise".split(" ").map(stem));
/** Words of a "when" question that name the answer's type rather than what is asked. */
const DATE_WORDS = new Set("date dates day days time deadline deadlines".split(" ").map(stem));
/** Words of a "how much money" question that name the answer's type (a sum of money). */
const MONEY_WORDS = new Set("money funding funds".split(" ").map(stem));
/** Words of a "who" question that name the answer's type ("…party secretary name", "full name of the chairman"). */
const PERSON_WORDS = new Set("name names full".split(" ").map(stem));

/**
 * The terms that say what is asked, weighted by rarity (clipped, so one rare verb cannot outweigh the
 * rest): places, names and years are left out (they are checked against the article instead),
 * committee boilerplate and light verbs count little, and the first few specific terms (the head of
 * the question: "who chaired", "how many resolutions") count double. `countsMoney`: the question counts a sum of
 * money ("how much money …"), which its word "money" names.
 */
export function contentTerms(q: AnalyzedQuestion, weights: Map<string, number>, countsMoney = false): ContentTerm[] {
  const anchors = [...q.places, ...q.names];
  const anchorWords = new Set(anchors.flatMap((n) => tokenize(fold(n))).map(stem));
  // "Hong Linh town's …", "Cam Xuyen district": the kind of place goes with its name, which is checked against the
  // article; it says little of what is asked ("…the Party Committee of the town has …" still repeats it).
  const placeKinds = new Set<string>();
  for (const n of anchors) {
    const kind = new RegExp(`\\b${escapeRegExp(fold(n))}(?:['’]s)?\\s+(district|town|commune|ward|city|province)\\b`).exec(q.folded)?.[1];
    if (kind) placeKinds.add(stem(kind));
  }
  let focus = 3;
  return q.terms
    .filter((t) => !anchorWords.has(t.stem) && !q.years.includes(t.text))
    .map((t) => {
      // "date", "day", "deadline" in a "when" question name the answer's type, which the date check looks for.
      const light = LIGHT_WORDS.has(t.stem) || !!t.baseline || (q.wantsDate && DATE_WORDS.has(t.stem)) || (q.wantsPerson && PERSON_WORDS.has(t.stem)) || (q.wantsFigure && FIGURE_WORDS.has(t.stem)) || (countsMoney && MONEY_WORDS.has(t.stem)) || placeKinds.has(t.stem);
      const idf = Math.min(3, Math.max(0.5, weights.get(t.stem) ?? 1));
      const isFocus = !t.weak && !light && focus-- > 0;
      return {
        // A span ("2025-2030") is met however it is written ("2025–2030", "2025 - 2030"): by its two years.
        stems: /^(19|20)\d{2}-(19|20)?\d{2}$/.test(t.text) ? t.text.split("-") : /\d/.test(t.text) ? [t.stem, ...t.text.split(/[.,/\-]/).filter(Boolean)] : [t.stem],
        synonyms: synonymStems(t.stem),
        weight: idf * (t.weak ? 0.4 : light ? 0.15 : 1) * (isFocus ? 2 : 1),
        light,
      };
    });
}

/**
 * How much of the question a unit covers: terms in the sentence itself count fully (synonyms 0.8),
 * terms elsewhere in its passage or list heading count 0.4 (the context the sentence sits in).
 */
export function contentCoverage(terms: ContentTerm[], unit: TextUnit, passageWords: Set<string>): number {
  if (terms.length === 0) return 1;
  const here = stemSet(unit.text);
  const heading = unit.heading ? stemSet(unit.heading) : new Set<string>();
  let have = 0;
  let all = 0;
  for (const t of terms) {
    all += t.weight;
    if (t.stems.every((s) => here.has(s))) have += t.weight;
    else if (t.synonyms.some((s) => here.has(s))) have += 0.8 * t.weight;
    else if ([passageWords, heading].some((words) => t.stems.every((s) => words.has(s)) || t.synonyms.some((s) => words.has(s)))) {
      have += 0.4 * t.weight;
    }
  }
  return have / all;
}

export interface ArticleScope {
  problems: string[];
  /** The question's year is the year the report was dated: it dates the event, not each sentence. */
  yearIsEventYear: boolean;
  /** Offset of each passage in the article's joined text. */
  offsets: Map<number, number>;
  /** Districts and towns the article names, and where. */
  mentions: { at: number; name: string }[];
  subPlaces: Set<string>;
  /**
   * The report is about another province or city than the one asked ("…key tasks of provincial Party Committee
   * (Binh Duong)" for a Hanoi question; a Hung Yen city report for Hung Yen province): only its sentences that
   * name the asked place answer for it.
   */
  elsewhere: { asked: string; about: string; seat: boolean } | null;
  /** The day the report is dated ("December 7 (2022)", "2022-12-07"), if its date gives one, and its year. */
  reportDay: DayOfMonth | null;
  reportYear: number | null;
}

/** What an article says about the question's anchors, and where it names which district or town. */
export function articleScope(q: AnalyzedQuestion, article: ArticleSummary, passages: StoredPassage[], layouts: Map<string, ArticleLayout>): ArticleScope {
  const layout = articleLayout(article, passages, layouts);
  const { text, offsets, mentions, subPlaces } = layout;
  const eventYear = article.date?.slice(0, 4) ?? null;
  return {
    problems: articleMismatches(q, article, text),
    yearIsEventYear: eventYear !== null && eventYears(q.raw).includes(eventYear),
    offsets,
    mentions,
    subPlaces,
    elsewhere: reportElsewhere(q, article, layout),
    reportDay: daysOfMonth(article.date ?? "")[0] ?? null,
    reportYear: yearOfDate(article.date),
  };
}

/** Whether the report is about another province or city than the question's (see ArticleScope.elsewhere). */
function reportElsewhere(q: AnalyzedQuestion, article: ArticleSummary, layout: ArticleLayout): ArticleScope["elsewhere"] {
  const asked = q.places[0];
  if (!asked) return null;
  const own = `${article.place ?? ""} ${article.title}`;
  const about = (layout.ownPlaces ??= findPlaces(own));
  if (about.length === 0) return null;
  const match = about.find((p) => p.name === asked);
  if (!match) return { asked, about: about[0]!.name, seat: false };
  // "The Party Congress of Hung Yen city": the province's seat, unless the question asks about the city too.
  const seat = seatNamed(own, match.matched) && !seatNamed(q.raw, match.matched);
  return seat ? { asked, about: `${asked} City`, seat: true } : null;
}

/** "<province> city" in a text: the province's seat, not the province. */
function seatNamed(text: string, provinceWritten: string): boolean {
  const name = fold(provinceWritten);
  let pattern = seatPatterns.get(name);
  if (!pattern) seatPatterns.set(name, (pattern = new RegExp(`(?<![\\p{L}])${escapeRegExp(name)}(?:'s)? city(?![\\p{L}])`, "u")));
  return pattern.test(fold(text));
}
const seatPatterns = new Map<string, RegExp>();

/** Whether a sentence names the asked province itself (not only its seat, when `seat`). */
function sentenceNamesPlace(sentence: string, folded: string, place: string, seat: boolean): boolean {
  // Most sentences name no spelling of it at all: that is cheap to see.
  if (!spellingsOf(place).some((s) => folded.includes(s))) return false;
  return findPlaces(sentence).some((p) => p.name === place && !(seat && seatNamed(sentence, p.matched)));
}

const spellings = new Map<string, string[]>();
/** A province's or city's spellings, folded ("thua thien hue", "hue"). */
function spellingsOf(place: string): string[] {
  let out = spellings.get(place);
  if (!out) {
    const entry = PLACES.find((p) => p.name === place);
    out = (entry ? foldedSpellings(entry) : [fold(place)]).flatMap((s) => [s, s.replace(/ /g, "")]);
    spellings.set(place, out);
  }
  return out;
}

export interface ArticleLayout {
  text: string;
  offsets: Map<number, number>;
  mentions: { at: number; name: string }[];
  subPlaces: Set<string>;
  /** The people its runs of capitalised words name, folded (read on first need). */
  people?: Set<string>;
  /** The provinces and cities its place and title name (read on first need). */
  ownPlaces?: ReturnType<typeof findPlaces>;
}

/**
 * People of the given articles whom the question names in lower case ("what did vuong dinh hue ask"), as the
 * articles write them: names to check against a report, not words a sentence must repeat ("He asked…").
 */
export function peopleNamed(q: AnalyzedQuestion, articles: { article: ArticleSummary; passages: StoredPassage[] }[], layouts: Map<string, ArticleLayout>): string[] {
  const out = new Set<string>();
  const question = ` ${tokenize(q.folded).join(" ")} `;
  for (const { article, passages } of articles) {
    const layout = articleLayout(article, passages, layouts);
    // The people named in the article's runs of capitalised words ("Secretary Vuong Dinh Hue" → Vuong Dinh Hue), read
    // once per write version.
    layout.people ??= new Set([...layout.text.matchAll(CAPITAL_RUN)].flatMap((m) => personNames(m[0]).filter(isVietnameseName).map(fold)));
    for (const folded of layout.people) if (question.includes(` ${folded} `)) out.add(folded);
  }
  for (const n of q.names) out.delete(fold(n));
  return [...out];
}

const CAPITAL_RUN = /\p{Lu}[\p{Ll}\p{M}]+(?:\s+\p{Lu}[\p{Ll}\p{M}]+){1,6}/gu;
/**
 * A person's name as these reports write one: Vietnamese syllables, at most seven letters each ("Nguyen", "Khuong").
 * "Editorial Team", "Document Subcommittee" and capitalised committee words ("…have held Party Cell Congresses") are not.
 */
function isVietnameseName(name: string): boolean {
  return name.split(" ").every((w) => fold(w).length <= 7 && !NOT_A_NAME_SYLLABLE.test(w));
}

/** Capitalised committee words: a run holding one is no person's name. */
const NOT_A_NAME_SYLLABLE = /^(?:cells?|congress(?:es)?|conferences?|committees?|sessions?|councils?|blocs?|boards?|departments?|offices?|agencies|plans?|projects?|programs?|resolutions?|directives?|members?|organizations?|branch(?:es)?)$/i;

/** An article's joined text and where it names which district; `layouts` is the store's cache for its current write version. */
function articleLayout(article: ArticleSummary, passages: StoredPassage[], layouts: Map<string, ArticleLayout>): ArticleLayout {
  const key = article.id;
  const cached = layouts.get(key);
  if (cached) return cached;
  const offsets = new Map<number, number>();
  let length = 0;
  for (const p of passages) {
    offsets.set(p.id, length);
    length += p.text.length + 1;
  }
  const text = passages.map((p) => p.text.replace(/\n/g, " ")).join(" ");
  const folded = fold(text);
  const subPlaces = new Set(findSubPlaces(text).map((s) => fold(s.name)));
  const mentions: { at: number; name: string }[] = [];
  for (const name of subPlaces) {
    for (const m of folded.matchAll(wordPattern(name, "gu"))) mentions.push({ at: m.index!, name });
  }
  mentions.sort((a, b) => a.at - b.at);
  const layout = { text, offsets, mentions, subPlaces };
  layouts.set(key, layout);
  return layout;
}

/** The text names a day the question names ("January 17" for "jan 17 2024"). */
function namesAskedDay(q: AnalyzedQuestion, text: string): boolean {
  if (q.days.length === 0) return false;
  const named = daysOfMonth(text);
  return q.days.some((d) => named.some((n) => n.month === d.month && n.day === d.day));
}

/** The sentence names the asked event only as what another meeting passed on: "…to inform the results of the 8th session". */
function aboutAskedEvent(sentence: string, q: AnalyzedQuestion): boolean {
  const named = numberedEvents(sentence).filter((e) => namesEvent(q.events, e));
  return named.length > 0 && named.every((e) => {
    const at = sentence.indexOf(e.text);
    return ABOUT_EVENT.test(sentence.slice(Math.max(0, at - 80), at));
  });
}

/** Where a question's question word is (events named after it are the ones asked about). */
const QUESTION_WORD_AT = /\b(?:what|which|when|who|whom|how|where|why)\b/;
const ASKED_EVENT_BONUS = 0.15;

/** Words a meeting about another one names it after: "inform / disseminate / study the results of". */
const ABOUT_EVENT = /\b(?:inform\w*|brief\w*|disseminat\w*|stud(?:y|ied|ying)|learn\w*|grasp\w*)\s+(?:[\p{L}-]+\s+){0,3}?(?:the\s+)?(?:results?|outcomes?|conclusions?|resolutions?)\s+of\b[^.;,]{0,60}$/iu;

/** A question for a day, not only a year: "on what date", "which day", "what dates". */
const DAY_ASKED = /\b(?:what|which) (?:dates?|days?)\b/;
/** A meeting asked by its kind: "the pilot congress", "the extraordinary session", "a model congress". */
const KIND_OF_MEETING = /\b(pilot|model|extraordinary|thematic)\s+(congress|conference|session|meeting)(?:es|s)?\b/;
/** Kinds that name the same meeting: a "pilot" congress is the "model" one. */
const SAME_KIND: Record<string, string[]> = { pilot: ["pilot", "model"], model: ["pilot", "model"] };

/** Whether the question asks a meeting by its kind and the (folded) sentence names that meeting word only without it. */
function otherKindOfMeeting(question: string, sentence: string): boolean {
  const asked = KIND_OF_MEETING.exec(question);
  if (!asked) return false;
  const kinds = SAME_KIND[asked[1]!] ?? [asked[1]!];
  const meeting = new RegExp(`\\b${asked[2]}(?:es|s)?\\b`);
  return meeting.test(sentence) && !kinds.some((k) => new RegExp(`\\b${k}\\b`).test(sentence));
}

/** A day asked for, not a month: "exact date", "which day of the month". */
const EXACT_DAY_ASKED = /\b(?:exact|precise|specific) (?:date|day)\b|\b(?:what|which) day of the month\b/i;
const MONTH_WORDS = new RegExp(`\\b(?:${MONTH_PATTERN})\\b`, "gi");
/** The months a text names, by their first three letters. */
function monthsIn(text: string): string[] {
  return [...text.matchAll(MONTH_WORDS)].map((m) => m[0].slice(0, 3).toLowerCase());
}
/** Whether a sentence names months, each of them one the question names too. */
function onlyMonthsOf(sentence: string, question: string): boolean {
  const months = monthsIn(sentence);
  const asked = monthsIn(question);
  return months.length > 0 && months.every((m) => asked.includes(m));
}

/** A question for the day something ends: "runs till when", "until what date", "when will it close". */
const END_ASKED = /\b(?:till|until) (?:when|what date|which date|what day)\b|\bwhen (?:does|did|will|is|was)\b[^?]*(?<!-)\b(?:end|ends|ended|close|closes|closed|finish\w*|wrap\w* up|conclude\w*)\b(?!\s+of\b)|(?<!-)\b(?:end|closing) date\b/;
/** A sentence giving an end: "closed", "will last until December 9", "to be held until", "wrapped up". */
const END_GIVEN = /\b(?:clos\w*|ends?|ended|ending|until|till|through|conclud\w*|finish\w*|wrap\w*|last\w*|complet\w*)\b/i;

/** A meeting planned to start on one of `days` that the report, dated `reported`, tells of within its first week. */
function underWay(days: DayOfMonth[], reported: DayOfMonth | null, reportYear: number | null, sentenceYears: string[]): boolean {
  // (A year the sentence names must be the report's: "…will be held on December 7, 2025" in a 2024 report is a plan.)
  if (sentenceYears.length && (reportYear === null || !sentenceYears.includes(String(reportYear)))) return false;
  return !!reported && days.some((d) => d.month === reported.month && reported.day >= d.day && reported.day <= d.day + 6);
}

/** The sentence gives its figure as of a month other than the one the question names a day of. */
function statusElsewhen(q: AnalyzedQuestion, sentence: string): boolean {
  if (q.days.length === 0) return false;
  const status = statusMonth(sentence);
  if (!status) return false;
  const sameYear = status.year === null || q.years.length === 0 || q.years.includes(String(status.year));
  return !(sameYear && q.days.some((d) => d.month === status.month));
}

/** Reasons why an article cannot be the one the question asks about. */
function articleMismatches(q: AnalyzedQuestion, article: ArticleSummary, text: string): string[] {
  const problems: string[] = [];
  const haystack = fold(`${article.title} ${article.place ?? ""} ${article.source ?? ""} ${article.url ?? ""} ${text}`);
  const namesHere = q.names.filter((n) => containsWords(haystack, fold(n)));
  for (const place of q.places) {
    if (containsWords(haystack, fold(place))) continue;
    // A district report may never name its province: accept it when it names the question's district
    // and no other province is what the report is about.
    const reportProvinces = findPlaces(`${article.place ?? ""} ${article.title}`).map((p) => p.name);
    if (namesHere.length > 0 && reportProvinces.length === 0) continue;
    problems.push(`place ${place} not in the report`);
  }
  for (const name of q.names) if (!namesHere.includes(name)) problems.push(`"${name}" not in the report`);
  // "the oct 19 conference": a report that never names October 19 is about another meeting.
  if (q.days.length && !namesAskedDay(q, `${article.date ?? ""} ${article.title} ${text}`)) problems.push(`date ${q.days.map((d) => `${d.day}/${d.month}`).join(", ")} not in the report`);
  // "the 26th conference", "Hung Yen's 19th provincial party congress": a report that never names it is about another.
  const reportEvents = q.events.length ? numberedEvents(`${article.title} ${text}`) : [];
  for (const e of q.events) if (!namesEvent(reportEvents, e)) problems.push(`the ${e.text} is not in the report`);
  // "nhiệm kỳ 2025-2030": a report that names terms but never this one is about another congress's.
  const askedSpans = q.spans.filter((a) => a.from < a.to);
  if (askedSpans.length) {
    const named = yearMentions(`${article.title} ${text}`).filter((y) => y.from < y.to);
    // (A report of the congress opening the asked term names only the terms before it: "…the 2020-2025 term's
    // results", its meetings dated in the term's first year or the one before: "The pilot congress will be held in March 2025".)
    const meetingYear = yearOfDate(article.date) ?? Math.max(0, ...[...text.matchAll(MONTH_YEAR)].map((m) => Number(m[1])));
    const opensTerm = (a: { from: number; to: number }) => named.every((y) => y.to <= a.from) && meetingYear >= a.from - 1 && meetingYear <= a.to;
    if (named.length && !askedSpans.some((a) => named.some((y) => y.from === a.from && y.to === a.to) || opensTerm(a))) {
      problems.push(`the ${askedSpans.map((a) => `${a.from}-${a.to}`).join(", ")} span is not in the report`);
    }
  }
  if (q.years.length) {
    const when = `${article.date ?? ""} ${article.title} ${text}`;
    // A span in the question ("2015-2020") may be met by the same span in the report; a single year must be named.
    const covered = q.years.some((y) => when.includes(y)) || (q.years.length > 1 && yearsClaimed(when).some((y) => q.years.includes(y)));
    if (!covered) problems.push(`year ${q.years.join("/")} not in the report`);
  }
  return problems;
}

export interface UnitJudgement {
  problems: string[];
  penalty: number;
  /** Bonus for holding the kind of thing asked for: a figure next to the asked term, a person, a date. */
  bonus: number;
  /**
   * The sentence holds what the question asks for as such: a figure counting what "how many …" counts ("8,300
   * officials" for "how many people"), or a person with the verb "who …" asks about ("Chairing the event, … Nen").
   */
  counts: boolean;
}

/** Judges one unit against the question: hard problems, soft penalties, answer-type bonus. */
export function judgeUnit(q: AnalyzedQuestion, scope: ArticleScope, unit: TextUnit, at: number, content: ContentTerm[], counted: string | null = null): UnitJudgement {
  const problems: string[] = [];
  let penalty = 0;
  let bonus = 0;
  let counts = false;
  const sentence = unit.text;
  const foldedSentence = fold(sentence);

  if (q.years.length) {
    // A date or a person is not dated by the term a congress is named for ("…towards the 10th Congress, term 2025-2030, on November 6").
    // Nor is a sentence about the year a document it names was issued ("…review Resolution 18-NQ/TW dated October 25, 2017").
    const claimed = yearsClaimed(`${unit.heading ?? ""} ${sentence.replace(DOCUMENT_DATE, " ")}`, { terms: !(q.wantsDate || q.wantsPerson) });
    // "by June 30, 2013" answers for "the 2010-2015 resolution's mid-term review": a year inside an asked span.
    const insideSpan = (y: string) => q.spans.some((a) => Number(y) >= a.from && Number(y) <= a.to);
    if (claimed.length && !claimed.some((y) => q.years.includes(y) || insideSpan(y))) {
      // "In 2022, GRDP grew 13.4%" does not answer for 2023, unless 2023 is only when the meeting was.
      // (A sentence dated the asked day is the meeting's, whatever year's work it reviews: "On the morning of January 17, …
      // chaired an online conference to review the work of 2023" for "who chaired the jan 17 2024 briefing".)
      if (scope.yearIsEventYear) penalty += namesAskedDay(q, sentence) ? 0 : 0.3;
      else problems.push(`sentence is about ${claimed.join(", ")}`);
    }
  }

  // "the 26th conference" is not answered by "…opened its 22nd conference" (a sentence naming both may answer).
  for (const e of q.events) {
    // (The national congress a provincial one implements is context, not another congress.)
    // (Nor does "…assessing the implementation results of the Resolution of the 17th Provincial Party Congress" speak of the
    // 17th congress: it names the resolution under review, for a report to the 18th.)
    const named = numberedEvents(sentence).filter((x) => x.kind === e.kind && x.national === e.national && !namesItsResolution(sentence, x));
    // ("When is the 15th session set, per the standing committee's 32nd meeting?": naming either one the question names will do.)
    if (named.length && !namesEvent(named, e) && !q.events.some((other) => other !== e && namesEvent(named, other))) problems.push(`sentence is about the ${named[0]!.text}, not the ${e.text}`);
  }

  // "Under the plan for congresses towards the 14th National Party Congress, by what date must the 8th District Party
  // Congress be completed?": the event after the question word is the one asked about; a sentence naming it answers
  // better than one naming only the context's ("…the model Party cell congress will be completed before March 18").
  const askedAt = QUESTION_WORD_AT.exec(q.folded)?.index ?? -1;
  const askedEvents = askedAt < 0 ? [] : q.events.filter((e) => q.folded.indexOf(fold(e.text)) > askedAt);
  if (askedEvents.length && askedEvents.length < q.events.length && numberedEvents(sentence).some((x) => namesEvent(askedEvents, x))) bonus += ASKED_EVENT_BONUS;

  // "in the 2021-2026 tenure" is not answered by "during the 2016-2021 tenure", though the two share 2021.
  if (q.spans.length) {
    const mentioned = yearMentions(`${unit.heading ?? ""} ${sentence}`).filter((y) => !y.baseline);
    const spans = mentioned.filter((y) => y.from < y.to);
    const sameSpan = spans.some((y) => q.spans.some((a) => a.from === y.from && a.to === y.to));
    const yearInside = mentioned.some((y) => y.from === y.to && q.spans.some((a) => y.from >= a.from && y.from <= a.to));
    if (spans.length && !sameSpan && !yearInside) problems.push(`sentence is about ${spans.map((y) => `${y.from}-${y.to}`).join(", ")}`);
  }

  if (q.wantsOrdinal) {
    // "…là đại hội lần thứ mấy": a sentence naming a numbered event of the kind asked ("the 15th … Military Party Congress").
    // "At which numbered meeting … on the draft for the 11th Provincial Party Congress": the kind after the question
    // word is asked; the congress the question names is context, not the answer.
    // (Put into English from Vietnamese, the noun comes first: "… conference Executive Committee what ordinal".)
    const kindAsked =
      /\b(?:what|which) (?:number|numbered|ordinal) (congress|conference|session|meeting|plenum)\b/.exec(q.folded)?.[1] ??
      /\b(congress|conference|session|meeting|plenum)\b(?:(?!\b(?:congress|conference|session|meeting|plenum)\b)[^?])*\b(?:what|which) ordinal\s*\??\s*$/.exec(q.folded)?.[1];
    const asked = kindAsked ? (kindAsked === "congress" ? "congress" : "meeting") : (q.events[0]?.kind ?? (/\bcongress\b/.test(q.folded) ? "congress" : /\b(conference|session|meeting|plenum)\b/.test(q.folded) ? "meeting" : null));
    const named = numberedEvents(sentence).filter((e) => !e.national && (asked === null || e.kind === asked) && !q.events.some((g) => g.n === e.n && g.kind === e.kind));
    if (named.length === 0) problems.push("no numbered event in sentence");
    else {
      // The answer's own type, as a figure counting the asked noun is: fewer of the question's words need be there.
      counts = true;
      bonus += 0.15;
    }
  } else if (q.wantsFigure) {
    // The figure must be news: not a year, not an ordinal ("26th session"), not a number the question gave.
    // "What number is the plan?" asks for the code ("Plan No. 162-KH/TU"); otherwise a code is no figure.
    const figures = newFigures(sentence, q, q.wantsCode);
    // "How many years is Hung Yen celebrating?" is answered by "the 190th anniversary of the foundation of Hung Yen".
    const anniversary = /\banniversar/.test(q.folded) && (counted === null || /^years?$/.test(counted)) && ANNIVERSARY.test(sentence);
    if (figures.length === 0 && !NUMBER_WORDS.test(sentence) && !anniversary) problems.push("no figure in sentence");
    // "What percentage of 'high confidence' votes …?" is not answered by "…ended after 3 days of meeting": a share.
    else if (PERCENT_ASKED.test(q.folded) && !SHARE_GIVEN.test(sentence)) problems.push("no percentage in sentence");
    // "How many party members…" is answered by a number of members (or their like), not "half a day" or "2 units".
    // "How many party members…" asks for a party's membership: "450 full-time cadres" (the audience of a training) are people, not it.
    else if (counted && !anniversary && !countsThing(sentence, figures, counted, asksPartyMembers(q))) problems.push(`no figure counting ${counted}`);
    // "How many extraordinary conferences will it hold?" is not answered by "…will hold 4 regular conferences".
    else if (counted && countsOtherKind(q.folded, foldedSentence, counted)) problems.push(`the figure counts other ${counted}`);
    // "How many party members does Nghi Xuan have?" is not answered by "…with 123 new members admitted this year".
    else if (counted && countsOnlyNewOnes(q.folded, foldedSentence, counted)) problems.push(`the figure counts new ${counted}`);
    // "How many delegates attended the 19th congress?" is not answered by the delegation it elected "to attend the 13th
    // National Party Congress, including 19 official delegates".
    else if (counted && /^delegat/.test(counted) && delegatesSentElsewhere(q, sentence)) problems.push("the delegates are sent to another congress");
    // "How many members were elected to the city's executive committee?" is not answered by "…and 245 representatives
    // attended": people counted for what the question asks they were (elected, admitted, disciplined), or for nothing.
    else if (counted && PERSON_COUNTS.has(counted) && peopleActionMissing(q, foldedSentence)) problems.push(`the figure counts no ${counted} ${PEOPLE_ACTION.exec(q.folded)![1]}`);
    // "…by the june 15 2025 deadline" is not answered by "As of January 2025, 40/172 Party cells have held…".
    else if (statusElsewhen(q, sentence)) problems.push(`sentence gives the figure as of another month`);
    else {
      counts = counted !== null;
      if (figureNextToTerm(sentence, figures, content)) bonus += 0.15;
      // "…with 3,492 Party members" counts the members asked for itself, "…and 30 individuals" only people like them.
      if (counted && countsItself(q, sentence, figures, counted)) bonus += 0.3;
    }
  } else if (q.wantsDate) {
    // A question that gives the year ("its 2023 review conference") asks for the day or month, not a year.
    // Nor is a term ("term 2020 - 2025") the date of a meeting.
    // Nor is the date a document was issued ("Resolution No. 27-NQ/TW dated August 6, 2008").
    // (Unless the question asks when it was issued, signed, adopted or set up: "established on what date" is the
    // decision's, "on what date … adopted its Resolution No. 74" the resolution's.)
    const terms = sentence.replace(/\b(19|20)\d{2}\s*[-–]\s*(19|20)\d{2}\b/g, " ");
    const withoutTerms = /\b(establish\w*|issu\w*|sign\w*|found\w*|set up|decid\w*|decision|promulgat\w*|dated|adopt\w*)\b/.test(q.folded) ? terms : terms.replace(DOCUMENT_DATE, " ");
    const days = daysOfMonth(withoutTerms);
    // ("On what date / which day …" asks for a day too: "…the review report of 2019" gives a year only.)
    if (!(q.years.length || DAY_ASKED.test(q.folded) ? DAY_OR_MONTH : DATE).test(withoutTerms)) problems.push("no date in sentence");
    // "By what date …, according to the plan presented at the November 13, 2024 conference?" is not answered by
    // "At the conference on the morning of November 13, …": the date asked for is one the question does not give.
    else if (q.days.length && days.length && days.every((d) => q.days.some((a) => a.day === d.day && a.month === d.month))) problems.push("the only date is the one the question gives");
    // "When is the pilot congress?" is not answered by "Grassroots Party organizations will hold their congresses from
    // April 2025, …": a meeting of the kind asked ("pilot" or "model", "extraordinary"), or none named.
    else if (otherKindOfMeeting(q.folded, foldedSentence)) problems.push(`the date is of another ${KIND_OF_MEETING.exec(q.folded)![2]}`);
    // "Exact date it is held in March 2025?" is not answered by "The pilot congress will be held in March 2025": a
    // month the question gives, and no day.
    else if (EXACT_DAY_ASKED.test(q.folded) && days.length === 0 && onlyMonthsOf(withoutTerms, q.folded)) problems.push("the only date is the month the question gives");
    else {
      bonus += 0.1;
      // "When is the 15th session set to take place?": a date beside the numbered meeting asked is the answer's own type.
      if (q.events.length && numberedEvents(sentence).some((x) => namesEvent(q.events, x))) counts = true;
    }
    // "When did the 8th session of the 13th Central Committee take place?" is not answered by the day a province met
    // "to briefly inform the results of the 13th Party Central Committee's 8th session": that date is the other meeting's.
    // (Unless that is the meeting asked about: "when did Binh Duong brief officials on the results of the 8th session?")
    if (q.events.length && aboutAskedEvent(sentence, q) && !aboutAskedEvent(q.raw, q)) problems.push("the date is of a meeting about the asked one");
    // "… runs till when", "when does it close": the end, which "…opened this morning" does not give.
    if (END_ASKED.test(q.folded) && !END_GIVEN.test(withoutTerms) && !DATE_RANGE.test(withoutTerms)) problems.push("the date is not when it ends");
    // "Session dates", "on which days": "…will take place on December 7 and 8" more than "…opened on December 7".
    if (/\b(dates|days)\b/.test(q.folded)) {
      if (DATE_RANGE.test(withoutTerms)) {
        // The answer's own type: fewer of the question's words need be there.
        counts = true;
        bonus += 0.2;
      }
      else penalty += 0.2;
    }
    if (q.asksWhenHeld) {
      // "When was the congress actually held?" is not answered by the plan "…will be held and completed before August 31, 2025",
      // nor by a count as of a month ("As of January 2025, 40/172 Party cells … have held Party Cell Congresses").
      // (Unless the report is dated on the planned first day or the days after it: "As planned, the session will take
      // place on December 7 and 8" in the report of December 7 is the meeting under way.)
      if (PLANNED_DATE.test(withoutTerms) && !underWay(days, scope.reportDay, scope.reportYear, yearsClaimed(withoutTerms, { terms: false }))) problems.push("the date is a plan");
      else if (statusMonth(sentence) && days.length === 0) problems.push("no date in sentence");
    } else if (q.asksWhenPlanned) {
      // "When is the grassroots congress expected?": "…is expected to be held in March 2025" more than the day the
      // propaganda for it began.
      if (PLANNED_DATE.test(withoutTerms)) bonus += 0.2;
      else penalty += 0.1;
    }
    // "Deadline for the congresses": "…completing them before March 31, 2025", not the day the plan was announced.
    if (q.wantsDeadline) {
      // (A deadline is the answer's own type, as a range is for "which days": fewer of the question's words need be there.)
      if (DEADLINE_DATE.test(withoutTerms)) {
        counts = true;
        bonus += 0.15;
      } else penalty += 0.15;
    }
  } else if (q.wantsPerson) {
    // "Nghi Xuan", "Dien Chau": the districts a report names are not people.
    // A speaker named by surname alone ("…, Thuong stressed") is named as much as by full name.
    const named = [...personNames(sentence), ...speakerSurnames(sentence)].filter((n) => !scope.subPlaces.has(fold(n)));
    // "Who is head of the Propaganda Department in Ninh Binh — the official who sat in with Truong Thi Mai?": the
    // person the question names is context; a sentence naming only her is no answer ("Who is Truong Thi Mai?" is).
    const askedNames = q.names.map(fold).filter((n) => !scope.subPlaces.has(n) && !new RegExp(`^\\s*(?:who|whom)\\s+(?:is|was)\\s+(?:comrade\\s+|mr\\.?\\s+|ms\\.?\\s+)?${escapeRegExp(n)}\\b`).test(q.folded));
    // ("Ms. Thuy" in the question is the sentence's "Nguyen Minh Thuy", and "Thuong" its "Vo Van Thuong".)
    if (named.length && askedNames.length && named.every((n) => isAskedName(askedNames, n))) problems.push("the sentence names only the person the question gives");
    // "Who was there on behalf of the province's internal affairs department?": a name whose post in the sentence is
    // the one asked ("…; Le Huu Quy, Head of the Provincial Party Committee's Internal Affairs Department; …").
    const role = roleAsked(q);
    // "Who was head of Khanh Hoa's provincial party organization committee?" is not answered by "…, Head of the
    // Central Organizing Committee chaired the conference": the body asked is the province's, the one named the centre's.
    const provincialBodyAsked = BODY.test(q.folded) && /\bprovincial\b/.test(q.folded);
    // "Who was elected Secretary of the Hung Yen city Party Committee?" is not answered by "…Mr. Do Tien Sy, …,
    // Provincial Party Secretary": the post asked is the city's, the one named the province's.
    const provincePostForLocal = LOCAL_POST_ASKED.test(q.folded) && /\bProvincial\b/.test(sentence) && !LOCAL_LEVEL.test(sentence);
    if (named.length && provincePostForLocal) problems.push("the person named holds the province's post");
    else if (named.length && role.length && holdsRole(sentence, role, provincialBodyAsked, askedNames)) {
      counts = true;
      bonus += 0.3;
    }
    if (named.length === 0) problems.push("no person named in sentence");
    // "Who chaired…" answered by "Chairing the event, … Nguyen Van Nen said…": the person and the asked verb
    // ("… - who from the secretariat said …" by "…, Thuong stressed, adding that …": a speaker for a speaker).
    else if (askedVerbIn(q, foldedSentence) || (SPEAKER_ASKED.test(q.folded) && SPEECH_VERB.test(foldedSentence))) {
      counts = true;
      bonus += 0.2;
    }
    // "Which deputy secretaries…", "list the members": a sentence naming several people.
    else if (PLURAL_PEOPLE.test(q.folded) && new Set(named).size >= 2) bonus += 0.2;
    // "Who is Thai Binh's party secretary?" is not answered by "…, Secretary of Thai Thuy District Party Committee".
    else if (q.places.length && !q.names.some((n) => scope.subPlaces.has(fold(n))) && LOCAL_ROLE.test(sentence) && !/\bProvincial\b|\bprovince'?s?\b/i.test(sentence)) {
      problems.push("the person named holds a district's post");
    }
    if (provincialBodyAsked && onlyCentralBodies(foldedSentence)) penalty += 0.3;
  }

  if (scope.elsewhere && !sentenceNamesPlace(sentence, foldedSentence, scope.elsewhere.asked, scope.elsewhere.seat)) {
    problems.push(`report is about ${scope.elsewhere.about}, not ${scope.elsewhere.asked}`);
  }

  // "who led discussion group no 2" is not answered by "…, Head of Group 1 chaired the discussion".
  if (q.groups.length) {
    const sameKind = numberedGroups(sentence).filter((g) => q.groups.some((a) => a.kind === g.kind));
    if (sameKind.length && !sameKind.some((g) => q.groups.some((a) => a.kind === g.kind && a.n === g.n))) problems.push(`sentence is about ${sameKind[0]!.kind} ${sameKind[0]!.n}`);
  }

  // A deputy is not the secretary, nor the secretary a deputy: the post asked must be the post named.
  if (q.wantsPerson || PLURAL_PEOPLE.test(q.folded)) {
    const askedDeputy = DEPUTY_POST.test(q.folded);
    const askedChief = !askedDeputy && CHIEF_POST.test(q.folded);
    // ("Who was Standing Deputy Head of the board?": a deputy head, not a deputy secretary.)
    const deputyOf = (text: string) => new Set([...text.matchAll(DEPUTY_POSTS)].map((m) => m[3]!.slice(0, 5)));
    const askedPosts = deputyOf(q.folded);
    if (askedDeputy && ![...deputyOf(foldedSentence)].some((p) => askedPosts.has(p))) penalty += 0.3;
    else if (askedChief && CHIEF_POST.test(foldedSentence) && !CHIEF_POST.test(foldedSentence.replace(DEPUTY_POSTS, " "))) penalty += 0.3;
  }

  // "Which ward in Ben Cat was picked …?" is answered by a sentence naming a ward ("…of My Phuoc Ward's Party
  // Committee"), not by "This is the Party Committee selected …".
  const placeKind = WHICH_PLACE_KIND.exec(q.folded)?.[1];
  if (placeKind) {
    const kind = `[${placeKind[0]!.toUpperCase()}${placeKind[0]}]${placeKind.slice(1)}`;
    if (!new RegExp(`\\p{Lu}[\\p{L}'’]*\\s+${kind}\\b|\\b${kind}\\s+(?:of\\s+)?\\p{Lu}`, "u").test(sentence)) problems.push(`no ${placeKind} named in sentence`);
  }

  // "Why was Tu Ky town chosen?": a sentence giving a reason ("…because it consistently performs well").
  if (q.wantsReason && givesReason(sentence)) bonus += 0.15;
  // "What is the vote of confidence meant to achieve?": "…the vote of confidence aims to contribute to assessing …"; a
  // sentence that states no aim only names the thing.
  if (q.wantsPurpose) {
    if (PURPOSE_WORDS.test(sentence)) bonus += 0.2;
    // (Even one repeating every word of the question: "…issued Plan No. 162-KH/TU on taking a vote of confidence …".)
    else penalty += 0.3;
  }
  // "Venue of the year-end sitting": "…opened the 12th session … at the Xu Dong Cultural Center" is the answer's kind.
  if (q.wantsVenue && VENUE.test(sentence)) {
    counts = true;
    bonus += 0.15;
  }

  // In a report on several districts, a sentence answers for the district it sits under.
  // "Tu Ky district" is not "Tu Ky town" (the district's seat): a sentence about the other one does not answer.
  for (const raw of q.names) {
    const name = fold(raw);
    const asked = subPlaceKindsNamed(q.folded, name)[0];
    if (!asked) continue;
    const said = subPlaceKindsNamed(foldedSentence, name);
    if (said.length && !said.includes(asked)) problems.push(`sentence is about ${raw} ${said[0]}, not ${raw} ${asked}`);
  }
  // (A commune or ward the question calls one counts though the report's places list only districts and towns:
  // "the minh duc commune party committee in tu ky" is not answered by "The Party Committee of Tu Ky town has 405…".)
  for (const raw of q.names) {
    const name = fold(raw);
    const calledPlace = scope.subPlaces.has(name) || subPlaceKindsNamed(q.folded, name).length > 0;
    if (!calledPlace || containsWords(foldedSentence, name)) continue;
    // (For a date or a person, a place the question names too is no other place: "what day did she inspect the my phuoc
    // ward congress in ben cat" is answered by a sentence about Ben Cat's congresses. A figure is the asked place's own:
    // "how many party members in the minh duc commune … in tu ky" is not answered by Tu Ky town's.)
    const namesOther = [...scope.subPlaces].some((other) => other !== name && (q.wantsFigure || !q.names.some((n) => fold(n) === other)) && containsWords(foldedSentence, other));
    if (namesOther) {
      problems.push(`sentence is about another place than ${raw}`);
      continue;
    }
    const last = [...scope.mentions].reverse().find((m) => m.at <= at);
    if (last && last.name !== name) penalty += 0.3;
  }
  return { problems, penalty, bonus, counts };
}

/** A place of meeting: "at the Xu Dong Cultural Center", "at the Headquarters of the Provincial Party Committee". */
const VENUE = /\b(?:at|in) the (?:[\p{Lu}][\p{L}'’-]*\s+){0,5}(?:Cent(?:er|re)|Hall|Hotel|Headquarters|Theat(?:er|re)|Palace|House|Building|Stadium|Auditorium|Square)\b/u;

/** "Which ward …", "what commune …": the answer names a place of that kind. */
// ("which district-level posts" asks about posts of a level, not which district.)
const WHICH_PLACE_KIND = /\b(?:which|what) (ward|commune|district|town|city|province)\b(?![-\s]level)/;

/** Posts: a deputy's ("deputy secretary", "vice chairman", "standing deputy secretary") and the chief's. */
const DEPUTY_POST = /\b(deputy|vice)\s+(party\s+)?(secretar\w*|chair\w*|head|director|president|commander)/;
const DEPUTY_POSTS = new RegExp(DEPUTY_POST.source, "g");
const CHIEF_POST = /\b(secretar\w*|chair(man|woman|person)?)\b/;
/** Whether the (folded) sentence holds the verb a "who <verb>…" question asks about ("chaired": chairing, presided), or its synonym. */
function askedVerbIn(q: AnalyzedQuestion, foldedSentence: string): boolean {
  const verb = /^\s*who\s+([a-z]+)/.exec(q.folded)?.[1];
  if (!verb || /^(is|was|are|were|has|have|had|will|would|can|do|does|did)$/.test(verb)) return false;
  const wanted = stemAndSynonyms(verb);
  return tokenize(foldedSentence).some((w) => wanted.has(stem(w)));
}

/** A question after several people: "which deputy secretaries", "list the members of the panel". */
const PLURAL_PEOPLE = /\b(secretaries|deputies|deputy secretaries|vice chairmen|chairmen|leaders|members|officials|comrades)\b/;
/** Party bodies a province has as the centre does: "organization committee", "propaganda department", "inspection committee". */
const BODY = /\b(?:organi[sz](?:ation|ing) (?:committee|commission|board)|propaganda (?:department|committee|board)|inspection (?:committee|commission)|mass mobili[sz]ation (?:committee|commission|board))\b/;
/** Each such body a sentence names, with the word before it ("central organizing committee"). */
const BODY_NAMED = new RegExp(`(\\S+\\s+)?(?:party\\s+)?${BODY.source}`, "g");
/** Folded text naming such bodies, every one of them the centre's ("the Central Organization Commission"). */
function onlyCentralBodies(folded: string): boolean {
  const bodies = [...folded.matchAll(BODY_NAMED)];
  return bodies.length > 0 && bodies.every((m) => /^central\b/.test(m[1] ?? ""));
}
/** A district's, city's or commune's post asked: "Secretary of the Hung Yen city Party Committee", "Nghi Xuan district party secretary". */
const LOCAL_POST_ASKED = /\b(?:secretary|chair\w*|head|leader)\s+of\s+(?:the\s+)?(?:[a-z']+\s+){0,3}?(?:city|municipal|district|town|commune|ward|township)\s+party\s+(?:committee|cell)\b|\b(?:city|municipal|district|town|commune|ward)\s+party\s+(?:secretary|chief)\b/;
/** A sentence naming a post below the province's ("… City Party Committee", "Municipal Party Secretary"). */
const LOCAL_LEVEL = /\b(?:City|Municipal|District|Town|Commune|Ward|Township)\s+Party\b/i;
/** A post in a district, town, commune or ward: "Secretary of Thai Thuy District Party Committee", "Hong Linh Town Party Secretary". */
const LOCAL_ROLE = /\b(District|Town|Commune|Ward|Township)\s+Party\s+(Committee|Secretary|Cell)\b/;
const PURPOSE_WORDS = /\b(?:aims?|aimed|aiming) (?:to|at)\b|\bpurposes?\b|\bin order to\b|\bso as to\b|\bso that\b|\bwith (?:the|a) (?:aim|goal|objective|view) (?:of|to)\b|\bintended to\b|\b(?:goal|objective|aim) is to\b|\b(?:is|are|was|were) responsible for\b|\b(?:its|their) (?:task|tasks|duty|duties|role|mission) (?:is|are) to\b/i;
/** A sentence giving a reason: "because …", "… so as to …", or a judgement of what was chosen ("These are units that are assessed to be highly united …"). */
const REASON_WORDS = /\b(because|due to|owing to|thanks to|as a result|in order to|so that|so as to|for the reason|the reason|(?:assessed|considered|evaluated|judged|deemed|recognized|recognised) (?:to be|as))\b/i;

/** Whether a sentence gives a reason (REASON_WORDS). */
export function givesReason(sentence: string): boolean {
  return REASON_WORDS.test(sentence);
}

/** Whether a sentence gives a date as a plan ("…will be held and completed before August 31, 2025"). */
export function givesPlannedDate(sentence: string): boolean {
  return PLANNED_DATE.test(sentence);
}

/** A date set for what is still to be done: "will be held and completed before …", "is scheduled to take place on …". */
const PLANNED_DATE = /\b(?:will|shall)\s+(?:\w+\s+){0,2}?(?:be\s+)?(?:held|hold|organi[sz]ed?|convened?|take place|completed?|finish\w*|opened?)\b|\b(?:completing|finishing)\b[^.;]{0,30}?\b(?:before|by|no later than)\b|\b(?:deadline|the last day|no later than)\b|\b(?:is|are) (?:scheduled|planned|expected|due|set) to\b|\bto be (?:held|completed|organi[sz]ed|convened)\b|\b(?:must|should|needs? to) (?:be )?(?:held|completed?|organi[sz]ed|finish\w*)\b/i;
/** A date something must be done by: "before March 31, 2025", "completing them by 30/6", "no later than May". */
const DEADLINE_DATE = new RegExp(`\\b(before|by|no later than|until|complet\\w*|finish\\w*|deadline)\\b[^.;]{0,30}?\\b(${MONTH_PATTERN}|\\d{1,2}/\\d{1,2})\\b`, "i");

/** More than one day: "December 7 and 8", "December 8, 11 and 12", "from October 2 to 8", "7-8 December". */
const DATE_RANGE = new RegExp(
  `\\b(?:${MONTH_PATTERN})\\s+\\d{1,2}(?:st|nd|rd|th)?(?:\\s*,\\s*\\d{1,2})*,?\\s*(?:and|to|-|–|until)\\s*(?:(?:${MONTH_PATTERN})\\s+)?\\d{1,2}\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s*(?:and|to|-|–)\\s*\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH_PATTERN})\\b`,
  "i",
);

/**
 * The date a document is "dated" or a body was set up (its issue, not an event): "dated August 6, 2008", "dated
 * 22/02/2013", "The Subcommittee was established by Decision No 4896-QĐ/TU on August 2, 2024".
 */
const DOCUMENT_DATE = new RegExp(
  `\\b(?:dated|(?:established|founded|set up|issued|signed|promulgated)\\b(?:(?!\\b(?:held|conference|congress|session|meeting)\\b)(?:No\\.|[^.;,])){0,50}?\\bon)\\s+(?:(?:${MONTH_PATTERN})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?(?:\\s+(?:19|20)\\d{2})?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH_PATTERN}),?(?:\\s+(?:19|20)\\d{2})?|\\d{1,2}/\\d{1,2}/\\d{2,4})`,
  "gi",
);

/** "the 190th anniversary": an ordinal that counts years. */
const ANNIVERSARY = /\b\d+(st|nd|rd|th) anniversary\b/i;
/** "one" as a pronoun after a determiner or an adjective: "the first one", "this one", "a year-end one". */
const PRONOUN_ONE = /\b((?:the|this|that|each|every|any|which|another|first|last|new|old|regular|special|[\p{L}]+-[\p{L}]+)\s+)one\b/giu;
const NUMBER_WORDS = new RegExp(`\\b(${CARDINAL_WORD}|half|double|twice)\\b`, "i");
/** A month with its year ("March 2025", "March 15, 2025"). */
const MONTH_YEAR = new RegExp(`\\b(?:${MONTH_PATTERN})\\.?\\s+(?:\\d{1,2}(?:st|nd|rd|th)?,?\\s+)?((?:19|20)\\d{2})\\b`, "g");
const DAY_OR_MONTH = new RegExp(`\\b(${MONTH_PATTERN}|\\d{1,2}/\\d{1,2}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b`, "i");
const DATE = new RegExp(`\\b(${MONTH_PATTERN}|\\d{1,2}/\\d{1,2}|(19|20)\\d{2}|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b`, "i");
/** People named in a sentence: two to four capitalised words that are neither titles nor places ("Tran Duc Thang"). */
export function personNames(sentence: string): string[] {
  const places = new Set(findPlaces(sentence).flatMap((p) => tokenize(fold(p.matched))));
  // ("…Delegation of National Assembly Deputies Giang Pao My emphasised": the title's last word runs into the name.)
  const withoutTitle = (name: string) => {
    const words = name.split(" ");
    while (words.length > 2 && !isVietnameseName(words[0]!)) words.shift();
    return words.join(" ");
  };
  return properNames(sentence).map(withoutTitle).filter((name) => {
    const words = name.split(" ");
    // An acronym is an outlet or a body ("Lai Chau (VNA)"), not part of a person's name.
    const acronym = words.some((w) => /^\p{Lu}{2,}$/u.test(w));
    return words.length >= 2 && words.length <= 4 && !acronym && !words.every((w) => places.has(fold(w))) && isVietnameseName(name);
  });
}

/**
 * The post a "who" question asks by its body: "on behalf of the province's internal affairs department" → internal,
 * affair, department; "which leader of the provincial People's Council" → people, council; "who headed the
 * provincial party committee's Organisation Committee" → organization.
 */
const ROLE_ASKED = /\b(?:on behalf of|representing|(head|chief|leader|director|chairman|chairwoman|secretary) of|who (?:headed|heads|was heading|is heading))\s+(?:the\s+)?([a-z' -]+?)(?=\s+(?:went|go|goes|was|were|is|are|did|does|attended|attend\w*|at|in|on|during|who|with|that|for|spoke|speaks|said|says|addressed|delivered|chaired|presided|led)\b|[?,.;]|$)/;
const ROLE_GENERIC = new Set(["party", "committee", "provincial", "province", "province's", "city", "city's", "district", "district's", "the", "of", "and", "s", "that", "this", "its", "their", "these", "those"]);

/** A post named by up to four words before its noun ("lai chau provincial party secretary"). */
const POST_NAMED = "((?:[a-z']+\\s+){0,4}?(?:secretary|chairman|chairwoman|chairperson|director|head|leader|president|chief|commander))";
/** "…the Lai Chau provincial party secretary who led the conference?": the post, before the clause saying what its holder did. */
const ROLE_BEFORE_WHO = new RegExp(`\\b${POST_NAMED}\\s+(?:who|that)\\b`);
/** "Which Lai Chau provincial Party Secretary spoke at …?": the post the question picks its person by. */
const ROLE_WHICH = new RegExp(`\\b(?:which|what)\\s+${POST_NAMED}\\b(?!\\s+of\\b)`);
/** "Who was the provincial military commander at …?": the post the question names its person by. */
const ROLE_WHO_IS = new RegExp(`\\bwho\\s+(?:is|was|were|are)\\s+(?:the\\s+)?${POST_NAMED}\\b(?!\\s+of\\b)`);

function roleAsked(q: AnalyzedQuestion): string[] {
  const placeWords = new Set(q.places.flatMap((p) => tokenize(fold(p))));
  const words = (phrase: string) => [...new Set(tokenize(phrase).filter((w) => !ROLE_GENERIC.has(w) && !placeWords.has(w) && w.length > 1).map(stem))];
  const of = ROLE_ASKED.exec(q.folded);
  // "Head of the internal affairs department" is known by its body; "Secretary of Lai Chau province", whose body is
  // only the place, by the post.
  if (of) return words(of[2]!).length ? words(of[2]!) : of[1] ? [stem(of[1])] : [];
  const m = ROLE_BEFORE_WHO.exec(q.folded) ?? ROLE_WHICH.exec(q.folded) ?? ROLE_WHO_IS.exec(q.folded);
  return m ? words(m[1]!) : [];
}

/** Whether a person a sentence names is one the question names (folded): "Ms. Thuy" is "Nguyen Minh Thuy", "Thuong" "Vo Van Thuong". */
function isAskedName(askedNames: string[], name: string): boolean {
  const n = fold(name);
  return askedNames.some((a) => a === n || a.endsWith(` ${n}`) || n.endsWith(` ${a}`));
}

/** A part of the sentence (between ";" and ":") naming a person and every word of the post asked (not the centre's body for a province's). */
function holdsRole(sentence: string, role: string[], provincialBody: boolean, askedNames: string[] = []): boolean {
  return sentence.split(/[;:]/).some((part) => {
    // (The person the question names as context holds no post asked: "…the session Kim Ngan attended".)
    if (personNames(part).filter((n) => !isAskedName(askedNames, n)).length === 0) return false;
    if (provincialBody && onlyCentralBodies(fold(part))) return false;
    const words = stemSet(part);
    return role.every((r) => words.has(r));
  });
}

/** "Who said …", "who from the secretariat stressed …": the question asks who spoke. */
const SPEAKER_ASKED = /\bwho\b[^?]{0,80}?\b(said|says|stressed|noted|emphasi[sz]ed|underlined|affirmed|told|urged|asked|added|spoke|speaks|addressed)\b/;
const SPEECH_VERBS = "said|says|stressed|stresses|noted|notes|emphasised|emphasized|emphasizes|added|affirmed|asserted|urged|requested|suggested|underlined|highlighted|told|asked";
const SPEECH_VERB = new RegExp(`\\b(${SPEECH_VERBS})\\b`);
const SPEAKER = new RegExp(`(?:^|[,;]\\s*|\\s)(\\p{Lu}\\p{Ll}+)\\s+(?:${SPEECH_VERBS})\\b|\\b(?:${SPEECH_VERBS})\\s+(\\p{Lu}\\p{Ll}+)(?![\\p{L}\\s]*\\p{Lu})`, "gu");

/** Single capitalised words that speak in a sentence ("…, Thuong stressed", "said Hue"): a surname, not a title or a place. */
export function speakerSurnames(sentence: string): string[] {
  const out: string[] = [];
  for (const m of sentence.matchAll(SPEAKER)) {
    const word = m[1] ?? m[2]!;
    if (!GENERIC_CAPITALISED_WORDS.has(fold(word)) && findPlaces(word).length === 0) out.push(word);
  }
  return out;
}

const GENERIC_CAPITALISED_WORDS = new Set(
  "he she they it we i the this that these those party committee secretary chairman chairwoman president minister comrade delegates delegate participants leaders leader mr ms mrs he's".split(" "),
);

/** Numbers in a sentence that the question did not already give, leaving out years and ordinals. */
function newFigures(sentence: string, q: AnalyzedQuestion, codesCount = false): string[] {
  // (A fact-checker's claimed figure is no figure the question gives: "Is it true that … admitted 1,251 …" is answered by it.)
  const claimed = new Set(tokenize(q.claims.map((c) => c.text).join(" ")));
  const given = new Set(tokenize(q.folded).filter((t) => /\d/.test(t) && !claimed.has(t)));
  const withoutDates = sentence.replace(new RegExp(`\\b(${MONTH_PATTERN})\\s+\\d{1,2}(st|nd|rd|th)?\\b|\\b\\d{1,2}(st|nd|rd|th)?\\s+(of\\s+)?(${MONTH_PATTERN})\\b|\\b\\d{1,2}/\\d{1,2}/(19|20)\\d{2}\\b`, "g"), " ");
  // Nor are a document's number and code ("Decision No. 2161", "Resolution 27-NQ/TW", "Official dispatch 1924-CV/TU").
  const withoutCodes = codesCount ? withoutDates : withoutDates.replace(/\bNo\.?\s*\d[\w./-]*|\b\d+[-/]\p{Lu}[\p{Lu}\d/-]*/gu, " ");
  return (withoutCodes.match(/\d[\d.,/]*(%|st|nd|rd|th)?/g) ?? [])
    .map((n) => n.replace(/[.,]$/, ""))
    .filter((n) => !/^(19|20)\d{2}$/.test(n) && !/\d(st|nd|rd|th)$/.test(n) && !given.has(n));
}

/**
 * Whether a figure (or a number word) in the sentence counts the thing asked about: within four words of that
 * noun: its stem, a synonym, a spelling one letter off ("cels", "targts"), or for people any word for people
 * ("how many people sit on the panel" is answered by "…has 15 members"); party members are counted as members only.
 */
function countsThing(sentence: string, figures: string[], noun: string, partyMembers = false): boolean {
  if (noun === DURATION) return figureNear(sentence, figures, 3, (w) => DURATION_STEMS.has(stem(w)), { numberWords: true }) || A_SPAN.test(sentence);
  if (noun === MONEY) return MONEY_FIGURE.test(sentence);
  if (noun === LENGTH) return LENGTH_FIGURE.test(sentence);
  const nounStem = stem(noun);
  // (Delegates are people sent to a meeting: "…consisting of 35 comrades" counts a body's members, not them.)
  const people = DELEGATE_COUNTS.has(noun) ? PERSON_COUNT_STEMS.filter((s) => !MEMBERSHIP_STEMS.has(s)) : PERSON_COUNTS.has(noun) ? PERSON_COUNT_STEMS : [];
  const wanted = new Set([nounStem, ...synonymStems(nounStem), ...people]);
  const near = (w: string) => wanted.has(stem(w)) || (w.length >= 4 && noun.length >= 4 && editDistance(w, noun, 1) <= 1);
  if (!figureNear(sentence, figures, 4, near, { numberWords: true })) return false;
  if (!partyMembers) return true;
  // ("8,300 officials, Party members and civil servants" counts them among others; "450 full-time cadres of the
  // Party Committee" counts none.)
  const words = tokenize(fold(sentence));
  const figureWords = new Set(figures);
  return words.some((w, i) => (figureWords.has(w) || NUMBER_WORDS.test(w)) && words.slice(i + 1, i + 5).some((x) => stem(x) === MEMBER));
}
const MEMBER = stem("members");

/** The question counts a party's members ("how many party members …"): the reports' own count, judged in any question. */
export function asksPartyMembers(q: AnalyzedQuestion): boolean {
  return /\bparty members\b/.test(q.folded);
}

/**
 * A figure followed by the counted noun itself, any words between being the question's: "3,492 Party members" for
 * "how many party members", not "123 new members" (new ones) nor "30 individuals" (people like them).
 */
function countsItself(q: AnalyzedQuestion, sentence: string, figures: string[], noun: string): boolean {
  if (noun === DURATION || noun === MONEY || noun === LENGTH) return false;
  const nounStem = stem(noun);
  const asked = new Set(q.terms.map((t) => t.stem));
  const words = tokenize(fold(sentence));
  const figureWords = new Set(figures.map((f) => f.replace(/%$/, "")));
  return words.some((w, i) => {
    if (!figureWords.has(w)) return false;
    const at = words.slice(i + 1, i + 4).findIndex((next) => stem(next) === nounStem);
    return at >= 0 && words.slice(i + 1, i + 1 + at).every((between) => asked.has(stem(between)));
  });
}

const DURATION_STEMS = new Set("minute minutes hour hours day days week weeks month months year years session sessions".split(" ").map(stem));
/** "almost a year", "half a day", "a few months", "several weeks": a span of time without a figure. */
const A_SPAN = /\b(an?|half an?|a few|several|a couple of)\s+(minutes?|hours?|days?|weeks?|months?|years?|decades?)\b/i;
const LENGTH_FIGURE = /\d[\d.,]*\s*(?:km|kilomet(?:er|re)s?|m|met(?:er|re)s?|miles?)\b/i;
const MONEY_FIGURE = /\d[\d.,]*\s*(?:thousand|million|billion|trillion)?\s*(?:VND|dong|USD|US dollars?|đồng)\b|\b(?:VND|USD|US\$|\$)\s*\d/i;

/**
 * The question counts one kind of a thing ("how many extraordinary conferences") and the sentence's figure counts
 * another kind of it ("4 regular conferences"), not the one asked: kinds that reports set against each other.
 */
function countsOtherKind(question: string, sentence: string, noun: string): boolean {
  const kind = new RegExp(`\\bhow ([a-z-]+) ${escapeRegExp(noun)}\\b`).exec(question)?.[1];
  if (!kind || !CONTRASTED_KINDS.has(kind)) return false;
  const figureFor = (k: string) => new RegExp(`\\b\\d[\\d.,]*\\s+${k} ${escapeRegExp(noun)}\\b`).test(sentence);
  return !figureFor(escapeRegExp(kind)) && [...CONTRASTED_KINDS].some((other) => other !== kind && figureFor(other));
}

/**
 * The sentence counts only new ones of the noun ("123 new members", "500 newly established businesses") and the question,
 * asking how many there are, says nothing of new ones, of joining or of setting up.
 */
function countsOnlyNewOnes(question: string, sentence: string, noun: string): boolean {
  if (NEW_ONES_ASKED.test(question)) return false;
  const counts = (kind: string) => new RegExp(`\\b\\d[\\d.,]*\\s+${kind}(?:[\\p{L}-]+\\s+){0,2}?${nounPattern(noun)}\\b`, "u").test(sentence);
  return counts("(?:new|newly [\\p{L}-]+)\\s+") && !counts("(?!new\\b|newly\\b)");
}

/** A question about new ones: "how many new members", "admitted", "joined", "set up", "established", "recruited". */
const NEW_ONES_ASKED = /\b(?:new|newly|admit\w*|join\w*|recruit\w*|set up|establish\w*|found(?:ed|ing)|creat\w*|register\w*|open\w*|develop\w*|add\w*|gain\w*)\b/;

/** The numbered event is named as the source of a resolution or document under review: "the Resolution of the 17th … Congress". */
function namesItsResolution(sentence: string, e: NumberedEvent): boolean {
  const at = sentence.indexOf(e.text);
  return at >= 0 && /\b(?:resolutions?|documents?)\s+of\s+the\s+$/i.test(sentence.slice(Math.max(0, at - 30), at));
}

/** Delegates counted after "to attend the <numbered event>" that the question does not name: sent to another meeting. */
function delegatesSentElsewhere(q: AnalyzedQuestion, sentence: string): boolean {
  return numberedEvents(sentence).some((e) => {
    if (namesEvent(q.events, e)) return false;
    const at = sentence.indexOf(e.text);
    return /\b(?:to attend|delegation to|delegates to)\s+(?:the\s+)?$/i.test(sentence.slice(Math.max(0, at - 30), at)) && /^[^.;]{0,60}?\b\d[\d.,]*\s+(?:[\p{L}-]+\s+)?delegates\b/iu.test(sentence.slice(at + e.text.length));
  });
}

/** Kinds of meetings, delegates and members that reports count apart ("4 regular conferences", "19 official delegates"). */
const CONTRASTED_KINDS = new Set(["regular", "extraordinary", "special", "thematic", "ordinary", "official", "alternate", "probationary", "online", "direct", "in-person"]);

/** "How many people…" is answered by members, delegates, cadres, participants or individuals as much as by people. */
// ("How many seats were filled on the executive board": the people elected to them.)
const PERSON_COUNTS = new Set(["people", "persons", "participants", "delegates", "attendees", "representatives", "members", "officials", "cadres", "comrades", "individuals", "seats"]);
const PERSON_COUNT_STEMS = ["peopl", "person", "particip", "deleg", "attende", "repres", "member", "offici", "cadr", "comrad", "guest", "individu"].map(stem);
/** What a count of people may ask they were or did: "elected", "admitted", "disciplined", "attended" ("6 delegates expressed their opinions" attended, but counts the speakers). */
const PEOPLE_ACTION = /\b(elected|admitted|disciplined|expelled|appointed|commended|awarded|recruited|punished|sanctioned|attended|participated)\b/;

/** Whether the question counts people by what was done to them and the sentence says nothing of it (nor its synonyms). */
export function peopleActionMissing(q: AnalyzedQuestion, foldedSentence: string): boolean {
  const action = PEOPLE_ACTION.exec(q.folded)?.[1];
  if (!action) return false;
  const wanted = stemAndSynonyms(action);
  if (tokenize(foldedSentence).some((w) => wanted.has(stem(w)))) return false;
  // (Those at a meeting are counted in many words, "disseminated to 450 cadres", "gathering 300 delegates": only a
  // count of those who did something there, "6 delegates expressed their opinions", counts no attendance.)
  return action === "attended" || action === "participated" ? SOME_OF_THOSE_PRESENT.test(foldedSentence) : true;
}

/** People at a meeting counted for what some of them did there: spoke, gave opinions, were elected. */
const SOME_OF_THOSE_PRESENT = /\b\d[\d,.]*\s+(?:[a-z'-]+\s+){0,2}?(?:delegates|members|cadres|comrades|people|participants|representatives|opinions)\s+(?:[a-z'-]+\s+){0,2}?(?:expressed|spoke|gave|contributed|discussed|delivered|presented|raised|were elected|were admitted|voted)\b|\b(?:opinions|speeches|comments) (?:from|of|by) \d/;

/** A share asked for: "what percentage of", "how many percent", "what proportion of". */
const PERCENT_ASKED = /\b(?:what|which) (?:percentage|percent|proportion)\b|\bhow many (?:percent|per cent)\b|\bwhat %|\bat what rate\b/;
/** A sentence giving a share: "96%", "96 percent", "40/172", "half", "two thirds". */
const SHARE_GIVEN = /\d\s*(?:%|percent|per cent)|\b\d+\s*\/\s*\d+\b|\b(?:half|third|thirds|quarter|quarters|fold|times|double|doubled)\b/i;

/** People sent to a meeting, and the words for a body's members, which do not count them. */
const DELEGATE_COUNTS = new Set(["delegates", "representatives"]);
const MEMBERSHIP_STEMS = new Set(["member", "offici", "cadr", "comrad", "individu"].map(stem));

/** A new figure within five words of one of the asked terms ("13 resolutions", "grew by 8.5%"). */
function figureNextToTerm(sentence: string, figures: string[], content: ContentTerm[]): boolean {
  const wanted = new Set(content.flatMap((t) => [...t.stems, ...t.synonyms]));
  return figureNear(sentence, figures, 5, (w) => wanted.has(stem(w)));
}

/** Whether one of `figures` (with `numberWords`, also "twelve", "half"…) stands within `radius` words of a word `near` accepts. */
function figureNear(sentence: string, figures: string[], radius: number, near: (word: string) => boolean, options: { numberWords?: boolean } = {}): boolean {
  // "the 12th session (regular year-end one)": "one" standing for a noun counts nothing.
  const words = tokenize(fold(options.numberWords ? sentence.replace(PRONOUN_ONE, "$1") : sentence));
  const figureWords = new Set(figures.map((f) => f.replace(/%$/, "")));
  const isFigure = (w: string) => figureWords.has(w) || (options.numberWords === true && NUMBER_WORDS.test(w));
  // "…organised 17 sessions whose resolutions…": a figure followed by a plural of its own counts that, not the word near it.
  const countsItsOwn = (i: number) => {
    const next = words[i + 1];
    return !!next && next.length > 3 && /[^s]s$/.test(next) && !near(next);
  };
  return words.some((w, i) => isFigure(w) && !countsItsOwn(i) && words.slice(Math.max(0, i - radius), i + radius + 1).some(near));
}

/**
 * Years the question uses to date the meeting rather than the facts: "the January 2024 conference",
 * "the 2023 session". "How fast did the economy grow in 2023?" dates the fact, not the meeting.
 */
export function eventYears(question: string): string[] {
  const years = new Set<string>();
  const patterns = [
    new RegExp(`\\b(?:${MONTH_PATTERN})\\s+(?:\\d{1,2},?\\s+)?((?:19|20)\\d{2})\\b`, "gi"),
    /\b((?:19|20)\d{2})\s+(?:\w+\s+)?(?:conference|meeting|session|congress|plenum)\b/gi,
  ];
  for (const re of patterns) for (const m of question.matchAll(re)) years.add(m[1]);
  return [...years];
}

export function containsWords(haystack: string, needle: string): boolean {
  let pattern = wordPatterns.get(needle);
  if (!pattern) {
    if (wordPatterns.size > 5_000) wordPatterns.clear();
    wordPatterns.set(needle, (pattern = wordPattern(needle, "u")));
  }
  return pattern.test(haystack);
}
/** Compiled whole-word patterns by needle (a pure function of it; compiling costs more than most tests). */
const wordPatterns = new Map<string, RegExp>();

function wordPattern(word: string, flags: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}(?![\\p{L}\\p{N}])`, flags);
}
