import { stem } from "./query.js";

/**
 * Words that report writers and askers use for the same thing. A question term is matched by any
 * word of its group, both in search (the FTS query is widened) and in judging whether a sentence
 * answers (coverage).
 */
const GROUPS: string[][] = [
  ["grow", "growth", "increase", "increased", "rise", "rose", "gain", "expand"],
  ["admit", "admitted", "admission", "recruit", "recruited", "recruitment", "kết nạp", "ket nap"],
  ["chair", "chaired", "preside", "presided", "chairing", "lead", "led"],
  ["discipline", "disciplined", "punish", "punished", "sanction", "sanctioned"],
  ["target", "goal", "indicator", "objective"],
  ["attend", "attended", "attendance", "participate", "participated"],
  ["award", "awarded", "receive", "received", "present", "presented", "commend", "commended", "give", "given"],
  ["revenue", "collection", "collect", "collected", "thu"],
  ["budget", "ngân sách", "ngan sach"],
  ["fdi", "foreign"],
  ["grdp", "gdp", "economy", "economic"],
  ["income", "earning"],
  ["tourist", "visitor", "tourism"],
  ["population", "inhabitant", "resident", "people"],
  ["disburse", "disbursement", "disbursed"],
  ["party member", "đảng viên", "dang vien"],
  ["provincial party committee", "tỉnh ủy", "tinh uy"],
  ["secretary", "bí thư", "bi thu"],
  ["conference", "hội nghị", "hoi nghi", "meeting", "session"],
  ["growth", "tăng trưởng", "tang truong"],
];

const groupOf = new Map<string, number>();
GROUPS.forEach((words, i) => {
  for (const w of words) if (!w.includes(" ")) groupOf.set(stem(w), i);
});

/** Stems of the words that may stand in for `termStem` (not including itself). */
export function synonymStems(termStem: string): string[] {
  const g = groupOf.get(termStem);
  if (g === undefined) return [];
  return GROUPS[g].filter((w) => !w.includes(" ")).map(stem).filter((s) => s !== termStem);
}

/** Single-word synonyms (surface forms) to widen a lexical query with. */
export function synonymWords(termStem: string): string[] {
  const g = groupOf.get(termStem);
  if (g === undefined) return [];
  return GROUPS[g].filter((w) => !w.includes(" ") && stem(w) !== termStem && !/[^\x00-\x7f]/.test(w));
}

/** Multi-word phrases of a group (e.g. Vietnamese "đảng viên"), for translating questions. */
export const PHRASE_GROUPS = GROUPS.filter((g) => g.some((w) => w.includes(" ")));
