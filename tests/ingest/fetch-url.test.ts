import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { blockedAddressReason, fetchArticle, parseAllowHosts, type FetchOptions } from "../../src/ingest/fetch-url.js";
import { UserError } from "../../src/types.js";

const PARAS = [
  "On the morning of December 28th, the Hong Linh Town Party Committee held a conference to summarize Party building work in 2023 and to implement tasks for 2024.",
  "Currently, the Party Committee of the town has 28 grassroots Party organizations with 3,492 Party members.",
  "Budget revenue in the area reached over VND 300 billion, an increase of 10.13% compared to the same period last year.",
  "The town has achieved 55 out of 63 criteria for a type III urban area, with a total score of 72.56.",
];
const PAGE = `<!doctype html><html><head><title>Hong Linh town reviews 2023 - Ha Tinh</title>
<meta property="og:site_name" content="Ha Tinh Online"><meta property="article:published_time" content="2023-12-28T10:00:00+07:00">
<link rel="canonical" href="https://baohatinh.vn/hong-linh-2023.html"></head>
<body><nav><a href="/">Home</a><a href="/a">Heritage</a></nav><article><h1>Hong Linh town reviews 2023</h1>
${PARAS.map((p) => `<p>${p}</p>`).join("")}</article><footer>Comment (0)</footer></body></html>`;

let server: http.Server;
let base: string;
const hits: string[] = [];
const open = new Set<import("node:net").Socket>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    const u = new URL(req.url ?? "/", "http://x");
    switch (u.pathname) {
      case "/article":
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end(PAGE);
      case "/gzip":
        res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
        return res.end(zlib.gzipSync(PAGE.replace(/<link rel="canonical"[^>]*>/, "")));
      case "/plain":
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
        return res.end(PARAS.join("\n\n"));
      case "/json":
        res.writeHead(200, { "content-type": "application/json" });
        return res.end(JSON.stringify({ title: "Hong Linh reviews 2023", date: "December 28, 2023", text: PARAS.join("\n\n") }));
      case "/missing":
        res.writeHead(404, { "content-type": "text/html" });
        return res.end("<h1>Not here</h1>");
      case "/pdf":
        res.writeHead(200, { "content-type": "application/pdf" });
        return res.end("%PDF-1.7");
      case "/hang":
        return; // never answers
      case "/slow-body":
        res.writeHead(200, { "content-type": "text/html" });
        res.write("<html><body>"); // ... and never finishes
        return;
      case "/huge":
        res.writeHead(200, { "content-type": "text/html" }); // no content-length: the cap works while streaming
        for (let i = 0; i < 64; i++) res.write("x".repeat(16 * 1024));
        return res.end();
      case "/huge-declared":
        res.writeHead(200, { "content-type": "text/html", "content-length": String(50 * 1024 * 1024) });
        return res.end("x");
      case "/loop": {
        const n = Number(u.searchParams.get("n") ?? 0);
        res.writeHead(302, { location: `/loop?n=${n + 1}` });
        return res.end();
      }
      case "/hop":
        res.writeHead(301, { location: "/article" });
        return res.end();
      case "/to-metadata":
        res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
        return res.end();
      case "/to-file":
        res.writeHead(302, { location: "file:///etc/passwd" });
        return res.end();
      default:
        res.writeHead(500);
        return res.end();
    }
  });
  server.on("connection", (s) => {
    open.add(s);
    s.on("close", () => open.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of open) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

const opts = (o: Partial<FetchOptions> = {}): FetchOptions => ({
  timeoutMs: 2000,
  maxBytes: 512 * 1024,
  maxRedirects: 3,
  // The test server's own host:port (a bare "127.0.0.1" would allow only port 80).
  allowHosts: [new URL(base).host],
  // Never resolve real names in tests: any name used here resolves to loopback only.
  lookup: async () => ["127.0.0.1"],
  ...o,
});

async function refused(p: Promise<unknown>): Promise<UserError> {
  const err = await p.then(
    () => {
      throw new Error("expected a UserError");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe("fetchArticle from a local server (allow-listed)", () => {
  it("fetches an HTML article and extracts it", async () => {
    const a = await fetchArticle(`${base}/article`, opts());
    expect(a).toMatchObject({
      title: "Hong Linh town reviews 2023",
      // Identified by where it was fetched from; the canonical link on another host is only recorded.
      url: `${base}/article`,
      claimedUrl: "https://baohatinh.vn/hong-linh-2023.html",
      date: "2023-12-28",
      source: "127.0.0.1",
      origin: { kind: "url", ref: `${base}/article` },
    });
    expect(a.id).toMatch(/^url-[0-9a-f]{12}$/);
    for (const p of PARAS) expect(a.text).toContain(p);
    expect(a.text).not.toMatch(/Heritage|Comment \(0\)/);
  });

  it("follows a redirect within the limit; gzip bodies are decoded; the url is the final URL", async () => {
    const a = await fetchArticle(`${base}/hop`, opts());
    expect(a.origin.ref).toBe(`${base}/hop`);
    expect(a.url).toBe(`${base}/article`); // the address after the redirect
    expect(a.claimedUrl).toBe("https://baohatinh.vn/hong-linh-2023.html");
    const g = await fetchArticle(`${base}/gzip`, opts());
    expect(g.url).toBe(`${base}/gzip`);
    expect(g.text).toContain("3,492 Party members");
  });

  it("text/plain goes to the txt reader, JSON to the json reader", async () => {
    const t = await fetchArticle(`${base}/plain`, opts());
    expect(t).toMatchObject({ url: `${base}/plain`, titleDerived: true, source: "127.0.0.1" });
    expect(t.text.split("\n\n")).toEqual(PARAS);
    const j = await fetchArticle(`${base}/json`, opts());
    expect(j).toMatchObject({ title: "Hong Linh reviews 2023", date: "2023-12-28", url: `${base}/json` });
  });

  it("connects to the address that was checked (resolved once per hop, never again by the socket)", async () => {
    const asked: string[] = [];
    const lookup = async (host: string) => {
      asked.push(host);
      return ["127.0.0.1"];
    };
    // "rebind.test" exists in no DNS: success proves the socket used the checked address, not a new lookup.
    const a = await fetchArticle(`http://rebind.test:${new URL(base).port}/article`, opts({ lookup, allowHosts: [`rebind.test:${new URL(base).port}`] }));
    expect(a.text).toContain("28 grassroots Party organizations");
    expect(asked).toEqual(["rebind.test"]);
  });

  it("404 → 'the server answered 404 Not Found'", async () => {
    const e = await refused(fetchArticle(`${base}/missing`, opts()));
    expect(e.message).toContain("the server answered 404 Not Found");
  });

  it("a PDF is refused by content type", async () => {
    expect((await refused(fetchArticle(`${base}/pdf`, opts()))).message).toMatch(/application\/pdf, not a web page/);
  });

  it("a server that never answers → timeout message within the timeout", async () => {
    const t0 = Date.now();
    const e = await refused(fetchArticle(`${base}/hang`, opts({ timeoutMs: 300 })));
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(e.message).toMatch(/did not answer within 0\.3 s/);
    expect(e.code).toBe("timeout");
  });

  it("the timeout also covers a body that never finishes", async () => {
    const t0 = Date.now();
    const e = await refused(fetchArticle(`${base}/slow-body`, opts({ timeoutMs: 300 })));
    expect(Date.now() - t0).toBeLessThan(1500);
    expect(e.code).toBe("timeout");
  });

  it("too-large bodies are refused, while streaming and by declared length", async () => {
    const e = await refused(fetchArticle(`${base}/huge`, opts({ maxBytes: 256 * 1024 })));
    expect(e.message).toMatch(/larger than the 256\.0 KB limit/);
    expect((await refused(fetchArticle(`${base}/huge-declared`, opts()))).code).toBe("too_large");
  });

  it("a redirect chain over the limit is refused", async () => {
    const e = await refused(fetchArticle(`${base}/loop`, opts({ maxRedirects: 3 })));
    expect(e.message).toMatch(/redirects more than 3 times/);
    expect(hits.filter((h) => h.startsWith("/loop")).length).toBe(4);
  });

  it("a redirect from the allowed server to the metadata address 169.254.169.254 is refused", async () => {
    const e = await refused(fetchArticle(`${base}/to-metadata`, opts()));
    expect(e.message).toMatch(/169\.254\.169\.254.*link-local/);
    expect(e.code).toBe("blocked_address");
  });

  it("a redirect to a file: URL is refused", async () => {
    expect((await refused(fetchArticle(`${base}/to-file`, opts()))).message).toMatch(/Only http:\/\/ and https:\/\//);
  });
});

describe("fetchArticle refusals before any connection", () => {
  const noAllow = (o: Partial<FetchOptions> = {}) => opts({ allowHosts: [], ...o });

  it.each(["ftp://example.com/a.txt", "file:///etc/passwd", "javascript:alert(1)", "not a url"])("refuses %s", async (u) => {
    const e = await refused(fetchArticle(u, noAllow()));
    expect(e.code).toBe("bad_url");
  });

  it.each([
    ["loopback", () => `${base}/article`, /loopback/],
    ["private 10/8", () => "http://10.0.0.1/", /private network/],
    ["metadata", () => "http://169.254.169.254/latest/meta-data/", /link-local/],
    ["IPv6 loopback", () => "http://[::1]/", /loopback/],
    ["IPv4-mapped IPv6", () => "http://[::ffff:192.168.1.1]/", /private network/],
    ["unspecified", () => "http://0.0.0.0/", /unspecified/],
  ])("refuses %s without the allow-list", async (_name, url, why) => {
    const before = hits.length;
    const e = await refused(fetchArticle(url(), noAllow()));
    expect(e.message).toMatch(why);
    expect(e.code).toBe("blocked_address");
    expect(hits.length).toBe(before); // nothing reached the local server
  });

  it("refuses a host name that resolves to a private address (checked via the lookup option)", async () => {
    const e = await refused(fetchArticle("https://intranet.example/", noAllow({ lookup: async () => ["93.184.216.34", "192.168.0.10"] })));
    expect(e.message).toMatch(/intranet\.example resolves to 192\.168\.0\.10, a private network address/);
  });

  it("a host name that does not resolve is a clear error", async () => {
    const e = await refused(
      fetchArticle("https://no-such-host.example/", noAllow({ lookup: async () => Promise.reject(Object.assign(new Error("x"), { code: "ENOTFOUND" })) })),
    );
    expect(e.message).toMatch(/Could not find the server no-such-host\.example \(ENOTFOUND\)/);
  });

  it("blockedAddressReason classifies with ipaddr.js ranges", () => {
    expect(blockedAddressReason("172.16.5.4")).toMatch(/private/);
    expect(blockedAddressReason("100.64.0.1")).toMatch(/carrier-grade NAT/);
    expect(blockedAddressReason("fd00::1")).toMatch(/unique local/);
    expect(blockedAddressReason("fe80::1")).toMatch(/link-local/);
    expect(blockedAddressReason("::ffff:127.0.0.1")).toMatch(/loopback/);
    expect(blockedAddressReason("8.8.8.8")).toBeNull();
    expect(blockedAddressReason("2606:4700::1111")).toBeNull();
  });
});

describe("the IPv6 special-purpose registry, refused before any connection", () => {
  // Each URL is refused by checkDestination: neither the resolver nor http(s).request is ever called.
  it.each([
    ["IPv4-compatible loopback", "http://[::127.0.0.1]/", /IPv4-compatible IPv6 address of 127\.0\.0\.1, a loopback/],
    ["IPv4-compatible private", "http://[::10.1.2.3]/", /IPv4-compatible IPv6 address of 10\.1\.2\.3, a private network/],
    ["IPv4-compatible public (deprecated form)", "http://[::8.8.8.8]/", /IPv4-compatible IPv6 address \(deprecated/],
    ["IPv4-mapped loopback", "http://[::ffff:127.0.0.1]/", /IPv4-mapped IPv6 address of 127\.0\.0\.1, a loopback/],
    ["IPv4-mapped metadata", "http://[::ffff:169.254.169.254]/", /169\.254\.169\.254, a link-local/],
    ["SIIT (::ffff:0:a.b.c.d)", "http://[::ffff:0:7f00:1]/", /127\.0\.0\.1, a loopback/],
    ["NAT64 of loopback", "http://[64:ff9b::127.0.0.1]/", /NAT64 address of 127\.0\.0\.1, a loopback/],
    ["NAT64 of a private address", "http://[64:ff9b::c0a8:101]/", /NAT64 address of 192\.168\.1\.1, a private network/],
    ["local-use NAT64", "http://[64:ff9b:1::808:808]/", /local-use NAT64/],
    ["6to4 of loopback", "http://[2002:7f00:1::1]/", /6to4 address of 127\.0\.0\.1, a loopback/],
    ["6to4 of a private address", "http://[2002:a00:1::]/", /6to4 address of 10\.0\.0\.1, a private network/],
    ["Teredo", "http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", /Teredo/],
    ["unique-local", "http://[fd12:3456:789a::1]/", /unique local/],
    ["link-local", "http://[fe80::1]/", /link-local/],
    ["site-local", "http://[fec0::1]/", /site-local/],
    ["multicast", "http://[ff02::1]/", /multicast/],
    ["documentation", "http://[2001:db8::1]/", /reserved/],
    ["discard-only", "http://[100::1]/", /discard/],
    ["unspecified", "http://[::]/", /unspecified/],
    ["loopback", "http://[::1]/", /loopback/],
    ["outside 2000::/3", "http://[4000::1]/", /outside the global unicast range/],
  ])("%s: %s", async (_name, url, why) => {
    const lookup = vi.fn(async () => ["127.0.0.1"]);
    const request = vi.spyOn(http, "request");
    try {
      const e = await refused(fetchArticle(url, opts({ allowHosts: [], lookup })));
      expect(e.code).toBe("blocked_address");
      expect(e.message).toMatch(why);
      expect(lookup).not.toHaveBeenCalled();
      expect(request).not.toHaveBeenCalled();
    } finally {
      request.mockRestore();
    }
  });

  it("a name resolving to any of these forms is refused before connecting", async () => {
    const request = vi.spyOn(http, "request");
    try {
      for (const address of ["::7f00:1", "64:ff9b::a00:1", "2002:c0a8:101::", "2001::1"]) {
        const e = await refused(fetchArticle("http://sneaky.example/", opts({ allowHosts: [], lookup: async () => [address] })));
        expect(e.message).toContain(`sneaky.example resolves to ${address},`);
      }
      expect(request).not.toHaveBeenCalled();
    } finally {
      request.mockRestore();
    }
  });

  it("public forms stay allowed: global unicast, 6to4 and NAT64 of a public IPv4", () => {
    expect(blockedAddressReason("2606:4700::1111")).toBeNull();
    expect(blockedAddressReason("2002:808:808::1")).toBeNull();
    expect(blockedAddressReason("64:ff9b::808:808")).toBeNull();
  });
});

describe("FETCH_ALLOW_HOSTS entries are host[:port]", () => {
  const port = () => Number(new URL(base).port);

  it("parses host, host:port and [ipv6]:port", () => {
    expect(parseAllowHosts(["127.0.0.1", " 127.0.0.1:8080 ", "[::1]:81", "::1", "News.Local"])).toEqual([
      { host: "127.0.0.1", port: null },
      { host: "127.0.0.1", port: 8080 },
      { host: "::1", port: 81 },
      { host: "::1", port: null },
      { host: "news.local", port: null },
    ]);
  });

  it("a bare host allows only the scheme's default port, not the test server's port", async () => {
    const before = hits.length;
    const e = await refused(fetchArticle(`${base}/article`, opts({ allowHosts: ["127.0.0.1"] })));
    expect(e.code).toBe("blocked_address");
    expect(hits.length).toBe(before);
  });

  it("an allowed address does not allow the names that resolve to it", async () => {
    const request = vi.spyOn(http, "request");
    try {
      const e = await refused(fetchArticle(`http://localhost:${port()}/article`, opts({ allowHosts: [`127.0.0.1:${port()}`], lookup: async () => ["127.0.0.1"] })));
      expect(e.message).toMatch(/localhost resolves to 127\.0\.0\.1, a loopback/);
      expect(request).not.toHaveBeenCalled();
    } finally {
      request.mockRestore();
    }
  });

  it("a list with both the bare host and host:port (as feeds' tests give it) fetches from that port", async () => {
    const a = await fetchArticle(`${base}/article`, opts({ allowHosts: ["127.0.0.1", `127.0.0.1:${port()}`] }));
    expect(a.text).toContain("3,492 Party members");
  });
});
