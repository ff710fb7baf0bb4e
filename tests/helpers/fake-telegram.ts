/**
 * A fake Telegram Bot API server for end-to-end tests (see /work/shared/docs/telegram-testing.md).
 *
 * A plain `node:http` server on 127.0.0.1 (port 0), no dependencies. It speaks enough of the Bot API for the
 * bot to run unchanged against it (`new Bot(token, { botInfo: fake.botInfo, client: { apiRoot: fake.apiRoot } })`)
 * and plays the users:
 *
 * ```ts
 * const fake = await FakeTelegram.start();
 * fake.userSends(PRIVATE, ALICE, "Who attended the conference?");
 * const reply = await fake.nextBotMessage(PRIVATE.id);
 * expect(reply.html).toContain("Sources:");
 * await fake.close();
 * ```
 *
 * Faithful where it matters for the bot: long polling with `timeout`/`offset` (and 409 for a second poll or
 * while a webhook is set), webhook delivery with the secret header, `bot_command`/`mention` entities in
 * UTF-16 offsets, privacy mode in groups, HTML parse mode validation (unsupported tags, unescaped `<`/`&`,
 * 4096-character limit after parsing), file uploads and downloads, multipart `sendDocument`, and errors
 * returned with the real HTTP status and Telegram's `{ ok: false, error_code, description, parameters }` body.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { EventEmitter } from "node:events";

// ---------------------------------------------------------------------------------------------------------
// Public types

export interface FakeUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  is_bot?: boolean;
  language_code?: string;
}

export interface FakeChat {
  id: number;
  type: "private" | "group" | "supergroup" | "channel";
  title?: string;
  username?: string;
  first_name?: string;
  /** Supergroups with topics enabled. */
  is_forum?: boolean;
}

export interface FakeEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
}

export interface FakeButton {
  text: string;
  callback_data?: string;
  url?: string;
}

export interface FakeDocument {
  file_id: string;
  file_unique_id: string;
  file_name: string;
  file_size: number;
  mime_type?: string;
}

/** One message in a chat's transcript; edits are applied in place. */
export interface FakeMessage {
  message_id: number;
  chat: FakeChat;
  from: FakeUser;
  fromBot: boolean;
  /** Unix time in seconds, as Telegram sends it. */
  date: number;
  /** Plain text (after HTML parsing for bot messages sent with parse_mode HTML). */
  text?: string;
  /** What the bot sent, verbatim (the HTML source when parse_mode is HTML). */
  html?: string;
  parse_mode?: string;
  entities?: FakeEntity[];
  caption?: string;
  document?: FakeDocument;
  reply_markup?: { inline_keyboard?: FakeButton[][] };
  reply_to_message_id?: number;
  message_thread_id?: number;
  link_preview_options?: unknown;
  /** How many times the bot edited this message (text or markup). */
  edits: number;
  deleted: boolean;
  /** Whether the update for a user message was delivered to the bot (privacy mode may hold it back). */
  delivered?: boolean;
}

export interface FakeCall {
  method: string;
  payload: Record<string, unknown>;
  /** HTTP status the fake answered with. */
  status: number;
  at: number;
}

export interface FakeError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

export interface FakeTelegramOptions {
  token?: string;
  /** Overrides for the bot's getMe answer (username, privacy mode…). */
  bot?: Partial<BotInfo>;
}

/** The shape of grammY's `UserFromGetMe` (kept structural so this file needs no grammY import). */
export interface BotInfo {
  id: number;
  is_bot: true;
  first_name: string;
  username: string;
  can_join_groups: boolean;
  can_read_all_group_messages: boolean;
  supports_inline_queries: boolean;
  can_connect_to_business: boolean;
  has_main_web_app: boolean;
  has_topics_enabled: boolean;
  allows_users_to_create_topics: boolean;
  can_manage_bots: boolean;
  supports_join_request_queries: boolean;
}

type Update = Record<string, unknown> & { update_id: number };

export type ChatMemberStatus = "creator" | "administrator" | "member" | "restricted" | "left" | "kicked";

interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  file_name: string;
  bytes: Uint8Array;
}

interface Poll {
  res: http.ServerResponse;
  offset: number;
  limit: number;
  timer: NodeJS.Timeout;
}

const HTML_TAGS = new Map<string, string>([
  ["b", "bold"],
  ["strong", "bold"],
  ["i", "italic"],
  ["em", "italic"],
  ["u", "underline"],
  ["ins", "underline"],
  ["s", "strikethrough"],
  ["strike", "strikethrough"],
  ["del", "strikethrough"],
  ["a", "text_link"],
  ["code", "code"],
  ["pre", "pre"],
  ["tg-spoiler", "spoiler"],
  ["span", "spoiler"],
  ["blockquote", "blockquote"],
  ["tg-emoji", "custom_emoji"],
]);

export const DEFAULT_TOKEN = "123456:TEST-token-for-the-fake-bot-api";

// ---------------------------------------------------------------------------------------------------------

export class FakeTelegram {
  readonly token: string;
  readonly botInfo: BotInfo;
  /** Every Bot API call in order, with its payload (multipart file parts as `{ fileName, bytes }`). */
  readonly calls: FakeCall[] = [];
  readonly callbackAnswers: Array<{ callback_query_id: string; text?: string; show_alert?: boolean }> = [];
  readonly inlineAnswers = new Map<string, { results: Array<Record<string, unknown>>; cache_time?: number; [k: string]: unknown }>();
  readonly chatActions: Array<{ chat_id: number; action: string; message_thread_id?: number }> = [];
  /** setMyCommands by scope key: "default", "chat:<id>", "all_private_chats"… */
  readonly commands = new Map<string, Array<{ command: string; description: string }>>();
  webhook: { url: string; secret_token?: string } | null = null;
  /** Chat member statuses set by tests (`setMemberStatus`); anyone else who wrote in a chat is a "member". */
  private readonly memberStatus = new Map<string, ChatMemberStatus>();

  private server!: http.Server;
  private port = 0;
  private readonly events = new EventEmitter();
  private readonly transcripts = new Map<number, FakeMessage[]>();
  private readonly chats = new Map<number, FakeChat>();
  private readonly nextMessageId = new Map<number, number>();
  private readonly readCursor = new Map<number, number>();
  private readonly files = new Map<string, StoredFile>();
  private readonly filesByPath = new Map<string, StoredFile>();
  private readonly faults = new Map<string, FakeError[]>();
  private readonly openCallbackQueries = new Set<string>();
  private readonly openInlineQueries = new Set<string>();
  private pending: Update[] = [];
  private nextUpdateId = 1;
  private nextFileNo = 1;
  private nextQueryNo = 1;
  private poll: Poll | null = null;
  private delivering = false;
  private closed = false;

  private constructor(options: FakeTelegramOptions) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.botInfo = {
      id: Number(this.token.split(":")[0]),
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
      ...options.bot,
    };
    this.events.setMaxListeners(100);
  }

  static async start(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const fake = new FakeTelegram(options);
    fake.server = http.createServer((req, res) => {
      fake.handle(req, res).catch((err) => {
        if (!res.headersSent) res.writeHead(500).end(String(err));
      });
    });
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** For grammY's `client.apiRoot`: no trailing slash. */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get botUser(): FakeUser {
    return { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.poll) {
      clearTimeout(this.poll.timer);
      this.reply(this.poll.res, 200, { ok: true, result: [] });
      this.poll = null;
    }
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // -------------------------------------------------------------------------------------------------------
  // Test-facing helpers

  /** The next call to `method` fails with this error (`times` calls in a row). */
  failNext(method: string, error: FakeError, times = 1): void {
    const list = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(error);
    this.faults.set(method, list);
  }

  /** The chat's transcript: every message in order, user and bot, with edits applied. */
  transcript(chatId: number): FakeMessage[] {
    return this.transcripts.get(chatId) ?? [];
  }

  botMessages(chatId: number): FakeMessage[] {
    return this.transcript(chatId).filter((m) => m.fromBot && !m.deleted);
  }

  callsTo(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the predicate's first truthy value, re-checked on every change; rejects after timeoutMs. */
  waitFor<T>(predicate: () => T | undefined | null | false, { timeoutMs = 5000, what = "condition" } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        let value: T | undefined | null | false;
        try {
          value = predicate();
        } catch (err) {
          done();
          reject(err);
          return;
        }
        if (value) {
          done();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`FakeTelegram.waitFor timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.events.off("change", check);
      };
      this.events.on("change", check);
      check();
    });
  }

  /**
   * The bot's next message in the chat not yet returned by this method (so consecutive calls walk the
   * bot's messages in order, whether they arrived before or after the call).
   */
  async nextBotMessage(chatId: number, { timeoutMs = 5000 } = {}): Promise<FakeMessage> {
    const cursor = this.readCursor.get(chatId) ?? 0;
    const message = await this.waitFor(() => this.transcript(chatId).find((m) => m.fromBot && m.message_id > cursor), {
      timeoutMs,
      what: `a bot message in chat ${chatId} after message ${cursor}`,
    });
    this.readCursor.set(chatId, message.message_id);
    return message;
  }

  /** Waits until the bot has been quiet (no API calls) for `quietMs`: useful to assert "nothing was sent". */
  async settle(quietMs = 150): Promise<void> {
    for (;;) {
      const before = this.calls.length;
      await new Promise((r) => setTimeout(r, quietMs));
      if (this.calls.length === before && !this.hasUndelivered()) return;
    }
  }

  /** True while updates are queued that the bot has not fetched (or confirmed) yet. */
  hasUndelivered(): boolean {
    return this.pending.length > 0;
  }

  /**
   * A user sends a text message. Entities (`bot_command`, `mention`) are computed as Telegram does, in UTF-16
   * offsets. In groups with privacy mode, only commands, mentions of the bot and replies to the bot reach the
   * bot; other messages are kept in the transcript with `delivered: false`.
   */
  userSends(
    chat: FakeChat,
    user: FakeUser,
    text: string,
    opts: { replyTo?: number; threadId?: number; date?: number } = {},
  ): FakeMessage {
    const message = this.addMessage(chat, user, false, {
      text,
      entities: computeEntities(text),
      reply_to_message_id: opts.replyTo,
      message_thread_id: opts.threadId,
      date: opts.date,
    });
    this.maybeDeliver(message);
    return message;
  }

  /** A user sends a document; the bytes can then be fetched through getFile and /file/bot<token>/<path>. */
  userUploads(
    chat: FakeChat,
    user: FakeUser,
    fileName: string,
    bytes: Uint8Array | string,
    opts: { caption?: string; mimeType?: string; replyTo?: number; threadId?: number; fileSize?: number } = {},
  ): FakeMessage {
    const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
    const file = this.storeFile(fileName, data);
    const message = this.addMessage(chat, user, false, {
      caption: opts.caption,
      entities: opts.caption ? computeEntities(opts.caption) : undefined,
      document: {
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        file_name: fileName,
        // Telegram reports the real size; a test may claim another to check the bot trusts file_size.
        file_size: opts.fileSize ?? data.byteLength,
        mime_type: opts.mimeType,
      },
      reply_to_message_id: opts.replyTo,
      message_thread_id: opts.threadId,
    });
    this.maybeDeliver(message);
    return message;
  }

  /**
   * A user presses the inline button carrying `data` on the bot's latest message in the chat that has it (or on
   * `messageId`). Throws when no such button exists, so a test cannot press a button the bot never showed.
   */
  userPresses(chat: FakeChat, user: FakeUser, data: string, opts: { messageId?: number } = {}): string {
    const candidates = this.transcript(chat.id)
      .filter((m) => m.fromBot && !m.deleted && (opts.messageId === undefined || m.message_id === opts.messageId))
      .filter((m) => m.reply_markup?.inline_keyboard?.some((row) => row.some((b) => b.callback_data === data)));
    const message = candidates.at(-1);
    if (!message) throw new Error(`No bot message in chat ${chat.id} has a button with callback_data "${data}"`);
    const id = `cbq-${this.nextQueryNo++}`;
    this.openCallbackQueries.add(id);
    this.enqueue({
      callback_query: {
        id,
        from: userJson(user),
        message: this.messageJson(message),
        chat_instance: `ci-${chat.id}`,
        data,
      },
    });
    return id;
  }

  /** A user types `@bot query` in any chat; returns the inline query id. */
  inlineQuery(user: FakeUser, query: string, opts: { offset?: string; chatType?: string } = {}): string {
    const id = `iq-${this.nextQueryNo++}`;
    this.openInlineQueries.add(id);
    this.enqueue({
      inline_query: { id, from: userJson(user), query, offset: opts.offset ?? "", chat_type: opts.chatType ?? "sender" },
    });
    return id;
  }

  /**
   * Makes `userId` (a user, or the bot's own id) "creator", "administrator", "member"… of the chat, as getChatMember
   * reports it. As in Telegram, a bot that is an administrator of a group receives all its messages despite
   * privacy mode.
   */
  setMemberStatus(chat: FakeChat, userId: number, status: ChatMemberStatus): void {
    this.chats.set(chat.id, chat);
    this.memberStatus.set(`${chat.id}:${userId}`, status);
  }

  /** Queues a raw update (update_id is assigned). */
  pushUpdate(update: Record<string, unknown>): number {
    return this.enqueue(update);
  }

  /** Waits for the bot's answer to an inline query. */
  waitForInlineAnswer(queryId: string, timeoutMs = 5000) {
    return this.waitFor(() => this.inlineAnswers.get(queryId), { timeoutMs, what: `answerInlineQuery ${queryId}` });
  }

  /** Waits for the bot's answerCallbackQuery for this query id. */
  waitForCallbackAnswer(queryId: string, timeoutMs = 5000) {
    return this.waitFor(() => this.callbackAnswers.find((a) => a.callback_query_id === queryId), {
      timeoutMs,
      what: `answerCallbackQuery ${queryId}`,
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Internals: state

  private changed(): void {
    this.events.emit("change");
  }

  private addMessage(
    chat: FakeChat,
    from: FakeUser,
    fromBot: boolean,
    fields: Partial<Omit<FakeMessage, "message_id" | "chat" | "from" | "fromBot" | "edits" | "deleted">>,
  ): FakeMessage {
    this.chats.set(chat.id, chat);
    const id = this.nextMessageId.get(chat.id) ?? 1;
    this.nextMessageId.set(chat.id, id + 1);
    const message: FakeMessage = {
      message_id: id,
      chat,
      from,
      fromBot,
      edits: 0,
      deleted: false,
      ...stripUndefined(fields),
      date: fields.date ?? nowSeconds(),
    };
    const list = this.transcripts.get(chat.id) ?? [];
    list.push(message);
    this.transcripts.set(chat.id, list);
    this.changed();
    return message;
  }

  private findMessage(chatId: number, messageId: number): FakeMessage | undefined {
    return this.transcript(chatId).find((m) => m.message_id === messageId && !m.deleted);
  }

  private maybeDeliver(message: FakeMessage): void {
    const chat = message.chat;
    let deliver = true;
    const botIsAdmin = ["administrator", "creator"].includes(this.memberStatus.get(`${chat.id}:${this.botInfo.id}`) ?? "");
    if ((chat.type === "group" || chat.type === "supergroup") && !this.botInfo.can_read_all_group_messages && !botIsAdmin) {
      const text = message.text ?? message.caption ?? "";
      const bot = this.botInfo.username.toLowerCase();
      const entities = message.entities ?? [];
      const isCommand = entities.some((e) => {
        if (e.type !== "bot_command" || e.offset !== 0) return false;
        const target = text.slice(e.offset, e.offset + e.length).split("@")[1];
        return !target || target.toLowerCase() === bot;
      });
      const mentions = entities.some(
        (e) => e.type === "mention" && text.slice(e.offset + 1, e.offset + e.length).toLowerCase() === bot,
      );
      const repliesToBot =
        message.reply_to_message_id !== undefined && !!this.findMessage(chat.id, message.reply_to_message_id)?.fromBot;
      deliver = isCommand || mentions || repliesToBot;
    }
    message.delivered = deliver;
    if (deliver) this.enqueue({ message: this.messageJson(message) });
  }

  private storeFile(fileName: string, bytes: Uint8Array): StoredFile {
    const n = this.nextFileNo++;
    const ext = fileName.includes(".") ? fileName.slice(fileName.lastIndexOf(".")) : "";
    const file: StoredFile = {
      file_id: `file-${n}-${Math.random().toString(36).slice(2, 10)}`,
      file_unique_id: `u${n}`,
      file_path: `documents/file_${n}${ext}`,
      file_name: fileName,
      bytes,
    };
    this.files.set(file.file_id, file);
    this.filesByPath.set(file.file_path, file);
    return file;
  }

  /** The Bot API `Message` object for a stored message. */
  private messageJson(m: FakeMessage, withReply = true): Record<string, unknown> {
    const json: Record<string, unknown> = {
      message_id: m.message_id,
      from: userJson(m.from),
      chat: chatJson(m.chat),
      date: m.date,
    };
    if (m.message_thread_id !== undefined) {
      json.message_thread_id = m.message_thread_id;
      if (m.chat.is_forum) json.is_topic_message = true;
    }
    if (m.text !== undefined) json.text = m.text;
    if (m.caption !== undefined) json.caption = m.caption;
    if (m.entities?.length) json[m.text !== undefined ? "entities" : "caption_entities"] = m.entities;
    if (m.document) json.document = m.document;
    if (m.reply_markup) json.reply_markup = m.reply_markup;
    if (m.edits > 0) json.edit_date = nowSeconds();
    if (withReply && m.reply_to_message_id !== undefined) {
      const replied = this.findMessage(m.chat.id, m.reply_to_message_id);
      if (replied) json.reply_to_message = this.messageJson(replied, false);
    }
    return json;
  }

  private enqueue(update: Record<string, unknown>): number {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    this.pending.push(full);
    this.changed();
    this.flushPoll();
    void this.deliverWebhook();
    return full.update_id;
  }

  private flushPoll(): void {
    const poll = this.poll;
    if (!poll) return;
    const ready = this.pending.filter((u) => u.update_id >= poll.offset).slice(0, poll.limit);
    if (ready.length === 0) return;
    clearTimeout(poll.timer);
    this.poll = null;
    this.reply(poll.res, 200, { ok: true, result: ready });
  }

  private async deliverWebhook(): Promise<void> {
    if (this.delivering) return;
    this.delivering = true;
    try {
      let failures = 0;
      while (this.webhook && this.pending.length > 0 && !this.closed) {
        const update = this.pending[0]!;
        const { url, secret_token } = this.webhook;
        let ok = false;
        try {
          const res = await fetch(url, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              ...(secret_token ? { "x-telegram-bot-api-secret-token": secret_token } : {}),
            },
            body: JSON.stringify(update),
          });
          await res.arrayBuffer();
          ok = res.ok;
        } catch {
          ok = false;
        }
        if (ok) {
          failures = 0;
          if (this.pending[0] === update) this.pending.shift();
          this.changed();
        } else {
          failures++;
          await new Promise((r) => setTimeout(r, Math.min(50 * failures, 500)));
        }
      }
    } finally {
      this.delivering = false;
    }
  }

  // -------------------------------------------------------------------------------------------------------
  // Internals: HTTP

  private reply(res: http.ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.apiRoot);
    const fileMatch = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (fileMatch && req.method === "GET") {
      const file = fileMatch[1] === this.token ? this.filesByPath.get(decodeURIComponent(fileMatch[2]!)) : undefined;
      this.calls.push({ method: "file", payload: { path: fileMatch[2] }, status: file ? 200 : 404, at: Date.now() });
      this.changed();
      if (!file) return this.reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
      res.writeHead(200, { "content-type": "application/octet-stream", "content-length": file.bytes.byteLength });
      res.end(Buffer.from(file.bytes));
      return;
    }
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return this.reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    if (match[1] !== this.token) return this.reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2]!;
    const body = await readBody(req);
    let payload: Record<string, unknown>;
    try {
      payload = parsePayload(req.headers["content-type"] ?? "", body, url.searchParams);
    } catch (err) {
      return this.reply(res, 400, { ok: false, error_code: 400, description: `Bad Request: ${(err as Error).message}` });
    }
    const call: FakeCall = { method, payload, status: 200, at: Date.now() };
    this.calls.push(call);

    const fault = this.faults.get(method)?.shift();
    if (fault) {
      call.status = fault.error_code;
      this.changed();
      return this.reply(res, fault.error_code, { ok: false, ...fault });
    }

    const handler = this.methods[method];
    if (!handler) {
      call.status = 404;
      this.changed();
      return this.reply(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
    }
    if (method === "getUpdates") return this.getUpdates(payload, res, call);
    try {
      const result = handler.call(this, payload);
      this.changed();
      this.reply(res, 200, { ok: true, result });
    } catch (err) {
      if (err instanceof ApiError) {
        call.status = err.error.error_code;
        this.changed();
        return this.reply(res, err.error.error_code, { ok: false, ...err.error });
      }
      throw err;
    }
  }

  private getUpdates(payload: Record<string, unknown>, res: http.ServerResponse, call: FakeCall): void {
    if (this.webhook) {
      call.status = 409;
      this.changed();
      return this.reply(res, 409, {
        ok: false,
        error_code: 409,
        description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      });
    }
    if (this.poll) {
      const old = this.poll;
      this.poll = null;
      clearTimeout(old.timer);
      this.reply(old.res, 409, {
        ok: false,
        error_code: 409,
        description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
      });
    }
    const offset = Number(payload.offset ?? 0);
    const limit = Math.min(Math.max(Number(payload.limit ?? 100), 1), 100);
    const timeout = Math.max(Number(payload.timeout ?? 0), 0);
    // Confirm: updates below the offset are gone for good.
    if (offset > 0) this.pending = this.pending.filter((u) => u.update_id >= offset);
    this.changed();
    const ready = this.pending.filter((u) => u.update_id >= offset).slice(0, limit);
    if (ready.length > 0 || timeout === 0 || this.closed) return this.reply(res, 200, { ok: true, result: ready });
    const poll: Poll = {
      res,
      offset,
      limit,
      timer: setTimeout(() => {
        if (this.poll === poll) this.poll = null;
        this.reply(res, 200, { ok: true, result: [] });
      }, timeout * 1000),
    };
    this.poll = poll;
    res.on("close", () => {
      if (this.poll === poll) {
        clearTimeout(poll.timer);
        this.poll = null;
      }
    });
  }

  // -------------------------------------------------------------------------------------------------------
  // Internals: Bot API methods

  private chatFor(chatId: unknown): FakeChat {
    const chat = this.chats.get(Number(chatId));
    if (!chat) throw new ApiError(400, "Bad Request: chat not found");
    return chat;
  }

  private checkMarkup(markup: unknown): FakeMessage["reply_markup"] {
    if (markup === undefined) return undefined;
    const m = markup as FakeMessage["reply_markup"];
    for (const row of m?.inline_keyboard ?? []) {
      for (const b of row) {
        if (!b.text) throw new ApiError(400, "Bad Request: text buttons are unallowed in the inline keyboard");
        if (b.callback_data !== undefined && (Buffer.byteLength(b.callback_data) > 64 || b.callback_data === ""))
          throw new ApiError(400, "Bad Request: BUTTON_DATA_INVALID");
      }
    }
    return m;
  }

  private renderText(payload: Record<string, unknown>): { text: string; html: string; entities?: FakeEntity[] } {
    const raw = String(payload.text ?? "");
    const parsed =
      payload.parse_mode === "HTML"
        ? parseHtml(raw)
        : { text: raw, entities: (payload.entities as FakeEntity[] | undefined) ?? [] };
    if (parsed.text.trim() === "") throw new ApiError(400, "Bad Request: message text is empty");
    if (parsed.text.length > 4096) throw new ApiError(400, "Bad Request: message is too long");
    return { text: parsed.text, html: raw, entities: parsed.entities.length ? parsed.entities : undefined };
  }

  private readonly methods: Record<string, (p: Record<string, unknown>) => unknown> = {
    getMe: () => this.botInfo,
    logOut: () => true,
    close: () => true,
    getWebhookInfo: () => ({ url: this.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: this.pending.length }),
    setWebhook: (p) => {
      const url = String(p.url ?? "");
      if (url === "") {
        this.webhook = null;
        return true;
      }
      if (!/^https?:\/\//.test(url)) throw new ApiError(400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
      if (p.drop_pending_updates) this.pending = [];
      this.webhook = { url, secret_token: p.secret_token as string | undefined };
      if (this.poll) {
        const old = this.poll;
        this.poll = null;
        clearTimeout(old.timer);
        this.reply(old.res, 409, { ok: false, error_code: 409, description: "Conflict: terminated by setWebhook request" });
      }
      setImmediate(() => void this.deliverWebhook());
      return true;
    },
    deleteWebhook: (p) => {
      this.webhook = null;
      if (p.drop_pending_updates) this.pending = [];
      return true;
    },
    setMyCommands: (p) => {
      const commands = p.commands as Array<{ command: string; description: string }>;
      for (const c of commands ?? []) {
        if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw new ApiError(400, "Bad Request: BOT_COMMAND_INVALID");
        if (!c.description || c.description.length > 256) throw new ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID");
      }
      this.commands.set(scopeKey(p.scope, p.language_code), commands ?? []);
      return true;
    },
    deleteMyCommands: (p) => {
      this.commands.delete(scopeKey(p.scope, p.language_code));
      return true;
    },
    getMyCommands: (p) => this.commands.get(scopeKey(p.scope, p.language_code)) ?? [],
    sendChatAction: (p) => {
      this.chatFor(p.chat_id);
      this.chatActions.push({
        chat_id: Number(p.chat_id),
        action: String(p.action),
        ...(p.message_thread_id !== undefined ? { message_thread_id: Number(p.message_thread_id) } : {}),
      });
      return true;
    },
    sendMessage: (p) => {
      const chat = this.chatFor(p.chat_id);
      const { text, html, entities } = this.renderText(p);
      const replyTo = this.replyTarget(chat, p);
      const message = this.addMessage(chat, this.botUser, true, {
        text,
        html,
        entities,
        parse_mode: p.parse_mode as string | undefined,
        reply_markup: this.checkMarkup(p.reply_markup),
        reply_to_message_id: replyTo,
        message_thread_id: this.threadFor(chat, p, replyTo),
        link_preview_options: p.link_preview_options,
      });
      return this.messageJson(message);
    },
    sendDocument: (p) => {
      const chat = this.chatFor(p.chat_id);
      const doc = p.document;
      let file: StoredFile | undefined;
      if (typeof doc === "string" && doc.startsWith("attach://")) {
        const part = p[doc.slice("attach://".length)] as { fileName: string; bytes: Uint8Array } | undefined;
        if (!part) throw new ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified");
        file = this.storeFile(part.fileName, part.bytes);
      } else if (typeof doc === "string") {
        file = this.files.get(doc);
      }
      if (!file) throw new ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified");
      const replyTo = this.replyTarget(chat, p);
      const caption = p.caption === undefined ? undefined : String(p.caption);
      const message = this.addMessage(chat, this.botUser, true, {
        caption: caption !== undefined && p.parse_mode === "HTML" ? parseHtml(caption).text : caption,
        html: caption,
        document: { file_id: file.file_id, file_unique_id: file.file_unique_id, file_name: file.file_name, file_size: file.bytes.byteLength },
        reply_markup: this.checkMarkup(p.reply_markup),
        reply_to_message_id: replyTo,
        message_thread_id: this.threadFor(chat, p, replyTo),
      });
      return this.messageJson(message);
    },
    editMessageText: (p) => {
      if (p.inline_message_id !== undefined) return true;
      const message = this.findMessage(Number(p.chat_id), Number(p.message_id));
      if (!message) throw new ApiError(400, "Bad Request: message to edit not found");
      if (!message.fromBot) throw new ApiError(400, "Bad Request: message can't be edited");
      const { text, html, entities } = this.renderText(p);
      const markup = this.checkMarkup(p.reply_markup);
      if (html === message.html && JSON.stringify(markup) === JSON.stringify(message.reply_markup))
        throw new ApiError(
          400,
          "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
        );
      Object.assign(message, { text, html, entities, parse_mode: p.parse_mode, reply_markup: markup, edits: message.edits + 1 });
      if (p.link_preview_options !== undefined) message.link_preview_options = p.link_preview_options;
      return this.messageJson(message);
    },
    editMessageReplyMarkup: (p) => {
      if (p.inline_message_id !== undefined) return true;
      const message = this.findMessage(Number(p.chat_id), Number(p.message_id));
      if (!message) throw new ApiError(400, "Bad Request: message to edit not found");
      const markup = this.checkMarkup(p.reply_markup);
      if (JSON.stringify(markup) === JSON.stringify(message.reply_markup))
        throw new ApiError(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
      message.reply_markup = markup;
      message.edits++;
      return this.messageJson(message);
    },
    deleteMessage: (p) => {
      const message = this.findMessage(Number(p.chat_id), Number(p.message_id));
      if (!message) throw new ApiError(400, "Bad Request: message to delete not found");
      message.deleted = true;
      return true;
    },
    answerCallbackQuery: (p) => {
      const id = String(p.callback_query_id);
      if (!this.openCallbackQueries.delete(id))
        throw new ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
      this.callbackAnswers.push({ callback_query_id: id, text: p.text as string | undefined, show_alert: p.show_alert as boolean | undefined });
      return true;
    },
    answerInlineQuery: (p) => {
      const id = String(p.inline_query_id);
      if (!this.openInlineQueries.delete(id))
        throw new ApiError(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
      const results = (p.results ?? []) as Array<Record<string, unknown>>;
      if (results.length > 50) throw new ApiError(400, "Bad Request: RESULTS_TOO_MUCH");
      const ids = new Set<string>();
      for (const r of results) {
        const rid = String(r.id ?? "");
        if (!rid || Buffer.byteLength(rid) > 64 || ids.has(rid)) throw new ApiError(400, "Bad Request: RESULT_ID_INVALID");
        ids.add(rid);
        const content = r.input_message_content as { message_text?: string; parse_mode?: string } | undefined;
        if (content?.message_text !== undefined) {
          const parsed = content.parse_mode === "HTML" ? parseHtml(content.message_text) : { text: content.message_text };
          if (parsed.text.length > 4096) throw new ApiError(400, "Bad Request: MESSAGE_TOO_LONG");
          if (parsed.text.trim() === "") throw new ApiError(400, "Bad Request: MESSAGE_EMPTY");
        }
      }
      this.inlineAnswers.set(id, { ...p, results });
      return true;
    },
    getChatMember: (p) => {
      const chat = this.chatFor(p.chat_id);
      const userId = Number(p.user_id);
      const set = this.memberStatus.get(`${chat.id}:${userId}`);
      const user =
        userId === this.botInfo.id
          ? this.botUser
          : this.transcript(chat.id).find((m) => !m.fromBot && m.from.id === userId)?.from;
      if (!user && !set) throw new ApiError(400, "Bad Request: user not found");
      const status = set ?? "member";
      return { status, user: userJson(user ?? { id: userId, first_name: `User ${userId}` }), ...(status === "administrator" ? { can_be_edited: false, is_anonymous: false } : {}) };
    },
    getFile: (p) => {
      const file = this.files.get(String(p.file_id));
      if (!file) throw new ApiError(400, "Bad Request: invalid file_id");
      return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.bytes.byteLength, file_path: file.file_path };
    },
    getUpdates: () => [],
  };

  private replyTarget(chat: FakeChat, p: Record<string, unknown>): number | undefined {
    const params = p.reply_parameters as { message_id?: number; allow_sending_without_reply?: boolean } | undefined;
    const id = params?.message_id ?? (p.reply_to_message_id as number | undefined);
    if (id === undefined) return undefined;
    if (!this.findMessage(chat.id, Number(id))) {
      if (params?.allow_sending_without_reply || p.allow_sending_without_reply) return undefined;
      throw new ApiError(400, "Bad Request: message to be replied not found");
    }
    return Number(id);
  }

  private threadFor(chat: FakeChat, p: Record<string, unknown>, replyTo: number | undefined): number | undefined {
    if (p.message_thread_id !== undefined) {
      if (!chat.is_forum) return undefined; // Telegram ignores thread ids outside forums
      return Number(p.message_thread_id);
    }
    // A reply lands in the replied message's topic.
    if (replyTo !== undefined && chat.is_forum) return this.findMessage(chat.id, replyTo)?.message_thread_id;
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Helpers (exported where tests may want them)

class ApiError extends Error {
  constructor(
    code: number,
    description: string,
    readonly error: FakeError = { error_code: code, description },
  ) {
    super(description);
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function userJson(u: FakeUser): Record<string, unknown> {
  return stripUndefined({ id: u.id, is_bot: u.is_bot ?? false, first_name: u.first_name, last_name: u.last_name, username: u.username, language_code: u.language_code });
}

function chatJson(c: FakeChat): Record<string, unknown> {
  return stripUndefined({ id: c.id, type: c.type, title: c.title, username: c.username, first_name: c.first_name, is_forum: c.is_forum });
}

/** "default", "chat:42", "all_private_chats"…, with "#vi" appended for a menu in another language. */
function scopeKey(scope: unknown, languageCode?: unknown): string {
  const lang = typeof languageCode === "string" && languageCode !== "" ? `#${languageCode}` : "";
  const s = scope as { type?: string; chat_id?: number; user_id?: number } | undefined;
  if (!s?.type || s.type === "default") return `default${lang}`;
  if (s.chat_id !== undefined) return `${s.type}:${s.chat_id}${s.user_id !== undefined ? `:${s.user_id}` : ""}${lang}`;
  return `${s.type}${lang}`;
}

/** `bot_command` and `mention` entities as Telegram computes them (offsets in UTF-16 code units). */
export function computeEntities(text: string): FakeEntity[] {
  const entities: FakeEntity[] = [];
  const re = /(^|[\s(])(\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?)(?![A-Za-z0-9_@])|(^|[^A-Za-z0-9_\/@])(@[A-Za-z0-9_]{5,32})(?![A-Za-z0-9_])/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[2]) entities.push({ type: "bot_command", offset: m.index + m[1]!.length, length: m[2].length });
    else if (m[4]) entities.push({ type: "mention", offset: m.index + m[3]!.length, length: m[4].length });
  }
  return entities;
}

/**
 * Parses Telegram's HTML parse mode: returns the plain text and entities, or throws the 400 Telegram would
 * ("can't parse entities: …") for unsupported tags, unclosed/mismatched tags, a bare `<` or an unknown `&`.
 */
export function parseHtml(html: string): { text: string; entities: FakeEntity[] } {
  let text = "";
  const entities: FakeEntity[] = [];
  const stack: Array<{ tag: string; offset: number; url?: string }> = [];
  const fail = (why: string): never => {
    throw new ApiError(400, `Bad Request: can't parse entities: ${why}`);
  };
  let i = 0;
  while (i < html.length) {
    const ch = html[i]!;
    if (ch === "<") {
      const end = html.indexOf(">", i);
      if (end < 0) fail(`Unclosed start tag at byte offset ${i}`);
      const inner = html.slice(i + 1, end);
      if (inner.startsWith("/")) {
        const name = inner.slice(1).trim().toLowerCase();
        const open = stack.pop();
        if (!open || open.tag !== name) fail(`Unmatched end tag at byte offset ${i}, expected "</${open?.tag ?? ""}>", found "</${name}>"`);
        const type = HTML_TAGS.get(open!.tag)!;
        const length = text.length - open!.offset;
        if (length > 0) entities.push({ type, offset: open!.offset, length, ...(open!.url ? { url: open!.url } : {}) });
      } else {
        const nameMatch = /^([a-zA-Z][a-zA-Z0-9-]*)/.exec(inner);
        const name = nameMatch?.[1]?.toLowerCase();
        if (!name || !HTML_TAGS.has(name)) fail(`Unsupported start tag "${inner.split(/\s/)[0]}" at byte offset ${i}`);
        let url: string | undefined;
        if (name === "a") {
          const href = /href\s*=\s*"([^"]*)"|href\s*=\s*'([^']*)'/.exec(inner);
          url = href ? decodeEntities(href[1] ?? href[2] ?? "", fail) : undefined;
        }
        stack.push({ tag: name!, offset: text.length, url });
      }
      i = end + 1;
    } else if (ch === "&") {
      const m = /^&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/.exec(html.slice(i, i + 12));
      if (!m) fail(`Can't find end of the entity starting at byte offset ${i}`);
      text += decodeEntities(m![0], fail);
      i += m![0].length;
    } else if (ch === ">") {
      // Telegram tolerates a bare ">" in text.
      text += ch;
      i++;
    } else {
      text += ch;
      i++;
    }
  }
  if (stack.length > 0) fail(`Can't find end tag corresponding to start tag "${stack.at(-1)!.tag}"`);
  return { text, entities };
}

function decodeEntities(s: string, fail: (why: string) => never): string {
  return s.replace(/&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);/g, (_all, body: string) => {
    if (body.startsWith("#x")) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(parseInt(body.slice(1), 10));
    const named: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
    const v = named[body.toLowerCase()];
    if (v === undefined) fail(`Unsupported HTML entity "&${body};"`);
    return v!;
  });
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parsePayload(contentType: string, body: Buffer, query: URLSearchParams): Record<string, unknown> {
  const payload: Record<string, unknown> = Object.fromEntries(query);
  if (contentType.startsWith("application/json")) {
    if (body.length > 0) Object.assign(payload, JSON.parse(body.toString("utf8")));
  } else if (contentType.startsWith("application/x-www-form-urlencoded")) {
    for (const [k, v] of new URLSearchParams(body.toString("utf8"))) payload[k] = maybeJson(v);
  } else if (contentType.startsWith("multipart/form-data")) {
    const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
    if (!boundary) throw new Error("multipart without boundary");
    Object.assign(payload, parseMultipart(body, boundary));
  }
  return payload;
}

function maybeJson(v: string): unknown {
  if (/^[[{]/.test(v)) {
    try {
      return JSON.parse(v);
    } catch {
      return v;
    }
  }
  return v;
}

/**
 * Parses multipart/form-data by hand (Node's built-in form parser rejects grammY's compact header format,
 * `content-disposition:form-data;name="x";filename=y` with no spaces and an unquoted filename).
 * Fields become strings (JSON objects parsed); file parts become `{ fileName, bytes }`.
 */
export function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos >= 0) {
    let start = pos + delimiter.length;
    if (body.slice(start, start + 2).toString() === "--") break; // closing delimiter
    if (body.slice(start, start + 2).toString() === "\r\n") start += 2;
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), start);
    if (next < 0) throw new Error("multipart: missing closing boundary");
    const part = body.slice(start, next);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd < 0) throw new Error("multipart: part without headers");
    const headers = part.slice(0, headerEnd).toString("utf8");
    const content = part.slice(headerEnd + 4);
    const disposition = /content-disposition:\s*form-data\s*;([^\r\n]*)/i.exec(headers)?.[1] ?? "";
    const name = /name="([^"]*)"|name=([^;\s]+)/.exec(disposition);
    const fieldName = name?.[1] ?? name?.[2];
    if (!fieldName) throw new Error("multipart: part without a name");
    const file = /filename="([^"]*)"|filename=([^;\r\n]+)/.exec(disposition);
    if (file) out[fieldName] = { fileName: (file[1] ?? file[2] ?? "").trim(), bytes: new Uint8Array(content) };
    else out[fieldName] = maybeJson(content.toString("utf8"));
    pos = next + 2;
  }
  return out;
}
