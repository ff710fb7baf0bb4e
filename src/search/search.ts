import type { ArticleSummary } from "../types.js";
import type { SearchIndex as Store, StoredPassage } from "../store/search-index.js";
import { fold } from "../text/fold.js";
import { synonymWords } from "../question/glossary.js";
import { analyzeQuestion, stem, tokenize, toFtsQuery, type AnalyzedQuestion, type QueryTerm } from "../question/analyze.js";

export interface SearchOptions {
  /** Passages returned (default 8). */
  limit: number;
  /** Candidates taken from each side before fusion (default 60). */
  depth: number;
  /** Weight of the lexical (BM25) ranking in the fusion (default 1). */
  lexicalWeight: number;
  /** Weight of the dense (HNSW) ranking in the fusion (default 0.5: the offline model is a weak signal). */
  denseWeight: number;
  /**
   * Reciprocal-rank constant (default 10). The RRF paper's 60 lets the weak offline dense side reorder
   * BM25's top ten: on SciFact 60 → 10 lifted fused nDCG@10 from 0.644 to 0.677 (bench/SCIFACT.md), with
   * the dev set unchanged and hit@5 on our extra questions 31 → 32.
   */
  rrfK: number;
  /**
   * BM25 weight of the article context column (title, place, date) against the passage body's 1 (default 1:
   * 0.35 → 1 took hit@1 on our extra questions from 26 to 27 of 33 and SciFact lexical up by ~0.01).
   */
  contextWeight: number;
  /** Re-score the fused candidates by question-term coverage, place and year (default true). */
  rerank: boolean;
  /**
   * Question words found in more than this share of passages are left out of the BM25 query (they still
   * count in the re-scoring). They add little to BM25 and make FTS5 score nearly every passage: at 100k
   * passages, "party" alone would be tens of thousands of rows per question.
   */
  commonTermShare: number;
  /**
   * At most about this many passage matches are scored by BM25 per question: terms are taken rarest first
   * until their document frequencies add up to it (the two rarest always). Keeps lexical search cost flat
   * as the library grows, dropping only the lowest-IDF terms.
   */
  postingBudget: number;
  /** Restrict to these articles (from filters); null = all. */
  articleIds: Set<string> | null;
}

export const DEFAULT_SEARCH: SearchOptions = {
  limit: 8,
  depth: 60,
  lexicalWeight: 1,
  denseWeight: 0.5,
  rrfK: 10,
  contextWeight: 1,
  rerank: true,
  commonTermShare: 0.2,
  postingBudget: 5_000,
  articleIds: null,
};

export interface ScoredPassage extends StoredPassage {
  score: number;
  lexicalRank: number | null;
  denseRank: number | null;
}

/**
 * Hybrid retrieval: BM25 over passage text + article context, HNSW over embeddings, fused by
 * weighted reciprocal rank, then re-scored with what the question names (terms, place, year).
 */
export function hybridSearch(
  store: Store,
  question: AnalyzedQuestion,
  queryVector: Float32Array | null,
  options: Partial<SearchOptions> = {},
): ScoredPassage[] {
  const o = { ...DEFAULT_SEARCH, ...options };
  const filter = { articleIds: o.articleIds };
  const widened = [...question.terms, ...question.terms.flatMap((t) => synonymWords(t.stem).map((w) => ({ ...t, text: w, stem: w })))];
  const lexical = o.lexicalWeight > 0 ? store.lexicalSearch(lexicalQuery(store, widened, o), o.depth, filter, o.contextWeight) : [];
  const dense = queryVector && o.denseWeight > 0 ? store.denseSearch(queryVector, o.depth, filter) : [];

  const fused = new Map<number, { score: number; lexicalRank: number | null; denseRank: number | null }>();
  lexical.forEach((hit, i) => fused.set(hit.id, { score: o.lexicalWeight / (o.rrfK + i + 1), lexicalRank: i + 1, denseRank: null }));
  dense.forEach((hit, i) => {
    const entry = fused.get(hit.id) ?? { score: 0, lexicalRank: null, denseRank: null };
    entry.score += o.denseWeight / (o.rrfK + i + 1);
    entry.denseRank = i + 1;
    fused.set(hit.id, entry);
  });

  const candidates = [...fused.entries()].sort((a, b) => b[1].score - a[1].score).slice(0, Math.max(o.limit, o.depth));
  const passages = store.getPassages(candidates.map(([id]) => id));
  const byId = new Map(candidates);
  let scored: ScoredPassage[] = passages.map((p) => ({ ...p, ...byId.get(p.id)! }));
  if (o.rerank) {
    const maxFused = Math.max(...scored.map((p) => p.score), 1e-9);
    const weights = termWeights(store, question);
    scored = scored.map((p) => ({ ...p, score: p.score / maxFused + relevanceFeatures(p, question, weights) }));
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, o.limit);
}

/**
 * The FTS5 query for a question: its terms, rarest first, while they fit the share and posting budgets.
 * When fewer than two fit (a large library where even the place name is common), the two rarest are
 * required together ("hung AND yen"), which FTS5 answers by skipping through both lists instead of
 * scoring every passage that has either.
 */
export function lexicalQuery(store: Store, terms: QueryTerm[], o: Pick<SearchOptions, "commonTermShare" | "postingBudget">): string {
  const total = Math.max(1, store.counts().passages);
  const present = terms
    .map((t) => ({ t, df: store.documentFrequency(t.text) }))
    .filter((x) => x.df > 0)
    .sort((a, b) => a.df - b.df);
  if (present.length === 0) return toFtsQuery(terms);
  const kept: QueryTerm[] = [];
  let postings = 0;
  for (const { t, df } of present) {
    if (df / total > o.commonTermShare || postings + df > o.postingBudget) continue;
    kept.push(t);
    postings += df;
  }
  if (kept.length >= 2 || present.length === 1) return toFtsQuery(kept.length ? kept : [present[0]!.t]);
  const both = `(${toFtsQuery([present[0]!.t])} AND ${toFtsQuery([present[1]!.t])})`;
  return kept.length ? `${toFtsQuery(kept)} OR ${both}` : both;
}

/** Inverse document frequency of each question term, so "disciplined" outweighs "party". */
export function termWeights(store: Store, question: AnalyzedQuestion): Map<string, number> {
  const total = Math.max(1, store.counts().passages);
  const weights = new Map<string, number>();
  for (const t of question.terms) {
    const df = store.documentFrequency(t.text);
    const idf = Math.log(1 + (total - df + 0.5) / (df + 0.5));
    weights.set(t.stem, t.weak ? idf * 0.5 : idf);
  }
  return weights;
}

/** Folded, stemmed words of a text, for coverage checks. */
export function stemSet(text: string): Set<string> {
  const out = new Set<string>();
  for (const token of tokenize(fold(text))) {
    out.add(stem(token));
    // Figures also match by their parts: "1,251" answers "1251", "54/545" contains "54".
    if (/\d/.test(token)) for (const part of token.split(/[.,/\-]/)) if (part) out.add(part);
  }
  return out;
}

/** Share of the question's weighted terms present in the text (0..1). */
export function coverage(words: Set<string>, question: AnalyzedQuestion, weights: Map<string, number>): number {
  let have = 0;
  let all = 0;
  for (const t of question.terms) {
    const w = weights.get(t.stem) ?? 1;
    all += w;
    if (words.has(t.stem) || (t.numeric && words.has(t.text))) have += w;
  }
  return all === 0 ? 0 : have / all;
}

export function articleContextText(a: ArticleSummary): string {
  return [a.title, a.place, a.date, a.source].filter(Boolean).join(" ");
}

/** Bonus in [0, ~1.5] for passages that cover the question's terms and match its place and year. */
function relevanceFeatures(p: StoredPassage, q: AnalyzedQuestion, weights: Map<string, number>): number {
  const words = stemSet(`${p.text} ${articleContextText(p.article)}`);
  let bonus = coverage(words, q, weights);
  if (q.places.length) {
    const where = fold(`${p.article.place ?? ""} ${p.article.title} ${p.text}`);
    bonus += q.places.some((place) => where.includes(fold(place))) ? 0.3 : -0.3;
  }
  if (q.years.length) {
    const when = `${p.article.date ?? ""} ${p.text}`;
    bonus += q.years.some((y) => when.includes(y)) ? 0.15 : -0.1;
  }
  if (q.wantsFigure && /\d/.test(p.text.replace(/\b(19|20)\d{2}\b/g, ""))) bonus += 0.1;
  return bonus;
}

export { analyzeQuestion };
