// Sentence splitting tuned for news English: keeps "No. 02", "9.41%", "Mr. Nghia", "U.S." and
// "26-CT/TW, dated November 23" inside one sentence.

const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "no", "nos", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "u.s", "u.k", "prof",
  "gen", "col", "lt", "maj", "capt", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
  "oct", "nov", "dec", "approx", "inc", "ltd", "co", "corp", "vol", "art", "para", "fig",
]);

/** Splits text into sentences. A sentence ends at . ! ? or ; followed by space and an upper-case letter, digit or quote. */
export function splitSentences(text: string): string[] {
  const sentences: string[] = [];
  const re = /([.!?…]+["”’)]?)(\s+)(?=["“‘(]?[\p{Lu}\d])/gu;
  let start = 0;
  for (const match of text.matchAll(re)) {
    const end = match.index! + match[1].length;
    const candidate = text.slice(start, end);
    const lastWord = /([\p{L}.]+)\.$/u.exec(candidate)?.[1]?.toLowerCase() ?? "";
    // "No. 02", "Mr. Nghia", single initials ("Nguyen V. A.") are not sentence ends, nor a list's "…are: 1. Prioritizing".
    if (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord) || /(^|[:;]\s*)\d{1,2}\.$/.test(candidate.trim())) continue;
    sentences.push(candidate.trim());
    start = end + match[2].length;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences.filter((s) => s.length > 0);
}

/** A sentence (or list item) of a passage, where it starts, and the list heading it falls under. */
export interface TextUnit {
  text: string;
  at: number;
  /** The line ending in ":" that the list item this unit is in follows, or null. */
  heading: string | null;
}

const LIST_ITEM = /^\s*([-–•*+]|\d+[.)])\s/;

/**
 * Splits a passage into the units answers quote and facts are read from: lines first (list items and captions
 * are lines), then sentences. A line ending in ":" is the heading of the list items that follow it; an item's
 * mark ("1.", "-") is not part of its text.
 */
export function textUnits(passageText: string): TextUnit[] {
  const units: TextUnit[] = [];
  let heading: string | null = null;
  let offset = 0;
  for (const line of passageText.split("\n")) {
    const item = LIST_ITEM.exec(line);
    if (!item) heading = null;
    let cursor = item ? item[0].length : 0;
    for (const sentence of splitSentences(line.slice(cursor))) {
      const at = line.indexOf(sentence, cursor);
      cursor = at >= 0 ? at + sentence.length : cursor;
      units.push({ text: sentence, at: offset + Math.max(0, at), heading: item ? heading : null });
    }
    if (/:\s*$/.test(line)) heading = line.trim();
    offset += line.length + 1;
  }
  return units.filter((u) => u.text.length > 0);
}
