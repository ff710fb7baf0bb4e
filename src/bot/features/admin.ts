/**
 * Admin work over `library` (admins = config.bot.adminIds): /add <url>, uploaded documents, /remove, /list
 * (paged), /reindex (in the background, progress edited in place), /stats. Anyone else gets a polite refusal
 * and nothing changes. A UserError's message goes back verbatim; anything else is logged and reported
 * generically.
 */
import { Composer, InlineKeyboard } from "grammy";
import type { Document } from "grammy/types";
import { UserError, type AddResult, type ArticleSummary, type IndexStats, type ReindexProgress } from "../../types.js";
import { ADMIN_COMMANDS } from "../commands.js";
import type { BotContext, BotServices } from "../context.js";
import { ThrottledEditor } from "../progress.js";
import { escapeHtml, safeUrl, truncate } from "../render.js";
import { editHtml, isForbidden, replyHtml } from "../telegram.js";

/** File types an admin may upload. */
export const UPLOAD_EXTENSIONS = [".txt", ".md", ".json", ".jsonl", ".html", ".htm"];

const REFUSAL = "Sorry, only the bot's admins can change the library. You can still ask me anything about the reports I have.";
const UPLOAD_REFUSAL = "Sorry, only the bot's admins can add documents. You can still ask me anything about the reports I have.";

/** "512 bytes", "2.9 KB", "20 MB". */
export function formatBytes(bytes: number): string {
  const trim = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${trim(Math.round((bytes / 1024) * 10) / 10)} KB`;
  return `${trim(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}


function titleLink(a: ArticleSummary, maxChars = 200): string {
  const title = escapeHtml(truncate(a.title || "Untitled report", maxChars));
  const url = safeUrl(a.url);
  return url ? `<a href="${escapeHtml(url)}">${title}</a>` : title;
}

function facts(a: ArticleSummary): string {
  const parts = [a.place, a.date, a.source].filter((x): x is string => !!x).map(escapeHtml);
  return parts.length ? ` — ${parts.join(", ")}` : "";
}

export function renderAddResults(results: AddResult[]): string {
  if (results.length === 0) return "Nothing was added: no article found in it.";
  const verb = { added: "Added", updated: "Updated", unchanged: "Already up to date" } as const;
  return results
    .map((r) => `${verb[r.status]}: <b>${titleLink(r.article)}</b>${facts(r.article)}\n${r.passages} passage${r.passages === 1 ? "" : "s"} · <code>${escapeHtml(r.article.id)}</code>`)
    .join("\n\n");
}

export function renderStats(stats: IndexStats, reindexRunningSince: number | null): string {
  const lines = [
    "<b>Index</b>",
    `Reports: ${stats.articles}`,
    `Passages: ${stats.passages}`,
    `Places: ${stats.places.length}${stats.places.length ? ` (${stats.places.slice(0, 10).map(escapeHtml).join(", ")}${stats.places.length > 10 ? ", …" : ""})` : ""}`,
    `Dates: ${escapeHtml(stats.dateRange.from ?? "?")} to ${escapeHtml(stats.dateRange.to ?? "?")}`,
    `Model: <code>${escapeHtml(stats.model)}</code> (${stats.dimension} dimensions)`,
    `Index size: ${formatBytes(stats.indexBytes)}`,
    `Built: ${escapeHtml(stats.builtAt ?? "never")}${stats.buildMs !== null ? ` in ${(stats.buildMs / 1000).toFixed(1)} s` : ""}`,
  ];
  if (reindexRunningSince !== null) lines.push(`Reindex running for ${Math.round((Date.now() - reindexRunningSince) / 1000)} s`);
  return lines.join("\n");
}

export function renderProgress(p: ReindexProgress): string {
  const pct = p.total > 0 ? ` (${Math.floor((100 * p.done) / p.total)}%)` : "";
  return `Reindexing… ${p.phase} ${p.done}/${p.total}${pct}`;
}

/** Reads a response body, refusing more than `maxBytes` even when the server did not say how big it is. */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) throw new UserError(`The file is too big (${formatBytes(declared)}; the limit is ${formatBytes(maxBytes)}).`, "too_big");
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new UserError(`The file is too big (more than ${formatBytes(maxBytes)}).`, "too_big");
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

export function adminFeature(s: BotServices): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const isAdmin = (ctx: BotContext) => ctx.from !== undefined && s.config.bot.adminIds.includes(ctx.from.id);

  /** Runs an admin action, turning its errors into replies. */
  const guarded = async (ctx: BotContext, what: string, action: () => Promise<void>) => {
    try {
      await action();
    } catch (err) {
      if (isForbidden(err)) throw err;
      if (err instanceof UserError) {
        await replyHtml(ctx, escapeHtml(err.message));
        return;
      }
      ctx.logger.error({ err, what, userId: ctx.from?.id }, "admin action failed");
      await replyHtml(ctx, `Something went wrong while ${escapeHtml(what)}. The details are in the bot's log.`);
    }
  };

  // Non-admins: refuse every admin command, change nothing.
  composer.command(
    ADMIN_COMMANDS.map((c) => c.command),
    async (ctx, next) => {
      if (isAdmin(ctx)) return next();
      ctx.logger.info({ userId: ctx.from?.id, command: ctx.message?.text?.split(/\s/)[0] }, "admin command refused");
      await replyHtml(ctx, escapeHtml(REFUSAL));
    },
  );
  const admin = composer.filter(isAdmin);

  admin.command("add", (ctx) =>
    guarded(ctx, "adding the URL", async () => {
      const url = ctx.match.trim();
      if (url === "") {
        await replyHtml(ctx, "Usage: <code>/add https://example.com/article</code> (or send me a .txt, .md, .json, .jsonl or .html file).");
        return;
      }
      if (!/^https?:\/\//i.test(url)) {
        await replyHtml(ctx, `That is not a web address: <code>${escapeHtml(url)}</code>. It should start with https://`);
        return;
      }
      await ctx.replyWithChatAction("typing").catch(() => {});
      const results = await s.library.add({ kind: "url", url });
      ctx.logger.info({ url, results: results.map((r) => [r.status, r.article.id]) }, "admin added url");
      await replyHtml(ctx, renderAddResults(results));
    }),
  );

  admin.command("remove", (ctx) =>
    guarded(ctx, "removing the report", async () => {
      const target = ctx.match.trim();
      if (target === "") {
        await replyHtml(ctx, "Usage: <code>/remove &lt;article id or url&gt;</code>. /list shows the ids.");
        return;
      }
      const removed = await s.library.remove(target);
      ctx.logger.info({ id: removed.id }, "admin removed article");
      await replyHtml(ctx, `Removed: <b>${titleLink(removed)}</b>${facts(removed)}\n<code>${escapeHtml(removed.id)}</code>`);
    }),
  );

  const listPage = (offset: number): { html: string; keyboard: InlineKeyboard } => {
    const size = s.options.listPageSize;
    const { total, items } = s.library.list({ offset, limit: size });
    const keyboard = new InlineKeyboard();
    if (total === 0) return { html: "The library is empty.", keyboard };
    if (items.length === 0 && offset > 0) return listPage(Math.max(0, Math.floor((total - 1) / size) * size));
    // Short titles keep a page of ${size} well inside one message, so paging can edit it in place.
    const lines = items.map((a, i) => `${offset + i + 1}. ${titleLink(a, 120)}${facts(a)}\n<code>${escapeHtml(a.id)}</code>`);
    const page = Math.floor(offset / size) + 1;
    const pages = Math.ceil(total / size);
    if (offset > 0) keyboard.text("◀", `list:${Math.max(0, offset - size)}`);
    if (offset + items.length < total) keyboard.text("▶", `list:${offset + size}`);
    return { html: `<b>Reports ${offset + 1}–${offset + items.length} of ${total}</b> (page ${page}/${pages})\n\n${lines.join("\n\n")}`, keyboard };
  };

  admin.command("list", (ctx) =>
    guarded(ctx, "listing the reports", async () => {
      const page = Number.parseInt(ctx.match.trim(), 10);
      const offset = Number.isFinite(page) && page > 1 ? (page - 1) * s.options.listPageSize : 0;
      const { html, keyboard } = listPage(offset);
      await replyHtml(ctx, html, keyboard);
    }),
  );

  composer.callbackQuery(/^list:(\d+)$/, async (ctx) => {
    if (!isAdmin(ctx)) return ctx.answerCallbackQuery({ text: "Only admins can browse the library." });
    const message = ctx.callbackQuery.message;
    if (!message) return ctx.answerCallbackQuery();
    try {
      const { html, keyboard } = listPage(Number(ctx.match[1]));
      await editHtml(ctx.api, message.chat.id, message.message_id, html, ctx.logger, keyboard);
      await ctx.answerCallbackQuery();
    } catch (err) {
      ctx.logger.error({ err }, "list page failed");
      await ctx.answerCallbackQuery({ text: err instanceof UserError ? err.message : "Something went wrong." });
    }
  });

  admin.command("stats", (ctx) =>
    guarded(ctx, "reading the statistics", async () => {
      await replyHtml(ctx, renderStats(s.library.stats(), s.reindex.running?.startedAt ?? null));
    }),
  );

  admin.command("reindex", async (ctx) => {
    const running = s.reindex.running;
    if (running) {
      await replyHtml(ctx, `A reindex is already running (started ${Math.round((Date.now() - running.startedAt) / 1000)} s ago). Its progress message will show when it is done.`);
      return;
    }
    s.reindex.running = { startedAt: Date.now(), byUserId: ctx.from!.id };
    let progressMessage: { chatId: number; messageId: number } | null = null;
    try {
      const sent = await replyHtml(ctx, "Reindexing… starting");
      const m = sent?.at(-1);
      if (m) progressMessage = { chatId: m.chat.id, messageId: m.message_id };
    } catch (err) {
      s.reindex.running = null;
      throw err;
    }
    const logger = ctx.logger;
    const api = ctx.api;
    const editor = new ThrottledEditor(
      async (text) => {
        if (progressMessage) await editHtml(api, progressMessage.chatId, progressMessage.messageId, text, logger);
      },
      s.options.progressEditIntervalMs,
      (err) => logger.warn({ err }, "could not edit the reindex progress message"),
    );
    const startedAt = Date.now();
    logger.info({ userId: ctx.from!.id }, "reindex started");
    // Not awaited: the update loop goes on answering questions while the index is rebuilt.
    void s.library
      .reindex((p) => editor.update(escapeHtml(renderProgress(p))))
      .then(
        (r) => {
          logger.info({ ...r }, "reindex done");
          return editor.finish(`Reindex done: ${r.articles} reports, ${r.passages} passages in ${(r.ms / 1000).toFixed(1)} s.`);
        },
        (err) => {
          if (err instanceof UserError) return editor.finish(`Reindex stopped: ${escapeHtml(err.message)}`);
          logger.error({ err, ms: Date.now() - startedAt }, "reindex failed");
          return editor.finish("Reindex failed: something went wrong (details in the bot's log). The previous index is still serving.");
        },
      )
      .catch((err) => logger.error({ err }, "reindex bookkeeping failed"))
      .finally(() => {
        s.reindex.running = null;
      });
  });

  // Documents in private chats: admins add them, anyone else is refused before anything is downloaded.
  composer.chatType("private").on("message:document", async (ctx) => {
    if (!isAdmin(ctx)) {
      ctx.logger.info({ userId: ctx.from.id }, "upload refused: not an admin");
      await replyHtml(ctx, escapeHtml(UPLOAD_REFUSAL));
      return;
    }
    await guarded(ctx, "adding the document", () => addUpload(ctx, ctx.message.document));
  });

  async function addUpload(ctx: BotContext, doc: Document): Promise<void> {
    const fileName = doc.file_name ?? "document.txt";
    const ext = fileName.includes(".") ? fileName.slice(fileName.lastIndexOf(".")).toLowerCase() : "";
    if (!UPLOAD_EXTENSIONS.includes(ext)) {
      throw new UserError(`I can add ${UPLOAD_EXTENSIONS.filter((e) => e !== ".htm").join(", ")} files; "${fileName}" is not one of them.`, "bad_type");
    }
    const max = s.config.uploadMaxBytes;
    // Check the size Telegram reports before downloading anything.
    if (doc.file_size !== undefined && doc.file_size > max) {
      throw new UserError(`"${fileName}" is too big (${formatBytes(doc.file_size)}; the limit is ${formatBytes(max)}). Nothing was added.`, "too_big");
    }
    await ctx.replyWithChatAction("typing").catch(() => {});
    const file = await ctx.api.getFile(doc.file_id);
    if (file.file_size !== undefined && file.file_size > max) {
      throw new UserError(`"${fileName}" is too big (${formatBytes(file.file_size)}; the limit is ${formatBytes(max)}). Nothing was added.`, "too_big");
    }
    if (!file.file_path) throw new Error("getFile returned no file_path");
    const res = await fetch(`${s.apiRoot}/file/bot${s.token}/${file.file_path}`, { signal: AbortSignal.timeout(s.options.downloadTimeoutMs) });
    if (!res.ok) throw new Error(`file download failed with HTTP ${res.status}`);
    const bytes = await readCapped(res, max);
    const results = await s.library.add({ kind: "upload", fileName, bytes });
    ctx.logger.info({ fileName, bytes: bytes.byteLength, results: results.map((r) => [r.status, r.article.id]) }, "admin added upload");
    await replyHtml(ctx, renderAddResults(results));
  }

  return composer;
}
