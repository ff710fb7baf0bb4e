import type { Config } from "../config.js";
import type { Embedder } from "../embed/embedder.js";
import type { Library } from "../library/library.js";
import { analyzeQuestion } from "../search/query.js";
import { hybridSearch, termWeights, type SearchOptions } from "../search/search.js";
import type { Store, StoredPassage } from "../store/store.js";
import { fold } from "../text/fold.js";
import type { AnswerResult, AskFilters, AskFn, AskOptions } from "../types.js";
import { UserError } from "../types.js";
import { composeAnswer, type ComposeOptions } from "./compose.js";

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
    const text = validateQuestion(question, deps.config.maxQuestionChars);
    const analyzed = analyzeQuestion(text);

    const vector = await deps.embedder.embedQuery(text);
    const embedded = performance.now();

    // Read the store after the await: a reindex may have switched generations meanwhile.
    const store = deps.library.store();
    const filters = pickFilters(options);
    const articleIds = Object.keys(filters).length ? matchingArticles(store, filters) : null;
    if (articleIds && articleIds.size === 0) {
      const done = performance.now();
      return {
        question: text,
        found: false,
        answer: `No report matches the filter (${describeFilters(filters)}), so I have nothing to answer from. Try a wider filter.`,
        citations: [],
        more: [],
        filters,
        declineReason: "filter matches no report",
        timings: { embedMs: embedded - started, searchMs: done - embedded, answerMs: 0, totalMs: done - started },
      };
    }
    const hits = hybridSearch(store, analyzed, vector, { ...deps.search, articleIds });
    const searched = performance.now();

    const weights = termWeights(store, analyzed);
    const composed = composeAnswer(analyzed, hits, weights, cachedArticlePassages(store), { ...deps.compose, maxCitations: options.maxCitations ?? deps.compose?.maxCitations });
    const done = performance.now();
    return {
      question: text,
      found: composed.found,
      answer: composed.answer,
      citations: composed.citations,
      more: composed.more,
      filters,
      declineReason: composed.reason,
      timings: { embedMs: embedded - started, searchMs: searched - embedded, answerMs: done - searched, totalMs: done - started },
    };
  };
}

export function validateQuestion(question: string, maxChars: number): string {
  const text = (question ?? "").replace(/\s+/g, " ").trim();
  if (!text) throw new UserError("The question is empty. Ask something about the reports, e.g. \"What growth rate did Thai Binh reach?\"", "empty_question");
  if (text.length > maxChars) {
    throw new UserError(`The question is ${text.length} characters long; the limit is ${maxChars}. Ask one shorter, specific question.`, "question_too_long");
  }
  return text;
}

function pickFilters(o: AskOptions): AskFilters {
  const f: AskFilters = {};
  if (o.place) f.place = o.place;
  if (o.from) f.from = o.from;
  if (o.to) f.to = o.to;
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

/** Ids of the articles that pass the filters. Articles of unknown date fail a date filter. */
function matchingArticles(store: Store, f: AskFilters): Set<string> {
  const ids = new Set<string>();
  for (const a of store.allArticleSummaries()) {
    if (f.place && !fold(`${a.place ?? ""} ${a.title}`).includes(fold(f.place))) continue;
    if (f.source && !fold(`${a.source ?? ""} ${a.url ?? ""}`).includes(fold(f.source))) continue;
    if ((f.from || f.to) && !a.date) continue;
    if (f.from && a.date! < f.from) continue;
    if (f.to && a.date!.slice(0, f.to.length) > f.to) continue;
    ids.add(a.id);
  }
  return ids;
}

function cachedArticlePassages(store: Store): (id: string) => StoredPassage[] {
  const cache = new Map<string, StoredPassage[]>();
  return (id) => {
    if (!cache.has(id)) cache.set(id, store.articlePassages(id));
    return cache.get(id)!;
  };
}
