/**
 * End to end in groups, by long polling against the fake (privacy mode on, as for a normal bot).
 * Uses the in-memory test doubles (tests/helpers/bot-doubles.ts) for ask/library.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ALICE, BOB, FORUM, GROUP, startBot, type Harness } from "../helpers/bot-harness.js";

let h: Harness;
beforeEach(async () => {
  h = await startBot();
});
afterEach(async () => {
  await h.stop();
});

const QUESTION = "What export turnover did Nam Dinh reach?";

describe("groups", () => {
  it("answers /ask@botname as a reply to the asker", async () => {
    const asked = h.fake.userSends(GROUP, ALICE, `/ask@${h.fake.botInfo.username} ${QUESTION}`);
    const reply = await h.fake.nextBotMessage(GROUP.id);
    expect(reply.reply_to_message_id).toBe(asked.message_id);
    expect(reply.text).toContain("3.2 billion USD");
    expect(reply.html).toContain('<a href="https://baonamdinh.vn/nam-dinh-2024-targets">');
  });

  it("answers /ask q and a message mentioning @botname", async () => {
    const cmd = h.fake.userSends(GROUP, ALICE, `/ask ${QUESTION}`);
    expect((await h.fake.nextBotMessage(GROUP.id)).reply_to_message_id).toBe(cmd.message_id);
    const mention = h.fake.userSends(GROUP, BOB, `@${h.fake.botInfo.username} who was attending and chairing the Ha Nam conference?`);
    const reply = await h.fake.nextBotMessage(GROUP.id);
    expect(reply.reply_to_message_id).toBe(mention.message_id);
    expect(reply.text).toContain("[1] Ha Nam Provincial Party Committee reviews 2023");
  });

  it("answers a reply to one of its messages as a follow-up question", async () => {
    h.fake.userSends(GROUP, ALICE, `/ask ${QUESTION}`);
    const answer = await h.fake.nextBotMessage(GROUP.id);
    const followUp = h.fake.userSends(GROUP, BOB, "And who was attending and chairing the Ha Nam conference?", { replyTo: answer.message_id });
    const reply = await h.fake.nextBotMessage(GROUP.id);
    expect(reply.reply_to_message_id).toBe(followUp.message_id);
    expect(reply.text).toContain("[1] Ha Nam Provincial Party Committee reviews 2023");
  });

  it("ignores chatter: nothing is sent", async () => {
    h.fake.userSends(GROUP, ALICE, "Nam Dinh export turnover was great this year");
    h.fake.userSends(GROUP, BOB, `/ask@some_other_bot ${QUESTION}`);
    const human = h.fake.userSends(GROUP, ALICE, "hi Bob");
    h.fake.userSends(GROUP, BOB, "Nam Dinh export turnover?", { replyTo: human.message_id });
    await h.fake.settle();
    const sends = h.fake.calls.filter((c) => c.method !== "getUpdates" && c.method !== "setMyCommands" && c.method !== "deleteWebhook");
    expect(sends).toEqual([]);
    expect(h.fake.botMessages(GROUP.id)).toEqual([]);
  });

  it("ignores chatter even when it can read all group messages (delivered but not addressed)", async () => {
    await h.stop();
    h = await startBot();
    (h.fake.botInfo as { can_read_all_group_messages: boolean }).can_read_all_group_messages = true;
    h.fake.userSends(GROUP, ALICE, "Nam Dinh export turnover was great this year");
    await h.fake.settle();
    expect(h.fake.calls.some((c) => c.method === "sendMessage" || c.method === "sendChatAction")).toBe(false);
  });

  it("shows usage for /ask with no question", async () => {
    const asked = h.fake.userSends(GROUP, ALICE, "/ask");
    const reply = await h.fake.nextBotMessage(GROUP.id);
    expect(reply.text).toMatch(/^Usage: \/ask your question/);
    expect(reply.reply_to_message_id).toBe(asked.message_id);
  });

  it("keeps the forum topic: answer and typing… go to the asker's message_thread_id", async () => {
    const asked = h.fake.userSends(FORUM, ALICE, `/ask ${QUESTION}`, { threadId: 77 });
    const reply = await h.fake.nextBotMessage(FORUM.id);
    expect(reply.message_thread_id).toBe(77);
    expect(reply.reply_to_message_id).toBe(asked.message_id);
    const send = h.fake.callsTo("sendMessage").at(-1)!;
    expect(send.payload.message_thread_id).toBe(77);
    expect(h.fake.chatActions.find((a) => a.chat_id === FORUM.id)).toEqual({ chat_id: FORUM.id, action: "typing", message_thread_id: 77 });
  });

  it("/help in a group explains /ask and mentions", async () => {
    h.fake.userSends(GROUP, ALICE, `/help@${h.fake.botInfo.username}`);
    const reply = await h.fake.nextBotMessage(GROUP.id);
    expect(reply.text).toContain("/ask your question");
    expect(reply.text).toContain(`@${h.fake.botInfo.username}`);
  });
});
