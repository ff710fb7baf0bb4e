import { loadConfig } from "../../src/config.js";
import { loadWordVectors, type WordVectors } from "../../src/embed/word-vectors.js";

let vectors: Promise<WordVectors> | null = null;

/** The shipped model's real word vectors, loaded once per test worker (about 2–3 s). */
export function testWordVectors(): Promise<WordVectors> {
  vectors ??= loadWordVectors({ modelsDir: loadConfig({}).modelsDir });
  return vectors;
}
