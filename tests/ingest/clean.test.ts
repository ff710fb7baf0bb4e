import { describe, expect, it } from "vitest";
import { CLEAN_RULES, ContainmentIndex, cleanArticle, cleanArticleText, splitParagraphs } from "../../src/ingest/clean.js";
import { count, extra, seedText } from "./corpus.js";

const cleaned = (prefix: string) => cleanArticle(seedText(prefix));
const removedBy = (r: ReturnType<typeof cleanArticle>, rule: string) => r.removed.filter((x) => x.rule === rule).map((x) => x.text);

describe("cleanArticleText: output shape", () => {
  it("gives paragraphs separated by one blank line, whitespace normalised (NBSP, runs of spaces)", () => {
    const text = cleanArticleText(seedText("002"));
    expect(text).not.toMatch(/\n{3,}/);
    expect(text).not.toMatch(/[ \t\u00a0]{2,}|\u00a0/);
    expect(text).toContain("The draft report summarizing the Party building work in 2022");
    for (const p of text.split("\n\n")) expect(p).toBe(p.trim());
  });

  it("joins hard-wrapped lines but keeps one-line-per-paragraph text apart", () => {
    expect(splitParagraphs("The conference reviewed the work of the year and\nset tasks for 2024.\nNext paragraph.")).toEqual([
      "The conference reviewed the work of the year and set tasks for 2024.",
      "Next paragraph.",
    ]);
  });

  it("exports every rule name", () => {
    expect(Object.values(CLEAN_RULES)).toEqual(
      expect.arrayContaining(["site-header", "dateline", "media-embed", "tail-block", "source-credit", "byline", "navigation", "title-repeat", "repeated-caption", "duplicate-paragraph", "contained-paragraph"]),
    );
  });
});

describe("noise patterns on the seed reports", () => {
  it(`${CLEAN_RULES.tailBlock}: "Comment (0)", comment prompt, "Same tag/category/author", navigation words and teaser headlines are gone (004)`, () => {
    const r = cleaned("004");
    for (const s of ["Comment (0)", "Please leave a comment", "Same tag", "Same category", "Same author", "Notre Dame Cathedral", "SEA Games", "Sa Dec flower village", "Political System"]) {
      expect(r.text).not.toContain(s);
    }
    expect(r.text).not.toMatch(/\n\n(?:Heritage|Figure|Enterprise|News|Destination|Product)(?:\n|$)/);
    expect(removedBy(r, CLEAN_RULES.tailBlock)).toContain("Same tag");
    expect(r.text.endsWith("30 individuals who achieved outstanding results in 2023.")).toBe(true);
  });

  it(`${CLEAN_RULES.tailBlock}: the trailing "Comment (0)" of 000 and 003`, () => {
    expect(cleaned("000").text).not.toContain("Comment (0)");
    expect(cleaned("003").text).not.toContain("Comment (0)");
  });

  it(`${CLEAN_RULES.sourceCredit}: a bare "Source" line (000, 003, 004) and "Source: baohungyen.vn" (002)`, () => {
    for (const p of ["000", "003", "004"]) {
      expect(cleaned(p).text).not.toMatch(/(?:^|\n)Source(?:\n|$)/);
    }
    const r = cleaned("002");
    expect(r.text).not.toContain("Source: baohungyen.vn");
    expect(removedBy(r, CLEAN_RULES.sourceCredit)).toEqual(["Source: baohungyen.vn"]);
  });

  it(`${CLEAN_RULES.byline}: "Nguyen Hang" (000), "HOANG BIEN-THANH CHUNG" (001), "News: Dao Quyen" / "Photo: Reporter group" (003)`, () => {
    expect(removedBy(cleaned("000"), CLEAN_RULES.byline)).toEqual(["Nguyen Hang"]);
    expect(removedBy(cleaned("001"), CLEAN_RULES.byline)).toEqual(["HOANG BIEN-THANH CHUNG"]);
    const r3 = cleaned("003");
    expect(r3.text).not.toContain("Dao Quyen");
    expect(r3.text).not.toContain("Reporter group");
    expect(r3.text.endsWith("President of the Provincial Women's Union, spoke at the discussion.")).toBe(true);
  });

  it(`${CLEAN_RULES.mediaEmbed}: 003's "Video: 131123_-_HOP_BCH…mp4?_t=" line is gone`, () => {
    const r = cleaned("003");
    expect(r.text).not.toContain(".mp4");
    expect(r.text).not.toContain("Video:");
    expect(removedBy(r, CLEAN_RULES.mediaEmbed)).toHaveLength(1);
  });

  it(`${CLEAN_RULES.siteHeader} and ${CLEAN_RULES.dateline}: "Vietnam.vn - Nền tảng quảng bá Việt Nam" and "Việt NamViệt Nam28/12/2023" (004)`, () => {
    const r = cleaned("004");
    expect(r.text).not.toContain("Nền tảng");
    expect(r.text).not.toContain("28/12/2023");
    expect(removedBy(r, CLEAN_RULES.siteHeader)).toEqual(["Vietnam.vn - Nền tảng quảng bá Việt Nam"]);
    expect(removedBy(r, CLEAN_RULES.dateline)).toEqual(["Việt NamViệt Nam28/12/2023"]);
  });

  it(`${CLEAN_RULES.repeatedCaption}: 004's photo caption appears once (the first time), "Delegates attending the conference" once`, () => {
    const raw = seedText("004");
    const caption = "Strengthening the building of a clean and strong Party and political system.";
    expect(count(raw, caption)).toBeGreaterThanOrEqual(10);
    const r = cleanArticle(raw);
    expect(count(r.text, caption)).toBe(1);
    expect(count(r.text, "Delegates attending the conference")).toBe(1);
    expect(removedBy(r, CLEAN_RULES.repeatedCaption).length).toBeGreaterThanOrEqual(10);
    // first occurrence kept: the caption still precedes the first report paragraph
    expect(r.text.indexOf(caption)).toBeLessThan(r.text.indexOf("On the morning of December 28th"));
  });

  it(`${CLEAN_RULES.containedParagraph}: 003's chair list repeated as paragraph 2 appears once`, () => {
    const r = cleaned("003");
    const chairs = "Comrades: Ngo Dong Hai, member of the Party Central Committee, Secretary of the Provincial Party Committee;";
    expect(count(seedText("003"), chairs)).toBe(2);
    expect(count(r.text, chairs)).toBe(1);
    expect(removedBy(r, CLEAN_RULES.containedParagraph)).toHaveLength(1);
  });

  it(`${CLEAN_RULES.duplicateParagraph}: an exact repeated paragraph is dropped, the first kept`, () => {
    const para =
      "In 2023, the district admitted 123 new party members and exceeded 12 of its 14 socio-economic targets, with growth of 9.26% in production value and income of 51.82 million VND per person.";
    const r = cleanArticle(`${para}\n\nAnother paragraph about the conference.\n\n${para}`);
    expect(r.text.split("\n\n")).toEqual([para, "Another paragraph about the conference."]);
    expect(removedBy(r, CLEAN_RULES.duplicateParagraph)).toEqual([para]);
  });

  it(`${CLEAN_RULES.titleRepeat}: a first line repeating the given title is dropped (extra 007)`, () => {
    const a = extra("007");
    const r = cleanArticle(a.text, { title: a.title });
    expect(r.text.startsWith("The Party Central Committee’s Organisation Commission")).toBe(true);
    expect(removedBy(r, CLEAN_RULES.titleRepeat)).toEqual([a.title]);
  });

  it(`${CLEAN_RULES.navigation}: a trailing run of navigation labels without an end marker`, () => {
    const r = cleanArticle("The conference closed after two days with 10 resolutions passed.\n\nNews\n\nPolitical System\n\nDestination");
    expect(r.text).toBe("The conference closed after two days with 10 resolutions passed.");
    expect(removedBy(r, CLEAN_RULES.navigation)).toEqual(["News", "Political System", "Destination"]);
  });

  it("cleans furniture of other outlets in the extra articles (bylines with translators, Source: URL, Other Stories, Tags)", () => {
    expect(cleanArticleText(extra("045").text)).not.toContain("Translated by");
    const t019 = cleanArticleText(extra("019").text);
    expect(t019).not.toMatch(/Source: https|Comment \(0\)|Thuy Thao$|Follow Tay Ninh Newspaper on/);
    expect(cleanArticleText(extra("020").text)).not.toContain("Source: https");
    expect(cleanArticleText(extra("044").text)).not.toContain("Other Stories");
    const t050 = cleanArticleText(extra("050").text);
    expect(t050).not.toMatch(/\nTags\n|Translated by/);
    expect(cleanArticleText(extra("046").text)).not.toMatch(/Source: VNA$/);
    const t057 = cleanArticleText(extra("057").text);
    expect(t057).not.toMatch(/intNumViewTotal|Quay lên trên|Update: 19-12-2024/);
  });
});

describe("facts survive cleaning", () => {
  const facts: [string, string][] = [
    ["000", "disciplined 1 TCĐ, 110 party members"],
    ["000", "Commemorative Medal"],
    ["000", "1,251 party members"],
    ["000", "14/16 main socio-economic targets"],
    ["000", "2024 Housing Development Plan of Ha Nam province"],
    ["001", "Directive 26-CT/TW"],
    ["001", "Project No. 02"],
    ["001", "economic growth of over 9%"],
    ["002", "January 13"],
    ["002", "54/545"],
    ["002", "13.4%"],
    ["003", "7.1%"],
    ["003", "1 billion USD"],
    ["003", "Comrade Nguyen Thi Phuong, President of the Provincial Women's Union, spoke at the discussion."],
    ["004", "5 OCOP 3-star products"],
    ["004", "300 billion"],
    ["004", "120 new party members"],
    ["004", "28 grassroots Party organizations"],
    ["004", "408 billion VND"],
    ["004", "Decision 1363/QD-TTg"],
  ];
  it.each(facts)("seed %s keeps %j", (prefix, fact) => {
    expect(seedText(prefix)).toContain(fact);
    expect(cleanArticleText(seedText(prefix))).toContain(fact);
  });

  it("no paragraph with a figure is removed except by tail-block (teasers), media-embed, dateline or contained-paragraph", () => {
    for (const prefix of ["000", "001", "002", "003", "004"]) {
      const r = cleanArticle(seedText(prefix));
      const lost = r.removed.filter(
        (x) =>
          /\d/.test(x.text) &&
          !([CLEAN_RULES.tailBlock, CLEAN_RULES.containedParagraph, CLEAN_RULES.dateline, CLEAN_RULES.mediaEmbed] as string[]).includes(x.rule),
      );
      expect(lost.map((x) => `${prefix} ${x.rule}: ${x.text.slice(0, 60)}`)).toEqual([]);
      // and what a contained-paragraph removal dropped is still in the text
      for (const x of r.removed.filter((x) => x.rule === CLEAN_RULES.containedParagraph)) {
        expect(r.text.includes(x.text)).toBe(true);
      }
    }
  });

  it("removes only furniture: cleaned 001 is the raw text minus one byline line", () => {
    const raw = seedText("001");
    const text = cleanArticleText(raw);
    expect(splitParagraphs(raw).length - text.split("\n\n").length).toBe(1);
  });
});

describe("cleaning work grows linearly with the paragraph count (issue 14, item 3)", () => {
  const paragraphs = (n: number, prefix = "") =>
    Array.from(
      { length: n },
      // Lengths vary, so most earlier paragraphs are longer than a later one and had to be searched in full.
      (_, i) => `${prefix}Paragraph ${i}: the Provincial Party Committee of district ${i} reported ${1000 + i} new party members and ${i % 97} ${"very ".repeat(i % 9)}active grassroots organizations in 2023.`,
    );
  const contained = "the Provincial Party Committee of district 12 reported 1012 new party members and 12 very very very active grassroots";
  /** Substring checks the containment index makes over these paragraphs, in the order cleaning uses it. */
  const comparisons = (keys: string[]) => {
    const index = new ContainmentIndex();
    for (const k of keys) {
      index.containedInEarlier(k);
      index.add(k);
    }
    return index.comparisons;
  };

  it("4x the paragraphs make about 4x the substring checks, not 16x (the all-pairs check took 34 s at 40,000), also when every paragraph repeats a long prefix", () => {
    for (const prefix of ["", "The conference of the Provincial Party Committee heard the report and agreed that ".repeat(2)]) {
      const small = comparisons(paragraphs(5_000, prefix));
      const large = comparisons(paragraphs(20_000, prefix));
      expect(large).toBeLessThanOrEqual(small * 4.1);
      // The bound by construction: at most 20 windows looked up, 16 remembered paragraphs each.
      expect(large).toBeLessThanOrEqual(20_000 * 20 * 16);
    }
    // The all-pairs check for comparison: n(n-1)/2 checks.
    expect(comparisons(paragraphs(20_000))).toBeLessThan((20_000 * 19_999) / 2 / 100);
  });

  it("still drops a paragraph contained in an earlier one among 20,000", () => {
    const r = cleanArticle([...paragraphs(20_000), contained].join("\n\n"));
    expect(r.text.split("\n\n")).toHaveLength(20_000);
    expect(removedBy(r, CLEAN_RULES.containedParagraph)).toEqual([contained]);
  });
});
