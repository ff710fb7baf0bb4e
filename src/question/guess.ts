/**
 * A guess the asker adds beside the question ("what day did it close? Was it in July?", "…, was it something like
 * five hundred-odd party members? how many exactly?"): a yes-or-no clause next to a question word. Its words are no
 * words to find the answer by, and its dates no filter on the reports (the answer may say otherwise).
 */
const GUESS = /(?:^|[?.!,;:–—-]\s*)((?:was|is|were|are|did) (?:it|that|there|they)\b[^?.!;]*)/gi;
const QUESTION_WORD = /\b(what|which|when|who|whom|where|how many|how much|how long)\b/i;

export interface Guess {
  at: number;
  text: string;
}

/**
 * An amount the asker hedges ("more than two thousand documents … what is the exact number?", "around 500 members"):
 * the figure asked for, roughly; its number words are no words to find.
 */
const HEDGED_AMOUNT = /\b(?:more than|over|nearly|almost|about|around|roughly|some|at least|upwards of|close to)\s+((?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|couple|few|\d[\d,.]*)(?:[\s-]+|$)(?:and\s+)?)+)/gi;
const AMOUNT_ASKED = /\b(how many|how much|what (?:is|was|are|were) the (?:exact |precise |real |actual )?(?:number|figure|total|count|amount))\b/i;

/** The guesses a question holds, where they start and their text; none when the guess is the whole question. */
export function guesses(question: string): Guess[] {
  const found: Guess[] = [...hedgedAmounts(question)];
  for (const m of question.matchAll(GUESS)) {
    const text = m[1]!;
    const at = m.index! + m[0].length - text.length;
    const rest = question.slice(0, at) + question.slice(at + text.length);
    if (QUESTION_WORD.test(rest) && !QUESTION_WORD.test(text)) found.push({ at, text });
  }
  return found;
}

/** The hedged amounts of a question that asks for the figure ("two thousand" in "more than two thousand documents"). */
export function hedgedAmounts(question: string): Guess[] {
  if (!AMOUNT_ASKED.test(question)) return [];
  return [...question.matchAll(HEDGED_AMOUNT)].map((m) => ({ at: m.index! + m[0].length - m[1]!.length, text: m[1]!.trim() }));
}

/**
 * What a hedged amount counts, when the question asks for the figure: "…issued more than two thousand documents …
 * what is the exact number?" → "documents".
 */
export function hedgedCount(question: string): string | null {
  if (!AMOUNT_ASKED.test(question)) return null;
  for (const m of question.matchAll(HEDGED_AMOUNT)) {
    const noun = /^([a-z]+[^s\W]s)\b/i.exec(question.slice(m.index! + m[0].length))?.[1];
    if (noun) return noun.toLowerCase();
  }
  return null;
}

/** Whether the offset falls inside one of the question's guesses. */
export function inGuess(question: string, at: number): boolean {
  return guesses(question).some((g) => at >= g.at && at < g.at + g.text.length);
}
