/**
 * Numbers written in words, once for every stage: "twenty five", "six hundred", "a dozen", "two thousand".
 * Questions say them (a dictated year, a claimed amount, a count of years back); reports seldom do.
 */

/** zero … nineteen, each at its value. */
export const UNIT_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
/** twenty … ninety. */
export const TENS_WORDS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
/** The value of each word of UNIT_WORDS and TENS_WORDS ("seven" → 7, "forty" → 40). */
export const WORD_VALUES: Readonly<Record<string, number>> = Object.fromEntries([...UNIT_WORDS.map((w, i) => [w, i]), ...TENS_WORDS.map((w, i) => [w, 20 + 10 * i])]);
/** Words that multiply what comes before them. */
export const SCALE_VALUES: Readonly<Record<string, number>> = { hundred: 1e2, thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const FRACTIONS: Readonly<Record<string, number>> = { half: 0.5, third: 1 / 3, quarter: 0.25 };

/** A cardinal number word, scales included, as a regex alternation ("one|two|…|ninety|hundreds?|…|trillions?"). */
export const CARDINAL_WORD = [...UNIT_WORDS.slice(1), ...TENS_WORDS, ...Object.keys(SCALE_VALUES).map((w) => `${w}s?`)].join("|");
/** Any number word, dozens and fractions too ("a dozen", "half"). */
export const NUMBER_WORD = `${CARDINAL_WORD}|dozens?|half|third|quarter`;

/** The value of a number said in words: "six hundred" → 600, "two thousand and twenty" → 2020, "a dozen" → 12; null when a word is no number. */
export function numberWordsValue(text: string): number | null {
  let total = 0;
  let group = 0;
  let any = false;
  for (const raw of text.toLowerCase().split(/[\s-]+/)) {
    const w = raw.replace(/s$/, "");
    if (raw === "a" || raw === "and" || raw === "") continue;
    if (w === "dozen") group = (group || 1) * 12;
    else if (w in FRACTIONS) group = (group || 1) * FRACTIONS[w]!;
    else if (w === "hundred") group = (group || 1) * 100;
    else if (w in SCALE_VALUES) (total += (group || 1) * SCALE_VALUES[w]!), (group = 0);
    else if (raw in WORD_VALUES) group += WORD_VALUES[raw]!;
    else return null;
    any = true;
  }
  return any ? total + group : null;
}
