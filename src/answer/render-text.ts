import type { AnswerResult, AskFilters, Citation } from "../types.js";

/** One source line: "[1] Title — outlet, 2023-12-29 <url>" ("[2–9] …" for a run of one report's passages). */
export function sourceLine(c: Citation, label = `[${c.n}]`): string {
  const meta = [c.source, c.date].filter(Boolean).join(", ");
  return `${label} ${c.title}${meta ? ` — ${meta}` : ""}${c.url ? `\n    ${c.url}` : ""}`;
}

/**
 * Citations numbered in a row from one report (a list quoted item by item, "[2] … [9]") as one source line each
 * run: its first citation and the label "[2–9]"; any other citation alone, labelled "[n]".
 */
export function citationRuns(citations: Citation[]): { citation: Citation; label: string }[] {
  const runs: { citation: Citation; last: number }[] = [];
  for (const c of citations) {
    const run = runs.at(-1);
    if (run && run.citation.articleId === c.articleId && run.last + 1 === c.n) run.last = c.n;
    else runs.push({ citation: c, last: c.n });
  }
  return runs.map(({ citation, last }) => ({ citation, label: last === citation.n ? `[${citation.n}]` : `[${citation.n}–${last}]` }));
}

/** Misspellings read as something else: "“Thai Bihn” → Thai Binh, “growht” → growth" (plain text). */
export function correctionList(corrections: NonNullable<AnswerResult["corrections"]>): string {
  return corrections.map((c) => `“${c.from}” → ${c.to}`).join(", ");
}

/** The filters an answer was limited to, in words: "place Thai Binh; dated 2023-11-01 or later". */
export function filterSummary(f: AskFilters): string {
  const dates = f.from && f.to ? `dated ${f.from} to ${f.to}` : f.from ? `dated ${f.from} or later` : f.to ? `dated ${f.to} or earlier` : null;
  return [f.place && `place ${f.place}`, dates, f.source && `source ${f.source}`].filter(Boolean).join("; ");
}

/**
 * An answer for a terminal: the filter line when one applied, the outcome's lead when it is not an answer
 * (worded by `lead`, the same words the bot uses), the quoted sentences, then the numbered sources.
 */
export function renderText(result: AnswerResult, lead: (outcome: AnswerResult["outcome"]) => string | null): string {
  const quoted = result.found || result.outcome.kind === "near_miss";
  const heading = quoted ? "Sources:" : "Closest reports:";
  const sources = citationRuns(result.citations).map(({ citation, label }) => sourceLine(citation, quoted ? label : "-"));
  const filter = filterSummary(result.filters ?? {});
  const understood = result.filterPhrases?.length ? ` (from "${result.filterPhrases.join('", "')}")` : "";
  const readAs = result.corrections?.length ? `Spelling read as: ${correctionList(result.corrections)}\n` : "";
  const opening = lead(result.outcome);
  const body = [opening, result.answer].filter(Boolean).join(result.outcome.kind === "near_miss" ? "\n" : "\n\n");
  return [readAs + (filter ? `Filter: ${filter}${understood}\n` : ""), body, sources.length ? `\n${heading}\n${sources.join("\n")}` : ""]
    .filter((part, i) => i > 0 || part)
    .join("\n")
    .trimEnd();
}
