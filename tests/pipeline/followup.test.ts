import { describe, expect, it } from "vitest";
import { resolveFollowUp, type Turn } from "../../src/question/followup.js";

const turn = (question: string, filters: Turn["filters"] = {}): Turn => ({ question, filters });
const admitted = turn("How many party members were admitted in Ha Nam in 2023?");
const revenue = turn("What was the budget revenue of Hong Linh town in 2023?");

describe("a reply that names only a new year or period keeps the place and subject", () => {
  it.each([
    ["and in 2022?", "How many party members were admitted in Ha Nam in 2022?"],
    ["And 2022?", "How many party members were admitted in Ha Nam in 2022?"],
    ["what about 2022?", "How many party members were admitted in Ha Nam in 2022?"],
    ["In 2022?", "How many party members were admitted in Ha Nam in 2022?"],
    ["and the year before, 2022?", "How many party members were admitted in Ha Nam in 2022?"],
    ["and last year?", "How many party members were admitted in Ha Nam last year?"],
    ["còn năm 2022?", "How many party members were admitted in Ha Nam in 2022?"],
  ])("%s", (reply, question) => {
    expect(resolveFollowUp(admitted, reply)).toEqual({ question, filters: {} });
  });

  it("swaps one date phrase for another, and a year for a year span", () => {
    expect(resolveFollowUp(turn("What did Thai Binh decide since November?"), "and in December 2023?").question).toBe("What did Thai Binh decide in December 2023?");
    expect(resolveFollowUp(turn("What did Thai Binh decide since November?"), "and in 2022?").question).toBe("What did Thai Binh decide in 2022?");
    expect(resolveFollowUp(turn("Who chaired the Thai Binh conference?"), "and in 2022?").question).toBe("Who chaired the Thai Binh conference in 2022?");
  });

  it("drops the previous date filters when the reply names a new period, and keeps the rest", () => {
    const previous = turn("What did Thai Binh decide?", { from: "2023-11-01", to: "2023-12-31", source: "vietnam.vn" });
    expect(resolveFollowUp(previous, "and in 2022?").filters).toEqual({ source: "vietnam.vn" });
    expect(resolveFollowUp(previous, "what about Hai Duong?").filters).toEqual(previous.filters);
  });
});

describe("a reply that names only a new place keeps the year and subject", () => {
  it.each([
    [admitted, "what about Hung Yen?", "How many party members were admitted in Hung Yen in 2023?"],
    [admitted, "And Thai Binh?", "How many party members were admitted in Thai Binh in 2023?"],
    [admitted, "how about Hưng Yên province?", "How many party members were admitted in Hưng Yên province in 2023?"],
    [admitted, "Còn Hưng Yên thì sao?", "How many party members were admitted in Hưng Yên in 2023?"],
    [revenue, "what about Cam Xuyen district?", "What was the budget revenue of Cam Xuyen district in 2023?"],
    [revenue, "And Nghi Xuan?", "What was the budget revenue of Nghi Xuan in 2023?"],
    [turn("What was the budget revenue of Hong Linh town in Ha Tinh in 2023?"), "what about Hung Yen?", "What was the budget revenue of Hung Yen in 2023?"],
    [turn("How fast did investment grow in Thai Binh in 2021-2023?"), "and in Hung Yen?", "How fast did investment grow in Hung Yen in 2021-2023?"],
    [turn("What did Thai Binh decide since November?"), "what about Hai Duong?", "What did Hai Duong decide since November?"],
    [turn("Who chaired the conference in 2023?"), "and Ha Nam?", "Who chaired the conference in 2023 in Ha Nam?"],
  ])("%s / %s", (previous, reply, question) => {
    expect(resolveFollowUp(previous, reply).question).toBe(question);
  });

  it("a place token in the reply swaps the place and becomes the place filter", () => {
    expect(resolveFollowUp(turn("Who chaired the conference?", { place: "Ha Nam" }), "place:Thai Binh")).toEqual({
      question: "Who chaired the conference in Thai Binh?",
      filters: { place: "Thai Binh" },
    });
    expect(resolveFollowUp(admitted, "place:Thai Binh")).toEqual({ question: "How many party members were admitted in Thai Binh in 2023?", filters: { place: "Thai Binh" } });
  });
});

describe("a reply with a new subject is asked about the previous place and time", () => {
  it.each([
    [admitted, "who chaired it?", "who chaired the Ha Nam conference in 2023?"],
    [admitted, "Who chaired the conference?", "Who chaired the conference in Ha Nam in 2023?"],
    [admitted, "What was the growth rate?", "What was the growth rate in Ha Nam in 2023?"],
    [admitted, "How many were disciplined?", "How many were disciplined in Ha Nam in 2023?"],
    [admitted, "and how many were disciplined in 2022?", "and how many were disciplined in 2022 in Ha Nam?"],
    [admitted, "Ai chủ trì?", "Ai chủ trì ở Ha Nam năm 2023?"],
    [turn("What did Thai Binh decide since November?"), "who chaired?", "who chaired in Thai Binh since November?"],
    [
      turn("Who chaired the 17th Conference of the Executive Committee of the Hai Duong Provincial Party Committee?"),
      "when did it close?",
      "when did the 17th Conference of the Executive Committee of the Hai Duong Provincial Party Committee close?",
    ],
  ])("%s / %s", (previous, reply, question) => {
    expect(resolveFollowUp(previous, reply).question).toBe(question);
  });
});

describe("a reply that is a question of its own stands alone", () => {
  it.each([
    "What is the population of Ho Chi Minh City?",
    "How many new party members does Nghi Xuan strive to recruit in 2024?",
    "Who chaired the Thai Binh conference?",
    "Tỉnh ủy Thái Bình chủ trì hội nghị nào?",
    "thanks",
  ])("%s", (reply) => {
    expect(resolveFollowUp(turn("What did Thai Binh decide?", { from: "2023-11-01" }), reply)).toEqual({ question: reply, filters: {} });
  });

  it("keeps its own tokens as filters", () => {
    expect(resolveFollowUp(admitted, "Who chaired the Thai Binh conference? source:vietnam.vn")).toEqual({
      question: "Who chaired the Thai Binh conference?",
      filters: { source: "vietnam.vn" },
    });
  });

  it("an empty or content-free reply asks the previous question again", () => {
    expect(resolveFollowUp(admitted, "and?")).toEqual(admitted);
    expect(resolveFollowUp(admitted, "   ")).toEqual(admitted);
  });
});
