import type { Config } from "../config.js";
import type { Embedder } from "../embed/embedder.js";
import { countsNoun, understandQuestion, parseDatePoint, respellNames, type Question, type QuestionContext } from "../question/index.js";
import { escapeRegExp } from "../text/escape.js";
import { stem } from "../question/analyze.js";
import { stemAndSynonyms } from "../question/glossary.js";
import { DEFAULT_SEARCH, hybridSearch, termWeights, type ScoredPassage, type SearchOptions } from "../search/search.js";
import type { SearchIndex as Store, StoredPassage } from "../store/search-index.js";
import { fold } from "../text/fold.js";
import { findPlaces, findSubPlaces } from "../text/places.js";
import { yearsNamed } from "../text/years.js";
import type { AnswerResult, AskFilters, AskFn, AskOptions } from "../types.js";
import { UserError } from "../types.js";
import type { Aligner } from "./align.js";
import { composeAnswer, DEFAULT_COMPOSE, toCitation, type ComposeOptions } from "./compose.js";

export interface AskDeps {
  /** The live index: read per question, so a reindex's switch of generation is followed. */
  index: () => Store;
  embedder: Pick<Embedder, "embedQuery">;
  config: Pick<Config, "maxQuestionChars">;
  /** Word-vector alignment of question and sentence words (src/answer/align.ts); without it, lexical coverage only. */
  aligner?: Aligner;
  /**
   * A word's frequency rank in the word vectors' training text (0 = most frequent; WordVectors.rank), null when not
   * in it: a common English word is not respelt as a word of the reports (QuestionContext.wordRank). Without it,
   * any word they lack may be.
   */
  wordRank?: (word: string) => number | null;
  search?: Partial<SearchOptions>;
  compose?: Partial<ComposeOptions>;
}

/**
 * Builds the one question-answering function that the CLI, the bot and the evaluation all call:
 * question (understood) → search → answer, returning a typed outcome that each front end words itself.
 * Options are merged with their defaults once, here.
 */
export function createAsk(deps: AskDeps): AskFn {
  const searchOptions: SearchOptions = { ...DEFAULT_SEARCH, ...deps.search };
  const contextOf = (store: Store): QuestionContext => ({ ...questionContext(store), wordRank: deps.wordRank });
  const composeOptions: ComposeOptions = { ...DEFAULT_COMPOSE, ...deps.compose };

  return async function ask(question: string, options: AskOptions = {}): Promise<AnswerResult> {
    const { result: answered, q, vector } = await askOnce(question, options);
    if (answered.found) return answered;
    // "How many party cells in Tan Chao district …?": a place no report names, which the passages found for the
    // question write one letter apart ("Tan Chau"), is read as theirs, and the question asked again (once). Places
    // only, but for swapped letters: a person's names are often one letter apart ("Nguyen Van Thanh" is not "Nguyen Van Thinh"). Only an
    // answer from the respelt question replaces what the question as typed got.
    const store = deps.index();
    const placeNamed = (name: string) => new RegExp(`${escapeRegExp(name)}\\s+(?:district|town|commune|ward|city|province)\\b`, "iu").test(question);
    // (A person's name with two neighbouring letters swapped, "Vuong Dinh Heu", is a typo of the one the passages hold.)
    const missing = q.analyzed.names.filter((n) => store.articlesNaming(n).size === 0);
    if (missing.length === 0) return answered;
    const places = missing.filter(placeNamed);
    const people = missing.filter((n) => !placeNamed(n));
    const hits = hybridSearch(store, q.analyzed, vector, searchOptions).slice(0, RESPELL_PASSAGES);
    const texts = hits.map((h) => `${h.article.title}. ${h.text}`);
    const respelt = [...respellNames(places, texts), ...respellNames(people, texts, { swapsOnly: true })].filter((r) => new RegExp(escapeRegExp(r.from), "iu").test(question));
    if (respelt.length === 0) return answered;
    const { result: again } = await askOnce(respelt.reduce((text, r) => text.replace(new RegExp(escapeRegExp(r.from), "giu"), r.to), question), options);
    if (!again.found) return answered;
    return { ...again, question: answered.question, corrections: [...respelt, ...(again.corrections ?? [])] };
  };

  /** The question understood, embedded and answered; what it was understood as and its vector come back with the answer. */
  async function askOnce(question: string, options: AskOptions): Promise<{ result: AnswerResult; q: Question; vector: Float32Array | null }> {
    const started = performance.now();
    const asked = validateQuestion(question, deps.config.maxQuestionChars);
    const q = understandQuestion(asked, contextOf(deps.index()));
    const vector = await deps.embedder.embedQuery(q.analyzed.raw);
    const embedded = performance.now();
    return { result: answerUnderstood(q, vector, options, { started, embedded }), q, vector };
  }

  function answerUnderstood(q: Question, vector: Float32Array | null, options: AskOptions, at: { started: number; embedded: number }): AnswerResult {
    // Filters written in the question apply unless an option sets the same one.
    const filters = { ...q.filters, ...pickFilters(options) };
    // Read the store after the embedding's await: a reindex may have switched generations meanwhile.
    const store = deps.index();
    const answerWithin = (filters: AskFilters) => answerFrom(store, q, vector, filters, options, at, searchOptions, composeOptions, deps.aligner ?? null);
    const answered = answerWithin(filters);
    // "…at the special session in october": the month's year was assumed (the newest report's, or the one before). When no
    // report of that month answers, the same month of the years before may: the question named no year.
    if (answered.found || !q.datesFromWords || options.from || options.to) return answered;
    if (q.dateYearAssumed) {
      for (let back = 1; back <= EARLIER_YEARS_TRIED; back++) {
        const earlier = answerWithin({ ...filters, ...shiftYears(filters, -back) });
        if (earlier.found) return earlier;
      }
    }
    // "how many visitors came to nghi xuan last year": the year is the question's period, and a figure's period is its fact's,
    // not its report's date (a January report gives last year's figures). Read every report: a figure of the asked
    // period answers, one of another period is a near miss that says so.
    // (Only for a phrase naming the year asked about: "since November 2023" chooses the reports to read.)
    const period = q.frame.period;
    const wholeYear = !!period && period.from === period.to && !period.part && filters.from === `${period.from}-01-01` && filters.to === `${period.from}-12-31`;
    if (wholeYear && (q.frame.metric || q.frame.wanted === "date")) {
      const { from: _from, to: _to, ...undated } = filters;
      const anyDate = answerWithin(undated);
      if (anyDate.outcome.kind === "answered" || anyDate.outcome.kind === "near_miss") return anyDate;
    }
    return answered;
  }
}

/** The passages found for a question that a name no report holds is looked for in, respelt (see respellNames). */
const RESPELL_PASSAGES = 10;

/** How many earlier years a month named without its year is tried in ("in october": October 2025, then 2024…). */
const EARLIER_YEARS_TRIED = 3;

/** The filters' dates moved by whole years ("2025-10-01" → "2024-10-01"). */
function shiftYears(f: AskFilters, years: number): Pick<AskFilters, "from" | "to"> {
  const shift = (d: string | undefined) => (d ? `${Number(d.slice(0, 4)) + years}${d.slice(4)}` : undefined);
  const out: Pick<AskFilters, "from" | "to"> = {};
  if (f.from) out.from = shift(f.from);
  if (f.to) out.to = shift(f.to);
  return out;
}

/** Search and answer within the filters (the question understood, its vector embedded). */
function answerFrom(
  store: Store,
  q: Question,
  vector: Float32Array | null,
  filters: AskFilters,
  options: AskOptions,
  at: { started: number; embedded: number },
  searchOptions: SearchOptions,
  composeOptions: ComposeOptions,
  aligner: Aligner | null,
): AnswerResult {
  const { started, embedded } = at;
  const timings = (searched: number, done: number) => ({ embedMs: embedded - started, searchMs: searched - embedded, answerMs: done - searched, totalMs: done - started });
  const base = { question: q.text, filters, filterPhrases: q.filterPhrases, more: [], citations: [], answer: "" };

  // A report of unknown date may pass a date phrase ("in February 2025") when it names a year of that span.
  const undated = q.datesFromWords && !options.from && !options.to ? undatedArticleYears(store) : null;
  const articleIds = Object.keys(filters).length ? matchingArticles(store, filters, undated) : null;
  if (articleIds && articleIds.size === 0) {
    const done = performance.now();
    return { ...base, found: false, outcome: { kind: "no_matching_reports", filters }, declineReason: "filter matches no report", timings: timings(done, done) };
  }
  // A question about a place is answered from the reports that name it: search those, so that a report about it is
  // found even when the question shares few words with it (other reports could not answer it anyway).
  const narrowed = narrowToPlaces(store, q.analyzed, articleIds);
  const hits = hybridSearch(store, q.analyzed, vector, { ...searchOptions, articleIds: narrowed });
  const searched = performance.now();
  // A province or city no report is about: say so (with the closest reports) rather than quote another province's figure.
  const province = q.analyzed.places[0];
  if (province && !filters.place && !reportsAbout(store).has(fold(province))) {
    const done = performance.now();
    const seen = new Set<string>();
    const citations = hits.filter((h) => !seen.has(h.articleId) && seen.add(h.articleId)).slice(0, 3).map((h, i) => toCitation(h, i + 1));
    return { ...base, citations, found: false, outcome: { kind: "declined", reason: { kind: "place_not_held", place: province }, asked: q.frame }, declineReason: `no report about ${province}`, timings: timings(searched, done) };
  }
  const layouts = articleLayouts(store);
  const composed = composeAnswer(q, withFactPassages(q, hits, narrowed, layouts, composeOptions.passagesConsidered), termWeights(store, q.analyzed), layouts, {
    ...composeOptions,
    maxCitations: options.maxCitations ?? composeOptions.maxCitations,
  }, store.derive("article-layouts", () => new Map()), aligner);
  const done = performance.now();
  // A decline within a filter says so: other reports were not read.
  const outcome = composed.outcome.kind === "declined" && articleIds ? { ...composed.outcome, filtered: true } : composed.outcome;
  return {
    ...base,
    found: composed.outcome.kind === "answered",
    outcome,
    answer: composed.answer,
    figures: composed.figures,
    citations: composed.citations,
    more: composed.more,
    declineReason: composed.reason,
    corrections: q.corrections.length ? q.corrections : undefined,
    timings: timings(searched, done),
  };
}

/** At most this many reports about the asked place have their passages read for the asked metric's facts. */
const FACT_SCAN_ARTICLES = 20;
/** A list or "what did they …" question reads the best report's other passages when it has at most this many. */
const BEST_REPORT_PASSAGES = 15;
/** A "who" or "when" about a district or town named in at most this many reports reads their other passages too. */
const PERSON_SCAN_ARTICLES = 2;
/** A figure and the (up to three) words after it: "2,278 documents", "28 grassroots Party organizations". */
const FIGURE_AND_WORDS = /\d(?:[\d.,]*\d)?((?:\s+[\p{L}'’-]+){1,3})/gu;

/**
 * A figure question about a place the library has a few reports on: the passages of those reports whose facts
 * measure the asked metric join the search hits (just below them), so "nghi xuan new party members 2023" finds
 * "…with 123 new members admitted this year…" even when it shares few words with the question.
 */
function withFactPassages(q: Question, hits: ScoredPassage[], narrowed: Set<string> | null, passagesOf: (id: string) => StoredPassage[], considered: number): ScoredPassage[] {
  const metric = q.frame.metric;
  // "Who is the Party Secretary of Nghi Xuan district?" about one or two reports: their other passages may hold
  // the one sentence naming him (a report on several districts has a section on each).
  // ("Who chaired the Lai Chau provincial Party Committee's conference on 14 September …?" too: the report on it names her
  // in a passage sharing few words with the question.)
  const aboutPerson = (q.frame.wanted === "person" || q.frame.wanted === "date") && !!narrowed && narrowed.size <= PERSON_SCAN_ARTICLES && (q.analyzed.names.length > 0 || q.frame.wanted === "person");
  const top = hits.slice(0, considered);
  const inTop = new Set(top.map((h) => h.id));
  const floor = Math.min(...top.map((h) => h.score), 0);
  // Passages that join go after the top ones, scored as the lowest of them, the rest of the hits after them in order.
  const join = (passages: StoredPassage[]): ScoredPassage[] => {
    const ids = new Set(passages.map((p) => p.id));
    return [...top, ...passages.map((p) => ({ ...p, score: floor, lexicalRank: null, denseRank: null })), ...hits.slice(top.length).filter((h) => !ids.has(h.id))];
  };
  // A list or a "what did they …" question reads the rest of the best report too: "what problems did Vuong Dinh Hue
  // tell the Hanoi meeting to zero in on" is answered by "He asked participants to focus on weaknesses …", a
  // passage that shares few words with the question.
  if (!aboutPerson && !metric && (q.frame.wanted === "list" || q.frame.wanted === "other") && hits.length > 0) {
    const rest = passagesOf(hits[0]!.articleId).filter((p) => !inTop.has(p.id));
    if (rest.length <= BEST_REPORT_PASSAGES) return join(rest);
  }
  // "hong linh town total party members" (no metric of the lexicon) about one or two reports: their passages with a
  // figure counting the counted noun ("…28 grassroots Party organizations with 3,492 Party members") join too.
  // ("how many papers did Hung Yen put out": "…2,278 documents …", the noun or its synonym.)
  // (About more reports, the two the search ranks first.)
  const counting = !metric && !aboutPerson && countsNoun(q.counted) && !!narrowed && (q.frame.wanted === "achieved" || q.frame.wanted === "target")
    ? stemAndSynonyms(q.counted)
    : null;
  if (counting) {
    const countsIt = (text: string) => [...text.matchAll(FIGURE_AND_WORDS)].some((m) => m[1]!.trim().split(/\s+/).some((w) => counting.has(stem(w.toLowerCase()))));
    const scanned = narrowed!.size <= PERSON_SCAN_ARTICLES ? [...narrowed!] : [...new Set(hits.map((h) => h.articleId))].slice(0, PERSON_SCAN_ARTICLES);
    const extra = scanned.flatMap((id) => passagesOf(id)).filter((p) => !inTop.has(p.id) && countsIt(p.text));
    return extra.length ? join(extra.slice(0, 6)) : hits;
  }
  const wanted = aboutPerson ? () => true : (p: StoredPassage) => p.facts.some((f) => f.metric === metric);
  if (!aboutPerson && (!metric || !narrowed || narrowed.size > FACT_SCAN_ARTICLES || (q.frame.wanted !== "achieved" && q.frame.wanted !== "target"))) return hits;
  // Passages below the top ones (in the hits or not) join them when their facts measure the asked metric.
  const extra: StoredPassage[] = [];
  for (const id of narrowed!) for (const p of passagesOf(id)) if (!inTop.has(p.id) && wanted(p)) extra.push(p);
  // The reports the search ranks first go first: the figure is likelier in the report the question's words found.
  const articleRank = new Map<string, number>();
  for (const h of hits) if (!articleRank.has(h.articleId)) articleRank.set(h.articleId, articleRank.size);
  const rankOf = (p: StoredPassage) => articleRank.get(p.articleId) ?? articleRank.size;
  extra.sort((a, b) => rankOf(a) - rankOf(b));
  return join(extra.slice(0, aboutPerson ? 20 : 6));
}

/** The articles that name every place the question names (within the filter's articles), or the filter's set when that is empty. */
function narrowToPlaces(store: Store, q: Question["analyzed"], articleIds: Set<string> | null): Set<string> | null {
  const places = [...q.places, ...q.names.filter((n) => store.articlesNaming(n).size > 0 && isPlaceLike(n))];
  if (places.length === 0) return articleIds;
  let ids = null as Set<string> | null;
  for (const place of places) {
    const naming = new Set([...store.articlesNaming(place)].filter((id) => !articleIds || articleIds.has(id)));
    ids = ids ? new Set([...ids].filter((id) => naming.has(id))) : naming;
  }
  // Narrowing pays when few reports name the place; past that, filtering the search costs more than the place
  // bonus of the re-scoring loses (a province named in hundreds of reports of a large library).
  return ids && ids.size > 0 && ids.size <= NARROW_MAX_ARTICLES ? ids : articleIds;
}

/** The most reports a question's place may narrow the search to (see narrowToPlaces). */
const NARROW_MAX_ARTICLES = 50;

/** Two or three capitalised words that are a district, a town or a province (not a person: "Tran Duc Thang" has three too). */
function isPlaceLike(name: string): boolean {
  return findPlaces(name).length > 0 || /^\p{Lu}\p{Ll}+( \p{Lu}\p{Ll}+)?$/u.test(name);
}

/** What understanding needs from the library (newest date, outlets, districts and towns), once per write version. */
function questionContext(store: Store): QuestionContext {
  return store.derive("question-context", () => {
    const articles = store.allArticleSummaries();
    const dates = articles.map((a) => a.date).filter((d): d is string => !!d && /^(19|20)\d{2}/.test(d)).sort();
    const subPlaces = new Set<string>();
    // Districts and towns each report names in its title, place or opening passages ("Kim Boi district" in a report titled "…Kim Boi's…").
    for (const a of articles) {
      const opening = store.articlePassages(a.id).slice(0, 2).map((p) => p.text).join(" ");
      for (const s of findSubPlaces(`${a.title}. ${(a.place ?? "").replace(/[(),]/g, ". ")}. ${opening}`)) subPlaces.add(s.name);
      // "Tan Chau prepares thoroughly for the 8th District Party Congress (Tay Ninh)": the district a title opens with.
      const opens = TITLE_DISTRICT.exec(a.title)?.[1];
      if (opens && findPlaces(opens).length === 0) subPlaces.add(opens);
    }
    return {
      newestReportDate: dates.at(-1) ?? null,
      knownSources: [...new Set(articles.map((a) => a.source).filter((s): s is string => !!s))],
      knownSubPlaces: [...subPlaces],
      isReportWord: (word: string) => store.documentFrequency(word) > 0,
    };
  });
}

/**
 * A title opening with a two-word name, a verb after it, that speaks of "the (8th) District Party …" without naming
 * the district there, its province in brackets ("Tan Chau prepares thoroughly for the 8th District Party Congress
 * (Tay Ninh)"); not a person or a post ("Nguyen Van Nen attends Cu Chi District Party Congress").
 */
const TITLE_DISTRICT = /^(?!(?:Deputy|Vice|Secretary|Chairman|Chairwoman|Comrade|Head|Leader|Standing|Provincial|Party|Ho Chi|Thua Thien)\b)(\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)\s+\p{Ll}[^()]*\b(?:the|\d+(?:st|nd|rd|th))\s+(?:District|Town) Party\b[^()]*\([^()]+\)\s*$/u;

/** Provinces and cities the reports are about (by their place and title), folded. */
function reportsAbout(store: Store): Set<string> {
  return store.derive("reports-about", () => {
    const out = new Set<string>();
    for (const a of store.allArticleSummaries()) for (const p of findPlaces(`${a.place ?? ""} ${a.title}`)) out.add(fold(p.name));
    return out;
  });
}

export function validateQuestion(question: string, maxChars: number): string {
  const text = (question ?? "").replace(/\s+/g, " ").trim();
  if (!text) throw new UserError("The question is empty. Ask something about the reports, e.g. \"What growth rate did Thai Binh reach?\"", "empty_question");
  if (text.length > maxChars) {
    throw new UserError(`The question is ${text.length} characters long; the limit is ${maxChars}. Ask one shorter, specific question.`, "question_too_long");
  }
  return text;
}

/** The filters given as options; a partial date is widened to the span it names ("--to 2023-12" is 2023-12-31). */
function pickFilters(o: AskOptions): AskFilters {
  const f: AskFilters = {};
  if (o.place) f.place = o.place;
  if (o.from) f.from = parseDatePoint(o.from)?.start ?? o.from;
  if (o.to) f.to = parseDatePoint(o.to)?.end ?? o.to;
  if (o.source) f.source = o.source;
  return f;
}

export function describeFilters(f: AskFilters): string {
  return [f.place && `place: ${f.place}`, f.from && `from: ${f.from}`, f.to && `to: ${f.to}`, f.source && `source: ${f.source}`].filter(Boolean).join(", ");
}

/**
 * Ids of the articles that pass the filters. Articles of unknown date fail a date filter; one dated only
 * "2023-11" passes when that month overlaps the range.
 */
function matchingArticles(store: Store, f: AskFilters, undatedYears: Map<string, Set<number>> | null = null): Set<string> {
  const ids = new Set<string>();
  const fromYear = f.from ? Number(f.from.slice(0, 4)) : 0;
  const toYear = f.to ? Number(f.to.slice(0, 4)) : 9999;
  for (const a of store.allArticleSummaries()) {
    if (f.place && !fold(`${a.place ?? ""} ${a.title}`).includes(fold(f.place))) continue;
    if (f.source && !fold(`${a.source ?? ""} ${a.url ?? ""}`).includes(fold(f.source))) continue;
    if ((f.from || f.to) && !a.date) {
      const years = undatedYears?.get(a.id);
      if (years && [...years].some((y) => y >= fromYear && y <= toYear)) ids.add(a.id);
      continue;
    }
    if (f.from && a.date!.padEnd(10, "~") < f.from) continue;
    if (f.to && a.date!.slice(0, f.to.length) > f.to) continue;
    ids.add(a.id);
  }
  return ids;
}

/** Years each report of unknown date names ("2025" in a report on a February 2025 founding), once per write version. */
function undatedArticleYears(store: Store): Map<string, Set<number>> {
  return store.derive("undated-years", () => {
    const years = new Map<string, Set<number>>();
    for (const a of store.allArticleSummaries()) {
      if (a.date) continue;
      const text = `${a.title} ${store.articlePassages(a.id).map((p) => p.text).join(" ")}`;
      years.set(a.id, new Set(yearsNamed(text).map(Number)));
    }
    return years;
  });
}

/** An article's passages, read once per question and article. */
function articleLayouts(store: Store): (id: string) => StoredPassage[] {
  const cache = new Map<string, StoredPassage[]>();
  return (id) => {
    if (!cache.has(id)) cache.set(id, store.articlePassages(id));
    return cache.get(id)!;
  };
}
