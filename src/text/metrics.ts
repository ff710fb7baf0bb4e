// The metrics committee reports give, with the words reports and people use for each. Shared by the
// facts read from reports at index time (src/facts) and by question understanding (src/question), so a
// question's "economic growth" and a report's "total product increased by 9.41%" meet on one id.
import { fold } from "./fold.js";

export type MetricId =
  | "party_members_admitted"
  | "party_members_disciplined"
  | "party_inspection"
  | "party_organizations"
  | "growth"
  | "economic_scale"
  | "economic_structure"
  | "budget_revenue"
  | "budget_expenditure"
  | "income_per_capita"
  | "poverty_rate"
  | "tourists"
  | "fdi"
  | "investment_capital"
  | "public_investment_disbursement"
  | "export"
  | "industrial_production"
  | "retail"
  | "production_value"
  | "new_rural"
  | "ocop"
  | "businesses"
  | "targets_met"
  | "projects";

export interface MetricEntry {
  id: MetricId;
  /**
   * How the reports and their readers name it, folded; a "+" joins words that must both appear nearby and a
   * trailing "*" matches any word it starts ("admi*": admitted, admission). Labels for readers are in the
   * bot's Fluent files (`metric-…`).
   */
  phrases: string[];
}

/**
 * The lexicon. Phrases are matched on folded text as whole words, longest first; "admit+party member"
 * means both within a few words of each other ("admitted 1,251 party members", "party members admitted").
 */
export const METRICS: readonly MetricEntry[] = [
  {
    id: "party_members_admitted",
    phrases: [
      "new party members", "new party membership", "new members", "admi*+party members", "admi*+members", "recruit*+party members", "recruit*+members", "new recruits", "recruits+party", "brought into the party", "taken into the party", "welcomed into the party", "into the party", "induct*+party",
      "develop*+party members", "party member development", "join* the party", "ket nap", "dang vien moi",
    ],
  },
  { id: "party_members_disciplined", phrases: ["disciplin*", "disciplinary action", "faced+disciplin*", "sanction*", "punish*", "face+disciplin*", "facing+disciplin*", "ky luat"] },
  { id: "party_inspection", phrases: ["inspect*", "supervis*", "kiem tra", "giam sat"] },
  { id: "party_organizations", phrases: ["grassroots party organizations", "party organizations", "party cells", "party branches", "branches", "to chuc co so dang", "chi bo"] },
  {
    id: "growth",
    phrases: [
      "grdp", "gross regional domestic product", "total product", "economic growth", "growth rate", "economy grew", "economy+expand*", "economy grow*", "economy+bigger", "economy+larger",
      "economic expansion", "expansion of the economy", "economic output", "provincial output", "aggregate output", "regional output", "aggregate provincial output",
      "economic development+average",
      "gdp", "gross domestic product",
      "grew", "grow", "grows", "growth", "tang truong",
    ],
  },
  // The economy's make-up: "the proportion of industry, construction and services in GRDP", "what share of the economy is …".
  {
    id: "economic_structure",
    phrases: ["economic structure", "structure of the economy", "proportion+grdp", "share+grdp", "proportion+gdp", "share+gdp", "proportion+economy", "share+economy", "share of industry", "proportion of industry", "share of services", "proportion of services", "share of agriculture", "proportion of agriculture", "co cau kinh te", "ty trong"],
  },
  { id: "economic_scale", phrases: ["economic scale", "times bigger", "times larger", "economy+worth", "how big+economy", "how large+economy", "how large+output", "how big+output", "money terms", "scale of the economy", "size of the economy", "size+economy", "scale+economy", "economy+size", "quy mo kinh te"] },
  {
    id: "budget_revenue",
    phrases: ["budget revenue", "budget collection", "state budget revenue", "revenue", "budget+collect*", "thu ngan sach", "domestic revenue", "tax revenue", "tax take", "tax collection", "tax*+collect*", "taxes", "state coffers", "coffers", "flow*+coffers", "money+coffers", "haul*+coffers", "public purse", "into+purse", "collects for the state", "money+collect*", "fiscal receipts", "fiscal revenue", "fiscal take", "fiscal intake", "state takings", "receipts"],
  },
  { id: "budget_expenditure", phrases: ["budget expenditure", "expenditure", "expenditures", "outlays", "outlay", "budget spending", "spending", "spend", "spent", "government spend*", "government spent", "chi ngan sach"] },
  {
    id: "income_per_capita",
    phrases: ["per capita grdp", "grdp per capita", "per capita gdp", "gdp per capita", "per capita income", "income per capita", "average income", "income per head", "per capita", "income", "thu nhap binh quan", "thu nhap"],
  },
  { id: "poverty_rate", phrases: ["poverty rate", "poor households", "poverty", "ho ngheo", "ty le ho ngheo"] },
  { id: "tourists", phrases: ["tourists", "visitors", "foreigners+visit*", "foreign guests", "international guests", "tourist arrivals", "arrivals", "tourism", "khach du lich", "luot khach"] },
  { id: "fdi", phrases: ["fdi", "foreign direct investment", "foreign investment", "foreign investors", "overseas investors", "overseas investment", "investors from abroad", "von fdi", "dau tu nuoc ngoai"] },
  {
    id: "investment_capital",
    phrases: ["total social investment", "social investment capital", "investment across society", "overall investment", "investment+society", "investment+social", "social development investment", "development investment", "investment mobili*", "mobili*+investment", "investment capital", "total investment", "registered capital", "von dau tu", "money put into", "money poured into", "money+invest*"],
  },
  {
    id: "public_investment_disbursement",
    phrases: ["disburs*", "public investment capital", "public investment", "giai ngan", "dau tu cong"],
  },
  { id: "export", phrases: ["export turnover", "exports", "export", "overseas sales", "sales abroad", "foreign sales", "sold abroad", "xuat khau"] },
  { id: "industrial_production", phrases: ["industrial production", "industrial production index", "iip", "san xuat cong nghiep"] },
  { id: "retail", phrases: ["retail sales", "retail", "ban le"] },
  { id: "production_value", phrases: ["production value", "value of production", "gia tri san xuat"] },
  { id: "new_rural", phrases: ["new rural", "nong thon moi", "ntm"] },
  { id: "ocop", phrases: ["ocop"] },
  { id: "businesses", phrases: ["new businesses", "businesses", "enterprises", "cooperatives", "doanh nghiep"] },
  {
    id: "targets_met",
    phrases: ["targets", "goals", "criteria", "indicators", "chi tieu", "muc tieu"],
  },
  { id: "projects", phrases: ["projects", "du an"] },
];

/** The words the lexicon names a metric with (every metric's when none is given), the prefix mark "*" dropped. */
export function lexiconWords(metric?: MetricId): string[] {
  return METRICS.filter((m) => metric === undefined || m.id === metric).flatMap((m) => m.phrases.flatMap((p) => p.split(/[+\s]+/).map((w) => w.replace(/\*$/, ""))));
}

interface CompiledPhrase {
  metric: MetricId;
  words: string[][];
  length: number;
}

const COMPILED: CompiledPhrase[] = METRICS.flatMap((m) =>
  m.phrases.map((p) => {
    const words = p.split("+").map((part) => part.trim().split(/\s+/));
    return { metric: m.id, words, length: words.flat().length };
  }),
).sort((a, b) => b.length - a.length);

/** Phrase indices (into COMPILED, longest first) by the words their first word matches; "admi*" ones by prefix. */
const BY_FIRST_WORD = new Map<string, number[]>();
const NONE: number[] = [];
const PREFIXED: { prefix: string; phrase: number }[] = [];
COMPILED.forEach((phrase, k) => {
  const w = phrase.words[0]![0]!;
  if (w.endsWith("*")) {
    PREFIXED.push({ prefix: w.slice(0, -1), phrase: k });
    return;
  }
  for (const form of new Set([w, `${w}s`, `${w}es`, w.endsWith("s") ? w.slice(0, -1) : w])) (BY_FIRST_WORD.get(form) ?? BY_FIRST_WORD.set(form, []).get(form)!).push(k);
});

export interface MetricMention {
  metric: MetricId;
  /** Word index (in `words`) where the mention starts and ends (exclusive): its phrase's first part. */
  start: number;
  end: number;
  /** Every word index the phrase matched, the other parts' too ("how big … economy"). */
  named: number[];
}

const WORD = /[\p{L}\p{N}]+(?:[.,][\p{N}]+)*%?/gu;

/** Folded words of a text, as metric matching sees them. */
export function metricWords(text: string): { words: string[]; at: number[] } {
  const words: string[] = [];
  const at: number[] = [];
  for (const m of fold(text).matchAll(WORD)) {
    words.push(m[0]);
    at.push(m.index!);
  }
  return { words, at };
}

/** A plural matches its singular; a lexicon word ending in "*" matches any word it starts ("admit*": admitted, admission). */
function same(word: string, wanted: string): boolean {
  if (wanted.endsWith("*")) return word.startsWith(wanted.slice(0, -1));
  return word === wanted || word === `${wanted}s` || wanted === `${word}s` || word === `${wanted}es`;
}

function matchAt(words: string[], i: number, part: string[]): boolean {
  return part.every((w, k) => words[i + k] !== undefined && same(words[i + k]!, w));
}

/** Every metric mention in a text's words, longest phrases first, without overlaps. */
export function findMetrics(words: string[]): MetricMention[] {
  // The metric whose phrase named each word, or null.
  const taken = new Array<MetricId | null>(words.length).fill(null);
  const found: MetricMention[] = [];
  // Where each phrase may start, from its first word (a map look-up per word, not every phrase at every word).
  const starts = new Map<number, number[]>();
  const add = (k: number, i: number) => (starts.get(k) ?? starts.set(k, []).get(k)!).push(i);
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    for (const k of BY_FIRST_WORD.get(word) ?? NONE) add(k, i);
    for (const x of PREFIXED) if (word.startsWith(x.prefix)) add(x.phrase, i);
  }
  for (const k of [...starts.keys()].sort((a, b) => a - b)) {
    const phrase = COMPILED[k]!;
    const [first, ...rest] = phrase.words;
    for (const i of starts.get(k)!) {
      if (taken[i] || !matchAt(words, i, first!)) continue;
      let end = i + first!.length;
      const named = Array.from({ length: first!.length }, (_, n) => i + n);
      let ok = true;
      for (const part of rest) {
        // The other part within six words either side ("admitted 1,251 party members", "party members admitted").
        let hit = -1;
        for (let j = Math.max(0, i - 6); j <= Math.min(words.length - part.length, end + 6); j++) {
          if (j >= i && j < end) continue;
          // (A word another metric's phrase named is not this one's: "money from overseas investors" is FDI, not "money+invest*".)
          if (matchAt(words, j, part) && !taken.slice(j, j + part.length).some((m) => m !== null && m !== phrase.metric)) {
            hit = j;
            break;
          }
        }
        if (hit < 0) {
          ok = false;
          break;
        }
        end = Math.max(end, hit + part.length);
        for (let n = 0; n < part.length; n++) named.push(hit + n);
      }
      if (!ok) continue;
      // "the proportion of industry in GRDP", "50% of GRDP": a share of the economy, not its growth.
      if (phrase.metric === "growth" && /^(in|of|to)$/.test(words[i - 1] ?? "") && first![0] === "grdp") continue;
      // "the resolution's target", "exceeding the target": one target is no count of targets met ("22 out of 25 targets").
      if (phrase.metric === "targets_met" && first!.length === 1 && !/s$|^criteria$/.test(words[i] ?? "")) continue;
      const span = { start: i, end: i + first!.length };
      if (taken.slice(span.start, span.end).some(Boolean)) continue;
      for (let k = span.start; k < span.end; k++) taken[k] = phrase.metric;
      found.push({ metric: phrase.metric, start: span.start, end: span.end, named });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
