/** The fake Bot API itself, driven by grammY's real Api client over HTTP. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Api, GrammyError, InputFile } from "grammy";
import { computeEntities, FakeTelegram, parseHtml } from "../helpers/fake-telegram.js";
import { ALICE, BOB, GROUP, privateChat } from "../helpers/bot-harness.js";

let fake: FakeTelegram;
let api: Api;

beforeEach(async () => {
  fake = await FakeTelegram.start();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
});
afterEach(async () => {
  await fake.close();
});

describe("getUpdates", () => {
  it("holds a long poll until an update arrives, and honours offset", async () => {
    const started = Date.now();
    const poll = api.getUpdates({ timeout: 10 });
    let settled = false;
    void poll.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 80));
    expect(settled).toBe(false);
    fake.userSends(privateChat(ALICE), ALICE, "hello");
    const updates = await poll;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.message!.text).toBe("hello");
    expect(typeof updates[0]!.message!.date).toBe("number");
    expect(updates[0]!.message!.date).toBeLessThan(Date.now() / 1000 + 1);
    // Not confirmed yet: returned again; confirmed with a higher offset: gone.
    expect(await api.getUpdates({ timeout: 0 })).toHaveLength(1);
    expect(await api.getUpdates({ offset: updates[0]!.update_id + 1, timeout: 0 })).toHaveLength(0);
    expect(fake.hasUndelivered()).toBe(false);
  });

  it("ends the first of two concurrent polls with 409", async () => {
    const first = api.getUpdates({ timeout: 5 });
    await new Promise((r) => setTimeout(r, 30));
    const second = api.getUpdates({ timeout: 0 });
    await expect(first).rejects.toMatchObject({ error_code: 409 });
    await expect(second).resolves.toEqual([]);
  });

  it("answers 409 while a webhook is set", async () => {
    await api.setWebhook("http://127.0.0.1:1/hook");
    await expect(api.getUpdates()).rejects.toMatchObject({ error_code: 409, description: expect.stringContaining("webhook is active") });
    await api.deleteWebhook();
    await expect(api.getUpdates()).resolves.toEqual([]);
  });
});

describe("users", () => {
  it("computes bot_command and mention entities in UTF-16 offsets", () => {
    const text = "😀 hi @reports_test_bot";
    expect(computeEntities(text)).toEqual([{ type: "mention", offset: 6, length: 17 }]);
    expect(computeEntities("/ask@reports_test_bot what?")).toEqual([{ type: "bot_command", offset: 0, length: 21 }]);
    expect(computeEntities("mail a@b.com /x")).toEqual([{ type: "bot_command", offset: 13, length: 2 }]);
  });

  it("applies privacy mode in groups", async () => {
    const chatter = fake.userSends(GROUP, ALICE, "just chatting");
    const command = fake.userSends(GROUP, ALICE, "/ask what?");
    const otherBot = fake.userSends(GROUP, ALICE, "/ask@other_bot what?");
    const mention = fake.userSends(GROUP, BOB, "hey @Reports_Test_Bot what?");
    expect([chatter, command, otherBot, mention].map((m) => m.delivered)).toEqual([false, true, false, true]);
    const sent = await api.sendMessage(GROUP.id, "I am the bot");
    const reply = fake.userSends(GROUP, BOB, "thanks", { replyTo: sent.message_id });
    expect(reply.delivered).toBe(true);
    const updates = await api.getUpdates();
    expect(updates.map((u) => u.message!.text)).toEqual(["/ask what?", "hey @Reports_Test_Bot what?", "thanks"]);
    expect(updates[2]!.message!.reply_to_message!.from!.id).toBe(fake.botInfo.id);
  });

  it("presses only buttons the bot showed", async () => {
    expect(() => fake.userPresses(privateChat(ALICE), ALICE, "nope")).toThrow(/No bot message/);
  });
});

describe("sending", () => {
  it("validates HTML like Telegram and keeps a transcript with edits applied in place", async () => {
    const chat = privateChat(ALICE);
    fake.userSends(chat, ALICE, "hi");
    await expect(api.sendMessage(chat.id, "a < b", { parse_mode: "HTML" })).rejects.toMatchObject({ error_code: 400, description: expect.stringContaining("can't parse entities") });
    await expect(api.sendMessage(chat.id, "<b>x", { parse_mode: "HTML" })).rejects.toMatchObject({ error_code: 400 });
    await expect(api.sendMessage(chat.id, "x".repeat(4097))).rejects.toMatchObject({ description: "Bad Request: message is too long" });
    await expect(api.sendMessage(-5, "x")).rejects.toMatchObject({ description: "Bad Request: chat not found" });
    const m = await api.sendMessage(chat.id, '<a href="https://x.vn">&lt;b&gt;</a>', { parse_mode: "HTML" });
    expect(m.text).toBe("<b>");
    expect(m.entities).toEqual([{ type: "text_link", offset: 0, length: 3, url: "https://x.vn" }]);
    await api.editMessageText(chat.id, m.message_id, "edited");
    await expect(api.editMessageText(chat.id, m.message_id, "edited")).rejects.toMatchObject({ description: expect.stringContaining("message is not modified") });
    const botMessages = fake.botMessages(chat.id);
    expect(botMessages).toHaveLength(1);
    expect(botMessages[0]).toMatchObject({ text: "edited", edits: 1 });
    expect(fake.transcript(chat.id).map((x) => x.text)).toEqual(["hi", "edited"]);
    expect(parseHtml("&#x1F600;&#65;").text).toBe("😀A");
  });

  it("injects faults with the real status and Telegram's body, and 404s unknown methods", async () => {
    fake.userSends(privateChat(ALICE), ALICE, "hi");
    fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ chat_id: ALICE.id, text: "x" }),
    });
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    const err = await api.raw.sendMessage({ chat_id: ALICE.id, text: "x" }).then(() => null, (e: unknown) => e);
    expect(err).toBeNull(); // the fault was used up
    const unknown = await fetch(`${fake.apiRoot}/bot${fake.token}/noSuchMethod`, { method: "POST" });
    expect(unknown.status).toBe(404);
    const badToken = await fetch(`${fake.apiRoot}/bot1:wrong/getMe`);
    expect(badToken.status).toBe(401);
  });

  it("stores uploads, serves them through getFile and /file/, and parses grammY's multipart sendDocument", async () => {
    const chat = privateChat(ALICE);
    const upload = fake.userUploads(chat, ALICE, "report.md", "# Title\n\nBody ünïcode");
    const file = await api.getFile(upload.document!.file_id);
    expect(file.file_size).toBe(upload.document!.file_size);
    const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(await res.text()).toBe("# Title\n\nBody ünïcode");
    expect((await fetch(`${fake.apiRoot}/file/bot${fake.token}/documents/nope`)).status).toBe(404);

    const bytes = new Uint8Array([0, 1, 2, 255, 13, 10, 45, 45]);
    const sent = await api.sendDocument(chat.id, new InputFile(bytes, "export.bin"), { caption: "<b>export</b>", parse_mode: "HTML" });
    expect(sent.document!.file_name).toBe("export.bin");
    const back = await api.getFile(sent.document!.file_id);
    const got = new Uint8Array(await (await fetch(`${fake.apiRoot}/file/bot${fake.token}/${back.file_path}`)).arrayBuffer());
    expect([...got]).toEqual([...bytes]);
    expect(fake.botMessages(chat.id).at(-1)!.caption).toBe("export");
  });

  it("checks callback and inline query answers", async () => {
    const iq = fake.inlineQuery(ALICE, "q");
    await api.answerInlineQuery(iq, [{ type: "article", id: "1", title: "t", input_message_content: { message_text: "m" } }], { cache_time: 5 });
    expect(fake.inlineAnswers.get(iq)!.cache_time).toBe(5);
    await expect(api.answerInlineQuery(iq, [])).rejects.toBeInstanceOf(GrammyError);
    await api.setMyCommands([{ command: "ask", description: "Ask" }], { scope: { type: "chat", chat_id: 42 } });
    expect(fake.commands.get("chat:42")).toEqual([{ command: "ask", description: "Ask" }]);
  });
});
