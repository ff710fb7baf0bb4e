/**
 * Admin work over `library` (admins = config.bot.adminIds): /add <url>, uploaded documents, /remove, /list
 * (paged), /reindex (in the background, progress edited in place), /stats. Anyone else gets a polite refusal
 * and nothing changes. A UserError's message goes back verbatim; anything else is logged and reported
 * generically.
 */
import { Composer, InlineKeyboard } from "grammy";
import type { Document } from "grammy/types";
import { UserError, type AddResult, type ArticleSummary, type IndexStats, type ReindexProgress } from "../../types.js";
import { ADMIN_COMMAND_NAMES } from "../commands.js";
import type { BotContext, BotServices } from "../context.js";
import type { Translate } from "../i18n.js";
import { ThrottledEditor } from "../progress.js";
import { escapeHtml, safeUrl, truncate } from "../render.js";
import { editHtml, isForbidden, replyHtml } from "../telegram.js";

/** File types an admin may upload. */
export const UPLOAD_EXTENSIONS = [".txt", ".md", ".json", ".jsonl", ".html", ".htm"];


/** "512 bytes", "2.9 KB", "20 MB". */
export function formatBytes(bytes: number): string {
  const trim = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${trim(Math.round((bytes / 1024) * 10) / 10)} KB`;
  return `${trim(Math.round((bytes / (1024 * 1024)) * 10) / 10)} MB`;
}


function titleLink(t: Translate, a: ArticleSummary, maxChars = 200): string {
  const title = escapeHtml(truncate(a.title || t("answer-untitled"), maxChars));
  const url = safeUrl(a.url);
  return url ? `<a href="${escapeHtml(url)}">${title}</a>` : title;
}

function facts(a: ArticleSummary): string {
  const parts = [a.place, a.date, a.source].filter((x): x is string => !!x).map(escapeHtml);
  return parts.length ? ` — ${parts.join(", ")}` : "";
}

export function renderAddResults(t: Translate, results: AddResult[]): string {
  if (results.length === 0) return t("add-nothing");
  const verb = { added: "add-added", updated: "add-updated", unchanged: "add-unchanged" } as const;
  return results
    .map((r) => `${t(verb[r.status])}: <b>${titleLink(t, r.article)}</b>${facts(r.article)}\n${t("add-passages", { count: r.passages })} · <code>${escapeHtml(r.article.id)}</code>`)
    .join("\n\n");
}

export function renderStats(t: Translate, stats: IndexStats, reindexRunningSince: number | null): string {
  const places = stats.places.length ? ` (${stats.places.slice(0, 10).map(escapeHtml).join(", ")}${stats.places.length > 10 ? ", …" : ""})` : "";
  const lines = [
    t("stats-title"),
    t("stats-reports", { count: stats.articles }),
    t("stats-passages", { count: stats.passages }),
    t("stats-places", { count: stats.places.length }) + places,
    t("stats-dates", { from: escapeHtml(stats.dateRange.from ?? "?"), to: escapeHtml(stats.dateRange.to ?? "?") }),
    t("stats-model", { model: escapeHtml(stats.model), dimension: stats.dimension }),
    t("stats-size", { size: formatBytes(stats.indexBytes) }),
    t("stats-built", { at: escapeHtml(stats.builtAt ?? t("stats-never")) }) +
      (stats.buildMs !== null ? t("stats-built-in", { seconds: (stats.buildMs / 1000).toFixed(1) }) : ""),
  ];
  if (reindexRunningSince !== null) lines.push(t("stats-reindex-running", { seconds: String(Math.round((Date.now() - reindexRunningSince) / 1000)) }));
  return lines.join("\n");
}

export function renderProgress(t: Translate, p: ReindexProgress): string {
  const percent = p.total > 0 ? ` (${Math.floor((100 * p.done) / p.total)}%)` : "";
  return t("reindex-progress", { phase: p.phase, done: String(p.done), total: String(p.total), percent });
}

/** Reads a response body, refusing more than `maxBytes` even when the server did not say how big it is. */
async function readCapped(t: Translate, res: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) throw new UserError(t("file-too-big", { size: formatBytes(declared), max: formatBytes(maxBytes) }), "too_big");
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new UserError(t("file-too-big-stream", { max: formatBytes(maxBytes) }), "too_big");
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
  const guarded = async (ctx: BotContext, what: "add-url" | "remove" | "list" | "stats" | "upload", action: () => Promise<void>) => {
    try {
      await action();
    } catch (err) {
      if (isForbidden(err)) throw err;
      if (err instanceof UserError) {
        await replyHtml(ctx, escapeHtml(err.message));
        return;
      }
      ctx.logger.error({ err, what, userId: ctx.from?.id }, "admin action failed");
      await replyHtml(ctx, ctx.t("admin-failed", { what: ctx.t(`what-${what}`) }));
    }
  };

  // Non-admins: refuse every admin command, change nothing.
  composer.command([...ADMIN_COMMAND_NAMES], async (ctx, next) => {
    if (isAdmin(ctx)) return next();
    ctx.logger.info({ userId: ctx.from?.id, command: ctx.message?.text?.split(/\s/)[0] }, "admin command refused");
    await replyHtml(ctx, ctx.t("admin-refusal"));
  });
  const admin = composer.filter(isAdmin);

  /**
   * Adding a report (download, parse, embed) can take seconds; grammY handles updates one at a time, so it runs
   * beside the update loop instead of in it, and every other chat keeps being answered meanwhile. Its reply comes
   * when it is done; what it throws is handled as in `guarded`, and logged if even that fails.
   */
  const inBackground = (ctx: BotContext, what: "add-url" | "upload", action: () => Promise<void>) => {
    void guarded(ctx, what, action).catch((err: unknown) => ctx.logger.warn({ err, what }, "could not reply after admin work"));
  };

  admin.command("add", (ctx) =>
    inBackground(ctx, "add-url", async () => {
      const url = ctx.match.trim();
      if (url === "") {
        await replyHtml(ctx, ctx.t("add-usage"));
        return;
      }
      if (!/^https?:\/\//i.test(url)) {
        await replyHtml(ctx, ctx.t("add-not-url", { url: escapeHtml(url) }));
        return;
      }
      await ctx.replyWithChatAction("typing").catch(() => {});
      const results = await s.library.add({ kind: "url", url });
      ctx.logger.info({ url, results: results.map((r) => [r.status, r.article.id]) }, "admin added url");
      await replyHtml(ctx, renderAddResults(ctx.t, results));
    }),
  );

  admin.command("remove", (ctx) =>
    guarded(ctx, "remove", async () => {
      const target = ctx.match.trim();
      if (target === "") {
        await replyHtml(ctx, ctx.t("remove-usage"));
        return;
      }
      const removed = await s.library.remove(target);
      ctx.logger.info({ id: removed.id }, "admin removed article");
      await replyHtml(ctx, `${ctx.t("remove-done")}: <b>${titleLink(ctx.t, removed)}</b>${facts(removed)}\n<code>${escapeHtml(removed.id)}</code>`);
    }),
  );

  /** A page of /list; `keyboard` only when there is another page (an empty keyboard shows as an empty row). */
  const listPage = (t: Translate, offset: number): { html: string; keyboard?: InlineKeyboard } => {
    const size = s.options.listPageSize;
    const { total, items } = s.library.list({ offset, limit: size });
    const keyboard = new InlineKeyboard();
    if (total === 0) return { html: t("list-empty") };
    if (items.length === 0 && offset > 0) return listPage(t, Math.max(0, Math.floor((total - 1) / size) * size));
    // Short titles keep a page of ${size} well inside one message, so paging can edit it in place.
    const lines = items.map((a, i) => `${offset + i + 1}. ${titleLink(t, a, 120)}${facts(a)}\n<code>${escapeHtml(a.id)}</code>`);
    const page = Math.floor(offset / size) + 1;
    const pages = Math.ceil(total / size);
    if (offset > 0) keyboard.text("◀", `list:${Math.max(0, offset - size)}`);
    if (offset + items.length < total) keyboard.text("▶", `list:${offset + size}`);
    const title = t("list-title", { from: String(offset + 1), to: String(offset + items.length), total: String(total), page: String(page), pages: String(pages) });
    return { html: `${title}\n\n${lines.join("\n\n")}`, keyboard: pages > 1 ? keyboard : undefined };
  };

  admin.command("list", (ctx) =>
    guarded(ctx, "list", async () => {
      const page = Number.parseInt(ctx.match.trim(), 10);
      const offset = Number.isFinite(page) && page > 1 ? (page - 1) * s.options.listPageSize : 0;
      const { html, keyboard } = listPage(ctx.t, offset);
      await replyHtml(ctx, html, keyboard);
    }),
  );

  composer.callbackQuery(/^list:(\d+)$/, async (ctx) => {
    if (!isAdmin(ctx)) return ctx.answerCallbackQuery({ text: ctx.t("list-admins-only") });
    const message = ctx.callbackQuery.message;
    if (!message) return ctx.answerCallbackQuery();
    try {
      const { html, keyboard } = listPage(ctx.t, Number(ctx.match[1]));
      await editHtml(ctx.api, message.chat.id, message.message_id, html, ctx.logger, keyboard);
      await ctx.answerCallbackQuery();
    } catch (err) {
      ctx.logger.error({ err }, "list page failed");
      await ctx.answerCallbackQuery({ text: err instanceof UserError ? err.message : ctx.t("list-failed") });
    }
  });

  admin.command("stats", (ctx) =>
    guarded(ctx, "stats", async () => {
      await replyHtml(ctx, renderStats(ctx.t, s.library.stats(), s.reindex.running?.startedAt ?? null));
    }),
  );

  admin.command("reindex", async (ctx) => {
    const running = s.reindex.running;
    if (running) {
      await replyHtml(ctx, ctx.t("reindex-running", { seconds: String(Math.round((Date.now() - running.startedAt) / 1000)) }));
      return;
    }
    s.reindex.running = { startedAt: Date.now(), byUserId: ctx.from!.id };
    let progressMessage: { chatId: number; messageId: number } | null = null;
    try {
      const sent = await replyHtml(ctx, ctx.t("reindex-starting"));
      const m = sent?.at(-1);
      if (m) progressMessage = { chatId: m.chat.id, messageId: m.message_id };
    } catch (err) {
      s.reindex.running = null;
      throw err;
    }
    const logger = ctx.logger;
    const api = ctx.api;
    // The progress message stays in the language it started in (the update's context is gone by then).
    const t: Translate = ctx.t;
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
      .reindex((p) => editor.update(renderProgress(t, p)))
      .then(
        (r) => {
          logger.info({ ...r }, "reindex done");
          return editor.finish(t("reindex-done", { articles: String(r.articles), passages: String(r.passages), seconds: (r.ms / 1000).toFixed(1) }));
        },
        (err) => {
          if (err instanceof UserError) return editor.finish(t("reindex-stopped", { reason: escapeHtml(err.message) }));
          logger.error({ err, ms: Date.now() - startedAt }, "reindex failed");
          return editor.finish(t("reindex-failed"));
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
      await replyHtml(ctx, ctx.t("upload-refusal"));
      return;
    }
    inBackground(ctx, "upload", () => addUpload(ctx, ctx.message.document));
  });

  async function addUpload(ctx: BotContext, doc: Document): Promise<void> {
    const fileName = doc.file_name ?? "document.txt";
    const ext = fileName.includes(".") ? fileName.slice(fileName.lastIndexOf(".")).toLowerCase() : "";
    if (!UPLOAD_EXTENSIONS.includes(ext)) {
      throw new UserError(ctx.t("upload-bad-type", { types: UPLOAD_EXTENSIONS.filter((e) => e !== ".htm").join(", "), name: fileName }), "bad_type");
    }
    const max = s.config.uploadMaxBytes;
    // Check the size Telegram reports before downloading anything.
    if (doc.file_size !== undefined && doc.file_size > max) {
      throw new UserError(ctx.t("upload-too-big", { name: fileName, size: formatBytes(doc.file_size), max: formatBytes(max) }), "too_big");
    }
    await ctx.replyWithChatAction("typing").catch(() => {});
    const file = await ctx.api.getFile(doc.file_id);
    if (file.file_size !== undefined && file.file_size > max) {
      throw new UserError(ctx.t("upload-too-big", { name: fileName, size: formatBytes(file.file_size), max: formatBytes(max) }), "too_big");
    }
    if (!file.file_path) throw new Error("getFile returned no file_path");
    const res = await fetch(`${s.apiRoot}/file/bot${s.token}/${file.file_path}`, { signal: AbortSignal.timeout(s.options.downloadTimeoutMs) });
    if (!res.ok) throw new Error(`file download failed with HTTP ${res.status}`);
    const bytes = await readCapped(ctx.t, res, max);
    const results = await s.library.add({ kind: "upload", fileName, bytes });
    ctx.logger.info({ fileName, bytes: bytes.byteLength, results: results.map((r) => [r.status, r.article.id]) }, "admin added upload");
    await replyHtml(ctx, renderAddResults(ctx.t, results));
  }

  return composer;
}
