import type { AnswerResult, Citation } from "../types.js";

/** One source line: "[1] Title — outlet, 2023-12-29 <url>". */
export function sourceLine(c: Citation): string {
  const meta = [c.source, c.date].filter(Boolean).join(", ");
  return `[${c.n}] ${c.title}${meta ? ` — ${meta}` : ""}${c.url ? `\n    ${c.url}` : ""}`;
}

/** An answer for a terminal: the text, then the numbered sources. */
export function renderText(result: AnswerResult): string {
  const heading = result.found ? "Sources:" : "Closest reports:";
  const sources = result.citations.map((c) => (result.found ? sourceLine(c) : sourceLine(c).replace(/^\[\d+\]/, "-")));
  return [result.answer, sources.length ? `\n${heading}\n${sources.join("\n")}` : ""].join("\n").trimEnd();
}
