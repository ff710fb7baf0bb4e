/**
 * Fast in-process tests: `bot.handleUpdate` with the API mocked by a transformer (no HTTP), plus the small
 * building blocks (addressing, LRU, throttled editor, rate-limit store, command menus).
 * Uses the in-memory test doubles (tests/helpers/bot-doubles.ts) for ask/library.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { GrammyError, type Bot } from "grammy";
import type { Message, Update, UserFromGetMe } from "grammy/types";
import { groupQuestion } from "../../src/bot/addressing.js";
import { setupCommands } from "../../src/bot/commands.js";
import type { BotContext } from "../../src/bot/context.js";
import { createBot } from "../../src/bot/create-bot.js";
import { LruCache } from "../../src/bot/lru.js";
import { ExpiringCounterStore } from "../../src/bot/middleware/rate-limit.js";
import { ThrottledEditor } from "../../src/bot/progress.js";
import { InMemoryLibrary, keywordAsk, SEED_ARTICLES } from "../helpers/bot-doubles.js";
import { captureLogger, testConfig } from "../helpers/bot-harness.js";

const botInfo = {
  id: 777,
  is_bot: true,
  first_name: "Reports Bot",
  username: "reports_test_bot",
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: true,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
} satisfies UserFromGetMe;

interface Recorded {
  method: string;
  payload: Record<string, unknown>;
}

/** A bot whose API calls are recorded and answered in-process; `fail` makes chosen methods throw. */
function mockedBot(opts: { fail?: (method: string) => { error_code: number; description: string } | undefined; env?: Record<string, string> } = {}) {
  const library = new InMemoryLibrary(SEED_ARTICLES);
  const { logger, lines } = captureLogger();
  const bot = createBot("1:test", { config: testConfig(opts.env), ask: keywordAsk(library), library, logger }, { botInfo });
  const calls: Recorded[] = [];
  let nextId = 100;
  bot.api.config.use(async (_prev, method, payload) => {
    const p = payload as Record<string, unknown>;
    calls.push({ method, payload: p });
    const failure = opts.fail?.(method);
    if (failure) return { ok: false, ...failure } as never;
    const result =
      method === "sendMessage" || method === "editMessageText"
        ? { message_id: nextId++, date: 0, chat: { id: p.chat_id, type: "private" }, text: p.text }
        : true;
    return { ok: true, result } as never;
  });
  return { bot, calls, lines, library };
}

let updateId = 1;
function textUpdate(text: string, over: Partial<Message> = {}): Update {
  const entities = text.startsWith("/") ? [{ type: "bot_command" as const, offset: 0, length: text.split(" ")[0]!.length }] : undefined;
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: 5, type: "private", first_name: "Alice" },
      from: { id: 5, is_bot: false, first_name: "Alice" },
      text,
      ...(entities ? { entities } : {}),
      ...over,
    } as NonNullable<Update["message"]>,
  };
}

describe("handlers (in-process, mocked API)", () => {
  it("a private question: typing… then one HTML message with buttons", async () => {
    const { bot, calls } = mockedBot();
    await bot.handleUpdate(textUpdate("What export turnover did Nam Dinh reach?"));
    expect(calls.map((c) => c.method)).toEqual(["sendChatAction", "sendMessage"]);
    const send = calls[1]!.payload;
    expect(send).toMatchObject({ chat_id: 5, parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    expect(String(send.text)).toContain("3.2 billion USD");
    expect(send.reply_markup).toEqual({
      inline_keyboard: [[{ text: "More sources", callback_data: "more" }, { text: "👍", callback_data: "fb:up" }, { text: "👎", callback_data: "fb:down" }]],
    });
  });

  it("a 403 on send is logged as a warning and does not throw", async () => {
    const { bot, lines } = mockedBot({ fail: (m) => (m === "sendMessage" ? { error_code: 403, description: "Forbidden: bot was blocked by the user" } : undefined) });
    await expect(bot.handleUpdate(textUpdate("What export turnover did Nam Dinh reach?"))).resolves.toBeUndefined();
    expect(lines.some((l) => l.level === 40 && /blocked/.test(l.msg))).toBe(true);
  });

  it("an unexpected library error in an admin command is logged and reported generically", async () => {
    const { bot, calls, lines, library } = mockedBot();
    library.stats = () => {
      throw new Error("index gone");
    };
    // /help tolerates a failing stats(); /stats (admin) reports it generically.
    await bot.handleUpdate(textUpdate("/stats", { from: { id: 42, is_bot: false, first_name: "Admin" }, chat: { id: 42, type: "private", first_name: "Admin" } }));
    expect(String(calls.at(-1)!.payload.text)).toMatch(/^Something went wrong while reading the statistics/);
    expect(lines.some((l) => l.msg === "admin action failed")).toBe(true);
  });

  it("the error boundary logs a handler's failure, tells the user, and the next update is handled", async () => {
    let failures = 1;
    const { bot, calls, lines } = mockedBot({
      fail: (m) => (m === "sendMessage" && failures-- > 0 ? { error_code: 400, description: "Bad Request: something odd" } : undefined),
    });
    await expect(bot.handleUpdate(textUpdate("/help"))).resolves.toBeUndefined();
    expect(lines.some((l) => l.msg === "handler failed")).toBe(true);
    expect(String(calls.at(-1)!.payload.text)).toBe("Sorry, something went wrong. Please try again in a moment.");
    await bot.handleUpdate(textUpdate("/help"));
    expect(String(calls.at(-1)!.payload.text)).toContain("Try asking:");
  });

  it("drops messages older than the backlog window without calling the API", async () => {
    const { bot, calls } = mockedBot({ env: { SKIP_BACKLOG_MINUTES: "5" } });
    await bot.handleUpdate(textUpdate("old question about Nam Dinh export", { date: Math.floor(Date.now() / 1000) - 6 * 60 }));
    expect(calls).toEqual([]);
    await bot.handleUpdate(textUpdate("new question about Nam Dinh export", { date: Math.floor(Date.now() / 1000) - 4 * 60 }));
    expect(calls.map((c) => c.method)).toContain("sendMessage");
  });

  it("access=allowlist refuses a stranger with a request button, without asking", async () => {
    const { bot, calls } = mockedBot({ env: { ACCESS: "allowlist" } });
    await bot.handleUpdate(textUpdate("What export turnover did Nam Dinh reach?"));
    expect(calls.map((c) => c.method)).toEqual(["sendMessage"]);
    expect(String(calls[0]!.payload.text)).toMatch(/^Sorry, this bot answers only people its admins have allowed/);
    expect(calls[0]!.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: "Request access", callback_data: "access:request" }]] });
  });

  it("a photo in a private chat gets a hint; an unknown command points to /help", async () => {
    const { bot, calls } = mockedBot();
    const photo = textUpdate("x");
    delete (photo.message as { text?: string }).text;
    (photo.message as unknown as { photo: unknown[] }).photo = [{ file_id: "p", file_unique_id: "p", width: 1, height: 1 }];
    await bot.handleUpdate(photo);
    await bot.handleUpdate(textUpdate("/frobnicate"));
    expect(calls.map((c) => c.payload.text)).toEqual([
      "I can only read questions written as text. Please type your question.",
      "I don't know that command. Send /help to see what I can do, or just write your question.",
    ]);
  });

  it("presses of unknown buttons are acknowledged so the spinner stops", async () => {
    const { bot, calls } = mockedBot();
    await bot.handleUpdate({
      update_id: updateId++,
      callback_query: { id: "cb1", from: { id: 5, is_bot: false, first_name: "A" }, chat_instance: "x", data: "stale:42" },
    });
    expect(calls).toEqual([{ method: "answerCallbackQuery", payload: { callback_query_id: "cb1" } }]);
  });
});

describe("groupQuestion", () => {
  const msg = (text: string, over: Partial<Message> = {}): Message => {
    const entities: Message["entities"] = [];
    const cmd = /^\/\S+/.exec(text);
    if (cmd) entities.push({ type: "bot_command", offset: 0, length: cmd[0].length });
    for (const m of text.matchAll(/@\w{5,}/g)) entities.push({ type: "mention", offset: m.index!, length: m[0].length });
    return { message_id: 1, date: 0, chat: { id: -1, type: "group", title: "g" }, text, entities, ...over } as Message;
  };
  it("understands /ask, /ask@bot, mentions and replies; ignores the rest", () => {
    expect(groupQuestion(msg("/ask who?"), botInfo)).toBe("who?");
    expect(groupQuestion(msg("/ask@Reports_Test_Bot who?"), botInfo)).toBe("who?");
    expect(groupQuestion(msg("/ask@other_bot who?"), botInfo)).toBeNull();
    expect(groupQuestion(msg("/ask"), botInfo)).toBe("");
    expect(groupQuestion(msg("/start"), botInfo)).toBeNull();
    expect(groupQuestion(msg("@reports_test_bot, who chaired?"), botInfo)).toBe("who chaired?");
    expect(groupQuestion(msg("so @reports_test_bot who chaired?"), botInfo)).toBe("so who chaired?");
    expect(groupQuestion(msg("hey @someone_else who?"), botInfo)).toBeNull();
    expect(groupQuestion(msg("and Ha Nam?", { reply_to_message: { from: { id: 777 } } as Message["reply_to_message"] }), botInfo)).toBe("and Ha Nam?");
    expect(groupQuestion(msg("and Ha Nam?", { reply_to_message: { from: { id: 9 } } as Message["reply_to_message"] }), botInfo)).toBeNull();
    expect(groupQuestion(msg("plain chatter"), botInfo)).toBeNull();
  });
});

describe("building blocks", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("LruCache evicts the least recently used", () => {
    const lru = new LruCache<string, number>(2);
    lru.set("a", 1).set("b", 2);
    lru.get("a");
    lru.set("c", 3);
    expect([lru.has("a"), lru.has("b"), lru.has("c")]).toEqual([true, false, true]);
    expect(() => new LruCache(0)).toThrow(RangeError);
  });

  it("ThrottledEditor edits at most once per interval, coalescing to the latest text, and always shows the final one", async () => {
    vi.useFakeTimers();
    const edits: Array<[number, string]> = [];
    const start = Date.now();
    const editor = new ThrottledEditor(async (t) => void edits.push([Date.now() - start, t]), 2000);
    editor.update("1");
    editor.update("2");
    await vi.advanceTimersByTimeAsync(1999);
    expect(edits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(edits).toEqual([[2000, "2"]]);
    editor.update("3");
    await vi.advanceTimersByTimeAsync(500);
    const finished = editor.finish("done");
    editor.update("late"); // ignored after finish
    await vi.advanceTimersByTimeAsync(2000);
    await finished;
    expect(edits).toEqual([
      [2000, "2"],
      [4000, "done"],
    ]);
  });

  it("ExpiringCounterStore counts per key within a window and says how long is left", async () => {
    let now = 1_000;
    const store = new ExpiringCounterStore(() => now);
    expect(await store.incr("k")).toBe(1);
    await store.pexpire("k", 60_000);
    now += 15_000;
    expect(await store.incr("k")).toBe(2);
    expect(store.ttlMs("k")).toBe(45_000);
    now += 45_000;
    expect(await store.incr("k")).toBe(1);
    expect(store.ttlMs("other")).toBe(0);
  });

  it("setupCommands publishes user commands and admin menus, tolerating an admin Telegram does not know", async () => {
    const calls: Recorded[] = [];
    const { logger, lines } = captureLogger();
    const library = new InMemoryLibrary();
    const config = testConfig({ ADMIN_IDS: "42,43" });
    const bot: Bot<BotContext> = createBot("1:test", { config, ask: keywordAsk(library), library, logger }, { botInfo });
    bot.api.config.use(async (_prev, method, payload) => {
      calls.push({ method, payload: payload as Record<string, unknown> });
      const scope = (payload as { scope?: { chat_id?: number } }).scope;
      if (scope?.chat_id === 42) throw new GrammyError("chat not found", { ok: false, error_code: 400, description: "Bad Request: chat not found" }, method, payload);
      return { ok: true, result: true } as never;
    });
    await setupCommands(bot, config, logger);
    const menus = calls.map((c) => [c.payload.language_code ?? "", c.payload.scope as { type: string; chat_id?: number }]);
    expect(menus).toEqual([
      ["", { type: "default" }],
      ["", { type: "chat", chat_id: 42 }],
      ["", { type: "chat", chat_id: 43 }],
      ["vi", { type: "default" }],
      ["vi", { type: "chat", chat_id: 42 }],
      ["vi", { type: "chat", chat_id: 43 }],
    ]);
    expect((calls[2]!.payload.commands as unknown[]).length).toBeGreaterThan((calls[0]!.payload.commands as unknown[]).length);
    expect(lines.some((l) => l.msg === "could not set the admin command menu" && l.adminId === 42)).toBe(true);
  });
});
