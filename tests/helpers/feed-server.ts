/**
 * A local outlet on 127.0.0.1 for the feed tests: article pages plus feeds in the formats real outlets use.
 *
 * - `rss(...)`: RSS 2.0 as Vietnamese provincial papers publish it (modelled on baohaiduong.vn's and
 *   baothaibinh.com.vn's category feeds): CDATA titles, a <description> holding HTML (a linked thumbnail, then
 *   the lead paragraph), RFC 822 <pubDate> with +0700, <guid> = the article link.
 * - `atom(...)`: Atom 1.0 as the Liferay-based provincial government portals (e.g. haiduong.gov.vn,
 *   thaibinh.gov.vn) export their news lists: <link rel="alternate">, <summary type="html">, <published>/<updated>,
 *   <dc:creator>.
 * - `sitemap(...)` / `sitemapIndex(...)`: the sitemaps of vietnam.vn: a <sitemapindex> of monthly post sitemaps
 *   with <lastmod>, each a <urlset> of <loc> + <lastmod> (ISO with +07:00) + <image:image>, no titles.
 *
 * Every answer honours If-None-Match (ETag = a hash of the body): 304 without a body when unchanged.
 * `hits` logs every request; `maxInFlight` records the most requests served at once.
 */
import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface Page {
  title: string;
  paragraphs: string[];
  date: string;
}

type Route =
  | {
      status?: number;
      type?: string;
      body: string | Buffer;
      headers?: Record<string, string>;
      delayMs?: number;
      /** false: never answers 304. */
      conditional?: boolean;
      /** Validators sent: an ETag (default) or only Last-Modified (then If-Modified-Since is honoured). */
      validator?: "etag" | "last-modified";
      /** Last-Modified of the body (default a fixed date). */
      lastModified?: string;
    }
  | ((req: http.IncomingMessage, res: http.ServerResponse) => void);

export class FeedServer {
  readonly hits: { path: string; conditional: boolean; status: number }[] = [];
  maxInFlight = 0;
  private inFlight = 0;
  private readonly routes = new Map<string, Route>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: http.Server,
    readonly port: number,
  ) {}

  static async start(): Promise<FeedServer> {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const fs = new FeedServer(server, (server.address() as AddressInfo).port);
    server.on("connection", (s) => {
      fs.sockets.add(s);
      s.on("close", () => fs.sockets.delete(s));
    });
    server.on("request", (req, res) => void fs.handle(req, res));
    return fs;
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** FETCH_ALLOW_HOSTS for this server under either rule (bare host, or host:port). */
  get allowHosts(): string {
    return `127.0.0.1,127.0.0.1:${this.port}`;
  }

  url(p: string): string {
    return `${this.base}${p}`;
  }

  set(path: string, route: Route): void {
    this.routes.set(path, route);
  }

  page(path: string, page: Page, delayMs = 0): void {
    this.set(path, { type: "text/html; charset=utf-8", body: articleHtml(page), delayMs });
  }

  hitsOf(path: string): number {
    return this.hits.filter((h) => h.path === path).length;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const conditional = req.headers["if-none-match"] !== undefined || req.headers["if-modified-since"] !== undefined;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    res.on("close", () => this.inFlight--);
    const route = this.routes.get(path);
    if (!route) {
      this.hits.push({ path, conditional, status: 404 });
      res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
      return;
    }
    if (typeof route === "function") {
      this.hits.push({ path, conditional, status: 0 });
      route(req, res);
      return;
    }
    if (route.delayMs) await new Promise((r) => setTimeout(r, route.delayMs));
    const etag = `"${createHash("sha1").update(route.body).digest("hex").slice(0, 16)}"`;
    const lastModified = route.lastModified ?? "Thu, 28 Dec 2023 03:00:00 GMT";
    const byDate = route.validator === "last-modified";
    const unchanged = byDate ? req.headers["if-modified-since"] === lastModified : req.headers["if-none-match"] === etag;
    if (route.conditional !== false && unchanged) {
      this.hits.push({ path, conditional, status: 304 });
      res.writeHead(304, byDate ? { "last-modified": lastModified } : { etag }).end();
      return;
    }
    const status = route.status ?? 200;
    this.hits.push({ path, conditional, status });
    res.writeHead(status, { "content-type": route.type ?? "application/xml; charset=utf-8", ...(byDate ? {} : { etag }), "last-modified": lastModified, ...route.headers });
    res.end(route.body);
  }
}

export function articleHtml(p: Page): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${p.title}</title>
<meta property="og:site_name" content="Local outlet"><meta property="article:published_time" content="${p.date}T08:00:00+07:00"></head>
<body><nav><a href="/">Home</a> | <a href="/politics">Politics</a></nav>
<article><h1>${p.title}</h1>${p.paragraphs.map((t) => `<p>${t}</p>`).join("\n")}</article>
<footer>Comment (0)</footer></body></html>`;
}

export interface FeedEntry {
  url: string;
  title: string;
  /** Lead paragraph (RSS description / Atom summary). */
  lead: string;
  /** ISO date-time. */
  at: string;
}

const rfc822 = (iso: string) => new Date(iso).toUTCString().replace("GMT", "+0000");

export function rss(channel: string, entries: FeedEntry[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title><![CDATA[${channel}]]></title>
<link>https://baohaiduong.vn/chinh-tri</link>
<description><![CDATA[Tin tức chính trị ${channel}]]></description>
<language>vi-VN</language>
<atom:link href="https://baohaiduong.vn/rss/chinh-tri.rss" rel="self" type="application/rss+xml"/>
${entries
  .map(
    (e) => `<item>
<title><![CDATA[${e.title}]]></title>
<link>${e.url}</link>
<description><![CDATA[<a href="${e.url}"><img src="/images/thumb.jpg" width="180" /></a><p>${e.lead}</p>]]></description>
<pubDate>${rfc822(e.at)}</pubDate>
<guid isPermaLink="true">${e.url}</guid>
</item>`,
  )
  .join("\n")}
</channel>
</rss>`;
}

export function atom(title: string, self: string, entries: FeedEntry[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <title>${title}</title>
  <link rel="self" href="${self}" />
  <subtitle>Tin hoạt động của lãnh đạo tỉnh</subtitle>
  <id>${self}</id>
  <updated>${entries[0]?.at ?? "2024-01-01T00:00:00Z"}</updated>
  <dc:date>${entries[0]?.at ?? "2024-01-01T00:00:00Z"}</dc:date>
${entries
  .map(
    (e) => `  <entry>
    <title>${e.title.replace(/&/g, "&amp;")}</title>
    <link rel="alternate" href="${e.url}" />
    <author><name>Cổng TTĐT tỉnh</name></author>
    <id>${e.url}</id>
    <updated>${e.at}</updated>
    <published>${e.at}</published>
    <summary type="html">&lt;p&gt;${e.lead.replace(/&/g, "&amp;amp;")}&lt;/p&gt;</summary>
    <dc:creator>Cổng TTĐT tỉnh</dc:creator>
  </entry>`,
  )
  .join("\n")}
</feed>`;
}

export function sitemap(entries: { url: string; at: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
${entries
  .map(
    (e) => `<url>
<loc>${e.url}</loc>
<lastmod>${e.at.replace("Z", "+07:00")}</lastmod>
<image:image><image:loc>https://www.vietnam.vn/images/cover.jpg</image:loc></image:image>
</url>`,
  )
  .join("\n")}
</urlset>`;
}

export function sitemapIndex(children: { url: string; lastmod: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${children.map((c) => `<sitemap><loc>${c.url}</loc><lastmod>${c.lastmod}</lastmod></sitemap>`).join("\n")}
</sitemapindex>`;
}

/** ISO time `hours` before `now`. */
export function hoursAgo(hours: number, now = Date.now()): string {
  return new Date(now - hours * 3_600_000).toISOString().replace(/\.\d+Z$/, "Z");
}
