import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chunkArticle, DEFAULT_CHUNK_OPTIONS } from "../../src/chunk/chunk.js";
import { cleanArticleText } from "../../src/ingest/index.js";
import { splitSentences } from "../../src/text/sentences.js";
import { SEED_DIR } from "../helpers/paths.js";

const seed = (name: string) => cleanArticleText(fs.readFileSync(path.join(SEED_DIR, name), "utf8"));
const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe("sentences", () => {
  it("keeps abbreviations, decimals and document numbers inside one sentence", () => {
    const s = splitSentences("To continue effectively implementing Project No. 02 of the Committee. GRDP grew 9.41% in 2023. Mr. Nghia spoke.");
    expect(s).toEqual(["To continue effectively implementing Project No. 02 of the Committee.", "GRDP grew 9.41% in 2023.", "Mr. Nghia spoke."]);
  });
});

describe("chunkArticle", () => {
  for (const file of fs.readdirSync(SEED_DIR).filter((f) => f.endsWith(".txt"))) {
    it(`cuts ${file} into passages of a sensible size without losing a word`, () => {
      const text = seed(file);
      const passages = chunkArticle({ id: "a", text });
      expect(passages.length).toBeGreaterThan(3);
      for (const p of passages) expect(p.text.length).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.maxChars + 200);
      // Every word of the article is in some passage, in order (list headings may repeat).
      const joined = words(passages.map((p) => p.text).join(" "));
      expect(joined.length).toBeGreaterThanOrEqual(words(text).length);
      expect(new Set(joined)).toEqual(new Set(words(text)));
      expect(passages.map((p) => p.position)).toEqual(passages.map((_, i) => i));
    });
  }

  it("merges tiny paragraphs instead of making one-line passages", () => {
    const text = ["Delegates attending the conference", "A".repeat(400) + ".", "Caption one.", "Caption two.", "B".repeat(400) + "."].join("\n\n");
    const passages = chunkArticle({ id: "a", text });
    expect(passages.every((p) => p.text.length >= 30)).toBe(true);
    expect(passages.some((p) => p.text.includes("Delegates attending the conference\n" + "A"))).toBe(true);
  });

  it("splits a long paragraph on sentence boundaries", () => {
    const sentence = "The province's growth reached 9.41% while industrial production changed positively. ";
    const passages = chunkArticle({ id: "a", text: sentence.repeat(40).trim() });
    expect(passages.length).toBeGreaterThan(3);
    for (const p of passages) {
      expect(p.text.length).toBeLessThanOrEqual(DEFAULT_CHUNK_OPTIONS.maxChars);
      expect(p.text.endsWith(".")).toBe(true);
    }
  });

  it("keeps a list with its heading, repeating the heading when the list continues in a new passage", () => {
    const items = Array.from({ length: 30 }, (_, i) => `- Target number ${i + 1} for the district is to reach ${i * 7} units;`);
    const text = ["Some targets for Cam Xuyen district in 2024:", ...items].join("\n\n");
    const passages = chunkArticle({ id: "a", text });
    expect(passages.length).toBeGreaterThan(1);
    for (const p of passages) expect(p.text.startsWith("Some targets for Cam Xuyen district in 2024:")).toBe(true);
  });
});
