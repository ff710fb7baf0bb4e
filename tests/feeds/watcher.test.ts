/**
 * Feeds over the real library (ingest, embedder, SQLite + HNSW) against a local outlet on 127.0.0.1 serving
 * RSS 2.0, Atom, a sitemap and a sitemap index (formats: tests/helpers/feed-server.ts).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import type { FetchOptions } from "../../src/ingest/fetch-url.js";
import { createFeedParser, createFeedWatcher, type FeedParser, type FeedWatcher } from "../../src/library/feeds/index.js";
import { UserError } from "../../src/types.js";
import { testApp } from "../helpers/app.js";
import { atom, FeedServer, hoursAgo, rss, sitemap, sitemapIndex, type FeedEntry, type Page } from "../helpers/feed-server.js";

let server: FeedServer;
let app: App;
let config: Config;
let watcher: FeedWatcher | null = null;
/** One parser thread for all the watchers of this file (each would start its own). */
let parser: FeedParser;
const lookups: string[] = [];
const INTERVAL = 30 * 60_000;
let clock = Date.now();

/** An English report page about a conference, with one distinctive figure to ask about. */
function report(place: string, figure: string): Page {
  return {
    title: `${place} Party Committee reviews the work of the year`,
    date: new Date(clock).toISOString().slice(0, 10),
    paragraphs: [
      `On the morning of the 28th, the ${place} Party Committee held a conference to review Party building work and set tasks for next year.`,
      `The conference heard that ${place} ${figure}, the highest result in its history.`,
      `Delegates discussed administrative reform, digital transformation and the targets for the coming year in detail.`,
    ],
  };
}

const football: Page = {
  title: "Hai Duong football club wins at home",
  date: "2023-12-27",
  paragraphs: [
    "The home side won two to nil in front of a full stadium on Sunday evening, with both goals coming in the second half.",
    "The coach praised the young players after the match and said the team would keep the same line-up next week.",
  ],
};

function entry(path: string, page: Page, hours: number): FeedEntry {
  return { url: server.url(path), title: page.title, lead: page.paragraphs[0]!, at: hoursAgo(hours, clock) };
}

function newWatcher(options: Parameters<typeof createFeedWatcher>[0]["options"] = {}, now = () => clock): FeedWatcher {
  watcher = createFeedWatcher({ config, library: app.library, now, random: () => 0.5, options, parser });
  return watcher;
}

async function refusedAdd(w: FeedWatcher, url: string): Promise<UserError> {
  try {
    await w.add(url);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error(`expected ${url} to be refused`);
}

beforeAll(async () => {
  parser = createFeedParser();
  server = await FeedServer.start();
  ({ app, config } = await testApp({ FETCH_ALLOW_HOSTS: `${server.allowHosts},outlet.test:${server.port}`, FETCH_TIMEOUT_MS: "3000" }));
  // Names under .test resolve through this stand-in: "outlet.test" to the local server, "intranet.outlet.test"
  // to a private address (which must be refused before any connection).
  (config.fetch as FetchOptions).lookup = async (host) => {
    lookups.push(host);
    if (host === "outlet.test") return ["127.0.0.1"];
    if (host === "intranet.outlet.test") return ["10.1.2.3"];
    throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
  };
});

afterEach(async () => {
  // Each test starts with no feeds (feeds.db lives in the shared index folder).
  for (const f of watcher?.list() ?? []) watcher!.remove(f.url);
  await watcher?.close();
  watcher = null;
});

afterAll(async () => {
  await parser?.close();
  await app?.close();
  await server?.close();
});

describe("RSS feed", () => {
  it("indexes relevant new items, skips others unfetched, and a 304 costs no item fetch", async () => {
    server.page("/hd/tinh-uy-2023.html", report("Hai Duong province", "collected budget revenue of VND 21,500 billion in 2023"));
    server.page("/hd/gia-loc.html", report("Gia Loc district", "admitted 312 new party members in 2023"));
    server.page("/hd/football.html", football);
    const items = [entry("/hd/tinh-uy-2023.html", report("Hai Duong province", ""), 2), entry("/hd/football.html", football, 3), entry("/hd/gia-loc.html", report("Gia Loc district", ""), 5)];
    server.set("/rss/chinh-tri.rss", { body: rss("Báo Hải Dương - Chính trị", items) });
    const w = newWatcher();

    const added = await w.add(server.url("/rss/chinh-tri.rss"), { addedBy: 42 });
    expect(added.feed).toMatchObject({ kind: "rss", title: "Báo Hải Dương - Chính trị", addedBy: 42, itemsIndexed: 0 });
    expect(added.entries).toBe(3);

    const first = await w.checkAll();
    expect(first.outcomes).toEqual([expect.objectContaining({ status: "checked", skipped: 1, refused: 0, failed: 0, deferred: 0 })]);
    expect(first.digest!.feeds).toHaveLength(1);
    expect(first.digest!.feeds[0]!.title).toBe("Báo Hải Dương - Chính trị");
    expect(first.digest!.feeds[0]!.host).toBe("127.0.0.1:" + server.port);
    expect(first.digest!.feeds[0]!.items.map((i) => i.url)).toEqual([server.url("/hd/tinh-uy-2023.html"), server.url("/hd/gia-loc.html")]);
    expect(server.hitsOf("/hd/football.html")).toBe(0); // judged on the feed's own title and lead
    expect(app.library.store().findArticleByUrl(server.url("/hd/gia-loc.html"))?.title).toBe("Gia Loc district Party Committee reviews the work of the year");
    const answer = await app.ask("How many new party members did Gia Loc district admit in 2023?");
    expect(answer.answer).toContain("312");
    expect(answer.citations[0]!.url).toBe(server.url("/hd/gia-loc.html"));

    const pageHits = server.hits.length;
    const second = await w.checkAll();
    expect(second).toEqual({ outcomes: [{ feedUrl: server.url("/rss/chinh-tri.rss"), status: "not_modified" }], digest: null });
    expect(server.hits.slice(pageHits)).toEqual([{ path: "/rss/chinh-tri.rss", conditional: true, status: 304 }]);

    // A new report appears between checks: only it is fetched.
    server.page("/hd/thanh-ha.html", report("Thanh Ha district", "built 14 kilometres of new rural roads in 2023"));
    clock += INTERVAL;
    server.set("/rss/chinh-tri.rss", { body: rss("Báo Hải Dương - Chính trị", [entry("/hd/thanh-ha.html", report("Thanh Ha district", ""), 1), ...items]) });
    const before = server.hits.length;
    const third = await w.checkAll();
    expect(third.digest!.feeds[0]!.items.map((i) => i.title)).toEqual(["Thanh Ha district Party Committee reviews the work of the year"]);
    expect(server.hits.slice(before).map((h) => h.path)).toEqual(["/rss/chinh-tri.rss", "/hd/thanh-ha.html"]);

    expect(w.list()[0]).toMatchObject({ itemsIndexed: 3, itemsSkipped: 1, lastError: null, failures: 0, lastNewItemAt: clock, lastCheckAt: clock, nextCheckAt: clock + INTERVAL });
  });

  it("uses an admin's keywords for a feed instead of the default rule", async () => {
    const budget: Page = { title: "Public investment disbursement reaches 95 percent", date: "2023-12-20", paragraphs: ["Disbursement of public investment capital in Nam Sach reached 95 percent of the plan by December 20, the district said.", "The remaining projects are expected to be paid out before the end of the fiscal year in January."] };
    server.page("/kw/budget.html", budget);
    server.set("/rss/kinh-te.rss", { body: rss("Kinh tế", [entry("/kw/budget.html", budget, 4)]) });
    const w = newWatcher();
    await w.add(server.url("/rss/kinh-te.rss"));
    expect((await w.checkAll()).outcomes[0]).toMatchObject({ status: "checked", indexed: [], skipped: 1 }); // default rule
    expect((await w.checkAll()).outcomes[0]).toMatchObject({ status: "not_modified" });
    const feed = w.setKeywords(server.url("/rss/kinh-te.rss"), ["public investment", "giải ngân"]);
    expect(feed.keywords).toEqual(["public investment", "giải ngân"]);
    // The new rule judges the skipped items again (and the feed is read in full, not answered with a 304).
    const round = await w.checkAll();
    expect(round.digest!.feeds[0]!.items.map((i) => i.url)).toEqual([server.url("/kw/budget.html")]);
  });
});

describe("limits and the schedule's arithmetic", () => {
  it("fetches at most maxFetchesPerCheck items per check, newest first; the rest wait for the next", async () => {
    const places = ["Dong Hung district", "Thai Thuy district", "Tien Hai district"];
    places.forEach((p, i) => server.page(`/cap/${i}.html`, report(p, `opened ${i + 20} new factories in 2023`)));
    server.set("/cap.rss", { body: rss("Cap", places.map((p, i) => entry(`/cap/${i}.html`, report(p, ""), 3 - i))) });
    const w = newWatcher({ maxFetchesPerCheck: 2 });
    await w.add(server.url("/cap.rss"));
    const first = await w.checkAll();
    expect(first.outcomes[0]).toMatchObject({ status: "checked", deferred: 1 });
    expect(first.digest!.feeds[0]!.items.map((i) => i.url)).toEqual([server.url("/cap/2.html"), server.url("/cap/1.html")]);
    expect(server.hitsOf("/cap/0.html")).toBe(0);
    // The feed has not changed, but an item was left: the validators were not kept, so no 304 hides it.
    const second = await w.checkAll();
    expect(second.digest!.feeds[0]!.items.map((i) => i.url)).toEqual([server.url("/cap/0.html")]);
    expect(server.hits.filter((h) => h.path === "/cap.rss").map((h) => h.conditional)).toEqual([false, false, false]);
    expect((await w.checkAll()).outcomes[0]!.status).toBe("not_modified"); // all done: validators kept
  });

  it("honours Last-Modified alone (If-Modified-Since → 304, no item fetched)", async () => {
    server.page("/lm/1.html", report("Quynh Coi town", "paved 40 village lanes in 2023"));
    server.set("/lm.rss", { body: rss("LM", [entry("/lm/1.html", report("Quynh Coi town", ""), 1)]), validator: "last-modified", lastModified: "Fri, 29 Dec 2023 01:00:00 GMT" });
    const w = newWatcher();
    await w.add(server.url("/lm.rss"));
    await w.checkAll();
    expect(w.list()[0]).toMatchObject({ etag: null, lastModified: "Fri, 29 Dec 2023 01:00:00 GMT", itemsIndexed: 1 });
    const before = server.hits.length;
    expect((await w.checkAll()).outcomes[0]!.status).toBe("not_modified");
    expect(server.hits.slice(before)).toEqual([{ path: "/lm.rss", conditional: true, status: 304 }]);
  });

  it("jitters each next check within ±20% of the interval, and doubles the wait per failure", () => {
    const at = (random: number, failures: number) => {
      const w = createFeedWatcher({ config, library: app.library, now: () => 1_000_000, random: () => random, parser });
      const next = w.nextCheckAt(failures) - 1_000_000;
      void w.close();
      return next;
    };
    expect(at(0, 0)).toBe(0.8 * INTERVAL);
    expect(at(0.5, 0)).toBe(INTERVAL);
    expect(at(0.999999, 0)).toBeCloseTo(1.2 * INTERVAL, -3);
    expect([1, 2, 3].map((f) => at(0.5, f))).toEqual([2 * INTERVAL, 4 * INTERVAL, 8 * INTERVAL]);
  });

  it("stop() waits for a round in progress, whose outcome is recorded", async () => {
    server.page("/stop/1.html", report("Vu Ban district", "trained 900 workers in 2023"), 150);
    server.set("/stop.rss", { body: rss("Stop", [entry("/stop/1.html", report("Vu Ban district", ""), 1)]) });
    const w = newWatcher({ tickMs: 60_000 });
    await w.add(server.url("/stop.rss"));
    w.start({ onDigest: () => {} }); // the first tick runs at once
    await new Promise((r) => setTimeout(r, 30));
    await w.stop();
    expect(w.list()[0]).toMatchObject({ lastCheckAt: clock, itemsIndexed: 1 });
  });
});

describe("Atom, sitemap and sitemap index", () => {
  it("reads an Atom feed of a government portal", async () => {
    server.page("/portal/hoi-nghi.html", report("Kinh Mon town", "planted 1,200 hectares of new forest in 2023"));
    server.set("/portal/rss", { type: "application/atom+xml", body: atom("Cổng TTĐT tỉnh Hải Dương", server.url("/portal/rss"), [entry("/portal/hoi-nghi.html", report("Kinh Mon town", ""), 6)]) });
    const w = newWatcher();
    expect((await w.add(server.url("/portal/rss"))).feed.kind).toBe("atom");
    const round = await w.checkAll();
    expect(round.digest!.feeds[0]!.items.map((i) => i.url)).toEqual([server.url("/portal/hoi-nghi.html")]);
  });

  it("judges sitemap items on the fetched article, and rereads only child sitemaps whose lastmod changed", async () => {
    server.page("/vn/en/tinh-uy-nam-dinh.html", report("Nam Dinh province", "exported goods worth USD 3.1 billion in 2023"));
    server.page("/vn/en/weather.html", { title: "Cold spell reaches the northern provinces", date: "2023-12-20", paragraphs: ["Temperatures fell to eight degrees in the mountains overnight, forecasters said, and the cold will last until the weekend.", "Farmers were advised to cover seedlings and keep livestock in warm sheds while the cold spell lasts."] });
    server.page("/vn/en/old.html", report("Old province", "did something long ago"));
    server.set("/sitemaps/post-2023-12.xml", { body: sitemap([{ url: server.url("/vn/en/tinh-uy-nam-dinh.html"), at: hoursAgo(10, clock) }, { url: server.url("/vn/en/weather.html"), at: hoursAgo(11, clock) }]) });
    server.set("/sitemaps/post-2023-01.xml", { body: sitemap([{ url: server.url("/vn/en/old.html"), at: hoursAgo(24 * 300, clock) }]) });
    const index = (decLastmod: string) =>
      sitemapIndex([
        { url: server.url("/sitemaps/post-2023-12.xml"), lastmod: decLastmod },
        { url: server.url("/sitemaps/post-2023-01.xml"), lastmod: hoursAgo(24 * 300, clock) },
      ]);
    server.set("/sitemap.xml", { body: index(hoursAgo(10, clock)), conditional: false });
    const w = newWatcher();
    const added = await w.add(server.url("/sitemap.xml"));
    expect(added).toMatchObject({ feed: { kind: "sitemapindex" }, entries: 2 });

    const first = await w.checkAll();
    expect(first.digest!.feeds[0]!.items.map((i) => i.url)).toEqual([server.url("/vn/en/tinh-uy-nam-dinh.html")]);
    expect(first.outcomes[0]).toMatchObject({ status: "checked", skipped: 1 }); // the weather page, fetched and judged
    expect(server.hitsOf("/vn/en/weather.html")).toBe(1);
    expect(server.hitsOf("/vn/en/old.html")).toBe(0); // older than 30 days: ignored

    // Same lastmod: the child sitemaps are not fetched again.
    const childHits = server.hitsOf("/sitemaps/post-2023-12.xml");
    expect((await w.checkAll()).digest).toBeNull();
    expect(server.hitsOf("/sitemaps/post-2023-12.xml")).toBe(childHits);

    // A new post: the December sitemap changes and its lastmod moves.
    server.page("/vn/en/huyen-uy-y-yen.html", report("Y Yen district", "completed 52 new-style rural communes in 2023"));
    server.set("/sitemaps/post-2023-12.xml", {
      body: sitemap([
        { url: server.url("/vn/en/huyen-uy-y-yen.html"), at: hoursAgo(1, clock) },
        { url: server.url("/vn/en/tinh-uy-nam-dinh.html"), at: hoursAgo(10, clock) },
        { url: server.url("/vn/en/weather.html"), at: hoursAgo(11, clock) },
      ]),
    });
    server.set("/sitemap.xml", { body: index(hoursAgo(1, clock)), conditional: false });
    const third = await w.checkAll();
    expect(third.digest!.feeds[0]!.items.map((i) => i.url)).toEqual([server.url("/vn/en/huyen-uy-y-yen.html")]);
    expect(server.hitsOf("/vn/en/weather.html")).toBe(1);
    expect(server.hitsOf("/sitemaps/post-2023-01.xml")).toBe(1);
  });
});

describe("bad input", () => {
  it("refuses on add, with one clear line, what is not a readable, safe feed; nothing is saved", async () => {
    const w = newWatcher();
    server.page("/a-page.html", football);
    server.set("/broken.rss", { body: `<rss version="2.0"><channel><title>x</title><item><title>y</item></channel></rss>` });
    const lol = [`<!ENTITY a "aaaaaaaaaa">`, ...Array.from({ length: 8 }, (_, i) => `<!ENTITY b${i} "${`&${i === 0 ? "a" : `b${i - 1}`};`.repeat(10)}">`)];
    server.set("/bomb.rss", { body: `<?xml version="1.0"?><!DOCTYPE rss [${lol.join("")}]><rss version="2.0"><channel><title>&b7;</title></channel></rss>` });
    server.set("/huge-declared.xml", (_req, res) => {
      res.writeHead(200, { "content-type": "application/xml", "content-length": String(50 * 1024 * 1024) });
      res.end("<rss>");
    });
    server.set("/huge-streamed.xml", (_req, res) => {
      res.writeHead(200, { "content-type": "application/xml" });
      const chunk = Buffer.alloc(1024 * 1024, "a");
      let sent = 0;
      const more = () => {
        while (sent < 50 && !res.destroyed) {
          sent++;
          if (!res.write(chunk)) return void res.once("drain", more);
        }
        res.end();
      };
      more();
    });
    server.set("/many.xml", { body: sitemap(Array.from({ length: 10_000 }, (_, i) => ({ url: server.url(`/p/${i}`), at: hoursAgo(1, clock) }))) });
    server.set("/loop.rss", (_req, res) => void res.writeHead(302, { location: "/loop.rss" }).end());

    const cases: [string, string, RegExp][] = [
      [server.url("/a-page.html"), "not_a_feed", /web page or text, not an RSS, Atom or sitemap feed/],
      [server.url("/broken.rss"), "malformed_xml", /not well-formed XML/],
      [server.url("/bomb.rss"), "doctype_refused", /document type/],
      [server.url("/huge-declared.xml"), "too_large", /larger than the 10(\.0)? MB limit/],
      [server.url("/huge-streamed.xml"), "too_large", /larger than the 10(\.0)? MB limit/],
      [server.url("/many.xml"), "too_many_items", /lists 10,000 entries, more than the limit of 5,000/],
      [server.url("/loop.rss"), "too_many_redirects", /redirects more than 5 times/],
      [server.url("/missing.rss"), "http_status", /answered 404/],
      ["http://intranet.outlet.test/rss", "blocked_address", /resolves to 10\.1\.2\.3, a private network address/],
      ["ftp://example.org/feed", "bad_url", /Only http/],
      ["not a url", "bad_url", /not a web address/],
    ];
    for (const [url, code, message] of cases) {
      const err = await refusedAdd(w, url);
      expect([url, err.code]).toEqual([url, code]);
      expect([url, err.message]).toEqual([url, expect.stringMatching(message)]);
      expect(err.message).not.toContain("\n");
    }
    expect(lookups).toContain("intranet.outlet.test");
    expect(w.list()).toEqual([]);
    expect(await w.checkAll()).toEqual({ outcomes: [], digest: null });
  });

  it("records a failing scheduled check, backs off exponentially, and leaves the other feeds unaffected", async () => {
    server.page("/ok/hung-ha.html", report("Hung Ha district", "harvested 6.5 tonnes of rice per hectare in 2023"));
    server.set("/ok.rss", { body: rss("Good feed", [entry("/ok/hung-ha.html", report("Hung Ha district", ""), 1)]) });
    server.set("/flaky.rss", { body: rss("Flaky feed", []) });
    const w = newWatcher();
    await w.add(server.url("/flaky.rss"));
    await w.add(server.url("/ok.rss"));
    server.set("/flaky.rss", { body: "<rss><channel><item>", conditional: false });

    const round = await w.checkAll();
    expect(round.outcomes.find((o) => o.feedUrl === server.url("/flaky.rss"))).toMatchObject({ status: "error", code: "malformed_xml" });
    expect(round.digest!.feeds.map((f) => f.feedUrl)).toEqual([server.url("/ok.rss")]);
    const flaky = () => w.list().find((f) => f.url === server.url("/flaky.rss"))!;
    expect(flaky()).toMatchObject({ failures: 1, nextCheckAt: clock + 2 * INTERVAL });
    expect(flaky().lastError).toMatch(/not well-formed XML/);

    server.set("/flaky.rss", { body: "", status: 503, conditional: false });
    await w.checkAll();
    expect(flaky()).toMatchObject({ failures: 2, nextCheckAt: clock + 4 * INTERVAL });
    expect(flaky().lastError).toMatch(/answered 503/);
    // Not due yet: the scheduled round leaves it alone.
    clock += 2 * INTERVAL;
    const hits = server.hitsOf("/flaky.rss");
    await w.checkDue();
    expect(server.hitsOf("/flaky.rss")).toBe(hits);

    server.set("/flaky.rss", { body: rss("Flaky feed", []) });
    await w.checkAll();
    expect(flaky()).toMatchObject({ failures: 0, lastError: null, nextCheckAt: clock + INTERVAL });
    expect(w.nextCheckAt(20)).toBe(clock + 24 * 3_600_000); // capped
  });

  it("records each bad input met by a scheduled check as that feed's error; nothing is indexed from it", async () => {
    server.page("/sched/ok.html", report("Hung Yen city", "opened 3 new industrial clusters in 2023"));
    server.set("/sched/good.rss", { body: rss("Good", [entry("/sched/ok.html", report("Hung Yen city", ""), 1)]) });
    server.set("/sched/turns-bad.rss", { body: rss("Turns bad", []) });
    const w = newWatcher();
    await w.add(server.url("/sched/turns-bad.rss"));
    await w.add(server.url("/sched/good.rss"));
    const lol = `<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>`;
    const bad: [string, Parameters<FeedServer["set"]>[1]][] = [
      ["doctype_refused", { body: `<?xml version="1.0"?>${lol}<rss version="2.0"><channel><title>&b;</title></channel></rss>`, conditional: false }],
      ["too_large", (_req, res) => void res.writeHead(200, { "content-type": "application/rss+xml", "content-length": String(50 * 1024 * 1024) }).end("<rss>")],
      ["too_many_items", { body: rss("Many", Array.from({ length: 10_000 }, (_, i) => ({ url: server.url(`/m/${i}`), title: `Party Committee ${i}`, lead: "", at: hoursAgo(1, clock) }))), conditional: false }],
      ["too_many_redirects", (_req, res) => void res.writeHead(301, { location: "/sched/turns-bad.rss" }).end()],
      ["not_a_feed", { type: "text/html", body: "<!doctype html><html><body><p>Moved to our new site</p></body></html>", conditional: false }],
    ];
    let indexedBefore = 0;
    for (const [code, route] of bad) {
      server.set("/sched/turns-bad.rss", route);
      const round = await w.checkAll();
      const outcome = round.outcomes.find((o) => o.feedUrl === server.url("/sched/turns-bad.rss"))!;
      expect([code, outcome.status === "error" && outcome.code]).toEqual([code, code]);
      const feed = w.list().find((f) => f.url === server.url("/sched/turns-bad.rss"))!;
      expect(feed.lastError).toBe(outcome.status === "error" ? outcome.message : null);
      expect(feed.itemsIndexed).toBe(0);
      indexedBefore += round.digest?.feeds.length ?? 0;
    }
    expect(indexedBefore).toBe(1); // the good feed, once, in the first round
    expect(w.list().find((f) => f.url === server.url("/sched/turns-bad.rss"))!.failures).toBe(bad.length);
  });

  it("refuses items on other sites or private addresses, before connecting, and records why", async () => {
    const page = report("Tien Lu district", "planted trees");
    server.set("/outside.rss", {
      body: rss("Mixed", [
        { url: "http://localhost:" + server.port + "/hd/x.html", title: page.title, lead: page.paragraphs[0]!, at: hoursAgo(1, clock) },
        { url: "http://169.254.169.254/latest/meta-data/", title: page.title, lead: page.paragraphs[0]!, at: hoursAgo(1, clock) },
      ]),
    });
    server.set("/private.rss", {
      body: rss("Private items", [{ url: `http://intranet.outlet.test:${server.port}/report.html`, title: page.title, lead: page.paragraphs[0]!, at: hoursAgo(1, clock) }]),
    });
    const w = newWatcher();
    await w.add(server.url("/outside.rss"));
    await w.add(`http://outlet.test:${server.port}/private.rss`);
    const before = server.hits.length;
    const round = await w.checkAll();
    expect(round.digest).toBeNull();
    expect(round.outcomes).toEqual([
      expect.objectContaining({ status: "checked", refused: 2 }),
      expect.objectContaining({ status: "checked", refused: 1 }),
    ]);
    expect(server.hits.slice(before).map((h) => h.path).sort()).toEqual(["/outside.rss", "/private.rss"]);
    expect(lookups).toContain("intranet.outlet.test");
    const store = (w as unknown as { deps: { store: import("../../src/library/feeds/store.js").FeedStore } }).deps.store;
    expect(store.items(server.url("/outside.rss")).map((i) => [i.status, i.reason])).toEqual([
      ["refused", "other_host"],
      ["refused", "other_host"],
    ]);
    expect(store.items(`http://outlet.test:${server.port}/private.rss`).map((i) => [i.status, i.reason])).toEqual([["refused", "blocked_address"]]);
    // Refusals are final: the next check (the feed has changed) does not try them again.
    server.set("/private.rss", {
      body: rss("Private items (changed)", [{ url: `http://intranet.outlet.test:${server.port}/report.html`, title: page.title, lead: page.paragraphs[0]!, at: hoursAgo(1, clock) }]),
    });
    const lookedUp = lookups.filter((h) => h === "intranet.outlet.test").length;
    await w.checkAll();
    expect(lookups.filter((h) => h === "intranet.outlet.test").length).toBe(lookedUp);
    expect(store.items(`http://outlet.test:${server.port}/private.rss`).map((i) => i.attempts)).toEqual([1]);
    expect(w.list().map((f) => f.itemsIndexed)).toEqual([0, 0]);
  });

  it("fetches one document at a time per host", async () => {
    const entries: FeedEntry[] = [];
    for (let i = 0; i < 3; i++) {
      server.page(`/slow/a${i}.html`, report(`Commune A${i}`, `opened ${i + 3} new schools in 2023`), 30);
      server.page(`/slow/b${i}.html`, report(`Commune B${i}`, `opened ${i + 7} new clinics in 2023`), 30);
      entries.push(entry(`/slow/a${i}.html`, report(`Commune A${i}`, ""), i + 1));
    }
    server.set("/slow-a.rss", { body: rss("A", entries), delayMs: 30 });
    server.set("/slow-b.rss", { body: rss("B", [0, 1, 2].map((i) => entry(`/slow/b${i}.html`, report(`Commune B${i}`, ""), i + 1))), delayMs: 30 });
    const w = newWatcher();
    await w.add(server.url("/slow-a.rss"));
    await w.add(server.url("/slow-b.rss"));
    server.maxInFlight = 0;
    const round = await w.checkAll();
    expect(round.digest!.feeds.flatMap((f) => f.items)).toHaveLength(6);
    expect(server.maxInFlight).toBe(1);
  });
});

describe("with the library", () => {
  it("waits for a reindex in progress and indexes into the new generation", async () => {
    server.page("/ri/phu-cu.html", report("Phu Cu district", "raised average income to VND 72 million per person in 2023"));
    server.set("/ri.rss", { body: rss("Reindex", [entry("/ri/phu-cu.html", report("Phu Cu district", ""), 1)]) });
    const w = newWatcher();
    await w.add(server.url("/ri.rss"));
    const order: string[] = [];
    const reindex = app.library.reindex().then(() => order.push("reindex done"));
    const check = w.checkAll().then((r) => {
      order.push("check done");
      return r;
    });
    const [, round] = await Promise.all([reindex, check]);
    expect(order).toEqual(["reindex done", "check done"]);
    expect(round.digest!.feeds[0]!.items).toHaveLength(1);
    expect(app.library.store().findArticleByUrl(server.url("/ri/phu-cu.html"))).not.toBeNull();
  });

  it("keeps feeds and their history across a restart and a reindex", async () => {
    server.set("/keep.rss", { body: rss("Kept", []) });
    let w = newWatcher();
    await w.add(server.url("/keep.rss"), { addedBy: 7, keywords: ["hội nghị"] });
    await w.checkAll();
    await w.close();
    await app.library.reindex();
    w = newWatcher();
    expect(w.list().find((f) => f.url === server.url("/keep.rss"))).toMatchObject({ addedBy: 7, keywords: ["hội nghị"], lastCheckAt: clock });
    expect(w.remove(server.url("/keep.rss")).url).toBe(server.url("/keep.rss"));
    expect(() => w.remove(server.url("/keep.rss"))).toThrow(/No feed .* is watched/);
  });

  it("runs on a schedule: a new item between ticks reaches onDigest once; stop() waits for the round", async () => {
    server.set("/tick.rss", { body: rss("Tick", []) });
    const w = newWatcher({ tickMs: 10, intervalMs: 1 }, Date.now);
    await w.add(server.url("/tick.rss"));
    const digests: string[][] = [];
    w.start({ onDigest: (d) => void digests.push(d.feeds.flatMap((f) => f.items.map((i) => i.url))) });
    await new Promise((r) => setTimeout(r, 60));
    expect(digests).toEqual([]);
    server.page("/tick/an-thi.html", report("An Thi district", "opened 9 new kindergartens in 2023"));
    server.set("/tick.rss", { body: rss("Tick", [entry("/tick/an-thi.html", report("An Thi district", ""), 1)]) });
    for (let i = 0; i < 200 && digests.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 60));
    await w.stop();
    expect(digests).toEqual([[server.url("/tick/an-thi.html")]]);
    const hits = server.hitsOf("/tick.rss");
    await new Promise((r) => setTimeout(r, 50));
    expect(server.hitsOf("/tick.rss")).toBe(hits); // stopped: no more checks
  });
});
