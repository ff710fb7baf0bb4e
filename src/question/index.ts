// Question understanding: one entry, plain data out. From the question as typed (English or Vietnamese,
// accents or not, typos) to what search and answering need:
//
//   understandQuestion("thai bihn grdp growth 2023", context) →
//     { english: "thai binh grdp growth 2023", analyzed: {terms, places: ["Thai Binh"], years: ["2023"]…},
//       frame: { metric: "growth", period: {from: 2023, to: 2023}, place: "Thai Binh", wanted: "achieved" },
//       filters, filterPhrases, datesFromWords }
//
// The filters (inline tokens, date phrases, outlets) come from ./filters, the Vietnamese-to-report-words
// pass from ./glossary, terms and answer types from ./analyze; follow-ups are ./followup.
import { findMetrics, lexiconWords, metricWords, type MetricId } from "../text/metrics.js";
import { fold } from "../text/fold.js";
import { findPlaces, foldedSpellings, PLACES, subPlaceKindsNamed } from "../text/places.js";
import { baselineAt, comparedWith, MONTH_NAMES, namesTerm, SMALL_COUNT, smallCount, yearMentions, yearPart } from "../text/years.js";
import type { AskedFrame, AskFilters, Wanted } from "../types.js";
import { UserError } from "../types.js";
import { analyzeQuestion, changeAskedFrom, GENERIC_CAPITALISED, endpointsAsked, KEYWORD_COUNT, COUNTED_DURATION as DURATION, COUNTED_LENGTH as LENGTH, COUNTED_MONEY as MONEY, stem, tokenize, type AnalyzedQuestion } from "./analyze.js";
import { parseQuestionFilters } from "./filters.js";
import { claimedCount, isFactCheck } from "./guess.js";
import { codeSwitched, expandShorthand, looksVietnamese, spokenNumbers, toEnglishQuestion, vietnameseShare, withoutPleasantries, withProvinceInitials } from "./glossary.js";
import { editDistance } from "../text/edit-distance.js";
import { CARDINAL_WORD } from "../text/numbers.js";
import { escapeRegExp } from "../text/escape.js";

export { analyzeQuestion, countsNoun, properNames, stem, tokenize, toFtsQuery, type AnalyzedQuestion, type QueryTerm } from "./analyze.js";
export { resolveFollowUp, type Turn } from "./followup.js";
export { parseDatePoint } from "./filters.js";

/** What the library holds that understanding depends on; derived once per write version of the store. */
export interface QuestionContext {
  /** Date of the newest report ("YYYY-MM-DD"): "last year", "since November" count from it. */
  newestReportDate: string | null;
  /** Outlets of the reports, so "according to vietnam.vn" becomes a source filter. */
  knownSources: string[];
  /** Districts, towns and communes the reports name (as written: "Hong Linh", "Cam Xuyen"), for typo-tolerant matching. */
  knownSubPlaces: string[];
  /**
   * Whether the reports use a (folded) word, or a phrase of words in a row, at all; without it, misspelt words other
   * than places are left as typed, and a phrase the reports hold ("bac binh my", a residential area) may be taken for a
   * misspelt place ("Bac Ninh").
   */
  isReportWord?: (word: string) => boolean;
  /**
   * A (folded) word's frequency rank in English (the word vectors' training text; 0 = most frequent), null when
   * unknown: a common word is typed as meant though the reports never use it ("expected" is no misspelt "elected"),
   * unless the respelling is far more common ("frist" → "first"). Without it, any word the reports lack may be respelt.
   */
  wordRank?: (word: string) => number | null;
}

export interface Question {
  /** As asked, inline filter tokens taken out. */
  text: string;
  /** In the reports' words: Vietnamese put into English, misspelt places corrected, the outlet of a source filter left out. */
  english: string;
  analyzed: AnalyzedQuestion;
  frame: AskedFrame;
  /** Stems of the words naming the frame's metric ("gdp"): a sentence whose fact measures it needs no other word for them. */
  metricStems: string[];
  /** What a "how many …" question counts ("members"), for answers that must count it; null otherwise. */
  counted: string | null;
  /**
   * The body whose members a count asks about, by its head noun ("how many people are on the editorial team" →
   * "team"): a report that names such a body answers only in a sentence that names it. Null otherwise.
   */
  countedGroup: string | null;
  /**
   * Stems of the words naming what a list question lists ("what rating levels does the Politburo use" → rate, level):
   * a sentence leading into its items with one of them ("…uses three ratings: high confidence, …") is the answer's
   * own kind. Empty for other questions.
   */
  listed: string[];
  /**
   * The question asks where the place stands against others ("how did Yen Bai's growth rank against other provinces",
   * "how does Thai Binh compare with the rest of the country on disbursement"): a sentence giving the metric's standing
   * ("…in the leading group of the country", "ranking 26th out of 63") answers it, with or without a figure.
   */
  standing: boolean;
  /**
   * The questions a compound one asks, as typed ("How much did Hong Linh collect in 2023, and how much did it pay out
   * over the year?" → two): a figure matching the whole frame need only cover the words of the part it answers.
   * One part for most questions.
   */
  parts: string[];
  filters: AskFilters;
  filterPhrases: string[];
  /** The date filter comes from words ("since November") rather than a token. */
  datesFromWords: boolean;
  /** Those words name a month but no year ("in october"): the same month of earlier years fits too. */
  dateYearAssumed: boolean;
  /** Place names corrected for spelling ("Thai Bihn" → "Thai Binh"). */
  corrections: { from: string; to: string }[];
}

/** "How did … rank", "what position …", "… compare with the rest of the country / other provinces", "ranking nationwide". */
const STANDING_ASKED =
  /\b(how|where)\b[^?]{0,80}?\b(rank|ranks|ranked|stand|stands|stood)\b|\bwhat (rank|ranking|position|place)\b|\b(rank|ranks|ranked|ranking|position|standing)\b[^?]{0,40}?\b(among|against|nationwide|nationally|in the (country|region|nation)|other provinces|out of)\b|\b(compares?|compared|comparison|fares?|fared)\b[^?]{0,20}?\b(with|to|against) (the rest of|other|the country|the region|the nation|the national|provinces)\b/i;

/** Where a compound question's next question begins: ", and how much …", "; and what …", "? When …". */
const NEXT_QUESTION = /\s*[,;]?\s+and\s+(?=(?:how|what|which|when|who|whom|where|why|did|does|do|is|was|were|are|has|have|had)\b)|\?\s+(?=\p{L})/iu;

/** The questions a compound question asks, in order; parts without two words of their own join the one before. */
export function questionParts(english: string): string[] {
  const parts: string[] = [];
  for (const part of english.split(NEXT_QUESTION)) {
    if (parts.length && (part.match(/\p{L}{3,}/gu)?.length ?? 0) < 2) parts[parts.length - 1] += ` ${part}`;
    else parts.push(part);
  }
  return parts;
}

/** Reads a question. Throws a UserError for a question with no words to search with ("*", "OR", "- -"). */
export function understandQuestion(asked: string, context: QuestionContext): Question {
  // ("… at the twenty sixth session in october twenty twenty four": the figures, before the dates are read.)
  const understood = parseQuestionFilters(spokenNumbers(withProvinceInitials(asked)), { newestReportDate: context.newestReportDate, knownSources: context.knownSources });
  const text = understood.question;
  if (!text) throw new UserError(`"${asked}" holds only filters. Add the question, e.g. "place:Thai Binh Who chaired the conference?"`, "empty_question");
  if (!/[\p{L}\p{N}]{2,}/u.test(text.replace(/\b(AND|OR|NOT|NEAR)\b/g, ""))) {
    throw new UserError(`"${asked}" has no words to search for. Ask about the reports in words, e.g. "What growth rate did Thai Binh reach?"`, "no_words");
  }
  const { text: spelled, corrections } = correctPlaceNames(understood.searchQuestion, context.knownSubPlaces, context.isReportWord);
  // ("Tinh uy Hai Duong - what growth target did Bi thu … set?": English with Vietnamese office names is English.)
  const switched = codeSwitched(spelled);
  // (A question mostly in Vietnamese syllables still, "Dai hoi Dang bo huyen Duc Tho va thi xa Ky Anh … - when exactly?", is Vietnamese.)
  const vietnamese = looksVietnamese(spelled) && (looksVietnamese(switched) || !ENGLISH_QUESTION_WORD.test(switched) || vietnameseShare(switched) >= 0.3);
  // (The English a Vietnamese question mixes in is written out too: "Party Cttee of prov Party agencies: 4 cơ quan …".)
  const translated = expandShorthand(vietnamese ? toEnglishQuestion(spelled, context.knownSubPlaces) : withoutPleasantries(switched));
  const words = vietnamese || !context.isReportWord ? { text: translated, corrections: [] } : correctWordTypos(translated, context.isReportWord, context.wordRank);
  const english = words.text;
  corrections.push(...words.corrections);
  const analyzed = analyzeQuestion(english);
  // In a Vietnamese question capitals do not mark names ("Quý 1", "Doanh thu"): only places the library knows count.
  // Nor do they in a question typed in capitals or Title Case ("WHAT ARE HERITABLE TRAITS", "Where Elephants Live").
  if (vietnamese || capitalisedThroughout(text)) analyzed.names = analyzed.names.filter((n) => isKnownSubPlace(n, context.knownSubPlaces));
  // ("Headline says 'Eight thousand officials join …'": a number written out is no name.)
  analyzed.names = analyzed.names.filter((n) => !NOT_PLACES.has(fold(n)) && !runsOnProvince(n, english) && !NUMBER_WORDS.test(n));
  // Districts and towns typed in lower case ("nghi xuan new party members 2023", "lac son district income").
  for (const name of lowerCaseSubPlaces(english, context.knownSubPlaces)) {
    if (!analyzed.names.some((n) => fold(n) === fold(name))) analyzed.names.push(name);
  }
  const read = frameOf(english, analyzed, context, text);
  // ("…its Congress for the 2020-2025 term, … over the previous five years": the span asked is the one before the term,
  // and sentences are judged by it rather than by the term that names the congress.)
  const period = read.frame.period;
  if (period && period.from < period.to && LAST_TERM.test(english) && !analyzed.spans.some((s) => s.from === period.from && s.to === period.to)) analyzed.spans = [{ from: period.from, to: period.to }];
  // "total party members of …", "number of participants": what a question without a metric counts, as "how many" would.
  const counted = countedNoun(english, vietnamese) ?? (read.frame.metric === null ? (totalNoun(english) ?? rateNoun(english) ?? KEYWORD_COUNT.exec(english)?.[1]!.toLowerCase() ?? (analyzed.wantsFigure ? claimedCount(english) : null)) : null);
  // "How many years in a row has the party cell been honoured?" counts years: the metric its words name ("party
  // cell") is only context, and its facts do not judge the answer.
  const countsItsOwn = (metric: MetricId) => metricVocabulary(metric).has(stem(counted!)) || (/^(people|persons|members)$/.test(counted!) && PEOPLE_METRICS.has(metric));
  const aside = counted !== null && read.frame.metric !== null && !countsItsOwn(read.frame.metric) && counted !== MONEY;
  const { frame, metricStems } = aside ? { frame: { ...read.frame, metric: null, wanted: read.frame.wanted === "target" ? "achieved" : read.frame.wanted }, metricStems: [] } : read;
  return {
    text,
    english,
    analyzed,
    frame,
    metricStems,
    counted,
    countedGroup: counted ? countedGroupOf(english) : null,
    listed: frame.wanted === "list" ? listedStems(english) : [],
    standing: STANDING_ASKED.test(english),
    parts: questionParts(english),
    filters: understood.filters,
    filterPhrases: understood.phrases,
    datesFromWords: understood.datesFromWords,
    dateYearAssumed: understood.dateYearAssumed,
    corrections,
  };
}

/** A question of three words or more whose words nearly all begin with a capital: capitals there mark no names. */
function capitalisedThroughout(text: string): boolean {
  const words = text.match(/\p{L}[\p{L}\p{M}'’]*/gu) ?? [];
  return words.length >= 3 && words.filter((w) => /^\p{Lu}/u.test(w)).length >= 0.8 * words.length;
}

/** Regions and ordinary capitalised words that are not places a report is about. */
const NOT_PLACES = new Set(
  ["red river delta", "mekong delta", "central highlands", "north central", "south central", "northern midlands", "southeast", "north", "south", "delta", "vietnam", "viet nam", "asean", "quy", "doanh", "nam", "tinh", "huyen"],
);

/** A "name" that is a number written out ("Eight" in a quoted headline: "Eight thousand officials join …"). */
const NUMBER_WORDS = new RegExp(`^(?:(?:${CARDINAL_WORD})\\s*)+$`, "i");

/** English question words: a question asked with them is English, whatever Vietnamese office names it holds. */
const ENGLISH_QUESTION_WORD = /\b(?:what|which|who|whom|when|where|why|how|did|does|do|is|are|was|were)\b/i;

/**
 * "the 15th Dien Bien Phu provincial Party Congress": a province's name run on into another's (Dien Bien Phu, the
 * seat of Dien Bien) before "province" / "provincial" names the province, not a place of its own.
 */
function runsOnProvince(name: string, english: string): boolean {
  const f = fold(name);
  const province = findPlaces(name).some((p) => p.kind === "province" && f.startsWith(`${fold(p.matched)} `));
  return province && new RegExp(`\\b${escapeRegExp(name)}(?:['’]s)?\\s+provinc`, "i").test(english);
}

/**
 * District and town names in a question whatever their case: the library's own, and "<name> district|town|commune|
 * ward|city" ("thu duc city": a city inside a province or municipality; "hung yen city" is the province's seat,
 * which this leaves to the province's name).
 */
function lowerCaseSubPlaces(english: string, known: string[]): string[] {
  const folded = ` ${fold(english).replace(/['’]s\b/g, "").replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  const found = known.filter((k) => folded.includes(` ${fold(k)} `));
  // Words inside a province's or city's own name ("ho chi minh city") are not another place.
  const inPlaceNames = findPlaces(english).map((p) => ` ${fold(p.matched).replace(/[^\p{L}\p{N}]+/gu, " ")} `);
  // ("how many of them were district-level points": "district-level" is no district's kind word.)
  for (const m of folded.matchAll(/ ((?:[a-z]+ ){1,2})(district|town|commune|ward|city)\b(?! (?:level|levels|wide|based|owned|run)\b)/g)) {
    // ("thuan an city", "di an city": "an" after a name's first syllable is part of it, not an article.)
    const typed = m[1]!.trim().split(" ");
    const words = typed.filter((w, i) => !SUBPLACE_STOP.has(w) || (i > 0 && w === "an"));
    if (words.length === 0 || words.length !== typed.length) continue;
    const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(" ");
    // "hung yen city": the province's seat, a place of its own (its figures are not the province's).
    const seatOf = m[2] === "city" ? findPlaces(name).find((p) => p.kind === "province" && fold(p.matched) === fold(name)) : undefined;
    if (seatOf) {
      found.push(`${seatOf.name} City`);
      continue;
    }
    if (inPlaceNames.some((p) => p.includes(` ${fold(name)} `))) continue;
    if (!found.some((f) => fold(f) === fold(name)) && findPlaces(name).length === 0) found.push(name);
  }
  return found;
}

const SUBPLACE_STOP = new Set("the a an this that its their his her our them they these those were are after before since with from into about near within across which wich whcih what wat each area residential rural urban border coastal mountainous neighbouring neighboring same other every whole entire in of for and or to at on by did does is was how many much party committee provincial province city military people council standing new centrally run level type class grade tier modern smart industrial green capital".split(" "));

function isKnownSubPlace(name: string, known: string[]): boolean {
  const f = fold(name);
  return known.some((k) => fold(k) === f) || findPlaces(name).length > 0;
}

// ---------------------------------------------------------------------------------------------
// The frame: metric, period, place, what is wanted

/** A target set aside: "not the target", "rather than the plan", "not the goal". */
const NOT_THE_TARGET = /\b(?:not|rather than|instead of)\s+(?:the|its|a)\s+(?:targets?|plans?|goals?|tgts?)\b/gi;

/** A capitalised body's name ending in its kind: "Development Investment Fund", "Social Policy Bank". */
const BODY_NAME = /(?:\b\p{Lu}[\p{L}'’-]*\s+){1,4}(?:Fund|Bank|Corporation|Company|Joint Stock Company)\b/gu;

/** A party body named by the meeting it holds: "our Party cell meeting", "the party cell congresses". */
const BODY_MEETING = /\b(?:grassroots\s+)?party\s+(?:cells?|organi[sz]ations?|branch(?:es)?)\s+(meetings?|congress(?:es)?|conferences?|sessions?)\b/gi;

// "What rate did the secretary ask to achieve", "must reach", "what growth does the resolution set for the term": a
// figure someone set as a goal.
const TARGET_QUESTION = /\b(targets?|aims?|aiming|plans?|planned|goals?|quotas?|strive|striving|expects?|expected|intends?|wants?|hopes?|will|going to|set to|set (?:for|out|by)|projected|objectives?|orientations?|should|ought to|(?:is|are) supposed to)\b|\b(ask\w*|request\w*|urg\w*|direct\w*|call\w* (on|for)|instruct\w*|demand\w*|required?|determined|resolved|committed|pledg\w*|vow\w*)\b[^?]{0,40}?\bto (achieve|reach|attain|hit|meet|exceed)\b|\b(must|should|needs? to|has to|have to)\b[^?]{0,30}?\b(achieve|reach|attain|hit|meet|exceed)\b|\b(requested|required|demanded|asked for)\b[^?]{0,60}?\b(what percentage|what rate|how many|how much)\b/i;
// ("Which positions are covered", "what units get voted on", "who is subject to the vote", "name some of the 13
// resolutions": several of a kind are asked for.)
const LIST_QUESTION = /\b(which|what) (?:(?:[a-z'/-]+ ){0,2}?|(?:(?!of\b)[a-z'/-]+ ){3})[a-z]{2,}[^s\W]s (are|were|will|get|got|did|do|does|have|has|had|must|should|can|could|may)\b|^\s*name (?:some|a few|several|all|the|any)\b|\b(?:which|what) (?:categories|types|kinds|sorts|groups) of\b|\b[a-z-]{3,}s (?:are|were) (?:what|which)\s*\??\s*$|\bwho (?:exactly |else )?(?:is|are|was|were|will be|would be) (?:subject|eligible|entitled|covered|affected|targeted|included)\b|\b(tasks|solutions|directions|orientations|measures|priorities|key points|contents|what (are|were) the|list|(which|what) resolutions|resolutions (passed|adopted|approved)? ?(what|which)|main (tasks|points)|(which|what) (\d+|two|three|four|five|six|seven|eight|nine|ten) \w+)\b/i;

/** The frame, and the stems of the question's words that name its metric. */
function frameOf(english: string, q: AnalyzedQuestion, context: QuestionContext, asked: string): { frame: AskedFrame; metricStems: string[] } {
  // ("…the Development Investment Fund's party cell": a body's name names no metric.)
  // ("Someone at our Party cell meeting said …": the cell holding a meeting is no count of cells.)
  const { words } = metricWords(english.replace(BODY_NAME, (name) => name.replace(/[\p{L}]+/gu, "body")).replace(BODY_MEETING, "body $1"));
  // "target to recruit how many party members": "target" says what kind of figure, the metric is the members.
  const mentions = findMetrics(words);
  // "How long should the congresses last?" asks for a span of time, whatever metric its words name.
  // ("annual growth in new Party membership": the bare word "growth" is the rise of the metric named with it.)
  const bareGrowth = (m: (typeof mentions)[number]) => m.metric === "growth" && m.named.every((k) => BARE_GROWTH.has(words[k]!));
  // ("In the report that mentions the macadamia projects, by how much did total social investment capital rise?": the
  // metric after the question word is asked, the ones before it set the scene.)
  const asking = words.findIndex((w) => w === "how" || w === "what" || w === "which");
  const afterAsking = asking > 0 ? mentions.filter((m) => m.metric !== "targets_met" && m.named[0]! > asking) : [];
  const main = afterAsking.length ? afterAsking : mentions.filter((m) => m.metric !== "targets_met");
  const metric: MetricId | null = /\bhow long\b/i.test(english) ? null : ((main.find((m) => !bareGrowth(m)) ?? main[0] ?? mentions[0])?.metric ?? null);
  const naming = mentions.filter((m) => m.metric === metric).flatMap((m) => m.named.map((k) => words[k]!));
  const wanted = wantedOf(english, q, metric);
  return {
    frame: { metric, period: periodOf(english, context, asked, q.wantsDate, wanted === "target"), place: placeOf(q, context), wanted },
    metricStems: [...new Set(naming.flatMap((w) => tokenize(w)).map(stem))],
  };
}

/** The words that name growth without saying what grew ("growth in new Party membership" is the membership's). */
const BARE_GROWTH = new Set(["grew", "grow", "grows", "growth", "growing"]);

/** Metrics that count people: "how many people joined the party" counts new members. */
const PEOPLE_METRICS = new Set<MetricId>(["party_members_admitted", "party_members_disciplined", "tourists"]);

/** Stems of every word the lexicon names a metric with ("party members admitted": parti, member, admit, …). */
function metricVocabulary(metric: MetricId): Set<string> {
  return new Set(lexiconWords(metric).map(stem));
}

/** "How long is the border / road / coastline…": a length, not a span of time. */
const LENGTH_ASKED = /\bhow long (?:(?:is|are|was|were) |a (?:stretch|section|length) of )[\p{L}'’ ]*\b(border|borderline|frontier|line|road|roads|route|river|dyke|dike|coast|coastline|canal|bridge|railway|highway|expressway|length)\b/iu;

/** Adjectives a Vietnamese question puts after the noun it describes, left there by the word-by-word translation. */
const POSTNOMINAL = new Set(["specific", "main", "key", "major", "new", "total", "basic", "important", "the", "learnt", "learned", "drawn"]);

/** Words that end the noun phrase after "how many": verbs, prepositions, question and auxiliary words. */
const NOUN_PHRASE_END = new Set(
  ("are were is was be been did do does have has had will would could can should must may might shall there that which who whom whose " +
    "since ago until till according already still yet now also ever just even really actually so " +
    "in of at for from under by on during to with within across among per into over after before than as about " +
    "attend attended attending take took taken join joined participate participated live lived sit sat held hold holds hit " +
    "receive received get got make made set become became organise organised organize organized elect elected admit admitted " +
    "recruit recruited reach reached visit visited come came go went approve approved pass passed serve served work worked " +
    "selected select chosen choose established establish created create opened open belong belongs convene convened exist exists " +
    "remain remained run ran occur occurred happen happened win won vote voted register registered need needed want wanted say said " +
    "meet met achieve achieved complete completed exceed exceeded fulfil fulfill fulfilled reached graduate graduated benefit benefited " +
    "speak spoke spoken talk talked address addressed comment commented contribute contributed raise raised give gave given express expressed").split(" "),
);

/**
 * What a question counts, read from it in English (a Vietnamese one once translated): the head of the noun phrase
 * after "how many" ("how many new party members were admitted" → "members"; "how many people sit on the panel" →
 * "people"), a span of time for "how long", a sum for "how much money"; null when it counts nothing.
 */
export function countedNoun(english: string, headFirst = false): string | null {
  // "How long should the congresses last" counts time; "how much money / funding" a sum of money.
  // ("How long is the border line?" asks for a length, not a span of time.)
  if (/\bhow long\b/i.test(english)) return LENGTH_ASKED.test(english) ? LENGTH : DURATION;
  // ("how many thousand billion dong", "how many million USD": a sum counted in its currency.)
  if (/\bhow much (money|funding|funds|capital)\b|\bhow much did\b.*\b(cost|spend|allocate)\b|\bhow many\s+(?:(?:hundred|thousand|million|billion|trillion)s?\s+)*(?:dong|vnd|usd|dollars?)\b/i.test(english)) return MONEY;
  const m = /\bhow many\s+([^?.!,;:]+)/i.exec(english);
  // "Of the resolutions adopted at the session, how many dealt with organisational work?": the noun before, "of" which.
  if (m && /^(?:dealt|were|was|are|had|have|did|concerned|related|covered|involved|focused|went|got)\b/i.test(m[1]!)) {
    const of = [...english.slice(0, m.index).matchAll(/\b(?:of|among)\s+(?:the\s+|its\s+|their\s+)?([a-z-]{3,}s)\b/gi)].at(-1);
    return of ? of[1]!.toLowerCase() : null;
  }
  return m ? nounPhraseHead(m[1]!, headFirst) : null;
}

// ("total number of Party members in …": the members.)
const TOTAL_OF = /(?:\btotal(?:\s+(?:number|count)\s+of)?|\b(?:what|which) (?:is|was|are|were) the total(?:\s+(?:number|count)\s+of)?|\b(?:the\s+)?number of)\s+(?:(?:the|all)\s+)?([^?.!,;:]+)/i;

/** What "total X …" or "the number of X …" counts when X is a plural ("members", "participants"), or null ("total value"). */
export function totalNoun(english: string): string | null {
  const m = TOTAL_OF.exec(english);
  const head = m ? nounPhraseHead(m[1]!) : null;
  return head && /[^s]s$/.test(head) ? head : null;
}

/**
 * What "the X rate" / "the rate of X" measures when the lexicon has no metric for it ("unemployment rate", "urbanisation
 * rate"): its figure must stand by that word, so "…a high rate of public investment disbursement" does not answer.
 */
export function rateNoun(english: string): string | null {
  const m = /\b([a-z]{4,}) rates?\b|\brates? of ([a-z]{4,})/i.exec(english);
  const word = (m?.[1] ?? m?.[2])?.toLowerCase();
  return word && !RATE_WORDS.has(word) ? word : null;
}

const RATE_WORDS = new Set(["what", "which", "that", "this", "average", "annual", "growth", "high", "higher", "highest", "rising", "same", "overall", "total", "current", "interest", "exchange"]);

/** Bodies whose members a count may be about, as an alternation. */
const GROUP_NOUNS = "team|panel|board|subcommittee|sub-committee|delegation|group|task force|commission|section";
const COUNTED_GROUP = new RegExp(`\\b(?:on|in|of|join(?:ed|s)?|make up)\\s+(?:the\\s+)?(?:[\\p{L}'’-]+\\s+){0,3}?(${GROUP_NOUNS})s?\\b`, "iu");

/** The head noun of the body a count is about ("…on the editorial team helping…" → "team"), or null. */
export function countedGroupOf(english: string): string | null {
  // ("binh thuan doc subcommittee's editorial team how many ppl": the body just before the count, typed in a chat.)
  // ("how many members does the Editorial Team assisting … have": the body the verb's subject names.)
  return (COUNTED_GROUP.exec(english) ?? GROUP_BEFORE_COUNT.exec(english) ?? GROUP_HAS_COUNT.exec(english))?.[1]!.toLowerCase() ?? null;
}

const GROUP_HAS_COUNT = new RegExp(`\\bhow many\\s+[\\p{L}-]+\\s+(?:does|do|did|has|have|had|will)\\s+(?:the\\s+)?(?:[\\p{L}'’-]+\\s+){0,3}?(${GROUP_NOUNS})s?\\b`, "iu");
const GROUP_BEFORE_COUNT = new RegExp(`\\b(${GROUP_NOUNS})s?\\s*[,:-]?\\s*how many\\b`, "iu");

/**
 * The head of the noun phrase a text starts with ("new party members were admitted…" → "members"). A Vietnamese
 * question put into English word by word keeps its head first ("how many criteria urban type III", "how many targets
 * socio-economic"): with `headFirst`, the first plural of the phrase is its head.
 */
function nounPhraseHead(text: string, headFirst = false): string | null {
  const phrase: string[] = [];
  // ("how many pieces of paperwork": the paperwork is counted, by the piece.)
  for (const word of text.replace(/^\s*(?:pieces|items|copies|batches)\s+of\s+/i, "").split(/\s+/)) {
    // ("how many investment ventures Hung Yen had drawn": a capitalised name after the noun opens the clause.)
    if (phrase.length > 0 && /^\p{Lu}\p{Ll}/u.test(word) && !GENERIC_CAPITALISED.has(word.toLowerCase().replace(/[^\p{L}'’]/gu, ""))) break;
    const w = word.toLowerCase().replace(/[^\p{L}'’-]/gu, "");
    // "how many businesses and co-ops": the first noun's head; "…organizations excellently completed": no adverb.
    // "how many cadres tuned in…": a past-tense verb after the noun ends it too ("how many elected members" starts with one).
    const verb = phrase.length > 0 && w.length > 4 && w.endsWith("ed");
    // ("how many socio-economic criteria the Dien Chau district met": a determiner opens the clause after the noun.)
    const clause = phrase.length > 0 && /^(the|a|an|its|their|his|her|these|those)$/.test(w);
    if (!w || clause || NOUN_PHRASE_END.has(w) || phrase.length === 4 || /^(and|or|&)$/.test(w) || (w.length > 4 && w.endsWith("ly")) || verb) break;
    phrase.push(w);
  }
  // "bao nhiêu chỉ tiêu cụ thể" put into English keeps the adjective after its noun: "how many targets specific".
  while (phrase.length > 1 && POSTNOMINAL.has(phrase.at(-1)!)) phrase.pop();
  // "how many times …" counts a multiple, not a thing.
  if (/^(times|percent|percentage)$/.test(phrase[0] ?? "")) return null;
  const plural = headFirst ? phrase.find((w) => /^(criteria|people|personnel)$/.test(w) || (/[^s]s$/.test(w) && !/^(grassroots|various|numerous|previous|serious)$/.test(w))) : undefined;
  if (plural) return plural;
  const head = phrase.at(-1);
  return head && head.length > 2 ? head : null;
}

/** "what rating levels does …", "what are the rating options in …", "which key tasks were …": the words naming the items. */
const LISTED = /\b(?:what|which)\s+(?:(?:are|were|is|was)\s+)?(?:the\s+)?((?:[a-z-]+\s+){0,2}?[a-z-]{3,}s)\b/i;

const LISTED_BEFORE = /\b((?:[a-z-]+\s+){0,2}?[a-z-]{3,}s)\s+(?:are|were)\s+(?:what|which)\s*\??\s*$/i;

function listedStems(english: string): string[] {
  const words: string[] = [];
  const m = LISTED.exec(english);
  if (m) words.push(...m[1]!.toLowerCase().split(/\s+/));
  // "give me the list of positions", "which categories of leadership and management officials": what the list is of.
  const of = /\b(?:list|categories|types|kinds|sorts|groups)\s+of\s+(?:the\s+)?((?:[a-z-]+\s+){0,3}?[a-z-]{3,}s)\b/i.exec(english);
  if (of) words.push(...of[1]!.toLowerCase().split(/\s+/));
  // "list the industrial clusters and parks he mentioned", "name all the projects": what the list names.
  const named = /\b(?:list|name)\s+(?:all\s+)?(?:the\s+)?((?:[a-z-]+\s+){0,2}?[a-z-]{3,}s)(?:\s+(?:and|or)\s+([a-z-]{3,}s))?\b/i.exec(english);
  if (named && !/^of\b/i.test(named[1]!)) words.push(...named[1]!.toLowerCase().split(/\s+/), ...(named[2] ? [named[2].toLowerCase()] : []));
  // "the rating levels are what": the thing asked, before the question word.
  const before = LISTED_BEFORE.exec(english);
  if (before) words.push(...before[1]!.toLowerCase().split(/\s+/));
  return [...new Set(words.filter((w) => !NOUN_PHRASE_END.has(w) && !POSTNOMINAL.has(w) && !/^(and|or)$/.test(w)).map(stem))];
}

/** A question naming a metric's word that still asks for no figure: which/who/when…, "what position does she hold", "what (inter-regional traffic) projects", what someone did, where, how it is described. */
// ("…set out when closing the conference", "… when he closed it": "when" joining a clause asks no date.)
const NOT_A_FIGURE = /\b(which|who|whom|when(?!\s+(?:[a-z]+ing|he|she|they|it|we|the|this|that|its|his|her|their)\b)|where|why|what (?:position|post|title|role|office|job)s?|what (?:(?!(?:is|was|were|are|did|does|do|has|have|had|will|the|number|total|share|percentage|amount)\b)[a-z'-]+ ){0,3}?(projects?|resolutions?|directives?|decisions?|plans?))\b|\bdescrib\w*\b|\bwhat (did|does|do|has|have|had|will|should|must)\b.*\b(do|done|doing)\b|\b(region|location|located|venue)\b/i;

function wantedOf(english: string, q: AnalyzedQuestion, metric: MetricId | null): Wanted {
  if (q.wantsPerson) return "person";
  if (q.wantsDate) return "date";
  if (q.wantsOrdinal) return "other";
  // ("What made the bloc choose …?" asks a reason, as "why" does.)
  if (q.wantsReason && !q.wantsFigure) return "other";
  // "ha nam grdp 2023" asks for a figure as much as "how fast did Ha Nam grow"; "which project…" does not.
  // Nor do "what has the tourism dept done", "what did the board do … per the inspection report" or "… project region".
  // ("Is it true that Tan Lang Bridge was the only project …?" states no figure and asks for none.)
  // (A fact-checker's claim wants a figure exactly when it states one: analyzeQuestion's wantsFigure says so.)
  const figure = q.wantsFigure || (!isFactCheck(english) && metric !== null && metric !== "targets_met" && !NOT_A_FIGURE.test(english));
  // Targets counted: "how many targets did the congress set" asks for the targets set, "how many were met" for a result
  // ("dien chau 2023 targets met", typed as a search, too).
  if (metric === "targets_met" && !figure && /\b(met|achieved|exceeded|reached|fulfilled|accomplished)\b/i.test(english) && !/\b(what|which|who|why|how|when|where)\b/i.test(english)) return "achieved";
  if (metric === "targets_met" && figure) {
    if (/\b(met|meet|achiev\w*|complet\w*|exceed\w*|reach\w*|fulfil\w*|accomplish\w*)\b/i.test(english)) return "achieved";
    // "How many targets does the resolution contain / has the plan": the targets set.
    if (/\b(set|sets|setting|identif\w*|adopt\w*|approv\w*|includ\w*|propos\w*|outlin\w*|contain\w*|resolutions?|plans?|programs?|programmes?)\b/i.test(english)) return "target";
  }
  // "How many targets were met": the word names the metric, not a target asked for.
  const kindWords = metric === "targets_met" ? english.replace(/\b(targets?|goals?|indicators?|criteria)\b/gi, " ") : english;
  // "How much more did it collect than it had planned": a result measured against the plan.
  // ("…, and how did that compare with what was planned?")
  // ("How much of the planned money had it actually paid out?", "what share of the resolution's target did it reach",
  // "at what % of the resolution target", "reached what percentage plan": a share of the plan reached; "… did it exceed the
  // target?", "did it meet the target?": a result held against it.)
  const againstPlan =
    // ("state budget revenue as a % of target", "income as a share of the plan", "disbursement as % of plan": a result as
    // a share of the plan.)
    /\bas (?:an? )?(?:%|percent(?:age)?|share|proportion|ratio) of (?:the |its |their )?(?:[a-z0-9'’-]+ ){0,3}?(?:plans?|targets?|goals?|estimates?|forecasts?)\b/i.test(kindWords) ||
    /\b(compared? (to|with)|comparison (to|with)|relative to|in relation to|measured against|versus|vs|than|against|over|beyond)\b[^?]{0,40}\b(plan|planned|estimate|estimated|target|targeted|expected|forecast)\b/i.test(kindWords) ||
    /\b(how much|what share|what part|what percentage|what proportion|what percent|what %|how many %|how many percent|as an? (share|percentage|proportion|part))\s*(of|of the|of its|of their)?\s+([a-z0-9'’-]+ ){0,5}?(plan|planned|target|targeted|estimate)\b/i.test(kindWords) ||
    /\b(exceed(s|ed)?|surpass(es|ed)?|beat|miss(es|ed)?|f[ae]ll short of|overshoot(s|ing)?|overshot|outstrip(s|ped)?|top(s|ped)?)\s+(the |its |their |this |that )?([a-z0-9'’-]+ ){0,4}?(plans?|targets?|goals?|estimates?|forecasts?)\b/i.test(kindWords) ||
    // ("…income in 2022 reached 90% of the target set in the resolution?": a result as a share of the target.)
    /\b(reach(?:ed|es)?|achiev(?:ed|es)?|attain(?:ed|s)?|equal(?:led|s)?|hit)\s+(?:about |around |over |nearly |only )?[\d.,]+\s*(?:%|percent)\s+of\s+(?:the |its |their )?(?:[a-z0-9'’-]+ ){0,3}?(?:plan|target|goal|estimate)s?\b/i.test(kindWords) ||
    // ("…, and how far was that towards the goal laid down in the resolution?", "how close did it come to the target",
    // "progress toward the plan": a result measured by the way to its goal.)
    /\b(?:how (?:far|close|near)|progress)\b[^?]{0,40}?\b(?:towards?|to|from)\s+(?:the |its |their |this |that )?(?:[a-z0-9'’-]+ ){0,3}?(?:plans?|targets?|goals?)\b/i.test(kindWords) ||
    // ("Did Kim Boi meet the economic growth target set in its resolution?": whether a result reached it.)
    /\b(did|does|do|has|have|had)\b[^?]{0,40}?\b(meet|met|reach(ed)?|achieved?|hit|fulfill?(ed)?|attain(ed)?|complet(e|ed))\s+(the |its |their |this |that )?([a-z0-9'’-]+ ){0,4}?(plans?|targets?|goals?)\b/i.test(kindWords);
  // ("ha nam 2024 traffic projects to speed up": which projects, unless they are counted.)
  if (metric === "projects" && !q.wantsFigure && !/\b(how many|number|total|count)\b/i.test(english)) return "list";
  // ("actual growth achieved in 2024 - final fig pls, not the target": a target set aside asks for no target.)
  if (TARGET_QUESTION.test(kindWords.replace(NOT_THE_TARGET, " ")) && figure && !againstPlan) return "target";
  if (LIST_QUESTION.test(english) && !q.wantsFigure) return "list";
  if (figure) return "achieved";
  return "other";
}

function periodOf(english: string, context: QuestionContext, asked: string, wantsDate: boolean, target = false): AskedFrame["period"] {
  const period = yearsAsked(english, context, wantsDate, target);
  const part = yearPart(english) ?? yearPart(asked);
  // ("2021-h1 2023", "from 2021 to June 2023": the part ends the span, whose figure is the span's.)
  const ofSpan = period !== null && period.from < period.to && !period.years;
  return period && part && !ofSpan ? { ...period, part } : period;
}

function yearsAsked(english: string, context: QuestionContext, wantsDate: boolean, target = false): { from: number; to: number; years?: number[]; since?: true } | null {
  const years = yearMentions(english);
  // "thai binh FDI since 2021", "from 2021 onwards": the span from that year to the newest report, whose figure is
  // one counted from it ("From 2021 to June 2023, … FDI reached over 1 billion USD").
  const since = /\b(?:since|from)\s+((?:19|20)\d{2})(?:\s+(?:on|onwards?|until now|till now|to date))?\b(?!\s*(?:to|until|till|through|thru|[-–—]))/i.exec(english);
  const newest = context.newestReportDate ? Number(context.newestReportDate.slice(0, 4)) : null;
  if (since && years.length === 1 && (/^since\b/i.test(since[0]) || /\b(?:on|onwards?|now|date)$/i.test(since[0]))) {
    const from = Number(since[1]);
    return { from, to: Math.max(from, newest ?? from), since: true };
  }
  // "its 2025 provincial congress": a year naming the meeting after it.
  const namesMeeting = (y: (typeof years)[number]) => y.from === y.to && MEETING_NAMED.test(english.slice(y.at + y.length));
  // "What yearly goal did the secretary set … at the 2023 review conference?": a target set at a meeting is for the
  // years after it, so the year naming the meeting is no period of the target ("Ha Nam year-end review (Dec 2023): what
  // yearly goal …" neither: the meeting's date).
  if (target && years.length && years.every((y) => namesMeeting(y) || y.datesSource)) return null;
  // "By what date must …, according to the plan presented at the November 13, 2024 conference?": the date asked
  // for may fall in another year than the meeting the question cites.
  if (wantsDate && years.length && years.every((y) => y.datesSource)) return null;
  // "party congress aug 2020 … growth over the last term": the five years up to the congress.
  const lastTerm = LAST_TERM.exec(english);
  const span = lastTerm ? (lastTerm[1] ? smallCount(lastTerm[1]) : TERM_YEARS) : null;
  if (span && years.length && years.every((y) => y.from === years[0]!.from && y.to === y.from)) return { from: years[0]!.from - span, to: years[0]!.from };
  // ("…its Party Congress for the 2020-2025 term, … over the previous five years": the years before the term.)
  if (span && years.length && years.every((y) => y.from === years[0]!.from && y.to === years[0]!.to && y.from < y.to && namesTerm(english, y))) return { from: years[0]!.from - span, to: years[0]!.from };
  if (years.length) {
    const from = Math.min(...years.map((y) => y.from));
    const to = Math.max(...years.map((y) => y.to));
    // "2023 compared with 2022" asks about 2023; "by January 2025 … for the 2025-2027 term" asks about January 2025
    // (a term names the congress); two separate years ask about both.
    const isTermName = (y: (typeof years)[number]) => namesTerm(english, y);
    // "growth in 2022 according to the Jan 2023 review conference": the conference's date names the source.
    const baseline = years.filter((y) => !y.baseline && !y.datesSource);
    // "aiming for by 2030 under the resolution of its 2025 provincial congress": a year naming a meeting is its name
    // beside a year asked about.
    const asked = baseline.some((y) => !namesMeeting(y)) ? baseline.filter((y) => !namesMeeting(y)) : baseline;
    const own = asked.some((y) => !isTermName(y)) ? asked.filter((y) => !isTermName(y)) : asked;
    // "How much did the number of projects rise compared with 2010-2015?": only a baseline is named, no year asked.
    // ("…achieve over 2026-2030" is the years asked, not a baseline.)
    if (own.length === 0 && years.every((y) => y.baseline && comparedWith(english, y.at))) return null;
    if (!own.length) return { from, to };
    const spanned = { from: Math.min(...own.map((y) => y.from)), to: Math.max(...own.map((y) => y.to)) };
    // "…in 2023, and what was that share back in 2020?": separate years, each asked ("between 2020 and 2023" spans them).
    // ("How did it change between 2020 and 2023?" asks its two ends again.)
    const spanBetween = /\bbetween\s+(?:\S+\s+){0,2}?(19|20)\d{2}\s+and\b/i.test(english) && !changeAskedFrom(english, own[0]!.at);
    const separate = own.length > 1 && own.every((y) => y.from === y.to) && !spanBetween;
    if (separate) return { ...spanned, years: [...new Set(own.map((y) => y.from))].sort((a, b) => a - b) };
    // "How did the share change from 2020 to 2023?": its two ends.
    if (own.length === 1 && endpointsAsked(english, own[0]!)) return { ...spanned, years: [own[0]!.from, own[0]!.to] };
    return spanned;
  }
  if (newest && /\b(this year|nam nay)\b/i.test(fold(english))) return { from: newest, to: newest };
  // ("…rise over the same period last year", "how much higher than last year" name the baseline, not the year asked.)
  const folded = fold(english);
  const lastYear = [...folded.matchAll(/\b(?:last year|nam ngoai|nam truoc)\b/g)].some((m) => !baselineAt(folded, m.index!));
  if (newest && lastYear) return { from: newest - 1, to: newest - 1 };
  return null;
}

/** "over the last term", "during the past five years", "in the previous tenure": the years up to the year named. */
const LAST_TERM = new RegExp(`\\b(?:over|during|in|for|through(?:out)?) (?:(?:the )?(?:whole|entirety|course) of )?the (?:last|past|previous|outgoing|whole) (?:term|tenure|(${SMALL_COUNT}) years)\\b`, "i");
/** A Party term's length in years. */
const TERM_YEARS = 5;

/** After a year, the meeting it names: "2025 provincial congress", "2023 review conference". */
const MEETING_NAMED = /^\s*(?:(?!(?:at|in|on|of|by|for|to|from|did|does|do|was|were|is|are|will|the|a|an|and|or)\b)[\p{L}'’-]+\s+){0,2}?(?:congress|conference|session|meeting|plenum)\b/iu;

function placeOf(q: AnalyzedQuestion, context: QuestionContext): string | null {
  const sub =
    q.names.find((n) => context.knownSubPlaces.some((k) => fold(k) === fold(n))) ??
    q.names.find((n) => / City$/.test(n) && findPlaces(n.slice(0, -5)).length > 0) ??
    // "vu thu district, thai binh": a district the library does not list by name is still the place asked about.
    q.names.find((n) => subPlaceKindsNamed(q.folded, fold(n)).some((kind) => kind !== "city"));
  return sub ?? q.places[0] ?? q.names[0] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Place names with typos

/** Every spelling of a province or city, and the districts and towns the library names. */
function placeVocabulary(knownSubPlaces: string[]): { folded: string; name: string; words: number; vi?: string }[] {
  const out: { folded: string; name: string; words: number; vi?: string }[] = [];
  for (const p of PLACES) for (const folded of foldedSpellings(p)) out.push({ folded, name: p.name, words: 0, vi: p.vi.toLowerCase() });
  for (const n of knownSubPlaces) out.push({ folded: fold(n), name: n, words: 0 });
  for (const o of out) o.words = o.folded.split(" ").length;
  return out.filter((o) => o.folded.length >= 5);
}

/**
 * "Thai Bihn" → "Thai Binh", "hai dong" → "Hai Duong", "Hong Lin" → "Hong Linh": a run of one to four words
 * that is not a known place but within a small edit distance of one (one edit per five letters, two at most,
 * same first letter) is taken for it. Ordinary words are left alone: a single word must be a place's only
 * word and at least six letters long.
 */
export function correctPlaceNames(question: string, knownSubPlaces: string[], inReports?: (phrase: string) => boolean): { text: string; corrections: { from: string; to: string }[] } {
  const vocabulary = placeVocabulary(knownSubPlaces);
  const vietnamese = looksVietnamese(question);
  let bySound: Map<string, { folded: string; name: string }[]> | undefined;
  const exact = new Set(vocabulary.map((v) => v.folded));
  // "Binhduong", "thaibinh": a place's words written together.
  const joined = new Map(vocabulary.filter((v) => v.words > 1).map((v) => [v.folded.replace(/ /g, ""), v.name]));
  const tokens = [...question.matchAll(/[\p{L}\p{M}]+/gu)];
  const corrections: { from: string; to: string }[] = [];
  let text = question;
  for (let i = 0; i < tokens.length; i++) {
    for (const n of [4, 3, 2, 1]) {
      const run = tokens.slice(i, i + n);
      if (run.length < n) continue;
      const from = run[0]!.index!;
      const last = run.at(-1)!;
      const written = question.slice(from, last.index! + last[0].length);
      if (/[^\p{L}\p{M}\s]/u.test(written)) continue;
      const folded = fold(written).replace(/\s+/g, " ");
      // English grammar words are no syllables of a misspelt place: "what levels can the voters pick" is not Can Tho.
      if (n >= 2 && folded.split(" ").some((w) => PLACE_RUN_STOP.has(w))) continue;
      // A place written right is not the start of another one: "Thanh Hóa năm 2023" is not "Thanh" + "Ha Nam".
      if (exact.has(folded) || COMMON_WORDS.has(folded)) {
        i += n - 1;
        break;
      }
      if (n === 1 && joined.has(folded)) {
        corrections.push({ from: written, to: joined.get(folded)! });
        text = text.replace(written, joined.get(folded)!);
        break;
      }
      if (n === 1 && folded.length < 6) continue;
      const budget = Math.min(2, Math.floor(folded.length / 5));
      if (budget === 0) continue;
      // Written with accents, a run is read with them: "làm xong" (finish) is three marks from "Lâm Đồng", no typo of it.
      const accented = written.toLowerCase() !== fold(written) ? written.toLowerCase().replace(/\s+/g, " ") : null;
      let best: { name: string; distance: number } | null = null;
      for (const v of vocabulary) {
        if (v.words !== n || v.folded[0] !== folded[0] || Math.abs(v.folded.length - folded.length) > budget) continue;
        if (accented && v.vi && v.vi.split(" ").length === n && editDistance(accented, v.vi, budget) > budget) continue;
        const d = editDistance(folded, v.folded, budget);
        if (d > 0 && d <= budget && (!best || d < best.distance)) best = { name: v.name, distance: d };
      }
      // Typed by ear ("hi dong", "bin tuan", "tai bin"): a run of two words or more two edits from one place only, that
      // sounds like it, unless the reports write the run ("ten nine") or it holds a pronoun or a modal ("can they" is
      // no Can Tho).
      // (Not in Vietnamese, whose words are not typed by ear: "co may" is "how many", not Ca Mau; nor the letters of "11th".)
      if (!best && n >= 2 && !vietnamese && !accented && !/\d$/.test(question.slice(0, from)) && !folded.split(" ").some((w) => SOUND_STOP.has(w))) {
        const key = spokenSkeleton(folded);
        bySound ??= groupBySound(vocabulary);
        const near = key ? (bySound.get(key) ?? []).filter((v) => v.folded[0] === folded[0] && editDistance(folded, v.folded, 2) <= 2) : [];
        const alike = [...new Set(near.map((v) => v.name))];
        if (alike.length === 1 && !inReports?.(folded)) best = { name: alike[0]!, distance: budget };
      }
      // Nor are words the reports write in a row a misspelt place the reports never name: "the bac binh my new residential
      // area" is not Bac Ninh. (The reports' search stems words, so "kim boy" is found as "Kim Boi", which they do name.)
      // Nor is the start of a longer name the reports hold: "Nghiem Xuan Tuan" is a person, not Nghi Xuan.
      const next = tokens[i + n];
      const continued = next && /^\p{Lu}/u.test(next[0]) && /^\s+$/.test(question.slice(last.index! + last[0].length, next.index!));
      if (best && n >= 2 && continued && inReports?.(`${folded} ${fold(next[0])}`)) {
        i += n;
        break;
      }
      if (best && n >= 2 && inReports?.(folded) && !inReports(fold(best.name))) {
        i += n - 1;
        break;
      }
      if (best) {
        corrections.push({ from: written, to: best.name });
        text = text.replace(written, best.name);
        i += n - 1;
        break;
      }
    }
  }
  return { text, corrections };
}

/** The places' names by how they sound (spokenSkeleton). */
function groupBySound(vocabulary: { folded: string; name: string }[]): Map<string, { folded: string; name: string }[]> {
  const out = new Map<string, { folded: string; name: string }[]>();
  for (const v of vocabulary) {
    const key = soundKey(v.folded);
    if (key) (out.get(key) ?? out.set(key, []).get(key)!).push(v);
  }
  return out;
}

function soundKey(folded: string): string | null {
  if (!SOUND_KEYS.has(folded)) SOUND_KEYS.set(folded, spokenSkeleton(folded));
  return SOUND_KEYS.get(folded)!;
}

/** A place's sound key, asked of every place's name on every question, is worked out once (the typed run's never kept). */
const SOUND_KEYS = new Map<string, string | null>();

/**
 * How a (folded) name sounds, for one typed by ear: each word's consonants, spelt one way ("ph" and "f", "th" and "t",
 * "x", "z" and "s", "c", "k" and "q"; a final "nh" as "n"), vowels dropped; null when a word keeps no consonant ("an"
 * in Long An must be typed as it is).
 */
function spokenSkeleton(folded: string): string | null {
  const words = folded.split(" ").map((w) =>
    w
      .replace(/^ngh/, "ng")
      .replace(/^gh/, "g")
      .replace(/^ph/, "f")
      .replace(/^th/, "t")
      .replace(/^kh/, "k")
      .replace(/^tr/, "ch")
      .replace(/nh$/, "n")
      .replace(/[xz]/g, "s")
      .replace(/[cq]/g, "k")
      .replace(/[aeiouy]/g, "")
      .replace(/(.)\1+/g, "$1"),
  );
  return words.every((w) => w.length > 0) ? words.join(" ") : null;
}

/**
 * Names the question gives that no report holds, respelt as the passages found for it write them: "Tan Chao
 * district" → "Tan Chau" (a district the gazetteer does not know, named in a report's title). (The caller gives
 * only places: people's names one letter apart are other people.) A name of two words or more, whose words all
 * match but one that is a single edit (a swap of neighbours is one) from its spelling there, four letters or more,
 * same first letter. A name two spellings fit is left alone, as is any other: "Nguyen Van Nam" is not "Nguyen Van Nen".
 * With `swapsOnly` (a person's name), only two neighbouring letters swapped count: "Vuong Dinh Heu" is Vuong Dinh Hue.
 */
export function respellNames(names: readonly string[], texts: readonly string[], options: { swapsOnly?: boolean } = {}): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [];
  for (const name of names) {
    const words = fold(name).split(/\s+/);
    if (words.length < 2) continue;
    const found = new Map<string, string>();
    for (const text of texts) {
      const tokens = [...text.matchAll(/[\p{L}\p{M}]+/gu)];
      for (let i = 0; i + words.length <= tokens.length; i++) {
        const run = tokens.slice(i, i + words.length);
        if (!run.every((t) => /^\p{Lu}/u.test(t[0]))) continue;
        const written = text.slice(run[0]!.index!, run.at(-1)!.index! + run.at(-1)![0].length);
        if (/[^\p{L}\p{M} ]/u.test(written)) continue;
        const folded = run.map((t) => fold(t[0]));
        const differing = folded.map((w, k) => (w === words[k] ? -1 : k)).filter((k) => k >= 0);
        if (differing.length !== 1) continue;
        const [a, b] = [words[differing[0]!]!, folded[differing[0]!]!];
        const fits = options.swapsOnly ? a.length >= 3 && swapped(a, b) : a.length >= 4 && b.length >= 4 && a[0] === b[0] && editDistance(a, b, 1) === 1;
        if (fits) found.set(folded.join(" "), written);
      }
    }
    if (found.size === 1) out.push({ from: name, to: [...found.values()][0]! });
  }
  return out;
}

/** Whether two words differ only by two neighbouring letters swapped ("heu" / "hue"). */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const at = [...a].findIndex((c, i) => c !== b[i]);
  return at >= 0 && at + 1 < a.length && a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2);
}

// ---------------------------------------------------------------------------------------------
// Other words with typos

/** The words questions about these reports turn on: the metric lexicon's, their synonyms', periods' and answer types'. */
const DOMAIN_WORDS: readonly string[] = [
  ...new Set(
    [
      ...lexiconWords(),
      ...("quarter quarters months first second third fourth half year annual average conference congress session meeting plenum " +
        "chaired chair chairman chairwoman presided secretary deputy delegates attended participants elected resolution resolutions " +
        "committee committees executive standing council province provincial district commune members member admitted recruited " +
        "target targets achieved reached increase increased estimated disbursement investment revenue budget growth tourists " +
        "visitors enterprises businesses export income poverty households projects capital inspection discipline disciplined " +
        "review reviews reviewed grassroots deadline congresses personnel solutions programs politburo secretariat " +
        "confidence ratings national people persons individuals comrades officials subcommittee documents document delegation organizations branches criteria indicators " +
        "lessons political report online " +
        // "in Decmber 2024": a misspelt month is no name.
        MONTH_NAMES.replace(/\|/g, " ")).split(" "),
    ]
      .map((w) => w.toLowerCase())
      .filter((w) => /^[a-z]{5,}$/.test(w)),
  ),
  // Short words a misspelling of five letters may stand for ("citty", "townn").
  "city",
  "town",
];

/** Words more frequent than this rank are common English words (see correctWordTypos). */
const COMMON_WORD_RANK = 50_000;
/** How many times more frequent a common word's respelling must be for the word to be taken for a typo of it. */
const LIKELIER_BY = 20;

/** Four-letter words of the domain a swap of two neighbouring letters may have misspelt ("gdrp" for GRDP, "ctiy"), as written. */
const SWAPPED_WORDS: ReadonlyMap<string, string> = new Map([["grdp", "GRDP"], ["city", "city"], ["town", "town"]]);

/**
 * "growht" → "growth", "quater" → "quarter", "secreatry" → "secretary": a word of five letters or more that the
 * reports never use is taken for a word of the domain vocabulary within one edit (two from eight letters; a swap
 * of neighbours is one), same first letter, that they do use; a four-letter one for an abbreviation it swaps two
 * neighbouring letters of ("gdrp" → GRDP). Words the reports use are never changed, nor common English words
 * ("expected") but for a far more common one ("frist" → "first").
 */
export function correctWordTypos(english: string, isReportWord: (word: string) => boolean, wordRank: (word: string) => number | null = () => null): { text: string; corrections: { from: string; to: string }[] } {
  // A common English word is no typo unless its respelling is far more common ("frist" → "first", not "expected" → "elected").
  const likelier = (typed: string, candidate: string) => {
    const rank = wordRank(typed);
    return rank === null || rank >= COMMON_WORD_RANK || (wordRank(candidate) ?? Infinity) * LIKELIER_BY <= rank;
  };
  const corrections: { from: string; to: string }[] = [];
  const text = english.replace(/\p{L}+/gu, (written) => {
    const word = fold(written);
    if (word.length === 4 && /^[a-z]+$/.test(word) && !isReportWord(word)) {
      const swapped = [...SWAPPED_WORDS.keys()].find((w) => w !== word && [...w].sort().join("") === [...word].sort().join("") && editDistance(word, w, 1) === 1);
      if (swapped && isReportWord(swapped)) {
        const spelt = SWAPPED_WORDS.get(swapped)!;
        corrections.push({ from: written, to: spelt });
        return spelt;
      }
    }
    if (word.length < 5 || !/^[a-z]+$/.test(word) || isReportWord(word)) return written;
    const budget = word.length >= 8 ? 2 : 1;
    let best: { word: string; distance: number } | null = null;
    for (const candidate of DOMAIN_WORDS) {
      if (candidate[0] !== word[0] || Math.abs(candidate.length - word.length) > budget) continue;
      const d = editDistance(word, candidate, budget);
      if (d <= budget && (!best || d < best.distance) && isReportWord(candidate) && likelier(word, candidate)) best = { word: candidate, distance: d };
    }
    if (!best) return written;
    corrections.push({ from: written, to: best.word });
    return best.word;
  });
  return { text, corrections };
}

/** Words no place name typed by ear holds. */
const SOUND_STOP = new Set("i you he she we they them it its can could will would may might must shall should do does did has have had not no yes".split(" "));
/** Words that stop a run of words from being read as a misspelt place ("an" is not among them: Nghe An, Thuan An). */
const PLACE_RUN_STOP = new Set("the a of to in on at for and or is are was were be it its this that with by from as into than then there their".split(" "));

/** English and Vietnamese words that look like place names to an edit distance but are not. */
const COMMON_WORDS = new Set(
  "party province district conference members member growth budget revenue tourists income target targets secretary standing meeting session people council committee provincial economic economy report reports results chaired chairs attended admitted recruited members which where there these those about after before during since until through between against hoang thanh".split(" "),
);

