// WikiQA answer-sentence selection and answer triggering (see bench/WIKIQA.md and ../shared/bench/wikiqa/README.md).
//
//   npm run bench:wikiqa                       # ranking + triggering (a, b), ~10 s
//   npm run bench:wikiqa -- --end-to-end       # also through the project's ask() (c), a few minutes
//   npm run bench:wikiqa -- --no-tune          # skip the option search (the aligner's defaults)
//   WIKIQA_DIR=/path/to/wikiqa npm run bench:wikiqa
//
// Tuning (the aligner's options, every threshold) uses only the odd QuestionIDs; figures are printed for
// the odd half, the untouched even half and the whole. The data is read from WIKIQA_DIR, never copied.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ALIGN_STOP_WORDS, alignTokens, createAligner, type AlignOptions } from "../src/answer/align.js";
import { loadWordVectors, type WordVectors } from "../src/embed/word-vectors.js";

const ROOT = path.resolve(import.meta.dirname, "..");
export const DATA_DIR = process.env.WIKIQA_DIR ?? path.resolve(ROOT, "../shared/bench/wikiqa");
export const MODELS_DIR = path.join(ROOT, "embeddings/models");

export interface Question {
  id: string;
  number: number;
  text: string;
  documentId: string;
  title: string;
  sentences: { id: string; text: string; label: number }[];
}

export function readWikiQA(file: string): Question[] {
  if (!fs.existsSync(file)) {
    console.error(`WikiQA data not found at ${file}: set WIKIQA_DIR to the folder holding WikiQA-test.tsv.`);
    process.exit(2);
  }
  const byId = new Map<string, Question>();
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/).slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    const [qid, question, documentId, title, sentenceId, sentence, label] = line.split("\t");
    let q = byId.get(qid!);
    if (!q) {
      q = { id: qid!, number: Number(qid!.slice(1)), text: question!, documentId: documentId!, title: title!, sentences: [] };
      byId.set(qid!, q);
    }
    q.sentences.push({ id: sentenceId!, text: sentence!, label: Number(label) });
  }
  return [...byId.values()];
}

// ---------------------------------------------------------------------------------------------------
// Measures

type Scorer = (q: Question) => number[]; // one score per sentence, in document order
type Half = "odd" | "even" | "all";
const HALVES: Half[] = ["odd", "even", "all"];
export const inHalf = (q: Question, half: Half) => half === "all" || (q.number % 2 === 1) === (half === "odd");
const answerable = (q: Question) => q.sentences.some((s) => s.label === 1);

/** Sentence indexes by score, best first; ties keep document order. */
export function ranking(scores: number[]): number[] {
  return scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

interface RankMeasures {
  p1: number;
  mrr: number;
  map: number;
  n: number;
}

export function rankMeasures(questions: Question[], scored: Map<Question, number[]>): RankMeasures {
  let p1 = 0, mrr = 0, map = 0, n = 0;
  for (const q of questions) {
    if (!answerable(q)) continue;
    n++;
    const order = ranking(scored.get(q)!);
    const labels = order.map((i) => q.sentences[i]!.label);
    if (labels[0] === 1) p1++;
    mrr += 1 / (labels.indexOf(1) + 1);
    let hits = 0, precisionSum = 0;
    labels.forEach((l, k) => {
      if (l === 1) precisionSum += ++hits / (k + 1);
    });
    map += precisionSum / hits;
  }
  return { p1: p1 / n, mrr: mrr / n, map: map / n, n };
}

interface TriggerMeasures {
  precision: number;
  recall: number;
  f1: number;
  answered: number;
  right: number;
}

/** Answer the top sentence when its trigger value reaches the threshold. */
export function triggerMeasures(questions: Question[], scored: Map<Question, number[]>, trigger: Map<Question, number>, threshold: number): TriggerMeasures {
  let answered = 0, right = 0, positives = 0;
  for (const q of questions) {
    if (answerable(q)) positives++;
    if (trigger.get(q)! < threshold) continue;
    answered++;
    if (q.sentences[ranking(scored.get(q)!)[0]!]!.label === 1) right++;
  }
  const precision = answered ? right / answered : 0;
  const recall = positives ? right / positives : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, answered, right };
}

/** The threshold with the best F1 (on the questions given), optionally among those keeping recall ≥ minRecall. */
export function bestThreshold(questions: Question[], scored: Map<Question, number[]>, trigger: Map<Question, number>, minRecall = 0): number {
  const candidates = [...new Set(questions.map((q) => trigger.get(q)!))].sort((a, b) => a - b);
  let best = { t: -Infinity, f1: -1 };
  for (const t of candidates) {
    const { f1, recall } = triggerMeasures(questions, scored, trigger, t);
    if (recall >= minRecall && f1 > best.f1) best = { t, f1 };
  }
  return best.t;
}

// ---------------------------------------------------------------------------------------------------
// Scorers

export function idfTable(questions: Question[]): (word: string) => number {
  const seen = new Set<string>();
  const df = new Map<string, number>();
  let n = 0;
  for (const q of questions)
    for (const s of q.sentences) {
      if (seen.has(s.id)) continue;
      seen.add(s.id);
      n++;
      for (const w of new Set(alignTokens(s.text).map((t) => t.folded))) df.set(w, (df.get(w) ?? 0) + 1);
    }
  return (word) => Math.log((n + 1) / ((df.get(word) ?? 0) + 0.5));
}

/** Shared non-stop words (Yang et al.'s Word Cnt), optionally IDF-weighted (Wgt Word Cnt). */
export function wordCount(idf?: (w: string) => number): Scorer {
  return (q) => {
    const words = [...new Set(alignTokens(q.text).map((t) => t.folded))].filter((w) => !ALIGN_STOP_WORDS.has(w));
    return q.sentences.map((s) => {
      const have = new Set(alignTokens(s.text).map((t) => t.folded));
      return words.reduce((sum, w) => sum + (have.has(w) ? (idf ? idf(w) : 1) : 0), 0);
    });
  };
}

export function alignScorer(vectors: WordVectors, options: Partial<AlignOptions>, field: "score" | "coverage" = "score"): Scorer {
  const aligner = createAligner(vectors, options);
  return (q) => {
    const prepared = aligner.prepare(q.text);
    return q.sentences.map((s) => prepared.score(s.text)[field]);
  };
}

export function scoreAll(questions: Question[], scorer: Scorer): Map<Question, number[]> {
  return new Map(questions.map((q) => [q, scorer(q)]));
}

/** Trigger value of a question: its top sentence's value under `of` (e.g. the coverage of the best-ranked sentence). */
export function topValue(questions: Question[], scored: Map<Question, number[]>, of: Map<Question, number[]>): Map<Question, number> {
  return new Map(questions.map((q) => [q, of.get(q)![ranking(scored.get(q)!)[0]!]!]));
}

// ---------------------------------------------------------------------------------------------------

const f3 = (x: number) => x.toFixed(3);

function printRanking(name: string, questions: Question[], scored: Map<Question, number[]>): Record<Half, RankMeasures> {
  const out = {} as Record<Half, RankMeasures>;
  const cells = HALVES.map((h) => {
    const m = (out[h] = rankMeasures(questions.filter((q) => inHalf(q, h)), scored));
    return `${f3(m.p1)} / ${f3(m.mrr)} / ${f3(m.map)}`;
  });
  console.log(`| ${name} | ${cells.join(" | ")} |`);
  return out;
}

function printTrigger(name: string, questions: Question[], scored: Map<Question, number[]>, trigger: Map<Question, number>, minRecall = 0): number {
  const odd = questions.filter((q) => inHalf(q, "odd"));
  const t = bestThreshold(odd, scored, trigger, minRecall);
  const cells = HALVES.map((h) => {
    const m = triggerMeasures(questions.filter((q) => inHalf(q, h)), scored, trigger, t);
    return `${f3(m.precision)} / ${f3(m.recall)} / ${f3(m.f1)} (${m.right}/${m.answered})`;
  });
  console.log(`| ${name} | ${t.toFixed(3)} | ${cells.join(" | ")} |`);
  return t;
}

/** Coordinate search of the aligner's options on the odd half, by MAP (ties: P@1): two passes, one option at a time. */
function tune(questions: Question[], vectors: WordVectors, base: Partial<AlignOptions>): Partial<AlignOptions> {
  const odd = questions.filter((q) => inHalf(q, "odd"));
  // softWeight and softMinRank stay at the module's defaults: the bot needs soft matches for paraphrases
  // ("recruited" ~ "admitted"), and on the odd half they are neutral at best (see WIKIQA.md); the table's
  // "no soft matches" row shows what they cost or bring.
  const grid = {
    softMarginSd: [-0.5, 0, 0.5, 1],
    softFloor: [0.3, 0.4, 0.5],
    softRamp: [0.05, 0.15, 0.3],
    answerTypeBonus: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7],
    lengthPenalty: [0, 0.002, 0.005, 0.01],
  } satisfies Partial<Record<keyof AlignOptions, number[]>>;
  const evaluate = (options: Partial<AlignOptions>) => rankMeasures(odd, scoreAll(odd, alignScorer(vectors, options)));
  let best = { options: base, ...evaluate(base) };
  for (let pass = 0; pass < 2; pass++)
    for (const [key, values] of Object.entries(grid))
      for (const value of values) {
        const options = { ...best.options, [key]: value };
        const m = evaluate(options);
        if (m.map > best.map + 1e-9 || (Math.abs(m.map - best.map) < 1e-9 && m.p1 > best.p1)) best = { options, ...m };
      }
  return best.options;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const questions = readWikiQA(path.join(DATA_DIR, "WikiQA-test.tsv"));
  const positives = questions.filter(answerable).length;
  console.log(`WikiQA test: ${questions.length} questions, ${positives} answerable; ${os.cpus()[0]?.model}, load ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);

  const memoryBefore = process.memoryUsage();
  const t0 = performance.now();
  const vectors = await loadWordVectors({ modelsDir: MODELS_DIR });
  const loadMs = performance.now() - t0;
  globalThis.gc?.();
  const memoryAfter = process.memoryUsage();
  console.log(
    `word vectors: ${vectors.size} words × ${vectors.dimension}, loaded in ${(loadMs / 1000).toFixed(2)} s; ` +
      `heap +${((memoryAfter.heapUsed - memoryBefore.heapUsed) / 1e6).toFixed(1)} MB, array buffers +${((memoryAfter.arrayBuffers - memoryBefore.arrayBuffers) / 1e6).toFixed(1)} MB, rss +${((memoryAfter.rss - memoryBefore.rss) / 1e6).toFixed(1)} MB`,
  );

  const idf = idfTable(questions);
  // --no-tune: the module's defaults (themselves tuned on the odd half, see bench/WIKIQA.md), for a quicker run.
  const tuned = args.includes("--no-tune") ? { weight: idf } : tune(questions, vectors, { weight: idf });
  const { weight: _w, ...shown } = tuned;
  console.log(`aligner options tuned on the odd half: ${JSON.stringify(shown)}`);

  console.log("\n(a) ranking, 243 answerable questions: P@1 / MRR / MAP\n");
  console.log("| scorer | odd | even | all |\n|---|---|---|---|");
  const wc = scoreAll(questions, wordCount());
  const wwc = scoreAll(questions, wordCount(idf));
  const exactOnly = scoreAll(questions, alignScorer(vectors, { ...tuned, softWeight: 0 }));
  const defaults = scoreAll(questions, alignScorer(vectors, { weight: idf }));
  const aligned = scoreAll(questions, alignScorer(vectors, tuned));
  const rarity = scoreAll(questions, alignScorer(vectors, { ...shown }));
  printRanking("Word Cnt", questions, wc);
  printRanking("Wgt Word Cnt (IDF over WikiQA sentences)", questions, wwc);
  printRanking("align, exact + answer type, no soft matches", questions, exactOnly);
  printRanking("align, defaults (IDF)", questions, defaults);
  printRanking("align, tuned (IDF)", questions, aligned);
  printRanking("align, tuned, weights from vector rank (no corpus)", questions, rarity);

  console.log("\n(b) answer triggering, all 633: threshold tuned on odd (best F1, or best F1 keeping recall); P / R / F1 (right/answered); R = P@1 counting declines as misses\n");
  console.log("| trigger | threshold | odd | even | all |\n|---|---|---|---|---|");
  // The aligner's defaults (what the answerer gets), not the tuned row above: these thresholds are the ones to use.
  const coverage = scoreAll(questions, alignScorer(vectors, { weight: idf }, "coverage"));
  printTrigger("Word Cnt, top count", questions, wc, topValue(questions, wc, wc));
  printTrigger("Wgt Word Cnt, top weight", questions, wwc, topValue(questions, wwc, wwc));
  printTrigger("align defaults, top score", questions, defaults, topValue(questions, defaults, defaults));
  printTrigger("align defaults, top coverage", questions, defaults, topValue(questions, defaults, coverage));
  // Recall here is P@1 counting declines as misses: the project's target is ≥ 0.55 with F1 ≥ 0.35.
  printTrigger("align defaults, top score, recall ≥ 0.58 on odd", questions, defaults, topValue(questions, defaults, defaults), 0.58);
  printTrigger("align defaults, top coverage, recall ≥ 0.58 on odd", questions, defaults, topValue(questions, defaults, coverage), 0.58);

  // Cost per question-sentence pair once vectors are loaded; prepare included, amortised over the paragraph.
  // Cold: a fresh aligner (created outside the timing), every word and sentence seen for the first time.
  // Warm: the aligner has read the odd half first (its word cache holds common words), then times the even
  // half, whose documents and sentences it has not seen — the steady state of a running bot.
  const timePairs = (aligner: ReturnType<typeof createAligner>, qs: Question[]) => {
    let pairs = 0;
    const cpu = process.cpuUsage();
    const t = performance.now();
    for (const q of qs) {
      const prepared = aligner.prepare(q.text);
      for (const s of q.sentences) {
        prepared.score(s.text);
        pairs++;
      }
    }
    const wallMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    return { pairs, wallUs: (wallMs * 1000) / pairs, cpuUs: (used.user + used.system) / pairs };
  };
  const cold = timePairs(createAligner(vectors, { weight: idf }), questions);
  const warmAligner = createAligner(vectors, { weight: idf });
  timePairs(warmAligner, questions.filter((q) => inHalf(q, "odd")));
  const warm = timePairs(warmAligner, questions.filter((q) => inHalf(q, "even")));
  // A reference operation timed in the same run, to scale the figure to a quieter machine.
  const t2 = performance.now();
  let sink = 0;
  for (let i = 0; i < 200_000; i++) sink += vectors.dotIds(1000 + (i % 5000), 7);
  const nsPerDot = ((performance.now() - t2) * 1e6) / 200_000 + (sink > 1e12 ? 1 : 0);
  const us = (c: { wallUs: number; cpuUs: number; pairs: number }) => `${c.cpuUs.toFixed(1)} µs CPU / ${c.wallUs.toFixed(1)} µs wall (${c.pairs} pairs)`;
  console.log(
    `\ncost per question-sentence pair: cold ${us(cold)}; warm ${us(warm)}; ` +
      `a 100-d word cosine took ${nsPerDot.toFixed(0)} ns in the same run; load ${os.loadavg()[0]!.toFixed(2)} on ${os.cpus().length} cores`,
  );

  if (args.includes("--end-to-end")) {
    const { endToEnd } = await import("./wikiqa-e2e.js");
    await endToEnd(questions, { wordCount: wc, weightedWordCount: wwc });
  }
}

// Run when invoked (npm run bench:wikiqa); importing this file only brings its functions.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
