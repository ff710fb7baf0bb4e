import type { Config } from "../config.js";
import type { Embedder } from "../embed/embedder.js";
import type { Library } from "../library/library.js";
import { toEnglishQuestion } from "../search/glossary.js";
import { analyzeQuestion } from "../search/query.js";
import { hybridSearch, termWeights, type SearchOptions } from "../search/search.js";
import type { SearchIndex as Store, StoredPassage } from "../store/search-index.js";
import { fold } from "../text/fold.js";
import type { AnswerResult, AskFilters, AskFn, AskOptions } from "../types.js";
import { UserError } from "../types.js";
import { composeAnswer, type ComposeOptions } from "./compose.js";
import { parseDatePoint, parseQuestionFilters, type FilterContext } from "./filters.js";

export interface AskDeps {
  library: Pick<Library, "store">;
  embedder: Pick<Embedder, "embedQuery">;
  config: Pick<Config, "maxQuestionChars">;
  search?: Partial<SearchOptions>;
  compose?: Partial<ComposeOptions>;
}

/** Builds the one question-answering function that the CLI, the bot and the evaluation all call. */
export function createAsk(deps: AskDeps): AskFn {
  return async function ask(question: string, options: AskOptions = {}): Promise<AnswerResult> {
    const started = performance.now();
    const asked = validateQuestion(question, deps.config.maxQuestionChars);
    // Filters written in the question (tokens, date phrases, outlets) apply unless an option sets the same one.
    const understood = parseQuestionFilters(asked, filterContext(deps.library.store()));
    const text = understood.question;
    if (!text) throw new UserError(`"${asked}" holds only filters. Add the question, e.g. "place:Thai Binh Who chaired the conference?"`, "empty_question");
    const filters = { ...understood.filters, ...pickFilters(options) };
    // Vietnamese questions are searched and judged in the reports' English words.
    const analyzed = analyzeQuestion(toEnglishQuestion(understood.searchQuestion));

    const vector = await deps.embedder.embedQuery(analyzed.raw);
    const embedded = performance.now();

    // Read the store after the await: a reindex may have switched generations meanwhile.
    const store = deps.library.store();
    // A report of unknown date may pass a date phrase ("in February 2025") when it names a year of that span.
    const undated = understood.datesFromWords && !options.from && !options.to ? undatedArticleYears(store) : null;
    const articleIds = Object.keys(filters).length ? matchingArticles(store, filters, undated) : null;
    if (articleIds && articleIds.size === 0) {
      const done = performance.now();
      return {
        question: text,
        found: false,
        answer: `No report matches the filter (${describeFilters(filters)}), so I have nothing to answer from. Try a wider filter.`,
        citations: [],
        more: [],
        filters,
        filterPhrases: understood.phrases,
        declineReason: "filter matches no report",
        timings: { embedMs: embedded - started, searchMs: done - embedded, answerMs: 0, totalMs: done - started },
      };
    }
    const hits = hybridSearch(store, analyzed, vector, { ...deps.search, articleIds });
    const searched = performance.now();

    const weights = termWeights(store, analyzed);
    const composed = composeAnswer(analyzed, hits, weights, cachedArticlePassages(store), { ...deps.compose, maxCitations: options.maxCitations ?? deps.compose?.maxCitations });
    const done = performance.now();
    // A decline within a filter says so: other reports were not read.
    const answer = !composed.found && articleIds ? `${composed.answer} (Only reports matching the filter were read: ${describeFilters(filters)}.)` : composed.answer;
    return {
      question: text,
      found: composed.found,
      answer,
      citations: composed.citations,
      more: composed.more,
      filters,
      filterPhrases: understood.phrases,
      declineReason: composed.reason,
      timings: { embedMs: embedded - started, searchMs: searched - embedded, answerMs: done - searched, totalMs: done - started },
    };
  };
}

/** Newest report date and outlets, for reading relative dates and outlet names; kept while the index holds still. */
const contexts = new WeakMap<Store, { key: string; context: FilterContext }>();
function filterContext(store: Store): FilterContext {
  const counts = store.counts();
  const key = `${counts.articles}/${counts.passages}`;
  const cached = contexts.get(store);
  if (cached?.key === key) return cached.context;
  const articles = store.allArticleSummaries();
  const dates = articles.map((a) => a.date).filter((d): d is string => !!d && /^(19|20)\d{2}/.test(d)).sort();
  const context = { newestReportDate: dates.at(-1) ?? null, knownSources: [...new Set(articles.map((a) => a.source).filter((s): s is string => !!s))] };
  contexts.set(store, { key, context });
  return context;
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
  return [
    f.place && `place: ${f.place}`,
    f.from && `from: ${f.from}`,
    f.to && `to: ${f.to}`,
    f.source && `source: ${f.source}`,
  ]
    .filter(Boolean)
    .join(", ");
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

/** Years each report of unknown date names ("2025" in a report on a February 2025 founding). */
const undatedYears = new WeakMap<Store, { key: string; years: Map<string, Set<number>> }>();
function undatedArticleYears(store: Store): Map<string, Set<number>> {
  const counts = store.counts();
  const key = `${counts.articles}/${counts.passages}`;
  const cached = undatedYears.get(store);
  if (cached?.key === key) return cached.years;
  const years = new Map<string, Set<number>>();
  for (const a of store.allArticleSummaries()) {
    if (a.date) continue;
    const text = `${a.title} ${store.articlePassages(a.id).map((p) => p.text).join(" ")}`;
    years.set(a.id, new Set((text.match(/\b(?:19|20)\d{2}\b/g) ?? []).map(Number)));
  }
  undatedYears.set(store, { key, years });
  return years;
}

function cachedArticlePassages(store: Store): (id: string) => StoredPassage[] {
  const cache = new Map<string, StoredPassage[]>();
  return (id) => {
    if (!cache.has(id)) cache.set(id, store.articlePassages(id));
    return cache.get(id)!;
  };
}
