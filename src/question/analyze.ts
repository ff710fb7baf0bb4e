import { stemmer } from "stemmer";
import { fold } from "../text/fold.js";
import { findPlaces } from "../text/places.js";
import { baselinePhrases, dayPhrases, daysOfMonth, yearMentions, yearsNamed, type DayOfMonth, type YearSpan } from "../text/years.js";
import { claimedAmounts, claimedFigures, factCheckOpening, guessClauses, isFactCheck, type ClaimedFigure } from "./guess.js";
import { numberedEvents, numberedGroups, ORDINAL_WORDS, type NumberedEvent, type NumberedGroup } from "../text/events.js";
import { WORD_VALUES } from "../text/numbers.js";

/** What "how long …" counts (`Question.counted`): a span of time ("half a day", "3 months"). */
export const COUNTED_DURATION = "duration";
/** What "how much money / funding …" counts: a sum of money ("57,149.4 billion VND"). */
export const COUNTED_MONEY = "money";
/** What "how long is the border / road…" counts: a length ("260km"). */
export const COUNTED_LENGTH = "length";
/** The kinds of answer a question may count instead of a noun (checked whatever metric the question names). */
export const COUNTED_KINDS: ReadonlySet<string> = new Set([COUNTED_DURATION, COUNTED_MONEY, COUNTED_LENGTH]);

/** Whether what a question counts is a noun of one plain word ("members", "branches"), not a kind of answer or a phrase. */
export function countsNoun(counted: string | null): counted is string {
  return counted !== null && !COUNTED_KINDS.has(counted) && /^[a-z]+$/.test(counted);
}

/** Words that carry no meaning for matching. */
const STOPWORDS = new Set(
  (
    "a an the of in on at to for from by with and or but is are was were be been being do does did done has have had " +
    "what which who whom whose when where why how many much more most this that these those it its it's as into about " +
    "than then there their they them he she his her we our you your i me my can could should would will shall may might " +
    "any all each per over under after before during since until up down out so not no yes if also just only such very " +
    "tell say said please give list show find know exactly actually really specifically some name between among within"
  ).split(" "),
);

/** "who is subject to", "who are eligible for": the words of a question asking which people a rule covers. */
const WHO_IS_COVERED = /\bwho (?:exactly |else )?(?:is|are|was|were|will be|would be) (?:subject|eligible|entitled|covered|affected|targeted|included)\b/g;

/**
 * Words so common in committee reports that they say little about which passage answers: they are
 * searched, but a passage is not counted as answering just because it has them.
 */
const WEAK_TERMS = new Set(
  (
    "party committee committees provincial province district town city conference meeting report reports year years " +
    "comrade comrades secretary standing executive people peoples council work task tasks implement implementation " +
    "organization organizations member members level levels total number result results " +
    // Hedges say how sure the asker is, not what is asked.
    "something exact exactly precisely roughly approximately really actually alone " +
    // So does a claim the asker doubts ("Hung Yen boasts it issued …").
    "boast boasts boasted claim claims claimed"
  ).split(" "),
);

/** Question openers that ask for a figure: the answer sentence must hold a number. */
/** "What number is the plan?", "nghe an confidence vote plan number": the document's code is the answer, a figure. */
// ("When did the Politburo issue Conclusion No. 126?" gives the number: it asks no figure.)
const CODE_QUESTION = /\bwhat number\b|\b(plan|decision|resolution|directive|dispatch|conclusion|regulation|instruction)s? (number|no)\b(?!\.?\s*\d)|\bnumber of the (plan|decision|resolution|directive|dispatch|conclusion|regulation|instruction)\b/i;
/** "Which number congress was it", "đại hội lần thứ mấy" (translated "what ordinal"): the numbered event is the answer. */
const ORDINAL_QUESTION = /\bwhat ordinal\b|\b(what|which) (number|numbered) (congress|conference|session|meeting|plenum)\b|\b(congress|conference|session|meeting|plenum) (number|no)\b(?! of\b)/i;
/**
 * A search-box query of at most seven words, without a question word or another thing asked ("date of …"), ending
 * in what the reports count ("hong linh town party members", "binh thuan delegates 2025"): how many. (Its last noun
 * is captured.)
 */
export const KEYWORD_COUNT =
  /^(?![^?]*\b(?:what|which|who|whom|whose|when|where|why|how|list|name|names|describe|tell|did|does|do|is|are|was|were|has|have|had|will|date|dates|day|days|deadline|time)\b)(?=(?:\S+\s+){0,6}\S+\s*$)[^?]*\b(members|delegates|deputies|representatives|participants|attendees|communes|wards|villages|households|organizations|organisations|cells|branches|agencies|enterprises|businesses|cooperatives|schools|cadres|officials)\s*(?:(?:19|20)\d{2}\s*)?\??\s*$/i;

const FIGURE_QUESTION = new RegExp(
  `${CODE_QUESTION.source}|\\btotal\\b|\\b[a-z]{4,} rates?\\b|\\b(how (many|much|fast|long|large|big|high|quickly|rapidly|strongly)|(the )?number of|what (is|was) the total|what (is|was|are|were) the (exact |precise |real |actual |two |three |both )?(numbers?|figures?|counts?)|(?:what['’]s|whats) the (?:exact |precise |real |actual )?(?:numbers?|figures?|counts?|total)|(share|proportion|percentage|ratio) of|what (volume|amount|value|quantity|level|size) of|what (percentage|percent|share|proportion|rate|number|amount|was the (budget|revenue|growth|rate|value|total))|by how much|by what (?:multiple|factor)|growth rate|what was .* (revenue|growth|rate))\\b`,
  "i",
);
// ("When the leadership met in late 2024, which resolution did they review?": a clause setting the scene asks no date;
// a "when" after a colon opens the question: "Ha Tinh congress timing: when will Duc Tho hold its congress?", and one
// ending it asks too: "duc tho district congresses 2025-2030 when")
const DATE_QUESTION = /(?:^|[:;–—]\s)\s*(when\b(?![^?]*,\s*(?:which|what|who|whom|how)\b)(?![^?]*,.*\bhow (?:many|much)\b)|on (what|which) (date|day)|(in )?(what|which) (date|day|month|year)\b)|\b(on what date|what dates?|which dates?|which days?|(?:exact|precise|specific) (?:date|day)|which month|what days?|in what (month|year)|(session|conference|meeting|congress)( (19|20)\d{2})? dates?|dates|dates? of the|deadlines?|by when|until when|till when|when(?:\s+exactly|\s+precisely)?(?=\s*\??\s*$)|(?<!\b(?:first|second|last|same|that|this|each|per|a|one|every|next|previous)\s)(?:month|date)(?=\s*\??\s*$)|(?:by|until|before|from) (?:what|which) (?:year|month))\b/i;
/** A date asked beside a person: "who chaired it, and when", "on what date", "which day". */
const DATE_ASKED_TOO = /\bwhen\b|\b(?:what|which) (?:date|day|month)\b/i;
/** "Who chaired…", "head of the document subcommittee": a person is wanted. */
const PERSON_QUESTION =
  /(?:^|[-–—:;]\s+)(who|whom)\b|\b(which comrade|chaired by|who (chaired|presided|led|is|was|heads|headed))\b|^\s*(the\s+)?(head|chair|chairman|chairwoman|chairperson|leader|director)\s+of\b|\b(which|what)\s+(?:(?!(?:did|does|do|is|are|was|were|has|have|had|will|would|should|can|could|must|may|the|of|to)\b)[^\s?.,;:]+\s+){0,4}?((deputy|vice|permanent|standing)\s+)*(secretar(y|ies)|chair(man|men|woman|women|person)?s?|leaders?|directors?|comrades?)\b|\b(deputy\s+)?secretar(y|ies)\b.*\bwhich\s*\??\s*$|^\s*list\b.*\b(secretaries|deputies|chairmen|leaders|members of the)\b|\b(secretar(y|ies)|chair(man|men|woman|person)?|director|head|leader)['’]?s?\s+(full\s+)?names?\b|\bnames?\s+of\s+the\s+(?:(?:party|provincial|district|city|town|commune|bloc)\s+)*((deputy|vice|standing)\s+)*(secretary|chair(man|woman|person)?|director|head|leader)\b/i;
/**
 * A post typed without a question word, ending the question or followed by where or when: "an giang provincial party
 * secretary at the 1st congress?", "yen bai ppc chairman", "binh thuan document subcommittee head" (a head or chief only
 * ending it). ("ha nam party secretary speech" asks for the speech.)
 */
const POST_WITHOUT_QUESTION_WORD =
  /^(?!.*\b(what|which|how|when|where|why|whom?|whose|list|name|number|many|much|total|count|did|does|do)\b).*\b(secretar(y|ies)|chair(man|men|woman|women|person)|director|leader)\s*(\?|$|\b(at|in|of|for|during|from)\b)|^(?!.*\b(what|which|how|when|where|why|whom?|whose|list|name|number|many|much|total|count|did|does|do)\b).*\b(head|chief)\s*\??\s*$/i;
/** "the most senior Khanh Hoa official there?", "top-ranking leader present": a person, by rank. */
const RANKING_PERSON = /\b(?:most senior|senior-?most|highest[- ]ranking|top[- ]ranking|highest[- ]level|top)\s+(?:[\p{L}'-]+\s+){0,3}?(?:officials?|leaders?|persons?|figures?|cadres?|dignitar(?:y|ies))\b/iu;
/** "Who is subject to the vote", "who are eligible": a group of positions is wanted, not a named person. */
const NOT_PERSON_QUESTION = /\bwho (?:exactly |else )?(is|are|was|were|will be|would be) (subject|eligible|entitled|covered|affected|targeted|included)\b|\b(list|names?) of (the )?(positions|posts|titles|roles)\b/i;
/**
 * "On what date was the congress actually held?", "when did it take place": a date question about what happened,
 * which a plan ("…will be held before August 31") does not answer. Not one about a plan or a deadline.
 */
const HELD_QUESTION = /\b(?:was|were|did|has|have|had)\b[^?]*\b(?:held|hold|take place|took place|happen\w*|convene\w*|open\w*|organi[sz]e\w*|close\w*|(?<!-)end|(?<!-)ended|start\w*|begin|began)\b|\bactually\b/i;
/** "How many meetings did it actually end up holding": what happened, which a plan for the year does not answer. */
const ACTUAL_QUESTION = /\b(actually|in fact|end(?:ed)? up|in the end|turned out)\b/i;
const PLAN_QUESTION = /\b(?:will|shall|scheduled|planned|plan to|expected|set to|due|going to|upcoming|must|should|(?:was|were|is|are) to be|to be (?:held|organi[sz]ed|convened|completed)|deadlines?|settle[ds]? on|settling on|agreed? (?:on|upon)|decided? on|fixed|lock(?:ed|s)? in|pencil(?:l?ed|s)? in)\b/i;
/** "Deadline for the congresses", "by when must…": the date something must be done by. */
const DEADLINE_QUESTION = /\b(deadlines?|by when|until when|by what date|due date|complete[ds]? by)\b/i;
/** "Why was Tu Ky town chosen", "for what reason": the answer gives a reason. */
// ("What made the bloc choose …?", "what led them to pick …": a reason asked.)
const REASON_QUESTION = /\bwhy\b|\b(for what reason|what (is|was|were) the reasons?|what reasons? (?:is|was|were|did|do|does)|reasons? (?:given|cited|behind)|what (?:made|makes|led|leads|prompted|prompts|caused|causes) (?:[^?]{1,80}?\b)?(?:to )?(?:choose|chose|pick|picked|select|selected|decide|decided|change|changed|move|moved|adjust|adjusted)|what (?:made|makes) [^?]{1,80}?\bthe (?:choice|pick|selection|ones?|units?) (?:for|to)\b)\b/i;
/** "What is the vote meant to achieve", "what's the purpose of the plan", "what does the directive aim at": what it is for. */
const PURPOSE_QUESTION = /\b(?:meant|intended|designed|supposed) to (?:achieve|accomplish|do|serve|bring)\b|\b(?:purpose|aim|point) of (?:the|this|that|its|a|an)\b|\bwhat (?:is|was|are|were) (?:it|they|this|that)\s+(?:[a-z]+ly\s+)?for\b|\bwhat (?:does|did|do) [^?]{1,160}\baim (?:at|to|for)\b|\bwhat (?:is|are|was|were|will) [^?]{1,160}\b(?:be )?responsible for\s*\??\s*$/i;
/** "Where was the session held", "venue of the sitting": a place of meeting is the answer. */
const VENUE_QUESTION = /^\s*where\b|\b(venue|where (is|was|were|will|did))\b/i;

export interface QueryTerm {
  /** Folded surface form ("members", "26-ct/tw", "54/545"). */
  text: string;
  stem: string;
  /** True for figures and codes ("1,251", "26-CT/TW", "2023"). */
  numeric: boolean;
  weak: boolean;
  /** Part of what the figure is compared with ("against the previous year"): the facts judge it, and a sentence need not repeat it. */
  baseline?: boolean;
}

export interface AnalyzedQuestion {
  raw: string;
  folded: string;
  terms: QueryTerm[];
  /** Provinces/cities named in the question (canonical names). */
  places: string[];
  /** Capitalised names in the question that are not places from the gazetteer ("Cam Xuyen", "Hanoi" is a place). */
  names: string[];
  years: string[];
  /** Year spans the question asks about ("the 2021-2026 tenure"), not those it compares with. */
  spans: YearSpan[];
  wantsFigure: boolean;
  wantsDate: boolean;
  wantsPerson: boolean;
  wantsReason: boolean;
  /** Asks what something is for ("what is the vote of confidence meant to achieve", "the purpose of the plan"). */
  wantsPurpose: boolean;
  /** Asks where a meeting was held ("venue of …"): a sentence naming a hall, centre or headquarters answers. */
  wantsVenue: boolean;
  /** A date question asking by when something must be done. */
  wantsDeadline: boolean;
  /** Insists on what happened ("actually", "end up"), which a plan does not answer. */
  asksActual: boolean;
  /** A date question about what is planned ("when is the congress expected", "when will it be held"): a planned date answers best. */
  asksWhenPlanned: boolean;
  /** A date question about when something happened ("when was it actually held?"), which a planned date does not answer. */
  asksWhenHeld: boolean;
  /** A figure question asking for a document's number ("plan number"): its code is the answer. */
  wantsCode: boolean;
  /** Asks which numbered congress, conference or session it is ("đại hội lần thứ mấy"): a sentence naming one answers. */
  wantsOrdinal: boolean;
  /** Numbered events it names ("the 26th conference"), which a report and a sentence about another do not answer. */
  events: NumberedEvent[];
  /** Numbered groups it names ("discussion group no 2"), which a sentence about another group of that kind does not answer. */
  groups: NumberedGroup[];
  /** Days of a month it names ("the oct 19 conference", "19/10/2023"). */
  days: DayOfMonth[];
  /** The figures a fact-checker's claim states ("Is it correct that … 1,300 new members?"), for the answer to weigh its figure against; none for other questions. */
  claims: ClaimedFigure[];
}

const TOKEN = /[\p{L}\p{N}]+(?:[.,/\-][\p{L}\p{N}]+)*/gu;
/**
 * TOKEN for a text whose letters and digits are all ASCII (most folded text; curly quotes and dashes are not letters),
 * where \p{L} is [A-Za-z] and \p{N} [0-9]: the same tokens, found twice as fast.
 */
const ASCII_TOKEN = /[A-Za-z0-9]+(?:[.,/\-][A-Za-z0-9]+)*/g;
const NON_ASCII_WORD_CHAR = /(?![\x00-\x7f])[\p{L}\p{N}]/u;

/** Splits folded text into match tokens, keeping figures and codes whole ("9.41", "26-ct/tw"). */
export function tokenize(foldedText: string): string[] {
  return foldedText.match(NON_ASCII_WORD_CHAR.test(foldedText) ? TOKEN : ASCII_TOKEN) ?? [];
}

const stems = new Map<string, string>();

/** Porter stem of a word (figures unchanged); memoised, as the same few thousand words recur in every passage. */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    s = /\d/.test(word) ? word : stemmer(IRREGULAR_FORMS.get(word) ?? MONTH_ABBREVIATIONS.get(word) ?? american(word));
    if (stems.size > 100_000) stems.clear();
    stems.set(word, s);
  }
  return s;
}

/** Irregular verb forms the stemmer leaves whole, read as their verb: "have state coffers grown" asks how they grew. */
const IRREGULAR_FORMS = new Map(
  (
    "grown:grow grew:grow risen:rise rose:rise fallen:fall fell:fall begun:begin began:begin chosen:choose chose:choose " +
    "taken:take took:take given:give gave:give spoken:speak spoke:speak written:write wrote:write held:hold met:meet " +
    "led:lead won:win sent:send made:make brought:bring paid:pay spent:spend built:build sold:sell drawn:draw drew:draw " +
    "shown:show seen:see saw:see went:go gone:go came:come done:do did:do"
  )
    .split(" ")
    .map((pair) => pair.split(":") as [string, string]),
);

/** A month's short name as the month: "the Nov 2023 review" was held "on November 13". */
const MONTH_ABBREVIATIONS = new Map(
  "jan:january feb:february mar:march apr:april jun:june jul:july aug:august sep:september sept:september oct:october nov:november dec:december"
    .split(" ")
    .map((pair) => pair.split(":") as [string, string]),
);

/** British spellings as the reports' American ones: "programmes" are "programs", "organised" "organized", "centre" "center". */
function american(word: string): string {
  return word
    .replace(/^programme(s?)$/, "program$1")
    .replace(/^(organ|mobil|priorit|modern|industrial|urban|digital|real|util|final|summar|emphas|recogn|character|central|decentral|normal|standard|minim|maxim|optim|stabil|revital|capital|global|local|privat|legal|special|computer|apolog|author|critic|familiar|harmon|human|ideal|idol|institutional|popular|rational|subsid|symbol|synchron)is(e|ed|es|ing|ation|ations)$/, "$1iz$2")
    .replace(/^(cent|met|kilomet|lit|theat|fib)re(s?)$/, "$1er$2")
    .replace(/^(lab|hon|fav|neighb|behavi|col|harb|vig|rum|hum|endeav|arm)our(s|ed|ing|able)?$/, "$1or$2")
    .replace(/^(defen|licen|offen|preten)ce(s?)$/, "$1se$2");
}

/** Words of committee vocabulary that are capitalised in questions but are not names. */
export const GENERIC_CAPITALISED = new Set(
  (
    "party committee provincial province district town city conference standing executive secretary people's peoples people " +
    "council central politburo secretariat resolution directive project decision conclusion regulation national congress " +
    "assembly fatherland front ocop fdi grdp gdp vnd usd commemorative medal year dragon new rural area type term inspection " +
    "commission department board vietnam vietnamese comrade mr ms the what which who how when where on in of and for did " +
    "does is was were a an chairman chairwoman deputy vice head permanent labor certificate certificates merit flag prime minister state president " +
    "january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday " +
    "tet lunar propaganda organizing organization mass mobilization internal affairs office bloc agencies council's committee's province's " +
    "ward commune village hamlet dr prof mrs municipal city's " +
    // Month abbreviations ("the Nov 2023 review") and the greetings a question may open with ("Hi, …").
    "jan feb mar apr jun jul aug sep sept oct nov dec hi hello hey dear thanks please " +
    // Units and the words naming bodies ("in US dollars", "Binh Thuan's Document Subcommittee").
    "us un document documents subcommittee sub-committee editorial team group board"
  ).split(" "),
);

/**
 * "… according to the Nov 2023 mid-term review", "per the inspection report": words that name the report to read,
 * not what the answering sentence says; they weigh less (the report's place, names and dates are checked apart).
 */
// ("… the vote of confidence under Plan No. 162-KH/TU issued by the Standing Committee …": the document that sets it.)
const SOURCE_CLAUSE = /\b(?:according to|as (?:reported|stated|announced) (?:at|in|by)|reported (?:at|in)|based on|per (?=the |its )|under (?=(?:the )?(?:plan|regulation|resolution|decision|directive|conclusion|project|program|programme) no\b))\s*(?:the |its |a )?([^,;?!()]+)/g;
/** "What exact size did the mid-term review give?": the report that gives the figure, named as its subject. */
const SOURCE_GIVES = /\b(?:did|does|do)\s+(?:the |its )([^,;?!()]{3,60}?)\s+(?:give|report|say|show|put it at)\b/g;

/**
 * "At the Nov 13 training for 450 full-time cadres of the agencies bloc, by what date …?": an opening clause before
 * the question word that names the meeting to read, whose words the answering sentence need not repeat.
 */
/**
 * The asker's own story before the question ("My nephew lives in Ben Cat city, Binh Duong, and told me …", "I read
 * that …", "I heard that …"): who told whom, where they live; no report says it. (Its places and names still count.)
 */
const BACKSTORY = /\b(?:(?:my|our) (?:nephew|niece|son|daughter|grandson|granddaughter|friend|colleague|husband|wife|neighbou?r|cousin|brother|sister|father|mother|uncle|aunt|students?|editor|boss)\b[^.?!]{0,120}?\b(?:told|tells|said|says|mentioned|wrote|heard)(?: (?:me|us))?(?: that)?|\bi (?:read|heard|saw|was told|have read|have heard)(?: somewhere)?(?: that)?|\bsomeone (?:told|tells) me(?: that)?)\b/gi;

/**
 * "My late father served in a commune Party cell in Ha Nam, and I am writing an essay on … . In 2023, how many …?":
 * a sentence of the asker's own story before the question (it speaks of "I", "my", "we" and asks nothing). Its words
 * that the question itself does not repeat say why the asker asks, not what the answering sentence says.
 */
export function storyWords(folded: string): Set<string> {
  const sentences = folded.split(/(?<=[.!?])\s+(?=[a-z])/).filter((s) => s.trim());
  if (sentences.length < 2) return new Set();
  // (Without a question mark, the last sentence asks.)
  const marked = sentences.some((s) => s.includes("?"));
  // (Not a claim to check, "Our copy says …", nor what the asker was told, "My nephew … told me that …": those state
  // what the answering sentence says.)
  const story = sentences.filter((s, i) => (marked ? !s.includes("?") : i < sentences.length - 1) && !factCheckOpening(s) && !new RegExp(BACKSTORY.source, "i").test(s) && /\b(?:i|i'm|i've|my|we|we're|our|me|us)\b/.test(s));
  if (story.length === 0 || story.length === sentences.length) return new Set();
  const asked = new Set(tokenize(sentences.filter((s) => !story.includes(s)).join(" ")));
  return new Set(tokenize(story.join(" ")).filter((w) => !asked.has(w)));
}

const OPENING_SOURCE = /^\s*(?:at|during|under|in line with|pursuant to)\s+(?:the\s+)?([^,?]{5,160}),\s*(?=(?:what|which|who|whom|when|how|where|why|by what|on what|in what|on which|in which)\b)/;

/**
 * "When the Central Committee votes on how much it trusts …, what levels can the voters pick from?": a "how much"
 * inside a clause that sets the scene, the question asked after it by another question word.
 */
const EMBEDDED_FIGURE = /\b(?:on|about|over|decid\w*|know\w*|measur\w*|judg\w*|assess\w*|rat\w*)\s+how (?:much|many)\b[^?]*?[,;]\s*(?:what|which|who|whom|when|where)\b/i;

export function analyzeQuestion(question: string): AnalyzedQuestion {
  // "How fast", "how large": the adjective only says a figure is wanted.
  const folded = fold(question).replace(/\bhow (fast|quickly|rapidly|strongly|large|big|high|long|much|many)\b/g, "how");
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  // A day the question names ("at the January 13, 2023 conference") is checked against the report, not each sentence;
  // so is a numbered event ("the 13th session of the 7th People's Council"), unless its number is what is asked.
  const wantsOrdinal = ORDINAL_QUESTION.test(question);
  // ("Is it correct that the congress must be completed before June 15, 2025?": a date to check is a date asked.)
  // ("Who presided over the 32nd meeting, the one where they moved the dates of the session?": the dates tell which
  // meeting; a person is asked, and a date only when asked in so many words, "who chaired it and when".)
  const whoAsked = /^\s*(?:who|whom)\b/i.test(question);
  const wantsDate = (DATE_QUESTION.test(question) && (!whoAsked || DATE_ASKED_TOO.test(question))) || (isFactCheck(question) && daysOfMonth(question).length > 0);
  const wantsDeadline = DEADLINE_QUESTION.test(question);
  const asksActual = ACTUAL_QUESTION.test(question);
  const asksPlan = PLAN_QUESTION.test(question);
  const events = numberedEvents(question);
  const found = findPlaces(question);
  const places = [...new Set(found.map((p) => p.name))];
  const placeWords = new Set(found.flatMap((p) => tokenize(fold(p.matched))));
  const opening = OPENING_SOURCE.exec(folded)?.[1] ?? "";
  // ("…, was it something like five hundred-odd party members? how many exactly?": the asker's guess is no word to find;
  // the asker's rough figure is no word of the answer, nor one to search by: it would find other figures.)
  const claimed = claimedAmounts(folded);
  const guessed = [...claimed, ...guessClauses(folded)].map((g) => g.text);
  // ("who is subject to the vote": the words asking who, not what a sentence must say; "…states the scope, subjects and
  // time of the vote" names no one.)
  const asking = [...folded.matchAll(WHO_IS_COVERED)].map((m) => m[0]).concat(factCheckOpening(folded) ?? [], [...folded.matchAll(BACKSTORY)].map((m) => m[0]));
  const story = storyWords(folded);
  const source = new Set(tokenize([...[...folded.matchAll(SOURCE_CLAUSE), ...folded.matchAll(SOURCE_GIVES)].map((m) => m[1]), opening, ...dayPhrases(folded), ...guessed, ...asking].join(" ")).concat([...story]));
  // ("… in 2023 against the previous year": what the figure is compared with, which the facts judge.)
  const baseline = new Set(tokenize(baselinePhrases(folded).join(" ")).filter((w) => !/^(19|20)\d{2}$/.test(w)));
  const eventWords = new Set(wantsOrdinal ? [] : tokenize(events.map((e) => fold(e.text)).join(" ")));
  const hedged = new Set(tokenize(claimed.map((h) => h.text).join(" ")));
  for (const token of tokenize(folded)) {
    const numeric = /\d/.test(token);
    if (hedged.has(token)) continue;
    if (!numeric && (STOPWORDS.has(token) || token.length < 2)) continue;
    const s = stem(token);
    if (seen.has(s)) continue;
    seen.add(s);
    terms.push({ text: token, stem: s, numeric, weak: WEAK_TERMS.has(token) || (source.has(token) && !/^(19|20)\d{2}$/.test(token)), ...(baseline.has(token) ? { baseline: true } : {}) });
  }
  // The event's words weigh less only when the question asks something beyond it ("… 13th session … resolutions
  // passed"); "ky hop thu 15 … vao nhung ngay nao" has nothing else to find its sentence by.
  const asksBeyond = terms.filter((t) => !t.weak && !t.numeric && !eventWords.has(t.text) && !placeWords.has(t.text)).length >= 2;
  if (asksBeyond) for (const t of terms) if (eventWords.has(t.text)) t.weak = true;
  return {
    raw: question,
    folded,
    terms,
    places,
    // The question's first word is capitalised as every sentence's is ("Besides the bloc's own agencies, …").
    // ("Hello, I am a teacher in Phu Ly. …": a name only in the asker's own story is no name a report must hold.)
    names: properNames(question).filter((n) => !tokenize(fold(n)).every((w) => placeWords.has(w) || story.has(w)) && !(!n.includes(" ") && question.trimStart().startsWith(n))),
    years: yearsNamed(question),
    spans: yearMentions(question)
      .filter((y) => y.from < y.to && !y.baseline && !endpointsAsked(question, y))
      .map(({ from, to }) => ({ from, to })),
    // (A fact-checker's claim asks for a figure when it states one: "Is it correct that … 405 party members?", unless it
    // asks the dates outright: "… ran three days, December 7-9. Is that correct, and what were the dates?")
    wantsFigure: isFactCheck(question) ? claimed.some((c) => !c.day) && !DATE_QUESTION.test(question) : (FIGURE_QUESTION.test(question) || KEYWORD_COUNT.test(question)) && !wantsOrdinal && !EMBEDDED_FIGURE.test(question),
    wantsDate,
    wantsPerson: (PERSON_QUESTION.test(question) || POST_WITHOUT_QUESTION_WORD.test(question) || RANKING_PERSON.test(question)) && !NOT_PERSON_QUESTION.test(question),
    // (A claim giving a reason asks for the reason: "Is it true that … picked … because they were the biggest units?")
    wantsReason: REASON_QUESTION.test(question) || (isFactCheck(question) && /\b(?:because|due to|owing to|since they|as they)\b/i.test(question)),
    wantsPurpose: PURPOSE_QUESTION.test(question),
    wantsVenue: VENUE_QUESTION.test(question),
    wantsDeadline,
    asksActual,
    asksWhenPlanned: wantsDate && asksPlan && !asksActual,
    asksWhenHeld: wantsDate && !asksPlan && !wantsDeadline && HELD_QUESTION.test(question),
    wantsCode: CODE_QUESTION.test(question) && !wantsOrdinal,
    wantsOrdinal,
    events,
    groups: numberedGroups(question),
    // (A fact-checker's day is the claim, which the answer's date checks: no report need name it.)
    days: isFactCheck(question) ? [] : daysOfMonth(question),
    claims: claimedFigures(folded),
  };
}

/** Numbers in words, cardinal and ordinal, folded: never a name's word. */
const NUMBER_NAMES = new Set([...Object.keys(WORD_VALUES), ...ORDINAL_WORDS, "hundred", "thousand", "million", "billion"]);

/** Capitalised words that end a name even inside a run of capitals ("Hanoi And Hai Phong"). */
const NAME_BREAKS = new Set("and or of for in on at to by from with a an is are was were".split(" "));

/**
 * "How did the share change from 2020 to 2023?", "how has it shifted between 2020 and 2023": the text before the year
 * at `at` asks how something changed from it, so the two ends are asked, each year's figure, not a span's.
 */
export function changeAskedFrom(question: string, at: number): boolean {
  return ENDS_CHANGED.test(question.slice(0, at));
}

/** A span ("from 2020 to 2023") whose two ends are asked (see changeAskedFrom). */
export function endpointsAsked(question: string, y: { from: number; to: number; at: number }): boolean {
  return y.from < y.to && changeAskedFrom(question, y.at);
}

const ENDS_CHANGED = /\b(chang(e|es|ed|ing)|shift(s|ed|ing)?|mov(e|es|ed|ing)|evolv(e|es|ed|ing)|go|went|gone)\s+(?:\S+\s+){0,2}?(from|between)\s+$/i;

/**
 * Sequences of capitalised words that are not committee vocabulary: "Cam Xuyen", "Hanoi", "Tran Duc Thang".
 * The first word of the question counts only when it is not a question word.
 */
export function properNames(question: string): string[] {
  // "Kim Boi's district": the possessive is not part of the name.
  const raw = question.split(/\s+/);
  const words = raw.map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "").replace(/['’]s$/u, ""));
  const names: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length) names.push(current.join(" "));
    current = [];
  };
  words.forEach((word, i) => {
    const isCapitalised = /^\p{Lu}[\p{Ll}\p{M}]+$/u.test(word) || /^\p{Lu}{2,}$/u.test(word);
    // A name ends at punctuation: "Tran Quoc Toan, Tran Quoc Van" are two people.
    if (/^[(\["“'‘]/u.test(raw[i]!)) flush();
    // Inside a name a capitalised stopword is a syllable of it ("Nguyen Khac Than", "Tran The Dung").
    const f = fold(word);
    const syllable = current.length > 0 && /^\p{Lu}\p{Ll}+$/u.test(word) && STOPWORDS.has(f) && !NAME_BREAKS.has(f);
    // Committee vocabulary in British spelling is vocabulary too: "the Organisation Committee", "Organising".
    // ("At the Nineteenth Hung Yen Provincial Party Congress", "First, how many …": a number in words is no name.)
    const numberWord = NUMBER_NAMES.has(f);
    if (!numberWord && (syllable || (isCapitalised && !GENERIC_CAPITALISED.has(american(f)) && !STOPWORDS.has(f)))) current.push(word);
    else flush();
    // A possessive ends one too: "Ha Tinh's Duc Tho district" names Ha Tinh and Duc Tho.
    // (So does a quotation's end: "… in the Red River Delta.' Where did …".)
    if (/[,;:.!?)\]"”'’]$/u.test(raw[i]!) || /\p{L}['’]s[^\p{L}]*$/u.test(raw[i]!)) flush();
  });
  flush();
  return names;
}

/** An FTS5 query matching any of the question's terms; figures and codes are quoted as phrases. */
export function toFtsQuery(terms: QueryTerm[]): string {
  return terms.map((t) => `"${t.text.replace(/"/g, '""')}"`).join(" OR ");
}
