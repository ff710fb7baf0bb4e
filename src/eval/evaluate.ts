import fs from "node:fs";
import { z } from "zod";
import type { AnswerResult, AskFn } from "../types.js";
import { UserError } from "../types.js";

const questionSchema = z.object({
  id: z.string().optional(),
  q: z.string().min(1),
  any: z.array(z.string()).optional(),
  none: z.boolean().optional(),
  wrong: z.array(z.string()).optional(),
  /** What the question tests ("short", "typo", "trap-year"…); results are printed per kind. */
  kind: z.string().optional(),
  /** The article the question is about (bookkeeping only). */
  article: z.string().optional(),
  place: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});

export type EvalQuestion = z.infer<typeof questionSchema>;

/** Reads questions in the format of shared/eval/dev.jsonl; a bad line is an error naming the line. */
export function readQuestions(file: string): EvalQuestion[] {
  if (!fs.existsSync(file)) throw new UserError(`Question file ${file} does not exist.`);
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line && !line.startsWith("//"))
    .map(({ line, n }) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        throw new UserError(`${file}:${n} is not valid JSON.`);
      }
      const result = questionSchema.safeParse(parsed);
      if (!result.success) throw new UserError(`${file}:${n}: ${result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
      return { id: result.data.id ?? `line${n}`, ...result.data };
    });
}

export interface EvalOutcome {
  id: string;
  question: string;
  kind: "answerable" | "unanswerable";
  /** The question's own kind from the file ("short", "trap-year"…), or its answerable/unanswerable kind. */
  label: string;
  /** The bot answered with what the reports give instead (a near miss), rather than a plain decline. */
  nearMiss: boolean;
  /** Answerable: an expected string is in the answer and in a cited passage. Unanswerable: declined. */
  ok: boolean;
  found: boolean;
  /** Rank (1-based) of the first cited-or-more passage holding an expected string; null if none in the top 5. */
  retrievalRank: number | null;
  wrongAsserted: string[];
  ms: number;
  answer: string;
  failure: string | null;
}

export interface EvalSummary {
  questions: number;
  answerable: number;
  answeredRight: number;
  unanswerable: number;
  declinedRight: number;
  hitAt1: number;
  hitAt3: number;
  hitAt5: number;
  wrongAsserted: number;
  p50Ms: number;
  p95Ms: number;
  /** Per kind of question: how many, how many right, near misses among them. */
  byKind: { kind: string; questions: number; right: number; nearMisses: number }[];
  outcomes: EvalOutcome[];
}

const contains = (haystack: string, needle: string) => haystack.toLowerCase().includes(needle.toLowerCase());

export function judge(q: EvalQuestion, result: AnswerResult, ms: number): EvalOutcome {
  const expected = q.any ?? [];
  const ranked = [...result.citations, ...result.more].slice(0, 5);
  const rankIndex = ranked.findIndex((c) => expected.some((e) => contains(c.passage, e)));
  // A wrong figure counts only when asserted as the answer: a near miss may quote it as what the reports give instead.
  const wrongAsserted = result.found ? (q.wrong ?? []).filter((w) => contains(result.answer, w)) : [];
  const label = q.kind ?? (q.none ? "unanswerable" : "answerable");
  const nearMiss = result.outcome.kind === "near_miss";
  const base = { id: q.id!, question: q.q, label, nearMiss, found: result.found, retrievalRank: rankIndex >= 0 ? rankIndex + 1 : null, wrongAsserted, ms, answer: result.answer };
  if (q.none) {
    const ok = !result.found && wrongAsserted.length === 0;
    return { ...base, kind: "unanswerable", ok, failure: ok ? null : result.found ? "answered a question the reports cannot answer" : `asserted ${wrongAsserted.join(", ")}` };
  }
  const inAnswer = expected.filter((e) => contains(result.answer, e));
  const inCited = inAnswer.filter((e) => result.citations.some((c) => contains(c.passage, e)));
  const ok = result.found && inCited.length > 0 && wrongAsserted.length === 0;
  let failure: string | null = null;
  if (!result.found) failure = `${nearMiss ? "near miss" : "declined"} (${result.declineReason})`;
  else if (inAnswer.length === 0) failure = `answer lacks ${expected.map((e) => JSON.stringify(e)).join(" / ")}`;
  else if (inCited.length === 0) failure = "expected string not in a cited passage";
  else if (wrongAsserted.length) failure = `asserted ${wrongAsserted.join(", ")}`;
  return { ...base, kind: "answerable", ok, failure };
}

/** Asks every question and scores the answers. */
export async function evaluate(ask: AskFn, questions: EvalQuestion[]): Promise<EvalSummary> {
  const outcomes: EvalOutcome[] = [];
  for (const q of questions) {
    const started = performance.now();
    const result = await ask(q.q, { place: q.place, from: q.from, to: q.to });
    outcomes.push(judge(q, result, performance.now() - started));
  }
  const answerable = outcomes.filter((o) => o.kind === "answerable");
  const unanswerable = outcomes.filter((o) => o.kind === "unanswerable");
  const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const pct = (p: number) => (times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))] : 0);
  const hit = (k: number) => answerable.filter((o) => o.retrievalRank !== null && o.retrievalRank <= k).length;
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    answeredRight: answerable.filter((o) => o.ok).length,
    unanswerable: unanswerable.length,
    declinedRight: unanswerable.filter((o) => o.ok).length,
    hitAt1: hit(1),
    hitAt3: hit(3),
    hitAt5: hit(5),
    wrongAsserted: outcomes.filter((o) => o.wrongAsserted.length).length,
    p50Ms: pct(0.5),
    p95Ms: pct(0.95),
    byKind: [...new Set(outcomes.map((o) => o.label))].sort().map((kind) => {
      const of = outcomes.filter((o) => o.label === kind);
      return { kind, questions: of.length, right: of.filter((o) => o.ok).length, nearMisses: of.filter((o) => o.nearMiss).length };
    }),
    outcomes,
  };
}

export function formatSummary(s: EvalSummary): string {
  const ratio = (n: number, d: number) => `${n}/${d}${d ? ` (${((100 * n) / d).toFixed(0)}%)` : ""}`;
  const rows = [
    ["answered right", ratio(s.answeredRight, s.answerable)],
    ["retrieval hit@1", ratio(s.hitAt1, s.answerable)],
    ["retrieval hit@3", ratio(s.hitAt3, s.answerable)],
    ["retrieval hit@5", ratio(s.hitAt5, s.answerable)],
    ["declined correctly", ratio(s.declinedRight, s.unanswerable)],
    ["wrong figures asserted", String(s.wrongAsserted)],
    ["latency p50 / p95", `${s.p50Ms.toFixed(1)} ms / ${s.p95Ms.toFixed(1)} ms`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const table = rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join("\n");
  const kinds =
    s.byKind.length > 1
      ? `\n\nper kind (right / questions; traps are right when declined or answered as a near miss)\n${s.byKind
          .map((k) => `  ${k.kind.padEnd(14)} ${`${k.right}/${k.questions}`.padStart(7)}${k.nearMisses ? `  (${k.nearMisses} near misses)` : ""}`)
          .join("\n")}`
      : "";
  const failures = s.outcomes.filter((o) => !o.ok).map((o) => `FAIL ${o.id}: ${o.question} — ${o.failure}\n     answer: ${o.answer.slice(0, 200)}`);
  return `${table}${kinds}\n${failures.length ? `\n${failures.join("\n")}` : "\nno failures"}`;
}
