import type { Config } from "../config.js";
import { FolderHost } from "./folder-host.js";
import type { IndexHost } from "./search-index.js";

/** The configured home of the library: the index folder. */
export function openIndexHost(config: Pick<Config, "indexDir">): IndexHost {
  return new FolderHost(config.indexDir);
}
