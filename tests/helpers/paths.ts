import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SHARED = path.resolve(ROOT, "../shared");
export const SEED_DIR = path.join(SHARED, "corpus/seed");
export const EXTRA_DIR = path.join(SHARED, "corpus/extra");
export const DEV_QUESTIONS = path.join(SHARED, "eval/dev.jsonl");
export const DATA_DIR = path.join(ROOT, "data");
