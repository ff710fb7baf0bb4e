// Synthetic corpora for the benchmark: N passages recombined from the real articles in
// ../shared/corpus, deterministic for a given seed.
//
// Each synthetic article copies the shape of a real one (its number of paragraphs and the number of
// sentences in each), keeps about 60% of its sentences and draws the rest from the whole sentence pool,
// then moves it to another of the 63 provinces and to another date: place names, years and other
// figures in the text and title are rewritten. So the vocabulary, sentence and passage lengths are
// those of the real reports, while no two passages (and no two article contents) are the same.
//
// Output: a data folder of .jsonl files (500 articles each) that `Library.syncDataDir` reads through
// the real ingest path (JSON reader, cleaning, chunking). Generated data lives under
// /tmp/committee-bench (or BENCH_TMP), never in the repository.
//
//   npx tsx bench/synth.ts 10k [--seed 1] [--out DIR]

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chunkArticle } from "../src/chunk/chunk.js";
import { readDataDir } from "../src/ingest/index.js";
import { PLACES, placeLabel } from "../src/text/places.js";
import { splitSentences } from "../src/text/sentences.js";
import type { ArticleInput } from "../src/types.js";

export const BENCH_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)));
export const PROJECT_ROOT = path.resolve(BENCH_ROOT, "..");
export const DEFAULT_CORPUS = path.resolve(PROJECT_ROOT, "..", "shared", "corpus");
export const BENCH_TMP = process.env.BENCH_TMP ?? path.join(os.tmpdir(), "committee-bench");
/** Bumped whenever the generator changes, so cached corpora are regenerated. */
export const SYNTH_VERSION = 2;
const ARTICLES_PER_FILE = 500;

export const TIERS: Record<string, number> = { "1k": 1_000, "10k": 10_000, "100k": 100_000, "1m": 1_000_000 };

export function tierSize(tier: string): number {
  const n = TIERS[tier.toLowerCase()];
  if (!n) throw new Error(`Unknown tier "${tier}"; use one of ${Object.keys(TIERS).join(", ")}`);
  return n;
}

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

export interface SourceArticle {
  title: string;
  source: string | null;
  /** Sentences of each paragraph. */
  paragraphs: string[][];
}

export interface Sources {
  articles: SourceArticle[];
  sentences: string[];
}

/** Reads and cleans the real articles through the project's own ingest (so the text is what the index sees). */
export async function loadSources(corpusDir = DEFAULT_CORPUS): Promise<Sources> {
  const { articles } = await readDataDir(corpusDir);
  if (articles.length === 0) throw new Error(`No articles in ${corpusDir}`);
  const out: SourceArticle[] = [];
  const sentences: string[] = [];
  for (const a of articles) {
    const paragraphs = a.text
      .split("\n\n")
      .map((p) => splitSentences(p.trim()).filter((s) => s.length > 0))
      .filter((p) => p.length > 0);
    if (!paragraphs.length) continue;
    out.push({ title: a.title, source: a.source, paragraphs });
    for (const p of paragraphs) sentences.push(...p);
  }
  return { articles: out, sentences };
}

const PLACE_TARGETS = PLACES.map((p) => ({ name: p.name, label: placeLabel(p) }));
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Every place name and alias of the gazetteer, longest first, so "Ha Nam" is not read inside "Ha Nam Ninh". */
const PLACE_RE = new RegExp(
  `\\b(${PLACES.flatMap((p) => [p.name, ...p.aliases.filter((a) => /^[\x20-\x7e]+$/.test(a))])
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join("|")})\\b`,
  "g",
);
const NUMBER_RE = /\d+/g;

/** Moves a sentence to another place and year: place names → `place`, years shifted by `yearShift`, other figures redrawn. */
function relocate(text: string, place: string, yearShift: number, rand: () => number): string {
  return text.replace(PLACE_RE, place).replace(NUMBER_RE, (digits) => {
    const n = Number(digits);
    if (digits.length === 4 && n >= 1990 && n <= 2030) return String(Math.min(2030, Math.max(1990, n + yearShift)));
    if (digits.length === 1) return digits; // "No. 2", "Resolution 1": keep small labels
    const lo = 10 ** (digits.length - 1);
    return String(lo + Math.floor(rand() * (9 * lo)));
  });
}

export interface SynthArticle {
  title: string;
  url: string;
  date: string;
  source: string | null;
  place: string;
  text: string;
}

/**
 * Yields synthetic articles until their passages (as chunkArticle cuts them) reach `passages`.
 * The ingest's cleaning may still merge or drop a few, so the index reports the exact count.
 */
export function* synthArticles(sources: Sources, passages: number, seed = 1): Generator<SynthArticle & { passages: number }> {
  const rand = prng(seed);
  let total = 0;
  let n = 0;
  while (total < passages) {
    const template = pick(rand, sources.articles);
    const target = pick(rand, PLACE_TARGETS);
    const year = 2015 + Math.floor(rand() * 11);
    const month = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    const date = `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    const yearShift = year - 2024;
    const used = new Set<string>();
    const paragraphs = template.paragraphs.map((sentences) =>
      sentences
        .map((s) => {
          let sentence = rand() < 0.6 ? s : pick(rand, sources.sentences);
          if (used.has(sentence)) sentence = pick(rand, sources.sentences);
          used.add(sentence);
          return relocate(sentence, target.name, yearShift, rand);
        })
        .join(" "),
    );
    // The cleaner drops repeated paragraphs; make each one distinct.
    const text = [...new Set(paragraphs)].join("\n\n");
    const title = relocate(template.title, target.name, yearShift, rand);
    const count = chunkArticle({ id: "x", text }).length;
    total += count;
    n++;
    yield { title, url: `https://bench.example/report/${seed}/${n}`, date, source: template.source, place: target.label, text, passages: count };
  }
}

export interface CorpusManifest {
  version: number;
  seed: number;
  target: number;
  articles: number;
  /** Passages as chunkArticle cuts the synthetic text (the index's count is the exact one). */
  passages: number;
  files: number;
  ms: number;
}

/** Writes (or reuses, when already complete) the data folder for `passages` passages. */
export async function ensureCorpus(passages: number, seed = 1, outDir?: string, log: (s: string) => void = () => {}): Promise<{ dir: string; manifest: CorpusManifest }> {
  const dir = outDir ?? path.join(BENCH_TMP, "data", `p${passages}-s${seed}-v${SYNTH_VERSION}`);
  const manifestPath = path.join(dir, ".manifest.json");
  if (fs.existsSync(manifestPath)) {
    const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as CorpusManifest;
    if (manifest.version === SYNTH_VERSION && manifest.target === passages && manifest.seed === seed) return { dir, manifest };
  }
  const started = Date.now();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const sources = await loadSources();
  let articles = 0;
  let total = 0;
  let files = 0;
  let lines: string[] = [];
  const flush = () => {
    if (!lines.length) return;
    fs.writeFileSync(path.join(dir, `reports-${String(files).padStart(5, "0")}.jsonl`), lines.join("\n") + "\n");
    files++;
    lines = [];
  };
  for (const a of synthArticles(sources, passages, seed)) {
    const { passages: count, ...record } = a;
    lines.push(JSON.stringify(record));
    articles++;
    total += count;
    if (lines.length >= ARTICLES_PER_FILE) flush();
    if (articles % 20_000 === 0) log(`  synth: ${total.toLocaleString()} / ${passages.toLocaleString()} passages`);
  }
  flush();
  const manifest: CorpusManifest = { version: SYNTH_VERSION, seed, target: passages, articles, passages: total, files, ms: Date.now() - started };
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return { dir, manifest };
}

// ------------------------------------------------------------------------------------------------ questions

const TOPICS = [
  "GRDP growth rate",
  "economic growth",
  "state budget revenue",
  "budget collection",
  "party members disciplined",
  "new party members admitted",
  "inspection and supervision work",
  "anti-corruption and negativity",
  "administrative reform",
  "digital transformation",
  "new rural construction",
  "poverty reduction",
  "personnel work",
  "cadre planning",
  "mass mobilization work",
  "propaganda work",
  "Party building and rectification",
  "investment attraction",
  "public investment disbursement",
  "national defense and security",
  "grassroots party organizations",
  "resolution of the Provincial Party Congress",
  "implementation of Directive 35",
  "Party congresses at all levels",
  "socio-economic targets",
];

const TEMPLATES = [
  (place: string, topic: string, year: number) => `What was the ${topic} in ${place} in ${year}?`,
  (place: string, topic: string) => `What did the ${place} Provincial Party Committee say about ${topic}?`,
  (place: string, topic: string, year: number) => `How did ${place} do on ${topic} in ${year}?`,
  (place: string, topic: string) => `What are ${place}'s tasks for ${topic}?`,
  (place: string, topic: string, year: number) => `Results of ${topic} in ${place} ${year}`,
  (place: string, topic: string) => `Which shortcomings in ${topic} did ${place} point out?`,
  (place: string, _topic: string, year: number) => `How many party members were disciplined in ${place} in ${year}?`,
  (place: string, _topic: string, year: number) => `How many new party members did ${place} admit in ${year}?`,
];

/** Place + topic questions like the ones users ask, deterministic for a seed; a few real eval questions first. */
export function makeQuestions(count: number, seed = 7): string[] {
  const rand = prng(seed);
  const out: string[] = [];
  const devFile = path.resolve(PROJECT_ROOT, "..", "shared", "eval", "dev.jsonl");
  if (fs.existsSync(devFile)) {
    for (const line of fs.readFileSync(devFile, "utf8").split("\n")) {
      if (!line.trim()) continue;
      try {
        const q = (JSON.parse(line) as { q?: string }).q;
        if (q && out.length < Math.floor(count / 10)) out.push(q);
      } catch {
        // Not a question line: skip.
      }
    }
  }
  while (out.length < count) {
    const place = pick(rand, PLACES).name;
    const topic = pick(rand, TOPICS);
    const year = 2015 + Math.floor(rand() * 11);
    out.push(pick(rand, TEMPLATES)(place, topic, year));
  }
  return out;
}

export type { ArticleInput };

// ------------------------------------------------------------------------------------------------ CLI

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const tier = args.find((a) => !a.startsWith("--")) ?? "10k";
  const seedAt = args.indexOf("--seed");
  const outAt = args.indexOf("--out");
  const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 1;
  const out = outAt >= 0 ? args[outAt + 1] : undefined;
  const { dir, manifest } = await ensureCorpus(tierSize(tier), seed, out, (s) => console.error(s));
  console.log(JSON.stringify({ dir, ...manifest }));
}
