// Turning uploaded bytes into text, refusing what is not a text article: too large, binary, not UTF-8,
// empty, or of a type we cannot read.
import path from "node:path";
import { UserError } from "../types.js";

export type ArticleFormat = "txt" | "md" | "json" | "jsonl" | "html";

/** Supported extensions and the reader each maps to. */
export const SUPPORTED_EXTENSIONS: Readonly<Record<string, ArticleFormat>> = {
  ".txt": "txt",
  ".text": "txt",
  ".md": "md",
  ".markdown": "md",
  ".json": "json",
  ".jsonl": "jsonl",
  ".ndjson": "jsonl",
  ".html": "html",
  ".htm": "html",
};

const SEND_INSTEAD = "Send the article as .txt, .md, .json or .html (or send its link).";

export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

const MAGIC: { kind: string; bytes: number[]; offset?: number }[] = [
  { kind: "a PDF", bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { kind: "a ZIP archive (or a .docx/.xlsx/.odt document)", bytes: [0x50, 0x4b, 0x03, 0x04] },
  { kind: "a ZIP archive (or a .docx/.xlsx/.odt document)", bytes: [0x50, 0x4b, 0x05, 0x06] },
  { kind: "a PNG image", bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { kind: "a JPEG image", bytes: [0xff, 0xd8, 0xff] },
  { kind: "a GIF image", bytes: [0x47, 0x49, 0x46, 0x38] }, // GIF8
  { kind: "a WebP image", bytes: [0x57, 0x45, 0x42, 0x50], offset: 8 },
  { kind: "an old Word/Excel document", bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { kind: "a gzip archive", bytes: [0x1f, 0x8b] },
  { kind: "a RAR archive", bytes: [0x52, 0x61, 0x72, 0x21] },
  { kind: "a 7-Zip archive", bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
];

/** What binary kind the bytes look like ("a PDF", "a PNG image"…), or null for text. */
export function sniffBinary(bytes: Uint8Array): string | null {
  for (const m of MAGIC) {
    const off = m.offset ?? 0;
    if (bytes.length >= off + m.bytes.length && m.bytes.every((b, i) => bytes[off + i] === b)) return m.kind;
  }
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return "a binary file";
  return null;
}

/** Type by content: an HTML page or a JSON document; null when it is neither. */
export function sniffTextFormat(text: string): ArticleFormat | null {
  const t = text.trimStart().slice(0, 2000);
  if (/^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(t) || (/^<(?:!--|meta|title|article|div|p)[\s>]/i.test(t) && /<\/(?:p|div|article|body|title)>/i.test(text))) {
    return "html";
  }
  if (/^[[{]/.test(t)) {
    try {
      JSON.parse(text);
      return "json";
    } catch {
      const lines = text.split(/\r?\n/).filter((l) => l.trim());
      if (lines.length > 1 && lines.every((l) => /^\s*\{.*\}\s*$/.test(l))) return "jsonl";
    }
  }
  return null;
}

/**
 * Decides the reader for a file: by extension when it is a supported one, else by content (HTML or JSON);
 * a file without an extension that is neither is read as plain text. Unknown extensions otherwise → UserError.
 */
export function detectFormat(fileName: string, text: string): ArticleFormat {
  const ext = path.extname(fileName).toLowerCase();
  const byExt = SUPPORTED_EXTENSIONS[ext];
  if (byExt) return byExt;
  const byContent = sniffTextFormat(text);
  if (byContent) return byContent;
  if (!ext) return "txt";
  throw new UserError(`${fileName}: files of type ${ext} are not supported. ${SEND_INSTEAD}`, "unsupported_type");
}

/**
 * Decodes an uploaded file to text: size cap, binary refusal, strict UTF-8, BOM stripped, non-empty, and a
 * readable type (by extension, or by content when the extension is missing or unknown).
 */
export function decodeUpload(fileName: string, bytes: Uint8Array, maxBytes: number = DEFAULT_MAX_UPLOAD_BYTES): string {
  if (bytes.length > maxBytes) {
    throw new UserError(
      `${fileName} is ${formatBytes(bytes.length)}; the limit is ${formatBytes(maxBytes)}. Send a smaller file (one article, or split the collection).`,
      "too_large",
    );
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new UserError(`${fileName} is encoded as UTF-16. Re-save it as UTF-8 (in most editors: Save As → Encoding: UTF-8) and send it again.`, "not_utf8");
  }
  const binary = sniffBinary(bytes);
  if (binary) {
    throw new UserError(`${fileName} looks like ${binary}, not a text article. ${SEND_INSTEAD}`, "binary");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new UserError(
      `${fileName} is not UTF-8 text (it may be Latin-1 or Windows-1258). Re-save it as UTF-8 (Save As → Encoding: UTF-8) and send it again.`,
      "not_utf8",
    );
  }
  // TextDecoder drops a leading BOM by default (ignoreBOM: false); strip any that remains to be safe.
  text = text.replace(/^\ufeff/, "");
  if (!text.trim()) throw new UserError(`${fileName} is empty. Send a file with the article's text.`, "empty");
  detectFormat(fileName, text); // throws for unsupported types
  return text;
}
