import fs from "node:fs";
import path from "node:path";
import { AutoModel, env, Tensor } from "@xenova/transformers";
import { fold } from "../text/fold.js";
import { UserError } from "../types.js";

/**
 * The word vectors of the shipped GloVe model, as a lookup table: one unit-length vector per word.
 *
 * ```ts
 * const vectors = await loadWordVectors({ modelsDir: config.modelsDir });
 * vectors.similarity("admitted", "recruited"); // ≈ 0.45; "admitted" ~ "banana" ≈ 0.1
 * ```
 *
 * Always the bundled `local/glove-6b-100d-sif` model, whatever EMBEDDING_MODEL says: a transformer sentence
 * encoder has no per-word table, and these vectors are the project's offline source of synonyms.
 * The table is read once by running the model's ONNX lookup over every vocabulary id (no weights parsed
 * by hand), normalised to unit length and kept as int8 (cosine error < 0.01), about 15 MB for 150,000
 * words. Load it once per process and pass it to whoever needs it.
 */
export interface WordVectors {
  /** Number of words in the table. */
  readonly size: number;
  /** Vector width (100). */
  readonly dimension: number;
  /** Whether the word (folded: lowercase, no accents) has a vector. */
  has(word: string): boolean;
  /** Unit-length vector of the word, or null when it has none. A fresh array each call. */
  vector(word: string): Float32Array | null;
  /** Unit-length vector of a row by id (from `idOf`), or null for -1. A fresh array each call. */
  vectorById(id: number): Float32Array | null;
  /** Cosine similarity of two words in [-1, 1]; 0 when either has no vector. Equal words give 1. */
  similarity(a: string, b: string): number;
  /**
   * Frequency rank of the word in the model's training text (0 = most frequent), or null. The vocabulary
   * is ordered by frequency, so this is a corpus-free rarity signal (see `rarityWeight`).
   */
  rank(word: string): number | null;
  /** The candidates sorted by similarity to the word, best first (candidates without vectors dropped). */
  nearest(word: string, candidates: readonly string[], k?: number): { word: string; similarity: number }[];
  /** Internal id of the word (row in the table), or -1. With `dotIds`, the fast path for hot loops. */
  idOf(word: string): number;
  /** Cosine of two rows by id (from `idOf`); 0 when either is -1. */
  dotIds(a: number, b: number): number;
}

export interface WordVectorOptions {
  /** The folder holding `local/glove-6b-100d-sif` (config.modelsDir). */
  modelsDir: string;
  /** Keep only the N most frequent words (default: all 150,000). */
  maxWords?: number;
  /** Vocabulary ids per ONNX call while loading (default 32,768). */
  chunkSize?: number;
}

/** The model whose table is read, relative to modelsDir. */
export const WORD_VECTOR_MODEL = "local/glove-6b-100d-sif";

/** Runs the shipped model's ONNX lookup over the vocabulary and returns the normalised int8 table. */
export async function loadWordVectors(options: WordVectorOptions): Promise<WordVectors> {
  const modelDir = path.join(options.modelsDir, WORD_VECTOR_MODEL);
  const tokenizerFile = path.join(modelDir, "tokenizer.json");
  if (!fs.existsSync(tokenizerFile)) {
    throw new UserError(
      `The word vectors need the bundled model in ${modelDir}, which is missing: restore embeddings/models/ from git (see embeddings/models/PROVENANCE.md).`,
      "model_unavailable",
    );
  }
  const vocab = (JSON.parse(fs.readFileSync(tokenizerFile, "utf8")) as { model: { vocab: Record<string, number> } }).model.vocab;
  // Ids 0 and 1 are [PAD] and [UNK]; the rest are words ordered by frequency.
  const byId: string[] = [];
  for (const [word, id] of Object.entries(vocab)) byId[id] = word;
  const firstWord = 2;
  const total = Math.min(byId.length - firstWord, options.maxWords ?? Infinity);
  const chunkSize = options.chunkSize ?? 32_768;

  env.localModelPath = options.modelsDir.endsWith(path.sep) ? options.modelsDir : options.modelsDir + path.sep;
  env.allowLocalModels = true;
  const model = await AutoModel.from_pretrained(WORD_VECTOR_MODEL, { quantized: true, local_files_only: true });

  let dimension = 0;
  let table = new Int8Array(0);
  let inverseNorms = new Float32Array(0);
  const ids = new Map<string, number>();
  try {
    for (let start = 0; start < total; start += chunkSize) {
      const count = Math.min(chunkSize, total - start);
      const inputIds = new BigInt64Array(count);
      for (let i = 0; i < count; i++) inputIds[i] = BigInt(firstWord + start + i);
      const mask = new BigInt64Array(count).fill(1n);
      const outputs = await model({
        input_ids: new Tensor("int64", inputIds, [1, count]),
        attention_mask: new Tensor("int64", mask, [1, count]),
        token_type_ids: new Tensor("int64", new BigInt64Array(count), [1, count]),
      });
      const hidden = outputs.last_hidden_state as { data: Float32Array; dims: number[] };
      const data = hidden.data; // once: the tensor is a Proxy, slow to read through element by element
      if (dimension === 0) {
        dimension = hidden.dims[2]!;
        table = new Int8Array(total * dimension);
        inverseNorms = new Float32Array(total);
      }
      for (let i = 0; i < count; i++) {
        const row = start + i;
        const base = i * dimension;
        let norm = 0;
        for (let d = 0; d < dimension; d++) norm += data[base + d]! ** 2;
        norm = Math.sqrt(norm);
        if (norm === 0) continue; // no vector: leave the word out
        // Unit vector components are within [-1, 1]; 127 steps keep cosines within about 0.01.
        const out = row * dimension;
        let quantizedNorm = 0;
        for (let d = 0; d < dimension; d++) quantizedNorm += (table[out + d] = Math.round((data[base + d]! / norm) * 127)) ** 2;
        inverseNorms[row] = 1 / Math.sqrt(quantizedNorm);
        ids.set(byId[firstWord + row]!, row);
      }
    }
  } finally {
    await model.dispose?.();
  }
  return wordVectorTable(ids, table, inverseNorms, dimension);
}

/** Builds the lookup object over a normalised int8 table (row r = the word whose id is r). */
function wordVectorTable(ids: Map<string, number>, table: Int8Array, inverseNorms: Float32Array, dimension: number): WordVectors {
  const dotIds = (a: number, b: number): number => {
    if (a < 0 || b < 0) return 0;
    if (a === b) return 1;
    const x = a * dimension;
    const y = b * dimension;
    let sum = 0;
    for (let d = 0; d < dimension; d++) sum += table[x + d]! * table[y + d]!;
    return sum * inverseNorms[a]! * inverseNorms[b]!;
  };
  const idOf = (word: string): number => ids.get(fold(word)) ?? -1;
  const vectorById = (id: number): Float32Array | null => {
    if (id < 0 || id * dimension >= table.length) return null;
    const v = new Float32Array(dimension);
    for (let d = 0; d < dimension; d++) v[d] = table[id * dimension + d]! * inverseNorms[id]!;
    return v;
  };
  return {
    size: ids.size,
    dimension,
    has: (word) => ids.has(fold(word)),
    idOf,
    dotIds,
    rank: (word) => ids.get(fold(word)) ?? null,
    vector: (word) => vectorById(idOf(word)),
    vectorById,
    similarity(a, b) {
      const fa = fold(a);
      const fb = fold(b);
      if (fa === fb) return ids.has(fa) ? 1 : 0;
      return dotIds(ids.get(fa) ?? -1, ids.get(fb) ?? -1);
    },
    nearest(word, candidates, k = candidates.length) {
      const id = idOf(word);
      if (id < 0) return [];
      return candidates
        .map((c) => ({ word: c, id: idOf(c) }))
        .filter((c) => c.id >= 0)
        .map((c) => ({ word: c.word, similarity: dotIds(id, c.id) }))
        .sort((p, q) => q.similarity - p.similarity)
        .slice(0, k);
    },
  };
}

/**
 * A rarity weight from the frequency rank alone, for callers with no corpus to count: log of the rank,
 * ≈ IDF under Zipf's law (p(w) ∝ 1/rank). Unknown words (rarer than the whole vocabulary) get the maximum.
 */
export function rarityWeight(vectors: WordVectors, word: string): number {
  const rank = vectors.rank(word);
  return Math.log(2 + (rank ?? vectors.size));
}
