// Years and year spans as committee reports write them: "in 2023", "2021 - 2023", "the 2020-2025 term",
// "compared to 2022" (a year compared with, not one the sentence is about), "this year" (the report's year).

/** A year or span of years, inclusive. */
export interface YearSpan {
  from: number;
  to: number;
}

export interface YearMention extends YearSpan {
  /** Character offset and length in the text. */
  at: number;
  length: number;
  /** "compared to 2022", "over the same period in 2022", "than in 2020", "since 2015": a baseline, not the subject. */
  baseline: boolean;
}

const YEAR_OR_SPAN = /\b((?:19|20)\d{2})(?:\s*[-–—]\s*((?:19|20)\d{2})|\s*[-–—]\s*(\d{2})\b)?\b/g;
const TRULY_BASELINE = /(compared (to|with)|than( in)?|since|versus|vs\.?|against|same period( of| in)?)\s+(the same period (of|in)\s+)?$/i;

/** Every year or span a text names, in order, with whether it is a baseline of a comparison. */
export function yearMentions(text: string): YearMention[] {
  const out: YearMention[] = [];
  for (const m of text.matchAll(YEAR_OR_SPAN)) {
    const from = Number(m[1]);
    let to = m[2] ? Number(m[2]) : m[3] ? Math.floor(from / 100) * 100 + Number(m[3]) : from;
    if (to < from || to - from > 30) to = from;
    const before = text.slice(Math.max(0, m.index! - 40), m.index!);
    // "from 72.5% in 2020 to 79% in 2023": "in 2020" dates its own figure; only true comparison words make a baseline.
    const baseline = TRULY_BASELINE.test(before) || /\bfrom\s+$/i.test(before);
    out.push({ from, to, at: m.index!, length: m[0].length, baseline });
  }
  return out;
}

/** Years (as strings) a sentence makes claims about: spans expanded, baselines of comparisons left out. */
export function yearsClaimed(sentence: string): string[] {
  const years = new Set<string>();
  for (const m of yearMentions(sentence)) {
    if (m.baseline) continue;
    for (let y = m.from; y <= m.to; y++) years.add(String(y));
  }
  return [...years];
}

/** Phrases meaning the year the report is about. */
export const THIS_YEAR = /\b(this year|during the year|in the year|the past year|over the past year|throughout the year|so far this year|the whole year|the year of 20\d\d)\b/i;

/** "next year", "the coming year", "in the new year": the year after the report's. */
export const NEXT_YEAR = /\b(next year|the coming year|the new year|the following year)\b/i;

/** "last year", "the previous year", "same period last year": the year before the report's. */
export const LAST_YEAR = /\b(last year|the previous year|the year before)\b/i;

export function spanContains(outer: YearSpan, inner: YearSpan): boolean {
  return inner.from >= outer.from && inner.to <= outer.to;
}

export function spansOverlap(a: YearSpan, b: YearSpan): boolean {
  return a.from <= b.to && b.from <= a.to;
}

export function formatSpan(s: YearSpan): string {
  return s.from === s.to ? String(s.from) : `${s.from}–${s.to}`;
}
