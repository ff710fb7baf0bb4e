import { test } from "vitest";
import { understandQuestion } from "../src/question/index.js";
test("probe", () => {
  for (const q of (process.env.QS ?? "").split("|")) { const u = understandQuestion(q, { newestReportDate: "2024-12-31", knownSources: [], knownSubPlaces: ["Cam Xuyen", "Nghi Xuan", "Hong Linh", "Tu Ky"] });
  console.log(q, "\n  EN:", u.english, "\n  places", u.analyzed.places, "names", u.analyzed.names, "frame", JSON.stringify(u.frame), "counted", u.counted, "person", u.analyzed.wantsPerson, "date", u.analyzed.wantsDate, "reason", u.analyzed.wantsReason, "fig", u.analyzed.wantsFigure); }
});
