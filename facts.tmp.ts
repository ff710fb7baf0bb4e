import { readFileSync } from "node:fs";
import { articleFacts } from "./src/facts/index.js";
const d = JSON.parse(readFileSync(process.argv[2]!, "utf8"));
const paras = d.text.split(/\n+/).map((text: string) => ({ text }));
const facts = articleFacts({ date: d.date ?? null, place: d.place ?? null, text: d.text, title: d.title }, paras);
facts.forEach((fs, i) => fs.filter((f) => !process.argv[3] || JSON.stringify(f).includes(process.argv[3]!)).forEach((f) => console.log(i, JSON.stringify(f))));
