import type { App } from "../../src/app.js";
import { openApp } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import { FACTS_VERSION } from "../../src/facts/index.js";
import type { Fact } from "../../src/types.js";
import { expect } from "vitest";
import { testEmbedder } from "./app.js";
import { testWordVectors } from "./word-vectors.js";

// An index whose facts an older reader wrote: opening it must re-read them from the stored text.

/** Facts of every passage, by passage id. */
function allFacts(app: App): Map<number, Fact[]> {
  const store = app.library.store();
  const out = new Map<number, Fact[]>();
  for (const a of store.allArticleSummaries()) for (const p of store.articlePassages(a.id)) out.set(p.id, p.facts);
  return out;
}

const open = async (config: Config) => openApp(config, { embedder: await testEmbedder(), wordVectors: await testWordVectors() });

/** Opens the seed reports, blanks their facts as an older reader's, reopens, and checks the facts came back. */
export async function expectFactsReRead(config: Config): Promise<void> {
  const first = await open(config);
  const current = allFacts(first);
  expect([...current.values()].some((f) => f.length > 0)).toBe(true);
  const version = first.library.store().writeVersion();
  first.library.store().rewriteFacts(new Map([...current.keys()].map((id) => [id, []])), { facts_version: "1" });
  expect(first.library.store().writeVersion()).toBe(version + 1);
  expect((await first.ask("How many new party members were admitted in Ha Nam province in 2023?")).figures ?? []).not.toContain("1,251");
  await first.close();

  const reopened = await open(config);
  expect(reopened.library.store().getMeta().facts_version).toBe(String(FACTS_VERSION));
  expect(allFacts(reopened)).toEqual(current);
  expect((await reopened.ask("How many new party members were admitted in Ha Nam province in 2023?")).figures).toContain("1,251");
  // Current facts are left alone: opening again writes nothing.
  const at = reopened.library.store().writeVersion();
  expect(await reopened.library.refreshFacts()).toBe(0);
  expect(reopened.library.store().writeVersion()).toBe(at);
  await reopened.close();
}
