import fs from "node:fs";
import type { Config } from "./config.js";
import { createEmbedder, embedderOptions, type Embedder } from "./embed/embedder.js";
import { Library, type ProgressFn, type SyncReport } from "./library/library.js";
import { createAsk } from "./answer/ask.js";
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
  const ask = createAsk({ index: () => library.store(), embedder, config });
  return {
    ask,
    library,
    embedder,
    close: async () => library.close(),
  };
}
