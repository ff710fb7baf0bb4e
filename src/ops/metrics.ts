import type http from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { AskFn, IndexStats } from "../types.js";
import { UserError } from "../types.js";

// What operators watch: GET /healthz (is the index or database reachable, is the model loaded, which
// write version is served) and GET /metrics in Prometheus text format. Served by the webhook server,
// and in polling mode on METRICS_PORT (bot/run.ts).

/** What the endpoints read; the Library and the embedder provide it. */
export interface OpsSources {
  /** Counts and build facts of the live index (throws when the index or database is unreachable). */
  stats(): Pick<IndexStats, "articles" | "passages" | "buildMs" | "model">;
  /** Where the library lives and the write version it serves. */
  health(): { backend: string; writeVersion: number };
  /** The embedding model in use, once loaded. */
  modelId: string | null;
}

export interface Metrics {
  registry: Registry;
  /** Wraps ask() so that every question is counted by outcome and timed. */
  instrument(ask: AskFn): AskFn;
  /** GET /healthz and GET /metrics; false for any other request (the caller answers it). */
  handle(req: http.IncomingMessage, res: http.ServerResponse): boolean;
}

/** Latency buckets in seconds: questions take milliseconds offline, longer with a remote model or database. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(sources: OpsSources, options: { defaultMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaultMetrics !== false) collectDefaultMetrics({ register: registry });
  const questions = new Counter({ name: "reports_questions_total", help: "Questions by outcome: answered, near_miss (the metric is held, but not for what was asked), declined, no_matching_reports (a filter no report passes).", labelNames: ["outcome"], registers: [registry] });
  const errors = new Counter({ name: "reports_errors_total", help: "Questions that failed, by kind (a user error's code, or internal).", labelNames: ["kind"], registers: [registry] });
  const latency = new Histogram({ name: "reports_ask_duration_seconds", help: "Time to answer a question, by outcome.", labelNames: ["outcome"], buckets: BUCKETS, registers: [registry] });
  const scrape = () => {
    try {
      return sources.stats();
    } catch {
      return null;
    }
  };
  // Index figures are read at scrape time (one query each scrape, never per question).
  let last: ReturnType<typeof scrape> = null;
  new Gauge({
    name: "reports_articles",
    help: "Articles in the live index.",
    registers: [registry],
    collect() {
      last = scrape();
      if (last) this.set(last.articles);
    },
  });
  new Gauge({
    name: "reports_passages",
    help: "Passages in the live index.",
    registers: [registry],
    collect() {
      if (last) this.set(last.passages);
    },
  });
  new Gauge({
    name: "reports_index_build_seconds",
    help: "How long the last full build or sync of the index took.",
    registers: [registry],
    collect() {
      if (last?.buildMs != null) this.set(last.buildMs / 1000);
    },
  });
  new Gauge({
    name: "reports_index_up",
    help: "1 when the index (or its database) answered the last scrape.",
    registers: [registry],
    collect() {
      this.set(last ? 1 : 0);
    },
  });

  const instrument = (ask: AskFn): AskFn =>
    async function measuredAsk(question, options) {
      const started = performance.now();
      try {
        const result = await ask(question, options);
        // The typed outcome, not `found`: a near miss is not found, but it is not a decline either.
        const outcome = result.outcome.kind;
        questions.inc({ outcome });
        latency.observe({ outcome }, (performance.now() - started) / 1000);
        return result;
      } catch (error) {
        errors.inc({ kind: error instanceof UserError ? error.code : "internal" });
        throw error;
      }
    };

  const handle = (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    if (req.method !== "GET") return false;
    const path = new URL(req.url ?? "/", "http://x").pathname;
    if (path === "/metrics") {
      registry.metrics().then(
        (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
        (err: unknown) => res.writeHead(500, { "content-type": "text/plain" }).end(String(err)),
      );
      return true;
    }
    if (path === "/healthz") {
      let body: Record<string, unknown>;
      let ok = false;
      try {
        const { backend, writeVersion } = sources.health();
        ok = sources.modelId !== null;
        body = { status: ok ? "ok" : "starting", index: { backend, reachable: true, writeVersion }, model: { loaded: sources.modelId !== null, id: sources.modelId } };
      } catch (error) {
        body = { status: "unavailable", index: { reachable: false, error: error instanceof Error ? error.message : String(error) }, model: { loaded: sources.modelId !== null, id: sources.modelId } };
      }
      res.writeHead(ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(body));
      return true;
    }
    return false;
  };

  return { registry, instrument, handle };
}
