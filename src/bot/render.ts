/**
 * Telegram HTML rendering of answers, and splitting of long HTML into messages Telegram accepts.
 *
 * Every text that comes from an article or a user goes through `escapeHtml`; the only markup in the output is
 * the markup written here. Telegram's limit is 4096 characters per message (after entity parsing); `splitHtml`
 * keeps the raw HTML of each part within the limit, which is stricter and therefore always safe.
 */
import type { AnswerResult, Citation } from "../types.js";
import { escapeRegExp } from "../text/escape.js";
import { citationRuns } from "../answer/render-text.js";

/** Telegram's maximum message length. */
export const TELEGRAM_MESSAGE_LIMIT = 4096;

/** The phrase a "not found" answer opens with. */
export const NOT_FOUND_LEAD = "The reports I have don't say.";

/** The bot's own words around an answer, in the reader's language (see locales/*.ftl, `answer-*`). */
export interface RenderLabels {
  /** The opening sentence of an answer that is not one (near miss, decline), already in the reader's language; null for the generic one. */
  lead?: string | null;
  sources: string;
  closest: string;
  notFound: string;
  moreSources: string;
  noFurther: string;
  untitled: string;
  noAnswerText: string;
  /** The filter line under an answer, already HTML; null when none was applied. */
  filterLine?: string | null;
  /** What misspellings were read as ("Read as: “Thai Bihn” → Thai Binh"), already HTML; null when none. */
  correctionLine?: string | null;
}

export const ENGLISH_LABELS: RenderLabels = {
  sources: "Sources:",
  closest: "Closest reports:",
  notFound: NOT_FOUND_LEAD,
  moreSources: "More sources:",
  noFurther: "No further passages.",
  untitled: "Untitled report",
  noAnswerText: "(no answer text)",
};

/** Escapes `& < > "` for Telegram's HTML parse mode (the four entities Telegram supports by name). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Only http(s) links become clickable; anything else (javascript:, data:, garbage) is shown as text or dropped. */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

/** Shortens text to at most `max` characters at a word boundary, adding "…". */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  if (max <= 1) return "…";
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, "")}…`;
}

/** `[n] <a href="url">title</a> — outlet, date` (no link when the url is missing or not http(s)). */
export function renderSourceLine(c: Citation, labels: RenderLabels = ENGLISH_LABELS, label = `[${c.n}]`): string {
  const title = escapeHtml(c.title?.trim() || labels.untitled);
  const url = safeUrl(c.url);
  const linked = url ? `<a href="${escapeHtml(url)}">${title}</a>` : title;
  const facts = [c.source, c.date].filter((s): s is string => !!s && s.trim() !== "").map(escapeHtml);
  return `${label} ${linked}${facts.length ? ` — ${facts.join(", ")}` : ""}`;
}

/** The source lines of an answer, a run of one report's passages ("[2–9]") on one line. */
function sourceLines(citations: Citation[], labels: RenderLabels): string {
  return citationRuns(citations)
    .map(({ citation, label }) => renderSourceLine(citation, labels, label))
    .join("\n");
}

/**
 * The whole answer as Telegram HTML (may exceed 4096 characters: pass it through `splitHtml`). The answer text is
 * the core's; the framing comes from `labels`. When the core declines in English ("The reports I have don't say
 * about X in 2023…") and the reader's language is another, the translated lead replaces that sentence.
 */
export function renderAnswer(result: AnswerResult, labels: RenderLabels = ENGLISH_LABELS): string {
  const answer = result.answer.trim();
  const filter = [labels.correctionLine, labels.filterLine].filter(Boolean).map((line) => `\n\n<i>${line}</i>`).join("");
  if (result.outcome?.kind === "near_miss") {
    // Not an answer: what was asked is not in the reports, and what they give instead is quoted with its sources.
    const lead = `<b>${escapeHtml(labels.lead ?? labels.notFound)}</b>`;
    return `${lead}\n${escapeHtml(answer)}${filter}\n\n<b>${escapeHtml(labels.sources)}</b>\n${sourceLines(result.citations, labels)}`;
  }
  if (!result.found) {
    const lead = [escapeHtml(labels.lead ?? labels.notFound), answer && escapeHtml(answer)].filter(Boolean).join("\n\n");
    const closest = result.citations.length > 0 ? result.citations : result.more;
    if (closest.length === 0) return lead + filter;
    return `${lead}${filter}\n\n<b>${escapeHtml(labels.closest)}</b>\n${sourceLines(closest, labels)}`;
  }
  // (An answer to a fact-checker opens with the verdict on the claim.)
  const verdict = labels.lead ? `<b>${escapeHtml(labels.lead)}</b>\n` : "";
  const body = verdict + emphasise(escapeHtml(answer || labels.noAnswerText), result.figures ?? []);
  if (result.citations.length === 0) return body + filter;
  return `${body}${filter}\n\n<b>${escapeHtml(labels.sources)}</b>\n${sourceLines(result.citations, labels)}`;
}

/** Puts the asserted figures in bold (in already-escaped HTML; figures hold no HTML-special characters but "&" is escaped alike). */
function emphasise(html: string, figures: string[]): string {
  let out = html;
  for (const figure of [...new Set(figures)].sort((a, b) => b.length - a.length)) {
    const escaped = escapeRegExp(escapeHtml(figure));
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}>])${escaped}(?![\\p{N}])`, "u"), (m) => `<b>${m}</b>`);
  }
  return out;
}

/** The "More sources" section: each further passage with its source line and an excerpt of `excerptChars`. */
export function renderMore(more: Citation[], excerptChars = 300, labels: RenderLabels = ENGLISH_LABELS): string {
  const title = `<b>${escapeHtml(labels.moreSources)}</b>`;
  if (more.length === 0) return `${title}\n${escapeHtml(labels.noFurther)}`;
  const items = more.map((c) => {
    const line = renderSourceLine(c, labels);
    return excerptChars > 0 && c.passage.trim() ? `${line}\n<i>${escapeHtml(truncate(c.passage, excerptChars))}</i>` : line;
  });
  return `${title}\n${items.join("\n\n")}`;
}

/**
 * `base` followed by the "More sources" section, shortening excerpts until it fits one message;
 * null when even the bare source lines do not fit (the caller then sends the section separately).
 */
export function appendMore(base: string, more: Citation[], limit = TELEGRAM_MESSAGE_LIMIT, labels: RenderLabels = ENGLISH_LABELS): string | null {
  for (const excerpt of [300, 160, 80, 0]) {
    const html = `${base}\n\n${renderMore(more, excerpt, labels)}`;
    if (html.length <= limit) return html;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// splitHtml

type Atom =
  | { kind: "open"; text: string; name: string }
  | { kind: "close"; text: string; name: string }
  | { kind: "text"; text: string };

/** Tags, entities and single characters (code points): the units a split may fall between. */
function atomize(html: string): Atom[] {
  const atoms: Atom[] = [];
  const re = /<\/?([a-zA-Z][a-zA-Z0-9-]*)[^>]*>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/gy;
  let i = 0;
  while (i < html.length) {
    re.lastIndex = i;
    const m = re.exec(html);
    if (m) {
      if (m[0].startsWith("</")) atoms.push({ kind: "close", text: m[0], name: m[1]!.toLowerCase() });
      else if (m[0].startsWith("<")) atoms.push({ kind: "open", text: m[0], name: m[1]!.toLowerCase() });
      else atoms.push({ kind: "text", text: m[0] });
      i += m[0].length;
    } else {
      const cp = html.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      atoms.push({ kind: "text", text: ch });
      i += ch.length;
    }
  }
  return atoms;
}

interface BreakPoint {
  /** Index in the chunk string where the chunk ends (after the whitespace). */
  pos: number;
  /** Index of the first atom of the next chunk. */
  next: number;
  /** Tags open at this point (open-tag source texts). */
  stack: Atom[];
  strength: 3 | 2 | 1; // paragraph, line, space
}

const closers = (stack: Atom[]) =>
  stack
    .slice()
    .reverse()
    .map((a) => `</${(a as { name: string }).name}>`)
    .join("");

/**
 * Splits Telegram HTML into parts of at most `limit` characters, preferring paragraph breaks, then line
 * breaks, then spaces; never inside a tag or an entity. Tags that span a split are closed at the end of one
 * part and re-opened (with their attributes, so links stay links) at the start of the next.
 */
export function splitHtml(html: string, limit = TELEGRAM_MESSAGE_LIMIT): string[] {
  if (html.length <= limit) return html.trim() ? [html] : [];
  const atoms = atomize(html);
  const parts: string[] = [];
  let start = 0;
  let startStack: Atom[] = [];
  while (start < atoms.length) {
    // Skip whitespace at the start of a part.
    while (start < atoms.length && atoms[start]!.kind === "text" && /^\s$/.test(atoms[start]!.text)) start++;
    if (start >= atoms.length) break;
    let cur = startStack.map((a) => a.text).join("");
    const stack = startStack.slice();
    let best: BreakPoint | null = null;
    const candidates: Partial<Record<1 | 2 | 3, BreakPoint>> = {};
    let i = start;
    let ended = false;
    let textAtoms = 0;
    for (; i < atoms.length; i++) {
      const atom = atoms[i]!;
      const nextStack = stack.slice();
      if (atom.kind === "open") nextStack.push(atom);
      else if (atom.kind === "close") {
        const idx = nextStack.map((a) => (a as { name: string }).name).lastIndexOf(atom.name);
        if (idx >= 0) nextStack.splice(idx, 1);
      }
      if (cur.length + atom.text.length + closers(nextStack).length > limit && textAtoms > 0) break;
      cur += atom.text;
      stack.splice(0, stack.length, ...nextStack);
      if (atom.kind === "text") {
        textAtoms++;
        if (atom.text === "\n" || atom.text === " ") {
          const strength: 1 | 2 | 3 = atom.text === " " ? 1 : cur.endsWith("\n\n") ? 3 : 2;
          candidates[strength] = { pos: cur.length, next: i + 1, stack: stack.slice(), strength };
        }
      }
    }
    if (i >= atoms.length) {
      parts.push(cur);
      ended = true;
    } else {
      const p = candidates[3];
      const l = candidates[2];
      const s = candidates[1];
      if (p && p.pos >= limit / 2) best = p;
      else if (l && l.pos >= limit / 4) best = l;
      else best = s ?? p ?? l ?? null;
      if (best) {
        parts.push(cur.slice(0, best.pos).trimEnd() + closers(best.stack));
        start = best.next;
        startStack = best.stack;
      } else {
        // No whitespace at all: hard split before the atom that did not fit.
        parts.push(cur + closers(stack));
        start = i;
        startStack = stack.slice();
      }
    }
    if (ended) break;
  }
  return parts.map((p) => p.trim()).filter((p) => p.replace(/<[^>]*>/g, "").trim() !== "");
}
