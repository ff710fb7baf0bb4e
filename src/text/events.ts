// Numbered events the reports speak of: "the 26th conference of the Provincial Party Executive Committee", "the
// 19th Provincial Party Congress", "its 8th session". Shared by question understanding and answering, so that
// "the 26th conference" is not answered by a sentence about the 22nd.

/** A congress is one kind of event; a conference, session, plenum or meeting another (the same body's numbered sittings). */
export type EventKind = "congress" | "meeting";

export interface NumberedEvent {
  n: number;
  kind: EventKind;
  /** The national congress or a Central Committee conference ("13th National Party Congress", "8th Central Conference"). */
  national: boolean;
  /** As written: "26th conference", "19th Provincial Party Congress". */
  text: string;
}

/** Ordinals written out, first to twentieth (index + 1 is the number). */
export const ORDINAL_WORDS = [
  "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
  "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth",
];
/** "5th" for 5, "21st" for 21. */
/** A Roman numeral as Vietnamese numbers congresses and terms ("lần thứ VIII", "khóa XX"), or null: I to XXXIX. */
export function romanNumber(text: string): number | null {
  if (!/^(?=[IVX])X{0,3}(IX|IV|V?I{0,3})$/.test(text)) return null;
  const value: Record<string, number> = { I: 1, V: 5, X: 10 };
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const v = value[text[i]!]!;
    n += v < (value[text[i + 1] ?? ""] ?? 0) ? -v : v;
  }
  return n;
}

export function ordinalFigure(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

const ORDINAL = `(\\d{1,3})(?:st|nd|rd|th)|(${ORDINAL_WORDS.join("|")})`;
/**
 * Words that may stand between the ordinal and its event without numbering something else: a place, a level, a council
 * ("19th Provincial Party Congress", "1st An Giang Provincial Party Congress", "15th Provincial People's Council Session").
 * A party committee does number something else: "the 17th party executive conference" is a conference of the 17th-term
 * executive committee.
 */
const BETWEEN_WORD = /^(?:provincial|district|city|town|commune|party|national|municipal|extraordinary|regular|thematic|plenary|special|ordinary|central|\p{Lu}\p{Ll}*(?:['’]s)?)$/u;
const BODY_WORD = /^(?:executive|committee|standing|board|bloc)$/i;
const EVENT = "(conferences?|congress(?:es)?|sessions?|plenums?|meetings?)";
// "the 17th-term Executive Committee" numbers the term, and "the 13th Party Central Committee" the committee: neither matches.
const ORDINAL_FIRST = new RegExp(`\\b(?:${ORDINAL})\\s+((?:[\\p{L}'’]+\\s+){0,5}?)${EVENT}\\b`, "giu");

const kindOf = (noun: string): EventKind => (/^congress/i.test(noun) ? "congress" : "meeting");

/** The numbered events a text names, in order. */
export function numberedEvents(text: string): NumberedEvent[] {
  const out: NumberedEvent[] = [];
  for (const m of text.matchAll(ORDINAL_FIRST)) {
    const between = m[3]!.split(/\s+/).filter(Boolean);
    if (between.some((w) => BODY_WORD.test(w) || !BETWEEN_WORD.test(w))) continue;
    out.push({
      n: m[1] ? Number(m[1]) : ORDINAL_WORDS.indexOf(m[2]!.toLowerCase()) + 1,
      kind: kindOf(m[4]!),
      national: between.some((w) => /^(national|central)$/i.test(w)),
      text: m[0],
    });
  }
  return out;
}

/** Whether `events` include the asked one (same number, same kind). */
export function namesEvent(events: NumberedEvent[], asked: NumberedEvent): boolean {
  return events.some((e) => e.n === asked.n && e.kind === asked.kind);
}

/** A numbered group of a meeting: "Group 1", "discussion group No. 2", "team 3" (kind lower-cased, and its number). */
export interface NumberedGroup {
  kind: string;
  n: number;
}

const NUMBERED_GROUP = /\b(group|team|cluster|zone|delegation|section|subcommittee)\s+(?:no\.?\s*|number\s+|#\s*)?(\d{1,2})\b(?![.,]\d)/giu;

export function numberedGroups(text: string): NumberedGroup[] {
  return [...text.matchAll(NUMBERED_GROUP)].map((m) => ({ kind: m[1]!.toLowerCase(), n: Number(m[2]) }));
}
