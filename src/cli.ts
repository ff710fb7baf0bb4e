import "./env.js";
import fs from "node:fs";
import readline from "node:readline";
import { Command, Option } from "commander";
import cliProgress from "cli-progress";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { openApp, type App, type OpenAppOptions } from "./app.js";
import { renderText } from "./answer/render-text.js";
import { outcomeLead, translations, translatorFor } from "./bot/i18n.js";
import { validateQuestion } from "./answer/ask.js";
import { evaluate, formatSummary, readQuestions } from "./eval/evaluate.js";
import { createFeedWatcher, inlineFeedParser, kindName, parseKeywords, type FeedLibrary, type FeedWatcher } from "./library/feeds/index.js";
import type { AnswerResult, AskOptions } from "./types.js";
import { storageFault } from "./store/faults.js";
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

/** A file name as one printable line: quoted with escapes when it holds a line break or another control character. */
const printableName = (name: string) => (/[\p{Cc}\p{Cf}]/u.test(name) ? JSON.stringify(name) : name);

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
      for (const p of report.problems) process.stderr.write(`  skipped ${printableName(p.file)}: ${p.message}\n`);
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

/**
 * The watched feeds (feeds.db in the index folder). Only `check` indexes, so only it loads the model and opens
 * the library; add, list, remove and keywords touch nothing but feeds.db (and the feed's address, for add).
 */
async function withFeeds(options: CommonOptions, work: (feeds: FeedWatcher) => Promise<void>, withLibrary = false): Promise<void> {
  const run = async (config: Config, library: FeedLibrary) => {
    // The command line reads feeds on its own thread: nothing else waits on it, and a worker costs a second.
    const feeds = createFeedWatcher({ config, library, parser: inlineFeedParser() });
    try {
      await work(feeds);
    } finally {
      await feeds.close();
    }
  };
  if (withLibrary) return withApp(options, (app, config) => run(config, app.library));
  const unused = () => Promise.reject(new Error("this feeds command does not index"));
  return run(configFrom(options), { fetchUrl: unused, addArticles: unused });
}

function askOptions(o: { place?: string; from?: string; to?: string; source?: string }): AskOptions {
  return { place: o.place, from: o.from, to: o.to, source: o.source };
}

/** The bot's English words for outcomes that are not answers, so the terminal and Telegram say the same. */
const englishLead = (outcome: AnswerResult["outcome"]) => outcomeLead(translatorFor(translations(), "en"), outcome);

/**
 * The answer as JSON: `outcome` is the typed result ("answered", "near_miss", "declined", "no_matching_reports");
 * a near miss also has `nearMiss` (what was asked, what differs, the figures given); an answer to a fact-checker's
 * claim has `check` (the claimed figure, the reports', the verdict); `text` is the English lead of an outcome that is
 * not an answer, or the verdict on a claim; `filters` appears when a filter applied.
 */
const toJson = (r: AnswerResult) => ({
  question: r.question,
  found: r.found,
  outcome: r.outcome.kind,
  ...(r.outcome.kind === "near_miss" ? { nearMiss: { asked: r.outcome.asked, differs: r.outcome.differs, given: r.outcome.given } } : {}),
  ...(r.outcome.kind === "declined" ? { declined: r.outcome.reason } : {}),
  ...(englishLead(r.outcome) ? { text: englishLead(r.outcome) } : {}),
  answer: r.answer,
  ...(r.figures?.length ? { figures: r.figures } : {}),
  ...(r.outcome.kind === "answered" && r.outcome.check ? { check: r.outcome.check } : {}),
  ...(r.corrections?.length ? { corrections: r.corrections } : {}),
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
      process.stdout.write(o.json ? `${JSON.stringify(toJson(result))}\n` : `${renderText(result, englishLead)}\n`);
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
            for (const p of report.problems) process.stderr.write(`skipped ${printableName(p.file)}: ${p.message}\n`);
            const s = app.library.stats();
            process.stdout.write(
              `Indexed ${config.dataDir} → ${app.library.health().backend}\n  added ${report.added}, updated ${report.updated}, unchanged ${report.unchanged}, removed ${report.removed} in ${(report.ms / 1000).toFixed(2)} s\n  now ${s.articles} reports, ${s.passages} passages\n`,
            );
          }
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

  const library = program.command("library").description("add, remove, list, reindex, back up and restore articles");
  library
    .command("add")
    .argument("<source>", "a file, a folder or an http(s) URL")
    .addOption(indexOption())
    .option("--json", "print JSON")
    .action(async (source: string, o) => {
      await withApp(o, async (app) => {
        const results = await app.library.add(isAddress(source) ? { kind: "url", url: source } : { kind: "path", path: source });
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

  library
    .command("backup")
    .description("write a consistent copy of the index folder (library, graph, bot settings, feeds) into a new folder; safe while the bot runs")
    .argument("<folder>", "a folder that does not exist yet (or is empty)")
    .addOption(indexOption())
    .option("--json", "print JSON")
    .action(async (folder: string, o) => {
      const config = configFrom(o);
      const { backupIndex } = await import("./library/backup.js");
      const m = await backupIndex(config, folder);
      process.stdout.write(o.json ? `${JSON.stringify(m)}\n` : `backed up ${m.articles} articles, ${m.passages} passages${m.sideDatabases.length ? ` and ${m.sideDatabases.join(", ")}` : ""} into ${folder}\n`);
    });
  library
    .command("restore")
    .description("replace the library (and the bot's settings and feeds) with a backup; a running bot answers from it at its next question")
    .argument("<folder>", "a folder written by library backup")
    .addOption(indexOption())
    .option("--json", "print JSON")
    .action(async (folder: string, o) => {
      const config = configFrom(o);
      const { restoreIndex, checkRestorable } = await import("./library/backup.js");
      checkRestorable(config, folder); // refused before the model loads
      const { createEmbedder, embedderOptions } = await import("./embed/embedder.js");
      const m = await restoreIndex(config, folder, { embedder: await createEmbedder(embedderOptions(config)) });
      process.stdout.write(o.json ? `${JSON.stringify(m)}\n` : `restored ${m.articles} articles, ${m.passages} passages${m.sideDatabases.length ? ` and ${m.sideDatabases.join(", ")}` : ""} from ${folder} (backed up ${m.createdAt})\n`);
    });

  const feeds = library.command("feeds").description("watch outlets' RSS / Atom feeds and sitemaps: add, list, remove, check, keywords");
  feeds
    .command("add")
    .description("read a feed (RSS 2.0, Atom, sitemap or sitemap index, recognised by its content) and watch it")
    .argument("<url>", "the feed's address")
    .option("--keywords <list>", "comma-separated relevance keywords for this feed (default: Party Committee / conference words)")
    .addOption(indexOption())
    .option("--json", "print JSON")
    .action(async (url: string, o) => {
      await withFeeds(o, async (watcher) => {
        const { feed, entries } = await watcher.add(url, { keywords: o.keywords ? parseKeywords(o.keywords) : null });
        process.stdout.write(o.json ? `${JSON.stringify({ ...feed, entries })}\n` : `watching ${feed.url}  (${kindName(feed.kind)}, ${entries} entries${feed.title ? `, "${feed.title}"` : ""})\n`);
      });
    });
  feeds
    .command("list")
    .description("the watched feeds: last check, last new item, items indexed and skipped, last error")
    .addOption(indexOption())
    .option("--json", "print JSON")
    .action(async (o) => {
      await withFeeds(o, async (watcher) => {
        const list = watcher.list();
        if (o.json) return void process.stdout.write(`${JSON.stringify(list)}\n`);
        const at = (t: number | null) => (t === null ? "never" : new Date(t).toISOString());
        for (const f of list) {
          process.stdout.write(
            `${f.url}  ${kindName(f.kind)}${f.title ? `  "${f.title}"` : ""}\n  checked ${at(f.lastCheckAt)}  new item ${at(f.lastNewItemAt)}  indexed ${f.itemsIndexed}  skipped ${f.itemsSkipped}  keywords ${f.keywords ? f.keywords.join(", ") : "default"}\n${f.lastError ? `  last error (${f.failures} in a row): ${f.lastError}\n` : ""}`,
          );
        }
        process.stdout.write(`${list.length} feed${list.length === 1 ? "" : "s"}\n`);
      });
    });
  feeds
    .command("remove")
    .description("stop watching a feed (reports already indexed from it stay)")
    .argument("<url>", "the feed's address, as listed")
    .addOption(indexOption())
    .action(async (url: string, o) => {
      await withFeeds(o, async (watcher) => {
        process.stdout.write(`removed ${watcher.remove(url).url}\n`);
      });
    });
  feeds
    .command("keywords")
    .description('set a feed\'s relevance keywords ("default" restores the default rule)')
    .argument("<url>", "the feed's address, as listed")
    .argument("<keywords...>", 'comma-separated keywords, or "default"')
    .addOption(indexOption())
    .action(async (url: string, words: string[], o) => {
      await withFeeds(o, async (watcher) => {
        const list = words.join(" ").trim();
        const feed = watcher.setKeywords(url, /^default$/i.test(list) ? null : parseKeywords(list));
        process.stdout.write(`${feed.url}: ${feed.keywords ? feed.keywords.join(", ") : "default keywords"}\n`);
      });
    });
  feeds
    .command("check")
    .description("check every feed once, now, and index what is new and relevant (exit 1 when a feed failed)")
    .addOption(indexOption())
    .option("--json", "print JSON")
    .action(async (o) => {
      await withFeeds(o, async (watcher) => {
        const round = await watcher.checkAll();
        if (o.json) process.stdout.write(`${JSON.stringify(round)}\n`);
        else {
          for (const r of round.outcomes) {
            if (r.status === "not_modified") process.stdout.write(`${r.feedUrl}: not changed\n`);
            else if (r.status === "error") process.stderr.write(`${r.feedUrl}: ${r.message}\n`);
            else process.stdout.write(`${r.feedUrl}: ${r.indexed.length} new, ${r.skipped} skipped, ${r.refused} refused, ${r.failed} failed${r.deferred ? `, ${r.deferred} left for the next check` : ""}\n`);
          }
          for (const f of round.digest?.feeds ?? []) {
            process.stdout.write(`${f.items.length} new report${f.items.length === 1 ? "" : "s"} from ${f.host}:\n${f.items.map((i) => `  ${i.title}  ${i.url}`).join("\n")}\n`);
          }
        }
        if (round.outcomes.some((r) => r.status === "error")) process.exitCode = 1;
      }, true);
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

/**
 * True when `library add` was given an address rather than a path: anything starting with a scheme
 * ("https:", "data:", "javascript:") that is not an existing file. The fetcher then says which schemes it takes.
 */
function isAddress(source: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(source) && !fs.existsSync(source);
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
        process.stdout.write(`\n${renderText(await app.ask(line), englishLead)}\n\n`);
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
    // A storage fault the library did not already name (a damaged page met mid-query): one line too.
    const fault = storageFault(error);
    if (fault) {
      process.stderr.write(`error: ${fault.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runCli(process.argv);
