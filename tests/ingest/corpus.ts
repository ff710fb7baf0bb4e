// Locates the shared corpus (../shared/corpus next to the repository); tests read it in place, never copy it.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const CORPUS = path.resolve(here, "../../../shared/corpus");
export const SEED = path.join(CORPUS, "seed");
export const EXTRA = path.join(CORPUS, "extra");

export const SEED_IDS = readdirSync(SEED)
  .filter((f) => f.endsWith(".txt"))
  .map((f) => f.replace(/\.txt$/, ""))
  .sort();

/** Raw seed text by number prefix ("000", "004"). */
export function seedText(prefix: string): string {
  const id = SEED_IDS.find((s) => s.startsWith(prefix));
  if (!id) throw new Error(`no seed ${prefix}`);
  return readFileSync(path.join(SEED, `${id}.txt`), "utf8");
}

export function seedSidecar(prefix: string): Record<string, unknown> {
  const id = SEED_IDS.find((s) => s.startsWith(prefix))!;
  return JSON.parse(readFileSync(path.join(SEED, `${id}.json`), "utf8"));
}

export interface ExtraArticle {
  url: string;
  title: string;
  date: string | null;
  source: string;
  text: string;
}

export function extra(num: string): ExtraArticle {
  return JSON.parse(readFileSync(path.join(EXTRA, `${num}.json`), "utf8"));
}

export const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;
