// The ingest stage's public API: files (data folder, uploads) and URLs → ArticleInput.
import { lstat, readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { UserError, type ArticleInput, type OriginKind } from "../types.js";
import { decodeUpload, detectFormat, DEFAULT_MAX_UPLOAD_BYTES, type ArticleFormat } from "./decode.js";
import { jsonErrorWhere, readHtml, readJson, readJsonl, readMarkdown, readTxt, type Reader } from "./readers.js";

export { cleanArticle, cleanArticleText, CLEAN_RULES, type CleanResult, type CleanRuleName } from "./clean.js";
export { decodeUpload, detectFormat, SUPPORTED_EXTENSIONS, type ArticleFormat } from "./decode.js";
export { fetchArticle, readFetchedPage, type FetchedPage, type FetchOptions } from "./fetch-url.js";
export { createOffThreadReader, type OffThreadReader, type OffThreadOptions } from "./off-thread.js";
export { normalizeDate, deriveTitle, canonicalizeUrl, articleId } from "./metadata.js";
export { readHtml, readJson, readJsonl, readMarkdown, readTxt, markdownToText, type ReadContext, type Reader } from "./readers.js";
export { findPlaces, inferPlace } from "../text/places.js";

const READERS: Record<ArticleFormat, Reader> = {
  txt: readTxt,
  md: readMarkdown,
  json: readJson,
  jsonl: readJsonl,
  html: readHtml,
};

export interface ParseFileOptions {
  originKind: OriginKind;
  /** origin.ref (default: the file name). */
  ref?: string;
  /** For .txt: the sidecar metadata object. */
  sidecar?: unknown;
  /** Name of the sidecar file, for error messages. */
  sidecarName?: string;
  /** Size cap (default 20 MB). */
  maxBytes?: number;
}

/** Control and format characters (newlines, bidi overrides such as U+202E, zero-width marks). */
const CONTROL_CHARS = /[\p{Cc}\p{Cf}]/u;

/** Decodes and reads one file (upload or data-folder file) into its articles. Bad input → UserError. */
export function parseArticleFile(fileName: string, bytes: Uint8Array, opts: ParseFileOptions): ArticleInput[] {
  if (opts.originKind === "data" && CONTROL_CHARS.test(path.basename(fileName))) {
    // A data file's name becomes the article's id, shown one per line by `list`.
    throw new UserError(
      `The file name ${JSON.stringify(path.basename(fileName))} contains a line break or another control character; rename the file (its name becomes the report's id).`,
      "bad_file_name",
    );
  }
  const text = decodeUpload(fileName, bytes, opts.maxBytes ?? DEFAULT_MAX_UPLOAD_BYTES);
  const format = detectFormat(fileName, text);
  return READERS[format](fileName, text, {
    originKind: opts.originKind,
    ref: opts.ref ?? fileName,
    sidecar: opts.sidecar,
    sidecarName: opts.sidecarName,
  });
}

export interface DataDirResult {
  articles: ArticleInput[];
  /** Files that could not be read, with the reason (without the file name in front); the caller reports them. */
  problems: { file: string; message: string }[];
}

/** Data-folder files may be larger than uploads (a JSON collection). */
const DATA_FILE_MAX_BYTES = 100 * 1024 * 1024;

const symlinkRefusal = (name: string) =>
  `${name} is a symbolic link; links are not followed (they can point anywhere on this machine). Give the file itself.`;

async function listFiles(dir: string, links: string[], rel = ""): Promise<string[]> {
  const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const r = path.join(rel, e.name);
    if (e.isSymbolicLink()) links.push(r);
    else if (e.isDirectory()) out.push(...(await listFiles(dir, links, r)));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

/**
 * Reads the `.json` sidecar of a `.txt` file (`name` is how messages call it). Broken JSON is a UserError that
 * names the sidecar, the line and the column. A data folder and `library add x.txt` both read sidecars here.
 */
export async function readSidecarFile(file: string, name = path.basename(file)): Promise<unknown> {
  const raw = (await readFile(file, "utf8")).replace(/^\ufeff/, "");
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new UserError(`${name}: the sidecar is not valid JSON (${jsonErrorWhere(raw, err)}). Fix it, or remove it to read the text without its metadata.`, "bad_sidecar");
  }
}

/**
 * Reads one article file given by path (`library add FILE`), with its `.json` sidecar when it is a `.txt`.
 * Refuses symbolic links, as a data folder skips them; a broken sidecar refuses the file.
 */
export async function readArticlePath(
  file: string,
  opts: { maxBytes?: number; parse?: (fileName: string, bytes: Uint8Array, options: ParseFileOptions) => Promise<ArticleInput[]> | ArticleInput[] } = {},
): Promise<ArticleInput[]> {
  const name = path.basename(file);
  if ((await lstat(file)).isSymbolicLink()) throw new UserError(symlinkRefusal(file), "symlink");
  let sidecar: unknown;
  const sidecarPath = file.replace(/\.txt$/i, ".json");
  if (sidecarPath !== file) {
    const st = await lstat(sidecarPath).catch(() => null);
    if (st?.isSymbolicLink()) throw new UserError(symlinkRefusal(sidecarPath), "symlink");
    if (st?.isFile()) sidecar = await readSidecarFile(sidecarPath);
  }
  const bytes = await readFile(file);
  return (opts.parse ?? parseArticleFile)(name, bytes, { originKind: "data", ref: path.resolve(file), sidecar, sidecarName: path.basename(sidecarPath), maxBytes: opts.maxBytes });
}

/**
 * Reads every article file under `dir` (recursively). `x.txt` takes its metadata from a sibling `x.json`
 * sidecar (which is then not an article itself). README*, dotfiles and unknown extensions are ignored.
 * A file that cannot be read goes to `problems`; the others are still read.
 */
export async function readDataDir(dir: string): Promise<DataDirResult> {
  const st = await stat(dir).catch(() => null);
  if (!st) {
    throw new UserError(
      `data folder ${dir} does not exist. Point the bot at the folder with the article files: --data DIR on the command line, or DATA_DIR in .env.`,
      "no_data_dir",
    );
  }
  if (!st.isDirectory()) {
    throw new UserError(`data folder ${dir} is a file, not a folder. Give --data DIR (or DATA_DIR) the folder that holds the article files.`, "no_data_dir");
  }
  const links: string[] = [];
  const files = await listFiles(dir, links);
  const fileSet = new Set(files);
  const articles: ArticleInput[] = [];
  const problems: DataDirResult["problems"] = links.map((file) => ({ file, message: "is a symbolic link; links are not followed. Put the file itself in the folder." }));
  const idOwner = new Map<string, string>();

  for (const rel of files) {
    const base = path.basename(rel);
    const ext = path.extname(rel).toLowerCase();
    if (/^readme/i.test(base)) continue;
    if (!(ext in { ".txt": 1, ".md": 1, ".markdown": 1, ".json": 1, ".jsonl": 1, ".html": 1, ".htm": 1 })) continue;
    const stemPath = rel.slice(0, rel.length - ext.length);
    if (ext === ".json" && fileSet.has(`${stemPath}.txt`)) continue; // the sidecar of a .txt

    const full = path.join(dir, rel);
    try {
      let sidecar: unknown;
      const sidecarRel = `${stemPath}.json`;
      if (ext === ".txt" && fileSet.has(sidecarRel)) {
        try {
          sidecar = await readSidecarFile(path.join(dir, sidecarRel), sidecarRel);
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          // The text is still read (metadata inferred); the broken sidecar is reported.
          problems.push({ file: sidecarRel, message: `${err.message.slice(sidecarRel.length + 2)} ${rel} was read without it.` });
        }
      }
      const bytes = await readFile(full);
      const found = parseArticleFile(rel, bytes, {
        originKind: "data",
        ref: full,
        sidecar,
        sidecarName: sidecarRel,
        maxBytes: DATA_FILE_MAX_BYTES,
      });
      for (const a of found) {
        const owner = idOwner.get(a.id);
        if (owner) {
          problems.push({ file: rel, message: `its id "${a.id}" is already used by ${owner}; rename one of the files.` });
          continue;
        }
        idOwner.set(a.id, rel);
        articles.push(a);
      }
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      // The caller prints "file: message"; don't say the file name twice.
      problems.push({ file: rel, message: msg.startsWith(`${rel}: `) ? msg.slice(rel.length + 2) : msg });
    }
  }
  return { articles, problems };
}
