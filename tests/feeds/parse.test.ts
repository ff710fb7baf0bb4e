import { describe, expect, it } from "vitest";
import { decodeXmlEntities, parseFeed } from "../../src/library/feeds/parse.js";
import { parseKeywords, relevanceRule } from "../../src/library/feeds/relevance.js";
import { UserError } from "../../src/types.js";
import { atom, rss, sitemap, sitemapIndex } from "../helpers/feed-server.js";

const opts = { maxItems: 5000 };

function refusal(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error("expected a refusal");
}

describe("parseFeed", () => {
  it("reads RSS 2.0 as provincial papers publish it: CDATA title, HTML description, RFC 822 date", () => {
    const xml = rss("Báo Hải Dương - Chính trị", [
      { url: "https://baohaiduong.vn/tinh-uy-hai-duong-tong-ket-2023-123.html", title: "Tỉnh ủy Hải Dương tổng kết năm 2023", lead: "Sáng 28/12, Tỉnh ủy Hải Dương tổ chức hội nghị tổng kết công tác năm 2023.", at: "2023-12-28T03:00:00Z" },
      { url: "https://baohaiduong.vn/bong-da-456.html", title: "Đội bóng Hải Dương thắng trận", lead: "Chiều qua, đội bóng thắng 2-0 &amp; lên đầu bảng.", at: "2023-12-27T10:00:00Z" },
    ]);
    const feed = parseFeed(xml, opts);
    expect(feed.kind).toBe("rss");
    expect(feed.title).toBe("Báo Hải Dương - Chính trị");
    if (feed.kind === "sitemapindex") throw new Error("unexpected");
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toEqual({
      url: "https://baohaiduong.vn/tinh-uy-hai-duong-tong-ket-2023-123.html",
      title: "Tỉnh ủy Hải Dương tổng kết năm 2023",
      summary: "Sáng 28/12, Tỉnh ủy Hải Dương tổ chức hội nghị tổng kết công tác năm 2023.",
      date: "Thu, 28 Dec 2023 03:00:00 +0000",
    });
    // Entities inside the CDATA HTML are the HTML's own: decoded once, by the HTML reader.
    expect(feed.items[1]!.summary).toBe("Chiều qua, đội bóng thắng 2-0 & lên đầu bảng.");
  });

  it("reads Atom (Liferay government portal style): alternate link, escaped HTML summary", () => {
    const xml = atom("Cổng TTĐT tỉnh Hải Dương", "https://haiduong.gov.vn/tin-tuc/-/asset_publisher/rss", [
      { url: "https://haiduong.gov.vn/tin-tuc/hoi-nghi-ban-chap-hanh", title: "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 20 & tổng kết", lead: "Ngày 29/12, Ban Chấp hành Đảng bộ tỉnh họp hội nghị lần thứ 20 & bàn nhiệm vụ năm 2024.", at: "2023-12-29T02:00:00Z" },
    ]);
    const feed = parseFeed(xml, opts);
    expect(feed.kind).toBe("atom");
    if (feed.kind === "sitemapindex") throw new Error("unexpected");
    expect(feed.items).toEqual([
      {
        url: "https://haiduong.gov.vn/tin-tuc/hoi-nghi-ban-chap-hanh",
        title: "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 20 & tổng kết",
        summary: "Ngày 29/12, Ban Chấp hành Đảng bộ tỉnh họp hội nghị lần thứ 20 & bàn nhiệm vụ năm 2024.",
        date: "2023-12-29T02:00:00Z",
      },
    ]);
  });

  it("reads a vietnam.vn-style sitemap (loc + lastmod, image namespace, no titles) and sitemap index", () => {
    const map = parseFeed(sitemap([{ url: "https://www.vietnam.vn/en/tinh-uy-trien-khai-2024", at: "2023-12-29T10:00:00Z" }]), opts);
    expect(map).toEqual({ kind: "sitemap", title: null, items: [{ url: "https://www.vietnam.vn/en/tinh-uy-trien-khai-2024", title: null, summary: null, date: "2023-12-29T10:00:00+07:00" }] });
    const index = parseFeed(sitemapIndex([{ url: "https://www.vietnam.vn/sitemaps/post-2023-12.xml", lastmod: "2023-12-31T23:00:00+07:00" }]), opts);
    expect(index).toEqual({ kind: "sitemapindex", title: null, children: [{ url: "https://www.vietnam.vn/sitemaps/post-2023-12.xml", lastmod: "2023-12-31T23:00:00+07:00" }] });
  });

  it("reads Atom summaries in CDATA, links without rel, and Google News sitemaps' titles", () => {
    const entryXml = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title type="text">Portal</title>
      <entry><title type="html"><![CDATA[Hội nghị Tỉnh ủy <b>lần thứ 15</b>]]></title><link href="https://thaibinh.gov.vn/a/1"/><id>1</id>
      <updated>2024-01-03T01:00:00Z</updated><summary type="html"><![CDATA[<div><img src="x.jpg"/></div><p>Sáng 3/1, Tỉnh ủy họp.</p><p>Đoạn hai.</p>]]></summary></entry></feed>`;
    const feed = parseFeed(entryXml, opts);
    if (feed.kind === "sitemapindex") throw new Error("unexpected");
    expect(feed.items).toEqual([{ url: "https://thaibinh.gov.vn/a/1", title: "Hội nghị Tỉnh ủy lần thứ 15", summary: "Sáng 3/1, Tỉnh ủy họp.", date: "2024-01-03T01:00:00Z" }]);
    const news = `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
      <url><loc>https://www.vietnam.vn/tinh-uy-ha-nam</loc><xhtml:link rel="alternate" hreflang="en" href="https://www.vietnam.vn/en/tinh-uy-ha-nam"/>
      <news:news><news:publication><news:name>Vietnam.vn</news:name><news:language>vi</news:language></news:publication>
      <news:publication_date>2023-12-29T10:00:00+07:00</news:publication_date><news:title>Tỉnh ủy Hà Nam triển khai nhiệm vụ 2024</news:title></news:news></url></urlset>`;
    const map = parseFeed(news, opts);
    if (map.kind === "sitemapindex") throw new Error("unexpected");
    expect(map.items).toEqual([{ url: "https://www.vietnam.vn/tinh-uy-ha-nam", title: "Tỉnh ủy Hà Nam triển khai nhiệm vụ 2024", summary: null, date: "2023-12-29T10:00:00+07:00" }]);
  });

  it("decodes HTML's named entities in descriptions (older CMSes), and drops scripts", () => {
    const xml = `<rss version="2.0"><channel><title>t</title><item><title>Huy&amp;ecirc;n &amp;ugrave;y</title><link>https://x.vn/a</link>
      <description>&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Huy&amp;ecirc;n &amp;ugrave;y&amp;nbsp;h&amp;#7885;p &amp;amp; b&amp;agrave;n&lt;/p&gt;</description></item></channel></rss>`;
    const feed = parseFeed(xml, opts);
    if (feed.kind === "sitemapindex") throw new Error("unexpected");
    expect(feed.items[0]).toMatchObject({ title: "Huyên ùy", summary: "Huyên ùy họp & bàn" });
  });

  it("resolves relative links against the feed's address and drops non-http links", () => {
    const xml = `<rss version="2.0"><channel><title>x</title>
      <item><title>Party Committee meets</title><link>/a/1.html</link></item>
      <item><title>Party Committee meets</title><link>javascript:alert(1)</link></item></channel></rss>`;
    const feed = parseFeed(xml, { ...opts, baseUrl: "https://baothaibinh.com.vn/rss/thoi-su.rss" });
    if (feed.kind === "sitemapindex") throw new Error("unexpected");
    expect(feed.items.map((i) => i.url)).toEqual(["https://baothaibinh.com.vn/a/1.html"]);
  });

  it("refuses an XML bomb (billion laughs) before parsing, without expanding anything", () => {
    const lol = [`<!ENTITY lol "lol">`, ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? "" : i};`.repeat(10)}">`)];
    const bomb = `<?xml version="1.0"?>\n<!DOCTYPE rss [\n${lol.join("\n")}\n]>\n<rss version="2.0"><channel><title>&lol9;</title><item><title>&lol9;</title><link>https://x.vn/a</link></item></channel></rss>`;
    const err = refusal(() => parseFeed(bomb, opts));
    expect(err.code).toBe("doctype_refused");
    expect(err.message).toMatch(/document type/);
  });

  it("refuses external entities (XXE) and a DOCTYPE after a comment", () => {
    const xxe = `<?xml version="1.0"?><!-- hi --><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss><channel><title>&x;</title></channel></rss>`;
    expect(refusal(() => parseFeed(xxe, opts)).code).toBe("doctype_refused");
  });

  it("does not take a DOCTYPE quoted inside CDATA for one", () => {
    const xml = `<rss version="2.0"><channel><title>t</title><item><title>Party Congress</title><link>https://x.vn/a</link><description><![CDATA[<!DOCTYPE html><p>Lead</p>]]></description></item></channel></rss>`;
    const feed = parseFeed(xml, opts);
    if (feed.kind === "sitemapindex") throw new Error("unexpected");
    expect(feed.items[0]!.summary).toBe("Lead");
  });

  it("leaves unknown entity references as text (never expands them)", () => {
    const xml = `<rss version="2.0"><channel><title>A &unknown; B &#65; &amp;lt;</title></channel></rss>`;
    const feed = parseFeed(xml, opts);
    // Titles are read as HTML text after the XML decoding (outlets double-escape them): "&amp;lt;" is "<".
    expect(feed.title).toBe("A &unknown; B A <");
    expect(decodeXmlEntities("&amp;amp; &#x1F600; &#0;")).toBe("&amp; 😀 &#0;");
  });

  it("says what is wrong with malformed XML, an HTML page, JSON, and XML that is not a feed", () => {
    const malformed = refusal(() => parseFeed(`<rss version="2.0"><channel><title>x</title><item></channel></rss>`, opts));
    expect(malformed.code).toBe("malformed_xml");
    expect(malformed.message).toMatch(/^The feed is not well-formed XML \(line \d+/);
    expect(refusal(() => parseFeed("<!doctype html><html><body><p>A page</p></body></html>", opts)).code).toBe("not_a_feed");
    expect(refusal(() => parseFeed(`{"title": "json"}`, opts)).code).toBe("not_a_feed");
    const other = refusal(() => parseFeed(`<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>`, opts));
    expect(other.code).toBe("not_a_feed");
    expect(other.message).toContain("<svg>");
  });

  it("refuses a feed listing more entries than the limit, whole", () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => ({ url: `https://x.vn/${i}`, at: "2024-01-01T00:00:00Z" }));
    const err = refusal(() => parseFeed(sitemap(entries), opts));
    expect(err.code).toBe("too_many_items");
    expect(err.message).toContain("10,000 entries, more than the limit of 5,000");
  });
});

describe("relevance", () => {
  const rule = relevanceRule(null);
  it("takes Party Committee reports in English and Vietnamese, with or without accents", () => {
    expect(rule.matches({ title: "Thai Binh Provincial Party Committee reviews 2023", firstParagraph: null })).toBe("Party Committee");
    expect(rule.matches({ title: "Tỉnh ủy Hải Dương tổng kết năm 2023", firstParagraph: null })).toBe("Tỉnh ủy");
    expect(rule.matches({ title: "TINH UY HAI DUONG TONG KET", firstParagraph: null })).toBe("Tỉnh ủy");
    expect(rule.matches({ title: "Tổng kết năm 2023", firstParagraph: "Sáng 28/12, Huyện uỷ Gia Lộc tổ chức hội nghị." })).toBe("Huyện ủy");
    expect(rule.matches({ title: "Hoi nghi tong ket", firstParagraph: null })).toBe("hội nghị");
    expect(rule.matches({ title: "Two conferences on growth", firstParagraph: null })).toBe("conference");
  });
  it("skips the rest of an outlet's news", () => {
    expect(rule.matches({ title: "Đội bóng Hải Dương thắng trận", firstParagraph: "Chiều qua đội bóng thắng 2-0." })).toBeNull();
    expect(rule.matches({ title: "Preconference party at the stadium", firstParagraph: null })).toBeNull();
  });
  it("uses a feed's own keywords instead of the default ones", () => {
    const own = relevanceRule(parseKeywords("giải ngân, đầu tư công;  public investment "));
    expect(own.keywords).toEqual(["giải ngân", "đầu tư công", "public investment"]);
    expect(own.matches({ title: "Tỉnh ủy họp", firstParagraph: null })).toBeNull();
    expect(own.matches({ title: "Giai ngan dau tu cong dat 95%", firstParagraph: null })).toBe("giải ngân");
  });
});
