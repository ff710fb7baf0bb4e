import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testEmbedder } from "../helpers/app.js";
import { dryRun, planKills, prepareFixture, removeFixture, runKills, seededRandom, type DryRun, type Fixture, type KillRun, type Mode } from "../helpers/crash-harness.js";
import type { Embedder } from "../../src/embed/embedder.js";

// SIGKILL a process adding articles or reindexing, at its crash points and at random moments, then check
// that the index it left opens, recovers, answers and holds every article whole or not at all.
// A failing series replays with CRASH_SEED=<seed printed in the failure>.
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const KILLS = Number(process.env.CRASH_KILLS ?? 20);

let embedder: Embedder;
let fixture: Fixture;
const dry = {} as Record<Mode, DryRun>;

beforeAll(async () => {
  embedder = await testEmbedder();
  fixture = await prepareFixture(embedder);
  [dry.add, dry.reindex] = await Promise.all([dryRun(fixture, embedder, "add"), dryRun(fixture, embedder, "reindex")]);
});
afterAll(() => fixture && removeFixture(fixture));

describe("crash safety", () => {
  it("a job that is not killed passes every crash point and leaves a whole index", () => {
    expect(dry.add.failures).toEqual([]);
    expect(dry.reindex.failures).toEqual([]);
    expect(dry.add.points).toContain("committed, graph behind");
    expect(dry.add.points).toContain("in transaction");
    expect(dry.reindex.points.some((p) => p.includes("CURRENT.tmp"))).toBe(true);
  });

  it(`${KILLS} kills at crash points and random moments of add and reindex all leave a whole index (seed ${SEED})`, async () => {
    const plans = planKills(KILLS, dry, seededRandom(SEED));
    const runs = await runKills(fixture, embedder, plans, 2);
    const broken = runs.filter((r) => r.failures.length).map(describeRun);
    expect(broken, `seed ${SEED}`).toEqual([]);
    expect(runs).toHaveLength(KILLS);
    // The series really killed writers mid-job, in both jobs: every kill planned at a crash point landed
    // there. (A random delay may outlast a job that runs faster than the dry run did, so those may complete.)
    const atPoints = runs.filter((r) => r.pauseAt !== undefined);
    expect(atPoints.filter((r) => r.killedAt === "completed").map(describeRun)).toEqual([]);
    expect(new Set(atPoints.map((r) => r.mode))).toEqual(new Set(["add", "reindex"]));
  }, 120_000);
});

function describeRun(r: KillRun): string {
  const how = r.pauseAt !== undefined ? `point ${r.pauseAt}` : `after ${r.delayMs} ms`;
  return `${r.mode} killed ${how} (at "${r.killedAt}"): ${r.failures.join("; ")}`;
}
