/**
 * End to end admin work, by long polling against the fake: uploads, /add of a URL served locally, /remove,
 * /list paging, /reindex in the background, /stats, refusals, command menus.
 * Uses the in-memory test doubles (tests/helpers/bot-doubles.ts) for ask/library.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commandsFor } from "../../src/bot/commands.js";
import { translations, translatorFor } from "../../src/bot/i18n.js";
import type { LibraryApi } from "../../src/types.js";
import { ADMIN, ALICE, GROUP, privateChat, startBot, type Harness } from "../helpers/bot-harness.js";
import { InMemoryLibrary, keywordAsk, SEED_ARTICLES } from "../helpers/bot-doubles.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const admin = privateChat(ADMIN);
const alice = privateChat(ALICE);

let site: http.Server;
let siteRoot: string;
beforeAll(async () => {
  site = http.createServer((req, res) => {
    if (req.url === "/thai-binh.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(`<html><head><title>Thai Binh Party Committee &amp; the 2024 plan</title></head><body>
        <p>The Thai Binh Provincial Party Committee met on January 9 to review the year.</p>
        <p>Seafood output in Thai Binh rose to 270,000 tonnes, a record for the province.</p></body></html>`);
    } else {
      res.writeHead(404).end("not here");
    }
  });
  await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
  siteRoot = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => site.close(() => r()));
});

function libraryOf(h: Harness): InMemoryLibrary {
  return h.library as InMemoryLibrary;
}

describe("adding reports", () => {
  it("an admin uploads a document; the next question is answered from it", async () => {
    h = await startBot();
    h.fake.userSends(admin, ADMIN, "How many tonnes of seafood did Quang Ninh land?");
    expect((await h.fake.nextBotMessage(admin.id)).text).toMatch(/^The reports I have don't say/);

    const doc = "# Quang Ninh Party Committee reviews 2023\n\nQuang Ninh landed 150,000 tonnes of seafood in 2023, said the Provincial Party Committee.";
    h.fake.userUploads(admin, ADMIN, "quang-ninh.md", doc);
    const added = await h.fake.nextBotMessage(admin.id);
    expect(added.text).toMatch(/^Added: Quang Ninh Party Committee reviews 2023/);
    expect(added.text).toContain("1 passage");
    const call = libraryOf(h).addCalls.at(-1)!;
    expect(call).toMatchObject({ kind: "upload", fileName: "quang-ninh.md" });
    expect(new TextDecoder().decode((call as { bytes: Uint8Array }).bytes)).toBe(doc);
    expect(h.fake.callsTo("getFile")).toHaveLength(1);
    expect(h.fake.callsTo("file")).toHaveLength(1);

    h.fake.userSends(admin, ADMIN, "How many tonnes of seafood did Quang Ninh land?");
    const answer = await h.fake.nextBotMessage(admin.id);
    expect(answer.text).toMatch(/150,000 tonnes of seafood.* \[1\]/);
    expect(answer.text).toContain("[1] Quang Ninh Party Committee reviews 2023");
  });

  it("an admin adds a URL served by a local site; the next question is answered from it", async () => {
    h = await startBot();
    h.fake.userSends(admin, ADMIN, `/add ${siteRoot}/thai-binh.html`);
    const added = await h.fake.nextBotMessage(admin.id);
    expect(added.text).toMatch(/^Added: Thai Binh Party Committee & the 2024 plan/);
    expect(added.html).toContain(`<a href="${siteRoot}/thai-binh.html">Thai Binh Party Committee &amp; the 2024 plan</a>`);
    h.fake.userSends(alice, ALICE, "What seafood output did Thai Binh reach?");
    const answer = await h.fake.nextBotMessage(alice.id);
    expect(answer.text).toContain("270,000 tonnes");
    expect(answer.html).toContain(`<a href="${siteRoot}/thai-binh.html">`);
  });

  it("passes a library UserError back verbatim (escaped), and a plain error as a generic line", async () => {
    h = await startBot();
    h.fake.userSends(admin, ADMIN, `/add ${siteRoot}/missing?a=<1>`);
    const failed = await h.fake.nextBotMessage(admin.id);
    expect(failed.text).toBe(`Could not fetch ${siteRoot}/missing?a=<1>: HTTP 404`);
    libraryOf(h).add = async () => {
      throw new Error("disk full at /var/secret");
    };
    h.fake.userSends(admin, ADMIN, `/add ${siteRoot}/thai-binh.html`);
    const generic = await h.fake.nextBotMessage(admin.id);
    expect(generic.text).toMatch(/^Something went wrong while adding the URL/);
    expect(generic.text).not.toContain("disk full");
    expect(h.logs.some((l) => l.msg === "admin action failed")).toBe(true);
  });

  it("refuses a too-big upload before downloading it, and a file type it cannot read", async () => {
    h = await startBot({ env: { UPLOAD_MAX_BYTES: "2048" } });
    h.fake.userUploads(admin, ADMIN, "big.txt", "x".repeat(3000));
    expect((await h.fake.nextBotMessage(admin.id)).text).toBe('"big.txt" is too big (2.9 KB; the limit is 2 KB). Nothing was added.');
    h.fake.userUploads(admin, ADMIN, "scan.pdf", "%PDF-1.4");
    expect((await h.fake.nextBotMessage(admin.id)).text).toMatch(/I can add \.txt, \.md, \.json, \.jsonl, \.html files; "scan.pdf" is not one of them\./);
    expect(h.fake.callsTo("getFile")).toHaveLength(0);
    expect(h.fake.callsTo("file")).toHaveLength(0);
    expect(libraryOf(h).addCalls).toHaveLength(0);
  });

  it("stops a download that turns out bigger than file_size claimed", async () => {
    h = await startBot({ env: { UPLOAD_MAX_BYTES: "2048" } });
    h.fake.userUploads(admin, ADMIN, "liar.txt", "y".repeat(5000), { fileSize: 100 });
    expect((await h.fake.nextBotMessage(admin.id)).text).toMatch(/too big/);
    expect(libraryOf(h).addCalls).toHaveLength(0);
  });
});

describe("refusals", () => {
  it("a non-admin gets a polite refusal for every admin command and for documents; nothing changes", async () => {
    h = await startBot();
    const before = h.library.stats().articles;
    for (const cmd of ["/add https://example.com/a", "/remove 000_hanam", "/list", "/reindex", "/stats"]) {
      h.fake.userSends(alice, ALICE, cmd);
      expect((await h.fake.nextBotMessage(alice.id)).text).toMatch(/^Sorry, only the bot's admins can change the library/);
    }
    h.fake.userUploads(alice, ALICE, "report.md", "# Title\n\nText about Ha Nam.");
    expect((await h.fake.nextBotMessage(alice.id)).text).toMatch(/^Sorry, only the bot's admins can add documents/);
    h.fake.userSends(GROUP, ALICE, `/add@${h.fake.botInfo.username} https://example.com/b`);
    expect((await h.fake.nextBotMessage(GROUP.id)).text).toMatch(/^Sorry, only the bot's admins/);
    await h.fake.settle();
    expect(libraryOf(h).addCalls).toHaveLength(0);
    expect(libraryOf(h).reindexCalls).toBe(0);
    expect(h.library.stats().articles).toBe(before);
    expect(h.fake.callsTo("getFile")).toHaveLength(0);
  });
});

describe("managing the library", () => {
  it("/remove by id or url, with a clear message when nothing matches", async () => {
    h = await startBot();
    h.fake.userSends(admin, ADMIN, "/remove https://baonamdinh.vn/nam-dinh-2024-targets");
    expect((await h.fake.nextBotMessage(admin.id)).text).toMatch(/^Removed: Nam Dinh Party Committee conference on 2024 targets/);
    h.fake.userSends(admin, ADMIN, "/remove nope<1>");
    expect((await h.fake.nextBotMessage(admin.id)).text).toBe('No report has the id or url "nope<1>". /list shows the ids.');
    h.fake.userSends(alice, ALICE, "What export turnover did Nam Dinh reach?");
    expect((await h.fake.nextBotMessage(alice.id)).text).toMatch(/^The reports I have don't say/);
  });

  it("/list pages 10 at a time with ◀ ▶ buttons that edit the message", async () => {
    const library = new InMemoryLibrary(
      Array.from({ length: 25 }, (_, i) => ({ id: `r${String(i).padStart(2, "0")}`, title: `Report <${i}>`, text: `Text ${i}.`, place: "Ha Nam province", date: "2024-01-01" })),
    );
    h = await startBot({ library, ask: keywordAsk(library) });
    h.fake.userSends(admin, ADMIN, "/list");
    const list = await h.fake.nextBotMessage(admin.id);
    expect(list.text).toMatch(/^Reports 1–10 of 25 \(page 1\/3\)/);
    expect(list.text).toContain("1. Report <0> — Ha Nam province, 2024-01-01\nr00");
    expect(list.text).not.toContain("r10");
    expect(list.reply_markup!.inline_keyboard!.flat().map((b) => b.text)).toEqual(["▶"]);
    let q = h.fake.userPresses(admin, ADMIN, "list:10");
    await h.fake.waitForCallbackAnswer(q);
    const page2 = h.fake.botMessages(admin.id).at(-1)!;
    expect(page2.message_id).toBe(list.message_id);
    expect(page2.text).toMatch(/^Reports 11–20 of 25 \(page 2\/3\)/);
    expect(page2.reply_markup!.inline_keyboard!.flat().map((b) => b.text)).toEqual(["◀", "▶"]);
    q = h.fake.userPresses(admin, ADMIN, "list:20");
    await h.fake.waitForCallbackAnswer(q);
    const page3 = h.fake.botMessages(admin.id).at(-1)!;
    expect(page3.text).toMatch(/^Reports 21–25 of 25/);
    expect(page3.reply_markup!.inline_keyboard!.flat().map((b) => b.text)).toEqual(["◀"]);
    expect(h.fake.botMessages(admin.id)).toHaveLength(1);
  });

  it("/list on a single page sends no keyboard (an empty one shows as an empty row)", async () => {
    h = await startBot();
    h.fake.userSends(admin, ADMIN, "/list");
    const list = await h.fake.nextBotMessage(admin.id);
    expect(list.text).toMatch(/^Reports 1–3 of 3 \(page 1\/1\)/);
    expect(list.reply_markup?.inline_keyboard ?? []).toEqual([]);
  });

  it("/stats shows the index facts", async () => {
    h = await startBot();
    h.fake.userSends(admin, ADMIN, "/stats");
    const stats = await h.fake.nextBotMessage(admin.id);
    expect(stats.text).toContain("Reports: 3");
    expect(stats.text).toContain("Places: 3 (Ha Nam province, Kim Bang district, Nam Dinh province)");
    expect(stats.text).toContain("Dates: 2023-12-20 to 2024-01-05");
  });

  it("/reindex runs in the background: progress edited in place (throttled), questions answered meanwhile, a second /reindex refused", async () => {
    const library = new InMemoryLibrary(SEED_ARTICLES);
    const gates: Array<() => void> = [];
    library.reindexStep = () => new Promise<void>((resolve) => gates.push(resolve));
    h = await startBot({ library, ask: keywordAsk(library), options: { progressEditIntervalMs: 100 } });

    h.fake.userSends(admin, ADMIN, "/reindex");
    const progress = await h.fake.nextBotMessage(admin.id);
    expect(progress.text).toBe("Reindexing… starting");
    await h.fake.waitFor(() => gates.length === 1 || undefined);

    // While the reindex waits, questions are answered and a second /reindex is refused.
    h.fake.userSends(alice, ALICE, "What export turnover did Nam Dinh reach?");
    expect((await h.fake.nextBotMessage(alice.id)).text).toContain("3.2 billion USD");
    h.fake.userSends(admin, ADMIN, "/reindex");
    expect((await h.fake.nextBotMessage(admin.id)).text).toMatch(/^A reindex is already running/);
    expect(library.reindexCalls).toBe(1);

    gates.shift()!();
    await h.fake.waitFor(() => gates.length === 1 || undefined);
    await h.fake.waitFor(() => (h!.fake.botMessages(admin.id)[0]!.text?.includes("embedding 1/3") ? true : undefined));
    gates.shift()!();
    await h.fake.waitFor(() => gates.length === 1 || undefined);
    gates.shift()!();
    const done = await h.fake.waitFor(() => {
      const m = h!.fake.botMessages(admin.id).find((x) => x.message_id === progress.message_id)!;
      return m.text?.startsWith("Reindex done") ? m : undefined;
    });
    expect(done.text).toMatch(/^Reindex done: 3 reports, 7 passages in \d+\.\d s\.$/);

    const edits = h.fake.callsTo("editMessageText").filter((c) => c.payload.message_id === progress.message_id && c.status === 200);
    expect(edits.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(90);
    // Free again afterwards.
    h.fake.userSends(admin, ADMIN, "/reindex");
    await h.fake.waitFor(() => library.reindexCalls === 2 || undefined);
  });

  it("reports a failed reindex on the progress message", async () => {
    const library = new InMemoryLibrary(SEED_ARTICLES);
    library.reindexStep = async () => {
      throw new Error("boom");
    };
    h = await startBot({ library, ask: keywordAsk(library), options: { progressEditIntervalMs: 20 } });
    h.fake.userSends(admin, ADMIN, "/reindex");
    const progress = await h.fake.nextBotMessage(admin.id);
    const failed = await h.fake.waitFor(() => {
      const m = h!.fake.botMessages(admin.id).find((x) => x.message_id === progress.message_id)!;
      return m.text?.startsWith("Reindex failed") ? m : undefined;
    });
    expect(failed.text).toContain("The previous index is still serving.");
    expect(h.logs.some((l) => l.msg === "reindex failed")).toBe(true);
  });
});

describe("command menus", () => {
  it("sets user commands by default and user+admin commands in each admin's chat", async () => {
    h = await startBot();
    const en = translatorFor(translations(), "en");
    const vi = translatorFor(translations(), "vi");
    expect(h.fake.commands.get("default")).toEqual(commandsFor(en, "user"));
    expect(h.fake.commands.get(`chat:${ADMIN.id}`)).toEqual([...commandsFor(en, "user"), ...commandsFor(en, "admin")]);
    expect(h.fake.commands.has(`chat:${ALICE.id}`)).toBe(false);
    // The same menus in Vietnamese, shown by Telegram to users whose app is in Vietnamese.
    expect(h.fake.commands.get("default#vi")).toEqual(commandsFor(vi, "user"));
    expect(h.fake.commands.get(`chat:${ADMIN.id}#vi`)!.map((c) => c.command)).toContain("allow");
    expect(h.fake.commands.get("default#vi")!.find((c) => c.command === "language")!.description).toBe("Chọn ngôn ngữ");
  });

  it("/help shows admins their commands", async () => {
    h = await startBot();
    h.fake.userSends(admin, ADMIN, "/help");
    const help = await h.fake.nextBotMessage(admin.id);
    expect(help.text).toContain("Admin commands:");
    expect(help.text).toContain("/reindex — Rebuild the index");
  });
});

// Keep the type import used: the harness accepts any LibraryApi, e.g. the real pipeline's.
export type { LibraryApi };
