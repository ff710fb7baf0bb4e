import { describe, expect, it } from "vitest";
import { contentCoverage, contentTerms, eventYears, peopleActionMissing, personNames } from "../../src/answer/evidence.js";
import { analyzeQuestion } from "../../src/question/analyze.js";
import { fold } from "../../src/text/fold.js";
import { yearsClaimed, yearsNamed } from "../../src/text/years.js";

describe("evidence checks", () => {
  it("finds people's names but not places, outlets or bodies", () => {
    expect(personNames("Mr. Tran Quoc Van, Chairman of the Provincial People's Committee, chaired the meeting.")).toContain("Tran Quoc Van");
    expect(personNames("Lai Chau (VNA) – The provincial Party Committee of Lai Chau province held a conference.")).toEqual([]);
    expect(personNames("The Thai Binh Provincial Party Committee met in Thai Binh city.")).toEqual([]);
    expect(personNames("She asked the leaders of the My Phuoc Ward Party Committee to finalize the documents.")).toEqual([]);
    // A name ends at punctuation; a capitalised stopword inside one is a syllable of it.
    expect(personNames("Tran Quoc Toan, Tran Quoc Van, Nguyen Khac Than, and Nguyen Manh Hung became Deputy Secretaries.")).toEqual([
      "Tran Quoc Toan",
      "Tran Quoc Van",
      "Nguyen Khac Than",
      "Nguyen Manh Hung",
    ]);
    expect(personNames("Comrade Tran The Dung, Standing Deputy Secretary of the Provincial Party Committee, has just signed the document.")).toEqual(["Tran The Dung"]);
    // A title's last capitalised word running into the name is not part of it.
    expect(personNames("Head of the provincial Delegation of National Assembly Deputies Giang Pao My emphasised the preparation.")).toEqual(["Giang Pao My"]);
    // Capitalised document words are no one ("the draft Action Program"): a "who" question is not answered by them.
    expect(personNames("Regarding the draft Action Program to implement the Resolution of the Provincial Party Congress, delegates are requested to discuss.")).toEqual([]);
  });

  it("tells a year that dates the meeting from a year the facts are about", () => {
    expect(eventYears("Who chaired the January 2024 conference in Ha Nam?")).toEqual(["2024"]);
    expect(eventYears("How fast did Thai Binh's economy grow in 2023?")).toEqual([]);
    expect(yearsClaimed("GRDP grew by 8.5% in 2023, compared to 2022.")).toEqual(["2023"]);
    // "From 2021 to June 2023" is one span, not a baseline and a year.
    expect(yearsClaimed("From 2021 to June 2023, the province granted certificates to 274 projects.")).toEqual(["2021", "2022", "2023"]);
    expect(yearsClaimed("from 2021 up to June 2023, how many projects were licensed?")).toEqual(["2021", "2022", "2023"]);
    expect(yearsClaimed("The rate rose from 72.5% in 2020 to 79% in 2023.")).toEqual(["2020", "2023"]);
    // A congress's term is a name: it does not date the sentence's event (it still counts for figures).
    const term = "The Bloc deployed propaganda work for the grassroots Party congresses towards the 10th Congress of the Bloc Party Delegates, term 2025-2030 on November 6.";
    expect(yearsClaimed(term, { terms: false })).toEqual([]);
    expect(yearsClaimed(term)).toContain("2027");
    expect(yearsClaimed("the 2020-2025 tenure ends; in 2024 the province admitted 500 members", { terms: false })).toEqual(["2024"]);
  });

  it("takes no year from a document's number ('Official Dispatch 1924-CV/TU', 'No. 1924 – CV/TU', '2161/QD-UBND')", () => {
    expect(yearsClaimed("(Official dispatch No. 1924 – CV/TU, dated February 22, 2013 of the Standing Committee)")).toEqual(["2013"]);
    expect(yearsNamed("Under Nghe An's Official Dispatch 1924-CV/TU, by what date did the provincial level finish?")).toEqual([]);
    expect(yearsNamed("Decision 2161/QD-UBND of 2021 for 2021-2025")).toEqual(["2021", "2025"]);
  });
});

describe("people counted for what was done to them", () => {
  const elected = analyzeQuestion("How many members were elected to the Hung Yen city Party Executive Committee?");
  it("a count of people asked as elected needs a sentence saying who was elected (or chosen as its synonym)", () => {
    expect(peopleActionMissing(elected, fold("It drew the attendance of 245 representatives representing more than 7,000 party members."))).toBe(true);
    expect(peopleActionMissing(elected, fold("The Congress elected 52 comrades to the Executive Board."))).toBe(false);
    expect(peopleActionMissing(analyzeQuestion("How many party members were disciplined in Ha Nam?"), fold("Party committees at all levels punished 110 party members."))).toBe(false);
    // A count of people asked for nothing done to them is not judged by this.
    expect(peopleActionMissing(analyzeQuestion("How many representatives attended?"), fold("It drew 245 representatives."))).toBe(false);
  });
});

describe("people counted at a meeting", () => {
  const attended = analyzeQuestion("How many delegates attended the 17th Conference of Hai Duong's Provincial Party Executive Committee?");
  it("a count of those who spoke there is no count of those who attended; those a meeting was held for are", () => {
    expect(peopleActionMissing(attended, fold("Previously, in the discussion session at the hall, 6 delegates expressed their opinions."))).toBe(true);
    expect(peopleActionMissing(attended, fold("The leaders disseminated to 450 full-time cadres of the Party Committee the core contents of Directive No. 35."))).toBe(false);
    expect(peopleActionMissing(attended, fold("The conference was attended by 300 delegates."))).toBe(false);
  });
});

describe("words that stand in for each other when judging a sentence", () => {
  it("'speakers' are the delegates who spoke and 'raise' is to propose or express: 'what issues did the 6 speakers raise'", () => {
    const q = analyzeQuestion("hai duong 17th conference hall discussion - what issues did the 6 speakers raise?");
    const terms = contentTerms(q, new Map());
    const unit = { text: "Previously, in the discussion session at the hall, 6 delegates expressed their opinions to propose solutions; have a mechanism to care for contract teachers.", at: 0, heading: null };
    const without = { ...unit, text: "Previously, in the discussion session at the hall, 6 others had their say on solutions; have a mechanism to care for contract teachers." };
    expect(contentCoverage(terms, unit, new Set())).toBeGreaterThan(contentCoverage(terms, without, new Set()) + 0.15);
  });
});
