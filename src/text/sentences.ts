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
    // "No. 02", "Mr. Nghia", single initials ("Nguyen V. A.") are not sentence ends.
    if (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord)) continue;
    sentences.push(candidate.trim());
    start = end + match[2].length;
  }
  const rest = text.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences.filter((s) => s.length > 0);
}
