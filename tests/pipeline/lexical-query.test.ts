import { describe, expect, it } from "vitest";
import type { Store } from "../../src/store/store.js";
import { lexicalQuery, stemSet } from "../../src/search/search.js";
import fs from "node:fs";
import path from "node:path";
import { stem, tokenize, type QueryTerm } from "../../src/question/analyze.js";
import { fold } from "../../src/text/fold.js";

/** A store that only answers the two questions lexicalQuery asks: how many passages, and how many have a word. */
function storeWith(passages: number, df: Record<string, number>): Store {
  return { counts: () => ({ articles: 1, passages }), documentFrequency: (t: string) => df[t] ?? 0 } as unknown as Store;
}
const terms = (...words: string[]): QueryTerm[] => words.map((text) => ({ text, stem: text, numeric: false, weak: false }));
const options = { commonTermShare: 0.2, postingBudget: 5_000 };

describe("lexicalQuery", () => {
  it("keeps every term in a small library", () => {
    expect(lexicalQuery(storeWith(700, { disciplined: 3, ha: 40, nam: 20 }), terms("disciplined", "ha", "nam"), options)).toBe('"disciplined" OR "nam" OR "ha"');
  });

  it("leaves out words most passages have, and words that match nothing", () => {
    const store = storeWith(10_000, { party: 8_300, disciplined: 300, nam: 350 });
    expect(lexicalQuery(store, terms("party", "disciplined", "nam", "punish"), options)).toBe('"disciplined" OR "nam"');
  });

  it("requires the two rarest together when a large library has no two within the posting budget", () => {
    const store = storeWith(1_000_000, { hung: 23_000, yen: 11_000, review: 130_000 });
    expect(lexicalQuery(store, terms("hung", "yen", "review"), options)).toBe('("yen" AND "hung")');
    const withOneRare = storeWith(1_000_000, { given: 4_000, hung: 23_000, yen: 11_000 });
    expect(lexicalQuery(withOneRare, terms("given", "hung", "yen"), options)).toBe('"given" OR ("given" AND "yen")');
  });
});

describe("tokenize", () => {
  it("finds the same tokens on its ASCII path as the Unicode pattern, on every seed report and on Vietnamese", () => {
    const unicode = /[\p{L}\p{N}]+(?:[.,/\-][\p{L}\p{N}]+)*/gu;
    const texts = fs.readdirSync("data").filter((f) => f.endsWith(".txt")).map((f) => fs.readFileSync(path.join("data", f), "utf8"));
    texts.push("Hội nghị lần thứ 26 — “Ban Chấp hành” 9,41% 26-CT/TW", "The province’s GRDP grew 9.41% – the highest");
    for (const text of [...texts, ...texts.map(fold)]) expect(tokenize(text)).toEqual(text.match(unicode) ?? []);
    expect(tokenize(fold("Đảng bộ tỉnh 26-CT/TW, 9.41%"))).toEqual(["dang", "bo", "tinh", "26-ct/tw", "9.41"]);
  });
});

describe("stemSet", () => {
  it("gives a month's short name the month: 'the Nov 2023 review' was held 'on November 13'", () => {
    expect(stemSet("the review on November 13").has(stem("nov"))).toBe(true);
    expect(stem("sept")).toBe(stem("September"));
    expect(stem("dec")).toBe(stem("december"));
  });
});
