import type { Config } from "../config.js";
import { FolderHost } from "./folder-host.js";
import { PostgresHost } from "./postgres/host.js";
import type { IndexHost } from "./search-index.js";

/** The configured home of the library: PostgreSQL when DATABASE_URL is set, else the index folder. */
export function openIndexHost(config: Pick<Config, "indexDir" | "databaseUrl">): IndexHost {
  return config.databaseUrl ? PostgresHost.connect(config.databaseUrl) : new FolderHost(config.indexDir);
}
