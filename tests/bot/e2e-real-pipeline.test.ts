/**
 * The bot over the REAL pipeline (src/app.ts openApp: ingest, embedder, SQLite + HNSW store, search, answer),
 * against the fake Bot API by long polling. The index is built in a temp dir from a copy of data/.
 * No test doubles here.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { ADMIN, ALICE, BOB, LAN, GROUP, OTHER_GROUP, privateChat, startBot, testConfig, type Harness } from "../helpers/bot-harness.js";

let dir: string;
let app: App;
let h: Harness | undefined;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "bot-real-"));
  fs.cpSync(path.resolve(import.meta.dirname, "../../data"), path.join(dir, "data"), { recursive: true });
  const config = testConfig({ DATA_DIR: path.join(dir, "data"), INDEX_DIR: path.join(dir, "index"), ALLOW_REMOTE_MODELS: "false" });
  app = await openApp(config, { buildIfEmpty: false });
  const added = await app.library.add({ kind: "path", path: path.join(dir, "data") });
  expect(added.length).toBe(5);
});

afterEach(async () => {
  await h?.stop();
  h = undefined;
});

afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const alice = privateChat(ALICE);
const admin = privateChat(ADMIN);

describe("bot over the real pipeline", () => {
  it("answers from the seed reports with citations and links", async () => {
    h = await startBot({ ask: app.ask, library: app.library });
    h.fake.userSends(alice, ALICE, "Who chaired the Ha Nam conference?");
    const reply = await h.fake.nextBotMessage(alice.id, { timeoutMs: 20_000 });
    expect(reply.text).toContain("Le Thi Thuy");
    expect(reply.text).toMatch(/\[1\]/);
    expect(reply.text).toContain("Sources:");
    expect(reply.html).toContain('<a href="https://www.vietnam.vn/en/tinh-uy-trien-khai-phuong-huong-nhiem-vu-trong-tam-nam-2024">');
    for (const m of h.fake.botMessages(alice.id)) expect(m.html!.length).toBeLessThanOrEqual(4096);
  });

  it("answers the headline question with the figure in bold, and words a near miss as one, in both languages", async () => {
    h = await startBot({ ask: app.ask, library: app.library });
    h.fake.userSends(alice, ALICE, "How many new party members were admitted in Ha Nam province in 2023?");
    const reply = await h.fake.nextBotMessage(alice.id, { timeoutMs: 20_000 });
    expect(reply.html).toContain("admitted <b>1,251</b> party members");
    expect(reply.text).toContain("[1]");
    expect(reply.text).toContain("Sources:");

    h.fake.userSends(alice, ALICE, "How many new party members were admitted in Ha Nam province in 2022?");
    const near = await h.fake.nextBotMessage(alice.id, { timeoutMs: 20_000 });
    expect(near.html).toMatch(/^<b>The reports don't give the figure for new party members admitted in Ha Nam in 2022\. They give the figure for new party members admitted in 2023:<\/b>/);
    expect(near.html).not.toContain("<b>1,251</b>");
    expect(near.text).toContain("1,251");

    const vietnamese = privateChat(LAN);
    h.fake.userSends(vietnamese, LAN, "Hà Nam kết nạp bao nhiêu đảng viên năm 2022?");
    const vi = await h.fake.nextBotMessage(vietnamese.id, { timeoutMs: 20_000 });
    expect(vi.text).toMatch(/^Các báo cáo không nêu số liệu số đảng viên mới được kết nạp của Ha Nam năm 2022\./);
  });

  it("opens the answer to a fact-checker with its verdict on the claimed figure, in bold", async () => {
    h = await startBot({ ask: app.ask, library: app.library });
    h.fake.userSends(alice, ALICE, "Our copy says Ha Nam admitted about six hundred party members in 2023. Is that right?");
    const reply = await h.fake.nextBotMessage(alice.id, { timeoutMs: 20_000 });
    expect(reply.html).toMatch(/^<b>No — the reports give 1,251 \[1\], not about six hundred\.<\/b>\n/);
    expect(reply.html).toContain("admitted <b>1,251</b> party members");
    expect(reply.text).toContain("Sources:");
  });

  it("/start describes the real library", async () => {
    h = await startBot({ ask: app.ask, library: app.library });
    h.fake.userSends(alice, ALICE, "/start");
    const reply = await h.fake.nextBotMessage(alice.id);
    expect(reply.text).toMatch(/I know \d+ reports about .*Ha Nam province/);
  });

  it("an admin upload makes a question answerable that was not before", async () => {
    h = await startBot({ ask: app.ask, library: app.library });
    const question = "How many tonnes of seafood did Quang Ninh province land in 2023?";
    h.fake.userSends(alice, ALICE, question);
    expect((await h.fake.nextBotMessage(alice.id, { timeoutMs: 20_000 })).text).toMatch(/^No report in the library is about Quang Ninh/);

    const doc = [
      "---",
      "title: Quang Ninh Provincial Party Committee reviews 2023",
      "place: Quang Ninh province",
      "date: 2023-12-30",
      "source: baoquangninh.vn",
      "url: https://baoquangninh.vn/quang-ninh-2023-review",
      "---",
      "",
      "The Quang Ninh Provincial Party Committee held a conference to review the work of 2023.",
      "",
      "In 2023 Quang Ninh province landed 150,000 tonnes of seafood, the highest catch in its history, the conference heard.",
    ].join("\n");
    h.fake.userUploads(admin, ADMIN, "quang-ninh.md", doc);
    const added = await h.fake.nextBotMessage(admin.id, { timeoutMs: 20_000 });
    expect(added.text).toMatch(/^Added: /);

    h.fake.userSends(alice, ALICE, question);
    const reply = await h.fake.nextBotMessage(alice.id, { timeoutMs: 20_000 });
    expect(reply.text).toContain("150,000 tonnes");
    expect(reply.html).toContain('<a href="https://baoquangninh.vn/quang-ninh-2023-review">');
  });

  it("a reply-chain follow-up in a group resolves to the right province and year, and groups do not share context", async () => {
    h = await startBot({ ask: app.ask, library: app.library });
    const timed = async (chatId: number, send: () => void) => {
      const started = performance.now();
      send();
      const reply = await h!.fake.nextBotMessage(chatId, { timeoutMs: 20_000 });
      latencies.push(performance.now() - started);
      return reply;
    };
    const latencies: number[] = [];

    const first = await timed(GROUP.id, () => h!.fake.userSends(GROUP, ALICE, "/ask How many party members were admitted in Ha Nam in 2023?"));
    expect(first.text).toContain("admitted 1,251 party members");
    const other = await timed(OTHER_GROUP.id, () =>
      h!.fake.userSends(OTHER_GROUP, BOB, "/ask How many Party organizations only completed their tasks in Hung Yen in 2022?"),
    );
    expect(other.html).toContain("en.hungyen.gov.vn");

    // "who chaired it?" in reply to the Ha Nam answer: Ha Nam and 2023 carry over.
    const chaired = await timed(GROUP.id, () => h!.fake.userSends(GROUP, BOB, "who chaired it?", { replyTo: first.message_id }));
    expect(chaired.reply_to_message_id).toBeGreaterThan(first.message_id);
    expect(chaired.text).toMatch(/^Read as: who chaired the Ha Nam conference in 2023\?/);
    expect(chaired.text).toContain("Le Thi Thuy");
    expect(chaired.html).toContain('<a href="https://www.vietnam.vn/en/tinh-uy-trien-khai-phuong-huong-nhiem-vu-trong-tam-nam-2024">');

    // The same words in the other group read against that group's own question: Hung Yen, 2022.
    const otherChaired = await timed(OTHER_GROUP.id, () => h!.fake.userSends(OTHER_GROUP, ALICE, "who chaired it?", { replyTo: other.message_id }));
    expect(otherChaired.text).toMatch(/^Read as: who chaired the Hung Yen conference in 2022\?/);
    expect(otherChaired.text).toContain("Nguyen Huu Nghia");

    // Down the chain: a new province, the year still 2023.
    const thaiBinh = await timed(GROUP.id, () => h!.fake.userSends(GROUP, ALICE, "what about Thai Binh?", { replyTo: chaired.message_id }));
    expect(thaiBinh.text).toMatch(/^Read as: who chaired the Thai Binh conference in 2023\?/);
    expect(thaiBinh.text).toContain("Ngo Dong Hai");
    for (const m of [...h.fake.botMessages(GROUP.id), ...h.fake.botMessages(OTHER_GROUP.id)]) expect(m.html!.length).toBeLessThanOrEqual(4096);
    const sorted = [...latencies].sort((a, b) => a - b);
    console.info(`answer latency through the fake Bot API over the real pipeline: median ${sorted[2]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms (n=${sorted.length})`);
  });
});
