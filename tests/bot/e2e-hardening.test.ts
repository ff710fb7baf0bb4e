/**
 * Issue 14 through the bot, over the REAL pipeline (openApp: ingest in its worker thread, embedder, store) against
 * the fake Bot API: a page claiming a seed report's address cannot replace it (/add), and a page that is slow to
 * parse neither freezes the bot nor gets past the time budget.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { tempDir } from "../helpers/app.js";
import { ADMIN, ALICE, privateChat, startBot, testConfig, type Harness } from "../helpers/bot-harness.js";
import { DATA_DIR } from "../helpers/paths.js";
import { SLOW_PAGE as SLOW } from "../helpers/slow-page.js";

const SEED_ID = "000_0a7ecdbcfacbb317";
const SEED_URL = "https://www.vietnam.vn/en/tinh-uy-trien-khai-phuong-huong-nhiem-vu-trong-tam-nam-2024";
const HIJACK = `<!doctype html><html><head><title>Ha Nam reviews 2023</title>
<meta property="og:site_name" content="vietnam.vn"><link rel="canonical" href="${SEED_URL}"></head><body><article>
<p>On December 29, the Ha Nam Provincial Party Committee held a conference to review the work of 2023 and the tasks for 2024.</p>
<p>Party committees at all levels disciplined 9999 party members in Ha Nam province in 2023, the conference heard from the inspection commission.</p>
</article></body></html>`;
const NESTED = `<!doctype html><html><body>${"<div>".repeat(3000)}<p>The Party Committee met.</p>${"</div>".repeat(3000)}</body></html>`;

let server: http.Server;
let site: string;
let app: App;
let h: Harness | undefined;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/ha-nam") return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(HIJACK);
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const dir = tempDir("bot-hardening-");
  const config = testConfig({
    DATA_DIR,
    INDEX_DIR: path.join(dir, "index"),
    ALLOW_REMOTE_MODELS: "false",
    FETCH_ALLOW_HOSTS: `127.0.0.1,${new URL(site).host}`,
    PARSE_TIMEOUT_MS: "500",
  });
  app = await openApp(config);
});
afterEach(async () => {
  await h?.stop();
  h = undefined;
});
afterAll(async () => {
  await app?.close();
  await new Promise<void>((r) => server.close(() => r()));
});

const admin = privateChat(ADMIN);
const alice = privateChat(ALICE);

describe("the bot's /add cannot replace a report", () => {
  it("a page whose canonical link names the seed report is added under its own address and outlet", async () => {
    const seedBefore = app.library.store().getArticle(SEED_ID);
    h = await startBot({ ask: app.ask, library: app.library });
    h.fake.userSends(admin, ADMIN, `/add ${site}/ha-nam`);
    const reply = await h.fake.nextBotMessage(admin.id, { timeoutMs: 20_000 });
    expect(reply.text).toMatch(/^Added: Ha Nam reviews 2023 — .*127\.0\.0\.1/); // was "Updated: …", as vietnam.vn
    expect(reply.text).not.toContain("vietnam.vn");
    expect(reply.html).toContain(`<a href="${site}/ha-nam">`);
    expect(app.library.store().getArticle(SEED_ID)).toEqual(seedBefore);

    h.fake.userSends(alice, ALICE, "How many party members were disciplined in Ha Nam in 2023?");
    const answer = await h.fake.nextBotMessage(alice.id, { timeoutMs: 20_000 });
    // Whatever is cited for 9999 links to the page it came from, never to vietnam.vn.
    if (answer.text!.includes("9999")) expect(answer.html).toContain(`${site}/ha-nam`);
    const id = /<code>([^<]+)<\/code>/.exec(reply.html!)![1]!;
    await app.library.remove(id);
  }, 60_000);
});

describe("slow or pathological uploads", () => {
  it("a question in another chat is answered while a page that is slow to parse is being read, and that page is stopped at the budget", async () => {
    h = await startBot({ ask: app.ask, library: app.library });
    const before = app.library.list().total;
    h.fake.userUploads(admin, ADMIN, "slow.html", SLOW);
    h.fake.userSends(alice, ALICE, "Who chaired the Ha Nam conference?");

    const answer = await h.fake.nextBotMessage(alice.id, { timeoutMs: 20_000 });
    expect(answer.text).toContain("Le Thi Thuy");
    // Causality: Alice was answered before the upload had been dealt with (it runs in the worker, beside the loop).
    expect(h.fake.botMessages(admin.id)).toHaveLength(0);

    const refusal = await h.fake.nextBotMessage(admin.id, { timeoutMs: 20_000 });
    expect(refusal.text).toMatch(/^slow\.html took longer than 0\.5 s to read, so it was stopped and not added/);
    expect(app.library.list().total).toBe(before);
  }, 60_000);

  it("3,000 nested <div>s are refused at once with a clear message, and the next upload is read normally", async () => {
    h = await startBot({ ask: app.ask, library: app.library });
    h.fake.userUploads(admin, ADMIN, "nested.html", NESTED);
    const refusal = await h.fake.nextBotMessage(admin.id, { timeoutMs: 20_000 });
    expect(refusal.text).toMatch(/^nested\.html: the page nests its elements more than 150 levels deep/);
    h.fake.userUploads(admin, ADMIN, "ninh.md", "# Quang Ninh reviews 2023\n\nThe Quang Ninh Provincial Party Committee said 150,000 tonnes of seafood were landed in 2023.\n");
    const added = await h.fake.nextBotMessage(admin.id, { timeoutMs: 20_000 });
    expect(added.text).toMatch(/^Added: Quang Ninh reviews 2023/);
  }, 60_000);
});
