import fs from "node:fs";
import type { Config } from "../config.js";
import { createEmbedder, embedderOptions, type Embedder } from "../embed/embedder.js";
import type { ReindexProgress } from "../types.js";
import { storageFault } from "../store/faults.js";
import { rebuildIndex } from "./library.js";
import { acquireWriteLock } from "./write-lock.js";

/**
 * `library reindex` from the command line: works even when the live index was built by another
 * model (which `Library.open` refuses), since that is exactly when a rebuild is needed. Holds the index's
 * write lock like every other write, so an add or remove by another process during the rebuild is refused
 * clearly ("another process is changing this index") instead of being lost at the switch.
 */
export async function reindexWithModel(config: Config, onProgress?: (p: ReindexProgress) => void, deps: { embedder?: Embedder } = {}) {
  const embedder = deps.embedder ?? (await createEmbedder(embedderOptions(config)));
  try {
    fs.mkdirSync(config.indexDir, { recursive: true });
    const release = await acquireWriteLock(config.indexDir);
    try {
      const { store, articles, passages, ms } = await rebuildIndex(config, embedder, onProgress);
      store.close();
      return { articles, passages, ms, model: embedder.modelId, dimension: embedder.dimension };
    } finally {
      release();
    }
  } catch (error) {
    throw storageFault(error, config.indexDir) ?? error;
  }
}
