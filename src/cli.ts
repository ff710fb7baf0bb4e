import "./env.js";
import fs from "node:fs";
import readline from "node:readline";
import { Command, Option } from "commander";
import cliProgress from "cli-progress";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { openApp, type App, type OpenAppOptions } from "./app.js";
import { renderText } from "./answer/render-text.js";
import { validateQuestion } from "./answer/ask.js";
import { evaluate, formatSummary, readQuestions } from "./eval/evaluate.js";
import type { AnswerResult, AskOptions } from "./types.js";
import { UserError } from "./types.js";

// One command line for every job: the CLI calls the same functions as the bot.

interface CommonOptions {
  index?: string;
  data?: string;
  json?: boolean;
}

function configFrom(options: CommonOptions): Config {
  return loadConfig({
    ...process.env,
    ...(options.index ? { INDEX_DIR: options.index } : {}),
    ...(options.data ? { DATA_DIR: options.data } : {}),
  });
}

/** A progress bar on stderr while the first run builds the index (stdout stays clean for --json). */
export function buildProgress(): OpenAppOptions {
  let bar: cliProgress.SingleBar | null = null;
  return {
    onBuildStart(total) {
      process.stderr.write("Building the index from the bundled reports (first run)…\n");
      bar = new cliProgress.SingleBar({ stream: process.stderr, format: "  {bar} {value}/{total} reports | {duration}s", hideCursor: true }, cliProgress.Presets.shades_classic);
      bar.start(total, 0);
    },
    onBuildProgress(done) {
      bar?.update(done);
    },
    onBuildDone(report) {
      bar?.stop();
      for (const p of report.problems) process.stderr.write(`  skipped ${p.file}: ${p.message}\n`);
      process.stderr.write(`  ${report.added} reports indexed in ${(report.ms / 1000).toFixed(1)} s\n`);
    },
  };
}

async function withApp<T>(options: CommonOptions, work: (app: App, config: Config) => Promise<T>, openOptions: OpenAppOptions = buildProgress()): Promise<T> {
  const config = configFrom(options);
  const app = await openApp(config, openOptions);
  try {
    return await work(app, config);
  } finally {
    await app.close();
  }
}

function askOptions(o: { place?: string; from?: string; to?: string; source?: string }): AskOptions {
  return { place: o.place, from: o.from, to: o.to, source: o.source };
}

/** The answer as JSON; `filters` appears when a filter applied (from options or the question). */
const toJson = (r: AnswerResult) => ({
  question: r.question,
  found: r.found,
  answer: r.answer,
  ...(Object.keys(r.filters).length ? { filters: r.filters } : {}),
  citations: r.citations,
});

export function buildProgram(): Command {
  const program = new Command("committee-reports").description("Questions and answers over Party Committee conference reports, with citations.");
  const indexOption = () => new Option("--index <dir>", "index folder (env INDEX_DIR, default embeddings/index)");
  const dataOption = () => new Option("--data <dir>", "folder of reports (env DATA_DIR, default data)");
  const filterOptions = (c: Command) =>
    c
      .option("--place <name>", "only reports about this province or district")
      .option("--from <date>", "only reports dated on or after YYYY-MM-DD")
      .option("--to <date>", "only reports dated on or before YYYY-MM-DD")
      .option("--source <outlet>", "only reports from this outlet");

  filterOptions(
    program
      .command("ask")
      .description("answer a question (or one per line on stdin with --jsonl; a prompt when no question is given)")
      .argument("[question...]", "the question")
      .addOption(indexOption())
      .addOption(dataOption())
      .option("--json", "print exactly one JSON object")
      .option("--jsonl", "read one question per line on stdin, print one JSON object per line"),
  ).action(async (words: string[], o) => {
    if (o.jsonl) {
      await withApp(o, async (app) => {
        const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
        for await (const line of lines) {
          if (!line.trim()) continue;
          try {
            process.stdout.write(`${JSON.stringify(toJson(await app.ask(line, askOptions(o))))}\n`);
          } catch (error) {
            if (!(error instanceof UserError)) throw error;
            process.stdout.write(`${JSON.stringify({ question: line, error: error.message })}\n`);
          }
        }
      });
      return;
    }
    const question = words.join(" ");
    if (!question.trim() && process.stdin.isTTY && !o.json) {
      await withApp(o, (app) => terminalQa(app));
      return;
    }
    const config = configFrom(o);
    validateQuestion(question, config.maxQuestionChars); // before loading the model: bad input fails fast
    await withApp(o, async (app) => {
      const result = await app.ask(question, askOptions(o));
      process.stdout.write(o.json ? `${JSON.stringify(toJson(result))}\n` : `${renderText(result)}\n`);
    });
  });

  program
    .command("index")
    .description("(re)build the index from a folder of reports; unchanged reports are not re-embedded")
    .addOption(indexOption())
    .addOption(dataOption())
    .option("--json", "print the report as JSON")
    .action(async (o) => {
      const dataDir = configFrom(o).dataDir;
      if (!fs.existsSync(dataDir)) throw new UserError(`The data folder ${dataDir} does not exist. Give one with --data DIR (or DATA_DIR).`);
      await withApp(
        o,
        async (app, config) => {
          const bar = o.json ? null : new cliProgress.SingleBar({ stream: process.stderr, format: "  {bar} {value}/{total} reports", hideCursor: true }, cliProgress.Presets.shades_classic);
          const report = await app.library.syncDataDir(config.dataDir, (done, total) => {
            if (bar && done === 0) bar.start(total, 0);
            bar?.update(done);
          });
          bar?.stop();
          if (o.json) process.stdout.write(`${JSON.stringify(report)}\n`);
          else {
            for (const p of report.problems) process.stderr.write(`skipped ${p.file}: ${p.message}\n`);
            const s = app.library.stats();
            process.stdout.write(
              `Indexed ${config.dataDir} → ${app.library.health().backend}\n  added ${report.added}, updated ${report.updated}, unchanged ${report.unchanged}, removed ${report.removed} in ${(report.ms / 1000).toFixed(2)} s\n  now ${s.articles} reports, ${s.passages} passages\n`,
            );
          }
          if (report.problems.length && report.added + report.updated + report.unchanged === 0) process.exitCode = 1;
        },
        { buildIfEmpty: false },
      );
    });

  program
    .command("stats")
    .description("articles, passages, model, dimension, index size, build time")
    .addOption(indexOption())
    .addOption(dataOption())
    .option("--json", "print JSON")
    .action(async (o) => {
      await withApp(o, async (app, config) => {
        const s = app.library.stats();
        if (o.json) return void process.stdout.write(`${JSON.stringify(s)}\n`);
        const rows: [string, string][] = [
          ["index", app.library.health().backend],
          ["articles", String(s.articles)],
          ["passages", String(s.passages)],
          ["model", s.model],
          ["dimension", String(s.dimension)],
          ["index size", `${(s.indexBytes / 1024 / 1024).toFixed(2)} MiB`],
          ["built", s.builtAt ? `${s.builtAt}${s.buildMs !== null ? ` in ${(s.buildMs / 1000).toFixed(2)} s` : ""}` : "never"],
          ["places", s.places.join(", ") || "-"],
          ["dates", s.dateRange.from ? `${s.dateRange.from} … ${s.dateRange.to}` : "-"],
        ];
        process.stdout.write(rows.map(([k, v]) => `${k.padEnd(10)} ${v}`).join("\n") + "\n");
      });
    });

  const library = program.command("library").description("add, remove, list and reindex articles");
  library
    .command("add")
    .argument("<source>", "a file, a folder or an http(s) URL")
    .addOption(indexOption())
    .option("--json", "print JSON")
    .action(async (source: string, o) => {
      await withApp(o, async (app) => {
        const results = await app.library.add(/^https?:\/\//i.test(source) || /^[a-z]+:\/\//i.test(source) ? { kind: "url", url: source } : { kind: "path", path: source });
        if (o.json) process.stdout.write(`${JSON.stringify(results)}\n`);
        else for (const r of results) process.stdout.write(`${(r.status === "unchanged" ? "already indexed" : r.status).padEnd(15)} ${r.article.id}  ${r.article.title}${r.passages ? ` (${r.passages} passages)` : ""}\n`);
      });
    });
  library
    .command("remove")
    .argument("<idOrUrl>", "an article id (see list) or its url")
    .addOption(indexOption())
    .option("--json", "print JSON")
    .action(async (idOrUrl: string, o) => {
      await withApp(o, async (app) => {
        const removed = await app.library.remove(idOrUrl);
        process.stdout.write(o.json ? `${JSON.stringify(removed)}\n` : `removed ${removed.id}  ${removed.title}\n`);
      });
    });
  library
    .command("list")
    .addOption(indexOption())
    .option("--offset <n>", "skip this many", "0")
    .option("--limit <n>", "show this many", "50")
    .option("--json", "print JSON")
    .action(async (o) => {
      await withApp(o, async (app) => {
        const page = app.library.list({ offset: Number(o.offset), limit: Number(o.limit) });
        if (o.json) return void process.stdout.write(`${JSON.stringify(page)}\n`);
        for (const a of page.items) process.stdout.write(`${a.id}  ${a.date ?? "????-??-??"}  ${a.title}${a.place ? `  [${a.place}]` : ""}\n`);
        process.stdout.write(`${page.items.length} of ${page.total}\n`);
      });
    });
  library
    .command("reindex")
    .description("rebuild every article with the configured model, beside the live index, then switch")
    .addOption(indexOption())
    .option("--json", "print JSON")
    .action(async (o) => {
      const config = configFrom(o);
      const { reindexWithModel } = await import("./library/reindex-cli.js");
      const result = await reindexWithModel(config, o.json ? undefined : (p) => process.stderr.write(`\r  ${p.phase} ${p.done}/${p.total}   `));
      if (!o.json) process.stderr.write("\n");
      process.stdout.write(o.json ? `${JSON.stringify(result)}\n` : `reindexed ${result.articles} articles, ${result.passages} passages in ${(result.ms / 1000).toFixed(2)} s\n`);
    });

  program
    .command("eval")
    .description("ask every question of a file (format of shared/eval/dev.jsonl) and score the answers")
    .requiredOption("--questions <file>", "questions, one JSON object per line")
    .addOption(indexOption())
    .addOption(dataOption())
    .option("--json", "print JSON")
    .action(async (o) => {
      const questions = readQuestions(o.questions);
      await withApp(o, async (app) => {
        const summary = await evaluate(app.ask, questions);
        process.stdout.write(o.json ? `${JSON.stringify(summary)}\n` : `${formatSummary(summary)}\n`);
      });
    });

  return program;
}

/** The terminal Q&A: a prompt, an answer with sources, until an empty line or Ctrl-D. */
export async function terminalQa(app: App): Promise<void> {
  const s = app.library.stats();
  process.stdout.write(`${s.articles} reports (${s.places.join(", ")}), ${s.dateRange.from ?? "?"} … ${s.dateRange.to ?? "?"}. Ask a question; Ctrl-D to quit.\n`);
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, prompt: "? " });
  rl.prompt();
  for await (const line of rl) {
    if (line.trim()) {
      try {
        process.stdout.write(`\n${renderText(await app.ask(line))}\n\n`);
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        process.stdout.write(`${error.message}\n`);
      }
    }
    rl.prompt();
  }
}

/** Runs the CLI; user mistakes print one clear line and exit non-zero, bugs print a stack. */
export async function runCli(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof UserError || error instanceof ConfigError) {
      process.stderr.write(`error: ${error.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runCli(process.argv);
