import { describe, expect, it } from "vitest";
import { appendMore, ENGLISH_LABELS, escapeHtml, renderAnswer, renderMore, renderSourceLine, splitHtml } from "../../src/bot/render.js";
import type { AnswerResult, Citation } from "../../src/types.js";
import { parseHtml } from "../helpers/fake-telegram.js";

const cite = (n: number, over: Partial<Citation> = {}): Citation => ({
  n,
  title: `Report ${n}`,
  url: `https://example.vn/r${n}?a=1&b=2`,
  source: "vietnam.vn",
  date: "2023-12-29",
  articleId: `a${n}`,
  passage: `Passage ${n} text.`,
  ...over,
});

const result = (over: Partial<AnswerResult> = {}): AnswerResult => ({
  question: "q",
  found: true,
  outcome: { kind: "answered" },
  answer: "Growth was 6.5% [1].",
  citations: [cite(1)],
  more: [],
  filters: {},
  timings: { embedMs: 0, searchMs: 0, answerMs: 0, totalMs: 0 },
  ...over,
});

describe("escapeHtml", () => {
  it("escapes the four characters Telegram needs", () => {
    expect(escapeHtml(`<b>&"x"</b>`)).toBe("&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;");
  });
});

describe("renderAnswer", () => {
  it("renders the answer, then numbered sources with links, outlet and date", () => {
    const html = renderAnswer(result({ citations: [cite(1), cite(2)] }));
    expect(html).toBe(
      "Growth was 6.5% [1].\n\n<b>Sources:</b>\n" +
        '[1] <a href="https://example.vn/r1?a=1&amp;b=2">Report 1</a> — vietnam.vn, 2023-12-29\n' +
        '[2] <a href="https://example.vn/r2?a=1&amp;b=2">Report 2</a> — vietnam.vn, 2023-12-29',
    );
    expect(() => parseHtml(html)).not.toThrow();
  });

  it("gives a run of one report's passages (a list quoted item by item) one source line", () => {
    const same = (n: number) => cite(n, { articleId: "a2", title: "Report 2", url: "https://example.vn/r2" });
    const html = renderAnswer(result({ citations: [cite(1), same(2), same(3), same(4), cite(5)] }));
    expect(html).toContain('\n[2–4] <a href="https://example.vn/r2">Report 2</a> — vietnam.vn, 2023-12-29\n[5] ');
    expect(html.match(/Report 2/g)).toHaveLength(1);
  });

  it("shows no link when the url is null, and still the outlet", () => {
    expect(renderSourceLine(cite(3, { url: null, date: null }))).toBe("[3] Report 3 — vietnam.vn");
  });

  it("never links non-http urls", () => {
    expect(renderSourceLine(cite(1, { url: "javascript:alert(1)" }))).toBe("[1] Report 1 — vietnam.vn, 2023-12-29");
  });

  it("escapes titles, answers, outlets from articles", () => {
    const html = renderAnswer(result({ answer: "a < b & c [1]", citations: [cite(1, { title: "<b>&", source: 'Q"&A' })] }));
    expect(html).toContain("a &lt; b &amp; c [1]");
    expect(html).toContain(">&lt;b&gt;&amp;</a> — Q&quot;&amp;A");
    const parsed = parseHtml(html);
    expect(parsed.text).toContain("[1] <b>& — Q\"&A");
  });

  it("words a not-found answer and lists the closest reports", () => {
    const html = renderAnswer(result({ found: false, answer: "", citations: [cite(1)], more: [] }));
    expect(html.startsWith("The reports I have don't say.")).toBe(true);
    expect(html).toContain("<b>Closest reports:</b>\n[1] <a");
    expect(html).not.toContain("Sources:");
  });

  it("words a decline from its typed outcome, never from the pipeline's text", () => {
    const asked = { metric: null, period: null, place: null, wanted: "other" } as const;
    const html = renderAnswer(result({ found: false, outcome: { kind: "declined", reason: { kind: "no_passages" }, asked }, answer: "", citations: [], more: [cite(4)] }));
    expect(html.match(/don't say/g)).toHaveLength(1);
    expect(html).toContain("[4]");
  });

  it("puts the asserted figure in bold, once, and nothing else", () => {
    const html = renderAnswer(result({ answer: "Party committees admitted 1,251 party members in 2023 [1].", figures: ["1,251"], citations: [cite(1)] }));
    expect(html).toContain("admitted <b>1,251</b> party members in 2023 [1].");
    expect(html.match(/<b>/g)).toHaveLength(2); // the figure and the "Sources:" heading
  });

  it("renders a near miss as what was asked and not found, then the figure the reports give, with sources", () => {
    const html = renderAnswer(
      result({
        found: false,
        outcome: {
          kind: "near_miss",
          asked: { metric: "party_members_admitted", period: { from: 2022, to: 2022 }, place: "Ha Nam", wanted: "achieved" },
          differs: ["period"],
          given: [{ value: "1,251", period: { from: 2023, to: 2023 }, place: null, modality: "achieved", citation: 1 }],
        },
        answer: "During the year, Party committees at all levels admitted 1,251 party members. [1]",
        citations: [cite(1)],
      }),
      { ...ENGLISH_LABELS, lead: "The reports don't give the figure for new party members admitted in Ha Nam in 2022. They give the figure for new party members admitted in 2023:" },
    );
    expect(html.startsWith("<b>The reports don't give the figure for new party members admitted in Ha Nam in 2022.")).toBe(true);
    expect(html).toContain("admitted 1,251 party members. [1]");
    expect(html).not.toContain("<b>1,251</b>"); // not asserted as the answer
    expect(html).toContain("<b>Sources:</b>\n[1] <a");
  });
});

describe("renderMore / appendMore", () => {
  it("lists further passages with escaped excerpts", () => {
    const html = renderMore([cite(4, { passage: "x < y" })]);
    expect(html).toContain("<b>More sources:</b>");
    expect(html).toContain("<i>x &lt; y</i>");
  });

  it("shortens excerpts to fit one message, and gives up with null when even titles do not fit", () => {
    const long = Array.from({ length: 8 }, (_, i) => cite(i + 4, { passage: "word ".repeat(400) }));
    const fitted = appendMore("answer", long)!;
    expect(fitted.length).toBeLessThanOrEqual(4096);
    expect(appendMore("x".repeat(4090), long)).toBeNull();
  });
});

describe("splitHtml", () => {
  it("returns short messages unchanged", () => {
    expect(splitHtml("hello <b>world</b>")).toEqual(["hello <b>world</b>"]);
  });

  it("splits at paragraph breaks first", () => {
    const p = "word ".repeat(150).trim(); // 749 chars
    const html = Array.from({ length: 5 }, () => p).join("\n\n");
    const parts = splitHtml(html, 2000);
    expect(parts).toHaveLength(3);
    expect(parts[0]).toBe(`${p}\n\n${p}`);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
    expect(parts.join("\n\n")).toBe(html);
  });

  it("falls back to line breaks, then spaces, then a hard split", () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i} ${"x".repeat(40)}`).join("\n");
    for (const part of splitHtml(lines, 500)) {
      expect(part.length).toBeLessThanOrEqual(500);
      expect(part.startsWith("line ")).toBe(true);
    }
    const spaces = "abc ".repeat(300);
    const sp = splitHtml(spaces, 100);
    expect(sp.every((s) => s.length <= 100 && !s.startsWith(" ") && s.endsWith("abc"))).toBe(true);
    const solid = "y".repeat(250);
    expect(splitHtml(solid, 100)).toEqual(["y".repeat(100), "y".repeat(100), "y".repeat(50)]);
  });

  it("never splits inside an entity or a tag, and re-opens tags (with attributes) across a split", () => {
    const html = `<b>${"&amp; ".repeat(100)}</b> <a href="https://x.vn/?a=1&amp;b=2">${"link ".repeat(60)}</a>`;
    const parts = splitHtml(html, 120);
    expect(parts.length).toBeGreaterThan(3);
    let text = "";
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(120);
      const parsed = parseHtml(part); // throws on broken tags or entities
      text += `${parsed.text} `;
    }
    expect(text.replace(/\s+/g, " ").trim()).toBe(parseHtml(html).text.replace(/\s+/g, " ").trim());
    const linkParts = parts.filter((p) => p.includes("link"));
    expect(linkParts.every((p) => p.includes('<a href="https://x.vn/?a=1&amp;b=2">') && p.endsWith("</a>"))).toBe(true);
  });

  it("keeps surrogate pairs whole", () => {
    const parts = splitHtml("😀".repeat(100), 51);
    expect(parts.every((p) => !/[\uD800-\uDBFF]$/.test(p) && !/^[\uDC00-\uDFFF]/.test(p))).toBe(true);
    expect(parts.join("")).toBe("😀".repeat(100));
  });

  it("splits a real long answer into valid ≤4096-character messages", () => {
    const citations = Array.from({ length: 30 }, (_, i) => cite(i + 1, { title: `Long <title> & ${"t".repeat(100)} ${i}` }));
    const html = renderAnswer(result({ answer: "Growth [1]. ".repeat(800), citations }));
    expect(html.length).toBeGreaterThan(8192);
    const parts = splitHtml(html);
    expect(parts.length).toBeGreaterThanOrEqual(3);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(4096);
      expect(() => parseHtml(part)).not.toThrow();
    }
  });
});
