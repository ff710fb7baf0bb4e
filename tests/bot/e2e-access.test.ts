/**
 * ACCESS=allowlist end to end (long polling against the fake): strangers are refused and told how to ask,
 * requests are recorded and listed, /allow admits, /deny takes away; the list survives a restart. And the stale
 * backlog is skipped on start. Uses the in-memory doubles for ask/library.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BotStateStore } from "../../src/bot/state-store.js";
import { ADMIN, ALICE, GROUP, privateChat, startBot, STRANGER, type Harness } from "../helpers/bot-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const QUESTION = "What export turnover did Nam Dinh reach?";
const stranger = privateChat(STRANGER);
const admin = privateChat(ADMIN);

describe("ACCESS=allowlist", () => {
  it("refuses a stranger, records the request from the button, lists it in /requests, and admits after /allow", async () => {
    h = await startBot({ env: { ACCESS: "allowlist" } });
    h.fake.userSends(admin, ADMIN, "/start"); // the admin has a chat with the bot, so notices reach them
    await h.fake.nextBotMessage(admin.id);

    h.fake.userSends(stranger, STRANGER, QUESTION);
    const refusal = await h.fake.nextBotMessage(stranger.id);
    expect(refusal.text).toMatch(/^Sorry, this bot answers only people its admins have allowed/);
    expect(refusal.text).not.toContain("3.2 billion");
    expect(h.fake.callsTo("sendChatAction")).toEqual([]); // nothing was asked

    const press = h.fake.userPresses(stranger, STRANGER, "access:request");
    await h.fake.waitForCallbackAnswer(press);
    const recorded = await h.fake.nextBotMessage(stranger.id);
    expect(recorded.text).toBe(`Your request has been sent to the admins (your id: ${STRANGER.id}). You can ask as soon as one of them allows it.`);
    const notice = await h.fake.nextBotMessage(admin.id);
    expect(notice.text).toBe(`New access request: Stranger @stranger (${STRANGER.id}). /allow ${STRANGER.id} or /deny ${STRANGER.id}`);

    h.fake.userSends(stranger, STRANGER, "/request");
    expect((await h.fake.nextBotMessage(stranger.id)).text).toBe("Your request is already waiting for an admin.");

    h.fake.userSends(admin, ADMIN, "/requests");
    const list = await h.fake.nextBotMessage(admin.id);
    expect(list.text).toContain("Waiting requests (1):");
    expect(list.text).toMatch(new RegExp(`Stranger @stranger · ${STRANGER.id} · \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d → /allow ${STRANGER.id}`));
    expect(list.text).toContain("Access mode: allowlist.");

    h.fake.userSends(admin, ADMIN, `/allow ${STRANGER.id}`);
    expect((await h.fake.nextBotMessage(admin.id)).text).toBe(`Allowed: Stranger @stranger ${STRANGER.id}.`);
    expect((await h.fake.nextBotMessage(stranger.id)).text).toMatch(/^An admin gave you access/);

    h.fake.userSends(stranger, STRANGER, QUESTION);
    expect((await h.fake.nextBotMessage(stranger.id)).text).toContain("3.2 billion USD");

    h.fake.userSends(admin, ADMIN, "/requests");
    const after = await h.fake.nextBotMessage(admin.id);
    expect(after.text).toContain("No access requests are waiting.");
    expect(after.text).toContain(`Allowed (1): ${STRANGER.id}`);

    h.fake.userSends(admin, ADMIN, `/deny ${STRANGER.id}`);
    expect((await h.fake.nextBotMessage(admin.id)).text).toBe(`Removed ${STRANGER.id} from the allowlist.`);
    h.fake.userSends(stranger, STRANGER, QUESTION);
    expect((await h.fake.nextBotMessage(stranger.id)).text).toMatch(/^Sorry, this bot answers only people/);
  });

  it("refuses /allow, /deny and /requests to non-admins, and changes nothing", async () => {
    h = await startBot({ env: { ACCESS: "allowlist" } });
    h.state.allow(ALICE.id, { byUserId: ADMIN.id });
    const alice = privateChat(ALICE);
    for (const command of [`/allow ${STRANGER.id}`, `/deny ${ALICE.id}`, "/requests"]) {
      h.fake.userSends(alice, ALICE, command);
      expect((await h.fake.nextBotMessage(alice.id)).text).toMatch(/^Sorry, only the bot's admins can change the library or who may use the bot/);
    }
    expect(h.state.isAllowed(STRANGER.id)).toBe(false);
    expect(h.state.isAllowed(ALICE.id)).toBe(true);
  });

  it("admins stay separate from allowed users: always answered, never listed, cannot be denied", async () => {
    h = await startBot({ env: { ACCESS: "allowlist" } });
    h.fake.userSends(admin, ADMIN, QUESTION);
    expect((await h.fake.nextBotMessage(admin.id)).text).toContain("3.2 billion USD");
    h.fake.userSends(admin, ADMIN, `/deny ${ADMIN.id}`);
    expect((await h.fake.nextBotMessage(admin.id)).text).toBe(`${ADMIN.id} is a bot admin (ADMIN_IDS): admins always have access.`);
    expect(h.state.allowed()).toEqual([]);
  });

  it("a group that is not allowed: chatter ignored, /ask refused, /request asks for the group, /allow <chat id> admits everyone in it", async () => {
    h = await startBot({ env: { ACCESS: "allowlist" } });
    h.fake.userSends(GROUP, STRANGER, `/ask ${QUESTION}`);
    expect((await h.fake.nextBotMessage(GROUP.id)).text).toMatch(/^Sorry, this group is not on the bot's allowlist/);
    h.fake.userSends(GROUP, STRANGER, "/request");
    expect((await h.fake.nextBotMessage(GROUP.id)).text).toBe(`The request for this group has been sent to the admins (group id: ${GROUP.id}).`);
    expect(h.state.requests()).toMatchObject([{ id: GROUP.id, kind: "chat", name: "Reporters", byUserId: STRANGER.id }]);

    h.fake.userSends(admin, ADMIN, `/allow ${GROUP.id}`);
    expect((await h.fake.nextBotMessage(admin.id)).text).toBe(`Allowed: Reporters ${GROUP.id}.`);
    expect((await h.fake.nextBotMessage(GROUP.id)).text).toMatch(/^An admin gave this group access/);
    h.fake.userSends(GROUP, STRANGER, `/ask ${QUESTION}`);
    expect((await h.fake.nextBotMessage(GROUP.id)).text).toContain("3.2 billion USD");
    // Allowed in the group does not mean allowed in private.
    h.fake.userSends(stranger, STRANGER, QUESTION);
    expect((await h.fake.nextBotMessage(stranger.id)).text).toMatch(/^Sorry, this bot answers only people/);
  });

  it("inline queries from strangers get a refusal result, not an answer", async () => {
    h = await startBot({ env: { ACCESS: "allowlist" } });
    const id = h.fake.inlineQuery(STRANGER, QUESTION);
    const answer = await h.fake.waitForInlineAnswer(id);
    expect(answer.results).toHaveLength(1);
    expect(answer.results[0]!.title).toBe("Sorry, this bot answers only people its admins have allowed");
  });

  it("the allowlist and requests are persisted in bot.db and survive a restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bot-state-"));
    try {
      let state = new BotStateStore(path.join(dir, "bot.db"));
      h = await startBot({ env: { ACCESS: "allowlist" }, state });
      h.fake.userSends(admin, ADMIN, `/allow ${ALICE.id}`);
      await h.fake.nextBotMessage(admin.id);
      h.fake.userSends(stranger, STRANGER, "/request");
      await h.fake.nextBotMessage(stranger.id);
      await h.stop();
      state.close();

      state = new BotStateStore(path.join(dir, "bot.db"));
      h = await startBot({ env: { ACCESS: "allowlist" }, state });
      const alice = privateChat(ALICE);
      h.fake.userSends(alice, ALICE, QUESTION);
      expect((await h.fake.nextBotMessage(alice.id)).text).toContain("3.2 billion USD");
      expect(state.requests().map((r) => r.id)).toEqual([STRANGER.id]);
      await h.stop();
      h = undefined;
      state.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("stale backlog", () => {
  it("on start, messages older than SKIP_BACKLOG_MINUTES are skipped and newer ones answered", async () => {
    const alice = privateChat(ALICE);
    const now = Math.floor(Date.now() / 1000);
    h = await startBot({
      env: { SKIP_BACKLOG_MINUTES: "10" },
      beforeStart: (fake) => {
        fake.userSends(alice, ALICE, "Stale: what export turnover did Nam Dinh reach?", { date: now - 3 * 3600 });
        fake.userSends(alice, ALICE, "Also stale: who was chairing the Ha Nam conference?", { date: now - 11 * 60 });
        fake.userSends(alice, ALICE, "Recent: what export turnover did Nam Dinh reach?", { date: now - 9 * 60 });
      },
    });
    const reply = await h.fake.nextBotMessage(alice.id);
    expect(reply.reply_to_message_id).toBeUndefined();
    await h.fake.settle();
    // One answer, for the recent question; the two stale ones were confirmed and dropped without a reply.
    expect(h.fake.botMessages(alice.id)).toHaveLength(1);
    expect(h.fake.callsTo("sendChatAction")).toHaveLength(1);
    expect(h.fake.hasUndelivered()).toBe(false);
    expect(h.logs.filter((l) => l.msg === "skipped backlog update").map((l) => l.update_id)).toEqual([1, 2]);
  });
});
