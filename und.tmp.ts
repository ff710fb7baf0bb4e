import { understandQuestion } from "./src/question/index.js";
const q = understandQuestion(process.argv[2]!, { newestReportDate: "2025-11-01", knownSources: [], knownSubPlaces: [] });
console.log(JSON.stringify({ english: q.english, terms: q.analyzed.terms.map((t) => t.text + (t.weak ? "~" : "")), places: q.analyzed.places, names: q.analyzed.names, years: q.analyzed.years, frame: q.frame, counted: q.counted, metricStems: q.metricStems }, null, 1));
