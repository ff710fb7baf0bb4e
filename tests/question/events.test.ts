import { describe, expect, it } from "vitest";
import { namesEvent, numberedEvents, numberedGroups, ordinalFigure, romanNumber } from "../../src/text/events.js";

// Sentences as the corpus writes them (../shared/corpus/extra: Hai Duong, An Giang, Hung Yen, Binh Duong).
describe("numbered events", () => {
  it("reads a conference's or congress's number, with a place or level between", () => {
    expect(numberedEvents("On the morning of December 4, the Executive Committee of the Hai Duong Provincial Party Committee, 17th term, opened its 22nd conference.")).toEqual([
      { n: 22, kind: "meeting", national: false, text: "22nd conference" },
    ]);
    expect(numberedEvents("Closing of the 1st An Giang Provincial Party Congress, term 2025-2030")).toMatchObject([{ n: 1, kind: "congress" }]);
    expect(numberedEvents("At the 25th conference, the Provincial Party Executive Committee will discuss personnel work and at the 26th conference (September 2025)…").map((e) => e.n)).toEqual([25, 26]);
    expect(numberedEvents("the eighth session of the People's Council")).toMatchObject([{ n: 8, kind: "meeting" }]);
    expect(numberedEvents("the meeting agreed that the 15th Provincial People's Council Session will be held on December 8")).toMatchObject([{ n: 15, kind: "meeting" }]);
  });

  it("a term, a committee or an executive body is numbered, not the event after it", () => {
    // "the 13th Party Central Committee's 8th session": the session is the 8th; "17th party executive conference": the committee's term.
    expect(numberedEvents("the results of the 13th Party Central Committee's 8th session").map((e) => e.n)).toEqual([8]);
    expect(numberedEvents("what issues did delegates raise at hai duong's 17th party executive conference")).toEqual([]);
    expect(numberedEvents("for the 2nd time the conference met")).toEqual([]);
  });

  it("knows the national congress a provincial one implements", () => {
    const [national] = numberedEvents("implementing the Resolution of the 13th National Party Congress");
    expect(national).toMatchObject({ n: 13, kind: "congress", national: true });
    expect(namesEvent(numberedEvents("the 19th Provincial Party Congress"), { n: 19, kind: "congress", national: false, text: "19th congress" })).toBe(true);
    expect(namesEvent(numberedEvents("the 19th Provincial Party Committee"), { n: 19, kind: "congress", national: false, text: "19th congress" })).toBe(false);
  });

  it("reads an event named five words after its number", () => {
    expect(numberedEvents("As scheduled, the 15th Hai Duong provincial Military Party Congress, the 2020 - 2025 term, will take place in early June.")).toMatchObject([{ n: 15, kind: "congress" }]);
  });

  it("reads numbered groups, not figures that follow a group word", () => {
    expect(numberedGroups("Head of Group 1 chaired the discussion; head of discussion group No. 2 spoke")).toEqual([{ kind: "group", n: 1 }, { kind: "group", n: 2 }]);
    expect(numberedGroups("who led discussion group no 2")).toEqual([{ kind: "group", n: 2 }]);
    expect(numberedGroups("the group 3,500 members strong")).toEqual([]);
    expect(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd"]).toEqual([1, 2, 3, 4, 11, 12, 13, 21, 22].map(ordinalFigure));
  });
});

describe("Roman numerals", () => {
  it("reads I to XXXIX as Vietnamese numbers congresses and terms, and nothing else", () => {
    expect(["I", "IV", "VIII", "IX", "XIV", "XIX", "XX", "XXXIX"].map(romanNumber)).toEqual([1, 4, 8, 9, 14, 19, 20, 39]);
    for (const text of ["", "IIII", "VV", "XL", "viii", "IC", "Ha"]) expect(romanNumber(text)).toBeNull();
  });
});
