// One reader per input format. Each takes the file name and its already-decoded text and returns the
// articles in it, cleaned and with whatever metadata is known (null = unknown, never invented).
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { parseDocument } from "yaml";
import { inferPlace } from "../text/places.js";
import { UserError, type ArticleInput, type OriginKind } from "../types.js";
import { cleanArticle } from "./clean.js";
import {
  articleId,
  canonicalizeUrl,
  deriveTitle,
  hostOf,
  inferDateFromText,
  looksLikeHeadline,
  normalizeDate,
} from "./metadata.js";

export interface ReadContext {
  /** Where the file came from (default "upload"). "data" makes the file stem the article id. */
  originKind?: OriginKind;
  /** origin.ref: the file path or URL (default: the file name). */
  ref?: string;
  /** For .txt: the parsed sidecar JSON object ({title, place, date, source, url}). */
  sidecar?: unknown;
  /** Name of the sidecar file, for error messages. */
  sidecarName?: string;
  /** For HTML fetched from the web: the page's address (resolves relative links, fallback url). */
  baseUrl?: string;
}

/** Limits that refuse pathological input before the expensive work (Readability, cleaning) starts. */
export interface ReadLimits {
  /** Deepest element nesting an HTML page may have (real news pages: 20–60). Readability's time grows steeply with depth: 300 levels took 2.4 s, 3,000 levels 60–114 s. */
  maxHtmlDepth: number;
  /** Most elements an HTML page may have (a long news page has 2,000–5,000). */
  maxHtmlElements: number;
  /** Most paragraphs one article may have (a long report has a few hundred). */
  maxParagraphs: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxHtmlDepth: 150, maxHtmlElements: 30_000, maxParagraphs: 20_000 };

export type Reader = (fileName: string, text: string, ctx?: ReadContext) => ArticleInput[];

/** Metadata a source may give; anything missing is inferred or left null. */
interface GivenMeta {
  title?: string | null;
  url?: string | null;
  date?: unknown;
  source?: string | null;
  place?: string | null;
}

/**
 * Bidirectional-text controls (U+202A–U+202E embeddings and overrides such as the RTL override U+202E, U+2066–U+2069
 * isolates, U+200E/U+200F/U+061C marks): they can make a stored title display as something else, so ingest drops them.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
export const stripBidiControls = (s: string): string => s.replace(BIDI_CONTROLS, "");

const str = (v: unknown): string | null => {
  if (typeof v !== "string") return null;
  const t = stripBidiControls(v).trim().replace(/\s+/g, " ");
  return t || null;
};

function validUrl(fileName: string, where: string, v: unknown): string | null {
  if (v === undefined || v === null || v === "") return null;
  if (typeof v !== "string" || !canonicalizeUrl(v)) {
    throw new UserError(`${fileName}: ${where}"url" must be an http(s) address, got ${JSON.stringify(v).slice(0, 80)}.`);
  }
  return v.trim();
}

/** Builds the article: cleans the body, settles the title (given, headline line, or derived), fills metadata. */
function finish(fileName: string, rawText: string, given: GivenMeta, ctx: ReadContext, index = 0, count = 1): ArticleInput {
  rawText = stripBidiControls(rawText);
  const paragraphs = rawText.match(/\n\s*\n/g)?.length ?? 0;
  if (paragraphs >= DEFAULT_READ_LIMITS.maxParagraphs) {
    throw new UserError(
      `${fileName}${count > 1 ? ` (item ${index})` : ""}: ${paragraphs + 1} paragraphs is more than the ${DEFAULT_READ_LIMITS.maxParagraphs.toLocaleString("en")} one report may have. Split it into separate reports.`,
      "too_many_paragraphs",
    );
  }
  const originKind = ctx.originKind ?? "upload";
  let title = str(given.title);
  let titleDerived = false;
  let text: string;
  if (title) {
    text = cleanArticle(rawText, { title }).text;
  } else {
    text = cleanArticle(rawText).text;
    const paras = text.split("\n\n");
    if (paras.length > 1 && looksLikeHeadline(paras[0]!)) {
      title = paras[0]!;
      text = paras.slice(1).join("\n\n");
    } else {
      title = deriveTitle(text);
      titleDerived = true;
    }
  }
  if (!text.trim()) {
    const where = count > 1 ? ` (item ${index})` : "";
    throw new UserError(`${fileName}${where}: there is no article text after removing page furniture.`, "no_text");
  }
  const url = str(given.url);
  const date = normalizeDate(given.date) ?? inferDateFromText(rawText);
  return {
    id: articleId({ originKind, fileName, url, text, index, count }),
    title,
    titleDerived,
    url,
    date,
    source: str(given.source) ?? hostOf(url),
    place: str(given.place) ?? inferPlace(text, title),
    text,
    origin: { kind: originKind, ref: ctx.ref ?? fileName },
  };
}

// ------------------------------------------------------------------------------------------------ .txt

/** Reads a sidecar object ({title, place, date, source, url, note}); wrong field types are a UserError. */
function readSidecar(fileName: string, ctx: ReadContext): GivenMeta {
  const sc = ctx.sidecar;
  if (sc === undefined || sc === null) return {};
  const name = ctx.sidecarName ?? `the sidecar of ${fileName}`;
  if (typeof sc !== "object" || Array.isArray(sc)) {
    throw new UserError(`${name}: a sidecar must be a JSON object like {"title": …, "place": …, "date": …, "source": …, "url": …}.`);
  }
  const o = sc as Record<string, unknown>;
  for (const k of ["title", "place", "source"] as const) {
    if (o[k] !== undefined && o[k] !== null && typeof o[k] !== "string") {
      throw new UserError(`${name}: "${k}" must be text or null.`);
    }
  }
  if (o.date !== undefined && o.date !== null && typeof o.date !== "string" && typeof o.date !== "number") {
    throw new UserError(`${name}: "date" must be text such as "2023-12-28", or null.`);
  }
  return { title: o.title as string, place: o.place as string, source: o.source as string, date: o.date, url: validUrl(name, "", o.url) };
}

/** Plain text (optionally with a sidecar's metadata). Title: sidecar, else a headline first line, else derived. */
export const readTxt: Reader = (fileName, text, ctx = {}) => [finish(fileName, text, readSidecar(fileName, ctx), ctx)];

// ------------------------------------------------------------------------------------------------ .md

interface FrontMatter {
  meta: GivenMeta;
  body: string;
  /** 1-based line number where the body starts. */
  bodyLine: number;
}

/** Splits YAML front matter off a markdown file; malformed front matter is a UserError naming file and line. */
export function parseFrontMatter(fileName: string, text: string): FrontMatter {
  const lines = text.split(/\r?\n/);
  if (!/^---\s*$/.test(lines[0] ?? "")) return { meta: {}, body: text, bodyLine: 1 };
  const end = lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)\s*$/.test(l));
  if (end < 0) {
    throw new UserError(
      `${fileName}: the front matter opened with "---" on line 1 is never closed. Add a line with just "---" after the fields (title, url, date, source, place).`,
      "front_matter",
    );
  }
  const yamlText = lines.slice(1, end).join("\n");
  const doc = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const line = (err.linePos?.[0]?.line ?? 1) + 1; // +1 for the opening "---"
    const what = err.message.split("\n")[0]!.replace(/ at line \d+, column \d+.*$/, "");
    throw new UserError(
      `${fileName}: malformed front matter at line ${line}: ${what}. Fix the YAML between the "---" lines (put values containing ": " in quotes).`,
      "front_matter",
    );
  }
  const data: unknown = doc.toJS();
  if (data !== null && data !== undefined && (typeof data !== "object" || Array.isArray(data))) {
    throw new UserError(`${fileName}: the front matter must be "key: value" lines (title, url, date, source, place), not a ${Array.isArray(data) ? "list" : "single value"}.`, "front_matter");
  }
  const o = (data ?? {}) as Record<string, unknown>;
  const textField = (k: string): string | null => {
    const v = o[k];
    if (v === undefined || v === null) return null;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    const line = lines.findIndex((l) => l.startsWith(`${k}:`));
    throw new UserError(`${fileName}: front matter field "${k}"${line > 0 ? ` (line ${line + 1})` : ""} must be a single text value.`, "front_matter");
  };
  const dateRaw = o.date instanceof Date ? o.date : textField("date");
  return {
    meta: {
      title: textField("title"),
      url: validUrl(fileName, "front matter ", textField("url")),
      date: dateRaw,
      source: textField("source"),
      place: textField("place"),
    },
    body: lines.slice(end + 1).join("\n"),
    bodyLine: end + 2,
  };
}

/** Markdown → plain text: headings, emphasis, links and images reduced to their words; one paragraph per block. */
export function markdownToText(md: string): string {
  const out: string[] = [];
  let cur: string[] = [];
  const flush = () => {
    if (cur.length) out.push(cur.join(" "));
    cur = [];
  };
  let inFence = false;
  for (let line of md.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      flush();
      continue;
    }
    if (inFence) {
      if (line.trim()) out.push(line.trim());
      continue;
    }
    if (/^\s*$/.test(line) || /^\s*([-*_])(?:\s*\1){2,}\s*$/.test(line) || /^\s*(=+|-+)\s*$/.test(line)) {
      flush(); // blank line, horizontal rule, setext underline
      continue;
    }
    if (/^\s{0,3}\[[^\]]+\]:\s+\S+/.test(line)) continue; // link reference definition
    line = line.replace(/^\s*(?:>\s?)+/, ""); // blockquote
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      out.push(inlineMarkdown(heading[1]!));
      continue;
    }
    const item = /^\s*(?:[-*+]|(\d+)[.)])\s+(.*)$/.exec(line);
    if (item) {
      flush();
      cur.push(`${item[1] ? `${item[1]}.` : "-"} ${inlineMarkdown(item[2]!)}`);
      continue;
    }
    cur.push(inlineMarkdown(line.trim()));
  }
  flush();
  return out.filter((p) => p.trim()).join("\n\n");
}

function inlineMarkdown(s: string): string {
  return s
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "") // images
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1") // [text](url)
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1") // [text][ref]
    .replace(/<(https?:\/\/[^>\s]+)>/g, "$1") // <http://…>
    .replace(/<\/?[a-zA-Z][^>]*>/g, "") // inline HTML tags
    .replace(/`([^`]+)`/g, "$1")
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, "$2")
    .replace(/(?<![\p{L}\p{N}*])\*(?=\S)(.+?)(?<=\S)\*(?![\p{L}\p{N}*])/gu, "$1")
    .replace(/(?<![\p{L}\p{N}_])_(?=\S)(.+?)(?<=\S)_(?![\p{L}\p{N}_])/gu, "$1")
    .replace(/~~(.+?)~~/g, "$1")
    .replace(/\\([\\`*_{}[\]()#+\-.!>])/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** Markdown with optional YAML front matter (title, url, date, source, place). */
export const readMarkdown: Reader = (fileName, text, ctx = {}) => {
  const fm = parseFrontMatter(fileName, text);
  const body = markdownToText(fm.body);
  const meta = { ...fm.meta };
  if (!str(meta.title)) {
    // A leading "# Heading" is the title the author gave.
    const h1 = /^\s*#\s+(.+?)\s*#*\s*$/m.exec(fm.body.trimStart().split(/\r?\n/)[0] ?? "");
    if (h1) meta.title = inlineMarkdown(h1[1]!);
  }
  if (!body.trim()) throw new UserError(`${fileName}: the markdown file has no article text after the front matter.`, "no_text");
  return [finish(fileName, body, meta, ctx)];
};

// ------------------------------------------------------------------------------------------------ .json / .jsonl

/** A JSON parser's complaint with the line and column it points at. */
export function jsonErrorWhere(text: string, err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const pos = /position (\d+)/.exec(msg);
  if (!pos) return msg;
  const before = text.slice(0, +pos[1]!);
  const line = before.split("\n").length;
  const col = +pos[1]! - before.lastIndexOf("\n");
  return `${msg.replace(/ in JSON at position \d+.*$/, "")} at line ${line}, column ${col}`;
}

function articleFromObject(fileName: string, item: unknown, where: string, ctx: ReadContext, index: number, count: number): ArticleInput {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new UserError(`${fileName}: ${where}is not an article object; expected {"title", "url", "date", "source", "text"}.`);
  }
  const o = item as Record<string, unknown>;
  if (typeof o.text !== "string" || !o.text.trim()) {
    throw new UserError(
      `${fileName}: ${where}has ${o.text === undefined ? "no" : "an empty"} "text" field. Every article needs its body text in "text".`,
      "no_text",
    );
  }
  for (const k of ["title", "source", "place"] as const) {
    if (o[k] !== undefined && o[k] !== null && typeof o[k] !== "string") {
      throw new UserError(`${fileName}: ${where}"${k}" must be text or null.`);
    }
  }
  const meta: GivenMeta = {
    title: o.title as string | null,
    url: validUrl(fileName, where, o.url),
    date: o.date,
    source: o.source as string | null,
    place: o.place as string | null,
  };
  return finish(fileName, o.text, meta, ctx, index, count);
}

/** A JSON article object, an array of them, or {"articles": [...]}. */
export const readJson: Reader = (fileName, text, ctx = {}) => {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${fileName}: not valid JSON (${jsonErrorWhere(text, err)}).`);
  }
  if (data && typeof data === "object" && !Array.isArray(data) && Array.isArray((data as { articles?: unknown }).articles)) {
    data = (data as { articles: unknown[] }).articles;
  }
  if (Array.isArray(data)) {
    if (data.length === 0) throw new UserError(`${fileName}: the JSON array is empty; there are no articles in it.`);
    return data.map((item, i) => articleFromObject(fileName, item, `item ${i} `, ctx, i, data.length));
  }
  return [articleFromObject(fileName, data, "the article ", ctx, 0, 1)];
};

/** JSON Lines: one article object per line (blank lines ignored). */
export const readJsonl: Reader = (fileName, text, ctx = {}) => {
  const rows = text
    .split(/\r?\n/)
    .map((line, i) => ({ line, n: i + 1 }))
    .filter((r) => r.line.trim());
  if (!rows.length) throw new UserError(`${fileName}: no JSON lines in the file.`);
  return rows.map(({ line, n }, i) => {
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch (err) {
      throw new UserError(`${fileName}: line ${n} is not valid JSON (${jsonErrorWhere(line, err)}).`);
    }
    return articleFromObject(fileName, item, `line ${n} `, ctx, i, rows.length);
  });
};

// ------------------------------------------------------------------------------------------------ .html

/** Minimum article text Readability must find for a page to count as an article. */
export const MIN_HTML_ARTICLE_CHARS = 200;

type El = {
  getAttribute(n: string): string | null;
  textContent: string | null;
  querySelector(s: string): El | null;
  querySelectorAll(s: string): Iterable<El>;
};

const BLOCK_TAGS = new Set(
  "P DIV SECTION ARTICLE MAIN HEADER FOOTER ASIDE NAV H1 H2 H3 H4 H5 H6 LI UL OL BLOCKQUOTE PRE FIGURE FIGCAPTION TABLE THEAD TBODY TR TD TH DL DT DD HR ADDRESS".split(" "),
);
const SKIP_TAGS = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "SVG", "IFRAME", "BUTTON", "FORM"]);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** DOM → text with one paragraph per block element. */
export function domToText(root: DomNode): string {
  let out = "";
  const walk = (n: DomNode) => {
    if (n.nodeType === 3) {
      out += (n.textContent ?? "").replace(/\s+/g, " ");
      return;
    }
    if (n.nodeType !== 1 && n.nodeType !== 9 && n.nodeType !== 11) return;
    const tag = n.nodeName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return;
    if (tag === "BR") {
      out += "\n";
      return;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) out += "\n\n";
    const children = n.childNodes; // linkedom builds this list on every access: read it once
    for (let i = 0; i < children.length; i++) walk(children[i]!);
    if (block) out += "\n\n";
  };
  walk(root);
  return out;
}

/** Refuses a page nested deeper or with more elements than DEFAULT_READ_LIMITS allow (walked without recursion). */
function checkHtmlShape(fileName: string, root: DomNode): void {
  const { maxHtmlDepth, maxHtmlElements } = DEFAULT_READ_LIMITS;
  const stack: { node: DomNode; depth: number }[] = [{ node: root, depth: 0 }];
  let elements = 0;
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (node.nodeType === 1) {
      elements++;
      if (depth > maxHtmlDepth) {
        throw new UserError(
          `${fileName}: the page nests its elements more than ${maxHtmlDepth} levels deep, which no article page does, so it was not read. Send the article's text as a .txt file instead.`,
          "html_too_deep",
        );
      }
      if (elements > maxHtmlElements) {
        throw new UserError(
          `${fileName}: the page has more than ${maxHtmlElements.toLocaleString("en")} elements, far more than an article page, so it was not read. Send the article's text as a .txt file instead.`,
          "html_too_large",
        );
      }
    }
    const children = node.childNodes; // linkedom builds this list on every access: read it once
    for (let i = 0; i < children.length; i++) stack.push({ node: children[i]!, depth: depth + 1 });
  }
}

function meta(doc: El, names: string[]): string | null {
  for (const n of names) {
    const el = doc.querySelector(`meta[property="${n}"]`) ?? doc.querySelector(`meta[name="${n}"]`) ?? doc.querySelector(`meta[itemprop="${n}"]`);
    const v = str(el?.getAttribute("content"));
    if (v) return v;
  }
  return null;
}

function jsonLdValues(doc: El, field: string): string[] {
  const found: string[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 8 || v === null || typeof v !== "object") return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, depth + 1));
    const o = v as Record<string, unknown>;
    if (typeof o[field] === "string") found.push(o[field] as string);
    for (const x of Object.values(o)) visit(x, depth + 1);
  };
  for (const s of doc.querySelectorAll('script[type="application/ld+json"]')) {
    try {
      visit(JSON.parse(s.textContent ?? ""), 0);
    } catch {
      /* malformed JSON-LD is common; ignore it */
    }
  }
  return found;
}

function resolveHttp(href: string | null | undefined, base: string | undefined): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}

/** Strips a " | Site" / " - Site" suffix from a <title>. */
function tidyDocTitle(title: string, site: string | null): string {
  const parts = title.split(/\s+[|–—-]\s+/);
  if (parts.length < 2) return title;
  const last = parts[parts.length - 1]!;
  if ((site && last.toLowerCase().includes(site.toLowerCase())) || /\.[a-z]{2,}$/i.test(last) || last.split(/\s+/).length <= 3) {
    return parts.slice(0, -1).join(" - ");
  }
  return title;
}

/** An HTML page: main text via Readability; title, canonical url, date and site from the page's metadata. */
export const readHtml: Reader = (fileName, html, ctx = {}) => {
  const { document } = parseHTML(html);
  const doc = document as unknown as El;
  checkHtmlShape(fileName, document as unknown as DomNode);

  // Metadata first: Readability rewrites the document.
  const site = meta(doc, ["og:site_name", "application-name"]);
  const h1 = str(doc.querySelector("h1")?.textContent);
  const docTitle = str(doc.querySelector("title")?.textContent);
  const title = meta(doc, ["og:title", "twitter:title"]) ?? (docTitle ? tidyDocTitle(docTitle, site) : null) ?? h1;
  const canonical =
    resolveHttp(doc.querySelector('link[rel="canonical"]')?.getAttribute("href"), ctx.baseUrl) ??
    resolveHttp(meta(doc, ["og:url"]), ctx.baseUrl);
  const timeEl = doc.querySelector("time[datetime]");
  const dateCandidates = [
    meta(doc, ["article:published_time", "datePublished", "pubdate", "publishdate", "date", "DC.date.issued", "dc.date"]),
    ...jsonLdValues(doc, "datePublished"),
    timeEl?.getAttribute("datetime"),
  ];

  let article: ReturnType<Readability<DomNode>["parse"]> = null;
  try {
    article = new Readability<DomNode>(document as unknown as Document, {
      serializer: (n) => n as unknown as DomNode,
      charThreshold: 300,
    }).parse();
  } catch {
    article = null;
  }
  const body = article?.content ? domToText(article.content) : "";
  const plain = body.replace(/\s+/g, " ").trim();
  if (plain.length < MIN_HTML_ARTICLE_CHARS) {
    throw new UserError(
      `${fileName}: no article text found in the page (${plain.length} characters of readable text). Send the article itself, or paste its text as a .txt file.`,
      "no_article",
    );
  }
  const date = dateCandidates.map(normalizeDate).find(Boolean) ?? normalizeDate(article?.publishedTime) ?? null;
  // A page's canonical link / og:url is only what it claims to be: the url is where it was fetched from (none
  // for an uploaded file), and the outlet is that address's host; the site name is believed only without one.
  const url = ctx.baseUrl ? (canonicalizeUrl(ctx.baseUrl) ?? null) : null;
  const read = finish(fileName, body, {
    title: title ?? str(article?.title),
    url,
    date,
    source: url ? hostOf(url) : site,
    place: null,
  }, ctx);
  return [{ ...read, claimedUrl: canonical && canonicalizeUrl(canonical) !== url ? canonical : null }];
};
