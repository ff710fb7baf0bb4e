import { describe, expect, it } from "vitest";
import { countsNoun } from "../../src/question/index.js";
import { escapeRegExp, nounPattern } from "../../src/text/escape.js";

describe("patterns built from the question's words", () => {
  it("a literal stays literal; a counted noun matches singular and plural", () => {
    expect(new RegExp(`^${escapeRegExp("Ba Ria - Vung Tau (BR-VT)")}$`).test("Ba Ria - Vung Tau (BR-VT)")).toBe(true);
    const members = new RegExp(`\\b${nounPattern("members")}\\b`);
    expect(members.test("1 member")).toBe(true);
    expect(members.test("3,492 members")).toBe(true);
    expect(members.test("membership")).toBe(false);
    expect(new RegExp(`^${nounPattern("a.b")}$`).test("axb")).toBe(false);
  });

  it("only a plain counted noun is counted in passages, not a kind of answer ('how long', 'how much money')", () => {
    expect(countsNoun("branches")).toBe(true);
    expect(countsNoun("duration")).toBe(false);
    expect(countsNoun("money")).toBe(false);
    expect(countsNoun("party-members")).toBe(false);
    expect(countsNoun(null)).toBe(false);
  });
});
