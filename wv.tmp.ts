import { loadWordVectors } from "./src/embed/word-vectors.js";
const v = await loadWordVectors({ modelsDir: "embeddings/models" });
const pairs = process.argv.slice(2).map((p) => p.split(":"));
for (const [a, b] of pairs) console.log(a, b, v.similarity(a!, b!).toFixed(3));
