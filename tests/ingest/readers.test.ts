import { describe, expect, it } from "vitest";
import { parseArticleFile } from "../../src/ingest/index.js";
import { markdownToText, readHtml, readJson, readJsonl, readMarkdown, readTxt } from "../../src/ingest/readers.js";
import { UserError } from "../../src/types.js";
import { extra, seedSidecar, seedText } from "./corpus.js";

const enc = (s: string) => new TextEncoder().encode(s);

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error("expected a UserError");
}

describe("txt reader", () => {
  it("takes title, place, date, source and url from the sidecar (seed 002)", () => {
    const [a] = readTxt("002_e56c2869da385239.txt", seedText("002"), { originKind: "data", sidecar: seedSidecar("002") });
    expect(a).toMatchObject({
      id: "002_e56c2869da385239",
      title: "Hung Yen: Deploying the task of Party building in 2023",
      titleDerived: false,
      url: "https://en.hungyen.gov.vn/portal/pages/print.aspx?p=18543",
      date: "2023-01-13",
      source: "en.hungyen.gov.vn (text credits baohungyen.vn)",
      place: "Hung Yen province",
      origin: { kind: "data", ref: "002_e56c2869da385239.txt" },
    });
    // the headline line repeating the title is not part of the body
    expect(a!.text.startsWith("The Provincial Party Committee, and the Provincial Standing Committee on January 13")).toBe(true);
  });

  it("derives a title (≤ 90 chars, word boundary, titleDerived) for the untitled seeds 000, 001, 003", () => {
    for (const p of ["000", "001", "003"]) {
      const [a] = readTxt(`${p}.txt`, seedText(p), { sidecar: seedSidecar(p) });
      expect(a!.titleDerived).toBe(true);
      expect(a!.title.length).toBeLessThanOrEqual(90);
      expect(a!.title).not.toMatch(/\s$/);
    }
    const [a0] = readTxt("000.txt", seedText("000"), { sidecar: seedSidecar("000") });
    expect(a0!.title).toMatch(/^The Provincial Party Committee held a conference to summarize the work in 2023/);
    expect(a0!.url).toBe("https://www.vietnam.vn/en/tinh-uy-trien-khai-phuong-huong-nhiem-vu-trong-tam-nam-2024");
  });

  it("without a sidecar: headline first line is the title (002), the 004 headline follows the site header, dateline gives the date", () => {
    const [a2] = readTxt("002.txt", seedText("002"));
    expect(a2).toMatchObject({ title: "Hung Yen: Deploying the task of Party building in 2023", titleDerived: false, url: null, source: null, date: null });
    expect(a2!.place).toBe("Hung Yen province");
    const [a4] = readTxt("004.txt", seedText("004"));
    expect(a4).toMatchObject({
      title: "Strengthening the work of building a clean and strong Party and political system",
      titleDerived: false,
      date: "2023-12-28",
      place: "Ha Tinh province (Cam Xuyen district, Nghi Xuan district, Hong Linh town)",
    });
    expect(a4!.id).toMatch(/^doc-[0-9a-f]{12}$/);
  });

  it("never invents: seed 001 without a sidecar has no url, no source, no date (no year in the text)", () => {
    const [a] = readTxt("001.txt", seedText("001"));
    expect(a).toMatchObject({ url: null, source: null, date: null, titleDerived: true });
  });

  it("a sidecar with a wrong field type is a UserError naming the sidecar", () => {
    const e = userError(() => readTxt("x.txt", seedText("001"), { sidecar: { title: 5 }, sidecarName: "x.json" }));
    expect(e.message).toContain("x.json");
    expect(e.message).toContain('"title"');
  });
});

describe("markdown reader", () => {
  const md = `---
title: "Hanoi Party Committee convenes 2nd meeting"
url: https://en.vietnamplus.vn/hanoi-party-committee-convenes-2nd-meeting/191797.vnp
date: 2020-11-28
source: en.vietnamplus.vn
---

# Hanoi Party Committee convenes 2nd meeting

The **Hanoi** Party Committee held its _second_ meeting of the 17th tenure on November 28, reviewing
the [socio-economic plan](https://example.org/plan) for 2021 and the budget of VND 45 trillion.

## Targets

- GRDP growth of *7.5%*
- Admit 5,000 new Party members

![photo](/img/a.jpg)
`;

  it("reads front matter metadata and turns markdown into plain paragraphs", () => {
    const [a] = readMarkdown("hanoi.md", md, { originKind: "upload" });
    expect(a).toMatchObject({
      title: "Hanoi Party Committee convenes 2nd meeting",
      titleDerived: false,
      url: "https://en.vietnamplus.vn/hanoi-party-committee-convenes-2nd-meeting/191797.vnp",
      date: "2020-11-28",
      source: "en.vietnamplus.vn",
      place: "Hanoi",
    });
    expect(a!.id).toMatch(/^url-[0-9a-f]{12}$/);
    expect(a!.text.split("\n\n")).toEqual([
      "The Hanoi Party Committee held its second meeting of the 17th tenure on November 28, reviewing the socio-economic plan for 2021 and the budget of VND 45 trillion.",
      "Targets",
      "- GRDP growth of 7.5%",
      "- Admit 5,000 new Party members",
    ]);
  });

  it("malformed front matter → UserError naming the file and the line", () => {
    const bad = `---\ntitle: Hanoi meeting\nurl: [unclosed\ndate: 2020-11-28\n---\nBody text of the article goes here.`;
    const e = userError(() => readMarkdown("bad.md", bad));
    expect(e.message).toMatch(/^bad\.md: malformed front matter at line \d+/);
    const bad2 = `---\ntitle: a: b: c\n---\nBody.`;
    expect(userError(() => readMarkdown("bad2.md", bad2)).message).toMatch(/bad2\.md: malformed front matter at line 2/);
  });

  it("unclosed front matter and a list instead of fields are UserErrors", () => {
    expect(userError(() => readMarkdown("open.md", "---\ntitle: x\n\nBody text")).message).toMatch(/open\.md: .*never closed/);
    expect(userError(() => readMarkdown("list.md", "---\n- a\n- b\n---\nBody text")).message).toMatch(/list\.md: .*not a list/);
  });

  it("without front matter, a leading # heading is the title", () => {
    const [a] = readMarkdown("t.md", "# Thai Binh reviews mid-term results\n\nThe Thái Bình Provincial Party Committee met on November 13, 2023 to review 7.1% growth.");
    expect(a).toMatchObject({ title: "Thai Binh reviews mid-term results", titleDerived: false, place: "Thai Binh province" });
    expect(a!.text).toBe("The Thái Bình Provincial Party Committee met on November 13, 2023 to review 7.1% growth.");
  });

  it("markdownToText keeps link text and drops link targets and emphasis markers", () => {
    expect(markdownToText("See [the report](http://x.y/z) and `code` and __bold__ > quote")).toBe("See the report and code and bold > quote");
  });
});

describe("json / jsonl readers", () => {
  it("reads one article object from the extra corpus, normalising its free-text date", () => {
    const e = extra("001");
    const [a] = readJson("001.json", JSON.stringify(e));
    expect(a).toMatchObject({ title: e.title, url: e.url, source: e.source, date: "2024-01-17", titleDerived: false });
    expect(a!.place).toBe("Ninh Binh province");
  });

  it("reads an array of articles; ids and dates per item", () => {
    const items = ["045", "046", "047"].map(extra);
    const as = readJson("hcm-hanoi.json", JSON.stringify(items), { originKind: "data" });
    expect(as.map((a) => a.id)).toEqual(["hcm-hanoi-1", "hcm-hanoi-2", "hcm-hanoi-3"]);
    expect(as.map((a) => a.date)).toEqual(["2020-07-07", "2020-12-08", "2020-11-28"]);
    expect(as.map((a) => a.place)).toEqual(["Ho Chi Minh City", "Hanoi", "Hanoi"]);
  });

  it("reads jsonl, one article per line", () => {
    const lines = ["012", "013"].map((n) => JSON.stringify(extra(n))).join("\n") + "\n";
    const as = readJsonl("x.jsonl", lines);
    expect(as).toHaveLength(2);
    expect(as[0]!.date).toBe("2025-10-03");
    expect(as[1]!.date).toBeNull(); // "November 29": no year given, none invented
  });

  it("missing or empty text → UserError naming the file and the item", () => {
    const e = userError(() => readJson("arts.json", JSON.stringify([extra("012"), { title: "x", url: null }])));
    expect(e.message).toMatch(/^arts\.json: item 1 has no "text"/);
    expect(userError(() => readJson("one.json", JSON.stringify({ title: "x", text: "  " }))).message).toMatch(/one\.json: .*empty "text"/);
    expect(userError(() => readJsonl("l.jsonl", `${JSON.stringify(extra("012"))}\n{"title":"y"}`)).message).toMatch(/l\.jsonl: line 2 has no "text"/);
  });

  it("invalid JSON → UserError naming the file and what the parser saw", () => {
    expect(userError(() => readJson("broken.json", '{\n  "title": "x",\n  "text": oops\n}')).message).toMatch(/^broken\.json: not valid JSON \(Unexpected token/);
  });

  it("seed 000 and extra 002 (same page) get the same url-based id when uploaded", () => {
    const e = extra("002");
    const [a] = readJson("002.json", JSON.stringify(e));
    const [b] = parseArticleFile("000.txt", enc(seedText("000")), { originKind: "upload", sidecar: seedSidecar("000") });
    expect(a!.id).toBe(b!.id);
  });
});

describe("html reader", () => {
  const paragraphs = [
    "On the morning of December 28th, the Executive Committee of the Cam Xuyen District Party Committee held a conference to summarize the work of Party building in 2023.",
    "Cam Xuyen achieved and exceeded the plan for 22 out of 25 targets. Total production value increased by 13% compared to 2022. Average per capita income reached 53.4 million VND/year.",
    "Total budget revenue is projected to reach 408 billion VND, exceeding the provincial target by 34.6% and equaling 100% of the district's budget estimate.",
    "On this occasion, the Cam Xuyen District Party Committee awarded commendations to 16 Party organizations for their outstanding achievements in 2023.",
  ];
  const page = `<!doctype html><html><head>
<title>Cam Xuyen reviews 2023 | Ha Tinh News</title>
<meta property="og:title" content="Cam Xuyen district reviews Party building in 2023">
<meta property="og:site_name" content="Báo Hà Tĩnh">
<meta property="og:url" content="https://baohatinh.vn/og-url-ignored">
<link rel="canonical" href="/cam-xuyen-2023.html">
<script>var tracking = "do not index me";</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/politics">Political System</a> <a href="/heritage">Heritage</a></nav></header>
<main><article>
<h1>Cam Xuyen district reviews Party building in 2023</h1>
<time datetime="2023-12-28T09:30:00+07:00">28/12/2023</time>
${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}
</article></main>
<aside><h3>Same category</h3><ul><li><a href="/x">Christmas star lights up the cathedral</a></li></ul></aside>
<footer><p>© Ha Tinh newspaper. All rights reserved. Contact: 0239 3855 000</p></footer>
</body></html>`;

  it("extracts the article text with Readability, metadata from og tags and <time>; the canonical link is only a claim", () => {
    const [a] = readHtml("cam-xuyen.html", page, { originKind: "url", ref: "https://baohatinh.vn/x", baseUrl: "https://baohatinh.vn/x?utm_source=fb" });
    expect(a).toMatchObject({
      title: "Cam Xuyen district reviews Party building in 2023",
      titleDerived: false,
      // Where it was fetched from (tracking parameters dropped), and that address's outlet, not the page's claims.
      url: "https://baohatinh.vn/x",
      claimedUrl: "https://baohatinh.vn/cam-xuyen-2023.html",
      date: "2023-12-28",
      source: "baohatinh.vn",
      origin: { kind: "url", ref: "https://baohatinh.vn/x" },
    });
    for (const p of paragraphs) expect(a!.text).toContain(p);
    for (const junk of ["Home", "Heritage", "Christmas star", "All rights reserved", "tracking"]) expect(a!.text).not.toContain(junk);
    expect(a!.place).toContain("Cam Xuyen district");
  });

  it("date from JSON-LD datePublished, title from <title> minus the site suffix, source from the host", () => {
    const p2 = page
      .replace(/<meta property="og:[^>]+>\n/g, "")
      .replace(/<time[^>]*>.*?<\/time>/, "")
      .replace("</head>", `<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2023-12-29T08:00:00+07:00"}]}</script></head>`);
    const [a] = readHtml("p2.html", p2, { baseUrl: "https://www.baohatinh.vn/a" });
    expect(a).toMatchObject({ title: "Cam Xuyen reviews 2023", date: "2023-12-29", source: "baohatinh.vn", url: "https://www.baohatinh.vn/a" });
  });

  it("a page with no article → UserError 'no article text found'", () => {
    const nav = `<html><head><title>Home</title></head><body><nav><a href="/">Home</a><a href="/news">News</a></nav><p>Welcome!</p><footer>© 2024</footer></body></html>`;
    const e = userError(() => readHtml("home.html", nav));
    expect(e.message).toMatch(/home\.html: no article text found/);
  });

  it("parseArticleFile routes .html to the HTML reader; an uploaded page has no url, its canonical link is a claim", () => {
    const [a] = parseArticleFile("page.htm", enc(page), { originKind: "upload" });
    expect(a!.title).toBe("Cam Xuyen district reviews Party building in 2023");
    expect(a).toMatchObject({ url: null, claimedUrl: "https://baohatinh.vn/og-url-ignored", source: "Báo Hà Tĩnh" });
    expect(a!.id).toMatch(/^doc-/);
  });
});
