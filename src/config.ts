import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The project root (one level above src/), so defaults work from any working directory. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const list = (value: string | undefined) =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

const integer = (name: string, min: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) {
        ctx.addIssue({ code: "custom", message: `${name} must be a whole number ≥ ${min}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const flag = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", ""])
    .optional()
    .transform((v) => (v === undefined || v === "" ? fallback : ["true", "1", "yes"].includes(v)));

const schema = z.object({
  DATA_DIR: z.string().optional(),
  INDEX_DIR: z.string().optional(),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => !v || /^postgres(ql)?:\/\/[^\s]+$/.test(v), "DATABASE_URL must be a postgres:// (or postgresql://) connection URL, e.g. postgres://user:password@host:5432/dbname"),
  METRICS_PORT: integer("METRICS_PORT", 0, 0),
  MODELS_DIR: z.string().optional(),
  EMBEDDING_MODEL: z.string().optional(),
  EMBEDDING_QUANTIZED: flag(true),
  MODEL_CACHE_DIR: z.string().optional(),
  ALLOW_REMOTE_MODELS: flag(true),

  BOT_TOKEN: z
    .string()
    .optional()
    .refine((v) => !v || /^\d+:[\w-]{20,}$/.test(v), "BOT_TOKEN does not look like a token from @BotFather (digits:secret)"),
  TELEGRAM_API_ROOT: z
    .string()
    .optional()
    .refine((v) => !v || /^https?:\/\/[^\s]+[^/]$/.test(v), "TELEGRAM_API_ROOT must be an http(s) URL without a trailing slash"),
  WEBHOOK_URL: z.string().url("WEBHOOK_URL must be a full https:// URL").optional().or(z.literal("")),
  WEBHOOK_SECRET: z.string().optional(),
  WEBHOOK_PORT: integer("WEBHOOK_PORT", 1, 8080),
  WEBHOOK_HOST: z.string().optional(),
  ADMIN_IDS: z
    .string()
    .optional()
    .refine((v) => list(v).every((id) => /^-?\d+$/.test(id)), "ADMIN_IDS must be comma-separated numeric Telegram user ids"),
  RATE_LIMIT_PER_MINUTE: integer("RATE_LIMIT_PER_MINUTE", 1, 20),
  ACCESS: z.enum(["public", "allowlist"], { message: "ACCESS must be public or allowlist" }).optional(),
  SKIP_BACKLOG_MINUTES: integer("SKIP_BACKLOG_MINUTES", 0, 10),
  DEFAULT_LANGUAGE: z.enum(["en", "vi", ""], { message: "DEFAULT_LANGUAGE must be en or vi" }).optional(),
  FOLLOWUP_MAX_AGE_MINUTES: integer("FOLLOWUP_MAX_AGE_MINUTES", 1, 120),

  FETCH_TIMEOUT_MS: integer("FETCH_TIMEOUT_MS", 100, 10_000),
  FETCH_MAX_BYTES: integer("FETCH_MAX_BYTES", 1024, 5 * 1024 * 1024),
  FETCH_MAX_REDIRECTS: integer("FETCH_MAX_REDIRECTS", 0, 5),
  FETCH_ALLOW_HOSTS: z.string().optional(),
  FEED_CHECK_MINUTES: integer("FEED_CHECK_MINUTES", 1, 30),
  FEED_MAX_BYTES: integer("FEED_MAX_BYTES", 1024, 10 * 1024 * 1024),
  FEED_MAX_ITEMS: integer("FEED_MAX_ITEMS", 1, 5_000),
  UPLOAD_MAX_BYTES: integer("UPLOAD_MAX_BYTES", 1024, 20 * 1024 * 1024),
  PARSE_TIMEOUT_MS: integer("PARSE_TIMEOUT_MS", 100, 15_000),
  MAX_QUESTION_CHARS: integer("MAX_QUESTION_CHARS", 10, 1000),

  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
});

export interface Config {
  dataDir: string;
  indexDir: string;
  /** PostgreSQL connection URL: the library lives in that database instead of `indexDir` (null = embedded). */
  databaseUrl: string | null;
  /** Port for GET /healthz and /metrics in polling mode (0 = off; webhook mode serves them on its own port). */
  metricsPort: number;
  modelsDir: string;
  embeddingModel: string;
  quantized: boolean;
  modelCacheDir: string;
  allowRemoteModels: boolean;
  bot: {
    token: string | null;
    apiRoot: string | null;
    webhookUrl: string | null;
    webhookSecret: string | null;
    webhookPort: number;
    webhookHost: string;
    adminIds: number[];
    rateLimitPerMinute: number;
    access: "public" | "allowlist";
    skipBacklogMinutes: number;
    /** Interface language when a user's Telegram language is neither English nor Vietnamese. */
    defaultLanguage: "en" | "vi";
    /** How long a reply to one of the bot's answers is read as a follow-up of the question it answered. */
    followUpMaxAgeMinutes: number;
  };
  fetch: { timeoutMs: number; maxBytes: number; maxRedirects: number; allowHosts: string[] };
  /** Watched feeds: minutes between checks (jittered), largest feed document, most entries one may list. */
  feeds: { checkMinutes: number; maxBytes: number; maxItems: number };
  uploadMaxBytes: number;
  /** Time budget for reading one untrusted file or page (parsing and cleaning, in a worker thread). */
  parseTimeoutMs: number;
  maxQuestionChars: number;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

export const DEFAULT_MODEL = "local/glove-6b-100d-sif";

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Reads settings from an environment (process.env after dotenv) into one validated Config. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid settings (see .env.example):\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const fromRoot = (p: string | undefined, fallback: string) => path.resolve(PROJECT_ROOT, p || fallback);
  if (e.WEBHOOK_URL && !e.BOT_TOKEN) throw new ConfigError("WEBHOOK_URL is set but BOT_TOKEN is not: set both, or neither.");
  return {
    dataDir: fromRoot(e.DATA_DIR, "data"),
    indexDir: fromRoot(e.INDEX_DIR, "embeddings/index"),
    databaseUrl: e.DATABASE_URL || null,
    metricsPort: e.METRICS_PORT,
    modelsDir: fromRoot(e.MODELS_DIR, "embeddings/models"),
    embeddingModel: e.EMBEDDING_MODEL || DEFAULT_MODEL,
    quantized: e.EMBEDDING_QUANTIZED,
    modelCacheDir: fromRoot(e.MODEL_CACHE_DIR, "embeddings/cache"),
    allowRemoteModels: e.ALLOW_REMOTE_MODELS,
    bot: {
      token: e.BOT_TOKEN || null,
      apiRoot: e.TELEGRAM_API_ROOT || null,
      webhookUrl: e.WEBHOOK_URL || null,
      webhookSecret: e.WEBHOOK_SECRET || null,
      webhookPort: e.WEBHOOK_PORT,
      webhookHost: e.WEBHOOK_HOST || "0.0.0.0",
      adminIds: list(e.ADMIN_IDS).map(Number),
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      access: e.ACCESS ?? "public",
      skipBacklogMinutes: e.SKIP_BACKLOG_MINUTES,
      defaultLanguage: e.DEFAULT_LANGUAGE === "vi" ? "vi" : "en",
      followUpMaxAgeMinutes: e.FOLLOWUP_MAX_AGE_MINUTES,
    },
    fetch: {
      timeoutMs: e.FETCH_TIMEOUT_MS,
      maxBytes: e.FETCH_MAX_BYTES,
      maxRedirects: e.FETCH_MAX_REDIRECTS,
      allowHosts: list(e.FETCH_ALLOW_HOSTS),
    },
    feeds: { checkMinutes: e.FEED_CHECK_MINUTES, maxBytes: e.FEED_MAX_BYTES, maxItems: e.FEED_MAX_ITEMS },
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    parseTimeoutMs: e.PARSE_TIMEOUT_MS,
    maxQuestionChars: e.MAX_QUESTION_CHARS,
    logLevel: e.LOG_LEVEL ?? "info",
  };
}
