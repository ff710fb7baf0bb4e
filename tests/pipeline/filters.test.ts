import { describe, expect, it } from "vitest";
import { parseQuestionFilters, parseDatePoint } from "../../src/question/filters.js";
import { UserError } from "../../src/types.js";

const context = { newestReportDate: "2023-12-29", knownSources: ["vietnam.vn", "baohaiduong.vn", "en.hungyen.gov.vn (text credits baohungyen.vn)"] };
const parse = (q: string) => parseQuestionFilters(q, context);

describe("date phrases become report-date filters", () => {
  it.each([
    ["What did Thai Binh decide since November?", { from: "2023-11-01" }],
    ["What did Thai Binh decide since November 2022?", { from: "2022-11-01" }],
    ["What has been decided since Feb?", { from: "2023-02-01" }],
    ["Who chaired the conference in December 2023?", { from: "2023-12-01", to: "2023-12-31" }],
    ["Who chaired the conference in December of 2023?", { from: "2023-12-01", to: "2023-12-31" }],
    ["What happened between March and June 2024?", { from: "2024-03-01", to: "2024-06-30" }],
    ["What happened between November and February?", { from: "2022-11-01", to: "2023-02-28" }],
    ["From November 2023 to January 2024, who chaired?", { from: "2023-11-01", to: "2024-01-31" }],
    ["What was decided from 2023-11 to 2023-12-15?", { from: "2023-11-01", to: "2023-12-15" }],
    ["How many party members were admitted last year?", { from: "2022-01-01", to: "2022-12-31" }],
    ["What are the targets set this year?", { from: "2023-01-01", to: "2023-12-31" }],
    ["What was reported last month?", { from: "2023-11-01", to: "2023-11-30" }],
    ["What was decided after October 2023?", { from: "2023-11-01" }],
    ["What was decided before December 2023?", { to: "2023-11-30" }],
    ["What was said until November 2023?", { to: "2023-11-30" }],
    ["What happened in the last 3 months?", { from: "2023-10-01" }],
    ["What was decided in the last twelve months?", { from: "2023-01-01" }],
    ["What was decided over the past two years?", { from: "2022-01-01" }],
    ["What changed since last year?", { from: "2022-01-01" }],
  ])("%s", (question, filters) => {
    const parsed = parse(question);
    expect(parsed.filters).toEqual(filters);
    expect(parsed.question).toBe(question);
    expect(parsed.phrases).toHaveLength(1);
    expect(parsed.datesFromWords).toBe(true);
  });

  it("takes a month's year from the year said just after it ('in april and q2 2024')", () => {
    expect(parseQuestionFilters("what did the chairman ask for in april and q2 2024", { newestReportDate: "2025-10-03" }).filters).toEqual({ from: "2024-04-01", to: "2024-04-30" });
  });

  it("counts a month without a year back from the newest report, not from the clock", () => {
    expect(parseQuestionFilters("since November", { newestReportDate: "2024-01-20" }).filters).toEqual({ from: "2023-11-01" });
    expect(parseQuestionFilters("since January", { newestReportDate: "2024-01-20" }).filters).toEqual({ from: "2024-01-01" });
    expect(parseQuestionFilters("last year", { newestReportDate: "2020-11-28" }).filters).toEqual({ from: "2019-01-01", to: "2019-12-31" });
  });

  it.each([
    ["Tỉnh ủy Thái Bình quyết định gì từ tháng 11?", { from: "2023-11-01" }],
    ["Hà Nam kết nạp bao nhiêu đảng viên năm ngoái?", { from: "2022-01-01", to: "2022-12-31" }],
    ["Hội nghị tháng 12/2023 do ai chủ trì?", { from: "2023-12-01", to: "2023-12-31" }],
    ["Từ tháng 3 đến tháng 6/2024 có gì mới?", { from: "2024-03-01", to: "2024-06-30" }],
    ["Năm nay Hà Nam đặt mục tiêu gì?", { from: "2023-01-01", to: "2023-12-31" }],
  ])("Vietnamese: %s", (question, filters) => {
    expect(parse(question).filters).toEqual(filters);
  });
});

describe("years, places and comparisons that date the facts stay in the question", () => {
  it.each([
    "What was GRDP growth in 2023?",
    "How many party members were admitted in Ha Nam in 2023?",
    "How fast did investment grow in Thai Binh in 2021-2023?",
    "What was the average growth over the 2015-2020 term?",
    "How much did revenue increase compared to last year?",
    "How much higher was revenue than last year?",
    "What may the province achieve in 2024?",
    "What did the province plan from 2021 to 2025?",
    "Which directive of November 23, 2023 covers the Year of the Dragon?",
    "Who chaired the Thai Binh conference?",
    "What targets does Hai Duong set until 2025?",
    "Hà Nam kết nạp bao nhiêu đảng viên năm 2023?",
    // The asker gave the year of their "last year": it is the question's year, not a filter from the newest report.
    "how did dien chau do on its goals last year (2023)?",
    "what did the district achieve last year, 2023?",
    "Thái Bình thu hút bao nhiêu dự án đầu tư từ năm 2021 đến tháng 6/2023?",
  ])("%s", (question) => {
    expect(parse(question)).toEqual({ question, searchQuestion: question, filters: {}, phrases: [], datesFromWords: false, dateYearAssumed: false });
  });
});

describe("inline tokens", () => {
  it("takes place:, from:, to: and source: out of the question, anywhere", () => {
    expect(parse("place:Thai Binh who chaired the conference?")).toEqual({
      question: "who chaired the conference?",
      searchQuestion: "who chaired the conference?",
      filters: { place: "Thai Binh" },
      phrases: ["place:Thai Binh"],
      datesFromWords: false,
      dateYearAssumed: false,
    });
    expect(parse('Who chaired place:"Hong Linh town" from:2023-11 to:2024-01-31 ?').filters).toEqual({ place: "Hong Linh town", from: "2023-11-01", to: "2024-01-31" });
    expect(parse("Who chaired? source:vietnam.vn").filters).toEqual({ source: "vietnam.vn" });
    expect(parse("Who chaired? place:thai binh").filters).toEqual({ place: "thai binh" });
    expect(parse("Who chaired place:Thai Binh What").question).toBe("Who chaired What");
    expect(parse("year:2023 who chaired?").filters).toEqual({ from: "2023-01-01", to: "2023-12-31" });
    expect(parse("to:2024 who chaired?").filters).toEqual({ to: "2024-12-31" });
  });

  it("tokens win over date phrases", () => {
    expect(parse("from:2023-12 what was decided since November?")).toMatchObject({ filters: { from: "2023-12-01" }, datesFromWords: false });
  });

  it("refuses a token date it cannot read, saying how to write one", () => {
    expect(() => parse("from:yesterday who chaired?")).toThrow(UserError);
    expect(() => parse("to:2023-13 who chaired?")).toThrow(/YYYY-MM/);
    expect(() => parse("who chaired? place:")).toThrow(/needs a value/);
  });

  it("reads dates as people write them", () => {
    expect(parseDatePoint("2023")).toEqual({ start: "2023-01-01", end: "2023-12-31" });
    expect(parseDatePoint("2024-02")).toEqual({ start: "2024-02-01", end: "2024-02-29" });
    expect(parseDatePoint("11/2023")).toEqual({ start: "2023-11-01", end: "2023-11-30" });
    expect(parseDatePoint("5/11/2023")).toEqual({ start: "2023-11-05", end: "2023-11-05" });
    expect(parseDatePoint("2023-02-30")).toBeNull();
  });
});

describe("outlets and places named as the reports to read", () => {
  it("an outlet named in the question filters by source", () => {
    expect(parse("According to baohaiduong.vn, who closed the conference?")).toMatchObject({ filters: { source: "baohaiduong.vn" }, searchQuestion: "who closed the conference?" });
    expect(parse("What did baohungyen.vn report on Party building?").filters).toEqual({ source: "baohungyen.vn" });
    expect(parse("What did vnexpress.net say?").filters).toEqual({ source: "vnexpress.net" });
  });

  it("'only' or 'the X reports' makes a place a filter; a place merely named does not", () => {
    expect(parse("Only Thai Binh: who chaired?").filters).toEqual({ place: "Thai Binh" });
    expect(parse("In the Thai Binh reports, who chaired?").filters).toEqual({ place: "Thai Binh" });
    expect(parse("In the Hà Nam report, how many were disciplined?").filters).toEqual({ place: "Ha Nam" });
    expect(parse("Who chaired in Thai Binh?").filters).toEqual({});
  });
});
