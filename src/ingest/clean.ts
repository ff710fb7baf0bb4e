// Boilerplate cleaning: raw article text (as copied from a news page) → paragraphs separated by "\n\n",
// with page furniture removed. Every rule is a pattern for a *kind* of furniture; none names a particular
// site's strings. The guiding principle: losing a fact is worse than keeping a caption, so rules that
// remove prose only act on exact repeats, on the tail after an end-of-article marker, or on short lines
// that match a furniture shape.
import { fold } from "../text/fold.js";

/** The names of the cleaning rules, as reported in `CleanResult.removed`. */
export const CLEAN_RULES = {
  /** Site banner / tagline at the top ("example.vn - The site's slogan"), language switchers, state motto lines. */
  siteHeader: "site-header",
  /** A line that is only a date/time stamp ("Việt NamViệt Nam28/12/2023", "Tuesday - 19/07/2011 23:19"). */
  dateline: "dateline",
  /** Embedded media placeholders: "Video: clip_name.mp4?_t=", a bare "A2.jpg". */
  mediaEmbed: "media-embed",
  /** Everything from an end-of-article marker ("Comment (0)", "Same tag", "Related news", "Other Stories") on:
   *  comment prompts, tag lists, site navigation words and teaser headlines of other articles. */
  tailBlock: "tail-block",
  /** Credit lines "Source", "Source: outlet.vn", "Source: https://…" (and a trailing "Source: VNA" at the very end). */
  sourceCredit: "source-credit",
  /** Bylines at the end: "News: X", "Photo: Y", "By X – Translated by Y", an all-caps "NAME-NAME", a bare "First Last". */
  byline: "byline",
  /** A trailing run of one-to-three-word navigation labels ("Heritage", "News", "Political System"). */
  navigation: "navigation",
  /** A leading paragraph that only repeats the article's title (or its headline line). */
  titleRepeat: "title-repeat",
  /** A short line (photo caption) that repeats an earlier one exactly: the first occurrence is kept. */
  repeatedCaption: "repeated-caption",
  /** A longer paragraph repeated exactly: the first occurrence is kept. */
  duplicateParagraph: "duplicate-paragraph",
  /** A paragraph whose whole text already appears inside an earlier paragraph (no fact is lost). */
  containedParagraph: "contained-paragraph",
} as const;

export type CleanRuleName = (typeof CLEAN_RULES)[keyof typeof CLEAN_RULES];

export interface CleanResult {
  text: string;
  /** What was removed, by which rule, in order. */
  removed: { rule: CleanRuleName; text: string }[];
}

export interface CleanOptions {
  /** The article's title, so a leading paragraph repeating it can be dropped. */
  title?: string | null;
}

/** Short-caption threshold used by the repeat rules. */
const CAPTION_MAX_CHARS = 160;

/** Normalises whitespace inside a line: NBSP and other spaces to " ", zero-width characters dropped. */
export function normalizeLine(line: string): string {
  return line
    .normalize("NFC")
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "")
    .replace(/[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g, " ")
    .trim();
}

/** Comparison key: folded, punctuation-insensitive. */
function key(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const TERMINAL = /[.!?:;…"”’)\]]$/;

/**
 * Splits raw text into paragraphs. Blank lines and single line breaks both separate paragraphs (news text
 * copied from pages has one paragraph per line), except that a hard-wrapped line (no closing punctuation,
 * next line starting in lowercase) is joined with the next.
 */
export function splitParagraphs(raw: string): string[] {
  const lines = raw.replace(/\r\n?/g, "\n").split("\n").map(normalizeLine);
  const paras: string[] = [];
  let cur: string | null = null;
  for (const line of lines) {
    if (!line) {
      if (cur !== null) paras.push(cur);
      cur = null;
      continue;
    }
    if (cur !== null && cur.length >= 40 && !TERMINAL.test(cur) && /^\p{Ll}/u.test(line)) {
      cur = `${cur} ${line}`;
      continue;
    }
    if (cur !== null) paras.push(cur);
    cur = line;
  }
  if (cur !== null) paras.push(cur);
  return paras;
}

// ---------------------------------------------------------------------------------------------------------
// Line shapes

const SITE_BANNER = /^[\p{L}\d-]+(?:\.[\p{L}\d-]+)+\s+[-–—|:]\s+\S.{0,80}$/u; // "Example.vn - Slogan"
const FOLLOW_PROMPT = /^follow\s+.{1,60}\s+on$/i; // "Follow X Newspaper on"
const STATE_MOTTO = /^(?:doc lap\s*-\s*tu do\s*-\s*hanh phuc|cong hoa xa hoi chu nghia viet nam)$/;

function isLanguageSwitcher(line: string): boolean {
  const parts = line.split("|").map((s) => s.trim());
  return parts.length >= 3 && parts.every((p) => p.length <= 20 && !/[.,;]/.test(p));
}

const MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
const WEEKDAYS = "monday|tuesday|wednesday|thursday|friday|saturday|sunday|thu hai|thu ba|thu tu|thu nam|thu sau|thu bay|chu nhat";
const DATE_BITS = new RegExp(
  [
    String.raw`(?<!\d)\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}(?!\d)`, // 28/12/2023, 07 - 08 - 2020
    String.raw`(?<!\d)\d{4}-\d{2}-\d{2}(?:t[\d:.]+z?)?(?!\d)`, // 2023-12-28
    String.raw`\b(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}(?!\d)`, // April 26, 2013
    String.raw`(?<!\d)\d{1,2}\s+(?:${MONTHS})\.?,?\s+\d{4}(?!\d)`, // 26 April 2013
    String.raw`(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]m)?(?!\d)`, // 10:24
    String.raw`\b(?:gmt|utc)\s*[+-]?\s*\d{0,2}`,
    String.raw`\b(?:${WEEKDAYS})\b`,
    String.raw`\b(?:published|posted|updated?|last updated|date)\b\s*(?:on|at)?\s*:?`,
    String.raw`\bdnum_[a-z]+\b`, // unexpanded date placeholders left by some CMSs
    String.raw`viet ?nam`, // "Việt NamViệt Nam28/12/2023"
  ].join("|"),
  "g",
);
const HAS_FULL_DATE = /\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{4}-\d{2}-\d{2}|\b\d{4}\b|dnum_/;

/** A short line made only of a date, time, weekday and a site/country label. */
export function isDateline(line: string): boolean {
  if (line.length > 70) return false;
  const f = fold(line);
  if (!HAS_FULL_DATE.test(f)) return false;
  const rest = f.replace(DATE_BITS, " ").replace(/[^\p{L}\p{N}]+/gu, "");
  // Only digits may remain (view / comment counters printed next to the stamp).
  return /^\d*$/.test(rest);
}

const MEDIA_EXT = "mp4|m4v|mov|webm|m3u8|avi|mkv|mp3|jpe?g|png|gif|webp";
const MEDIA_LINE = new RegExp(`^(?:(?:video|audio|clip|image|photo)\\s*:\\s*)?\\S+\\.(?:${MEDIA_EXT})(?:\\?\\S*)?$`, "i");

const TAIL_MARKER = new RegExp(
  "^(?:" +
    [
      "comments?\\s*\\(\\d+\\)",
      "please leave a comment.*",
      "leave a comment",
      "same (?:tag|category|author|topic|section)s?",
      "related (?:news|articles?|posts?|stories)",
      "other (?:stories|news|articles)",
      "more (?:stories|news)",
      "read (?:more|next)",
      "see (?:more|also)",
      "you may (?:also )?be interested(?: in)?",
      "most (?:read|viewed|popular)",
      "latest news",
      "tags?",
      "share(?: this(?: article)?)?",
      "back to top",
      "quay len tren",
      "tin lien quan",
      "binh luan(?: \\(\\d+\\))?",
    ].join("|") +
    ")\\s*:?$",
);

function isTailMarker(line: string): boolean {
  return line.length <= 60 && TAIL_MARKER.test(fold(line).replace(/\s+/g, " ").trim());
}

/** "Source", "Source: outlet.vn", "Source: https://…", "Source: VNA", "NTSource: https://…" (initials glued on). */
const SOURCE_LINE = /^\(?(?:\p{Lu}{1,4})?Source\s*(?::\s*(.*?))?\)?\.?$/u;

function isSourceLine(line: string): boolean {
  const m = SOURCE_LINE.exec(line);
  if (!m) return false;
  const rest = (m[1] ?? "").trim();
  if (!rest) return true;
  if (/^(?:https?:\/\/)?[\w.-]+\.[a-z]{2,}(?:[/?#]\S*)?$/i.test(rest)) return true;
  return rest.split(/\s+/).length <= 5 && !/[.!?]$/.test(rest);
}

const BYLINE_LABEL =
  /^(?:news|text|photo|photos|video|clip|text and photos?|photo and text|reported by|written by|by|translated by|author|reporter|reporters|according to|theo)\s*[:\-–]?\s+\S/i;

function isByline(line: string): boolean {
  if (line.length > 90 || /\d/.test(line)) return false;
  const words = line.split(/\s+/);
  if (BYLINE_LABEL.test(line)) return words.length <= 12 && !/[.!?]$/.test(line) && !/,\s/.test(line);
  // ALL-CAPS names or desk credits: "HOANG BIEN-THANH CHUNG", "TEAM OF REPORTERS"
  if (/^[\p{Lu}][\p{Lu}\s\-–.'&/]*$/u.test(line) && words.length <= 6 && /\p{Lu}{2}/u.test(line)) return true;
  // A bare person name on its own line: "Nguyen Hang"
  return /^\p{Lu}\p{Ll}+(?:[\s-]\p{Lu}\p{Ll}+){1,3}$/u.test(line);
}

function isNavLabel(line: string): boolean {
  return line.length <= 30 && /^\p{Lu}[\p{L}&'’ -]*$/u.test(line) && line.split(/\s+/).length <= 3;
}

// ---------------------------------------------------------------------------------------------------------

/** A paragraph key at least this long is dropped when an earlier, longer paragraph contains it. */
const CONTAINED_MIN_CHARS = 60;
/** Window length and stride of the containment index: STRIDE - 1 + WINDOW must not exceed CONTAINED_MIN_CHARS. */
const WINDOW = 40;
const STRIDE = 20;
/** Earlier paragraphs remembered per window (the most recent ones): bounds the work on repetitive input. */
const PER_WINDOW = 16;

/**
 * Finds whether a paragraph key is contained in an earlier, longer one without comparing it with every earlier
 * paragraph (which made cleaning grow with the square of the paragraph count: 40,000 paragraphs took 34 s).
 * Each earlier key is indexed by its WINDOW-character slices at every STRIDE-th offset. If `k` occurs in `prev`
 * at offset p, some multiple of STRIDE lies in [p, p + STRIDE - 1], and the window of `prev` there is the window
 * of `k` at an offset below STRIDE, which fits inside `k` since STRIDE - 1 + WINDOW ≤ CONTAINED_MIN_CHARS. So
 * looking up k's first STRIDE windows finds every candidate; each is then checked with `includes`.
 */
export class ContainmentIndex {
  private readonly keys: string[] = [];
  private readonly byWindow = new Map<string, number[]>();
  /** Substring checks made so far: the work, which must grow with the paragraph count, not its square. */
  comparisons = 0;

  add(k: string): void {
    const at = this.keys.push(k) - 1;
    if (k.length <= CONTAINED_MIN_CHARS) return; // only longer keys can contain a key of that length
    for (let i = 0; i + WINDOW <= k.length; i += STRIDE) {
      const w = k.slice(i, i + WINDOW);
      const list = this.byWindow.get(w);
      if (!list) this.byWindow.set(w, [at]);
      else if (list.at(-1) !== at) {
        list.push(at);
        if (list.length > PER_WINDOW) list.shift();
      }
    }
  }

  containedInEarlier(k: string): boolean {
    const checked = new Set<number>();
    for (let offset = 0; offset < STRIDE && offset + WINDOW <= k.length; offset++) {
      for (const at of this.byWindow.get(k.slice(offset, offset + WINDOW)) ?? []) {
        if (checked.has(at)) continue;
        checked.add(at);
        this.comparisons++;
        const prev = this.keys[at]!;
        if (prev.length > k.length && prev.includes(k)) return true;
      }
    }
    return false;
  }
}

/** Cleans raw article text and reports what each rule removed. */
export function cleanArticle(raw: string, opts: CleanOptions = {}): CleanResult {
  const removed: CleanResult["removed"] = [];
  const drop = (rule: CleanRuleName, text: string) => removed.push({ rule, text });
  const all = splitParagraphs(raw);
  let paras = all;

  // Per-line furniture.
  paras = paras.filter((p, i) => {
    if (i < 6 && (SITE_BANNER.test(p) || FOLLOW_PROMPT.test(p) || STATE_MOTTO.test(fold(p)) || isLanguageSwitcher(p))) {
      drop(CLEAN_RULES.siteHeader, p);
      return false;
    }
    if (isDateline(p)) {
      drop(CLEAN_RULES.dateline, p);
      return false;
    }
    if (MEDIA_LINE.test(p)) {
      drop(CLEAN_RULES.mediaEmbed, p);
      return false;
    }
    return true;
  });
  // Unexpanded date placeholders inside a line ("Reporter name DNUM_BCZAHZCACD 09:28").
  paras = paras.map((p) => p.replace(/\s*\bDNUM_[A-Z]+\b(?:\s+\d{1,2}:\d{2})?/g, "").trim()).filter(Boolean);

  // The tail after an end-of-article marker (never the first paragraph).
  const markerAt = paras.findIndex((p, i) => i > 0 && isTailMarker(p));
  if (markerAt > 0) {
    for (const p of paras.slice(markerAt)) drop(CLEAN_RULES.tailBlock, p);
    paras = paras.slice(0, markerAt);
  }

  // Trailing credits, bylines and navigation labels, peeled from the end.
  // (Peeled in place with pop(): slicing a copy per line made a long run of credits quadratic.)
  paras = [...paras];
  let navRun: string[] = [];
  for (;;) {
    const last = paras[paras.length - 1];
    if (last === undefined || paras.length <= 1) break;
    const nav = isNavLabel(last) && navRun.length < 12;
    if (nav && navRun.length) {
      // inside a run of navigation labels, "Political System" is a label, not a person's name
      navRun.push(last);
      paras.pop();
      continue;
    }
    if (isSourceLine(last)) drop(CLEAN_RULES.sourceCredit, last);
    else if (isByline(last)) drop(CLEAN_RULES.byline, last);
    else if (nav) {
      navRun.push(last);
      paras.pop();
      continue;
    } else break;
    paras.pop();
  }
  // A run of navigation labels counts only when there are at least two; otherwise put it back.
  if (navRun.length >= 2) for (const n of navRun.reverse()) drop(CLEAN_RULES.navigation, n);
  else if (navRun.length) paras = [...paras, ...navRun.reverse()];
  navRun = [];
  // "… the session. Source: VNA" at the very end of the last paragraph.
  if (paras.length) {
    const i = paras.length - 1;
    const m = /^(.*[.!?…"”])\s+Source:\s*([\p{L}\d.\-/ ]{1,40})$/u.exec(paras[i]!);
    if (m && m[2]!.trim().split(/\s+/).length <= 4) {
      drop(CLEAN_RULES.sourceCredit, `Source: ${m[2]!.trim()}`);
      paras[i] = m[1]!;
    }
  }

  // Leading repeats of the title.
  // Titles rebuilt as "Headline (Province)" also match the bare headline.
  const titleKeys = opts.title ? [key(opts.title), key(opts.title.replace(/\s*\([^()]*\)\s*$/, ""))].filter(Boolean) : [];
  let first = 0;
  while (titleKeys.length && paras.length - first > 1 && titleKeys.includes(key(paras[first]!))) {
    drop(CLEAN_RULES.titleRepeat, paras[first]!);
    first++;
  }
  if (first) paras = paras.slice(first);

  // Repeats: exact (captions and paragraphs), then paragraphs contained in an earlier one.
  const seen = new Set<string>();
  const kept: string[] = [];
  const containers = new ContainmentIndex();
  for (const p of paras) {
    const k = key(p);
    if (!k) continue;
    if (seen.has(k)) {
      drop(p.length <= CAPTION_MAX_CHARS ? CLEAN_RULES.repeatedCaption : CLEAN_RULES.duplicateParagraph, p);
      continue;
    }
    if (k.length >= CONTAINED_MIN_CHARS && containers.containedInEarlier(k)) {
      drop(CLEAN_RULES.containedParagraph, p);
      continue;
    }
    seen.add(k);
    kept.push(p);
    containers.add(k);
  }

  // Never hand back nothing for a text that had words: furniture-shaped content is better than no content.
  const finalParas = kept.length ? kept : all;
  return { text: finalParas.join("\n\n"), removed: kept.length ? removed : [] };
}

/** Cleaned article body: paragraphs separated by "\n\n", whitespace normalised, page furniture removed. */
export function cleanArticleText(raw: string, opts: CleanOptions = {}): string {
  return cleanArticle(raw, opts).text;
}
