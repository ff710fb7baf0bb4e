// Follow-ups: a reply to an earlier answer ("and in 2022?", "what about Hung Yen?", "who chaired it?")
// read in the context of the question that answer answered. Pure text work, no index needed.
import { findPlaces } from "../text/places.js";
import { analyzeQuestion, properNames } from "./analyze.js";
import { fold } from "../text/fold.js";
import type { AskFilters } from "../types.js";
import { datePhrases, takeTokens } from "./filters.js";
import { escapeRegExp } from "../text/escape.js";

export interface Turn {
  /** The question as it stands on its own (no pronouns left to resolve). */
  question: string;
  /** The explicit filters it was asked with (inline tokens already taken out of `question`). */
  filters: AskFilters;
}

/**
 * Reads `reply` in the context of `previous`. Place, year and subject carry over unless the reply
 * names new ones; a reply that asks something with its own subject and its own place stands alone.
 */
export function resolveFollowUp(previous: Turn, reply: string): Turn {
  const tokens = takeTokens(reply.normalize("NFC"));
  const text = tokens.question;
  const said = describe(text);
  // "place:Thai Binh" in a reply names a new place just as "what about Thai Binh?" does.
  if (tokens.filters.place && !said.anchors.length) said.anchors.push({ text: tokens.filters.place, province: findPlaces(tokens.filters.place).length > 0 });
  const vietnamese = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i.test(text);

  // A question with its own subject and place, or a remark that asks nothing: it stands alone.
  if (said.subject && (said.anchors.length || !QUESTION_LIKE.test(text))) return { question: text, filters: tokens.filters };

  const filters = carriedFilters(previous.filters, said, tokens.filters);
  if (!said.subject && !said.anchors.length && !said.time) return { question: previous.question, filters };

  if (!said.subject) {
    // "and in 2022?", "what about Hung Yen?": the previous question with what the reply names swapped in.
    let question = previous.question;
    if (said.time) question = replaceTime(question, said.time);
    if (said.anchors.length) question = replaceAnchor(question, said.anchors[0]!);
    return { question, filters };
  }

  // "who chaired it?", "what was the growth rate?": the reply's subject at the previous place and time.
  const before = describe(previous.question);
  let question = text;
  const event = eventPhrase(previous.question) ?? (before.anchors.length ? `the ${before.anchors[0]!.text} conference` : null);
  let placed = false;
  if (event && PRONOUN.test(question)) {
    question = question.replace(PRONOUN, (_, lead: string) => `${lead}${event}`);
    placed = before.anchors.length > 0 && question.includes(before.anchors[0]!.text);
  }
  const additions: string[] = [];
  if (!placed && before.anchors.length) additions.push(`${vietnamese ? "ở" : "in"} ${before.anchors[0]!.text}`);
  if (!said.time && before.time) additions.push(before.time.kind === "year" ? `${vietnamese ? "năm" : "in"} ${before.time.text}` : before.time.text);
  return { question: append(question, additions.join(" ")), filters };
}

// ---------------------------------------------------------------------------------------------

interface Anchor {
  /** As written, with its kind word when given ("Hong Linh town", "Ha Tinh", "Nghi Xuan"). */
  text: string;
  province: boolean;
}

interface TimeMention {
  /** "2022", "2021-2023", or a whole date phrase ("since November", "in December 2023"). */
  text: string;
  kind: "year" | "phrase";
}

interface Described {
  anchors: Anchor[];
  time: TimeMention | null;
  /** True when the text asks about something of its own, beyond a place or a time. */
  subject: boolean;
}

const YEAR_EXPRESSION = /(?<![\p{L}\p{N}])(?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?(?![\p{L}\p{N}])/gu;
const KIND_AFTER = /^\s+(district|town|city|commune|ward|province)\b/i;

/** Words of a reply that only point back at the previous answer ("and what about", "còn … thì sao"). */
const FILLERS = new Set(
  (
    "and what about how also then there instead same again please ok okay so now the one ones for in at of year years " +
    "province provinces district districts town city report reports case " +
    "january february march april may june july august september october november december " +
    "con thi sao the vay va o tai nam nao tinh huyen thanh pho xa ra lai cung nhu"
  ).split(" "),
);

/** Capitalised words of a follow-up that are not names ("Còn", "Và"). */
const NOT_NAMES = new Set("con va the vay o tai nam ai bao khi and what how who also".split(" "));

/** A question rather than a remark ("thanks"): a question mark or a question word. */
const QUESTION_LIKE = /\?|^\s*(?:and\s+|but\s+|so\s+)?(?:who|whom|what|which|when|where|why|how|did|does|do|is|are|was|were|can|could|has|have|had)\b|(?:^|\s)(?:ai|gì|nào|bao nhiêu|bao giờ|khi nào|không|sao)(?=\s|$|[?.!])/iu;

function describe(text: string): Described {
  const anchors: Anchor[] = [];
  const places = findPlaces(text);
  for (const p of places) anchors.push({ text: withKind(text, p.matched), province: true });
  const placeWords = new Set(places.flatMap((p) => fold(p.matched).split(/\s+/)));
  for (const name of properNames(text)) {
    const words = name.split(" ").filter((w) => !NOT_NAMES.has(fold(w)));
    if (!words.length || words.every((w) => placeWords.has(fold(w)))) continue;
    const cleaned = words.join(" ");
    const kinded = withKind(text, cleaned);
    // Two-word names or names with a kind word are places ("Nghi Xuan", "Hong Linh town"); longer ones are people.
    if (kinded !== cleaned || words.length === 2) anchors.push({ text: kinded, province: false });
  }
  anchors.sort((a, b) => text.indexOf(a.text) - text.indexOf(b.text));

  const phrases = datePhrases(text);
  const years = text.match(YEAR_EXPRESSION) ?? [];
  const time: TimeMention | null = phrases.length ? { text: phrases[0]!, kind: "phrase" } : years.length ? { text: years.at(-1)!, kind: "year" } : null;

  let rest = text;
  for (const a of anchors) rest = rest.replace(a.text, " ");
  for (const p of phrases) rest = rest.replace(p, " ");
  rest = rest.replace(YEAR_EXPRESSION, " ");
  const subject = analyzeQuestion(rest).terms.some((t) => !t.numeric && !FILLERS.has(t.text));
  return { anchors, time, subject };
}

/** "Hong Linh" → "Hong Linh town" when the text says so. */
function withKind(text: string, name: string): string {
  const at = text.indexOf(name);
  const kind = at >= 0 ? KIND_AFTER.exec(text.slice(at + name.length)) : null;
  return kind ? `${name} ${kind[1]}` : name;
}

/** Which filters carry over: those the reply does not name anew. */
function carriedFilters(previous: AskFilters, said: Described, replyTokens: AskFilters): AskFilters {
  const carried: AskFilters = { ...previous };
  if (said.time || replyTokens.from || replyTokens.to) {
    delete carried.from;
    delete carried.to;
  }
  if (said.anchors.length) delete carried.place;
  return { ...carried, ...replyTokens };
}

/** Swaps the previous question's period for the reply's: a date phrase for a date phrase, a year for a year. */
function replaceTime(question: string, time: TimeMention): string {
  const phrases = datePhrases(question);
  const years = question.match(YEAR_EXPRESSION) ?? [];
  const replacement = time.kind === "phrase" ? time.text : time.text;
  if (phrases.length) {
    // A year phrase ("in 2022") replaces the whole date phrase; keep a preposition.
    const words = time.kind === "year" ? `in ${replacement}` : replacement;
    return question.replace(phrases[0]!, words);
  }
  if (years.length) {
    if (time.kind === "year") return question.replace(mainYear(question, years), replacement);
    return question.replace(new RegExp(`\\b(?:in|during|for)\\s+${escapeRegExp(mainYear(question, years))}`), replacement);
  }
  return append(question, time.kind === "year" ? `in ${replacement}` : replacement);
}

/** The year the question is about: one after "in"/"during"/"for" if any, else the last one. */
function mainYear(question: string, years: string[]): string {
  return years.find((y) => new RegExp(`\\b(?:in|during|for)\\s+${escapeRegExp(y)}`).test(question)) ?? years.at(-1)!;
}

/**
 * Puts the reply's place where the previous one was. A province replaces the previous province (and
 * drops its districts: they belong to the old one); a district or town replaces the previous district,
 * else the province.
 */
function replaceAnchor(question: string, anchor: Anchor): string {
  const before = describe(question).anchors;
  if (!before.length) return append(question, `in ${anchor.text}`);
  const provinces = before.filter((a) => a.province);
  const subs = before.filter((a) => !a.province);
  let out = question;
  if (anchor.province) {
    if (provinces.length) {
      out = out.replace(provinces[0]!.text, anchor.text);
      for (const s of subs) out = removeAnchor(out, s.text);
    } else {
      out = out.replace(subs[0]!.text, anchor.text);
    }
  } else {
    out = out.replace((subs[0] ?? provinces[0])!.text, anchor.text);
  }
  return out;
}

/** Removes a place and the word joining it to the next ("Hong Linh town in Ha Tinh" → "Ha Tinh"). */
function removeAnchor(question: string, text: string): string {
  const t = escapeRegExp(text);
  const joined = new RegExp(`${t}(?:'s)?\\s*(?:,|\\s+in|\\s+of)\\s+`);
  if (joined.test(question)) return question.replace(joined, "");
  return question.replace(new RegExp(`\\s*(?:\\bin\\s+|\\bof\\s+|,\\s*)?${t}`), "");
}

const PRONOUN = /(^|\s)(?:it|that|this|there|them|that one|the same)(?=\s*[?.!]?$|\s)/i;

/** "the 17th Conference of the Executive Committee…", "the Hung Yen meeting that reviewed…": what the previous question was about. */
function eventPhrase(question: string): string | null {
  const m = /\bthe\s+(?:[\p{L}\p{N}'’-]+\s+){0,6}?(?:conference|meeting|session|congress|plenum)\b(?:\s+(?:of|on|in)\s+(?:the\s+)?[\p{Lu}\p{N}][\p{L}\p{N}'’-]*(?:\s+[\p{Lu}\p{N}][\p{L}\p{N}'’-]*)*)?/iu.exec(question);
  return m ? m[0] : null;
}

function append(question: string, words: string): string {
  if (!words) return question;
  const m = /^(.*?)([?.!]*)\s*$/su.exec(question)!;
  return `${m[1]!.trimEnd()} ${words}${m[2] || "?"}`;
}

