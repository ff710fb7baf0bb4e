// Fetching one article from the web, safely: http(s) only; every hop's host resolved and refused when it is
// loopback / private / link-local (cloud metadata) / otherwise not public unicast; the connection is pinned to
// the addresses that were checked (no DNS rebinding between check and connect); manual redirects, re-checked
// each hop; one timeout for the whole exchange including the body; a size cap enforced while streaming.
import { lookup as dnsLookup } from "node:dns/promises";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { pipeline, type Readable } from "node:stream";
import zlib from "node:zlib";
import ipaddr from "ipaddr.js";
import { UserError, type ArticleInput } from "../types.js";
import { formatBytes, sniffBinary, sniffTextFormat } from "./decode.js";
import { articleId, canonicalizeUrl, hostOf } from "./metadata.js";
import { readHtml, readJson, readMarkdown, readTxt, type ReadContext } from "./readers.js";

export interface FetchOptions {
  /** One deadline for everything: DNS, connect, every redirect hop and the whole body. */
  timeoutMs: number;
  /** Largest body accepted (after decompression). */
  maxBytes: number;
  /** Redirects followed at most. */
  maxRedirects: number;
  /**
   * Hosts exempt from the private-address check, as `host` (the scheme's default port only) or `host:port`
   * (e.g. ["127.0.0.1:8080"] in tests). Matched against the URL's own host, never against what a name resolves to.
   */
  allowHosts: string[];
  /** Resolves a host name to all its addresses (default: node:dns/promises lookup, all addresses). */
  lookup?: (host: string) => Promise<string[]>;
  /** Reads the downloaded page (default: readFetchedPage on this thread; the library passes its worker). */
  readPage?: (page: FetchedPage) => Promise<ArticleInput>;
}

const USER_AGENT = "committee-reports-bot/0.1 (article ingest)";

const RANGE_TEXT: Record<string, string> = {
  loopback: "a loopback address (this machine)",
  private: "a private network address",
  linkLocal: "a link-local address (this range holds cloud metadata services such as 169.254.169.254)",
  carrierGradeNat: "a carrier-grade NAT address",
  unspecified: "an unspecified address",
  uniqueLocal: "a private (unique local) IPv6 address",
  deprecatedSiteLocal: "a site-local IPv6 address (a private range)",
  multicast: "a multicast address",
  broadcast: "a broadcast address",
  reserved: "a reserved address",
  teredo: "a Teredo tunnel address (it hides the IPv4 address it reaches)",
  discard: "a discard-only IPv6 address",
  benchmarking: "a benchmarking address",
};

/** Why an IPv4 address may not be fetched, or null when it is public unicast. */
function blockedIPv4Reason(ip: ipaddr.IPv4): string | null {
  const range = ip.range();
  if (range === "unicast") return null;
  return RANGE_TEXT[range] ?? `a non-public address (${range})`;
}

/** The IPv4 address inside an IPv6 form that embeds one, with the form's name. */
function embeddedIPv4(ip: ipaddr.IPv6, range: string): { v4: ipaddr.IPv4; form: string } | null {
  const bytes = ip.toByteArray();
  const at = (offset: number) => new ipaddr.IPv4(bytes.slice(offset, offset + 4));
  const zeros = (from: number, to: number) => bytes.slice(from, to).every((b) => b === 0);
  if (range === "ipv4Mapped" || range === "rfc6145") return { v4: at(12), form: "an IPv4-mapped IPv6 address" };
  if (range === "rfc6052") return { v4: at(12), form: "a NAT64 address" };
  if (range === "6to4") return { v4: at(2), form: "a 6to4 address" };
  if (range === "unicast" && zeros(0, 12)) return { v4: at(12), form: "an IPv4-compatible IPv6 address" };
  return null;
}

/**
 * Why an address may not be fetched ("a private network address"), or null when it is public unicast.
 * IPv6 follows the IANA special-purpose registry: forms that embed an IPv4 address (IPv4-mapped ::ffff:0:0/96,
 * IPv4-compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the address they embed; Teredo,
 * local-use NAT64 (64:ff9b:1::/48), unique-local, link-local, site-local, multicast, documentation and every
 * address outside global unicast 2000::/3 are refused.
 */
export function blockedAddressReason(address: string): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address);
  } catch {
    return "not a valid IP address";
  }
  if (ip.kind() === "ipv4") return blockedIPv4Reason(ip as ipaddr.IPv4);
  const v6 = ip as ipaddr.IPv6;
  const range = v6.range();
  if (range === "rfc6052" && v6.match(ipaddr.IPv6.parse("64:ff9b:1::"), 48)) return "a local-use NAT64 address (a private range)";
  const embedded = embeddedIPv4(v6, range);
  if (embedded) {
    const why = blockedIPv4Reason(embedded.v4);
    if (why) return `${embedded.form} of ${embedded.v4.toString()}, ${why}`;
    // ::a.b.c.d is deprecated (RFC 4291) and no public server uses it.
    if (embedded.form === "an IPv4-compatible IPv6 address") return `${embedded.form} (deprecated, never a public server)`;
    return null;
  }
  if (range !== "unicast") return RANGE_TEXT[range] ?? `a non-public address (${range})`;
  const first = v6.toByteArray()[0]!;
  if ((first & 0xe0) !== 0x20) return "an IPv6 address outside the global unicast range 2000::/3";
  return null;
}

/** One FETCH_ALLOW_HOSTS entry: `host` (the scheme's default port only) or `host:port`; IPv6 as `[::1]:8080`. */
export interface AllowedHost {
  host: string;
  /** null = the default port of the URL's scheme (80 for http, 443 for https). */
  port: number | null;
}

/** Parses allow-list entries ("127.0.0.1", "127.0.0.1:8080", "[::1]:8080", "news.local"). */
export function parseAllowHosts(entries: string[]): AllowedHost[] {
  return entries
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean)
    .map((e) => {
      const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(e);
      if (bracketed) return { host: bracketed[1]!, port: bracketed[2] ? Number(bracketed[2]) : null };
      const hostPort = /^([^:]+):(\d+)$/.exec(e);
      if (hostPort) return { host: hostPort[1]!, port: Number(hostPort[2]) };
      return { host: e, port: null };
    });
}

/** True when the URL's own host and port are on the allow-list (never by what a name resolves to). */
function isAllowed(u: URL, allow: AllowedHost[]): boolean {
  const host = u.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const port = u.port ? Number(u.port) : null;
  const sameHost = (a: string) => a === host || (isIP(a) === 6 && isIP(host) === 6 && ipaddr.parse(a).toNormalizedString() === ipaddr.parse(host).toNormalizedString());
  return allow.some((a) => sameHost(a.host) && a.port === port);
}

async function defaultLookup(host: string): Promise<string[]> {
  const found = await dnsLookup(host, { all: true, verbatim: true });
  return found.map((a) => a.address);
}

function parseHttpUrl(raw: string, what = "address"): URL {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new UserError(`"${raw.slice(0, 200)}" is not a valid web ${what}. Send a full link starting with https://.`, "bad_url");
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") {
    throw new UserError(
      `Only http:// and https:// links can be fetched; "${u.protocol}" links (${raw.slice(0, 100)}) are refused. Send the article's web page link, or the file itself.`,
      "bad_url",
    );
  }
  if (u.username || u.password) {
    throw new UserError(`Links with a user name or password in them are not fetched. Send the public link of the article.`, "bad_url");
  }
  return u;
}

function timeoutError(host: string, opts: FetchOptions): UserError {
  return new UserError(
    `${host} did not answer within ${(opts.timeoutMs / 1000).toFixed(opts.timeoutMs < 1000 ? 1 : 0)} s, so the fetch was stopped. Check the link, or try again later.`,
    "timeout",
  );
}

/** Rejects as soon as the signal aborts (DNS lookups cannot be cancelled, only abandoned). */
function raceSignal<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/** Resolves and checks a hop's host; returns the addresses to connect to. */
async function checkDestination(u: URL, opts: FetchOptions, signal: AbortSignal): Promise<string[]> {
  const host = u.hostname.replace(/^\[|\]$/g, "");
  let addresses: string[];
  if (isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = await raceSignal((opts.lookup ?? defaultLookup)(host), signal);
    } catch (err) {
      if (signal.aborted) throw timeoutError(host, opts);
      throw new UserError(`Could not find the server ${host} (${(err as { code?: string }).code ?? "DNS lookup failed"}). Check the link for typos.`, "dns");
    }
    if (!addresses.length) throw new UserError(`Could not find the server ${host}: it has no addresses. Check the link.`, "dns");
  }
  if (isAllowed(u, parseAllowHosts(opts.allowHosts))) return addresses;
  for (const a of addresses) {
    const why = blockedAddressReason(a);
    if (why) {
      throw new UserError(
        `Refusing to fetch ${u.href}: ${host === a ? "it is" : `${host} resolves to ${a},`} ${why}. Only public web pages can be added.`,
        "blocked_address",
      );
    }
  }
  return addresses;
}

/** A lookup that only ever answers with the already-checked addresses (pins the connection). */
function pinnedLookup(addresses: string[]): LookupFunction {
  const list = addresses.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
  return ((_host: string, options: unknown, cb: unknown) => {
    const callback = (typeof options === "function" ? options : cb) as (...args: unknown[]) => void;
    const o = (typeof options === "object" && options ? options : {}) as { family?: number | string; all?: boolean };
    const fam = o.family === 4 || o.family === "IPv4" ? 4 : o.family === 6 || o.family === "IPv6" ? 6 : 0;
    const usable = fam ? list.filter((a) => a.family === fam) : list;
    if (!usable.length) return callback(Object.assign(new Error("no checked address of the requested family"), { code: "ENOTFOUND" }));
    if (o.all) callback(null, usable);
    else callback(null, usable[0]!.address, usable[0]!.family);
  }) as LookupFunction;
}

function requestOnce(u: URL, addresses: string[], signal: AbortSignal, headers: Record<string, string>): Promise<IncomingMessage> {
  const mod = u.protocol === "https:" ? https : http;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = mod.request(u, { method: "GET", agent: false, signal, lookup: pinnedLookup(addresses), headers });
    req.once("response", resolve);
    req.once("error", reject);
    req.end();
  });
}

/** How one caller's refusals end: what the address is ("address", "feed address") and what to do instead. */
interface FetchWording {
  what: string;
  /** After "redirects more than N times, so it was not followed further.": "Send the final article link." */
  tooManyRedirects: string;
  /** The thing to check: "link", "address". */
  thing: string;
}

/**
 * One GET with every safety rule: http(s) only, each hop's address checked and pinned, redirects followed by
 * hand (re-checked each hop) up to `maxRedirects`, one deadline for the whole exchange. `consume` gets the first
 * 2xx answer (or a 304 when `notModified` is set) and the address it came from; any other answer, a network
 * fault or the deadline becomes a UserError worded for the caller.
 */
async function getFollowingRedirects<T>(
  url: string,
  opts: FetchOptions,
  headers: Record<string, string>,
  wording: FetchWording,
  consume: (res: IncomingMessage, finalUrl: URL, signal: AbortSignal) => Promise<T>,
  notModified = false,
): Promise<T> {
  let current = parseHttpUrl(url, wording.what);
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let res: IncomingMessage | null = null;
  try {
    for (let hop = 0; ; hop++) {
      const addresses = await checkDestination(current, opts, signal);
      res = await requestOnce(current, addresses, signal, headers);
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        const location = res.headers.location;
        res.resume();
        res.destroy();
        if (!location) throw new UserError(`${current.href} answered ${status} (a redirect) without saying where to. The link seems broken.`, "http_status");
        if (hop >= opts.maxRedirects) {
          throw new UserError(`${url} redirects more than ${opts.maxRedirects} times, so it was not followed further. ${wording.tooManyRedirects}`, "too_many_redirects");
        }
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new UserError(`${current.href} redirects to an invalid address (${location.slice(0, 100)}).`, "bad_url");
        }
        current = parseHttpUrl(next.href, wording.what);
        continue;
      }
      if ((status < 200 || status >= 300) && !(notModified && status === 304)) {
        res.resume();
        res.destroy();
        const text = res.statusMessage || http.STATUS_CODES[status] || "";
        throw new UserError(
          `Could not fetch ${current.href}: the server answered ${status}${text ? ` ${text}` : ""}. Check that the ${wording.thing} opens in a browser.`,
          "http_status",
        );
      }
      return await consume(res, current, signal);
    }
  } catch (err) {
    res?.destroy();
    if (err instanceof UserError) throw err;
    if (signal.aborted) throw timeoutError(current.hostname, opts);
    const code = (err as { code?: string }).code;
    throw new UserError(`Could not fetch ${current.href} (${code ?? (err as Error).message}). Check the ${wording.thing}, or try again later.`, "network");
  }
}

async function readBody(res: IncomingMessage, u: URL, opts: FetchOptions, signal: AbortSignal): Promise<Buffer> {
  const tooLarge = () =>
    new UserError(`${u.href} is larger than the ${formatBytes(opts.maxBytes)} limit, so it was not downloaded. Send a link to the article page itself.`, "too_large");
  const declared = Number(res.headers["content-length"]);
  if (Number.isFinite(declared) && declared > opts.maxBytes) {
    res.destroy();
    throw tooLarge();
  }
  const enc = String(res.headers["content-encoding"] ?? "").toLowerCase().trim();
  const decoder =
    enc === "gzip" || enc === "x-gzip" ? zlib.createGunzip() : enc === "deflate" ? zlib.createInflate() : enc === "br" ? zlib.createBrotliDecompress() : null;
  const stream: Readable = decoder ? pipeline(res, decoder, () => {}) : res;
  const onAbort = () => {
    res.destroy(signal.reason as Error);
    stream.destroy(signal.reason as Error);
  };
  signal.addEventListener("abort", onAbort, { once: true });
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      if (total > opts.maxBytes) {
        res.destroy();
        stream.destroy();
        throw tooLarge();
      }
      chunks.push(chunk as Buffer);
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  return Buffer.concat(chunks);
}

function charsetOf(contentType: string, body: Buffer): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType)?.[1];
  const fromMeta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(body.subarray(0, 4096).toString("latin1"))?.[1];
  return (fromHeader ?? fromMeta ?? "utf-8").toLowerCase();
}

function decodeBody(body: Buffer, contentType: string): string {
  let dec: TextDecoder;
  try {
    dec = new TextDecoder(charsetOf(contentType, body));
  } catch {
    dec = new TextDecoder("utf-8");
  }
  return dec.decode(body).replace(/^\ufeff/, "");
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Downloads one article page and reads it (HTML via Readability; text/plain, markdown and JSON via their
 * readers). Refuses non-http(s) schemes, private/loopback/link-local/metadata addresses (unless listed in
 * `allowHosts`), too many redirects, slow servers (timeout), oversized bodies and non-2xx answers, each
 * with a UserError that says what was wrong.
 */
export async function fetchArticle(url: string, opts: FetchOptions): Promise<ArticleInput> {
  const page = await getFollowingRedirects(url, opts, ARTICLE_HEADERS, ARTICLE_WORDING, async (res, final, signal): Promise<FetchedPage> => ({
    url,
    finalUrl: final.href,
    contentType: String(res.headers["content-type"] ?? "").toLowerCase(),
    body: await readBody(res, final, opts, signal),
  }));
  return opts.readPage ? opts.readPage(page) : readFetchedPage(page);
}

const ARTICLE_HEADERS = {
  "user-agent": USER_AGENT,
  accept: "text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.9,text/markdown;q=0.8,*/*;q=0.1",
  "accept-encoding": "gzip, deflate, br",
};
const ARTICLE_WORDING: FetchWording = { what: "address", tooManyRedirects: "Send the final article link.", thing: "link" };

/** A downloaded page before it is read: where it was asked for and fetched from, its type and its bytes. */
export interface FetchedPage {
  /** The address as given. */
  url: string;
  /** The address it was fetched from, after redirects. */
  finalUrl: string;
  contentType: string;
  body: Uint8Array;
}

/**
 * Reads a downloaded page into its article (synchronous, CPU-bound on hostile input: the library runs it in a
 * worker thread with a time budget, see off-thread.ts). Refuses binary bodies, unsupported types and pages
 * holding several articles.
 */
export function readFetchedPage(page: FetchedPage): ArticleInput {
  const { url, finalUrl, contentType } = page;
  const body = Buffer.from(page.body.buffer, page.body.byteOffset, page.body.byteLength);
  const ctx: ReadContext = { originKind: "url", ref: url, baseUrl: finalUrl };
  const mime = contentType.split(";")[0]!.trim();
  let articles: ArticleInput[];
  if (/html|xhtml/.test(mime)) {
    articles = readHtml(finalUrl, decodeBody(body, contentType), ctx);
  } else if (/json/.test(mime)) {
    articles = readJson(finalUrl, decodeBody(body, contentType), ctx);
  } else if (mime === "text/markdown" || mime === "text/x-markdown") {
    articles = readMarkdown(finalUrl, decodeBody(body, contentType), ctx);
  } else if (mime === "text/plain" || mime === "" || mime === "application/octet-stream") {
    const binary = sniffBinary(body);
    if (binary) throw new UserError(`${finalUrl} is ${binary}, not an article page. Send a link to the article's web page.`, "binary");
    const text = decodeBody(body, contentType);
    const sniffed = sniffTextFormat(text);
    articles = sniffed === "html" ? readHtml(finalUrl, text, ctx) : sniffed === "json" ? readJson(finalUrl, text, ctx) : readTxt(finalUrl, text, ctx);
  } else {
    throw new UserError(`${finalUrl} is ${mime}, not a web page or text. Send a link to the article's web page, or the text as a file.`, "unsupported_type");
  }
  if (articles.length !== 1) {
    throw new UserError(`${finalUrl} holds ${articles.length} articles; download it and send it as a .json file instead.`, "many_articles");
  }
  return fetchedArticle(articles[0]!, url, finalUrl);
}

/**
 * The article as identified by where it was fetched from: its url, id and outlet are the final address (after
 * redirects). What the page says about itself (a canonical link, og:url, a JSON "url" or "source") is only a
 * claim: kept in `claimedUrl`, never used to find, replace or cite another report.
 */
function fetchedArticle(a: ArticleInput, requested: string, finalUrl: string): ArticleInput {
  const address = canonicalizeUrl(finalUrl) ?? finalUrl;
  const claimed = a.claimedUrl ?? a.url;
  return {
    ...a,
    url: address,
    claimedUrl: claimed && canonicalizeUrl(claimed) !== address ? claimed : null,
    source: hostOf(address),
    id: articleId({ originKind: "url", url: address, text: a.text }),
    origin: { kind: "url", ref: requested },
  };
}

/** What `fetchDocument` got: the body of a 2xx answer, or "not modified" (304) for a conditional request. */
export type FetchedDocument =
  | { status: "not_modified"; finalUrl: string }
  | { status: "ok"; finalUrl: string; body: Buffer; contentType: string; etag: string | null; lastModified: string | null };

export interface DocumentRequest {
  /** Accept header (default: XML feeds and sitemaps). */
  accept?: string;
  /** Validators from the previous answer: sent as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
}

const FEED_ACCEPT = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.1";

/**
 * Downloads a document (a feed, a sitemap) with the same checks as `fetchArticle`: http(s) only, every hop's
 * address checked and pinned, manual redirects re-checked each hop, one deadline, a size cap while streaming.
 * Conditional: with `etag` / `lastModified` a 304 answer is returned as "not_modified" without a body.
 * Does not read the body as an article; the caller decodes it (`decodeDocument`).
 */
export async function fetchDocument(url: string, opts: FetchOptions, request: DocumentRequest = {}): Promise<FetchedDocument> {
  const headers: Record<string, string> = {
    "user-agent": USER_AGENT,
    accept: request.accept ?? FEED_ACCEPT,
    "accept-encoding": "gzip, deflate, br",
    ...(request.etag ? { "if-none-match": request.etag } : {}),
    ...(request.lastModified ? { "if-modified-since": request.lastModified } : {}),
  };
  const conditional = !!(request.etag || request.lastModified);
  return getFollowingRedirects(
    url,
    opts,
    headers,
    DOCUMENT_WORDING,
    async (res, final, signal): Promise<FetchedDocument> => {
      if (res.statusCode === 304) {
        res.resume();
        res.destroy();
        return { status: "not_modified", finalUrl: final.href };
      }
      let body: Buffer;
      try {
        body = await readBody(res, final, opts, signal);
      } catch (err) {
        if (err instanceof UserError && err.code === "too_large") {
          throw new UserError(`${final.href} is larger than the ${formatBytes(opts.maxBytes)} limit, so it was not downloaded. Give a smaller feed (a section's RSS, or one sitemap of a sitemap index).`, "too_large");
        }
        throw err;
      }
      const header = (name: string) => {
        const v = res.headers[name];
        return typeof v === "string" && v.trim() ? v.trim() : null;
      };
      return { status: "ok", finalUrl: final.href, body, contentType: String(res.headers["content-type"] ?? "").toLowerCase(), etag: header("etag"), lastModified: header("last-modified") };
    },
    conditional,
  );
}

const DOCUMENT_WORDING: FetchWording = { what: "feed address", tooManyRedirects: "Give the feed's final address.", thing: "address" };

/** A fetched document's text: charset from the header, the XML declaration or a meta tag; UTF-8 by default. */
export function decodeDocument(body: Buffer, contentType: string): string {
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(body.subarray(0, 200).toString("latin1"))?.[1];
  return decodeBody(body, declared && !/charset=/i.test(contentType) ? `${contentType}; charset=${declared}` : contentType);
}

