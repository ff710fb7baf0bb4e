import type { ArticleInput, Passage } from "../types.js";
import { splitSentences } from "../text/sentences.js";

export interface ChunkOptions {
  /** Paragraphs shorter than this are merged with their neighbour (default 250 chars). */
  minChars: number;
  /** Longer paragraphs are split on sentence boundaries into pieces of at most this size (default 900). */
  maxChars: number;
}

const LIST_ITEM = /^\s*([-–•*+]|\d+[.)])\s/;

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { minChars: 250, maxChars: 900 };

/**
 * Cuts an article into passages: one per paragraph where paragraphs are a sensible size, tiny
 * paragraphs (captions, one-line headings) merged into the following one, and long paragraphs split
 * between sentences into near-equal pieces.
 */
export function chunkArticle(article: Pick<ArticleInput, "id" | "text">, options: Partial<ChunkOptions> = {}): Passage[] {
  const { minChars, maxChars } = { ...DEFAULT_CHUNK_OPTIONS, ...options };
  const paragraphs = article.text
    .split(/\n\s*\n|\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean);

  const pieces: string[] = [];
  for (const paragraph of paragraphs) {
    if (paragraph.length <= maxChars) pieces.push(paragraph);
    else pieces.push(...splitLong(paragraph, maxChars));
  }

  // Short paragraphs (captions, list items, one-line headings) are packed together up to maxChars,
  // and a short group joins the paragraph after it; a list continued in a new passage keeps its heading.
  const merged: string[] = [];
  let group: string[] = [];
  let heading: string | null = null;
  const groupLength = () => group.reduce((n, p) => n + p.length + 1, 0);
  const flush = () => {
    if (group.length) merged.push(group.join("\n"));
    group = [];
  };
  for (const piece of pieces) {
    const isItem = LIST_ITEM.test(piece);
    if (groupLength() + piece.length > maxChars) {
      flush();
      if (isItem && heading) group.push(heading);
    }
    group.push(piece);
    if (piece.length >= minChars && !isItem) flush();
    if (/:\s*$/.test(piece)) heading = piece;
    else if (!isItem) heading = null;
  }
  if (group.length) {
    // A short tail joins the previous passage when it fits, else stands alone.
    const tail = group.join("\n");
    const last = merged.at(-1);
    if (last !== undefined && tail.length < minChars && last.length + tail.length + 1 <= maxChars) merged[merged.length - 1] = `${last}\n${tail}`;
    else merged.push(tail);
  }
  return merged.map((text, position) => ({ articleId: article.id, position, text }));
}

/** Splits one long paragraph between sentences into pieces of roughly equal size, each ≤ maxChars. */
function splitLong(paragraph: string, maxChars: number): string[] {
  const sentences = splitSentences(paragraph).flatMap((s) => (s.length > maxChars ? hardWrap(s, maxChars) : [s]));
  const target = paragraph.length / Math.ceil(paragraph.length / maxChars);
  const out: string[] = [];
  let current = "";
  for (const sentence of sentences) {
    const next = current ? `${current} ${sentence}` : sentence;
    if (current && (next.length > maxChars || current.length >= target)) {
      out.push(current);
      current = sentence;
    } else current = next;
  }
  if (current) out.push(current);
  return out;
}

/** Last resort for a "sentence" longer than maxChars (lists joined by semicolons): cut at ; or , or a space. */
function hardWrap(sentence: string, maxChars: number): string[] {
  const out: string[] = [];
  let rest = sentence;
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars);
    const cut = Math.max(window.lastIndexOf("; "), window.lastIndexOf(", "), window.lastIndexOf(" "));
    const at = cut > maxChars / 2 ? cut + 1 : maxChars;
    out.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) out.push(rest);
  return out;
}

/** The article context indexed with every passage, so "the conference" in paragraph 7 still matches "Ha Nam". */
export function passageContext(article: Pick<ArticleInput, "title" | "place" | "date">): string {
  return [article.title, article.place, article.date].filter(Boolean).join(" · ");
}

/** The text embedded for a passage: its article context first, so the vector knows where it is from. */
export function embeddingText(context: string, text: string): string {
  return context ? `${context}\n${text}` : text;
}
