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
import { articleId, hostOf } from "./metadata.js";
import { readHtml, readJson, readMarkdown, readTxt, type ReadContext } from "./readers.js";

export interface FetchOptions {
  /** One deadline for everything: DNS, connect, every redirect hop and the whole body. */
  timeoutMs: number;
  /** Largest body accepted (after decompression). */
  maxBytes: number;
  /** Redirects followed at most. */
  maxRedirects: number;
  /** Hosts or IPs exempt from the private-address check (e.g. ["127.0.0.1"] in tests). */
  allowHosts: string[];
  /** Resolves a host name to all its addresses (default: node:dns/promises lookup, all addresses). */
  lookup?: (host: string) => Promise<string[]>;
}

const USER_AGENT = "committee-reports-bot/0.1 (article ingest)";

const RANGE_TEXT: Record<string, string> = {
  loopback: "a loopback address (this machine)",
  private: "a private network address",
  linkLocal: "a link-local address (this range holds cloud metadata services such as 169.254.169.254)",
  carrierGradeNat: "a carrier-grade NAT address",
  unspecified: "an unspecified address",
  uniqueLocal: "a private (unique local) IPv6 address",
  multicast: "a multicast address",
  broadcast: "a broadcast address",
  reserved: "a reserved address",
};

/** Why an address may not be fetched ("a private network address"), or null when it is public unicast. */
export function blockedAddressReason(address: string): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address);
  } catch {
    return "not a valid IP address";
  }
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  if (range === "unicast") return null;
  return RANGE_TEXT[range] ?? `a non-public address (${range})`;
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
  const allowed = (h: string) => opts.allowHosts.some((a) => a.replace(/^\[|\]$/g, "").toLowerCase() === h.toLowerCase());
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
  if (allowed(host)) return addresses;
  for (const a of addresses) {
    if (allowed(a)) continue;
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

function requestOnce(u: URL, addresses: string[], signal: AbortSignal): Promise<IncomingMessage> {
  const mod = u.protocol === "https:" ? https : http;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = mod.request(u, {
      method: "GET",
      agent: false,
      signal,
      lookup: pinnedLookup(addresses),
      headers: {
        "user-agent": USER_AGENT,
        accept: "text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.9,text/markdown;q=0.8,*/*;q=0.1",
        "accept-encoding": "gzip, deflate, br",
      },
    });
    req.once("response", resolve);
    req.once("error", reject);
    req.end();
  });
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
  let current = parseHttpUrl(url);
  const signal = AbortSignal.timeout(opts.timeoutMs);
  let res: IncomingMessage | null = null;
  let body: Buffer;
  try {
    for (let hop = 0; ; hop++) {
      const addresses = await checkDestination(current, opts, signal);
      res = await requestOnce(current, addresses, signal);
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        const location = res.headers.location;
        res.resume();
        res.destroy();
        if (!location) throw new UserError(`${current.href} answered ${status} (a redirect) without saying where to. The link seems broken.`, "http_status");
        if (hop >= opts.maxRedirects) {
          throw new UserError(`${url} redirects more than ${opts.maxRedirects} times, so it was not followed further. Send the final article link.`, "too_many_redirects");
        }
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new UserError(`${current.href} redirects to an invalid address (${location.slice(0, 100)}).`, "bad_url");
        }
        current = parseHttpUrl(next.href);
        continue;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        res.destroy();
        const text = res.statusMessage || http.STATUS_CODES[status] || "";
        throw new UserError(
          `Could not fetch ${current.href}: the server answered ${status}${text ? ` ${text}` : ""}. Check that the link opens in a browser.`,
          "http_status",
        );
      }
      body = await readBody(res, current, opts, signal);
      break;
    }
  } catch (err) {
    res?.destroy();
    if (err instanceof UserError) throw err;
    if (signal.aborted) throw timeoutError(current.hostname, opts);
    const code = (err as { code?: string }).code;
    throw new UserError(`Could not fetch ${current.href} (${code ?? (err as Error).message}). Check the link, or try again later.`, "network");
  }

  const contentType = String(res!.headers["content-type"] ?? "").toLowerCase();
  const finalUrl = current.href;
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
  const a = articles[0]!;
  const articleUrl = a.url ?? finalUrl;
  return {
    ...a,
    url: articleUrl,
    source: a.source ?? hostOf(articleUrl),
    id: articleId({ originKind: "url", url: articleUrl, text: a.text }),
    origin: { kind: "url", ref: url },
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
  let current = parseHttpUrl(url, "feed address");
  const signal = AbortSignal.timeout(opts.timeoutMs);
  const headers: Record<string, string> = {
    "user-agent": USER_AGENT,
    accept: request.accept ?? FEED_ACCEPT,
    "accept-encoding": "gzip, deflate, br",
    ...(request.etag ? { "if-none-match": request.etag } : {}),
    ...(request.lastModified ? { "if-modified-since": request.lastModified } : {}),
  };
  let res: IncomingMessage | null = null;
  try {
    for (let hop = 0; ; hop++) {
      const addresses = await checkDestination(current, opts, signal);
      res = await requestWithHeaders(current, addresses, signal, headers);
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        const location = res.headers.location;
        res.resume();
        res.destroy();
        if (!location) throw new UserError(`${current.href} answered ${status} (a redirect) without saying where to. The link seems broken.`, "http_status");
        if (hop >= opts.maxRedirects) {
          throw new UserError(`${url} redirects more than ${opts.maxRedirects} times, so it was not followed further. Give the feed's final address.`, "too_many_redirects");
        }
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          throw new UserError(`${current.href} redirects to an invalid address (${location.slice(0, 100)}).`, "bad_url");
        }
        current = parseHttpUrl(next.href, "feed address");
        continue;
      }
      if (status === 304 && (request.etag || request.lastModified)) {
        res.resume();
        res.destroy();
        return { status: "not_modified", finalUrl: current.href };
      }
      if (status < 200 || status >= 300) {
        res.resume();
        res.destroy();
        const text = res.statusMessage || http.STATUS_CODES[status] || "";
        throw new UserError(`Could not fetch ${current.href}: the server answered ${status}${text ? ` ${text}` : ""}. Check that the address opens in a browser.`, "http_status");
      }
      let body: Buffer;
      try {
        body = await readBody(res, current, opts, signal);
      } catch (err) {
        if (err instanceof UserError && err.code === "too_large") {
          throw new UserError(`${current.href} is larger than the ${formatBytes(opts.maxBytes)} limit, so it was not downloaded. Give a smaller feed (a section's RSS, or one sitemap of a sitemap index).`, "too_large");
        }
        throw err;
      }
      const header = (name: string) => {
        const v = res!.headers[name];
        return typeof v === "string" && v.trim() ? v.trim() : null;
      };
      return { status: "ok", finalUrl: current.href, body, contentType: String(res.headers["content-type"] ?? "").toLowerCase(), etag: header("etag"), lastModified: header("last-modified") };
    }
  } catch (err) {
    res?.destroy();
    if (err instanceof UserError) throw err;
    if (signal.aborted) throw timeoutError(current.hostname, opts);
    const code = (err as { code?: string }).code;
    throw new UserError(`Could not fetch ${current.href} (${code ?? (err as Error).message}). Check the address, or try again later.`, "network");
  }
}

/** A fetched document's text: charset from the header, the XML declaration or a meta tag; UTF-8 by default. */
export function decodeDocument(body: Buffer, contentType: string): string {
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(body.subarray(0, 200).toString("latin1"))?.[1];
  return decodeBody(body, declared && !/charset=/i.test(contentType) ? `${contentType}; charset=${declared}` : contentType);
}

function requestWithHeaders(u: URL, addresses: string[], signal: AbortSignal, headers: Record<string, string>): Promise<IncomingMessage> {
  const mod = u.protocol === "https:" ? https : http;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = mod.request(u, { method: "GET", agent: false, signal, lookup: pinnedLookup(addresses), headers });
    req.once("response", resolve);
    req.once("error", reject);
    req.end();
  });
}
