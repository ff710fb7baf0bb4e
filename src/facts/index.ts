// Facts read from a report at index time: every figure of a passage with the metric it measures, the
// period it refers to, the place it is about and whether it is a result, an estimate, a target or a
// comparison. Stored beside the passage (same transaction, same generation) so that answering can tell
// "the 2023 result" from "the 2024 target" and "Hong Linh's figure" from "Nghi Xuan's".
//
//   readFacts(passageText, { reportYear, place, placeBefore }) → Fact[]
import { findMetrics, metricWords, type MetricId } from "../text/metrics.js";
import { findSubPlaces } from "../text/places.js";
import { textUnits } from "../text/sentences.js";
import { LAST_YEAR, MONTH_PATTERN, namesTerm, NEXT_YEAR, SMALL_COUNT, smallCount, yearMentions, yearOfDay, yearPart, type YearPart, type YearSpan } from "../text/years.js";
import { fold } from "../text/fold.js";
import type { Fact, FactModality } from "../types.js";

export type { Fact, FactModality };

/** What a passage's facts depend on beyond its own words. */
export interface FactContext {
  /** The year the report is about (its date's year; the year before for a January review of last year), or null. */
  reportYear: number | null;
  /** The article's place label ("Ha Tinh province (Cam Xuyen district, …)"), or null. */
  place: string | null;
  /** The district or town last named before this passage in its article (for "the district" sentences). */
  placeBefore?: string | null;
}

/** Version of the facts reader; bumped when reading changes, so that opening an older index re-reads its facts (Library.refreshFacts). */
export const FACTS_VERSION = 24; // 2: list items read without their marks, month abbreviations are dates; 3: taxes name budget revenue, "social development investment" is investment, a count of targets set is a target, "From now until the end of 2023, …" dates the passage's next figures; 4: in an undated report, a day with its year dates the passage's next yearless figures; a multiple ("increased by nearly 200 times", "1.2 times higher") is a comparison, "over the past 5 years" spans the years up to the report's, a figure compared with a span is of the next span, an undated congress report is of its term's first year, a figure in an opening "In addition to …" phrase is of the sentence's kind; 5: "spend" / "spent" (the government's too) name budget expenditure, the share of industry or services in GRDP is the economy's make-up, "new recruits" and "into the party" are new party members; 6: a hyphenated part of a year ("first-quarter", "nine-month") is that part; 7: an economy "getting bigger" / "larger" is growth; 8: "the share of industry / services / agriculture" is the economy's make-up, "overseas investors" FDI; 9: "faced disciplinary action" names the party members disciplined; 10: "1st half", "H1" are the first half of a year; 11: a document's number ("1924 – CV/TU") is no year; 12: "relative to", "in comparison with", "than that of" make a year a baseline (one comparison rule with the questions'); 13: "economic output", "aggregate output", "economic expansion" are growth, "receipts" budget revenue; 14: "2021 to June 2023", "2021 - H1 2023" are one span without "from"; 15: "development investment" is investment capital, "outlays" budget expenditure, "times bigger" the economy's scale; 16: one "target" ("exceeding the target") is no count of targets met; 17: "foreign guests", "foreigners … visit" are tourists; 18: "fiscal take" is budget revenue, an economy "worth" its scale; 19: an economy "said to have been expanding" (its words apart) is growth; 20: a "haul" into the "coffers" is budget revenue, members "sanctioned" disciplined, output "in money terms" the economy's scale, "the 2025-2027 congresses" name a term; 21: members "punished" were disciplined, the "public purse" is budget revenue; 22: "fiscal intake" is budget revenue; 23: "state takings" too; 24: "from 2021 up to June 2023" (and "up until") is one span

const NUMBER = /(?<![\p{L}\p{N}])(\d{1,4}\/\d{1,4}(?![\d\/])|\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(\s*[-–]\s*\d+(?:[.,]\d+)?)?(\s*%|\s*per ?cent\b|\s*(?:thousand|million|billion|trillion)(?:\s+(?:VND|USD|dong|US dollars?))?|\s*(?:VND|USD)\s*(?:thousand|million|billion|trillion)?)?/giu;
const DATE_NUMBER = new RegExp(`\\b(?:${MONTH_PATTERN})\\s+\\d{1,2}(?:st|nd|rd|th)?\\b|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH_PATTERN})\\b|\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b|(?<=\\b(?:on|dated|from|to|until|by|since|ngày|ngay)\\s+)\\d{1,2}/\\d{1,2}\\b|\\b\\d{1,2}:\\d{2}\\b`, "gi");
const ORDINAL_OR_CODE = /^(\d+)(st|nd|rd|th)\b|^\d+[-/][A-Z]/;

const CHANGE_WORDS = /\b(increase|increases|increased|growth|grew|rise|rose|decrease|decreased|drop|fell|gain|up|down|reach|reached|reaching|total|average)\b/i;
const TARGET_WORDS = /\b(strive|striving|strives|aim|aims|aiming|target|targets|targeted|goal|goals|plan to|plans to|planned|will|shall|to reach|to achieve|to attain|set out|orientation|directions?|tasks? for|must|need to|expected to reach in 20|by 20\d\d)\b/i;
const ESTIMATE_WORDS = /\b(estimated|estimate|expected|projected|forecast|preliminary|about to reach|is likely)\b/i;
const COMPARISON_BEFORE = /\b(increase of|increased by|increase by|rose by|rise of|up by|up|down by|decrease of|decreased by|fell by|exceeding(?: the [\w ]+)? by|exceeded(?: the [\w ]+)? by|higher than|lower than|times)\s*$/i;
const COMPARISON_AFTER = /^\s*(%\s*)?((increase|decrease|rise|drop)\b|of the (plan|target|estimate|goal)|of the [\w\s-]{0,20}(plan|target|estimate)|compared (to|with)|over the same period|higher than|more than the same|over (the )?(previous|last) year|year[- ]on[- ]year|times)/i;
const TARGET_LEAD = /\b(targets?|goals?|objectives?|indicators?)\s*(include|includes|including|are|is|as follows|:)/i;
const TARGET_HEADING = /\b(targets?|goals?|plans?|tasks?|directions?|orientations?|solutions?|key tasks|in the coming|next year|strive|will)\b/i;

/** Reads the facts of one passage. Sentences are split as the answerer splits them; offsets are the passage's. */
export function readFacts(passageText: string, context: FactContext): Fact[] {
  const facts: Fact[] = [];
  let placeBefore = context.placeBefore ?? null;
  // "From now until the end of 2023, it is necessary to…": the year the passage's next sentences speak of.
  let leadPeriod: YearSpan | null = null;
  // In an undated report, "On February 11, 2025, … decided to establish …. At the time of establishment, it had 23
  // grassroots Party organizations": the day a sentence names dates the passage's next yearless figures.
  let datedYear: number | null = null;
  for (const unit of textUnits(passageText)) {
    const sentence = unit.text;
    // Only sentences that name a district or town ("… District Party Committee") are searched for one.
    const named = /[Dd]istrict|[Tt]own/.test(sentence) ? findSubPlaces(sentence) : [];
    const sentencePlace = named[0] ? fold(named[0].name) : null;
    const heading = unit.heading ? headingOf(unit.heading) : leadPeriod ? { period: leadPeriod, target: false } : null;
    const reportYear = context.reportYear ?? datedYear;
    if (/\d/.test(sentence)) facts.push(...sentenceFacts(sentence, unit.at, { ...context, reportYear, placeBefore: sentencePlace ?? placeBefore }, heading));
    datedYear = yearOfDay(sentence) ?? datedYear;
    if (named.length) placeBefore = fold(named.at(-1)!.name);
    const lead = PERIOD_LEAD.exec(sentence);
    if (lead) leadPeriod = { from: Number(lead[1]), to: Number(lead[1]) };
  }
  return facts;
}

/** A sentence opening with the rest of a year ("From now until the end of 2023, …", "For the rest of 2008, …"). */
const PERIOD_LEAD = /^\s*(?:from now (?:until|to|till) (?:the end of|the end of the year)|for the rest of|in the remaining (?:months|time|period) of|from now to the end of)\s+((?:19|20)\d{2})\b/i;

/** What a list's heading says of its items' figures: the year it names, and whether it lists targets. */
function headingOf(line: string): { period: YearSpan | null; target: boolean } {
  const years = yearMentions(line).filter((y) => !y.baseline);
  return { period: years.at(-1) ?? null, target: TARGET_HEADING.test(line) && !/\b(results?|achievements?|achieved)\b/i.test(line) };
}

function sentenceFacts(sentence: string, start: number, context: FactContext, heading: { period: YearSpan | null; target: boolean } | null): Fact[] {
  const blanked = sentence.replace(DATE_NUMBER, (m) => " ".repeat(m.length));
  const numbers = [...blanked.matchAll(NUMBER)];
  if (numbers.length === 0) return [];
  const sentenceYears = yearMentions(sentence);
  const { words, at: wordAt } = metricWords(sentence);
  const found = findMetrics(words).map((m) => ({ metric: m.metric, at: wordAt[m.start]!, end: wordAt[m.end - 1]! + words[m.end - 1]!.length }));
  // "The growth rate of production value reached 9.26%": the growth of it, not the value.
  const mentions = found.filter((m, i) => !(i > 0 && found[i - 1]!.metric === "growth" && /^\s+of\s+(the\s+)?$/i.test(sentence.slice(found[i - 1]!.end, m.at))));
  const out: Fact[] = [];
  for (const m of numbers) {
    const index = m.index!;
    // A figure belongs to its clause: "…growth rate in 2021 - 2023 is estimated at 8.56%; The economic scale in 2023…".
    const clauseStart = sentence.lastIndexOf(";", index) + 1;
    const nextSemicolon = sentence.indexOf(";", index);
    const clauseEnd = nextSemicolon < 0 ? sentence.length : nextSemicolon;
    const clause = sentence.slice(clauseStart, clauseEnd);
    const years = sentenceYears.filter((y) => y.at >= clauseStart && y.at < clauseEnd);
    const raw = m[0].trim();
    // A share ("14/16 targets", "54/545 communes") counts its first part.
    const number = Number(m[1]!.split("/")[0]!.replace(/,(?=\d{3}\b)/g, "").replace(/\.(?=\d{3}\b)/g, "").replace(",", "."));
    // Years, ordinals ("26th"), codes ("26-CT/TW"), list numbers and parts of names are not figures.
    const after = sentence.slice(index + m[0].length);
    if (!m[3] && /^(19|20)\d{2}$/.test(m[1]!)) continue;
    // ("…has increased by nearly 200 times", "1.2 times higher than in 2020": a multiple, which compares.)
    const multiple = /^\s*times\b/i.test(after) && (/\b(increas\w*|grew|grown|rose|risen|multipl\w*)\s+(by\s+)?(nearly |almost |about |over |more than )?$/i.test(sentence.slice(Math.max(0, index - 40), index)) || /^\s*times\s+(higher|more|larger|greater|bigger|as)\b/i.test(after));
    if (!m[3] && !multiple && /^\s*(years?|months?|days?|weeks?|times|terms?|sessions?|rounds?)\b/i.test(after)) continue;
    if (ORDINAL_OR_CODE.test(sentence.slice(index, index + 12)) && !m[3]) continue;
    if (/^\s*[-/]\s*[A-Z]{2}/.test(after) || /[A-Z]-$/.test(sentence.slice(Math.max(0, index - 2), index))) continue;
    if (/\b(No|Resolution|Directive|Decision|Conclusion|Project|Decree|Article|Clause|term|session|Congress|Plan)\.?\s*$/i.test(sentence.slice(Math.max(0, index - 14), index)) && !m[3]) continue;
    if (!Number.isFinite(number)) continue;

    const metric = nearestMetric(mentions.filter((x) => x.at >= clauseStart && x.end <= clauseEnd), index, index + m[0].length, sentence);
    const unit = unitOf(m[3]?.trim() ?? null, after);
    const read = modalityOf(sentence, index, index + m[0].length, heading);
    const period = baselinePeriod(after, periodOf(sentence, index, years, context, heading, read));
    // A report cannot give a result for a year after its own: "growth of 10–11% annually in the 2026–2030 period"
    // in a 2025 report is a target, whatever the sentence's verbs.
    const future = period !== null && !period.implied && context.reportYear !== null && period.from > context.reportYear;
    // "…passed the Resolution, identifying 19 specific targets": a count of targets set is not a count of targets met.
    const setTargets = metric === "targets_met" && read === "achieved" && TARGETS_SET_BEFORE.test(sentence.slice(clauseStart, index));
    const modality = (future && (read === "achieved" || read === "comparison")) || setTargets ? "target" : read;
    out.push({
      metric,
      value: raw,
      number,
      unit,
      period: withPart(period, yearPart(clause)),
      place: context.placeBefore ?? null,
      modality,
      sentence: [start, start + sentence.length],
      at: start + index,
    });
  }
  return out;
}

/**
 * "…up 4.58 percent, compared with a 0.42 percent increase in the same period last year": a figure followed by
 * "in the same period last year" (or "of 2022") is the earlier period's own figure, not this one's. ("Increased
 * by 14.36% over the same period last year" is this year's growth: "over" compares, "in" dates.)
 */
function baselinePeriod(after: string, period: Fact["period"]): Fact["period"] {
  const m = /^\s*(?:%|percent)?\s*(?:increase|growth|rise|decrease|drop)?\s*in the same period (?:of |in )?(last year|the previous year|((?:19|20)\d{2}))\b/i.exec(after);
  if (!m) return period;
  if (m[2]) return { from: Number(m[2]), to: Number(m[2]) };
  return period && period.from === period.to ? { from: period.from - 1, to: period.to - 1 } : period;
}

function withPart(period: Fact["period"], part: YearPart | null): Fact["period"] {
  return period && part ? { ...period, part } : period;
}

/** The metric a figure measures: the mention before it in its clause ("admitted 1,251 party members" reads either way). */
function nearestMetric(mentions: { metric: MetricId; at: number; end: number }[], from: number, to: number, sentence: string): MetricId | null {
  let best: { metric: MetricId; distance: number } | null = null;
  for (const m of mentions) {
    if (m.at >= to && /[,;(]/.test(sentence.slice(to, m.at))) continue;
    // "…GRDP per capita of 9,000 USD, an urbanisation rate of 60%": a figure after a comma that its own phrase
    // introduces ("… rate of") is not the earlier metric's.
    // ("…, with an average increase of 7.1%" still is: a change of the same thing.)
    const between = m.end <= from ? sentence.slice(m.end, from) : "";
    const lastPhrase = between.slice(between.lastIndexOf(",") + 1);
    if (between.includes(",") && /\p{L}+\s+\p{L}+\s+(of|at)\s+(about |over |nearly |at least |more than |approximately |only )?$/u.test(lastPhrase) && !CHANGE_WORDS.test(lastPhrase)) continue;
    // A mention after the figure counts only when close ("1,251 party members", "9.41% growth").
    const distance = m.end <= from ? from - m.end : m.at >= to ? (m.at - to) * 2.5 : 0;
    if (distance > 120) continue;
    if (!best || distance < best.distance) best = { metric: m.metric, distance };
  }
  return best?.metric ?? null;
}

function unitOf(written: string | null, after: string): string | null {
  if (written) return written.replace(/\s+/g, " ");
  const word = /^\s*(new\s+)?(party members?|members?|people|persons?|tourists?|visitors?|households?|projects?|products?|communes?|enterprises?|businesses|cooperatives?|organizations?|cadres?|houses?|hectares?|ha|km|tons?|tonnes?|criteria|targets?|goals?|indicators?|times)\b/i.exec(after);
  return word ? word[2]!.toLowerCase() : null;
}

/** The period a figure refers to: the year nearest it in its sentence, else "this year", a list heading's year, else the report's year. */
function periodOf(sentence: string, index: number, years: ReturnType<typeof yearMentions>, context: FactContext, heading: { period: YearSpan | null } | null, modality: FactModality): Fact["period"] {
  const own = years.filter((y) => !y.baseline);
  if (own.length) {
    // "from 72.5% in 2020 to 79% in 2023": the year right after the figure dates it, else the nearest one.
    const right = own.find((y) => y.at > index && y.at - index < 25 && /^[^;,]*?\bin\s*$/i.test(sentence.slice(index, y.at)));
    const nearest = right ?? [...own].sort((a, b) => Math.abs(a.at - index) - Math.abs(b.at - index))[0]!;
    return { from: nearest.from, to: nearest.to };
  }
  // "…an increase of 34.4% compared to the 2010-2015 period": the figure is of the span after the one compared with.
  const compared = years.find((y) => y.baseline && y.to > y.from);
  if (compared) return { from: compared.to, to: compared.to + (compared.to - compared.from), implied: true };
  if (heading?.period) return { from: heading.period.from, to: heading.period.to };
  const year = context.reportYear;
  if (year === null) return null;
  // "Over the past 5 years, it has … maintained rapid economic development, at an average of 8.38% per year" (a 2020 congress).
  const past = PAST_YEARS.exec(sentence);
  const pastYears = past ? smallCount(past[1]!) : null;
  if (pastYears) return { from: year - pastYears, to: year, implied: true };
  if (NEXT_YEAR.test(sentence)) return { from: year + 1, to: year + 1 };
  if (LAST_YEAR.test(sentence) && !/same period last year/i.test(sentence)) return { from: year - 1, to: year - 1 };
  // A target without a year is for the year after the one reported on (a year-end review sets next year's targets).
  if (modality === "target") return { from: year + 1, to: year + 1, implied: true };
  // Unstated: a report's figures are about the year it reports on ("The total product increased by 9.41%…").
  return { from: year, to: year, implied: true };
}

/** "Over the past 5 years", "in the last five years": the years up to the report's. */
const PAST_YEARS = new RegExp(`\\b(?:over|in|during|for) the (?:past|last|previous) (${SMALL_COUNT}) years\\b`, "i");

/** A verb setting targets just before their count: "identifying 19", "set out 34 main", "including 25". */
const TARGETS_SET_BEFORE = /\b(identif\w*|sets?|setting|set out|adopt\w*|approv\w*|includ\w*|propos\w*|outlin\w*)\s+(?:[\p{L}-]+\s+){0,2}$/iu;

function modalityOf(sentence: string, from: number, to: number, heading: { target: boolean } | null): FactModality {
  const before = sentence.slice(0, from);
  // The clause the figure sits in: "…, striving for economic growth of over 9%" is a target, the sentence's first clause may not be.
  const clause = before.slice(Math.max(before.lastIndexOf(";"), before.lastIndexOf(","), -1) + 1);
  if (COMPARISON_BEFORE.test(before.slice(-60)) || COMPARISON_AFTER.test(sentence.slice(to))) return "comparison";
  if (/\b(target|plan|goal) of\s*$/i.test(before.slice(-20))) return "target";
  if (ESTIMATE_WORDS.test(before.slice(-90))) return "estimated";
  // "Some specific targets include: …; total budget revenue exceeding 333 billion VND; …": every figure the lead-in lists.
  if (TARGET_WORDS.test(clause) || heading?.target || TARGET_LEAD.test(before)) return "target";
  // "In addition to the above 4 regular conferences, the Committee will organize …": a figure in an opening phrase
  // is of the sentence's own kind.
  if (/^\s*(in addition to|besides|apart from|along with|beyond|on top of)\b/i.test(before) && TARGET_WORDS.test(sentence.slice(to))) return "target";
  return "achieved";
}

/** The facts of each passage of an article, in order: the district or town named last carries over to the next passage. */
export function articleFacts(article: { date: string | null; place: string | null; text: string; title?: string }, passages: { text: string }[]): Fact[][] {
  const reportYear = reportYearOf(article.date, article.text, article.title ?? "");
  let placeBefore: string | null = null;
  return passages.map((p) => {
    const facts = readFacts(p.text, { reportYear, place: article.place, placeBefore });
    const named = /[Dd]istrict|[Tt]own/.test(p.text) ? findSubPlaces(p.text) : [];
    if (named.length) placeBefore = fold(named.at(-1)!.name);
    return facts;
  });
}

/**
 * An undated congress report's year: the first year of the one term it names ("…the 19th Provincial Party Congress,
 * for the 2020 – 2025 term"), when every other year it names is that year or earlier (a congress looks back on the
 * term before; a mid-term review names the years since). Null otherwise.
 */
function congressYear(text: string): number | null {
  if (!/\bcongress\b/i.test(text)) return null;
  const mentions = yearMentions(text);
  const terms = mentions.filter((m) => namesTerm(text, m));
  const starts = [...new Set(terms.map((m) => m.from))];
  if (starts.length !== 1) return null;
  const start = starts[0]!;
  return mentions.every((m) => terms.includes(m) || m.to <= start) ? start : null;
}

/**
 * The year a report is about: its date's year, or the year before when a January–March report reviews that year.
 * An undated report's is the one year its title names as its own ("…second November meeting (2023 socio-economic
 * draft report)"), not one it looks ahead to ("tasks for 2024", "vision to 2035").
 */
export function reportYearOf(date: string | null, text: string, title = ""): number | null {
  const year = date && /^(19|20)\d{2}/.test(date) ? Number(date.slice(0, 4)) : null;
  if (year === null) {
    const own = yearMentions(title).filter((y) => y.from === y.to && !/\b(for|to|towards|until|by|vision|in the coming|next)\s+(the\s+)?(year\s+)?$/i.test(title.slice(0, y.at)));
    const years = [...new Set(own.map((y) => y.from))];
    return years.length === 1 ? years[0]! : congressYear(text);
  }
  const month = date!.length >= 7 ? Number(date!.slice(5, 7)) : 12;
  if (month > 3) return year;
  const count = (y: number) => (text.match(new RegExp(`\\b${y}\\b`, "g")) ?? []).length;
  return count(year - 1) > count(year) ? year - 1 : year;
}
