/**
 * Unit tests of the pieces behind languages, access and follow-ups: the Fluent files, language negotiation,
 * the SQLite state store and the bounded conversation memory.
 */
import fs from "node:fs";
import path from "node:path";
import type { Context } from "grammy";
import { describe, expect, it } from "vitest";
import { ConversationMemory } from "../../src/bot/conversations.js";
import { LOCALES_DIR, negotiateLanguage, outcomeLead, renderLabels, translations, translatorFor } from "../../src/bot/i18n.js";
import { renderAnswer } from "../../src/bot/render.js";
import { BotStateStore } from "../../src/bot/state-store.js";
import type { AnswerResult } from "../../src/types.js";

const keysOf = (file: string) =>
  new Set([...fs.readFileSync(path.join(LOCALES_DIR, file), "utf8").matchAll(/^([a-z][a-z0-9-]*)\s*=/gm)].map((m) => m[1]!));

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []));
}

describe("locales", () => {
  const en = keysOf("en.ftl");
  const vi = keysOf("vi.ftl");

  it("defines each key once", () => {
    for (const file of ["en.ftl", "vi.ftl"]) {
      const keys = [...fs.readFileSync(path.join(LOCALES_DIR, file), "utf8").matchAll(/^([a-z][a-z0-9-]*)\s*=/gm)].map((m) => m[1]!);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i), file).toEqual([]);
    }
  });

  it("English and Vietnamese have the same keys", () => {
    expect([...en].filter((k) => !vi.has(k))).toEqual([]);
    expect([...vi].filter((k) => !en.has(k))).toEqual([]);
    expect(en.size).toBeGreaterThan(100);
  });

  it("every key the bot's code asks for exists", () => {
    const used = new Set<string>();
    for (const file of sourceFiles(path.join(LOCALES_DIR, ".."))) {
      for (const m of fs.readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-z][a-z0-9]*-[a-z0-9-]+)"/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(60);
    expect([...used].filter((k) => !en.has(k))).toEqual([]);
    // Keys built from a variable part.
    for (const k of ["example-chair", "example-generic-tasks", "cmd-requests", "what-upload", "settings-mode-questions", "language-name-vi"]) expect(en.has(k)).toBe(true);
  });

  it("translates without Unicode isolation marks, and formats plurals", () => {
    const t = translatorFor(translations(), "vi");
    expect(t("allow-done", { who: "", id: "1001" })).toBe("Đã cho phép: <code>1001</code>.");
    expect(t("allow-done", { who: "", id: "1001" })).not.toMatch(/[\u2068\u2069]/);
    const en = translatorFor(translations(), "en");
    expect(en("help-library", { count: 1, places: "", dates: "" })).toBe("I know <b>1</b> report.");
    expect(en("help-library", { count: 5, places: "", dates: "" })).toBe("I know <b>5</b> reports.");
  });

  it("renders a declined answer with the reader's lead, keeping the sources", () => {
    const result: AnswerResult = {
      question: "q",
      found: false,
      outcome: { kind: "declined", reason: { kind: "not_in_reports", detail: "place Hanoi not in the report" }, asked: { metric: null, period: null, place: "Hanoi", wanted: "other" } },
      answer: "",
      citations: [{ n: 1, title: "Ha Nam <review>", url: "https://example.vn/a", source: "vietnam.vn", date: "2023-12-29", articleId: "a", passage: "p" }],
      more: [],
      filters: { place: "Ha Nam" },
      timings: { embedMs: 0, searchMs: 0, answerMs: 0, totalMs: 0 },
    };
    const vi = renderAnswer(result, renderLabels(translatorFor(translations(), "vi"), result.filters, result.outcome));
    expect(vi).toBe(
      'Các báo cáo tôi có không đề cập đến điều này.\n\n<i>Bộ lọc: địa phương Ha Nam</i>\n\n<b>Các báo cáo gần nhất:</b>\n[1] <a href="https://example.vn/a">Ha Nam &lt;review&gt;</a> — vietnam.vn, 2023-12-29',
    );
    const en = renderAnswer(result, renderLabels(translatorFor(translations(), "en"), {}, result.outcome));
    expect(en).toMatch(/^The reports I have don't say\.\n\n<b>Closest reports:<\/b>/);
  });

  it("says what misspellings were read as, in the reader's language, escaped", () => {
    const result: AnswerResult = {
      question: "What was Thai Bihn <b>growht</b> rate?",
      found: true,
      outcome: { kind: "answered" },
      answer: "Growth was 6.5% [1].",
      citations: [],
      more: [],
      filters: {},
      corrections: [{ from: "Thai Bihn", to: "Thai Binh" }, { from: "<growht>", to: "growth" }],
      timings: { embedMs: 0, searchMs: 0, answerMs: 0, totalMs: 0 },
    };
    const en = renderAnswer(result, renderLabels(translatorFor(translations(), "en"), {}, result.outcome, result.corrections));
    expect(en).toContain("<i>Spelling read as: “Thai Bihn” → Thai Binh, “&lt;growht&gt;” → growth</i>");
    const vi = renderAnswer(result, renderLabels(translatorFor(translations(), "vi"), {}, result.outcome, result.corrections));
    expect(vi).toContain("<i>Đã sửa chính tả: “Thai Bihn” → Thai Binh");
    expect(renderAnswer(result, renderLabels(translatorFor(translations(), "en"), {}, result.outcome))).not.toContain("Spelling read as");
  });

  it("words a near miss in both languages from its typed outcome", () => {
    const outcome = {
      kind: "near_miss",
      asked: { metric: "party_members_admitted", period: { from: 2022, to: 2022 }, place: "Ha Nam", wanted: "achieved" },
      differs: ["period"],
      given: [{ value: "1,251", period: { from: 2023, to: 2023 }, place: null, modality: "achieved", citation: 1 }],
    } as const satisfies AnswerResult["outcome"];
    expect(outcomeLead(translatorFor(translations(), "en"), outcome)).toBe(
      "The reports don't give the figure for new party members admitted in Ha Nam in 2022. They give the figure for new party members admitted in 2023:",
    );
    expect(outcomeLead(translatorFor(translations(), "vi"), outcome)).toBe(
      "Các báo cáo không nêu số liệu số đảng viên mới được kết nạp của Ha Nam năm 2022. Báo cáo nêu số liệu số đảng viên mới được kết nạp năm 2023:",
    );
    const target = { ...outcome, differs: ["modality"], given: [{ ...outcome.given[0], modality: "target", period: { from: 2024, to: 2024 } }] } as const satisfies AnswerResult["outcome"];
    expect(outcomeLead(translatorFor(translations(), "en"), target)).toContain("They give the target for new party members admitted in 2024:");
    const date = {
      kind: "near_miss",
      asked: { metric: null, period: { from: 2023, to: 2023 }, place: "Hai Duong", wanted: "date" },
      differs: ["period"],
      given: [{ value: "December 7", period: { from: 2022, to: 2022 }, place: null, modality: "achieved", citation: 1 }],
    } as const satisfies AnswerResult["outcome"];
    expect(outcomeLead(translatorFor(translations(), "en"), date)).toBe("The reports don't give the date in Hai Duong in 2023. They give the date in 2022:");
    expect(outcomeLead(translatorFor(translations(), "vi"), date)).toBe("Các báo cáo không nêu ngày diễn ra của Hai Duong năm 2023. Báo cáo nêu ngày diễn ra năm 2022:");
    const planned = { ...date, asked: { ...date.asked, period: null, place: "Tan Chau" }, differs: ["modality"], given: [{ ...date.given[0], value: "August 31", period: { from: 2025, to: 2025 }, modality: "target" }] } as const satisfies AnswerResult["outcome"];
    expect(outcomeLead(translatorFor(translations(), "en"), planned)).toBe("The reports don't give the date in Tan Chau. They give the date it was planned for in 2025:");
    expect(outcomeLead(translatorFor(translations(), "vi"), planned)).toBe("Các báo cáo không nêu ngày diễn ra của Tan Chau. Báo cáo nêu ngày dự kiến năm 2025:");
    expect(outcomeLead(translatorFor(translations(), "en"), { kind: "declined", reason: { kind: "place_not_held", place: "Ca Mau" }, asked: outcome.asked })).toBe(
      "No report in the library is about Ca Mau, so I cannot answer for it.",
    );
  });
});

describe("negotiateLanguage", () => {
  const ctx = (from: { id: number; language_code?: string }, chat: { id: number; type: string }) => ({ from, chat }) as unknown as Context;

  it("group choice, then the user's /language, then their Telegram language, then the default", () => {
    const state = new BotStateStore(":memory:");
    expect(negotiateLanguage(ctx({ id: 1, language_code: "vi-VN" }, { id: 1, type: "private" }), state, "en")).toBe("vi");
    expect(negotiateLanguage(ctx({ id: 1, language_code: "de" }, { id: 1, type: "private" }), state, "en")).toBe("en");
    expect(negotiateLanguage(ctx({ id: 1, language_code: "de" }, { id: 1, type: "private" }), state, "vi")).toBe("vi");
    state.setUserLanguage(1, "en");
    expect(negotiateLanguage(ctx({ id: 1, language_code: "vi" }, { id: 1, type: "private" }), state, "en")).toBe("en");
    expect(negotiateLanguage(ctx({ id: 1, language_code: "vi" }, { id: -5, type: "supergroup" }), state, "en")).toBe("en");
    state.setGroupSettings(-5, { language: "vi" });
    expect(negotiateLanguage(ctx({ id: 1, language_code: "en" }, { id: -5, type: "supergroup" }), state, "en")).toBe("vi");
    state.close();
  });
});

describe("BotStateStore", () => {
  it("requests, allow and deny", () => {
    const state = new BotStateStore(":memory:");
    expect(state.request({ id: 7, name: "Seven", byUserId: 7, language: "vi" })).toBe("recorded");
    expect(state.request({ id: 7, name: "Seven", byUserId: 7 })).toBe("pending");
    expect(state.request({ id: -100, name: "Group", byUserId: 7 })).toBe("recorded");
    // Oldest first; these two were recorded within the same millisecond, so compare them as a set.
    expect(state.requests().map((r) => [r.id, r.kind]).sort()).toEqual([
      [-100, "chat"],
      [7, "user"],
    ]);
    const allowed = state.allow(7, { byUserId: 42 });
    expect(allowed.added).toBe(true);
    expect(allowed.request).toMatchObject({ id: 7, name: "Seven" });
    expect(state.allow(7, { byUserId: 42 }).added).toBe(false);
    expect(state.isAllowed(7)).toBe(true);
    expect(state.requests().map((r) => r.id)).toEqual([-100]);
    expect(state.allowed()).toMatchObject([{ id: 7, kind: "user", name: "Seven", byUserId: 42 }]);
    expect(state.deny(-100)).toEqual({ wasAllowed: false, hadRequest: true });
    expect(state.deny(7)).toEqual({ wasAllowed: true, hadRequest: false });
    expect(state.deny(7)).toEqual({ wasAllowed: false, hadRequest: false });
    expect(state.groupSettings(-1)).toEqual({ mode: "addressed", language: null });
    expect(state.setGroupSettings(-1, { mode: "questions" })).toEqual({ mode: "questions", language: null });
    state.close();
  });
});

describe("ConversationMemory", () => {
  const turn = (question: string) => ({ question, filters: {} });

  it("keys by chat, topic and message: never mixed between chats or topics", () => {
    const memory = new ConversationMemory();
    memory.remember(-1, undefined, [5, 6], turn("A"));
    memory.remember(-2, undefined, [5], turn("B"));
    memory.remember(-1, 9, [5], turn("C"));
    expect(memory.recall(-1, undefined, 5)?.question).toBe("A");
    expect(memory.recall(-1, undefined, 6)?.question).toBe("A");
    expect(memory.recall(-2, undefined, 5)?.question).toBe("B");
    expect(memory.recall(-1, 9, 5)?.question).toBe("C");
    expect(memory.recall(-3, undefined, 5)).toBeUndefined();
    expect(memory.forget(-1)).toBe(1);
    expect(memory.recall(-1, undefined, 5)).toBeUndefined();
    expect(memory.recall(-1, 9, 5)?.question).toBe("C");
  });

  it("is bounded in size per conversation, in conversations, and in age", () => {
    let now = 0;
    const memory = new ConversationMemory({ perConversation: 2, maxConversations: 2, maxAgeMs: 1000, now: () => now });
    memory.remember(1, undefined, [1], turn("1"));
    memory.remember(1, undefined, [2], turn("2"));
    memory.remember(1, undefined, [3], turn("3"));
    expect([1, 2, 3].map((id) => memory.recall(1, undefined, id)?.question)).toEqual([undefined, "2", "3"]);
    memory.remember(2, undefined, [1], turn("x"));
    memory.remember(3, undefined, [1], turn("y"));
    expect(memory.size).toBe(2);
    expect(memory.recall(1, undefined, 3)).toBeUndefined(); // the least recently used chat went first
    now = 1001;
    expect(memory.recall(3, undefined, 1)).toBeUndefined();
  });

  it("hands out copies, so a caller cannot change what is remembered", () => {
    const memory = new ConversationMemory();
    memory.remember(1, undefined, [1], { question: "q", filters: { place: "Ha Nam" } });
    memory.recall(1, undefined, 1)!.filters.place = "Hanoi";
    expect(memory.recall(1, undefined, 1)!.filters).toEqual({ place: "Ha Nam" });
  });
});

describe("bot settings in config", () => {
  it("validates DEFAULT_LANGUAGE and FOLLOWUP_MAX_AGE_MINUTES, naming the variable", async () => {
    const { loadConfig } = await import("../../src/config.js");
    expect(() => loadConfig({ DEFAULT_LANGUAGE: "fr" })).toThrow(/DEFAULT_LANGUAGE must be en or vi/);
    expect(() => loadConfig({ FOLLOWUP_MAX_AGE_MINUTES: "0" })).toThrow(/FOLLOWUP_MAX_AGE_MINUTES must be a whole number ≥ 1/);
    expect(loadConfig({}).bot).toMatchObject({ defaultLanguage: "en", followUpMaxAgeMinutes: 120, access: "public", skipBacklogMinutes: 10 });
    expect(loadConfig({ DEFAULT_LANGUAGE: "vi" }).bot.defaultLanguage).toBe("vi");
  });
});
