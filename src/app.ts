import fs from "node:fs";
import type { Config } from "./config.js";
import { createEmbedder, embedderOptions, type Embedder } from "./embed/embedder.js";
import { Library, type ProgressFn, type SyncReport } from "./library/library.js";
import { createAsk } from "./answer/ask.js";
import { createAligner } from "./answer/align.js";
import { loadWordVectors, type WordVectors } from "./embed/word-vectors.js";
import type { AskFn } from "./types.js";

export interface App {
  ask: AskFn;
  library: Library;
  embedder: Embedder;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  /** An embedder already loaded (tests share one per worker); default: load the configured model. */
  embedder?: Embedder;
  /** The word vectors already loaded (tests share them per worker); default: load the bundled ones. */
  wordVectors?: WordVectors;
  /** Build the index from `config.dataDir` when it is empty (first run). Default true. */
  buildIfEmpty?: boolean;
  onBuildStart?: (total: number) => void;
  onBuildProgress?: ProgressFn;
  onBuildDone?: (report: SyncReport) => void;
}

/** Loads the embedding model, opens the index (building it from the data folder on first run) and wires ask(). */
export async function openApp(config: Config, options: OpenAppOptions = {}): Promise<App> {
  const embedder = options.embedder ?? (await createEmbedder(embedderOptions(config)));
  const library = Library.open(config, embedder);
  if (options.buildIfEmpty !== false && library.store().counts().articles === 0 && fs.existsSync(config.dataDir)) {
    let started = false;
    const report = await library.syncDataDir(config.dataDir, (done, total) => {
      if (!started) {
        started = true;
        options.onBuildStart?.(total);
      }
      options.onBuildProgress?.(done, total);
    });
    options.onBuildDone?.(report);
  }
  // Facts read by an older reader are re-read from the stored text (seconds at 100k passages; no re-embedding).
  await library.refreshFacts();
  // The bundled GloVe word vectors align question and sentence words whatever EMBEDDING_MODEL is (~1 s, ~28 MB).
  const vectors = options.wordVectors ?? (await loadWordVectors({ modelsDir: config.modelsDir }));
  const ask = createAsk({ index: () => library.store(), embedder, config, aligner: createAligner(vectors), wordRank: (word) => vectors.rank(word) });
  return {
    ask,
    library,
    embedder,
    close: async () => library.close(),
  };
}
