// Gazetteer of Vietnam's 63 provinces and centrally-run cities (the 2008–2025 division) and place
// inference for articles. Matching is done on accent-folded text, so "Thái Bình" and "Thai Binh" match.
import { fold } from "./fold.js";
import { escapeRegExp } from "./escape.js";

export type PlaceKind = "province" | "city";

export interface PlaceEntry {
  /** English name used across the project, e.g. "Ha Nam", "Ho Chi Minh City". */
  name: string;
  /** Vietnamese name with diacritics. */
  vi: string;
  kind: PlaceKind;
  /** Other spellings that mean this place (matched accent- and case-insensitively). */
  aliases: string[];
}

const city = (name: string, vi: string, aliases: string[] = []): PlaceEntry => ({ name, vi, kind: "city", aliases });
const prov = (name: string, vi: string, aliases: string[] = []): PlaceEntry => ({ name, vi, kind: "province", aliases });

/** The 5 centrally-run cities and 58 provinces. */
export const PLACES: readonly PlaceEntry[] = [
  city("Hanoi", "Hà Nội", ["Ha Noi"]),
  // "Ho Chi Minh" alone is the person (as in "Ho Chi Minh's ideology"), never the city.
  city("Ho Chi Minh City", "Thành phố Hồ Chí Minh", ["HCMC", "HCM City", "Ho Chi Minh city", "TP HCM", "TP.HCM", "TP. HCM", "TPHCM", "Saigon", "Sai Gon", "Sài Gòn", "Thanh pho Ho Chi Minh"]),
  city("Hai Phong", "Hải Phòng", ["Haiphong"]),
  city("Da Nang", "Đà Nẵng", ["Danang"]),
  city("Can Tho", "Cần Thơ", ["Cantho"]),
  prov("An Giang", "An Giang"),
  prov("Ba Ria - Vung Tau", "Bà Rịa – Vũng Tàu", ["Ba Ria Vung Tau", "Ba Ria-Vung Tau", "BR-VT", "Vung Tau"]),
  prov("Bac Giang", "Bắc Giang"),
  prov("Bac Kan", "Bắc Kạn", ["Bac Can"]),
  prov("Bac Lieu", "Bạc Liêu"),
  prov("Bac Ninh", "Bắc Ninh"),
  prov("Ben Tre", "Bến Tre"),
  prov("Binh Dinh", "Bình Định"),
  prov("Binh Duong", "Bình Dương"),
  prov("Binh Phuoc", "Bình Phước"),
  prov("Binh Thuan", "Bình Thuận"),
  prov("Ca Mau", "Cà Mau"),
  prov("Cao Bang", "Cao Bằng"),
  prov("Dak Lak", "Đắk Lắk", ["Daklak", "Dac Lac", "Dak Lac"]),
  prov("Dak Nong", "Đắk Nông", ["Daknong"]),
  prov("Dien Bien", "Điện Biên"),
  prov("Dong Nai", "Đồng Nai"),
  prov("Dong Thap", "Đồng Tháp"),
  prov("Gia Lai", "Gia Lai"),
  prov("Ha Giang", "Hà Giang"),
  prov("Ha Nam", "Hà Nam"),
  prov("Ha Tinh", "Hà Tĩnh"),
  prov("Hai Duong", "Hải Dương"),
  prov("Hau Giang", "Hậu Giang"),
  prov("Hoa Binh", "Hòa Bình", ["Hoà Bình"]),
  prov("Hung Yen", "Hưng Yên"),
  prov("Khanh Hoa", "Khánh Hòa", ["Khánh Hoà"]),
  prov("Kien Giang", "Kiên Giang"),
  prov("Kon Tum", "Kon Tum", ["Kontum"]),
  prov("Lai Chau", "Lai Châu"),
  prov("Lam Dong", "Lâm Đồng"),
  prov("Lang Son", "Lạng Sơn"),
  prov("Lao Cai", "Lào Cai"),
  prov("Long An", "Long An"),
  prov("Nam Dinh", "Nam Định"),
  prov("Nghe An", "Nghệ An"),
  prov("Ninh Binh", "Ninh Bình"),
  prov("Ninh Thuan", "Ninh Thuận"),
  prov("Phu Tho", "Phú Thọ"),
  prov("Phu Yen", "Phú Yên"),
  prov("Quang Binh", "Quảng Bình"),
  prov("Quang Nam", "Quảng Nam"),
  prov("Quang Ngai", "Quảng Ngãi"),
  prov("Quang Ninh", "Quảng Ninh"),
  prov("Quang Tri", "Quảng Trị"),
  prov("Soc Trang", "Sóc Trăng"),
  prov("Son La", "Sơn La"),
  prov("Tay Ninh", "Tây Ninh"),
  prov("Thai Binh", "Thái Bình"),
  prov("Thai Nguyen", "Thái Nguyên"),
  prov("Thanh Hoa", "Thanh Hóa", ["Thanh Hoá"]),
  // "Hue" alone is also a common given name ("Vuong Dinh Hue"); see HUE_NAME_GUARD below.
  prov("Thua Thien Hue", "Thừa Thiên Huế", ["Thua Thien-Hue", "Hue City", "Hue"]),
  prov("Tien Giang", "Tiền Giang"),
  prov("Tra Vinh", "Trà Vinh"),
  prov("Tuyen Quang", "Tuyên Quang"),
  prov("Vinh Long", "Vĩnh Long"),
  prov("Vinh Phuc", "Vĩnh Phúc"),
  prov("Yen Bai", "Yên Bái"),
];

/**
 * Former (merged or split) provinces whose names contain a current one ("Ha Nam Ninh" contains
 * "Ha Nam"). They are matched so the longer name wins, then dropped: they are not current places.
 */
export const FORMER_PROVINCES: readonly string[] = [
  "Ha Nam Ninh", "Nghe Tinh", "Binh Tri Thien", "Ha Son Binh", "Hai Hung", "Vinh Phu", "Ha Tuyen",
  "Hoang Lien Son", "Cuu Long", "Minh Hai", "Nghia Binh", "Phu Khanh", "Thuan Hai", "Gia Lai - Kon Tum",
  "Song Be", "Bac Thai", "Ha Bac", "Quang Nam - Da Nang", "Ha Tay",
];

export interface PlaceMatch {
  name: string;
  kind: PlaceKind;
  /** The text as it appeared in the input (original spelling and accents). */
  matched: string;
}

/** Folds one character at a time so positions in the folded string equal positions in the original. */
function foldAligned(text: string): string {
  let out = "";
  for (const ch of text) {
    const f = fold(ch);
    // Keep a one-to-one mapping of UTF-16 units: astral characters and odd expansions become spaces.
    out += f.length === ch.length ? f : ch.length === 1 ? (f[0] ?? " ") : " ".repeat(ch.length);
  }
  return out;
}

/** Normalises an alias the way the matcher sees text: folded, hyphens/dashes and dots as flexible gaps. */
function aliasPattern(alias: string): string {
  const parts = foldAligned(alias)
    .split(/[\s\-–—.]+/)
    .filter(Boolean)
    .map(escapeRegExp);
  return parts.join("(?:\\s*[-–—.]\\s*|\\s+)");
}

interface Matcher {
  re: RegExp;
  byGroup: (PlaceEntry | null)[];
}

let matcher: Matcher | null = null;

function getMatcher(): Matcher {
  if (matcher) return matcher;
  const items: { pattern: string; len: number; entry: PlaceEntry | null }[] = [];
  for (const entry of PLACES) {
    const names = new Set([entry.name, entry.vi, ...entry.aliases]);
    for (const n of names) items.push({ pattern: aliasPattern(n), len: fold(n).length, entry });
  }
  for (const n of FORMER_PROVINCES) items.push({ pattern: aliasPattern(n), len: n.length, entry: null });
  // Longest first, so at one position the longest name wins ("Ha Nam Ninh" over "Ha Nam").
  items.sort((a, b) => b.len - a.len);
  const byGroup: (PlaceEntry | null)[] = [];
  const alternation = items
    .map((it) => {
      byGroup.push(it.entry);
      return `(${it.pattern})`;
    })
    .join("|");
  matcher = { re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternation})(?![\\p{L}\\p{N}])`, "gu"), byGroup };
  return matcher;
}

const NAME_CONTEXT_WORDS = new Set(["in", "at", "of", "to", "from", "and", "the", "for", "with", "on", "by", "near", "visit", "visits"]);

/** A personal title just before a name: "Mr. ", "Mrs ", "Ms. ", "Miss ", "Dr. ", "Comrade ". */
const PERSONAL_TITLE = /\b(?:[Mm]r|[Mm]rs|[Mm]s|Miss|[Dd]r|[Cc]omrade)\.?\s+$/;

/** "Hue" alone counts only when it is not a person's: the last part of a name ("Vuong Dinh Hue"), or one who speaks. */
function hueLooksLikePerson(original: string, index: number, matchedText: string): boolean {
  if (fold(matchedText).trim() !== "hue") return false;
  const before = original.slice(Math.max(0, index - 30), index);
  const prev = /([\p{L}]+)\s+$/u.exec(before);
  if (!prev) return false;
  const word = prev[1]!;
  // "Vuong Dinh Hue", and as typed in a chat, "vuong dinh hue": a name syllable before it, not "in", "visit"…
  const nameSyllable = /^\p{Lu}/u.test(word) || /^(dinh|van|thi|duc|minh|quang|ngoc|thanh|xuan|huu|cong|the|kim|thu)$/i.test(fold(word));
  if (nameSyllable && !NAME_CONTEXT_WORDS.has(word.toLowerCase())) return true;
  // "which weak spots did hue tell them to fix": a place tells, says or asks nothing.
  return /^\s+(?:tell|told|tells|say|said|says|ask|asked|asks|urge|urged|stress\w*|emphasi[sz]\w*|speak|spoke)\b/i.test(original.slice(index + matchedText.length, index + matchedText.length + 20));
}

/** A province's or city's spellings (name, Vietnamese name, aliases) folded, dashes as spaces: "thua thien hue", "hue". */
export function foldedSpellings(entry: PlaceEntry): string[] {
  return [entry.name, entry.vi, ...entry.aliases].map((n) => fold(n).replace(/[-–]/g, " ").replace(/\s+/g, " "));
}

/** Every mention of a province or centrally-run city in `text`, in order of appearance. */
export function findPlaces(text: string): PlaceMatch[] {
  const { re, byGroup } = getMatcher();
  const folded = foldAligned(text);
  const out: PlaceMatch[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(folded); m; m = re.exec(folded)) {
    const gi = m.slice(1).findIndex((g) => g !== undefined);
    const entry = gi >= 0 ? byGroup[gi] : null;
    if (!entry) continue; // a former province: the longer name consumed it
    const matched = text.slice(m.index, m.index + m[0].length);
    if (entry.name === "Thua Thien Hue" && hueLooksLikePerson(text, m.index, matched)) continue;
    // "did Mr. Hue ask …", "Ms. Lai said": after a personal title, a place's name is a person's.
    if (PERSONAL_TITLE.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    out.push({ name: entry.name, kind: entry.kind, matched });
  }
  return out;
}

/** How a place is written in `ArticleInput.place`: "Ha Nam province", "Hanoi", "Ho Chi Minh City". */
export function placeLabel(entry: { name: string; kind: PlaceKind }): string {
  return entry.kind === "province" ? `${entry.name} province` : entry.name;
}

const DISTRICT_STOP = new Set([
  "the", "this", "that", "each", "every", "all", "a", "an", "provincial", "province", "city", "town", "district",
  "party", "committee", "standing", "military", "capital", "people's", "entire", "whole", "said", "our", "his", "her",
]);

export interface SubPlace {
  name: string;
  kind: "district" | "town" | "city";
  mentions: number;
}

let provinceNameSet: Set<string> | null = null;
function foldedProvinceNames(): Set<string> {
  provinceNameSet ??= new Set(PLACES.flatMap((p) => [p.name, p.vi, ...p.aliases].map((n) => fold(n))));
  return provinceNameSet;
}

/**
 * Districts, towns and cities inside a province named as "X District Party Committee", "X district", "X Town Party
 * Committee", "X town" or "X City" ("Ben Cat City", "Thu Duc City"; not a province's seat or a municipality), with how
 * often each is mentioned.
 */
/** What a district, town, commune or ward is called after its name ("Tu Ky district", "Tu Ky town"). */
const SUBPLACE_KINDS = "district|town|city|commune|ward";

/** The kinds a folded text names `foldedName` as ("tu ky town" → ["town"]): "vu thu district" names a district. */
export function subPlaceKindsNamed(foldedText: string, foldedName: string): string[] {
  const name = escapeRegExp(foldedName);
  return [...foldedText.matchAll(new RegExp(`(?<![\\p{L}])${name} (${SUBPLACE_KINDS})(?![\\p{L}])`, "gu"))].map((m) => m[1]!);
}

export function findSubPlaces(text: string): SubPlace[] {
  // No "i" flag: with /iu, \p{Lu} would match lowercase letters too.
  const re = /((?:\p{Lu}[\p{Ll}'’]*\s+){0,3}?\p{Lu}\p{Ll}+)\s+(District|district|Town|town|City|city)(?![\p{L}])/gu;
  const found = new Map<string, SubPlace>();
  const provinceNames = foldedProvinceNames();
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // The name words must be capitalised (the regex is case-insensitive only for district/town).
    let words = m[1]!.split(/\s+/);
    if (!words.every((w) => /^\p{Lu}/u.test(w))) {
      const firstLower = words.map((w) => /^\p{Lu}/u.test(w)).lastIndexOf(false);
      words = words.slice(firstLower + 1);
    }
    while (words.length && DISTRICT_STOP.has(words[0]!.toLowerCase())) words = words.slice(1);
    if (!words.length || words.some((w) => DISTRICT_STOP.has(w.toLowerCase()))) continue;
    const name = words.join(" ");
    if (provinceNames.has(fold(name))) continue; // "Thai Binh City", "Hung Yen town": the province's own seat
    if (provinceNames.has(fold(`${name} city`))) continue; // "Ho Chi Minh City" is the municipality itself
    const kind = m[2]!.toLowerCase() as "district" | "town" | "city";
    const key = `${fold(name)}|${kind}`;
    const prev = found.get(key);
    if (prev) prev.mentions++;
    else found.set(key, { name, kind, mentions: 1 });
  }
  return [...found.values()];
}

/**
 * The place an article is about: the province or city mentioned most (a mention in the title counts
 * first), plus the districts/towns the article is about (named in the title or mentioned at least three
 * times), e.g. "Ha Tinh province (Cam Xuyen district, Nghi Xuan district, Hong Linh town)".
 * When no province or city is named, only districts/towns clearly named by the text ("Dien Chau district"),
 * else null: nothing is invented.
 */
export function inferPlace(text: string, title?: string | null): string | null {
  const counts = new Map<string, { entry: PlaceMatch; score: number; first: number }>();
  const add = (matches: PlaceMatch[], weight: number, offset: number) => {
    matches.forEach((m, i) => {
      const c = counts.get(m.name);
      if (c) c.score += weight;
      else counts.set(m.name, { entry: m, score: weight, first: offset + i });
    });
  };
  add(findPlaces(title ?? ""), 1000, 0);
  add(findPlaces(text), 1, 100000);
  const titleSubs = new Set(findSubPlaces(title ?? "").map((s) => fold(s.name)));
  const subs = findSubPlaces(text).filter((s) => s.mentions >= 3 || titleSubs.has(fold(s.name)));
  const subLabel = subs.map((s) => `${s.name} ${s.kind}`).join(", ");
  // No province named: the districts/towns the text is clearly about, else nothing.
  if (counts.size === 0) return subLabel || null;
  const best = [...counts.values()].sort((a, b) => b.score - a.score || a.first - b.first)[0]!;
  const label = placeLabel(best.entry);
  return subLabel ? `${label} (${subLabel})` : label;
}
