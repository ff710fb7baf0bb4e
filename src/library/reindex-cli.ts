import type { Config } from "../config.js";
import { createEmbedder, embedderOptions, type Embedder } from "../embed/embedder.js";
import type { ReindexProgress } from "../types.js";
import { storageFault } from "../store/faults.js";
import { openIndexHost } from "../store/open-host.js";
import type { IndexHost } from "../store/search-index.js";
import { rebuildIndex } from "./library.js";

/**
 * `library reindex` from the command line: works even when the live index was built by another
 * model (which `Library.open` refuses), since that is exactly when a rebuild is needed. Holds the library's
 * write lock like every other write (the index folder's lock file, or the database's lease row), so an add or
 * remove by another process during the rebuild is refused clearly ("another process is changing this index")
 * instead of being lost at the switch.
 */
export async function reindexWithModel(config: Config, onProgress?: (p: ReindexProgress) => void, deps: { embedder?: Embedder } = {}) {
  const embedder = deps.embedder ?? (await createEmbedder(embedderOptions(config)));
  let host: IndexHost | undefined;
  try {
    host = openIndexHost(config);
    const release = await host.acquireWriteLock();
    try {
      const { store, articles, passages, ms } = await rebuildIndex(host, config, embedder, onProgress);
      store.close();
      return { articles, passages, ms, model: embedder.modelId, dimension: embedder.dimension };
    } finally {
      release();
    }
  } catch (error) {
    throw (host ? host.storageFault(error) : storageFault(error, config.indexDir)) ?? error;
  } finally {
    host?.close();
  }
}
