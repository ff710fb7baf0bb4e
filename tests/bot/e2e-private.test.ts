/**
 * End to end, by long polling against the fake Bot API: private chats, buttons, inline mode, failures.
 * Uses the in-memory test doubles (tests/helpers/bot-doubles.ts) for ask/library.
 */
import { afterEach, describe, expect, it } from "vitest";
import { MemoryFeedbackStore } from "../../src/bot/context.js";
import type { AnswerResult, AskFn, Citation } from "../../src/types.js";
import { UserError } from "../../src/types.js";
import { parseHtml } from "../helpers/fake-telegram.js";
import { ALICE, BOB, privateChat, startBot, type Harness } from "../helpers/bot-harness.js";
import { InMemoryLibrary, keywordAsk, SEED_ARTICLES } from "../helpers/bot-doubles.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const alice = privateChat(ALICE);

const cite = (n: number, over: Partial<Citation> = {}): Citation => ({
  n,
  title: `Report ${n}`,
  url: `https://example.vn/${n}`,
  source: "vietnam.vn",
  date: "2024-01-0" + ((n % 9) + 1),
  articleId: `a${n}`,
  passage: `Passage number ${n} about the conference.`,
  ...over,
});

function fixedAsk(over: Partial<AnswerResult>): AskFn {
  return async (question) => ({
    question,
    found: true,
    outcome: { kind: "answered" },
    answer: "An answer [1].",
    citations: [cite(1)],
    more: [],
    filters: {},
    timings: { embedMs: 0, searchMs: 0, answerMs: 0, totalMs: 1 },
    ...over,
  });
}

describe("private chat", () => {
  it("answers a question with numbered citations and source links, showing typing… first", async () => {
    h = await startBot();
    h.fake.userSends(alice, ALICE, "What gross regional domestic product did Ha Nam province report?");
    const reply = await h.fake.nextBotMessage(alice.id);
    expect(reply.text).toMatch(/gross regional domestic product grew by 6\.5 percent.* \[1\]/);
    expect(reply.text).toContain("Sources:");
    expect(reply.html).toContain('[1] <a href="https://www.vietnam.vn/en/ha-nam-2023-review">Ha Nam Provincial Party Committee reviews 2023 and sets tasks for 2024</a> — vietnam.vn, 2023-12-29');
    expect(reply.parse_mode).toBe("HTML");
    expect(reply.link_preview_options).toEqual({ is_disabled: true });
    const buttons = reply.reply_markup!.inline_keyboard!.flat().map((b) => b.text);
    expect(buttons).toEqual(["More sources", "👍", "👎"]);
    const typing = h.fake.chatActions.find((a) => a.chat_id === alice.id);
    expect(typing?.action).toBe("typing");
    const order = h.fake.calls.map((c) => c.method);
    expect(order.indexOf("sendChatAction")).toBeLessThan(order.indexOf("sendMessage"));
  });

  it("says when the reports don't cover a question, listing the closest reports", async () => {
    h = await startBot();
    h.fake.userSends(alice, ALICE, "What did the conference decide about tourism?");
    const reply = await h.fake.nextBotMessage(alice.id);
    expect(reply.text).toMatch(/^The reports I have don't say/);
    expect(reply.text).toContain("Closest reports:");
  });

  it("/start tells what the bot knows: reports, places, dates and three examples", async () => {
    h = await startBot();
    h.fake.userSends(alice, ALICE, "/start");
    const reply = await h.fake.nextBotMessage(alice.id);
    expect(reply.text).toContain("I know 3 reports about Ha Nam province, Kim Bang district, Nam Dinh province, dated 2023-12-20 to 2024-01-05.");
    expect(reply.text).toContain("Who chaired the Party Committee conference in Ha Nam province?");
    expect(reply.text!.match(/^• /gm)).toHaveLength(3);
    expect(reply.text).not.toContain("Admin commands");
  });

  it("\"More sources\" edits the message in place to show further passages", async () => {
    const more = [cite(2, { passage: "Export turnover <reached> 3.2 billion USD." }), cite(3, { url: null })];
    h = await startBot({ ask: fixedAsk({ more }) });
    h.fake.userSends(alice, ALICE, "exports?");
    const reply = await h.fake.nextBotMessage(alice.id);
    const q = h.fake.userPresses(alice, ALICE, "more");
    await h.fake.waitForCallbackAnswer(q);
    const edited = h.fake.botMessages(alice.id).find((m) => m.message_id === reply.message_id)!;
    expect(edited.edits).toBe(1);
    expect(edited.text).toContain("An answer [1].");
    expect(edited.text).toContain("More sources:");
    expect(edited.text).toContain("Export turnover <reached> 3.2 billion USD.");
    expect(edited.html).toContain("[3] Report 3 — vietnam.vn");
    expect(edited.reply_markup!.inline_keyboard!.flat().map((b) => b.text)).toEqual(["👍", "👎"]);
    expect(h.fake.botMessages(alice.id)).toHaveLength(1);
  });

  it("says so when the answer behind \"More sources\" has left the memory", async () => {
    h = await startBot({ ask: fixedAsk({ more: [cite(2)] }), options: { answerCacheSize: 1 } });
    h.fake.userSends(alice, ALICE, "first?");
    await h.fake.nextBotMessage(alice.id);
    h.fake.userSends(alice, ALICE, "second?");
    const second = await h.fake.nextBotMessage(alice.id);
    const first = h.fake.botMessages(alice.id)[0]!;
    const q = h.fake.userPresses(alice, ALICE, "more", { messageId: first.message_id });
    const answer = await h.fake.waitForCallbackAnswer(q);
    expect(answer.text).toMatch(/too old/);
    expect(h.fake.botMessages(alice.id)[0]!.edits).toBe(0);
    const q2 = h.fake.userPresses(alice, ALICE, "more", { messageId: second.message_id });
    expect((await h.fake.waitForCallbackAnswer(q2)).text).toBeUndefined();
  });

  it("records 👍 feedback and acknowledges it", async () => {
    const feedback = new MemoryFeedbackStore();
    h = await startBot({ feedback });
    h.fake.userSends(alice, ALICE, "Who chaired the Ha Nam conference?");
    const reply = await h.fake.nextBotMessage(alice.id);
    const q = h.fake.userPresses(alice, ALICE, "fb:up");
    const ack = await h.fake.waitForCallbackAnswer(q);
    expect(ack.text).toMatch(/Thanks/);
    expect(feedback.entries).toEqual([{ userId: ALICE.id, chatId: alice.id, messageId: reply.message_id, value: "up", question: "Who chaired the Ha Nam conference?" }]);
    const again = h.fake.userPresses(alice, ALICE, "fb:up");
    expect((await h.fake.waitForCallbackAnswer(again)).text).toMatch(/Already noted/);
    expect(feedback.entries).toHaveLength(1);
  });

  it("renders an article title like <b>& escaped", async () => {
    const library = new InMemoryLibrary([{ id: "x", title: "<b>& \"quoted\" title", text: "Conference budget revenue exceeded the target.", url: "https://x.vn/?a=1&b=2", source: "x & y" }]);
    h = await startBot({ library, ask: keywordAsk(library) });
    h.fake.userSends(alice, ALICE, "budget revenue target?");
    const reply = await h.fake.nextBotMessage(alice.id);
    expect(reply.html).toContain('<a href="https://x.vn/?a=1&amp;b=2">&lt;b&gt;&amp; &quot;quoted&quot; title</a> — x &amp; y');
    expect(reply.text).toContain('[1] <b>& "quoted" title — x & y');
  });

  it("splits a long answer into messages of at most 4096 characters, buttons on the last", async () => {
    const citations = Array.from({ length: 12 }, (_, i) => cite(i + 1));
    h = await startBot({ ask: fixedAsk({ answer: "The province grew steadily [1]. ".repeat(400), citations }) });
    h.fake.userSends(alice, ALICE, "tell me everything");
    await h.fake.waitFor(() => h!.fake.botMessages(alice.id).some((m) => m.text?.includes("Sources:")) || undefined);
    const messages = h.fake.botMessages(alice.id);
    expect(messages.length).toBeGreaterThanOrEqual(4);
    for (const m of messages) {
      expect(m.html!.length).toBeLessThanOrEqual(4096);
      expect(m.text!.length).toBeLessThanOrEqual(4096);
    }
    expect(messages.slice(0, -1).every((m) => !m.reply_markup)).toBe(true);
    expect(messages.at(-1)!.reply_markup).toBeDefined();
    expect(messages.map((m) => m.text).join(" ")).toContain("[12] Report 12");
  });

  it("passes a UserError from ask back in its own words, and anything else as a generic line", async () => {
    let calls = 0;
    const ask: AskFn = async () => {
      calls++;
      if (calls === 1) throw new UserError("Please ask about one province <at a time>.");
      throw new Error("HNSW exploded");
    };
    h = await startBot({ ask });
    h.fake.userSends(alice, ALICE, "q1");
    expect((await h.fake.nextBotMessage(alice.id)).text).toBe("Please ask about one province <at a time>.");
    h.fake.userSends(alice, ALICE, "q2");
    const generic = await h.fake.nextBotMessage(alice.id);
    expect(generic.text).toMatch(/something went wrong/i);
    expect(generic.text).not.toContain("HNSW");
    expect(h.logs.some((l) => l.msg === "ask failed")).toBe(true);
  });

  it("refuses empty or too-long questions without asking", async () => {
    let asked = 0;
    h = await startBot({ env: { MAX_QUESTION_CHARS: "20" }, ask: async (q) => (asked++, fixedAsk({})(q)) });
    h.fake.userSends(alice, ALICE, "x".repeat(30));
    expect((await h.fake.nextBotMessage(alice.id)).text).toMatch(/too long \(30 characters; the limit is 20\)/);
    h.fake.userSends(alice, ALICE, "/ask");
    expect((await h.fake.nextBotMessage(alice.id)).text).toMatch(/Write your question after \/ask/);
    expect(asked).toBe(0);
  });

  it("survives 403 'bot was blocked by the user' and goes on answering others", async () => {
    h = await startBot();
    h.fake.failNext("sendMessage", { error_code: 403, description: "Forbidden: bot was blocked by the user" });
    h.fake.userSends(alice, ALICE, "Who chaired the Ha Nam conference?");
    await h.fake.waitFor(() => h!.fake.callsTo("sendMessage").find((c) => c.status === 403));
    const bob = privateChat(BOB);
    h.fake.userSends(bob, BOB, "What export turnover did Nam Dinh reach?");
    const reply = await h.fake.nextBotMessage(bob.id);
    expect(reply.text).toContain("3.2 billion USD");
    expect(h.fake.botMessages(alice.id)).toHaveLength(0);
    expect(h.logs.some((l) => l.level === 40 && /blocked/.test(l.msg))).toBe(true);
  });

  it("rate-limits questions per user with a clear wait time", async () => {
    h = await startBot({ env: { RATE_LIMIT_PER_MINUTE: "2" } });
    for (const q of ["growth Ha Nam?", "exports Nam Dinh?", "third?", "fourth?"]) h.fake.userSends(alice, ALICE, q);
    await h.fake.waitFor(() => h!.fake.botMessages(alice.id).length >= 3 || undefined);
    await h.fake.settle();
    const texts = h.fake.botMessages(alice.id).map((m) => m.text!);
    expect(texts).toHaveLength(3);
    expect(texts[2]).toMatch(/^Too many questions: please wait (59|60) s before asking again\.$/);
    // Another user is not affected.
    const bob = privateChat(BOB);
    h.fake.userSends(bob, BOB, "Ha Nam domestic product?");
    expect((await h.fake.nextBotMessage(bob.id)).text).toContain("Sources:");
  });

  it("skips the backlog older than skipBacklogMinutes but answers fresh messages", async () => {
    h = await startBot({
      env: { SKIP_BACKLOG_MINUTES: "10" },
      beforeStart: (fake) => {
        fake.userSends(alice, ALICE, "stale question about Ha Nam growth", { date: Math.floor(Date.now() / 1000) - 3600 });
        fake.userSends(alice, ALICE, "recent question about Ha Nam domestic product", { date: Math.floor(Date.now() / 1000) - 60 });
      },
    });
    const reply = await h.fake.nextBotMessage(alice.id);
    expect(reply.text).toContain("Sources:");
    await h.fake.settle();
    expect(h.fake.botMessages(alice.id)).toHaveLength(1);
    expect(h.logs.filter((l) => l.msg === "skipped backlog update")).toHaveLength(1);
  });
});

describe("inline mode", () => {
  it("answers with the answer and its top sources as articles, cached briefly", async () => {
    h = await startBot();
    const id = h.fake.inlineQuery(ALICE, "What export turnover did Nam Dinh reach?");
    const answer = await h.fake.waitForInlineAnswer(id);
    expect(answer.cache_time).toBeLessThanOrEqual(30);
    const results = answer.results as Array<{ id: string; title: string; url?: string; input_message_content: { message_text: string; parse_mode: string } }>;
    expect(results[0]!.id).toBe("answer");
    expect(parseHtml(results[0]!.input_message_content.message_text).text).toMatch(/3\.2 billion USD.*\[1\]/);
    const sources = results.slice(1);
    expect(sources.length).toBeGreaterThanOrEqual(1);
    expect(sources[0]!.title).toMatch(/^\[1\] Nam Dinh Party Committee conference/);
    expect(sources[0]!.url).toBe("https://baonamdinh.vn/nam-dinh-2024-targets");
    expect(results.every((r) => r.input_message_content.parse_mode === "HTML")).toBe(true);
  });

  it("answers an empty query with a hint", async () => {
    h = await startBot();
    const id = h.fake.inlineQuery(ALICE, "");
    const answer = await h.fake.waitForInlineAnswer(id);
    expect(answer.results).toHaveLength(1);
    expect(answer.results[0]).toMatchObject({ id: "hint", title: expect.stringContaining("Type a question") });
  });
});

describe("library double", () => {
  it("is honest: questions are answered only from stored articles", async () => {
    const library = new InMemoryLibrary(SEED_ARTICLES);
    const ask = keywordAsk(library);
    expect((await ask("Nam Dinh export turnover?")).found).toBe(true);
    await library.remove("001_namdinh");
    expect((await ask("Nam Dinh export turnover?")).found).toBe(false);
  });
});
