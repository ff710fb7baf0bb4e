import type { Config } from "../config.js";
import { createEmbedder, embedderOptions } from "../embed/embedder.js";
import type { ReindexProgress } from "../types.js";
import { openIndexHost } from "../store/open-host.js";
import { rebuildIndex } from "./library.js";

/**
 * `library reindex` from the command line: works even when the live index was built by another
 * model (which `Library.open` refuses), since that is exactly when a rebuild is needed.
 */
export async function reindexWithModel(config: Config, onProgress?: (p: ReindexProgress) => void) {
  const embedder = await createEmbedder(embedderOptions(config));
  const host = openIndexHost(config);
  try {
    const release = await host.acquireWriteLock();
    try {
      const { store, articles, passages, ms } = await rebuildIndex(host, config, embedder, onProgress);
      store.close();
      return { articles, passages, ms, model: embedder.modelId, dimension: embedder.dimension };
    } finally {
      release();
    }
  } finally {
    host.close();
  }
}
