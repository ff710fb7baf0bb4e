/**
 * Follow-ups end to end, by long polling against the fake: a reply to one of the bot's answers is read in the
 * context of the question it answered (src/answer/followup.ts), per chat and per forum topic, and /new forgets.
 * Uses the in-memory doubles for ask/library, with a recorder to see exactly what `ask` was given.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { AskFn, AskOptions } from "../../src/types.js";
import { ALICE, BOB, FORUM, GROUP, OTHER_GROUP, privateChat, startBot, type Harness } from "../helpers/bot-harness.js";
import { InMemoryLibrary, keywordAsk, SEED_ARTICLES } from "../helpers/bot-doubles.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** keywordAsk over the seed articles, recording each (question, options) it is called with. */
function recordingAsk(): { ask: AskFn; asked: Array<{ question: string; options?: AskOptions }> } {
  const inner = keywordAsk(new InMemoryLibrary(SEED_ARTICLES));
  const asked: Array<{ question: string; options?: AskOptions }> = [];
  return {
    asked,
    ask: async (question, options) => {
      asked.push({ question, options });
      return inner(question, options);
    },
  };
}

const HA_NAM = "Who was chairing the Ha Nam conference in 2023?";
const NAM_DINH = "What export turnover did Nam Dinh reach in 2023?";

describe("follow-ups", () => {
  it("a reply to an answer in a private chat carries the place over; a plain message does not", async () => {
    const rec = recordingAsk();
    h = await startBot({ ask: rec.ask });
    const alice = privateChat(ALICE);
    h.fake.userSends(alice, ALICE, HA_NAM);
    const answer = await h.fake.nextBotMessage(alice.id);
    h.fake.userSends(alice, ALICE, "what about Nam Dinh?", { replyTo: answer.message_id });
    const followUp = await h.fake.nextBotMessage(alice.id);
    expect(rec.asked[1]!.question).toBe("Who was chairing the Nam Dinh conference in 2023?");
    expect(followUp.text).toMatch(/^Read as: Who was chairing the Nam Dinh conference in 2023\?/);
    expect(followUp.text).toContain("Nam Dinh Party Committee conference on 2024 targets");
    h.fake.userSends(alice, ALICE, "what about Nam Dinh?");
    await h.fake.nextBotMessage(alice.id);
    expect(rec.asked[2]!.question).toBe("what about Nam Dinh?");
  });

  it("filter tokens of a question are kept for its follow-ups", async () => {
    const rec = recordingAsk();
    h = await startBot({ ask: rec.ask });
    const alice = privateChat(ALICE);
    h.fake.userSends(alice, ALICE, "source:vietnam.vn Who was chairing the Ha Nam conference?");
    const answer = await h.fake.nextBotMessage(alice.id);
    expect(rec.asked[0]).toEqual({ question: "Who was chairing the Ha Nam conference?", options: { source: "vietnam.vn" } });
    expect(answer.text).toContain("Filter: source vietnam.vn");
    h.fake.userSends(alice, ALICE, "and in 2023?", { replyTo: answer.message_id });
    await h.fake.nextBotMessage(alice.id);
    expect(rec.asked[1]).toEqual({ question: "Who was chairing the Ha Nam conference in 2023?", options: { source: "vietnam.vn" } });
  });

  it("two groups' contexts do not leak, even when their answers have the same message id", async () => {
    const rec = recordingAsk();
    h = await startBot({ ask: rec.ask });
    h.fake.userSends(GROUP, ALICE, `/ask ${HA_NAM}`);
    h.fake.userSends(OTHER_GROUP, BOB, `/ask ${NAM_DINH}`);
    const inGroup = await h.fake.nextBotMessage(GROUP.id);
    const inOther = await h.fake.nextBotMessage(OTHER_GROUP.id);
    expect(inGroup.message_id).toBe(inOther.message_id); // message ids are per chat in Telegram

    h.fake.userSends(OTHER_GROUP, ALICE, "and in 2022?", { replyTo: inOther.message_id });
    await h.fake.nextBotMessage(OTHER_GROUP.id);
    h.fake.userSends(GROUP, BOB, "and in 2022?", { replyTo: inGroup.message_id });
    await h.fake.nextBotMessage(GROUP.id);
    expect(rec.asked.slice(2).map((a) => a.question)).toEqual([
      "What export turnover did Nam Dinh reach in 2022?",
      "Who was chairing the Ha Nam conference in 2022?",
    ]);
  });

  it("a reply chain continues from the answer replied to", async () => {
    const rec = recordingAsk();
    h = await startBot({ ask: rec.ask });
    h.fake.userSends(GROUP, ALICE, `/ask ${HA_NAM}`);
    const first = await h.fake.nextBotMessage(GROUP.id);
    h.fake.userSends(GROUP, BOB, "what about Nam Dinh?", { replyTo: first.message_id });
    const second = await h.fake.nextBotMessage(GROUP.id);
    h.fake.userSends(GROUP, ALICE, "and in 2022?", { replyTo: second.message_id });
    await h.fake.nextBotMessage(GROUP.id);
    // And the first answer still has its own context.
    h.fake.userSends(GROUP, BOB, "and in 2021?", { replyTo: first.message_id });
    await h.fake.nextBotMessage(GROUP.id);
    expect(rec.asked.map((a) => a.question)).toEqual([
      HA_NAM,
      "Who was chairing the Nam Dinh conference in 2023?",
      "Who was chairing the Nam Dinh conference in 2022?",
      "Who was chairing the Ha Nam conference in 2021?",
    ]);
  });

  it("/new forgets the chat's context: a reply to an old answer is then a question of its own", async () => {
    const rec = recordingAsk();
    h = await startBot({ ask: rec.ask });
    h.fake.userSends(GROUP, ALICE, `/ask ${HA_NAM}`);
    const answer = await h.fake.nextBotMessage(GROUP.id);
    h.fake.userSends(GROUP, BOB, `/new@${h.fake.botInfo.username}`);
    expect((await h.fake.nextBotMessage(GROUP.id)).text).toMatch(/^Done: I have forgotten our conversation here/);
    h.fake.userSends(GROUP, BOB, "and in 2022?", { replyTo: answer.message_id });
    await h.fake.nextBotMessage(GROUP.id);
    expect(rec.asked.map((a) => a.question)).toEqual([HA_NAM, "and in 2022?"]);
  });

  it("forum topics keep separate contexts; /new in one topic leaves the other", async () => {
    const rec = recordingAsk();
    h = await startBot({ ask: rec.ask });
    h.fake.userSends(FORUM, ALICE, `/ask ${HA_NAM}`, { threadId: 7 });
    const inSeven = await h.fake.nextBotMessage(FORUM.id);
    h.fake.userSends(FORUM, BOB, `/ask ${NAM_DINH}`, { threadId: 8 });
    const inEight = await h.fake.nextBotMessage(FORUM.id);
    expect([inSeven.message_thread_id, inEight.message_thread_id]).toEqual([7, 8]);
    h.fake.userSends(FORUM, ALICE, "/new", { threadId: 7 });
    await h.fake.nextBotMessage(FORUM.id);
    h.fake.userSends(FORUM, ALICE, "and in 2022?", { replyTo: inSeven.message_id, threadId: 7 });
    await h.fake.nextBotMessage(FORUM.id);
    h.fake.userSends(FORUM, BOB, "and in 2022?", { replyTo: inEight.message_id, threadId: 8 });
    const reply = await h.fake.nextBotMessage(FORUM.id);
    expect(reply.message_thread_id).toBe(8);
    expect(rec.asked.slice(2).map((a) => a.question)).toEqual(["and in 2022?", "What export turnover did Nam Dinh reach in 2022?"]);
  });

  it("a reply to an answer older than FOLLOWUP_MAX_AGE_MINUTES is a question of its own", async () => {
    const rec = recordingAsk();
    let now = Date.now();
    h = await startBot({ ask: rec.ask, env: { FOLLOWUP_MAX_AGE_MINUTES: "5" }, options: { now: () => now } });
    const alice = privateChat(ALICE);
    h.fake.userSends(alice, ALICE, HA_NAM);
    const answer = await h.fake.nextBotMessage(alice.id);
    await h.fake.settle(); // the bot remembers the turn once sendMessage has returned
    now += 6 * 60_000;
    h.fake.userSends(alice, ALICE, "and in 2022?", { replyTo: answer.message_id });
    await h.fake.nextBotMessage(alice.id);
    expect(rec.asked[1]!.question).toBe("and in 2022?");
  });
});

describe("follow-up context survives a restart (issue 14, item 8)", () => {
  it("a reply to an answer given before the bot restarted is read with the question that answer answered", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const { tempDir } = await import("../helpers/app.js");
    const { BotStateStore } = await import("../../src/bot/state-store.js");
    const { FakeTelegram } = await import("../helpers/fake-telegram.js");
    const { runBot } = await import("../../src/bot/run.js");
    const { captureLogger, testConfig } = await import("../helpers/bot-harness.js");
    const file = path.join(tempDir("bot-restart-"), "bot.db");
    const fake = await FakeTelegram.start();
    const alice = privateChat(ALICE);
    const rec = recordingAsk();
    // One bot process: its state in bot.db, as runBot keeps it in the index folder.
    const start = async () => {
      const state = new BotStateStore(file);
      const running = await runBot(
        { config: testConfig(), ask: rec.ask, library: new InMemoryLibrary(SEED_ARTICLES), logger: captureLogger().logger, state },
        { token: fake.token, apiRoot: fake.apiRoot, botInfo: fake.botInfo as import("grammy/types").UserFromGetMe },
      );
      return { stop: async () => (await running.stop(), state.close()) };
    };
    try {
      const first = await start();
      fake.userSends(alice, ALICE, HA_NAM);
      const answer = await fake.nextBotMessage(alice.id);
      await first.stop();
      expect(fs.statSync(file).size).toBeGreaterThan(0);

      const second = await start();
      fake.userSends(alice, ALICE, "what about Nam Dinh?", { replyTo: answer.message_id });
      const followUp = await fake.nextBotMessage(alice.id);
      await second.stop();
      expect(rec.asked.at(-1)!.question).toBe("Who was chairing the Nam Dinh conference in 2023?");
      expect(followUp.text).toMatch(/^Read as: Who was chairing the Nam Dinh conference in 2023\?/);
    } finally {
      await fake.close();
    }
  });
});
