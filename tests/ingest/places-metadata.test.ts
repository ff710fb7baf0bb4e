import { describe, expect, it } from "vitest";
import { articleId, canonicalizeUrl, deriveTitle, inferDateFromText, normalizeDate } from "../../src/ingest/metadata.js";
import { findPlaces, inferPlace, PLACES } from "../../src/text/places.js";
import { extra, seedSidecar, seedText } from "./corpus.js";

describe("gazetteer", () => {
  it("has the 63 provinces and centrally-run cities, each with a Vietnamese name", () => {
    expect(PLACES).toHaveLength(63);
    expect(PLACES.filter((p) => p.kind === "city").map((p) => p.name).sort()).toEqual(["Can Tho", "Da Nang", "Hai Phong", "Hanoi", "Ho Chi Minh City"]);
    expect(PLACES.find((p) => p.name === "Ha Nam")!.vi).toBe("Hà Nam");
    expect(new Set(PLACES.map((p) => p.name)).size).toBe(63);
  });

  it("matches with or without diacritics and by alias", () => {
    const names = (t: string) => findPlaces(t).map((m) => m.name);
    expect(names("Hà Nam and Ha Nam")).toEqual(["Ha Nam", "Ha Nam"]);
    // After a personal title, a place's name is a person's.
    expect(names("what weak points did Mr. Hue ask the Hanoi meeting to focus on")).toEqual(["Hanoi"]);
    // …but a place may still want something, and "miss" in lower case is a verb.
    expect(names("What growth rate does Hue want for 2025?")).toEqual(["Thua Thien Hue"]);
    expect(names("why did they miss Dong Nai's target")).toEqual(["Dong Nai"]);
    expect(names("Thái Bình, THAI BINH")).toEqual(["Thai Binh", "Thai Binh"]);
    expect(names("Hanoi, Ha Noi, Hà Nội")).toEqual(["Hanoi", "Hanoi", "Hanoi"]);
    expect(names("HCMC, HCM City, TP.HCM, Saigon, Ho Chi Minh City")).toEqual(Array(5).fill("Ho Chi Minh City"));
    expect(names("Ba Ria - Vung Tau, Bà Rịa – Vũng Tàu, Thua Thien Hue, Thừa Thiên Huế, Đắk Lắk")).toEqual([
      "Ba Ria - Vung Tau", "Ba Ria - Vung Tau", "Thua Thien Hue", "Thua Thien Hue", "Dak Lak",
    ]);
    expect(findPlaces("visit Hà Nam")[0]).toEqual({ name: "Ha Nam", kind: "province", matched: "Hà Nam" });
  });

  it("does not take Ho Chi Minh's ideology for the city, nor Ha Nam inside Ha Nam Ninh, nor a word inside a word", () => {
    expect(findPlaces("study and follow Ho Chi Minh's ideology, ethics and style")).toEqual([]);
    expect(findPlaces("the former Ha Nam Ninh province")).toEqual([]);
    expect(findPlaces("Hanamura; Longan fruit; Thai Binhs")).toEqual([]);
    expect(findPlaces("Secretary of the Hanoi Party Committee Vuong Dinh Hue spoke")).toEqual([{ name: "Hanoi", kind: "city", matched: "Hanoi" }]);
    expect(findPlaces("the festival in Hue")).toEqual([{ name: "Thua Thien Hue", kind: "province", matched: "Hue" }]);
  });
});

describe("inferPlace", () => {
  it("finds the sidecar's place in the seed texts", () => {
    for (const p of ["000", "001", "002", "003", "004"]) {
      expect(inferPlace(seedText(p))).toBe(seedSidecar(p).place);
    }
  });

  it("the title counts first; district-level subjects are added when the text is about them", () => {
    expect(inferPlace("Hai Duong delegates visited Hanoi, Hanoi and Hanoi.", "Thai Binh reviews 2023")).toBe("Thai Binh province");
    expect(inferPlace(extra("020").text, extra("020").title)).toMatch(/^Hai Duong province \(Tu Ky town/);
    // 003 names seven districts once each: it is a provincial conference, so only the province
    expect(inferPlace(seedText("003"))).toBe("Thai Binh province");
  });

  it("extra articles: HCMC and Hanoi cities; Ho Chi Minh's ideology is not a place", () => {
    expect(inferPlace(extra("045").text, extra("045").title)).toBe("Ho Chi Minh City");
    expect(inferPlace(extra("047").text, extra("047").title)).toBe("Hanoi");
    expect(inferPlace("Launch a movement to study and follow Ho Chi Minh's ideology, ethics, and style in 2024.")).toBeNull();
  });

  it("says nothing when no place is named (extra 002, the first 2,000 characters of seed 000)", () => {
    expect(inferPlace(extra("002").text)).toBeNull();
  });
});

describe("dates", () => {
  it.each([
    ["January 17 (2024)", "2024-01-17"],
    ["December 28, 2023", "2023-12-28"],
    ["28 December 2023", "2023-12-28"],
    ["28/12/2023", "2023-12-28"],
    ["2023-12-28", "2023-12-28"],
    ["2023-12-28T09:30:00+07:00", "2023-12-28"],
    ["07-08-2020", "2020-08-07"],
    ["20-10-2023", "2023-10-20"],
    ["19/07/2011 (page stamp; text refers to 2008)", "2011-07-19"],
    ["April 26, 2013", "2013-04-26"],
    ["(March 2023)", "2023-03"],
    ["2024", "2024"],
    ["November 29", null],
    ["(after February 14, 2025)", null],
    ["31/02/2023", null],
    [null, null],
  ])("normalizeDate(%j) = %j", (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  it("every extra article's date normalises to ISO or null", () => {
    for (const n of ["001", "007", "015", "022", "038", "039", "043", "056", "067", "069"]) {
      const d = normalizeDate(extra(n).date);
      expect(d === null || /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(d), `${n}: ${d}`).toBe(true);
    }
  });

  it("infers the date from a dateline near the top, never from a bare 'December 29'", () => {
    expect(inferDateFromText(seedText("004"))).toBe("2023-12-28");
    expect(inferDateFromText(extra("022").text)).toBe("2011-07-19");
    expect(inferDateFromText(extra("057").text)).toBe("2024-12-19");
    expect(inferDateFromText(seedText("000"))).toBeNull();
  });
});

describe("titles and ids", () => {
  it("derives a title from the first sentence, without the leading date clause, at most 90 chars at a word boundary", () => {
    const t = deriveTitle("On the morning of December 29, the Provincial Party Committee held a conference to summarize the work in 2023 and deploy key directions and tasks for 2024. Attending were …");
    expect(t).toBe("The Provincial Party Committee held a conference to summarize the work in 2023 and…");
    expect(t.length).toBeLessThanOrEqual(90);
    expect(deriveTitle("Project No. 02 was reviewed. Then more.")).toBe("Project No. 02 was reviewed");
  });

  it("ids: file stem for data files, url hash when a url is known, text hash otherwise", () => {
    expect(articleId({ originKind: "data", fileName: "dir/000_abc.txt", text: "x" })).toBe("000_abc");
    const a = articleId({ originKind: "url", url: "https://Example.vn/a?utm_source=x#top", text: "x" });
    expect(a).toBe(articleId({ originKind: "upload", url: "https://example.vn/a", text: "y" }));
    expect(a).toMatch(/^url-[0-9a-f]{12}$/);
    expect(articleId({ originKind: "text", text: "hello" })).toMatch(/^doc-[0-9a-f]{12}$/);
    expect(canonicalizeUrl("ftp://x.y/z")).toBeNull();
  });
});
