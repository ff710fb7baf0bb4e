import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { resolveFollowUp, type Turn } from "../../src/question/followup.js";
import { renderText } from "../../src/answer/render-text.js";
import { testApp } from "../helpers/app.js";

// Seed reports: Hung Yen 2023-01-13, Thai Binh 2023-11-13, Hai Duong 2023-12-01, Ha Tinh 2023-12-28, Ha Nam 2023-12-29.
const HUNG_YEN = "002_e56c2869da385239";
const HA_NAM = "000_0a7ecdbcfacbb317";

let app: App;
beforeAll(async () => {
  ({ app } = await testApp());
});
afterAll(() => app?.close());

const ask = (turn: Turn) => app.ask(turn.question, turn.filters);

describe("follow-ups through the real pipeline", () => {
  it("'and in 2022?' after a Ha Nam 2023 question keeps the subject, swaps the year and finds Hung Yen's 2022 growth when the place changes too", async () => {
    const first: Turn = { question: "How fast did Ha Nam's economy grow in 2023?", filters: {} };
    const firstAnswer = await ask(first);
    expect(firstAnswer.answer).toContain("9.41%");
    expect(firstAnswer.citations[0]!.articleId).toBe(HA_NAM);

    const place = resolveFollowUp(first, "what about Hung Yen?");
    expect(place.question).toBe("How fast did Hung Yen's economy grow in 2023?");
    const year = resolveFollowUp(place, "and in 2022?");
    expect(year.question).toBe("How fast did Hung Yen's economy grow in 2022?");

    const answer = await ask(year);
    expect(answer.found).toBe(true);
    expect(answer.answer).toContain("13.4%");
    const cited = answer.citations.find((c) => c.passage.includes("13.4%"))!;
    expect(cited.articleId).toBe(HUNG_YEN);
  });

  it("'who chaired it?' is asked about the previous report's place", async () => {
    const first: Turn = { question: "How many party members were disciplined in Ha Nam in 2023?", filters: {} };
    expect((await ask(first)).answer).toContain("110 party members");
    const followUp = resolveFollowUp(first, "who chaired it?");
    const answer = await ask(followUp);
    expect(answer.found).toBe(true);
    expect(answer.answer).toContain("Le Thi Thuy");
    expect(answer.citations[0]!.articleId).toBe(HA_NAM);
  });

  it("a follow-up that asks what the reports do not say is declined, not answered from the previous place", async () => {
    const first: Turn = { question: "How many party members did Ha Nam admit in 2023?", filters: {} };
    expect((await ask(first)).answer).toContain("1,251");
    const answer = await ask(resolveFollowUp(first, "what about Hung Yen in 2022?"));
    expect(answer.found).toBe(false);
    expect(answer.answer).not.toContain("1,251");
  });
});

describe("filters understood from the question", () => {
  it("'since November 2023' includes the November and December reports and excludes January's", async () => {
    const since = await app.ask("What did the provinces decide about Party building since November 2023?");
    expect(since.filters).toEqual({ from: "2023-11-01" });
    expect(since.filterPhrases).toEqual(["since November 2023"]);
    const dates = [...since.citations, ...since.more].map((c) => c.date!);
    expect(dates.length).toBeGreaterThan(0);
    for (const d of dates) expect(d >= "2023-11-01").toBe(true);
    expect(new Set(dates).size).toBeGreaterThan(1);

    // The Hung Yen report (January 2023) answers without the filter and is out of reach with it.
    const question = "How many Party organizations in Hung Yen only completed their tasks in 2022?";
    expect((await app.ask(question)).answer).toContain("54/545");
    const filtered = await app.ask(`${question.replace("?", "")} since November 2023?`);
    expect(filtered.found).toBe(false);
    expect(filtered.answer).not.toContain("54/545");
    expect(filtered.outcome).toMatchObject({ kind: "declined", filtered: true });
  });

  it("'since November' counts from the newest report, and the answer says which filter applied", async () => {
    const result = await app.ask("Who chaired the Thai Binh conference since November?");
    expect(result.filters).toEqual({ from: "2023-11-01" });
    expect(result.found).toBe(true);
    expect(result.answer).toContain("Ngo Dong Hai");
    expect(renderText(result, () => null)).toMatch(/^Filter: dated 2023-11-01 or later \(from "since November"\)/);
  });

  it("a filter that matches no report says so instead of answering from elsewhere", async () => {
    const lastYear = await app.ask("Who chaired the Ha Nam conference last year?");
    expect(lastYear.filters).toEqual({ from: "2022-01-01", to: "2022-12-31" });
    expect(lastYear.found).toBe(false);
    expect(lastYear.outcome.kind).toBe("no_matching_reports");
    expect(lastYear.citations).toEqual([]);
    // For a figure of a metric, "last year" names the figure's year: every report is read, and 2023's is a near miss.
    const disciplined = await app.ask("How many party members were disciplined in Ha Nam last year?");
    expect(disciplined.found).toBe(false);
    expect(disciplined.outcome).toMatchObject({ kind: "near_miss", differs: ["period"] });

    const december = await app.ask("How many party members were disciplined in Ha Nam in December 2023?");
    expect(december.answer).toContain("110 party members");
    const november = await app.ask("How many party members were disciplined in Ha Nam in November 2023?");
    expect(november.found).toBe(false);
    expect(november.answer).not.toContain("110");
  });

  it("inline tokens filter and leave the question; options win over them", async () => {
    const result = await app.ask("place:Hai Duong from:2023-12 Who closed the conference?");
    expect(result.question).toBe("Who closed the conference?");
    expect(result.filters).toEqual({ place: "Hai Duong", from: "2023-12-01" });
    expect(result.answer).toContain("Tran Duc Thang");
    for (const c of result.citations) expect(c.title + c.passage).toMatch(/Hai Duong|Provincial Party/);

    const overridden = await app.ask("place:Hai Duong Who chaired the conference?", { place: "Ha Nam" });
    expect(overridden.filters).toEqual({ place: "Ha Nam" });
    expect(overridden.citations.every((c) => c.articleId === HA_NAM)).toBe(true);
  });

  it("a bare year stays a preference: a 2022 fact is found in a report dated 2023", async () => {
    const result = await app.ask("What was Hung Yen's GRDP growth rate in 2022?");
    expect(result.filters).toEqual({});
    expect(result.answer).toContain("13.4%");
  });

  it("an outlet named in the question filters by source", async () => {
    const result = await app.ask("According to baohaiduong.vn, who is the Secretary of the Provincial Party Committee?");
    expect(result.filters).toEqual({ source: "baohaiduong.vn" });
    expect(result.found).toBe(true);
    expect(result.citations.every((c) => c.source === "baohaiduong.vn")).toBe(true);
  });
});
