// WikiQA through the project's real ask(), as the CLI does (README protocol of ../shared/bench/wikiqa):
// each document indexed as one article (one line per sentence, source "wikiqa-<DocumentID>"), each question
// asked restricted to its own document, the quoted sentence mapped back to its WikiQA sentence.
// Declines are misses for P@1. The index lives in a temporary folder, deleted afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openApp } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { alignTokens } from "../src/answer/align.js";
import type { Question } from "./wikiqa.js";

const words = (text: string) => new Set(alignTokens(text).map((t) => t.folded));

/** The WikiQA sentence the answer quotes: the one sharing the largest share of its words with the answer. */
function quotedSentence(answer: string, q: Question): number {
  const said = words(answer.replace(/\[\d+\]/g, " "));
  let best = { index: -1, share: 0 };
  q.sentences.forEach((s, index) => {
    const own = words(s.text);
    let shared = 0;
    for (const w of own) if (said.has(w)) shared++;
    const share = own.size ? shared / own.size : 0;
    if (share > best.share) best = { index, share };
  });
  return best.share >= 0.6 ? best.index : -1;
}

export async function endToEnd(
  questions: Question[],
  baselines: { wordCount: Map<Question, number[]>; weightedWordCount: Map<Question, number[]> },
): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "wikiqa-e2e-"));
  try {
    const dataDir = path.join(root, "data");
    fs.mkdirSync(dataDir);
    const documents = new Map<string, Question>();
    for (const q of questions) if (!documents.has(q.documentId)) documents.set(q.documentId, q);
    for (const [id, q] of documents) {
      fs.writeFileSync(path.join(dataDir, `${id}.txt`), q.sentences.map((s) => s.text).join("\n") + "\n");
      fs.writeFileSync(path.join(dataDir, `${id}.json`), JSON.stringify({ title: q.title, source: `wikiqa-${id}`, place: null, date: null, url: null }));
    }
    const config = loadConfig({ DATA_DIR: dataDir, INDEX_DIR: path.join(root, "index"), ALLOW_REMOTE_MODELS: "false", LOG_LEVEL: "silent" });
    const started = performance.now();
    const app = await openApp(config);
    console.log(`\n(c) end to end through ask(): ${documents.size} documents indexed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const halves = ["odd", "even", "all"] as const;
    type Tally = { answerable: number; p1: number; answered: number; right: number; unmapped: number };
    const tally = Object.fromEntries(halves.map((h) => [h, { answerable: 0, p1: 0, answered: 0, right: 0, unmapped: 0 }])) as Record<(typeof halves)[number], Tally>;
    const askMs: number[] = [];
    try {
      for (const q of questions) {
        const t = performance.now();
        const result = await app.ask(q.text, { source: `wikiqa-${q.documentId}`, maxCitations: 1 });
        askMs.push(performance.now() - t);
        const positive = q.sentences.some((s) => s.label === 1);
        const index = result.found ? quotedSentence(result.answer, q) : -1;
        const right = index >= 0 && q.sentences[index]!.label === 1;
        // WIKIQA_TRACE=file: one JSON line per question (for reading the misses; not a measurement).
        if (process.env.WIKIQA_TRACE) {
          const detail = result.outcome.kind === "declined" && result.outcome.reason.kind === "not_in_reports" ? result.outcome.reason.detail : result.outcome.kind;
          fs.appendFileSync(process.env.WIKIQA_TRACE, `${JSON.stringify({ id: q.id, q: q.text, positive, found: result.found, right, detail, answer: result.answer.slice(0, 160) })}\n`);
        }
        for (const h of halves) {
          if (h !== "all" && (q.number % 2 === 1) !== (h === "odd")) continue;
          const c = tally[h];
          if (positive) c.answerable++;
          if (result.found) c.answered++;
          if (result.found && index < 0) c.unmapped++;
          if (right) c.right++;
          if (right && positive) c.p1++;
        }
      }
    } finally {
      await app.close();
    }
    const f3 = (x: number) => x.toFixed(3);
    console.log("\n| measure | odd | even | all |\n|---|---|---|---|");
    console.log(`| ask() P@1 (declines are misses) | ${halves.map((h) => f3(tally[h].p1 / tally[h].answerable)).join(" | ")} |`);
    console.log(
      `| ask() answer triggering P / R / F1 | ${halves
        .map((h) => {
          const c = tally[h];
          const p = c.answered ? c.right / c.answered : 0;
          const r = c.right / c.answerable;
          return `${f3(p)} / ${f3(r)} / ${f3(p + r ? (2 * p * r) / (p + r) : 0)} (${c.right}/${c.answered})`;
        })
        .join(" | ")} |`,
    );
    console.log(`| answers not mapped to a WikiQA sentence | ${halves.map((h) => tally[h].unmapped).join(" | ")} |`);
    for (const [name, scored] of [["Word Cnt", baselines.wordCount], ["Wgt Word Cnt", baselines.weightedWordCount]] as const) {
      const cells = halves.map((h) => {
        const qs = questions.filter((q) => q.sentences.some((s) => s.label === 1) && (h === "all" || (q.number % 2 === 1) === (h === "odd")));
        const hits = qs.filter((q) => {
          const scores = scored.get(q)!;
          const top = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]! || a - b)[0]!;
          return q.sentences[top]!.label === 1;
        }).length;
        return f3(hits / qs.length);
      });
      console.log(`| ${name} P@1, same run | ${cells.join(" | ")} |`);
    }
    askMs.sort((a, b) => a - b);
    console.log(`\nask(): p50 ${askMs[Math.floor(askMs.length / 2)]!.toFixed(1)} ms, p95 ${askMs[Math.floor(askMs.length * 0.95)]!.toFixed(1)} ms`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
