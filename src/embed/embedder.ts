import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env, pipeline, type FeatureExtractionPipeline } from "@xenova/transformers";
import type { Config } from "../config.js";
import { UserError } from "../types.js";

/** Text prefixes some models were trained with; a missing prefix costs them several points of recall. */
const PREFIXES: { match: RegExp; query: string; passage: string }[] = [
  { match: /(^|\/)(multilingual-)?e5-/i, query: "query: ", passage: "passage: " },
  { match: /(^|\/)bge-.*-en/i, query: "Represent this sentence for searching relevant passages: ", passage: "" },
  { match: /(^|\/)gte-/i, query: "", passage: "" },
];

export function prefixesFor(modelId: string): { query: string; passage: string } {
  const entry = PREFIXES.find((p) => p.match.test(modelId));
  return { query: entry?.query ?? "", passage: entry?.passage ?? "" };
}

export interface EmbedderOptions {
  /** A folder under modelsDir ("local/glove-6b-100d-sif") or any Hugging Face id ("Xenova/all-MiniLM-L6-v2"). */
  model: string;
  modelsDir: string;
  cacheDir: string;
  quantized: boolean;
  allowRemoteModels: boolean;
  /** Texts per ONNX call (default 64). */
  batchSize?: number;
}

export interface Embedder {
  readonly modelId: string;
  readonly dimension: number;
  /** Changes when the model's weights change, so an index can tell it was built by other weights. */
  readonly fingerprint: string;
  embedPassages(texts: string[]): Promise<Float32Array[]>;
  embedQuery(text: string): Promise<Float32Array>;
  /** Releases the model's native sessions (a worker thread does this before it exits). */
  dispose?(): Promise<void>;
}

/** The embedder the configuration asks for (model, where models live, weights variant, downloads allowed). */
export function embedderOptions(config: Config): EmbedderOptions {
  return {
    model: config.embeddingModel,
    modelsDir: config.modelsDir,
    cacheDir: config.modelCacheDir,
    quantized: config.quantized,
    allowRemoteModels: config.allowRemoteModels,
  };
}

/** Loads a transformers.js feature-extraction model and wraps it with batching and model prefixes. */
export async function createEmbedder(options: EmbedderOptions): Promise<Embedder> {
  env.localModelPath = options.modelsDir.endsWith(path.sep) ? options.modelsDir : options.modelsDir + path.sep;
  env.cacheDir = options.cacheDir;
  env.allowLocalModels = true;
  env.allowRemoteModels = options.allowRemoteModels;

  const localDir = path.join(options.modelsDir, options.model);
  const isLocal = fs.existsSync(localDir);
  let extractor: FeatureExtractionPipeline;
  try {
    extractor = (await pipeline("feature-extraction", options.model, { quantized: options.quantized })) as FeatureExtractionPipeline;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UserError(
      isLocal || !options.allowRemoteModels
        ? `Could not load the embedding model "${options.model}" from ${options.modelsDir}: ${reason}. ` +
            `Check EMBEDDING_MODEL, or unset it to use the bundled offline model.`
        : `Could not load the embedding model "${options.model}" (not in ${options.modelsDir}, and downloading it failed: ${reason}). ` +
            `Check the model id and your network, or unset EMBEDDING_MODEL to use the bundled offline model.`,
      "model_unavailable",
    );
  }

  const prefixes = prefixesFor(options.model);
  const batchSize = options.batchSize ?? 64;

  // The pipeline's own tokenizer and model, pooled here: transformers.js's generic mean_pooling costs
  // about 2 ms per passage, five times the model itself, and this loop does the same sum in microseconds.
  // Texts are batched by length so that little padding is computed and pooled.
  async function embed(texts: string[]): Promise<Float32Array[]> {
    const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
    const out: Float32Array[] = new Array(texts.length);
    for (let i = 0; i < order.length; i += batchSize) {
      const rows = order.slice(i, i + batchSize);
      const inputs = extractor.tokenizer(rows.map((r) => texts[r]!), { padding: true, truncation: true });
      const outputs = await extractor.model(inputs);
      const hidden = outputs.last_hidden_state ?? outputs.logits ?? Object.values(outputs)[0];
      const vectors = meanPoolNormalized(hidden.data as Float32Array, hidden.dims as number[], inputs.attention_mask.data);
      rows.forEach((r, k) => (out[r] = vectors[k]!));
    }
    return out;
  }

  const [probe] = await embed(["dimension probe"]);
  return {
    modelId: options.model,
    dimension: probe.length,
    fingerprint: fingerprintOf(options, isLocal ? localDir : null),
    embedPassages: (texts) => embed(texts.map((t) => prefixes.passage + t)),
    embedQuery: async (text) => (await embed([prefixes.query + text]))[0],
    dispose: () => extractor.dispose(),
  };
}

/** Mean of the token vectors where the attention mask is set, scaled to unit length (cosine = inner product). */
export function meanPoolNormalized(
  data: ArrayLike<number>,
  dims: number[],
  mask: ArrayLike<number | bigint>,
): Float32Array[] {
  if (dims.length === 2) return meanPoolNormalized(data, [dims[0]!, 1, dims[1]!], new Array(dims[0]).fill(1));
  const [rows, tokens, width] = dims as [number, number, number];
  const vectors: Float32Array[] = [];
  for (let r = 0; r < rows; r++) {
    const v = new Float32Array(width);
    let count = 0;
    for (let t = 0; t < tokens; t++) {
      if (mask[r * tokens + t] == 0) continue;
      count++;
      const base = (r * tokens + t) * width;
      for (let d = 0; d < width; d++) v[d] += data[base + d];
    }
    let norm = 0;
    for (let d = 0; d < width; d++) norm += (v[d] /= Math.max(count, 1)) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let d = 0; d < width; d++) v[d] /= norm;
    vectors.push(v);
  }
  return vectors;
}

/** Model id + weights variant, plus a hash of the local weights file when there is one. */
function fingerprintOf(options: EmbedderOptions, localDir: string | null): string {
  const variant = options.quantized ? "q8" : "fp";
  if (!localDir) return `${options.model}@${variant}`;
  const file = path.join(localDir, "onnx", options.quantized ? "model_quantized.onnx" : "model.onnx");
  if (!fs.existsSync(file)) return `${options.model}@${variant}`;
  const digest = createHash("sha256").update(fs.readFileSync(file)).digest("hex").slice(0, 16);
  return `${options.model}@${variant}:${digest}`;
}
