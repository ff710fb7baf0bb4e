import { describe, expect, it } from "vitest";
import { articleFacts, readFacts, reportYearOf } from "../../src/facts/index.js";
import { yearPart } from "../../src/text/years.js";

// Sentences as the seed reports write them (data/*.txt).
const of = (text: string, reportYear = 2023, placeBefore: string | null = null) => readFacts(text, { reportYear, place: null, placeBefore });
const fact = (text: string, value: string, reportYear = 2023) => {
  const found = of(text, reportYear).find((f) => f.value === value);
  if (!found) throw new Error(`no fact ${value} in: ${text}`);
  return found;
};

describe("facts read from report sentences", () => {
  it("a result of the year reported on, with its metric and unit", () => {
    const f = fact("During the year, Party committees at all levels admitted 1,251 party members.", "1,251");
    expect(f).toMatchObject({ metric: "party_members_admitted", number: 1251, unit: "party members", period: { from: 2023, to: 2023 }, modality: "achieved" });
  });

  it("a target, in its clause or under a heading, is for the year after the one reported on unless it says", () => {
    expect(fact("Promote the development of new Party members, strive to recruit 3-4% of new Party members annually.", "3-4%")).toMatchObject({
      metric: "party_members_admitted",
      modality: "target",
      period: { from: 2024, to: 2024 },
    });
    const listed = of("Some targets for Cam Xuyen district in 2024:\n- Recruit 200 new party members;\n- The growth rate reached 11%;");
    expect(listed.map((f) => [f.value, f.metric, f.modality, f.period?.from])).toEqual([
      ["200", "party_members_admitted", "target", 2024],
      ["11%", "growth", "target", 2024],
    ]);
    expect(fact("Some specific targets include: striving to recruit 120 new party members; total budget revenue in the area exceeding 333 billion VND.", "333 billion VND")).toMatchObject({
      metric: "budget_revenue",
      modality: "target",
    });
    expect(fact("To complete the set goals, including striving for economic growth of over 9%, Hai Duong must focus on overcoming limitations.", "9%")).toMatchObject({ metric: "growth", modality: "target" });
  });

  it("a part of the year, however hyphenated, is the figure's period ('first-quarter', 'nine-month')", () => {
    expect(fact("The first-quarter 2024 GRDP growth rate reached 6.06%.", "6.06%", 2024)).toMatchObject({ metric: "growth", period: { from: 2024, to: 2024, part: "Q1" } });
    expect(fact("Nine-month budget revenue in 2023 reached 1,200 billion VND.", "1,200 billion VND")).toMatchObject({ metric: "budget_revenue", period: { from: 2023, to: 2023, part: "9M" } });
  });

  it("'1st half' and 'H1' are the first half of a year, in a report and in a question", () => {
    expect(fact("GRDP growth in the 1st half of 2020 was 5.31%.", "5.31%", 2020)).toMatchObject({ metric: "growth", period: { from: 2020, to: 2020, part: "H1" } });
    expect(yearPart("binh phuoc grdp growth h1 2020")).toBe("H1");
    expect(yearPart("binh phuoc grdp growth 1st half 2020")).toBe("H1");
  });

  it("the share of services in the economy is its make-up; overseas investors' money is FDI", () => {
    expect(fact("The share of services reached 40.2% in 2023.", "40.2%")).toMatchObject({ metric: "economic_structure" });
    expect(fact("Capital from overseas investors reached 1.2 billion USD in 2023.", "1.2 billion USD")).toMatchObject({ metric: "fdi" });
  });

  it("money flowing into the state coffers is budget revenue", () => {
    expect(fact("Money flowing into the state coffers reached 300 billion VND in 2023.", "300 billion VND")).toMatchObject({ metric: "budget_revenue" });
  });

  it("a span average is not the year's figure; a baseline year is not the figure's year", () => {
    const text = "In particular, the average economic growth rate in the 3 years (2021 - 2023) of the province is estimated at 8.56%; The economic scale in 2023 is estimated to reach 68,358 billion VND, 1.3 times higher than in 2020.";
    expect(fact(text, "8.56%")).toMatchObject({ metric: "growth", period: { from: 2021, to: 2023 }, modality: "estimated" });
    expect(fact(text, "68,358 billion VND")).toMatchObject({ metric: "economic_scale", period: { from: 2023, to: 2023 } });
    expect(of(text).map((f) => f.value)).not.toContain("3"); // "3 years" is not a figure
    expect(fact("The total product in the province increased by 9.41% over the same period in 2022.", "9.41%")).toMatchObject({ metric: "growth", period: { from: 2023, to: 2023 }, modality: "comparison" });
    expect(fact("In 2022, the province's GRDP growth rate reached 13.4%.", "13.4%", 2023)).toMatchObject({ period: { from: 2022, to: 2022 }, modality: "achieved" });
    const shares = of("The proportion of industry, construction and services in GRDP increased from 72.5% in 2020 to 79% in 2023.");
    expect(shares.map((f) => [f.value, f.period?.from, f.metric])).toEqual([["72.5%", 2020, "economic_structure"], ["79%", 2023, "economic_structure"]]);
    expect(fact("Total budget expenditure was over VND 742 billion, an increase of 24.43% compared to the same period last year.", "742 billion")).toMatchObject({ metric: "budget_expenditure", period: { from: 2023, to: 2023 } });
  });

  it("a quarter's or some months' figure says which part of the year it is", () => {
    const f = fact("The estimated growth rate of Gross Regional Domestic Product (GRDP) for the first quarter of 2024 reached 6.06%, ranking the fifth out of 14 provinces.", "6.06%", 2024);
    expect(f).toMatchObject({ metric: "growth", period: { from: 2024, to: 2024, part: "Q1" } });
    expect(fact("In the first 9 months of 2019, budget revenue reached 1,200 billion VND.", "1,200 billion VND", 2019).period).toMatchObject({ from: 2019, part: "9M" });
  });

  it("a figure for a period after the report's own year is a target, whatever the sentence's verbs", () => {
    const text = "Among the 34 specific targets, highlights include average GRDP growth of 10–11% annually in the 2026–2030 period, per capita GRDP by 2030 exceeding 180 million VND.";
    expect(fact(text, "10–11%", 2025)).toMatchObject({ metric: "growth", modality: "target", period: { from: 2026, to: 2030 } });
    expect(fact(text, "180 million VND", 2025)).toMatchObject({ modality: "target", period: { from: 2030, to: 2030 } });
    expect(fact("In 2022, the province's GRDP growth rate reached 13.4%.", "13.4%", 2023).modality).toBe("achieved");
  });

  it("a figure dated 'in the same period last year' is that year's, not the one reported on", () => {
    const text = "The official took note of clear signs of recovery in the first quarter with the GRDP up 4.58 percent, compared to a 0.42 percent increase in the same period last year.";
    expect(fact(text, "4.58 percent", 2021).period).toMatchObject({ from: 2021, to: 2021, part: "Q1" });
    expect(fact(text, "0.42 percent", 2021).period).toMatchObject({ from: 2020, to: 2020, part: "Q1" });
    // "over the same period" compares: the growth is this year's.
    expect(fact("Total social investment capital increased by 14.36% over the same period last year.", "14.36%").period).toMatchObject({ from: 2023, to: 2023 });
  });

  it("leaves out dates, years, ordinals and document codes", () => {
    const values = of("On December 28, the 26th conference discussed Directive 26-CT/TW and Resolution No. 02 of 2023.").map((f) => f.value);
    expect(values).toEqual([]);
  });

  it("a share is one figure ('14/16 targets'), a day and month only with its year or after a date word", () => {
    expect(fact("Completed and exceeded 14/16 main socio-economic targets.", "14/16")).toMatchObject({ metric: "targets_met", number: 14, modality: "achieved" });
    expect(of("The conference on 19/10 reviewed 54/545 communes meeting new rural standards.").map((f) => f.value)).toEqual(["54/545"]);
    expect(of("On 5 Feb, the Standing Committee met; by Oct 30, 2023 the province admitted 120 new party members.").map((f) => f.value)).toEqual(["120"]);
  });

  it("names the metric as reports write it: 'disbursement rate of public investment capital', 'economic development at an average of'", () => {
    expect(fact("It is estimated that by November 30, 2023, the disbursement rate of public investment capital will only reach 49.85% of the plan.", "49.85%")).toMatchObject({
      metric: "public_investment_disbursement",
      period: { from: 2023, to: 2023 },
    });
    expect(fact("Over the past 5 years, it has maintained rapid economic development, at an average of 8.38% per year.", "8.38%", 2020)).toMatchObject({ metric: "growth", modality: "achieved" });
  });

  it("a figure that its own phrase introduces after a comma is not the earlier metric's", () => {
    const facts = of("Highlights include GRDP per capita of 9,000 USD by 2030, an urbanisation rate of 60%, and new Party membership growing at least 3% annually.", 2025);
    expect(facts.map((f) => [f.value, f.metric])).toEqual([
      ["9,000 USD", "income_per_capita"],
      ["60%", null],
      ["3%", "party_members_admitted"],
    ]);
    // A change of the same thing still is: "…, with an average increase of 7.1% per year".
    expect(fact("Total social investment capital in 2023 is estimated to be 60,000 billion VND, with an average increase of 7.1% per year in the period of 2021 - 2023.", "7.1%").metric).toBe("investment_capital");
  });

  it("a town's party branches are its party organizations", () => {
    expect(fact("The Party Committee of Tu Ky town currently has 405 party members operating in 12 branches.", "12").metric).toBe("party_organizations");
  });

  it("a count of targets a resolution sets is a target; taxes are budget revenue", () => {
    expect(fact("The Congress also voted unanimously to pass the Resolution of the Congress, identifying 19 specific targets in the fields of economy.", "19", 2020)).toMatchObject({ metric: "targets_met", modality: "target" });
    expect(fact("Socio-economic leadership achieved high results, 25/28 socio-economic criteria met and exceeded the plan.", "25/28")).toMatchObject({ metric: "targets_met", modality: "achieved" });
    expect(fact("Tax revenue reached 408 billion VND, exceeding the estimate.", "408 billion VND")).toMatchObject({ metric: "budget_revenue", modality: "achieved" });
  });

  it("a passage that opens with the rest of a year dates its later figures ('From now until the end of 2023, …')", () => {
    const passage =
      "From now until the end of 2023, it is necessary to continue to carry out tasks and solutions well. " +
      "In particular, Party committees and authorities at all levels need to continue to direct and implement the disbursement of public investment capital, complete works and projects on schedule to achieve a disbursement rate of over 95%.";
    expect(of(passage).find((f) => f.value.includes("95%"))).toMatchObject({ metric: "public_investment_disbursement", modality: "target", period: { from: 2023, to: 2023 } });
    // Without the lead, a target without a year is for the year after the one reported on.
    expect(of(passage.slice(passage.indexOf("In particular"))).find((f) => f.value.includes("95%"))).toMatchObject({ period: { from: 2024, to: 2024 } });
  });

  it("in an undated report, a day with its year dates the passage's next yearless figures", () => {
    // ../shared/corpus/extra/055.json (Binh Thuan, no date).
    const passage =
      "On February 11, 2025, the Standing Committee of Binh Thuan Provincial Party Committee issued Decision No. 2161 deciding to establish the Party Committee of the provincial Party agencies. " +
      "At the time of establishment, the Party Committee of the provincial Party agencies had 23 grassroots Party organizations and 564 Party members.";
    expect(readFacts(passage, { reportYear: null, place: null }).find((f) => f.value === "564")).toMatchObject({ metric: "party_organizations", period: { from: 2025, to: 2025, implied: true } });
    // Before any dated sentence, or in a dated report, nothing changes.
    expect(readFacts(passage.slice(passage.indexOf("At the time")), { reportYear: null, place: null }).find((f) => f.value === "564")?.period).toBeNull();
    expect(of(passage, 2024).find((f) => f.value === "564")?.period).toMatchObject({ from: 2024, to: 2024 });
  });

  it("a multiple compares ('increased by nearly 200 times', '1.2 times higher'); a count of times does not", () => {
    // ../shared/corpus/extra/014.json (Hung Yen) and the Thai Binh seed report.
    expect(fact("In particular, in the 24 years since the province’s re-establishment, its budget collection has increased by nearly 200 times.", "200")).toMatchObject({ metric: "budget_revenue", unit: "times", modality: "comparison" });
    expect(fact("Average income per capita in 2023 is estimated to reach 62.4 million VND, 1.2 times higher than in 2020.", "1.2")).toMatchObject({ modality: "comparison", unit: "times" });
    expect(of("The Standing Committee met 12 times in 2023.").map((f) => f.value)).toEqual([]);
  });

  it("'over the past 5 years' spans the years up to the report's; a figure compared with a span is of the next span", () => {
    // ../shared/corpus/extra/014.json (Hung Yen, a 2020 congress).
    expect(fact("Over the past 5 years, it has boosted comprehensive socio-economic development and maintained rapid economic development, at an average of 8.38% per year.", "8.38%", 2020)).toMatchObject({ metric: "growth", period: { from: 2015, to: 2020, implied: true } });
    expect(fact("Over the past ten years, the province has admitted 12,400 new Party members.", "12,400", 2020)).toMatchObject({ period: { from: 2010, to: 2020, implied: true } });
    const sentence = "Hung Yen has become a destination for domestic and foreign investors, with 816 projects, an increase of 34.4% compared to the 2010-2015 period, while the export turnover has been reported to increase by 16.19% per year on average.";
    expect(fact(sentence, "816", 2020)).toMatchObject({ metric: "projects", period: { from: 2015, to: 2020 } });
    expect(fact(sentence, "16.19%", 2020)).toMatchObject({ metric: "export", period: { from: 2015, to: 2020 } });
    // "Over the 2015-2020 term" is the span the figure is about, not one compared with.
    expect(fact("Over the 2015-2020 term, growth averaged 7.5% a year.", "7.5%", 2020).period).toMatchObject({ from: 2015, to: 2020 });
  });

  it("jargon names metrics ('aggregate output', 'fiscal receipts'), and '2021 to June 2023' is one span without 'from'", () => {
    expect(fact("Aggregate provincial output expanded by 7.2% in 2023.", "7.2%").metric).toBe("growth");
    expect(fact("Fiscal receipts reached VND 300 billion in 2023.", "300 billion").metric).toBe("budget_revenue");
    expect(fact("In 2021 to June 2023, FDI reached over 1 billion USD.", "1 billion USD").period).toMatchObject({ from: 2021, to: 2023 });
  });

  it("a figure in an opening 'In addition to …' phrase is of the sentence's kind", () => {
    // ../shared/corpus/extra/005.json (Hai Duong's 2025 working program).
    expect(fact("In addition to the above 4 regular conferences, the Provincial Party Executive Committee will organize extraordinary conferences depending on the specific situation.", "4", 2024).modality).toBe("target");
    expect(fact("In addition to the 4 regular conferences, the Provincial Party Executive Committee held 2 extraordinary ones.", "2", 2024).modality).toBe("achieved");
  });

  it("'the growth rate of production value' is growth, not the value", () => {
    expect(fact("The growth rate of production value reached 9.26%; the economic structure shifted in a positive direction.", "9.26%").metric).toBe("growth");
    expect(fact("Production value reached 5,000 billion VND, a growth of 9%.", "5,000 billion VND").metric).toBe("production_value");
  });

  it("a list item is read without its mark, as the answerer quotes it", () => {
    const [item] = of("Targets for 2024:\n1. Recruit 200 new party members;");
    expect(item).toMatchObject({ value: "200", metric: "party_members_admitted", modality: "target" });
    const text = "Targets for 2024:\n1. Recruit 200 new party members;";
    expect(text.slice(item!.sentence[0], item!.sentence[1])).toBe("Recruit 200 new party members;");
  });

  it("a figure belongs to the district its sentence names, or the one named last before it", () => {
    const facts = articleFacts({ date: "2023-12-28", place: "Ha Tinh province", text: "" }, [
      { text: "Hong Linh Town Party Committee held its conference. Budget revenue in the area reached over VND 300 billion." },
      { text: "The Nghi Xuan District Party Committee reviewed 2023. The total number of tourists reached over 641,000." },
      { text: "Total budget revenue is projected to reach 408 billion VND." },
    ]);
    expect(facts[0]!.find((f) => f.value.includes("300"))!.place).toBe("hong linh");
    expect(facts[1]!.find((f) => f.value === "641,000")!).toMatchObject({ place: "nghi xuan", metric: "tourists" });
    expect(facts[2]![0]!).toMatchObject({ place: "nghi xuan", modality: "estimated", metric: "budget_revenue" });
  });

  it("the year a report is about: its date's, or the year before for an early-year review", () => {
    expect(reportYearOf("2023-12-29", "")).toBe(2023);
    expect(reportYearOf("2023-01-13", "review of 2022 work in 2022, plans for 2023")).toBe(2022);
    expect(reportYearOf(null, "2023")).toBeNull();
    // An undated report: the one year its title names as its own, not one it looks ahead to.
    expect(reportYearOf(null, "", "Provincial People's Committee holds second November meeting (2023 socio-economic draft report)")).toBe(2023);
    expect(reportYearOf(null, "", "Provincial Party Committee deploys key directions and tasks for 2024 (Ha Nam)")).toBeNull();
    // An undated congress report is of the first year of the one term it names, when it names no later year.
    const congress = "…the Resolution of the 19th Provincial Party Congress, for the 2020 – 2025 term. In the 2015-2020 period, Hung Yen province realized a majority of criteria. The Congress elected 52 comrades to the Executive Board, for the 2020-2025 term.";
    expect(reportYearOf(null, congress, "Art programme welcomes success of Party Congress (Hung Yen)")).toBe(2020);
    expect(reportYearOf(null, `${congress} Growth in 2021 - 2023 averaged 8.56%.`, "Mid-term review")).toBeNull();
    expect(reportYearOf(null, "Congress of the 2020-2025 term and of the 2025-2030 term.", "")).toBeNull();
  });
});
