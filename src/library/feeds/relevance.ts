/**
 * Which feed items are committee reports. Outlets publish far more (sport, weather, crime); an item is taken
 * when its title or first paragraph mentions one of the feed's keywords, compared accent-folded and on word
 * boundaries: "Tỉnh ủy", "Tinh uy" and "TỈNH UỶ" are one keyword; "conferences" matches "conference" (plural
 * endings are allowed) but "preconference" does not.
 */
import { fold } from "../../text/fold.js";
import { escapeRegExp } from "../../text/escape.js";

/**
 * The default rule: a Party Committee, its congress or one of its conferences, in English or Vietnamese.
 * Admins replace it per feed with their own keywords (`/feeds keywords <url> <word, word…>`).
 */
export const DEFAULT_KEYWORDS: readonly string[] = [
  "Party Committee",
  "Party Executive Committee",
  "Party Congress",
  "Party Organization",
  "conference",
  "Tỉnh ủy",
  "Thành ủy",
  "Huyện ủy",
  "Quận ủy",
  "Thị ủy",
  "Đảng ủy",
  "Đảng bộ",
  "Ban Chấp hành",
  "Đại hội Đảng",
  "hội nghị",
];

export interface RelevanceText {
  title: string | null;
  /** The first paragraph (RSS description / the fetched article's first paragraph). */
  firstParagraph: string | null;
}

/** A compiled rule: `matches(text)` returns the first keyword found, or null. */
export interface RelevanceRule {
  keywords: readonly string[];
  matches(text: RelevanceText): string | null;
}

/** Builds the rule for a feed: its own keywords, or the default ones when it has none. */
export function relevanceRule(keywords: readonly string[] | null): RelevanceRule {
  const words = keywords && keywords.length ? keywords : DEFAULT_KEYWORDS;
  const patterns = words.map((k) => ({ keyword: k, pattern: keywordPattern(k) })).filter((p) => p.pattern !== null);
  return {
    keywords: words,
    matches(text) {
      const haystack = fold(`${text.title ?? ""}\n${text.firstParagraph ?? ""}`);
      return patterns.find((p) => p.pattern!.test(haystack))?.keyword ?? null;
    },
  };
}

/** Splits an admin's list ("Tỉnh ủy, hội nghị; Party Congress") into keywords; empty parts dropped. */
export function parseKeywords(input: string): string[] {
  return [...new Set(input.split(/[,;\n]/).map((k) => k.replace(/\s+/g, " ").trim()).filter(Boolean))];
}

/** "party committee" → /(^|[^a-z0-9])party\s+committee(s|es)?(?![a-z0-9])/ over folded text. */
function keywordPattern(keyword: string): RegExp | null {
  const words = fold(keyword)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map(escapeRegExp);
  if (!words.length) return null;
  return new RegExp(`(^|[^a-z0-9])${words.join("[^a-z0-9]+")}(s|es)?(?![a-z0-9])`);
}
