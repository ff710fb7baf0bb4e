/**
 * /feeds end to end: the real bot against the fake Bot API, over the real pipeline (openApp), watching a local
 * outlet on 127.0.0.1 (tests/helpers/feed-server.ts). New reports arrive by themselves: the admins get one
 * digest with the titles as links, and a question about a new report is answered with its citation.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { createFeedParser, createFeedWatcher, type FeedParser, type FeedWatcher } from "../../src/library/feeds/index.js";
import { ADMIN, ALICE, privateChat, startBot, testConfig, type Harness } from "../helpers/bot-harness.js";
import { FeedServer, hoursAgo, rss, type Page } from "../helpers/feed-server.js";

let dir: string;
let app: App;
let server: FeedServer;
let h: Harness | undefined;
let feeds: FeedWatcher | undefined;
let parser: FeedParser;
const admin = privateChat(ADMIN);
const alice = privateChat(ALICE);

function report(place: string, sentence: string): Page {
  return {
    title: `${place} Party Committee holds its year-end conference`,
    date: new Date().toISOString().slice(0, 10),
    paragraphs: [
      `On the morning of the 29th, the ${place} Party Committee held a conference to review the work of the year and set the tasks for the next one.`,
      sentence,
      `The conference also discussed administrative reform and digital transformation in the province's communes.`,
    ],
  };
}

const weather: Page = {
  title: "Cold spell reaches the northern provinces",
  date: "2024-01-02",
  paragraphs: ["Temperatures fell to eight degrees in the mountains overnight, forecasters said, and the cold will last until the weekend."],
};

beforeAll(async () => {
  parser = createFeedParser();
  server = await FeedServer.start();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "bot-feeds-"));
  const config = testConfig({ DATA_DIR: path.resolve(import.meta.dirname, "../../data"), INDEX_DIR: path.join(dir, "index"), ALLOW_REMOTE_MODELS: "false", FETCH_ALLOW_HOSTS: server.allowHosts });
  app = await openApp(config);
});

afterEach(async () => {
  await h?.stop();
  h = undefined;
  for (const f of feeds?.list() ?? []) feeds!.remove(f.url);
  await feeds?.close();
  feeds = undefined;
});

afterAll(async () => {
  await parser?.close();
  await app?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function watcher(options: Parameters<typeof createFeedWatcher>[0]["options"] = {}): FeedWatcher {
  feeds = createFeedWatcher({ config: testConfig({ INDEX_DIR: path.join(dir, "index"), FETCH_ALLOW_HOSTS: server.allowHosts }), library: app.library, options, parser });
  return feeds;
}

describe("/feeds", () => {
  it("admin adds, checks, lists and removes a feed; the digest links the new report, which then answers", async () => {
    // A slow outlet: the check takes a while, and the bot answers questions meanwhile.
    server.page("/ninh-giang.html", report("Ninh Giang district", "Ninh Giang district collected VND 415 billion of budget revenue in 2024, the conference heard."), 1500);
    server.page("/weather.html", weather);
    server.set("/rss/thoi-su.rss", {
      body: rss("Báo Hải Dương - Thời sự", [
        { url: server.url("/ninh-giang.html"), title: report("Ninh Giang district", "").title, lead: "Huyện ủy Ninh Giang tổ chức hội nghị tổng kết năm.", at: hoursAgo(2) },
        { url: server.url("/weather.html"), title: weather.title, lead: weather.paragraphs[0]!, at: hoursAgo(3) },
      ]),
    });
    h = await startBot({ ask: app.ask, library: app.library, feeds: watcher() });

    h.fake.userSends(alice, ALICE, `/feeds add ${server.url("/rss/thoi-su.rss")}`);
    expect((await h.fake.nextBotMessage(alice.id)).text).toMatch(/^Sorry, only the bot's admins/);

    h.fake.userSends(admin, ADMIN, `/feeds add ${server.url("/weather.html")}`);
    expect((await h.fake.nextBotMessage(admin.id)).text).toBe(
      "Nothing was changed: This address is a web page or text, not an RSS, Atom or sitemap feed. Give the feed's own address (often /rss, /feed or /sitemap.xml).",
    );

    h.fake.userSends(admin, ADMIN, `/feeds add ${server.url("/rss/thoi-su.rss")}`);
    const added = await h.fake.nextBotMessage(admin.id);
    expect(added.text).toBe("Watching Báo Hải Dương - Thời sự (RSS, 2 entries now). It is checked every 30 minutes; /feeds check checks it now.");

    h.fake.userSends(admin, ADMIN, "/feeds check");
    expect((await h.fake.nextBotMessage(admin.id)).text).toBe("Checking 1 feed… I will write when it is done; questions are answered meanwhile.");
    const afterChecking = h.fake.botMessages(admin.id).length;
    h.fake.userSends(alice, ALICE, "Who chaired the Ha Nam conference?");
    expect((await h.fake.nextBotMessage(alice.id, { timeoutMs: 20_000 })).text).toContain("Le Thi Thuy");
    expect(h.fake.botMessages(admin.id).length).toBe(afterChecking); // answered while the check was still fetching
    const summary = await h.fake.nextBotMessage(admin.id, { timeoutMs: 20_000 });
    expect(summary.text).toBe(`Checked 1 feed\n${server.url("/rss/thoi-su.rss")}: 1 new, 1 skipped, 0 refused or failed`);
    const digest = await h.fake.nextBotMessage(admin.id, { timeoutMs: 20_000 });
    expect(digest.text).toBe(`1 new report from 127.0.0.1:${server.port}:\n• Ninh Giang district Party Committee holds its year-end conference`);
    expect(digest.html).toContain(`<a href="${server.url("/ninh-giang.html")}">Ninh Giang district Party Committee holds its year-end conference</a>`);

    h.fake.userSends(alice, ALICE, "How much budget revenue did Ninh Giang district collect in 2024?");
    const answer = await h.fake.nextBotMessage(alice.id, { timeoutMs: 20_000 });
    expect(answer.text).toContain("415 billion");
    expect(answer.html).toContain(`<a href="${server.url("/ninh-giang.html")}">`);

    h.fake.userSends(admin, ADMIN, "/feeds");
    const list = await h.fake.nextBotMessage(admin.id);
    expect(list.text).toMatch(/^Watched feeds \(1\)\n\n1\. Báo Hải Dương - Thời sự — RSS\nLast check: 0 min ago · last new report: 0 min ago\nIndexed 1 · skipped 1\nKeywords \(default\): Party Committee, /);

    h.fake.userSends(admin, ADMIN, `/feeds keywords ${server.url("/rss/thoi-su.rss")} rét đậm, cold spell`);
    expect((await h.fake.nextBotMessage(admin.id)).text).toBe("Báo Hải Dương - Thời sự now takes items whose title or first paragraph mentions: rét đậm, cold spell");

    h.fake.userSends(admin, ADMIN, `/feeds remove ${server.url("/rss/thoi-su.rss")}`);
    expect((await h.fake.nextBotMessage(admin.id)).text).toBe("Stopped watching Báo Hải Dương - Thời sự. The reports already indexed from it stay.");
    h.fake.userSends(admin, ADMIN, "/feeds");
    expect((await h.fake.nextBotMessage(admin.id)).text).toBe("No feeds are watched. Add one with /feeds add <url>.");
  });

  it("on its schedule, a report that appears in the feed reaches the admins as one digest, and nothing more when nothing is new", async () => {
    server.set("/rss/chinh-tri.rss", { body: rss("Báo Thái Bình - Chính trị", []) });
    h = await startBot({ ask: app.ask, library: app.library, feeds: watcher({ tickMs: 20, intervalMs: 1 }) });
    h.fake.userSends(admin, ADMIN, `/feeds add ${server.url("/rss/chinh-tri.rss")}`);
    expect((await h.fake.nextBotMessage(admin.id)).text).toMatch(/^Watching Báo Thái Bình - Chính trị \(RSS, 0 entries now\)/);
    await new Promise((r) => setTimeout(r, 100)); // a few empty rounds: no message
    expect(h.fake.botMessages(admin.id)).toHaveLength(1);

    // Two new reports overnight, one of them only in Vietnamese in the feed.
    server.page("/vu-thu.html", report("Vu Thu district", "Vu Thu district admitted 287 new party members in 2024, the conference heard."));
    server.page("/kien-xuong.html", report("Kien Xuong district", "Kien Xuong district built 31 kilometres of rural roads in 2024, the conference heard."));
    server.set("/rss/chinh-tri.rss", {
      body: rss("Báo Thái Bình - Chính trị", [
        { url: server.url("/vu-thu.html"), title: "Huyện ủy Vũ Thư tổng kết công tác năm 2024", lead: "Sáng 29/12, Huyện ủy Vũ Thư tổ chức hội nghị.", at: hoursAgo(1) },
        { url: server.url("/kien-xuong.html"), title: report("Kien Xuong district", "").title, lead: "The district held its conference.", at: hoursAgo(2) },
      ]),
    });
    const digest = await h.fake.nextBotMessage(admin.id, { timeoutMs: 20_000 });
    expect(digest.text).toBe(
      `2 new reports from 127.0.0.1:${server.port}:\n• Vu Thu district Party Committee holds its year-end conference\n• Kien Xuong district Party Committee holds its year-end conference`,
    );
    await new Promise((r) => setTimeout(r, 150));
    await h.fake.settle();
    expect(h.fake.botMessages(admin.id)).toHaveLength(2); // one digest, then silence

    h.fake.userSends(alice, ALICE, "How many new party members did Vu Thu district admit in 2024?");
    const answer = await h.fake.nextBotMessage(alice.id, { timeoutMs: 20_000 });
    expect(answer.text).toContain("287");
    expect(answer.html).toContain(`<a href="${server.url("/vu-thu.html")}">`);
  });
});
