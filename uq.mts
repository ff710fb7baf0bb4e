import { understandQuestion } from "./src/question/index.js";
console.log(JSON.stringify(understandQuestion(process.argv[2]!, { newestReportDate: "2025-10-01", knownSources: [], knownSubPlaces: [] }).frame));
