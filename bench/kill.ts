// npx tsx bench/kill.ts [--runs 200] [--concurrency 2] [--seed N] [--json]
//
// Many more SIGKILLs than tests/library/crash.test.ts makes: a child process adds articles (a folder of
// three, one file, one changed seed report, then a removal) or reindexes a copy of the five-seed index,
// and is killed at a random one of its crash points or after a random delay; the index it left is then
// opened and checked (tests/helpers/crash-harness.ts lists the invariants). Prints how many runs were
// made, which crash points the kills hit, and every invariant that failed.

import { testEmbedder } from "../tests/helpers/app.js";
import { dryRun, planKills, prepareFixture, removeFixture, runKills, seededRandom, type KillRun, type Mode } from "../tests/helpers/crash-harness.js";

interface Options {
  runs: number;
  concurrency: number;
  seed: number;
  json: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { runs: 200, concurrency: 2, seed: Math.floor(Math.random() * 2 ** 31), json: false };
  for (let i = 0; i < argv.length; i++) {
    const next = () => Number(argv[++i]);
    if (argv[i] === "--runs") o.runs = next();
    else if (argv[i] === "--concurrency") o.concurrency = next();
    else if (argv[i] === "--seed") o.seed = next();
    else if (argv[i] === "--json") o.json = true;
    else throw new Error(`unknown option ${argv[i]} (use --runs N --concurrency N --seed N --json)`);
  }
  return o;
}

/** A crash point without the pids and temporary folder names that differ between runs. */
const pointName = (label: string) => label.replace(/run-\w+\//g, "").replace(/gen-[a-z0-9]+-\d+/g, "gen").replace(/tmp-\d+/g, "tmp-<pid>");

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const embedder = await testEmbedder();
  const fixture = await prepareFixture(embedder);
  const dry = { add: await dryRun(fixture, embedder, "add"), reindex: await dryRun(fixture, embedder, "reindex") };
  const plans = planKills(o.runs, dry, seededRandom(o.seed));
  let done = 0;
  const runs = await runKills(fixture, embedder, plans, o.concurrency, () => {
    if (!o.json && ++done % 10 === 0) process.stderr.write(`\r  ${done}/${o.runs} runs`);
  });
  if (!o.json) process.stderr.write("\n");
  removeFixture(fixture);

  const hits = new Map<string, number>();
  for (const r of runs) hits.set(`${r.mode}: ${pointName(r.killedAt)}`, (hits.get(`${r.mode}: ${pointName(r.killedAt)}`) ?? 0) + 1);
  const failed = runs.filter((r) => r.failures.length);
  const byMode = (mode: Mode) => runs.filter((r) => r.mode === mode);
  const summary = {
    seed: o.seed,
    runs: runs.length,
    add: { runs: byMode("add").length, crashPoints: dry.add.points.length, killed: byMode("add").filter((r) => r.killedAt !== "completed").length },
    reindex: { runs: byMode("reindex").length, crashPoints: dry.reindex.points.length, killed: byMode("reindex").filter((r) => r.killedAt !== "completed").length },
    atCrashPoint: runs.filter((r) => r.pauseAt !== undefined).length,
    afterRandomDelay: runs.filter((r) => r.delayMs !== undefined).length,
    distinctPointsHit: hits.size,
    pointsHit: Object.fromEntries([...hits].sort((a, b) => b[1] - a[1])),
    invariantFailures: failed.length,
    failures: failed.map(describe),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  if (o.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
  } else {
    const lines = [
      `kill runs: ${summary.runs} (seed ${summary.seed}, ${summary.seconds} s)`,
      `  add:     ${summary.add.runs} runs, ${summary.add.killed} killed mid-job, ${summary.add.crashPoints} crash points per job`,
      `  reindex: ${summary.reindex.runs} runs, ${summary.reindex.killed} killed mid-job, ${summary.reindex.crashPoints} crash points per job`,
      `  killed at a crash point: ${summary.atCrashPoint}, after a random delay: ${summary.afterRandomDelay}`,
      `kill points hit (${summary.distinctPointsHit} distinct):`,
      ...[...hits].sort((a, b) => b[1] - a[1]).map(([label, n]) => `  ${String(n).padStart(4)}  ${label}`),
      `invariant failures: ${summary.invariantFailures}`,
      ...summary.failures.map((f) => `  ${f}`),
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  process.exitCode = failed.length ? 1 : 0;
}

function describe(r: KillRun): string {
  const how = r.pauseAt !== undefined ? `at point ${r.pauseAt}` : `after ${r.delayMs} ms`;
  return `${r.mode} killed ${how} ("${r.killedAt}"): ${r.failures.join("; ")}`;
}

await main();
