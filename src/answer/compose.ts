import type { ArticleSummary, Citation } from "../types.js";
import type { ScoredPassage } from "../search/search.js";
import { stemSet } from "../search/search.js";
import { stem, tokenize, type AnalyzedQuestion } from "../search/query.js";
import { synonymStems } from "../search/glossary.js";
import { findSubPlaces } from "../places.js";
import type { StoredPassage } from "../store/store.js";
import { fold } from "../text/fold.js";
import { splitSentences } from "../text/sentences.js";

export interface ComposeOptions {
  /** Most citations an answer uses (default 3). */
  maxCitations: number;
  /** Passages whose sentences are considered (default 6). */
  passagesConsidered: number;
  /** Least weighted share of the question's specific terms the evidence must cover (default 0.55). */
  minCoverage: number;
}

export const DEFAULT_COMPOSE: ComposeOptions = { maxCitations: 3, passagesConsidered: 6, minCoverage: 0.5 };

export interface ComposedAnswer {
  found: boolean;
  answer: string;
  citations: Citation[];
  more: Citation[];
  /** Why the answer was declined, for logs and eval ("place Hanoi not in evidence"). */
  reason: string | null;
}

interface Candidate {
  sentence: string;
  passage: ScoredPassage;
  index: number;
  score: number;
  coverage: number;
  problems: string[];
}

/**
 * Extractive answering: choose the sentences of the top passages that answer the question, cite
 * each, and decline when the evidence does not cover what the question asks (its place, year,
 * names, the figure it wants, or enough of its specific terms).
 */
export function composeAnswer(
  question: AnalyzedQuestion,
  hits: ScoredPassage[],
  weights: Map<string, number>,
  articlePassages: (articleId: string) => StoredPassage[],
  options: Partial<ComposeOptions> = {},
): ComposedAnswer {
  const o = { ...DEFAULT_COMPOSE, ...options };
  const considered = hits.slice(0, o.passagesConsidered);
  const content = contentTerms(question, weights);
  const topScore = considered[0]?.score || 1;
  const scopes = new Map<string, ArticleScope>();

  const candidates: Candidate[] = [];
  for (const passage of considered) {
    if (!scopes.has(passage.articleId)) scopes.set(passage.articleId, articleScope(question, passage.article, articlePassages(passage.articleId)));
    const scope = scopes.get(passage.articleId)!;
    const passageStart = scope.offsets.get(passage.id) ?? 0;
    const units = answerUnits(passage.text);
    units.forEach((unit, index) => {
      const cov = contentCoverage(content, unit.text, units[index - 1]?.text ?? "", unit.heading);
      const problems = [
        ...scope.problems,
        ...sentenceMismatches(question, unit),
        ...subjectMismatches(question, scope, passageStart + unit.at, unit.text),
      ];
      // Sentence coverage dominates; the passage's retrieval score breaks ties between near-equals.
      const score = cov + 0.25 * (passage.score / topScore) - (0.02 * Math.max(0, unit.text.length - 350)) / 100;
      candidates.push({ sentence: unit.text, passage, index, score, coverage: cov, problems });
    });
  }
  candidates.sort((a, b) => b.score - a.score);
  if (process.env.DEBUG_ANSWER) {
    for (const c of candidates.slice(0, 8)) console.error(c.score.toFixed(2), c.coverage.toFixed(2), c.problems.join("|"), c.sentence.slice(0, 110));
  }

  const acceptable = candidates.filter((c) => c.problems.length === 0 && c.coverage >= o.minCoverage);
  if (acceptable.length === 0) return decline(question, considered, candidates[0]);

  const best = acceptable[0];
  const chosen = [best];
  for (const c of acceptable.slice(1)) {
    if (chosen.length >= o.maxCitations) break;
    const close = c.score >= best.score - 0.1 && c.coverage >= best.coverage - 0.1;
    const addsSomething = !chosen.some((x) => x.sentence === c.sentence);
    if (close && addsSomething) chosen.push(c);
  }
  return cite(chosen, hits);
}

interface ContentTerm {
  stems: string[];
  synonyms: string[];
  weight: number;
}

/**
 * The terms that say what is asked, weighted by rarity: places, names and years are left out (they
 * are checked against the article instead) and committee boilerplate counts little.
 */
function contentTerms(q: AnalyzedQuestion, weights: Map<string, number>): ContentTerm[] {
  const anchorWords = new Set([...q.places, ...q.names].flatMap((n) => tokenize(fold(n))).map(stem));
  return q.terms
    .filter((t) => !anchorWords.has(t.stem) && !q.years.includes(t.text))
    .map((t) => ({
      stems: /\d/.test(t.text) ? [t.stem, ...t.text.split(/[.,/\-]/).filter(Boolean)] : [t.stem],
      synonyms: synonymStems(t.stem),
      weight: (weights.get(t.stem) ?? 1) * (t.weak ? 0.35 : 1),
    }));
}

/** A sentence (or list item) of a passage, where it starts, and the list heading it falls under. */
interface Unit {
  text: string;
  at: number;
  heading: string | null;
}

/**
 * Splits a passage into answerable units: lines first (list items and captions are lines), then
 * sentences. A line ending in ":" is the heading of the list items that follow it.
 */
export function answerUnits(passageText: string): Unit[] {
  const units: Unit[] = [];
  let heading: string | null = null;
  let offset = 0;
  for (const line of passageText.split("\n")) {
    const isItem = /^\s*([-–•*+]|\d+[.)])\s/.test(line);
    if (!isItem) heading = null;
    let cursor = 0;
    for (const sentence of splitSentences(line)) {
      const at = line.indexOf(sentence, cursor);
      cursor = at >= 0 ? at + sentence.length : cursor;
      units.push({ text: sentence.replace(/^\s*[-–•*+]\s*/, ""), at: offset + Math.max(0, at), heading: isItem ? heading : null });
    }
    if (/:\s*$/.test(line)) heading = line.trim();
    offset += line.length + 1;
  }
  return units.filter((u) => u.text.length > 0);
}

/** Weighted share of content terms in the unit (a term only in the previous sentence or the list heading counts half). */
function contentCoverage(terms: ContentTerm[], sentence: string, previous: string, heading: string | null): number {
  if (terms.length === 0) return 1;
  const here = stemSet(sentence);
  const before = stemSet(`${previous} ${heading ?? ""}`);
  let have = 0;
  let all = 0;
  for (const t of terms) {
    all += t.weight;
    if (t.stems.every((s) => here.has(s))) have += t.weight;
    else if (t.synonyms.some((s) => here.has(s))) have += 0.8 * t.weight;
    else if (t.stems.every((s) => before.has(s)) || t.synonyms.some((s) => before.has(s))) have += 0.5 * t.weight;
  }
  return have / all;
}

interface ArticleScope {
  problems: string[];
  /** Offset of each passage in the article's joined text. */
  offsets: Map<number, number>;
  /** Mentions of the places an article may be about in parts (districts, towns, the question's names). */
  mentions: { at: number; name: string }[];
}

/** What an article says about the question's anchors, and where it names which district or town. */
function articleScope(q: AnalyzedQuestion, article: ArticleSummary, passages: StoredPassage[]): ArticleScope {
  const offsets = new Map<number, number>();
  let length = 0;
  for (const p of passages) {
    offsets.set(p.id, length);
    length += p.text.length + 1;
  }
  const text = passages.map((p) => p.text.replace(/\n/g, " ")).join(" ");
  const problems = articleMismatches(q, article, text);
  const folded = fold(text);
  const subjects = new Set([...findSubPlaces(text).map((s) => fold(s.name)), ...q.names.map(fold)]);
  const mentions: { at: number; name: string }[] = [];
  for (const name of subjects) {
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(name)}($|[^\\p{L}\\p{N}])`, "gu");
    for (const m of folded.matchAll(re)) mentions.push({ at: m.index!, name });
  }
  mentions.sort((a, b) => a.at - b.at);
  return { problems, offsets, mentions };
}

/**
 * In an article about several districts, a sentence answers for a district only inside the part
 * about it: the district is named in the sentence, or it is the last one named before it.
 */
function subjectMismatches(q: AnalyzedQuestion, scope: ArticleScope, at: number, sentence: string): string[] {
  const problems: string[] = [];
  const foldedSentence = fold(sentence);
  for (const raw of q.names) {
    const name = fold(raw);
    if (containsWords(foldedSentence, name)) continue;
    const others = scope.mentions.filter((m) => m.name !== name);
    if (others.length === 0) continue;
    const last = [...scope.mentions].reverse().find((m) => m.at <= at);
    if (!last || last.name !== name) problems.push(`sentence is about ${last?.name ?? "another place"}, not ${raw}`);
  }
  return problems;
}

/** Turns chosen sentences into "sentence [n]" text with one citation per passage. */
function cite(chosen: Candidate[], hits: ScoredPassage[]): ComposedAnswer {
  const numberOf = new Map<number, number>();
  const citations: Citation[] = [];
  for (const c of chosen) {
    if (!numberOf.has(c.passage.id)) {
      numberOf.set(c.passage.id, citations.length + 1);
      citations.push(toCitation(c.passage, citations.length + 1));
    }
  }
  const articles = new Set(chosen.map((c) => c.passage.articleId));
  // Keep each passage's sentences in reading order, passages in order of first use.
  const ordered = [...chosen].sort((a, b) => (numberOf.get(a.passage.id)! - numberOf.get(b.passage.id)!) || a.index - b.index);
  const parts = ordered.map((c) => {
    const label = articles.size > 1 ? `${whereAndWhen(c.passage.article)}: ` : "";
    return `${label}${c.sentence} [${numberOf.get(c.passage.id)}]`;
  });
  const used = new Set(chosen.map((c) => c.passage.id));
  const more = hits.filter((h) => !used.has(h.id)).map((h, i) => toCitation(h, citations.length + i + 1));
  return { found: true, answer: parts.join(" "), citations, more, reason: null };
}

function decline(question: AnalyzedQuestion, hits: ScoredPassage[], nearest: Candidate | undefined): ComposedAnswer {
  const seen = new Set<string>();
  const nearestPassages = hits.filter((h) => (seen.has(h.articleId) ? false : (seen.add(h.articleId), true))).slice(0, 3);
  const citations = nearestPassages.map((h, i) => toCitation(h, i + 1));
  const what = question.places.length || question.names.length ? ` about ${[...question.places, ...question.names].join(", ")}` : "";
  const answer =
    `The reports I have don't say${what}${question.years.length ? ` in ${question.years.join(", ")}` : ""}.` +
    (citations.length ? ` The closest reports are listed below.` : " No report in the library matches the question.");
  const reason = nearest ? (nearest.problems[0] ?? `coverage ${nearest.coverage.toFixed(2)} below threshold`) : "no passages";
  return { found: false, answer, citations, more: [], reason };
}

/** Reasons why an article cannot be the one the question asks about. */
function articleMismatches(q: AnalyzedQuestion, article: ArticleSummary, text: string): string[] {
  const problems: string[] = [];
  const haystack = fold(`${article.title} ${article.place ?? ""} ${article.source ?? ""} ${text}`);
  for (const place of q.places) if (!containsWords(haystack, fold(place))) problems.push(`place ${place} not in evidence`);
  for (const name of q.names) if (!containsWords(haystack, fold(name))) problems.push(`name ${name} not in evidence`);
  const when = `${article.date ?? ""} ${article.title} ${text}`;
  for (const year of q.years) if (!when.includes(year)) problems.push(`year ${year} not in evidence`);
  return problems;
}

/** Reasons why a sentence does not give the kind of answer asked for. */
function sentenceMismatches(q: AnalyzedQuestion, unit: Unit): string[] {
  const sentence = unit.text;
  if (q.years.length) {
    // "In 2022, GRDP grew 13.4%" does not answer a question about 2023; "compared to 2022" is no claim about 2022.
    const claimed = yearsClaimed(`${unit.heading ?? ""} ${sentence}`);
    if (claimed.length && !claimed.some((y) => q.years.includes(y))) return [`sentence is about ${claimed.join(", ")}`];
  }
  const withoutYears = sentence.replace(/\b(19|20)\d{2}\b/g, " ");
  if (q.wantsFigure && !/\d/.test(withoutYears) && !NUMBER_WORDS.test(withoutYears)) return ["no figure in sentence"];
  if (q.wantsDate && !/\b(January|February|March|April|May|June|July|August|September|October|November|December|\d{1,2}\/\d{1,2}|(19|20)\d{2})\b/i.test(sentence)) {
    return ["no date in sentence"];
  }
  return [];
}

const NUMBER_WORDS = /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|half|double|twice)\b/i;

/** Years a sentence makes claims about: not those it compares with ("compared to 2022", "than in 2020"). */
export function yearsClaimed(sentence: string): string[] {
  const stripped = sentence.replace(
    /\b(compared (to|with)|over|than( in)?|since|from|same period (of|in)|versus|vs\.?)\s+(the same period (of|in)\s+)?(19|20)\d{2}\b/gi,
    " ",
  );
  const years = new Set<string>();
  for (const m of stripped.matchAll(/\b(19|20)\d{2}\b(\s*[-–]\s*(19|20)\d{2}\b)?/g)) {
    const [from, to] = m[0].split(/\s*[-–]\s*/).map(Number);
    for (let y = from; y <= (to ?? from) && y - from < 30; y++) years.add(String(y));
  }
  return [...years];
}

function containsWords(haystack: string, needle: string): boolean {
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(needle)}($|[^\\p{L}\\p{N}])`, "u").test(haystack);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function whereAndWhen(a: ArticleSummary): string {
  const place = a.place?.replace(/\s*\(.*\)$/, "") ?? a.title;
  return a.date ? `${place} (${a.date})` : place;
}

export function toCitation(p: ScoredPassage, n: number): Citation {
  return {
    n,
    title: p.article.title,
    url: p.article.url,
    source: p.article.source,
    date: p.article.date,
    articleId: p.articleId,
    passage: p.text,
  };
}
