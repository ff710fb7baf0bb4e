import { afterAll, beforeAll } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig, type Config } from "../../src/config.js";
import { createEmbedder, type Embedder } from "../../src/embed/embedder.js";
import { openApp, type App } from "../../src/app.js";
import type { AddSource } from "../../src/types.js";
import { DATA_DIR } from "./paths.js";
import { testWordVectors } from "./word-vectors.js";

let embedder: Promise<Embedder> | null = null;

/** The real offline model, loaded once per test worker. */
export function testEmbedder(): Promise<Embedder> {
  const config = loadConfig({});
  embedder ??= createEmbedder({ model: config.embeddingModel, modelsDir: config.modelsDir, cacheDir: config.modelCacheDir, quantized: true, allowRemoteModels: false });
  return embedder;
}

export function tempDir(prefix = "reports-test-"): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A config whose index lives in a fresh temporary folder, offline, with the given data folder. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ INDEX_DIR: tempDir("reports-index-"), DATA_DIR, ALLOW_REMOTE_MODELS: "false", LOG_LEVEL: "silent", ...overrides });
}

/** An app over a fresh index built from `dataDir` (default: the bundled seed reports). */
export async function testApp(overrides: Record<string, string> = {}): Promise<{ app: App; config: Config }> {
  const config = testConfig(overrides);
  const app = await openApp(config, { embedder: await testEmbedder(), wordVectors: await testWordVectors() });
  return { app, config };
}

/** An upload of a Markdown report: `front` is its front matter's lines (title, url, date, place), `text` its body. */
/**
 * A test app of a describe block's own, holding `reports`: opened before the block's tests, closed after them. Call
 * the returned function inside a test for the app.
 */
export function appWithReports(...reports: AddSource[]): () => App {
  let app: App | undefined;
  beforeAll(async () => {
    ({ app } = await testApp());
    for (const report of reports) await app.library.add(report);
  });
  afterAll(() => app?.close());
  return () => app!;
}

export const markdownUpload = (fileName: string, front: string, text: string): AddSource & { kind: "upload" } => ({
  kind: "upload",
  fileName,
  bytes: new TextEncoder().encode(`---\n${front}\n---\n${text}`),
});

/** An upload of a one-paragraph year-end report: the province admitted `members` new party members in 2023. */
export const reportUpload = (place: string, url: string, members: string): AddSource =>
  markdownUpload(
    `${place}.md`,
    `title: "${place}: Party Committee reviews 2023"\nurl: ${url}\ndate: 2023-12-20\nplace: ${place} province`,
    `On December 20, the ${place} Provincial Party Committee held a conference to review the work of 2023 and set the tasks for 2024. ` +
      `The province admitted ${members} new party members during the year, and budget revenue reached 4,321 billion VND.\n`,
  );

/** A one-paragraph Markdown report with front matter: Quang Tri admitted 2,345 new party members in 2023. */
export const QUANG_TRI_REPORT = `---
title: "Quang Tri: Party Committee reviews 2023"
url: https://example.org/quang-tri-2023
date: 2023-12-20
source: example.org
place: Quang Tri province
---
On December 20, the Quang Tri Provincial Party Committee held a conference to review 2023. The province admitted 2,345 new party members during the year, and budget revenue reached 4,321 billion VND.
`;
