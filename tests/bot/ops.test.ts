import { afterEach, describe, expect, it } from "vitest";
import { createMetrics, type OpsSources } from "../../src/ops/metrics.js";
import { UserError, type AskFn } from "../../src/types.js";
import { InMemoryLibrary, keywordAsk, SEED_ARTICLES } from "../helpers/bot-doubles.js";
import { ALICE, privateChat, startBot, type Harness } from "../helpers/bot-harness.js";

// GET /healthz and GET /metrics: beside the webhook, and on their own port in polling mode. The scrape is
// parsed as Prometheus text exposition format (every sample line well-formed, every family typed).

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A strict reader of the Prometheus text format (version 0.0.4): throws on any malformed line. */
function parsePrometheus(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (line === "") continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/.test(line)) continue;
    // prom-client writes NaN as "Nan" (the event-loop lag before its first sample); Prometheus reads it either way.
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*)\})? (-?[0-9.e+-]+|NaN|Nan|\+Inf|-Inf)(?: -?\d+)?$/.exec(line);
    if (!sample) throw new Error(`not Prometheus text: ${JSON.stringify(line)}`);
    const labels = Object.fromEntries([...(sample[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]));
    samples.push({ name: sample[1]!, labels, value: Number(sample[3]) });
  }
  for (const s of samples) {
    const family = s.name.replace(/_(bucket|sum|count|total|created)$/, "");
    if (!types.has(s.name) && !types.has(family)) throw new Error(`sample ${s.name} has no # TYPE line`);
  }
  return { types, samples };
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;

let h: Harness | null = null;
afterEach(async () => {
  await h?.stop();
  h = null;
});

const alice = privateChat(ALICE);

describe("health and metrics", () => {
  it("in webhook mode: /healthz reports the index, its write version and the model; /metrics counts the questions asked", async () => {
    let version = 7;
    const sources: OpsSources = {
      stats: () => ({ articles: 11, passages: 240, buildMs: 1500, model: "local/test" }),
      health: () => ({ backend: "database 127.0.0.1:5432/reports", writeVersion: version }),
      modelId: "local/test",
    };
    const metrics = createMetrics(sources, { defaultMetrics: false });
    // The harness's ask (keyword matching over the seed reports), measured.
    const library = new InMemoryLibrary(SEED_ARTICLES);
    h = await startBot({ mode: "webhook", library, ask: metrics.instrument(keywordAsk(library)), ops: { handle: metrics.handle } });
    const base = `http://127.0.0.1:${h.running.webhookAddress!.port}`;

    h.fake.userSends(alice, ALICE, "What export turnover did Nam Dinh reach?");
    await h.fake.nextBotMessage(alice.id);
    h.fake.userSends(alice, ALICE, "Which festival did the moon landing open?");
    await h.fake.nextBotMessage(alice.id);
    // A near miss (the reports hold the metric, for another year) is counted as its own outcome, though not found.
    const nearMiss = metrics.instrument(async (question, options) => {
      const result = await keywordAsk(library)(question, options);
      return { ...result, found: false, outcome: { kind: "near_miss", asked: { metric: null, period: { from: 2019, to: 2019 }, place: "Nam Dinh", wanted: "achieved" }, differs: ["period"], given: [] } };
    });
    expect((await nearMiss("What export turnover did Nam Dinh reach in 2019?")).found).toBe(false);

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", index: { backend: "database 127.0.0.1:5432/reports", reachable: true, writeVersion: 7 }, model: { loaded: true, id: "local/test" } });
    version = 8;
    expect(((await (await fetch(`${base}/healthz`)).json()) as { index: { writeVersion: number } }).index.writeVersion).toBe(8);

    const scrape = await fetch(`${base}/metrics`);
    expect(scrape.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const { types, samples } = parsePrometheus(await scrape.text());
    expect(types.get("reports_questions_total")).toBe("counter");
    expect(types.get("reports_ask_duration_seconds")).toBe("histogram");
    expect(value(samples, "reports_questions_total", { outcome: "answered" })).toBe(1);
    expect(value(samples, "reports_questions_total", { outcome: "declined" })).toBe(1);
    expect(value(samples, "reports_questions_total", { outcome: "near_miss" })).toBe(1);
    expect(value(samples, "reports_ask_duration_seconds_count", { outcome: "answered" })).toBe(1);
    expect(value(samples, "reports_ask_duration_seconds_bucket", { outcome: "answered", le: "+Inf" })).toBe(1);
    expect(value(samples, "reports_articles")).toBe(11);
    expect(value(samples, "reports_passages")).toBe(240);
    expect(value(samples, "reports_index_build_seconds")).toBe(1.5);
    expect(value(samples, "reports_index_up")).toBe(1);
    // The webhook path itself still refuses anything but Telegram's POST.
    expect((await fetch(`${base}/other`)).status).toBe(404);
  });

  it("in polling mode on METRICS_PORT: an unreachable index makes /healthz 503 and the errors are counted by kind", async () => {
    const sources: OpsSources = {
      stats: () => {
        throw new Error("database unreachable");
      },
      health: () => {
        throw new UserError("Cannot reach the database 127.0.0.1:1/x", "database_unreachable");
      },
      modelId: "local/test",
    };
    const metrics = createMetrics(sources);
    const failing: AskFn = async (question) => {
      if (!question.trim()) throw new UserError("empty", "empty_question");
      throw new Error("boom");
    };
    const ask = metrics.instrument(failing);
    await expect(ask(" ")).rejects.toThrow("empty");
    await expect(ask("why?")).rejects.toThrow("boom");
    h = await startBot({ ops: { handle: metrics.handle, port: 0, host: "127.0.0.1" } });
    const base = `http://127.0.0.1:${h.running.opsAddress!.port}`;

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "unavailable", index: { reachable: false, error: expect.stringContaining("Cannot reach the database") } });
    const { samples } = parsePrometheus(await (await fetch(`${base}/metrics`)).text());
    expect(value(samples, "reports_errors_total", { kind: "empty_question" })).toBe(1);
    expect(value(samples, "reports_errors_total", { kind: "internal" })).toBe(1);
    expect(value(samples, "reports_index_up")).toBe(0);
    expect(value(samples, "process_resident_memory_bytes")).toBeGreaterThan(0);
    expect((await fetch(`${base}/`)).status).toBe(404);
  });
});
