// Storage faults (a full disk, no permission, a damaged file) as one clear UserError instead of a stack trace.
import { UserError } from "../types.js";

const FULL = new Set(["SQLITE_FULL", "ENOSPC", "EDQUOT"]);
const READ_ONLY = new Set(["EACCES", "EPERM", "EROFS"]);
const CORRUPT = new Set(["SQLITE_CORRUPT", "SQLITE_NOTADB", "SQLITE_CORRUPT_VTAB", "SQLITE_CORRUPT_SEQUENCE", "SQLITE_CORRUPT_INDEX"]);

/**
 * The UserError for a storage fault in the index folder `dir` (what went wrong, that nothing was changed, what
 * to do), or null when `error` is something else. SQLite rolls a failed transaction back, and generations switch
 * by one rename, so a fault mid-write leaves the index as it was.
 */
export function storageFault(error: unknown, dir?: string): UserError | null {
  const index = dir ? `the index ${dir}` : "the index";
  if (error instanceof UserError || typeof error !== "object" || error === null) return null;
  const code = String((error as { code?: unknown }).code ?? "");
  const detail = `${code}: ${(error as Error).message}`.replace(/\s+/g, " ").slice(0, 160);
  if (FULL.has(code)) {
    return new UserError(`The disk holding ${index} is full (${detail}). Nothing was changed; free some space and try again.`, "disk_full");
  }
  if (READ_ONLY.has(code) || code.startsWith("SQLITE_READONLY") || code === "SQLITE_PERM" || code.startsWith("SQLITE_CANTOPEN")) {
    return new UserError(
      `No permission to write ${index} (${detail}). Nothing was changed; questions, stats and list still work. Run this as the folder's owner, or fix its permissions.`,
      "read_only",
    );
  }
  if (CORRUPT.has(code)) {
    return new UserError(
      `${cap(index)} is damaged (${detail}). Rebuild it: move the folder away and run npm run index (the reports are in the data folder).`,
      "index_corrupt",
    );
  }
  if (code.startsWith("SQLITE_IOERR") || code === "EIO") {
    return new UserError(`${cap(index)} could not be read or written (${detail}). Check the disk, then try again.`, "io_error");
  }
  return null;
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
