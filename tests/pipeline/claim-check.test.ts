import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { checkClaim } from "../../src/answer/check.js";
import { outcomeLead, translations, translatorFor } from "../../src/bot/i18n.js";
import { ENGLISH_LABELS, renderAnswer } from "../../src/bot/render.js";
import { readFacts } from "../../src/facts/index.js";
import { claimedFigures } from "../../src/question/guess.js";
import type { AnswerResult } from "../../src/types.js";
import { markdownUpload as upload, reportUpload, testApp } from "../helpers/app.js";

// A fact-checker's claim ("Is it correct that … 1,300 new members?") weighed against the figure the reports give,
// over sentences from the seed reports (Ha Nam, Thai Binh) and ../shared/corpus (Binh Thuan's 564 Party members).

describe("the figures a claim states", () => {
  it("reads each figure with its precision, scale and bound", () => {
    expect(claimedFigures("is it correct that ha nam admitted 1,300 new members in 2023?")).toEqual([{ text: "1,300", value: 1300, precision: 100, percent: false, bound: null }]);
    expect(claimedFigures("headline says ha nam grew 9.4% in 2023")[0]).toMatchObject({ value: 9.4, precision: 0.1, percent: true });
    // A figure of one significant digit is held to the next ("600" of 564 is not a rounding of it).
    expect(claimedFigures("our copy says it started with about six hundred party members")[0]).toMatchObject({ text: "about six hundred", value: 600, precision: 10 });
    expect(claimedFigures("is it true that revenue topped 68 trillion dong")).toEqual([{ text: "68 trillion", value: 68e12, precision: 1e12, percent: false, bound: null }]);
    expect(claimedFigures("copy says more than 2,000 documents were issued")[0]).toMatchObject({ value: 2000, bound: "above" });
    // Hearsay to check: "Someone … said … . Is that right?" (not a story without a check).
    expect(claimedFigures("someone at our party cell meeting said ha nam took in about twelve hundred new party members during 2023. is that right, and what is the exact number?")[0]).toMatchObject({ text: "about twelve hundred", value: 1200 });
    expect(claimedFigures("someone said ha nam took in 1,200 new party members in 2023. how many did it admit?")).toEqual([]);
    // Years, days of a month and ordinary questions claim nothing.
    expect(claimedFigures("is it correct that the congress ends before june 15, 2025?")).toEqual([]);
    expect(claimedFigures("how many new members did ha nam admit in 2023?")).toEqual([]);
  });
});

describe("a claim weighed against the reports' figure", () => {
  const context = { reportYear: 2023, place: null };
  const quoted = (sentence: string) => readFacts(sentence, context).map((fact) => ({ fact, citation: 1 }));
  const admitted = quoted("During the year, Party committees at all levels admitted 1,251 party members.");
  const claim = (question: string) => claimedFigures(question);

  it("confirms the same figure, calls a rounding of it rounded, and contradicts any other", () => {
    expect(checkClaim(claim("is it true that ha nam admitted 1,251 new members?"), admitted)).toEqual({ claimed: "1,251", given: "1,251", citation: 1, verdict: "confirmed" });
    expect(checkClaim(claim("is it true that ha nam admitted 1,300 new members?"), admitted)?.verdict).toBe("rounded");
    expect(checkClaim(claim("is it true that ha nam admitted about six hundred new members?"), admitted)).toMatchObject({ given: "1,251", verdict: "contradicted" });
    expect(checkClaim(claim("is it true that ha nam admitted more than 1,000 new members?"), admitted)?.verdict).toBe("confirmed");
    expect(checkClaim(claim("is it true that ha nam admitted fewer than 1,000 new members?"), admitted)?.verdict).toBe("contradicted");
  });

  it("weighs a percent against a percent and a sum in its scale ('68 trillion' of '68,358 billion VND')", () => {
    const revenue = quoted("The economic scale in 2023 is estimated to reach 68,358 billion VND, 1.3 times higher than in 2020, up 9.41% on 2022.");
    expect(checkClaim(claim("headline says the economy grew 9.4% in 2023"), revenue)).toMatchObject({ given: "9.41%", verdict: "rounded" });
    expect(checkClaim(claim("our copy says the economy was worth 68 trillion dong"), revenue)).toMatchObject({ given: "68,358 billion VND", verdict: "rounded" });
    expect(checkClaim(claim("our copy says the economy was worth 60 trillion dong"), revenue)?.verdict).toBe("contradicted");
    // Nothing to weigh a claim against: no verdict.
    expect(checkClaim(claim("headline says the economy grew 9.4% in 2023"), [])).toBeNull();
  });
});

describe("answers to a fact-checker", () => {
  let app: App;

  beforeAll(async () => {
    ({ app } = await testApp());
    await app.library.add(reportUpload("Ha Nam", "https://example.org/ha-nam-2023", "1,251"));
    await app.library.add(
      upload(
        "binh-thuan-agencies.md",
        'title: "First conference of the Executive Committee of the Party Committee of provincial Party agencies (Binh Thuan)"\nurl: https://example.org/binh-thuan-agencies\ndate: 2025-02-14\nplace: Binh Thuan province',
        "At the time of establishment, the Party Committee of the provincial Party agencies had 23 grassroots Party organizations and 564 Party members.\n",
      ),
    );
  });
  afterAll(() => app?.close());

  it("answers with the reports' figure and its verdict on the claim, even when the claim is right", async () => {
    const right = await app.ask("Is it true that Ha Nam admitted 1,251 new party members in 2023?");
    expect(right.outcome).toMatchObject({ kind: "answered", check: { claimed: "1,251", given: "1,251", verdict: "confirmed" } });
    expect(right.answer).toContain("1,251");
    const wrong = await app.ask("Is it correct that the Party Committee of Binh Thuan's provincial Party agencies started out with about six hundred Party members?");
    expect(wrong.outcome).toMatchObject({ kind: "answered", check: { claimed: "about six hundred", given: "564", verdict: "contradicted" } });
    // A question that checks nothing has no verdict.
    const plain = await app.ask("How many party members did Ha Nam admit in 2023?");
    expect(plain.outcome).toEqual({ kind: "answered" });
  });

  it("words the verdict in the reader's language, first and in bold in Telegram", () => {
    const outcome = { kind: "answered", check: { claimed: "about six hundred", given: "564", citation: 1, verdict: "contradicted" } } as const;
    const en = outcomeLead(translatorFor(translations(), "en"), outcome);
    expect(en).toBe("No — the reports give 564 [1], not about six hundred.");
    expect(outcomeLead(translatorFor(translations(), "vi"), outcome)).toBe("Không đúng — các báo cáo ghi 564 [1], không phải “about six hundred”.");
    expect(outcomeLead(translatorFor(translations(), "en"), { ...outcome, check: { ...outcome.check, verdict: "rounded" } })).toMatch(/^Roughly — the reports give 564 \[1\]/);
    const result: AnswerResult = {
      question: "q",
      found: true,
      outcome,
      answer: "It had 564 Party members. [1]",
      figures: [],
      citations: [],
      more: [],
      filters: {},
      timings: { embedMs: 0, searchMs: 0, answerMs: 0, totalMs: 0 },
    };
    expect(renderAnswer(result, { ...ENGLISH_LABELS, lead: en }).startsWith("<b>No — the reports give 564 [1], not about six hundred.</b>\nIt had 564 Party members. [1]")).toBe(true);
  });
});

describe("separate years asked together", () => {
  let app: App;
  beforeAll(async () => {
    ({ app } = await testApp());
    await app.library.add(
      upload(
        "thai-binh-income.md",
        'title: "Thai Binh: mid-term review of the 20th Provincial Party Congress resolution"\nurl: https://example.org/thai-binh-income\ndate: 2023-11-25\nplace: Thai Binh province',
        "Average income per capita in 2023 is estimated to reach 62.4 million VND, 1.2 times higher than in 2020.\n",
      ),
    );
  });
  afterAll(() => app?.close());

  it("are answered only when the reports give each year's figure: else a near miss quoting the year they give", async () => {
    const missing = await app.ask("What was Thai Binh's average income per capita in 2022, and how much did it rise into 2023?");
    expect(missing.found).toBe(false);
    expect(missing.outcome).toMatchObject({ kind: "near_miss", differs: ["period"], asked: { period: { from: 2022, to: 2022 } } });
    expect(missing.outcome.kind === "near_miss" && missing.outcome.given[0]).toMatchObject({ value: "62.4 million VND", period: { from: 2023, to: 2023 } });
    // The year the sentence compares with is given too ("1.2 times higher than in 2020").
    const compared = await app.ask("How did Thai Binh's average income per capita in 2023 compare with 2020?");
    expect(compared.outcome.kind).toBe("answered");
    expect(compared.answer).toContain("1.2 times higher than in 2020");
  });
});
