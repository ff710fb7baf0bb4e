// Article metadata helpers: free-text dates → ISO, titles derived from text, canonical URLs, ids.
import { createHash } from "node:crypto";
import path from "node:path";
import type { OriginKind } from "../types.js";
import { isDateline, splitParagraphs } from "./clean.js";

const MONTH_NAMES = [
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
];
const MONTH_RE = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

function monthIndex(name: string): number {
  const n = name.toLowerCase().slice(0, 3);
  return MONTH_NAMES.findIndex((m) => m.startsWith(n)) + 1;
}

const pad = (n: number) => String(n).padStart(2, "0");

function ymd(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const ym = (y: number, m: number): string | null => (y >= 1900 && y <= 2100 && m >= 1 && m <= 12 ? `${y}-${pad(m)}` : null);

/**
 * Normalises a date as sources write it to ISO: "YYYY-MM-DD", or "YYYY-MM" / "YYYY" when only that is known.
 * Accepts "2023-12-28", "2023-12-28T08:00:00+07:00", "28/12/2023", "28-12-2023" (day first, the Vietnamese
 * order), "December 28, 2023", "28 December 2023", "January 17 (2024)", "(March 2023)", "2024", Date objects.
 * Returns null when no year is given ("November 29") or the date is only a bound ("after February 14, 2025"):
 * a year is never invented.
 */
export function normalizeDate(input: unknown): string | null {
  if (input instanceof Date) {
    return Number.isNaN(input.getTime()) ? null : input.toISOString().slice(0, 10);
  }
  if (typeof input === "number" && Number.isInteger(input)) return input >= 1900 && input <= 2100 ? String(input) : null;
  if (typeof input !== "string") return null;
  const s = input.replace(/[()[\]]/g, " ").replace(/\s+/g, " ").trim();
  if (!s) return null;
  if (/\b(?:after|before|circa|about|around|approx)\b/i.test(s) || /^[~<>≈]/.test(s)) return null;

  let m = /(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)/.exec(s); // 2023-12-28, 2023/12/28
  if (m) return ymd(+m[1]!, +m[2]!, +m[3]!);
  m = /(?<!\d)(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})(?!\d)/.exec(s); // 28/12/2023
  if (m) {
    const a = +m[1]!, b = +m[2]!, y = +m[3]!;
    // Day first, as Vietnamese outlets write it; month first only when the second number cannot be a month.
    return b > 12 && a <= 12 ? ymd(y, a, b) : ymd(y, b, a);
  }
  m = new RegExp(`\\b${MONTH_RE}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, "i").exec(s); // December 28, 2023
  if (m) return ymd(+m[3]!, monthIndex(m[1]!), +m[2]!);
  m = new RegExp(`(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_RE}\\.?,?\\s+(\\d{4})(?!\\d)`, "i").exec(s); // 28 December 2023
  if (m) return ymd(+m[3]!, monthIndex(m[2]!), +m[1]!);
  m = new RegExp(`\\b${MONTH_RE}\\.?,?\\s+(\\d{4})(?!\\d)`, "i").exec(s); // March 2023
  if (m) return ym(+m[2]!, monthIndex(m[1]!));
  m = /^(\d{4})-(\d{1,2})$/.exec(s); // 2023-12
  if (m) return ym(+m[1]!, +m[2]!);
  m = /^(?:year\s+)?(\d{4})$/i.exec(s); // 2024
  if (m) return +m[1]! >= 1900 && +m[1]! <= 2100 ? m[1]! : null;
  return null;
}

/** The date of a page-stamp line near the top of the text ("Việt NamViệt Nam28/12/2023", "Published on 07 - 08 - 2020"). */
export function inferDateFromText(raw: string): string | null {
  for (const line of splitParagraphs(raw).slice(0, 8)) {
    if (isDateline(line)) {
      const d = normalizeDate(line.replace(/vi[eệ]t ?nam/gi, " "));
      if (d) return d;
    }
  }
  return null;
}

const ABBREV = /(?:^|\s)(?:Mr|Mrs|Ms|Dr|No|Nos|St|Dept|Gen|Col|Lt|Prof|Assoc|Vol|Art|Sr|Jr|Co|Ltd|Inc|etc|vs|[A-Z])\.$/;

/** The first sentence of a paragraph (abbreviations like "No." and "Mr." do not end it). */
export function firstSentence(paragraph: string): string {
  const re = /[.!?](?=\s+["“(]?\p{Lu})/gu;
  for (let m = re.exec(paragraph); m; m = re.exec(paragraph)) {
    const upto = paragraph.slice(0, m.index + 1);
    if (!ABBREV.test(upto)) return upto;
  }
  return paragraph;
}

const LEADING_WHEN = new RegExp(
  String.raw`^(?:on|in)\s+(?:the\s+(?:early\s+)?(?:morning|afternoon|evening|night)\s+of\s+)?(?:\p{L}+day,?\s+)?` +
    String.raw`(?:${MONTH_RE}\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th)?\s+${MONTH_RE})(?:,?\s+\d{4})?,\s+`,
  "iu",
);

/** Shortens to at most `max` characters at a word boundary, ending with "…" when cut. */
export function shorten(text: string, max = 90): string {
  const t = text.trim();
  if (t.length <= max) return t;
  const cut = t.slice(0, max - 1);
  const at = cut.lastIndexOf(" ");
  const base = (at > max * 0.5 ? cut.slice(0, at) : cut).replace(/[\s,;:–—-]+$/u, "");
  return `${base}…`;
}

/** A title derived from the text: its first sentence, without a leading "On the morning of December 29,", ≤ 90 chars. */
export function deriveTitle(text: string): string {
  const first = text.split(/\n\s*\n/).find((p) => p.trim()) ?? "";
  let s = firstSentence(first.trim());
  const rest = s.replace(LEADING_WHEN, "");
  if (rest !== s && rest.length >= 30) s = rest.charAt(0).toUpperCase() + rest.slice(1);
  s = s.replace(/[.。]+$/u, "").trim();
  return shorten(s, 90) || "Untitled article";
}

/** True for a line that reads as a headline: short, several words, capitalised, no closing period. */
export function looksLikeHeadline(line: string): boolean {
  const t = line.trim();
  if (t.length < 15 || t.length > 150) return false;
  const words = t.split(/\s+/);
  if (words.length < 3 || words.length > 25) return false;
  if (/[.!?;,:…]$/.test(t) || t.includes("|") || !/^[\p{Lu}\d"“‘']/u.test(t)) return false;
  if (isDateline(t)) return false;
  return true;
}

/** Canonical form of a web address for ids and comparison: lower-case host, no fragment, no tracking parameters. */
export function canonicalizeUrl(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  u.hash = "";
  for (const k of [...u.searchParams.keys()]) {
    if (/^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid)$/i.test(k)) u.searchParams.delete(k);
  }
  return u.href;
}

/** The outlet as a host name ("www.vietnam.vn" → "vietnam.vn"). */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./i, "") || null;
  } catch {
    return null;
  }
}

const sha12 = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 12);

/**
 * Stable article id: the file stem for data-folder files, else "url-<sha256(canonical url)[:12]>" when a URL
 * is known, else "doc-<sha256(text)[:12]>".
 */
export function articleId(args: { originKind: OriginKind; fileName?: string; url?: string | null; text: string; index?: number; count?: number }): string {
  if (args.originKind === "data" && args.fileName) {
    const stem = path.basename(args.fileName).replace(/\.[^.]+$/, "");
    return args.count && args.count > 1 ? `${stem}-${(args.index ?? 0) + 1}` : stem;
  }
  const canon = args.url ? canonicalizeUrl(args.url) : null;
  if (canon) return `url-${sha12(canon)}`;
  return `doc-${sha12(args.text)}`;
}
