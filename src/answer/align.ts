import { stemmer } from "stemmer";
import { rarityWeight, type WordVectors } from "../embed/word-vectors.js";
import { fold } from "../text/fold.js";
import { MONTH_NAMES } from "../text/years.js";

/**
 * Question-to-sentence alignment through word vectors: how much of what a question asks a sentence says,
 * in the sentence's own words or in near synonyms. Pure (deterministic; its caches only save work),
 * synchronous and fast: the per-question work is done once in `prepare`, the per-word work once per
 * aligner. Create one aligner per process (its start computes background statistics, ~20–50 ms).
 *
 * ```ts
 * const aligner = createAligner(vectors, { weight: (w) => idf(w) });
 * const question = aligner.prepare("How many party members were recruited in 2023?");
 * const { score, coverage } = question.score("During the year, Party committees at all levels admitted 1,251 party members.");
 * ```
 *
 * In the spirit of the unsupervised one-to-many alignment of Yadav, Sharp & Surdeanu (SIGIR 2018): every
 * content word of the question is aligned to its best word in the sentence, weighted by its rarity.
 * A plain sum of best cosines lowers P@1 on WikiQA with these vectors, whose cosines are compressed
 * (unrelated pairs 0.2–0.33, synonyms 0.45–0.6), so here a soft match counts only when it beats what the
 * sentence's n words would reach by chance for that question word (its mean + sqrt(2 ln n) standard
 * deviations of cosines to ordinary words; "recruited": mean 0.18, sd 0.11, so "admitted" at 0.45 counts
 * in a short sentence), only for words rarer than the 3,000 most frequent (whose loose neighbours are
 * noise), and for at most a quarter of the word's weight. Answer-type cues add a bonus: a number for
 * "how many / how much / how old", a year or date for "when / what year", a capitalised name the
 * question does not contain for "who". Measured in bench/WIKIQA.md.
 */
export interface AlignOptions {
  /**
   * Weight of a question word (folded, unstemmed), e.g. IDF over the passages the caller searches.
   * Default: `rarityWeight` from the vectors' frequency rank (log rank, ≈ IDF under Zipf's law).
   */
  weight: (word: string) => number;
  /** Words never aligned (function words, question words). Default `ALIGN_STOP_WORDS`. */
  stopWords: ReadonlySet<string>;
  /**
   * Share of a question word's weight that a soft (vector) match can earn at most (default 0.25). A soft
   * match is never worth as much as the word itself.
   */
  softWeight: number;
  /**
   * Margin, in standard deviations of the question word's cosines to ordinary vocabulary words, by which a
   * soft match must beat the best that the sentence's n words would reach by chance (mean + sqrt(2 ln n) sd).
   * Default 0: just above chance. Below it the match counts nothing. (WikiQA's odd half prefers 0.5 by
   * 0.003 MAP, same P@1; 0.5 loses "recruited" ~ "admitted", cosine 0.45, in the seed reports.)
   */
  softMarginSd: number;
  /**
   * Only question words rarer than this frequency rank get soft matches (default 3,000). Common words
   * ("made", "take", "look") have many loose neighbours, and their soft matches on WikiQA are noise that
   * outranks the right sentence; rare words ("fy" ~ "fiscal", "recruited" ~ "admitted") are the paraphrases worth finding.
   */
  softMinRank: number;
  /** Cosine a soft match must reach anyway, whatever the word's own typical similarity (default 0.4). */
  softFloor: number;
  /** How far above its threshold a cosine must be to earn the full `softWeight`; less earns a linear share (default 0.05). */
  softRamp: number;
  /**
   * Bonus, as a share of the question's total weight, when the sentence holds what the question type asks
   * for: a number, a year or date, a person-like name. In `score` only, not in coverage. Default 0.7, so a
   * sentence of the asked type outranks one without it unless that one covers far more of the question
   * (tuned on WikiQA's odd half, where the cue is the strongest single lever).
   */
  answerTypeBonus: number;
  /** Penalty on `score` per sentence word beyond 25, as a share of the question's weight (default 0). */
  lengthPenalty: number;
}

/** Function words and question words: they carry no content to align. */
export const ALIGN_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    "a an the and or but nor of to in on at by for from with without into onto over under about as than then " +
    "is are was were be been being am do does did done doing has have had having will would shall should can could may might must " +
    "it its it's this that these those there here their theirs them they he him his she her hers we us our you your i me my " +
    "what which who whom whose when where why how whats whos wheres " +
    "not no yes so if also too very just only such some any all each every both either neither more most much many " +
    "s t d ll re ve m"
  ).split(/\s+/),
);

/** What a sentence scored against one prepared question. */
export interface Alignment {
  /** For ranking sentences of one question against each other (coverage + answer-type bonus − length penalty). */
  score: number;
  /** Share in [0, 1] of the question's weighted content the sentence covers, exactly or by calibrated synonyms. */
  coverage: number;
  /** Share of the question's weight matched by the same word (after stemming). */
  exact: number;
  /** Share of the question's weight matched by calibrated vector matches. */
  soft: number;
  /** Whether the sentence holds what the question's type asks for; null when the question has no type. */
  answerType: boolean | null;
}

/** The kind of answer a question's wording asks for. */
export type AnswerType = "number" | "date" | "person" | null;

/** A question read once, scored against many sentences. */
export interface PreparedQuestion {
  /** The content words aligned (folded), with their weights. */
  readonly words: readonly { word: string; weight: number }[];
  readonly answerType: AnswerType;
  score(sentence: string): Alignment;
}

export interface Aligner {
  prepare(question: string): PreparedQuestion;
}

const DEFAULTS: Omit<AlignOptions, "weight"> = {
  stopWords: ALIGN_STOP_WORDS,
  softWeight: 0.25,
  softMarginSd: 0,
  softMinRank: 3000,
  softFloor: 0.4,
  softRamp: 0.05,
  answerTypeBonus: 0.7,
  lengthPenalty: 0,
};

/** Ordinary words each question word is compared with to learn its typical similarity (ranks 200–10,200). */
const BACKGROUND = { from: 200, count: 2000, step: 5 };

export interface Token {
  raw: string;
  folded: string;
  stem: string;
}

/** A sentence word as the scorer needs it: forms, vector row (-1: none or not aligned) and whether it is a stop word. */
interface Word extends Token {
  id: number;
  stop: boolean;
  /** Digits or a number word ("1,251", "twelve"). */
  number: boolean;
  /** A year, month name or day ordinal ("1998", "March", "28th"). */
  date: boolean;
  /** Capitalised like a name ("Nguyen", "Paris"), month names excluded. */
  capitalised: boolean;
}

// Words in Latin script with Vietnamese letters (precomposed or with combining marks) and ASCII numbers.
// Explicit ranges rather than \p{L}: the unicode-property regex costs ~3× as much per sentence.
const TOKEN = /[0-9]+(?:[.,][0-9]+)*|[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0300-\u036F\u1E00-\u1EFF]+(?:['’][A-Za-z]+)?/g;

/** Folded and stemmed forms of one word (digits kept whole: "1,251" → "1251"). */
function readWord(raw: string): Token {
  const folded = fold(raw).replace(/’/g, "'").replace(/(?<=\d),(?=\d)/g, "");
  return { raw, folded, stem: /\d/.test(folded) ? folded : stemmer(folded.replace(/'s$/, "")) };
}

/** Words of a text with their folded and stemmed forms. */
export function alignTokens(text: string): Token[] {
  return Array.from(text.matchAll(TOKEN), (m) => readWord(m[0]));
}

const NUMBER_WORDS = new Set(
  "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion dozen half".split(" "),
);
const MONTHS = new Set(MONTH_NAMES.toLowerCase().split("|"));

/** The answer type the question's wording asks for. */
export function answerTypeOf(question: string): AnswerType {
  const q = fold(question);
  if (/\bhow (many|much|old|long|far|tall|big|large|high|deep|fast|often)\b|\bwhat (percentage|percent|number|amount)\b/.test(q)) return "number";
  if (/\bwhen\b|\bwhat (year|date|day|month|century|decade)\b|\bwhich year\b/.test(q)) return "date";
  if (/\bwho\b|\bwhom\b|\bwhose\b/.test(q)) return "person";
  return null;
}

function hasAnswerType(type: Exclude<AnswerType, null>, words: Word[], questionStems: ReadonlySet<string>): boolean {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (type === "number" ? !w.number : type === "date" ? !w.date : !w.capitalised || i === 0) continue;
    if (!questionStems.has(w.stem)) return true; // what the question already says is not the answer
  }
  return false;
}

/** Creates an aligner over the word vectors; options merged with the defaults once, here. */
export function createAligner(vectors: WordVectors, options: Partial<AlignOptions> = {}): Aligner {
  const o: AlignOptions = { ...DEFAULTS, weight: (w) => rarityWeight(vectors, w), ...options };
  // Mean and second moment of the background words' vectors: a word's mean cosine to them is one dot product
  // with the mean, and the variance one product with the 100×100 moment matrix, however many words there are.
  const dimension = vectors.dimension;
  const backgroundMean = new Float64Array(dimension);
  const backgroundMoment = new Float64Array(dimension * dimension);
  let backgroundCount = 0;
  for (let k = 0; k < BACKGROUND.count; k++) {
    const b = vectors.vectorById(BACKGROUND.from + k * BACKGROUND.step);
    if (!b) continue;
    backgroundCount++;
    for (let i = 0; i < dimension; i++) {
      backgroundMean[i] += b[i]!;
      for (let j = 0; j < dimension; j++) backgroundMoment[i * dimension + j] += b[i]! * b[j]!;
    }
  }
  for (let i = 0; i < backgroundMean.length; i++) backgroundMean[i] /= Math.max(backgroundCount, 1);
  for (let i = 0; i < backgroundMoment.length; i++) backgroundMoment[i] /= Math.max(backgroundCount, 1);
  const backgrounds = new Map<number, { mean: number; sd: number }>(); // word id → its typical similarity
  const words = new Map<string, Word>(); // raw word → its forms: stemming and lookups once per distinct word

  const sentences = new Map<string, Word[]>(); // sentence → its words: the answerer scores the same passages again

  function wordsOf(text: string): Word[] {
    let cached = sentences.get(text);
    if (!cached) {
      cached = readWords(text);
      if (sentences.size > 10_000) sentences.clear();
      sentences.set(text, cached);
    }
    return cached;
  }

  function readWords(text: string): Word[] {
    const out: Word[] = [];
    for (const m of text.matchAll(TOKEN)) {
      let w = words.get(m[0]);
      if (!w) {
        const t = readWord(m[0]);
        const stop = o.stopWords.has(t.folded);
        const digits = /\d/.test(t.folded);
        const month = MONTHS.has(t.folded);
        w = {
          ...t,
          stop,
          id: stop || digits ? -1 : vectors.idOf(t.folded),
          number: digits || NUMBER_WORDS.has(t.folded),
          date: /^1\d{3}$|^20\d{2}$|^\d{1,2}(st|nd|rd|th)$/.test(t.folded) || month,
          capitalised: /^\p{Lu}\p{Ll}/u.test(t.raw) && !month,
        };
        if (words.size > 200_000) words.clear();
        words.set(m[0], w);
      }
      out.push(w);
    }
    return out;
  }

  /** Mean and standard deviation of this word's cosines to ordinary vocabulary words (the background). */
  function backgroundOf(id: number): { mean: number; sd: number } {
    let b = backgrounds.get(id);
    if (!b) {
      const v = vectors.vectorById(id)!;
      let mean = 0;
      let second = 0;
      for (let i = 0; i < dimension; i++) {
        mean += v[i]! * backgroundMean[i]!;
        let row = 0;
        for (let j = 0; j < dimension; j++) row += backgroundMoment[i * dimension + j]! * v[j]!;
        second += v[i]! * row;
      }
      b = { mean, sd: Math.sqrt(Math.max(second - mean * mean, 0)) };
      if (backgrounds.size > 50_000) backgrounds.clear();
      backgrounds.set(id, b);
    }
    return b;
  }

  return {
    prepare(question) {
      const tokens = wordsOf(question);
      const seen = new Set<string>();
      const content: { word: string; stem: string; weight: number; id: number; mean: number; sd: number }[] = [];
      for (const t of tokens) {
        if (t.stop || seen.has(t.stem)) continue;
        seen.add(t.stem);
        const background = t.id >= 0 ? backgroundOf(t.id) : { mean: 1, sd: 0 };
        content.push({ word: t.folded, stem: t.stem, weight: o.weight(t.folded), id: t.id, ...background });
      }
      const total = content.reduce((s, w) => s + w.weight, 0);
      const answerType = answerTypeOf(question);
      const questionStems: ReadonlySet<string> = new Set(tokens.map((t) => t.stem));
      const contentIndex = new Map(content.map((w, k) => [w.stem, k]));
      // The content words that may be matched softly (ids are frequency ranks; -1: no vector).
      const softable = o.softWeight > 0 ? content.flatMap((w, k) => (w.id >= o.softMinRank ? [k] : [])) : [];
      // Sentence word id → its cosine to each softable content word: the sentences of one article repeat words.
      const memo = new Map<number, Float32Array>();
      const similaritiesTo = (id: number): Float32Array => {
        let sims = memo.get(id);
        if (!sims) {
          sims = new Float32Array(content.length);
          for (const k of softable) sims[k] = vectors.dotIds(content[k]!.id, id);
          if (memo.size > 20_000) memo.clear();
          memo.set(id, sims);
        }
        return sims;
      };

      return {
        words: content.map((w) => ({ word: w.word, weight: w.weight })),
        answerType,
        score(sentence) {
          const sTokens = wordsOf(sentence);
          const matched = new Uint8Array(content.length);
          const ids: number[] = [];
          for (const t of sTokens) {
            const k = contentIndex.get(t.stem);
            if (k !== undefined) matched[k] = 1;
            // A sentence word the question itself uses is aligned to that word, not to a second one.
            else if (t.id >= 0 && !questionStems.has(t.stem)) ids.push(t.id);
          }
          let exact = 0;
          let soft = 0;
          // The best of n ordinary words reaches about mean + sqrt(2 ln n) sd: a soft match must beat that by the margin.
          const z = Math.sqrt(2 * Math.log(Math.max(ids.length, 2))) + o.softMarginSd;
          for (let k = 0; k < content.length; k++) {
            const w = content[k]!;
            if (matched[k]) {
              exact += w.weight;
              continue;
            }
            if (w.id < o.softMinRank || o.softWeight === 0) continue; // not softable (see above)
            let best = 0;
            for (const id of ids) {
              const s = similaritiesTo(id)[k]!;
              if (s > best) best = s;
            }
            const threshold = Math.max(o.softFloor, w.mean + z * w.sd);
            if (best > threshold) soft += w.weight * o.softWeight * Math.min(1, (best - threshold) / o.softRamp);
          }
          const denominator = total || 1;
          const coverage = Math.min(1, (exact + soft) / denominator);
          const type = answerType ? hasAnswerType(answerType, sTokens, questionStems) : null;
          const score =
            coverage + (type ? o.answerTypeBonus : 0) - o.lengthPenalty * Math.max(0, sTokens.length - 25);
          return { score, coverage, exact: exact / denominator, soft: soft / denominator, answerType: type };
        },
      };
    },
  };
}
