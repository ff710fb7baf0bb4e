/**
 * Interface language and per-group settings end to end (long polling against the fake): Vietnamese strings for
 * a user whose Telegram is in Vietnamese, /language to override (persisted), and /settings in groups, which only
 * the group's admins (getChatMember) may change. Uses the in-memory doubles for ask/library.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BotStateStore } from "../../src/bot/state-store.js";
import { ALICE, BOB, GROUP, LAN, privateChat, startBot, type Harness } from "../helpers/bot-harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const QUESTION = "What export turnover did Nam Dinh reach?";
const lan = privateChat(LAN);
const alice = privateChat(ALICE);

const buttons = (m: { reply_markup?: { inline_keyboard?: Array<Array<{ text: string }>> } }) => m.reply_markup!.inline_keyboard!.flat().map((b) => b.text);

describe("interface language", () => {
  it("a Vietnamese-language user gets the bot's framing in Vietnamese (the cited text stays the report's)", async () => {
    h = await startBot();
    h.fake.userSends(lan, LAN, QUESTION);
    const answer = await h.fake.nextBotMessage(lan.id);
    expect(answer.text).toContain("3.2 billion USD");
    expect(answer.text).toContain("Nguồn:");
    expect(answer.text).not.toContain("Sources:");
    expect(buttons(answer)).toEqual(["Thêm nguồn", "👍", "👎"]);

    const press = h.fake.userPresses(lan, LAN, "more");
    await h.fake.waitForCallbackAnswer(press);
    await h.fake.waitFor(() => h!.fake.botMessages(lan.id).find((m) => m.message_id === answer.message_id && m.text?.includes("Thêm nguồn:")));
    const vote = h.fake.userPresses(lan, LAN, "fb:up");
    expect((await h.fake.waitForCallbackAnswer(vote)).text).toBe("Cảm ơn! Rất vui vì câu trả lời có ích. 👍");

    h.fake.userSends(lan, LAN, "Tình hình du lịch thế nào?");
    expect((await h.fake.nextBotMessage(lan.id)).text).toMatch(/^Các báo cáo tôi có không đề cập đến điều này\./);

    h.fake.userSends(lan, LAN, "/help");
    const help = await h.fake.nextBotMessage(lan.id);
    expect(help.text).toContain("Tôi có 3 báo cáo về Ha Nam province, Kim Bang district, Nam Dinh province, từ ngày 2023-12-20 đến 2024-01-05.");
    expect(help.text).toContain("Hãy thử hỏi:");
    h.fake.userSends(lan, LAN, "/frobnicate");
    expect((await h.fake.nextBotMessage(lan.id)).text).toBe("Tôi không biết lệnh này. Gửi /help để xem tôi làm được gì, hoặc cứ viết câu hỏi.");
  });

  it("/language overrides the Telegram language, by argument or by button, and is persisted", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bot-lang-"));
    const state = new BotStateStore(path.join(dir, "bot.db"));
    try {
      h = await startBot({ state });
      h.fake.userSends(lan, LAN, "/language en");
      expect((await h.fake.nextBotMessage(lan.id)).text).toBe("Done: I'll write to you in English.");
      h.fake.userSends(lan, LAN, QUESTION);
      expect((await h.fake.nextBotMessage(lan.id)).text).toContain("Sources:");

      h.fake.userSends(alice, ALICE, "/language");
      const menu = await h.fake.nextBotMessage(alice.id);
      expect(menu.text).toBe("My language for you: English. Choose:");
      expect(buttons(menu)).toEqual(["English", "Tiếng Việt", "✓ Automatic (Telegram's language)"]);
      const press = h.fake.userPresses(alice, ALICE, "lang:vi");
      expect((await h.fake.waitForCallbackAnswer(press)).text).toBe("Xong: tôi sẽ viết cho bạn bằng tiếng Việt.");
      const edited = await h.fake.waitFor(() => h!.fake.botMessages(alice.id).find((m) => m.message_id === menu.message_id && m.edits > 0));
      expect(edited.text).toBe("Xong: tôi sẽ viết cho bạn bằng tiếng Việt.");
      expect(buttons(edited)).toEqual(["English", "✓ Tiếng Việt", "Tự động (theo ngôn ngữ Telegram)"]);
      await h.stop();

      h = await startBot({ state });
      h.fake.userSends(alice, ALICE, QUESTION);
      expect((await h.fake.nextBotMessage(alice.id)).text).toContain("Nguồn:");
      h.fake.userSends(lan, LAN, QUESTION);
      expect((await h.fake.nextBotMessage(lan.id)).text).toContain("Sources:");
      h.fake.userSends(lan, LAN, "/language auto");
      expect((await h.fake.nextBotMessage(lan.id)).text).toBe("Xong: tôi sẽ theo ngôn ngữ Telegram của bạn.");
      expect(state.userLanguage(LAN.id)).toBeNull();
    } finally {
      await h?.stop();
      h = undefined;
      state.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("group settings", () => {
  it("a group admin switches on answering questions ending with “?”; a non-admin cannot", async () => {
    h = await startBot();
    h.fake.setMemberStatus(GROUP, ALICE.id, "administrator");
    h.fake.setMemberStatus(GROUP, BOB.id, "member");

    // By default a plain question is chatter. (The bot is a group admin here, so Telegram delivers everything.)
    h.fake.setMemberStatus(GROUP, h.fake.botInfo.id, "administrator");
    h.fake.userSends(GROUP, BOB, `${QUESTION}`);
    await h.fake.settle();
    expect(h.fake.botMessages(GROUP.id)).toEqual([]);

    h.fake.userSends(GROUP, BOB, "/settings questions on");
    expect((await h.fake.nextBotMessage(GROUP.id)).text).toBe("Only this group's admins can change its settings.");
    expect(h.state.groupSettings(GROUP.id).mode).toBe("addressed");

    h.fake.userSends(GROUP, ALICE, "/settings");
    const panel = await h.fake.nextBotMessage(GROUP.id);
    expect(panel.text).toContain("Settings for this group");
    expect(panel.text).toContain(`I answer /ask, mentions of @${h.fake.botInfo.username} and replies to my answers.`);

    const refused = h.fake.userPresses(GROUP, BOB, "gs:mode:questions");
    expect(await h.fake.waitForCallbackAnswer(refused)).toMatchObject({ text: "Only this group's admins can change its settings.", show_alert: true });
    expect(h.state.groupSettings(GROUP.id).mode).toBe("addressed");

    const accepted = h.fake.userPresses(GROUP, ALICE, "gs:mode:questions");
    expect((await h.fake.waitForCallbackAnswer(accepted)).text).toBe("Saved.");
    expect(h.state.groupSettings(GROUP.id).mode).toBe("questions");
    const edited = await h.fake.waitFor(() => h!.fake.botMessages(GROUP.id).find((m) => m.message_id === panel.message_id && m.edits > 0));
    expect(edited.text).toContain("and any message ending with “?”");
    expect(h.fake.callsTo("getChatMember").map((c) => c.payload.user_id)).toEqual(expect.arrayContaining([ALICE.id, BOB.id]));

    const asked = h.fake.userSends(GROUP, BOB, QUESTION);
    const answer = await h.fake.nextBotMessage(GROUP.id);
    expect(answer.reply_to_message_id).toBe(asked.message_id);
    expect(answer.text).toContain("3.2 billion USD");
    h.fake.userSends(GROUP, BOB, "Nam Dinh export turnover was great.");
    await h.fake.settle();
    expect(h.fake.botMessages(GROUP.id).at(-1)!.message_id).toBe(answer.message_id);
  });

  it("warns when the bot cannot see messages that do not mention it (privacy mode, not an admin)", async () => {
    h = await startBot();
    h.fake.setMemberStatus(GROUP, ALICE.id, "creator");
    h.fake.userSends(GROUP, ALICE, "/settings questions on");
    const panel = await h.fake.nextBotMessage(GROUP.id);
    expect(panel.text).toContain("privacy mode is turned off with @BotFather (/setprivacy)");
  });

  it("a group language set by its admins wins over each asker's own", async () => {
    h = await startBot();
    h.fake.setMemberStatus(GROUP, ALICE.id, "administrator");
    h.fake.userSends(GROUP, ALICE, "/settings language vi");
    const panel = await h.fake.nextBotMessage(GROUP.id);
    expect(panel.text).toContain("Cài đặt của nhóm này");
    expect(panel.text).toContain("Ngôn ngữ: Tiếng Việt");
    h.fake.userSends(GROUP, BOB, `/ask ${QUESTION}`);
    expect((await h.fake.nextBotMessage(GROUP.id)).text).toContain("Nguồn:");
    h.fake.userSends(privateChat(BOB), BOB, QUESTION);
    expect((await h.fake.nextBotMessage(BOB.id)).text).toContain("Sources:");
  });
});
