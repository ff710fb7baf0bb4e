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

/** The guesses a question holds, where they start and their text; none when the guess is the whole question. */
export function guesses(question: string): Guess[] {
  const found: Guess[] = [];
  for (const m of question.matchAll(GUESS)) {
    const text = m[1]!;
    const at = m.index! + m[0].length - text.length;
    const rest = question.slice(0, at) + question.slice(at + text.length);
    if (QUESTION_WORD.test(rest) && !QUESTION_WORD.test(text)) found.push({ at, text });
  }
  return found;
}

/** Whether the offset falls inside one of the question's guesses. */
export function inGuess(question: string, at: number): boolean {
  return guesses(question).some((g) => at >= g.at && at < g.at + g.text.length);
}
