/**
 * Transport-level behaviour against the fake: 429 retried by auto-retry, webhook mode, clean stop.
 * Uses the in-memory test doubles (tests/helpers/bot-doubles.ts) for ask/library.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ALICE, privateChat, startBot, type Harness } from "../helpers/bot-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const alice = privateChat(ALICE);

describe("resilience", () => {
  // The one test that costs a real second: Telegram's retry_after is in whole seconds.
  it("survives 429 with retry_after: waits, retries, and delivers exactly one message", async () => {
    h = await startBot();
    h.fake.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    h.fake.userSends(alice, ALICE, "What export turnover did Nam Dinh reach?");
    const reply = await h.fake.nextBotMessage(alice.id, { timeoutMs: 5000 });
    expect(reply.text).toContain("3.2 billion USD");
    const sends = h.fake.callsTo("sendMessage");
    expect(sends.map((c) => c.status)).toEqual([429, 200]);
    expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(950);
    await h.fake.settle();
    expect(h.fake.botMessages(alice.id)).toHaveLength(1);
  });

  it("stops cleanly: no getUpdates after stop, confirmed offset", async () => {
    h = await startBot();
    h.fake.userSends(alice, ALICE, "What export turnover did Nam Dinh reach?");
    await h.fake.nextBotMessage(alice.id);
    const fake = h.fake;
    await h.stop();
    h = undefined;
    const n = fake.callsTo("getUpdates").length;
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.callsTo("getUpdates").length).toBe(n);
    expect(fake.hasUndelivered()).toBe(false);
  });
});

describe("webhook mode", () => {
  it("sets the webhook with a secret and answers updates the fake POSTs to it", async () => {
    h = await startBot({ mode: "webhook" });
    expect(h.fake.webhook).toMatchObject({ url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/telegram\/webhook$/), secret_token: "s3cret-token_for-tests" });
    expect(h.fake.callsTo("getUpdates")).toHaveLength(0);
    h.fake.userSends(alice, ALICE, "What export turnover did Nam Dinh reach?");
    const reply = await h.fake.nextBotMessage(alice.id);
    expect(reply.text).toContain("3.2 billion USD");
    expect(reply.html).toContain('<a href="https://baonamdinh.vn/nam-dinh-2024-targets">');
  });

  it("refuses requests without the secret token", async () => {
    h = await startBot({ mode: "webhook" });
    const res = await fetch(h.fake.webhook!.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ update_id: 999, message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: 5, type: "private" }, from: { id: 5, is_bot: false, first_name: "M" }, text: "hi" } }),
    });
    expect(res.status).toBe(401);
    expect(h.fake.callsTo("sendMessage")).toHaveLength(0);
  });
});
