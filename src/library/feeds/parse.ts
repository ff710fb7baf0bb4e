/**
 * Reads a feed document: RSS 2.0 (and RSS 1.0 / RDF), Atom, a sitemap (`<urlset>`) or a sitemap index
 * (`<sitemapindex>`), recognised by its root element, never by its URL or content type.
 *
 * ```ts
 * const feed = parseFeed(xml, { maxItems: 5000 });
 * if (feed.kind === "sitemapindex") feed.children;   // child sitemaps with their <lastmod>
 * else feed.items;                                   // { url, title, summary, date }
 * ```
 *
 * Untrusted XML: a document type declaration (`<!DOCTYPE …>`, where entities are declared) is refused before
 * parsing, and fast-xml-parser runs with entity processing off; only the five predefined XML entities and
 * numeric character references are decoded, in one pass, so nothing can expand (see the XML bomb test).
 */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { parseHTML } from "linkedom";
import { UserError } from "../../types.js";

export type FeedKind = "rss" | "atom" | "sitemap" | "sitemapindex";

/** One entry of a feed or sitemap. Only `url` is always known; sitemaps rarely give a title. */
export interface FeedItem {
  url: string;
  title: string | null;
  /** The item's first paragraph as plain text (RSS description, Atom summary/content), null when none. */
  summary: string | null;
  /** pubDate / updated / published / lastmod as given (ISO or RFC 822), null when none. */
  date: string | null;
}

export interface ChildSitemap {
  url: string;
  lastmod: string | null;
}

export type ParsedFeed =
  | { kind: "rss" | "atom" | "sitemap"; title: string | null; items: FeedItem[] }
  | { kind: "sitemapindex"; title: null; children: ChildSitemap[] };

export interface ParseFeedOptions {
  /** A document listing more entries than this is refused whole ("too_many_items"). */
  maxItems: number;
  /** Base for relative links (the address the document was fetched from). */
  baseUrl?: string;
}

/** The name a person reads for each kind. */
export const FEED_KIND_NAMES: Record<FeedKind, string> = {
  rss: "RSS",
  atom: "Atom",
  sitemap: "sitemap",
  sitemapindex: "sitemap index",
};

const ARRAYS = new Set(["item", "entry", "url", "sitemap", "link"]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
});

/** Parses a feed document; throws a UserError (codes not_a_feed, malformed_xml, doctype_refused, too_many_items). */
export function parseFeed(xml: string, options: ParseFeedOptions): ParsedFeed {
  const text = xml.replace(/^\ufeff/, "");
  const head = text.slice(0, 1024).trimStart().toLowerCase();
  if (/^<!doctype html|^<html/.test(head) || (!head.startsWith("<") && head !== "")) {
    throw new UserError("This address is a web page or text, not an RSS, Atom or sitemap feed. Give the feed's own address (often /rss, /feed or /sitemap.xml).", "not_a_feed");
  }
  refuseDoctype(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new UserError(`The feed is not well-formed XML (line ${valid.err.line}: ${valid.err.msg}). Check the address, or ask the outlet to fix its feed.`, "malformed_xml");
  }
  const doc = parser.parse(text) as Record<string, unknown>;
  const rootName = Object.keys(doc).find((k) => !k.startsWith("?") && !k.startsWith("#"));
  const root = rootName ? (asObject(doc[rootName]) ?? {}) : null;
  if (!rootName || !root) throw new UserError("The document is empty: no RSS, Atom or sitemap element in it.", "not_a_feed");

  const base = options.baseUrl;
  const limit = (count: number) => {
    if (count > options.maxItems) {
      throw new UserError(`The feed lists ${count.toLocaleString("en")} entries, more than the limit of ${options.maxItems.toLocaleString("en")}; nothing was taken from it. Give a smaller feed (e.g. a section's RSS, or one sitemap of a sitemap index).`, "too_many_items");
    }
  };

  switch (rootName) {
    case "rss":
    case "RDF": {
      const channel = asObject(root.channel) ?? {};
      // RSS 2.0 keeps items in <channel>; RSS 1.0 (RDF) beside it.
      const raw = [...asArray(channel.item), ...asArray(root.item)];
      limit(raw.length);
      const items = raw.map((it) => {
        const o = asObject(it) ?? {};
        const link = textOf(o.link) ?? (permalinkGuid(o.guid) ? textOf(o.guid) : null) ?? attr(o, "about");
        return item(link, textOf(o.title), textOf(o.description) ?? textOf(o.encoded), textOf(o.pubDate) ?? textOf(o.date), base);
      });
      return { kind: "rss", title: cleanInline(textOf(channel.title)), items: items.filter((i): i is FeedItem => i !== null) };
    }
    case "feed": {
      const raw = asArray(root.entry);
      limit(raw.length);
      const items = raw.map((e) => {
        const o = asObject(e) ?? {};
        return item(atomLink(o.link), textOf(o.title), textOf(o.summary) ?? textOf(o.content), textOf(o.published) ?? textOf(o.updated), base);
      });
      return { kind: "atom", title: cleanInline(textOf(root.title)), items: items.filter((i): i is FeedItem => i !== null) };
    }
    case "urlset": {
      const raw = asArray(root.url);
      limit(raw.length);
      const items = raw.map((u) => {
        const o = asObject(u) ?? {};
        // Google News sitemaps (<news:news><news:title>) give a title; plain ones only the address.
        const news = asObject(asArray(o.news)[0]);
        return item(textOf(o.loc), news ? textOf(news.title) : null, null, textOf(o.lastmod) ?? (news ? textOf(news.publication_date) : null), base);
      });
      return { kind: "sitemap", title: null, items: items.filter((i): i is FeedItem => i !== null) };
    }
    case "sitemapindex": {
      const raw = asArray(root.sitemap);
      limit(raw.length);
      const children = raw
        .map((s) => {
          const o = asObject(s) ?? {};
          const url = absolute(textOf(o.loc), base);
          return url ? { url, lastmod: textOf(o.lastmod) } : null;
        })
        .filter((c): c is ChildSitemap => c !== null);
      return { kind: "sitemapindex", title: null, children };
    }
    default:
      throw new UserError(`This XML document is not a feed: its root element is <${rootName}>, not <rss>, <feed>, <urlset> or <sitemapindex>.`, "not_a_feed");
  }
}

/** Refuses any document type declaration outside CDATA: that is where entities (and entity bombs) are declared. */
function refuseDoctype(xml: string): void {
  if (!/<!(DOCTYPE|ENTITY)/i.test(xml)) return;
  if (/<!(DOCTYPE|ENTITY)/i.test(xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, ""))) {
    throw new UserError("The feed declares a document type (<!DOCTYPE …>), which feeds never need and which can hide entity expansion attacks; it was not read.", "doctype_refused");
  }
}

function item(link: string | null, title: string | null, description: string | null, date: string | null, base: string | undefined): FeedItem | null {
  const url = absolute(link, base);
  if (!url) return null;
  return { url, title: cleanInline(title), summary: firstParagraph(description), date: date?.trim() || null };
}

/** The five predefined XML entities and numeric references, decoded in one pass (so "&amp;lt;" → "&lt;"). */
export function decodeXmlEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (whole, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith("#")) {
      const code = lower.startsWith("#x") ? Number.parseInt(lower.slice(2), 16) : Number.parseInt(lower.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[lower] ?? whole;
  });
}

/** Plain text of a title (which some feeds write with HTML or entities in it). */
function cleanInline(s: string | null): string | null {
  if (!s) return null;
  const decoded = decodeXmlEntities(s);
  const plain = /<[a-z!/]/i.test(decoded) || /&[a-z#]/i.test(decoded) ? htmlText(decoded) : decoded;
  const out = plain.replace(/\s+/g, " ").trim();
  return out || null;
}

/** The first paragraph of an RSS description / Atom summary, which is usually HTML (<p>, <img>, links). */
function firstParagraph(html: string | null): string | null {
  if (!html) return null;
  const decoded = decodeXmlEntities(html);
  if (!/<[a-z!/]/i.test(decoded)) return cleanInline(decoded);
  for (const m of decoded.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)) {
    const t = htmlText(m[1]!).replace(/\s+/g, " ").trim();
    if (t) return t;
  }
  const t = htmlText(decoded).replace(/\s+/g, " ").trim();
  return t || null;
}

/** Entities a fragment may hold that `decodeXmlEntities` (plus &nbsp;) does not know: "&agrave;", "&hellip;"… */
const OTHER_HTML_ENTITY = /&(?!(?:amp|lt|gt|quot|apos|nbsp|#[0-9]+|#x[0-9a-f]+);)[a-z][a-z0-9]*;/i;

/**
 * The text of an HTML fragment. Tags are dropped and the common entities decoded in one pass; a fragment with
 * other named entities (older CMSes write "Tỉnh &ugrave;y"…) goes through linkedom, which knows them all. The
 * fast path matters: a feed of 5,000 items has 5,000 descriptions.
 */
function htmlText(html: string): string {
  const stripped = html.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ").replace(/<[^>]*>/g, " ");
  if (OTHER_HTML_ENTITY.test(stripped)) {
    const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
    return document.body?.textContent ?? "";
  }
  return decodeXmlEntities(stripped.replace(/&nbsp;/gi, "\u00a0"));
}

function absolute(link: string | null, base: string | undefined): string | null {
  const raw = link ? decodeXmlEntities(link).trim() : "";
  if (!raw) return null;
  try {
    const u = base ? new URL(raw, base) : new URL(raw);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

function atomLink(links: unknown): string | null {
  const all = asArray(links).map((l) => asObject(l) ?? { "#text": l });
  const alternate = all.find((l) => !attr(l, "rel") || attr(l, "rel") === "alternate") ?? all[0];
  return alternate ? (attr(alternate, "href") ?? textOf(alternate)) : null;
}

function permalinkGuid(guid: unknown): boolean {
  const o = asObject(guid);
  const value = textOf(guid);
  if (!value || !/^https?:\/\//i.test(value.trim())) return false;
  return !o || attr(o, "isPermaLink") !== "false";
}

function attr(o: Record<string, unknown>, name: string): string | null {
  const v = o[`@_${name}`];
  return typeof v === "string" && v.trim() ? v.trim() : null;
}

function textOf(v: unknown): string | null {
  if (Array.isArray(v)) return textOf(v[0]);
  if (typeof v === "string") return v.trim() || null;
  if (typeof v === "number") return String(v);
  const o = asObject(v);
  if (o && "#text" in o) return textOf(o["#text"]);
  return null;
}

function asObject(v: unknown): Record<string, unknown> | null {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null || v === "") return [];
  return Array.isArray(v) ? v : [v];
}
