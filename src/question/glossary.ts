import { findPlaces, PLACES } from "../text/places.js";
import { fold } from "../text/fold.js";
import { ORDINAL_WORDS, ordinalFigure, romanNumber } from "../text/events.js";
import { TENS_WORDS, UNIT_WORDS, WORD_VALUES } from "../text/numbers.js";
import { stem } from "./analyze.js";

/**
 * Words that report writers and askers use for the same thing. A question term is matched by any
 * word of its group, both in search (the FTS query is widened) and in judging whether a sentence
 * answers (coverage).
 */
const GROUPS: string[][] = [
  ["grow", "growth", "increase", "increased", "rise", "rose", "gain", "expand", "expanded", "expansion"],
  ["admit", "admitted", "admission", "recruit", "recruited", "recruitment", "induct", "inducted", "induction", "kết nạp", "ket nap"],
  ["chair", "chaired", "preside", "presided", "chairing", "lead", "led"],
  ["discipline", "disciplined", "punish", "punished", "sanction", "sanctioned"],
  ["target", "goal", "indicator", "objective"],
  ["now", "currently", "presently"],
  ["attend", "attended", "attendance", "participate", "participated", "sat in", "sit in"],
  ["award", "awarded", "receive", "received", "present", "presented", "commend", "commended", "give", "given"],
  ["revenue", "collection", "collect", "collected", "thu"],
  ["budget", "ngân sách", "ngan sach"],
  ["fdi", "foreign"],
  ["grdp", "gdp", "economy", "economic"],
  ["income", "earning"],
  ["tourist", "visitor", "tourism", "holidaymaker", "holidaymakers", "vacationer", "vacationers"],
  ["population", "inhabitant", "resident", "people"],
  ["disburse", "disbursement", "disbursed"],
  ["inspect", "inspected", "inspection", "check", "checked", "examine", "examined"],
  ["party member", "đảng viên", "dang vien"],
  ["provincial party committee", "tỉnh ủy", "tinh uy"],
  ["secretary", "bí thư", "bi thu", "chief"],
  ["conference", "hội nghị", "hoi nghi", "meeting", "session", "sitting", "plenum", "plenums"],
  // "How many papers did the leadership put out / churn out": documents issued.
  ["issued", "promulgated", "put out", "churned out", "churn out"],
  ["growth", "tăng trưởng", "tang truong"],
  // "5th plenary" asks about "the fifth conference", and "the fifth" about "the 5th".
  ...ORDINAL_WORDS.map((word, i) => [word, ordinalFigure(i + 1)]),
];

/**
 * Words that stand in for each other when judging whether a sentence answers (coverage, what a figure counts), but
 * do not widen the search: most are common in reports ("participants", "established", "documents"), and each
 * extra word of the lexical query costs posting-list work on every such question (measured at 100k passages).
 */
const JUDGING_GROUPS: string[][] = [
  ["attendee", "attendees", "participant", "participants", "participation", "attend", "attended"],
  ["total", "overall", "cumulative", "accumulated"],
  ["cell", "cells", "branch", "branches"],
  ["body", "bodies", "organization", "organizations", "organisation", "organisations", "tcd", "tcds"],
  ["home", "homes", "house", "houses"],
  ["traffic", "transport", "transportation"],
  ["accelerate", "accelerated", "expedite", "expedited", "hasten", "hastened"],
  ["paper", "papers", "paperwork", "document", "documents"],
  ["resolution", "resolutions", "decision", "decisions", "decide", "decided", "decides"],
  ["venture", "ventures", "project", "projects"],
  ["pass", "passed", "approve", "approved", "adopt", "adopted"],
  // "What issues did the 6 speakers raise?": "…6 delegates expressed their opinions to … propose solutions …".
  ["speaker", "speakers", "delegate", "delegates"],
  ["raise", "raised", "propose", "proposed", "express", "expressed", "mention", "mentioned"],
  // "Who gave the closing remarks / wrapped up the conference": "Concluding the conference, comrade …".
  ["close", "closing", "closed", "conclude", "concluding", "concluded"],
  ["founding", "founded", "establishment", "established", "establish"],
  ["social", "society"],
  ["firm", "enterprise", "business", "company"],
  ["force", "group", "groups", "team", "community", "communities"],
  ["level", "levels", "rating", "ratings", "grade", "grades"],
  ["weakness", "weaknesses", "shortcoming", "shortcomings", "limitation", "limitations", "problem", "problems"],
  ["solution", "solutions", "remedy", "remedies", "measure", "measures", "fix", "fixes"],
  ["topic", "topics", "content", "contents", "issue", "issues", "concern", "concerns"],
  ["poor", "poorly", "weak", "ineffective", "inefficient", "underperforming"],
  ["staff", "personnel", "cadre", "cadres"],
  // "How many deputies took part in the congress": "…245 representatives representing more than 7,000 Party members".
  ["delegate", "delegates", "representative", "representatives", "deputies"],
  ["machinery", "apparatus"],
  ["streamline", "streamlined", "streamlining", "streamlines"],
  ["opinion", "opinions", "idea", "ideas", "comment", "comments", "feedback"],
  ["pick", "picking", "picked", "choose", "choosing", "chosen", "select", "selecting", "selected"],
  ["tell", "told", "ask", "asked", "request", "requested", "urge", "urged", "instruct", "instructed", "direct", "directed"],
  ["deal", "address", "addressed", "tackle", "tackled", "handle", "handled", "solve", "solved", "resolve", "overcome", "focus"],
  ["run", "ran", "host", "hosted", "chair", "chaired", "chairing", "preside", "presided"],
  ["chairman", "chairwoman", "chairperson", "chairmen", "chairwomen"],
  ["dong", "vnd", "đồng"],
  ["size", "scale"],
  ["hit", "meet", "met", "achieve", "achieved", "reach", "reached", "attain", "attained"],
  ["share", "shares", "proportion", "proportions", "percentage", "portion", "ratio"],
  ["factory", "factories", "industry", "industries", "industrial", "manufacturing"],
  ["building", "construction", "constructing"],
  // "what was the change": a sentence stating the rise or fall says it.
  ["change", "changed", "changes", "increase", "increased", "decrease", "decreased", "rise", "rose", "fall", "fell", "drop", "dropped"],
];

const groupOf = new Map<string, number>();
const judgingOf = new Map<string, number>();
GROUPS.forEach((words, i) => {
  for (const w of words) if (!w.includes(" ")) groupOf.set(stem(w), i);
});
JUDGING_GROUPS.forEach((words, i) => {
  for (const w of words) judgingOf.set(stem(w), i);
});

/** Stems of the words that may stand in for `termStem` when judging a sentence (not including itself). */
export function synonymStems(termStem: string): string[] {
  const g = groupOf.get(termStem);
  const j = judgingOf.get(termStem);
  const words = [...(g === undefined ? [] : GROUPS[g]!.filter((w) => !w.includes(" "))), ...(j === undefined ? [] : JUDGING_GROUPS[j]!)];
  return [...new Set(words.map(stem))].filter((s) => s !== termStem);
}

/** The stems a word is judged by: its own and its synonyms' ("elected": elect, chosen …). */
export function stemAndSynonyms(word: string): Set<string> {
  const own = stem(word);
  return new Set([own, ...synonymStems(own)]);
}

/** Single-word synonyms (surface forms) to widen a lexical query with. */
export function synonymWords(termStem: string): string[] {
  const g = groupOf.get(termStem);
  if (g === undefined) return [];
  return GROUPS[g]!.filter((w) => !w.includes(" ") && stem(w) !== termStem && !/[^\x00-\x7f]/.test(w));
}

/**
 * Shorthand people type for the reports' words ("ppc chairman", "econ targets", "party exec conference"), as
 * whole words in any case. Applied to English questions before anything else reads them.
 */
/** Bodies whose size or head count a question may ask (as an alternation): "the documents subcommittee size". */
const BODY_NOUNS = "subcommittee|sub-committee|committee|board|delegation|team|panel|commission|council|group";

const SHORTHAND: [RegExp, string][] = [
  [/\bppc\b/gi, "Provincial People's Committee"],
  [/\bdpc\b/gi, "District People's Committee"],
  [/\bpec\b/gi, "Party Executive Committee"],
  [/\bcpv\b/gi, "Communist Party of Vietnam"],
  [/\becon\b/gi, "economic"],
  [/\bexec\b/gi, "executive"],
  [/\bconfs\b/gi, "conferences"],
  // Idioms for chairing a meeting: "who held the gavel at …", "who was at the helm of the … conference".
  [/\b(?:held|holds|hold|holding|wielded) the gavel(?:\s+at)?\b/gi, "chaired"],
  [/\b(?:was|is|were) at the helm of(?=[^?,;]{0,80}\b(?:conference|meeting|session|congress|plenum)s?\b)/gi, "chaired"],
  // "Who gave the closing remarks / delivered the closing speech": the reports' "Concluding the conference, comrade …".
  [/\b(?:gave|give|gives|giving|delivered|deliver|delivers|made|make|makes)\s+(?:the\s+|his\s+|her\s+)?(?:closing|concluding)\s+(?:remarks|speech|address|statement)\b/gi, "concluded"],
  [/\btgts\b/gi, "targets"],
  [/\btgt\b/gi, "target"],
  [/\bp\.a\.(?=\s|$|[?,;])/gi, "per year"],
  // ("briefing on CC 8th plenum": the Party Central Committee, in capitals as typed.)
  [/\bCC\b/g, "Central Committee"],
  [/\bconf\b/gi, "conference"],
  [/\bmtg\b/gi, "meeting"],
  [/\bgovt\b|\bgov['’]t\b/gi, "government"],
  [/\bdept\b/gi, "department"],
  // ("party orgs"; a lone "org" may be the Organizing or Organization Committee, left as typed.)
  [/\borgs\b/gi, "organizations"],
  [/\bcttees\b|\bcmtes\b/gi, "committees"],
  [/\bcttee\b|\bcmte\b/gi, "committee"],
  [/\bavg\b/gi, "average"],
  [/\bmgmt\b/gi, "management"],
  [/\banniv\b/gi, "anniversary"],
  [/\bprov\b/gi, "provincial"],
  [/\bdist\b/gi, "district"],
  [/\bnat['’]?l\b/gi, "national"],
  // "1st draft pol rpt", "the SE report" (socio-economic, in capitals as typed).
  [/\bpol(?=\.?\s+(?:rpts?|reports?)\b)/gi, "political"],
  [/\brpts\b/gi, "reports"],
  [/\brpt\b/gi, "report"],
  [/\bSE\b(?=\s+(?:draft|report|rpt|plan|situation|targets?|tasks?|development|results?|indicators?)\b)/g, "socio-economic"],
  [/\byrs?\b/gi, "year"],
  [/\bpct\b/gi, "percent"],
  // "from 2021 thru june 2023", "w/o", "b4 the congress".
  [/\bthru\b/gi, "through"],
  [/\bthruout\b/gi, "throughout"],
  [/\bw\/o\b/gi, "without"],
  [/\bb4\b/gi, "before"],
  [/\b(?:ppl|ppls)\b/gi, "people"],
  // "med stations/clinics", "officials/party members": words for one thing, or either.
  [/\bmed\.?(?=\s+(?:stations?|centers?|centres?|facilities|staff|workers|examinations?|care|insurance)\b)/gi, "medical"],
  [/(?<![\p{L}\p{N}/])(\p{L}{3,})\/(\p{L}{3,})(?![\p{L}\p{N}/])/gu, "$1 or $2"],
  // "dec 2020", "nov 6", "runs till": the month and the word as the reports write them.
  ...(["january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december"].map((month): [RegExp, string] => [new RegExp(`\\b${month.slice(0, 3)}${month === "september" ? "t?" : ""}\\.?(?=\\s+\\d)`, "gi"), month])),
  [/\btill\b/gi, "until"],
  // A wire editor's abbreviations: "twn", "budget rev", "pct chg vs prev yr", "Org Cttee", "prov PC", "@ 13th session".
  [/\btwn\b/gi, "town"],
  [/\bdocs\b/gi, "documents"],
  [/\bdoc\b/gi, "document"],
  // "18th cong", "prov cong NQ", "dist's pilot cong": a congress.
  [/(?<=\b(?:\d+(?:st|nd|rd|th)|prov|provincial|dist|dist's|district|district's|party|city|pilot|model|national|nat'l|natl)\s+)cong\b|\bcong(?=\s+(?:NQ|resolution|delegates|docs|documents)\b)/gi, "congress"],
  [/\b(budget|tax|state) rev\b/gi, "$1 revenue"],
  [/\bchg\b/gi, "change"],
  [/\bprev\b/gi, "previous"],
  [/\bvs\.?(?=\s)/gi, "compared with"],
  [/\borg(?=\s+(?:cttee|cmte|committee|comm)\b)/gi, "Organization"],
  [/\bPCs?\b(?=[^?]*\bsession\b)|(?<=\bsession\b[^?]*)\bPCs?\b/g, "People's Council"],
  [/\bPCs?\b/g, "People's Committee"],
  [/(?<=\s)@(?=\s)/g, "at"],
  // "how many party members rn", "atm": now.
  [/\b(?:rn|atm)\b/gi, "now"],
  // "the y-o-y change", "yoy growth": the reports' "compared with the same period last year" (a baseline, not a year asked).
  [/\b(?:y-o-y|yoy|y\/y|year-on-year|year-over-year|year over year)\b/gi, "compared with the same period last year"],
  // "no. of resolutions", "# of delegates": the number of them.
  [/(?:\b(?:no|nr|num)\.?|#)\s*of\b/gi, "number of"],
  // Letters for words in a chat: "politburo n secretariat", "the rating levels r what", "list em".
  [/(?<=\s)n(?=\s)/g, "and"],
  [/(?<=\s)r(?=\s)/g, "are"],
  [/\blist em\b/gi, "list them"],
  // "per-head GRDP", "GRDP per person": per capita.
  [/\bper[- ](?:head|person|resident|inhabitant)\b/gi, "per capita"],
  [/\b(?:shooting|gunning) for\b/gi, "aiming for"],
  [/\bmidterm\b/gi, "mid-term"],
  [/\bpolit-?bureau\b/gi, "Politburo"],
  [/\bflunk(?:ed|s)? (?:their |its )?(?:duties|tasks)\b|\b(?:fell|fall(?:s|en)?|falling) short of (?:their |its |his |her )?(?:duties|tasks|duty)\b|\bfail(?:ed|s)? to (?:complete|fulfil|fulfill|carry out) (?:their |its )?(?:duties|tasks)\b/gi, "did not complete their tasks"],
  // Titles a foreign reporter uses: the "party boss" is the Party Secretary, the "governor" chairs the Provincial
  // People's Committee, the "mayor" the city's, the "speaker" of a "parliament" its People's Council.
  [/\bparty (?:bosses|chiefs)\b/gi, "Party leaders"],
  [/\bparty (?:boss|chief)\b/gi, "Party Secretary"],
  [/\b(?:provincial )?governor\b/gi, "Chairman of the Provincial People's Committee"],
  [/\bmayor\b/gi, "Chairman of the City People's Committee"],
  [/\bspeaker of\b/gi, "Chairman of"],
  // A province's or city's "parliament" is its People's Council.
  [/\b(provincial|province's|city|city's|district|district's|municipal) parliament\b/gi, "$1 People's Council"],
  [new RegExp(`\\bhead ?count of (?:the )?([\\p{L}' -]*?\\b(?:${BODY_NOUNS}))\\b`, "giu"), "how many members does the $1 have"],
  // "how many years running did …", "years in a row": a count of years.
  [/\b(years?) (?:running|in a row|straight)\b/gi, "consecutive $1"],
  // "the documents subcommittee size", "how big is the board": how many members it has.
  [new RegExp(`\\b(?:what is |what's |whats )?(?:the )?size of (?:the )?([\\p{L}' -]*?\\b(?:${BODY_NOUNS}))\\b`, "giu"), "how many members does the $1 have"],
  [new RegExp(`^(?!.*\\bhow many\\b)(?:(?:what|whats|what's)(?:\\s+is)?\\s+)?(?:the\\s+)?(.*?\\b(?:${BODY_NOUNS})) size\\b`, "giu"), "how many members does the $1 have"],
  // Question words typed fast (too short for the typo pass, which leaves words under five letters alone).
  [/\b(?:wich|whcih|whihc|wihch)\b/gi, "which"],
  [/\b(?:wat|wht|whta|waht)\b/gi, "what"],
  [/\b(?:whn|wehn|whne)\b/gi, "when"],
  [/\bwen\b(?= (?:will|did|does|do|is|was|are|were|has|have|had)\b)/gi, "when"],
  [/\b(?:hw|hwo)\b/gi, "how"],
  [/\b(?:whi|wo|hu)\b(?= (?:is|was|chaired|led|headed|presided)\b)/gi, "who"],
  [/\bteleconf\b/gi, "teleconference"],
  // Other words for the reports' fixed terms.
  [/\b(?:trust|confidence) (?:ballots?|votes?)\b/gi, "vote of confidence"],
  [/\bzero(?:ed|ing)? in on\b/gi, "focus on"],
  [/\bweigh(?:ed|ing|s)? in on\b/gi, "give opinions on"],
  [/\bwrap(?:ped|ping|s)? up\b/gi, "complete"],
  [/\blook(?:ed|ing|s)? back (?:on|at)\b/gi, "review"],
  [/\bslim(?:med|ming|s)? down\b/gi, "streamline"],
  [/\b(?:in charge of|responsible for) (?:the )?(?:party's )?(?:publicity|propaganda)(?: and (?:ideological|education) work)?\b/gi, "head of the Propaganda Department"],
  [/\bin charge of\b/gi, "head of"],
  [/(\d)\s*(?:bn|bln)\b/gi, "$1 billion"],
  [/(\d)\s*(?:mn|mln)\b/gi, "$1 million"],
];

/**
 * Vietnamese office names in an English question ("Tinh uy Hai Duong - what growth target did Bi thu Tran Duc Thang
 * set?", "Thanh uy Ha Noi 2nd meeting"), in the reports' English. (Only for a question that reads as English once
 * they are put so: a Vietnamese one is translated whole.)
 */
const CODE_SWITCHED: [RegExp, string][] = [
  [/(?<![\p{L}\p{N}])(?:bí thư|bi thu)(?![\p{L}\p{N}])/giu, "Secretary"],
  [/(?<![\p{L}\p{N}])(?:phó bí thư|pho bi thu)(?![\p{L}\p{N}])/giu, "Deputy Secretary"],
  [/(?<![\p{L}\p{N}])(?:tỉnh ủy|tinh uy)(?![\p{L}\p{N}])/giu, "Provincial Party Committee"],
  [/(?<![\p{L}\p{N}])(?:thành ủy|thanh uy)(?![\p{L}\p{N}])/giu, "City Party Committee"],
  [/(?<![\p{L}\p{N}])(?:huyện ủy|huyen uy)(?![\p{L}\p{N}])/giu, "District Party Committee"],
  [/(?<![\p{L}\p{N}])(?:thị ủy|thi uy)(?![\p{L}\p{N}])/giu, "Town Party Committee"],
  [/(?<![\p{L}\p{N}])(?:chủ tịch|chu tich)(?![\p{L}\p{N}])/giu, "Chairman"],
  [/(?<![\p{L}\p{N}])(?:hđnd|hdnd)(?![\p{L}\p{N}])/giu, "People's Council"],
  [/(?<![\p{L}\p{N}])ubnd(?![\p{L}\p{N}])/giu, "People's Committee"],
  [/(?<![\p{L}\p{N}])(?:ban thường vụ|ban thuong vu)(?![\p{L}\p{N}])/giu, "Standing Committee"],
  [/(?<![\p{L}\p{N}])(?:ban chấp hành|ban chap hanh)(?![\p{L}\p{N}])/giu, "Executive Committee"],
  [/(?<![\p{L}\p{N}])(?:tiểu ban văn kiện|tieu ban van kien)(?![\p{L}\p{N}])/giu, "Document Subcommittee"],
  [/(?<![\p{L}\p{N}])(?:đại hội đảng bộ|dai hoi dang bo)(?![\p{L}\p{N}])/giu, "Party Congress"],
  [/(?<![\p{L}\p{N}])(?:đảng bộ|dang bo)(?![\p{L}\p{N}])/giu, "Party Committee"],
  [/(?<![\p{L}\p{N}])(?:đại hội|dai hoi)(?![\p{L}\p{N}])/giu, "Congress"],
  [/(?<![\p{L}\p{N}])(?:hội nghị|hoi nghi)(?![\p{L}\p{N}])/giu, "conference"],
  [/(?<![\p{L}\p{N}])(?:kỳ họp|ky hop)(?![\p{L}\p{N}])/giu, "session"],
  // Office shorthand in capitals: "cong NQ" (nghị quyết), "BCH conf", "BTV", "KT-XH", "CV 1924" (công văn), "TP Ben Cat".
  [/(?<=\bhow many\s+)NQs?(?![\p{L}\p{N}])/giu, "resolutions"],
  [/(?<![\p{L}\p{N}])NQs?(?![\p{L}\p{N}])/gu, "Resolution"],
  [/(?<![\p{L}\p{N}])BCH(?![\p{L}\p{N}])/gu, "Executive Committee"],
  [/(?<![\p{L}\p{N}])BTV(?![\p{L}\p{N}])/gu, "Standing Committee"],
  [/(?<![\p{L}\p{N}])KT[- ]?XH(?![\p{L}\p{N}])/giu, "socio-economic"],
  [/(?<![\p{L}\p{N}])CV(?=\s+(?:No\.?\s*)?\d)/gu, "Official Dispatch"],
  [/(?<![\p{L}\p{N}])TP\.?\s+(?=\p{Lu})/gu, "city "],
  [/(?<![\p{L}\p{N}])(?:tỉnh|tinh)\s+(?=\p{Lu})/gu, "province "],
  [/(?<![\p{L}\p{N}])(?:thị xã|thi xa)\s+(?=\p{Lu})/gu, "town "],
];

export function codeSwitched(question: string): string {
  // (JavaScript's \b sees no word edge beside "đ" or "ủ": word edges are written out as letters on neither side.)
  return CODE_SWITCHED.reduce((text, [re, words]) => text.replace(re, words), question.normalize("NFC")).replace(
    /(?<![\p{L}\p{N}])(?:lần thứ|lan thu)\s+(\d{1,2})\b/giu,
    (_, n: string) => ordinalFigure(Number(n)),
  );
}

export function expandShorthand(question: string): string {
  return SHORTHAND.reduce((text, [re, words]) => text.replace(re, words), question);
}

const valued = (words: string[]) => Object.fromEntries(words.map((w) => [w, WORD_VALUES[w]!]));
const TENS = valued(TENS_WORDS);
const UNITS = valued(UNIT_WORDS.slice(1, 10));
const TEENS = valued(UNIT_WORDS.slice(10));
const UNIT_ORDINALS = ORDINAL_WORDS.slice(0, 9);
/** "twenty twenty-four", "two thousand and twenty three", "twenty nineteen": a year said aloud (2000–2039). */
const SPOKEN_YEAR = new RegExp(
  `\\b(?:twenty|two thousand(?:\\s+and)?)\\s+(?:(twenty|thirty)(?:[\\s-](${Object.keys(UNITS).join("|")}))?|(${Object.keys(TEENS).join("|")})|(${Object.keys(UNITS).join("|")}))\\b`,
  "gi",
);
/** "twenty sixth", "thirty-first": an ordinal past the twentieth in words. */
const SPOKEN_ORDINAL = new RegExp(`\\b(${Object.keys(TENS).join("|")})[\\s-](${UNIT_ORDINALS.join("|")})\\b`, "gi");

/**
 * Numbers a dictated or chatty question says in words that the reports write in figures: "the twenty sixth special
 * session" → "the 26th special session", "october twenty twenty four" → "october 2024" (each read where no other
 * number word follows, so "twenty five delegates" stays as said).
 */
export function spokenNumbers(question: string): string {
  return question
    .replace(SPOKEN_ORDINAL, (_, tens: string, unit: string) => ordinalFigure(TENS[tens.toLowerCase()]! + UNIT_ORDINALS.indexOf(unit.toLowerCase()) + 1))
    .replace(SPOKEN_YEAR, (whole: string, tens?: string, unit?: string, teen?: string, single?: string) => {
      // "twenty five" alone is a count; a year said as "twenty" + a number needs "twenty" + tens or teens.
      if (single && /^twenty\b/i.test(whole)) return whole;
      const year = 2000 + (tens ? TENS[tens.toLowerCase()]! + (unit ? UNITS[unit.toLowerCase()]! : 0) : teen ? TEENS[teen.toLowerCase()]! : UNITS[single!.toLowerCase()]!);
      return String(year);
    });
}

/**
 * The courtesy and framing around a question typed in a chat ("Hi, for my university assignment …, I would like to
 * understand which …; could you list them?"): words about the asker, not the reports, which would otherwise count
 * as much as the question's own words. What they frame is kept ("list", "about Hai Duong").
 */
const PLEASANTRIES: [RegExp, string][] = [
  // "Forgive an old teacher's curiosity:", "Excuse my asking,", "Pardon me, but …".
  [/^\s*(?:forgive|pardon|excuse)\s+(?:me|my|an?|the|this|our)\b[^:;,.?!]{0,60}[:;,.!]\s*(?:but\s+)?/i, ""],
  [/^\s*(?:hi|hello|hey|good (?:morning|afternoon|evening)|dear (?:bot|admin|sir|madam))(?: there| bot| all| everyone)?\s*[,!.:;-]*\s*/i, ""],
  [/\b(?:for|in) (?:my|our|a) (?:(?:university|school|college|class|course|newspaper|news|weekly)\s+)?(?:assignment|homework|essay|thesis|dissertation|research|report|article|story|piece|paper|coursework)\b[,;]?\s*/gi, ""],
  [/\b(?:i|we) (?:would|'d|’d) (?:like|love) to (?:know|understand|ask|learn|find out|check|confirm)(?: about)?\b\s*/gi, ""],
  [/\b(?:i|we) (?:want|need|wish) to (?:know|understand|ask|learn|find out|check|confirm)(?: about)?\b\s*/gi, ""],
  [/\b(?:i(?:'m|’m| am) (?:curious|wondering)(?: about| whether| if)?|i wonder(?: whether| if)?)\s*/gi, ""],
  [/\b(?:could|can|would) you (?:please |kindly )?(?:tell me|let me know)\b\s*/gi, ""],
  // "Would you kindly inform me as to …", "would you be so good as to tell me …", "would you be kind enough to explain …".
  [/\b(?:could|can|would|will) you (?:please |kindly )?(?:be (?:so )?(?:good|kind)(?: enough)? (?:as )?to )?(?:tell me|let me know|inform me|explain(?: to me)?|advise me)(?: as to| about| of)?\b\s*/gi, ""],
  [/\b(?:could|can|would) you (?:please |kindly )?(list|name|give me|show me)\b/gi, "$1"],
  [/(?:^|(?<=[\s,;.!?]))(?:please|pls|plz|thanks|thank you)\b[,!.]?\s*/gi, ""],
  // A radio host's relay: "A listener asks: …", "Our listener from Hue wants to know …" (the listener's town is not asked about).
  [/^\s*(?:a|an|our|one)\s+(?:listener|reader|viewer|caller|follower)s?(?:\s+(?:from|in)\s+[\p{L}' ]+?)?\s+(?:asks|asked|wants to know|would like to know|wonders|writes(?: in)?(?: to ask)?)\b\s*(?:whether|if)?\s*[:,-]?\s*/iu, ""],
];

export function withoutPleasantries(question: string): string {
  // "… conference, please?" leaves "… conference, ?": the dangling comma goes.
  const out = PLEASANTRIES.reduce((text, [re, words]) => text.replace(re, words), question)
    .replace(/[\s,;]+([?.!]*)\s*$/, "$1")
    .trim();
  // Nothing but courtesy ("thank you!") stays as typed, for the question checks to answer.
  return /[\p{L}\p{N}]{2,}/u.test(out) ? out : question;
}

/** Multi-word phrases of a group (e.g. Vietnamese "đảng viên"), for translating questions. */
export const PHRASE_GROUPS = GROUPS.filter((g) => g.some((w) => w.includes(" ")));

// ---------------------------------------------------------------------------------------------
// Vietnamese questions about English reports. The offline model and the BM25 index only know the
// reports' English, so a Vietnamese question is put into the reports' words first: committee terms,
// question words and dates through a small bilingual table, place names accent-folded.

/** Vietnamese (with accents) → the words English reports use. Longest phrases are tried first. */
const VI_EN: [string, string][] = [
  // committees and offices
  ["ban chấp hành đảng bộ tỉnh", "Provincial Party Executive Committee"],
  ["ban thường vụ tỉnh ủy", "Provincial Party Standing Committee"],
  ["ban thường vụ huyện ủy", "District Party Standing Committee"],
  ["ban thường vụ", "Standing Committee"],
  ["ban chấp hành", "Executive Committee"],
  ["tỉnh ủy", "Provincial Party Committee"],
  ["huyện ủy", "District Party Committee"],
  ["thị ủy", "Town Party Committee"],
  ["thành ủy", "City Party Committee"],
  ["đảng ủy", "Party Committee"],
  // "Đảng bộ Quân sự tỉnh": the Provincial Military Party Committee ("quân sự" is military, not a "quận").
  ["quân sự", "military"],
  ["đảng bộ tỉnh", "Provincial Party Committee"],
  ["đảng bộ", "Party Committee"],
  ["ủy ban kiểm tra", "Inspection Committee"],
  ["ủy ban nhân dân", "People's Committee"],
  ["ubnd", "People's Committee"],
  ["hội đồng nhân dân", "People's Council"],
  ["hđnd", "People's Council"],
  ["bch", "Executive Committee"],
  ["btv", "Standing Committee"],
  ["ban bí thư", "Secretariat"],
  ["bộ chính trị", "Politburo"],
  ["ban tuyên giáo", "Propaganda Department"],
  ["ban tổ chức trung ương", "Central Organizing Committee"],
  ["trung ương", "Central"],
  ["ban tổ chức", "Organization Board"],
  ["phó bí thư thường trực", "Standing Deputy Secretary"],
  ["những phó bí thư", "Deputy Secretaries"],
  ["các phó bí thư", "Deputy Secretaries"],
  ["phó bí thư", "Deputy Secretary"],
  ["bí thư", "Secretary"],
  ["phó chủ tịch", "Vice Chairman"],
  ["chủ tịch", "Chairman"],
  ["trưởng tiểu ban", "Head of the Subcommittee"],
  ["trưởng ban", "Head"],
  ["trưởng", "Head"],
  ["bao nhiêu ủy viên", "how many members"],
  ["ủy viên ban chấp hành", "members of the Executive Committee"],
  ["ủy viên", "member"],
  // party work
  ["dân tộc thiểu số", "ethnic minority groups"],
  ["đồng bào dân tộc", "ethnic minority people"],
  ["đảng viên mới", "new party members"],
  ["đảng viên", "party members"],
  ["tổ chức cơ sở đảng", "grassroots Party organizations"],
  ["tổ chức đảng", "Party organizations"],
  ["chi bộ", "Party cells"],
  ["công văn", "official dispatch"],
  ["điều chỉnh chủ trương đầu tư", "adjusting the investment policy"],
  ["chủ trương đầu tư", "investment policy"],
  ["khu dân cư mới", "new residential area"],
  ["khu dân cư", "residential area"],
  ["cho ý kiến", "gave opinions on"],
  ["thường trực tỉnh ủy", "Standing Board of the Provincial Party Committee"],
  ["thường trực", "Standing"],
  ["điều chỉnh", "adjusting"],
  ["thời gian", "time"],
  ["ký", "signed"],
  ["phấn đấu kết nạp", "strive to recruit"],
  ["mục tiêu kết nạp", "target to recruit"],
  ["chỉ tiêu kết nạp", "target to recruit"],
  ["kết nạp", "admitted"],
  ["phát triển đảng viên", "recruit party members"],
  // "Số đảng viên của … là bao nhiêu?": the number of party members.
  ["số đảng viên", "the number of party members"],
  ["thi hành kỷ luật", "disciplined"],
  ["kỷ luật", "disciplined"],
  ["kỉ luật", "disciplined"],
  ["kiểm tra", "inspected"],
  ["giám sát", "supervised"],
  ["khen thưởng", "awarded"],
  // ("tặng" alone folds to "tăng", increased: only the phrase is read as awarded.)
  ["tặng bằng khen", "awarded Certificates of Merit"],
  ["bằng khen", "Certificates of Merit"],
  ["quỹ đầu tư phát triển", "development investment fund"],
  ["phát triển", "development"],
  ["quỹ", "fund"],
  ["kỷ niệm chương", "Commemorative Medal"],
  // "chỉ huy trưởng Bộ CHQS tỉnh": the commander of the provincial military headquarters.
  ["chỉ huy trưởng", "commander"],
  ["bộ chqs", "military headquarters"],
  ["chqs", "military command"],
  ["lễ kỷ niệm", "anniversary celebration"],
  ["kỷ niệm", "anniversary"],
  ["công tác cán bộ", "cadre work"],
  ["cán bộ", "cadres"],
  ["công tác xây dựng đảng", "Party building work"],
  ["xây dựng đảng", "Party building"],
  ["tuyên truyền", "propaganda"],
  ["dân vận", "mass mobilization"],
  ["nội chính", "internal affairs"],
  ["tham nhũng", "corruption"],
  ["hoàn thành xuất sắc nhiệm vụ", "excellently completed their tasks"],
  ["hoàn thành tốt nhiệm vụ", "well completed their tasks"],
  ["hoàn thành nhiệm vụ", "completed their tasks"],
  ["nhiệm vụ", "tasks"],
  ["chỉ thị", "Directive"],
  ["những nghị quyết", "resolutions"],
  ["các nghị quyết", "resolutions"],
  ["nghị quyết", "Resolution"],
  ["đề án", "Project"],
  ["quy định", "Regulation"],
  ["kết luận", "Conclusion"],
  ["kế hoạch", "plan"],
  ["văn bản", "documents"],
  ["tiểu ban văn kiện", "Document Subcommittee"],
  ["dự thảo", "draft"],
  ["dự kiến", "expected to be"],
  ["mục tiêu tổng quát", "general goal"],
  ["lấy phiếu tín nhiệm", "vote of confidence"],
  ["tái lập tỉnh", "re-establishment of the province"],
  ["tái lập", "re-establishment"],
  ["thành viên", "members"],
  ["người tham dự", "attendees"],
  ["đại biểu", "delegates"],
  ["dự án", "projects"],
  ["hằng năm", "annually"],
  ["hàng năm", "annually"],
  ["thông qua", "passed"],
  ["tổ chức", "held"],
  ["phải xong", "complete"],
  ["phải", "must"],
  ["tổ chức xong", "complete"],
  ["trước ngày nào", "by what date"],
  ["hoàn thành trước", "complete by"],
  ["cấp cơ sở", "grassroots level"],
  ["cấp tỉnh", "provincial level"],
  ["cấp huyện", "district level"],
  ["cấp xã", "commune level"],
  ["làm xong", "complete"],
  ["đánh giá giữa nhiệm kỳ", "mid-term review"],
  ["cơ sở", "grassroots"],
  ["khóa", "term"],
  ["khoá", "term"],
  ["văn kiện", "documents"],
  ["báo cáo chính trị", "political report"],
  ["báo cáo", "report"],
  // meetings
  ["hội nghị", "conference"],
  ["kỳ họp", "session"],
  ["cuộc họp", "meeting"],
  ["đại hội đảng bộ", "Party Congress"],
  ["đại hội", "Congress"],
  ["chủ trì", "chaired"],
  ["tham dự", "attended"],
  ["đi dự", "to attend"],
  // The kind of a meeting follows its noun: "hội nghị thường kỳ" is a regular conference.
  ["hội nghị thường kỳ", "regular conferences"],
  ["hội nghị bất thường", "extraordinary conferences"],
  ["kỳ họp thường lệ", "regular session"],
  ["kỳ họp bất thường", "extraordinary session"],
  ["thường kỳ", "regular"],
  ["bất thường", "extraordinary"],
  ["định kỳ", "periodic"],
  ["bầu", "elected"],
  ["đại biểu chính thức", "official delegates"],
  ["đại biểu dự khuyết", "alternate delegates"],
  ["toàn quốc", "National"],
  ["khi thành lập", "at establishment"],
  ["thành lập", "established"],
  ["các cơ quan", "agencies"],
  ["cơ quan", "agencies"],
  ["phát biểu", "spoke"],
  ["trình bày", "presented"],
  ["khai mạc", "opened"],
  ["bế mạc", "closed"],
  ["tổng kết", "review"],
  ["sơ kết", "review"],
  ["giữa nhiệm kỳ", "mid-term"],
  ["nhiệm kỳ", "term"],
  ["bỏ phiếu", "vote"],
  ["tín nhiệm", "confidence"],
  ["nhân sự", "personnel"],
  // economy
  ["tốc độ tăng trưởng", "growth rate"],
  ["tăng trưởng kinh tế", "economic growth"],
  ["tăng trưởng", "growth"],
  ["tổng sản phẩm trên địa bàn", "total product"],
  ["tổng sản phẩm", "total product"],
  ["kinh tế - xã hội", "socio-economic"],
  ["kinh tế xã hội", "socio-economic"],
  ["kinh tế", "economy"],
  ["thu ngân sách", "budget revenue"],
  ["chi ngân sách", "budget expenditure"],
  ["ngân sách nhà nước", "state budget"],
  ["ngân sách", "budget"],
  ["tổng vốn đầu tư toàn xã hội", "total social investment capital"],
  ["tổng vốn đầu tư xã hội", "total social investment capital"],
  ["vốn đầu tư công", "public investment capital"],
  ["vốn đầu tư", "investment capital"],
  ["đầu tư nước ngoài", "foreign investment"],
  ["đầu tư", "investment"],
  ["thu hút", "attract"],
  ["giải ngân", "disbursement"],
  ["thu nhập bình quân đầu người", "average income per capita"],
  ["grdp bình quân đầu người", "GRDP per capita"],
  ["gdp bình quân đầu người", "GDP per capita"],
  ["thu nhập bình quân", "average income"],
  ["thu nhập", "income"],
  ["bình quân", "average"],
  ["triệu đồng", "million VND"],
  ["tỷ đồng", "billion VND"],
  ["triệu", "million"],
  ["tỷ", "billion"],
  // (Both spellings of "rate", before "tỷ" the billion: "tỷ lệ hộ nghèo" is the poverty rate.)
  ["tỷ lệ hộ nghèo", "poverty rate"],
  ["tỉ lệ hộ nghèo", "poverty rate"],
  ["hộ nghèo", "poor households"],
  ["tỷ lệ", "rate"],
  ["tỉ lệ", "rate"],
  ["tỉ đồng", "billion VND"],
  ["tỉ", "billion"],
  ["đầu người", "per capita"],
  ["dân số", "population"],
  ["khách du lịch", "tourists"],
  ["khách quốc tế", "international visitors"],
  ["khách nước ngoài", "international visitors"],
  ["lượt khách", "visitors"],
  ["đón được", "welcomed"],
  ["du lịch", "tourism"],
  ["xuất khẩu", "export"],
  ["công nghiệp", "industrial"],
  ["sản phẩm", "products"],
  ["nông thôn mới kiểu mẫu", "model new rural"],
  ["nông thôn mới nâng cao", "advanced new rural"],
  ["nông thôn mới", "new rural"],
  // "đạt bao nhiêu % chỉ tiêu tỉnh giao": the share of the target the province set, a result.
  ["% chỉ tiêu tỉnh giao", "% of the target set by the province"],
  ["% chỉ tiêu được giao", "% of the assigned target"],
  ["% chỉ tiêu", "% of the target"],
  ["chỉ tiêu tỉnh giao", "target set by the province"],
  ["chỉ tiêu được giao", "assigned target"],
  ["chỉ tiêu", "targets"],
  ["tiêu chí", "criteria"],
  ["đô thị loại", "urban type"],
  ["đồng chí", "comrades"],
  ["bài học kinh nghiệm", "lessons learned"],
  ["bài học", "lessons"],
  ["đặt mục tiêu", "set the target for"],
  // ("…, nghe bảo cao lắm á?": "I hear it is high", what the asker was told.)
  ["nghe bảo", "reportedly"],
  ["nghe nói", "reportedly"],
  ["mục tiêu", "targets"],
  ["phấn đấu", "strive"],
  ["tuyển", "recruit"],
  ["thêm", "added"],
  ["đạt", "reached"],
  ["vượt", "exceeded"],
  ["hoàn thành", "completed"],
  ["tăng", "increased"],
  ["giảm", "decreased"],
  ["thu", "collect"],
  // questions
  // "đại hội lần thứ mấy": which numbered congress ("xếp thứ mấy" is a rank, left to "mấy").
  ["lần thứ mấy", "what ordinal"],
  ["bao nhiêu %", "what percentage"],
  ["mỗi năm", "annually"],
  ["hằng năm", "annually"],
  ["hàng năm", "annually"],
  ["phương án", "options"],
  ["chương trình trọng tâm", "key programs"],
  ["trọng tâm", "key"],
  ["đại hội điểm", "model congress"],
  ["phường nào", "which ward"],
  ["đặt ra", "set"],
  ["yêu cầu", "requested"],
  ["tập trung", "focus on"],
  ["tham mưu giúp việc", "advisory and support"],
  ["tham mưu", "advisory"],
  ["giúp việc", "support"],
  ["khắc phục", "overcome"],
  ["hạn chế", "limitations"],
  ["yếu kém", "weaknesses"],
  ["muốn", "wants"],
  ["chọn", "selected"],
  ["họp", "met"],
  ["chương trình", "programs"],
  ["công trình", "works"],
  ["quy trình", "procedures"],
  ["trình độ", "qualifications"],
  ["trình", "submitted to"],
  ["đh", "Congress"],
  // "vào năm thứ mấy của nhiệm kỳ": in which year of the term.
  ["năm thứ mấy", "which year"],
  // "có mấy mức tín nhiệm, gồm những mức nào": how many levels, and which.
  ["những mức nào", "which levels"],
  ["mức nào", "which level"],
  ["mấy mức", "how many levels"],
  ["mức độ", "levels"],
  ["bao nhiêu phần trăm", "what percentage"],
  ["bao nhiêu người", "how many people"],
  ["bao nhiêu lần", "how many times"],
  ["bao nhiêu năm", "how many years"],
  ["bao nhiêu ngày", "how many days"],
  ["bao nhiêu tháng", "how many months"],
  ["làm việc", "working"],
  ["trước khi", "before"],
  ["có bao nhiêu", "has how many"],
  ["buổi chiều", "afternoon"],
  ["chiều", "afternoon"],
  ["thay mặt đoàn chủ tịch", "on behalf of the Presidium"],
  ["đoàn chủ tịch", "Presidium"],
  ["thay mặt", "on behalf of"],
  ["gợi ý thảo luận", "suggested discussions"],
  // "So với cùng kỳ năm trước, … tăng bao nhiêu %": the baseline, as the reports write it.
  ["so với cùng kỳ năm trước", "compared with the same period last year"],
  ["so với cùng kỳ năm ngoái", "compared with the same period last year"],
  ["so với cùng kỳ", "compared with the same period"],
  ["so với năm trước", "compared with the previous year"],
  ["so với", "compared with"],
  // Studying Ho Chi Minh's example (Directive 05), a yearly theme of every Party committee.
  ["hồ chí minh", "Ho Chi Minh"],
  ["chuyên đề", "theme"],
  ["học tập", "studying"],
  ["làm theo", "following"],
  ["tư tưởng", "ideology"],
  ["đạo đức", "morality"],
  ["phong cách", "lifestyle"],
  ["triển khai", "implemented"],
  ["nội dung", "content"],
  ["nói về", "about"],
  ["phần thảo luận", "discussion session"],
  ["phiên thảo luận", "discussion session"],
  ["thảo luận", "discussions"],
  ["hội trường", "hall"],
  ["gợi ý", "suggested"],
  ["trạm y tế", "medical stations"],
  ["trạm", "stations"],
  ["nâng cấp", "upgrading"],
  ["trực tuyến", "online"],
  ["điểm cầu", "points"],
  ["nửa ngày", "half a day"],
  ["cả ngày", "a full day"],
  ["trực thuộc", "under"],
  ["khối", "bloc"],
  ["trong bao lâu", "how long"],
  ["bao lâu", "how long"],
  ["bao nhiêu", "how many"],
  ["vào tháng mấy", "in what month"],
  ["tháng mấy", "in what month"],
  ["ngày mấy", "on what date"],
  ["năm mấy", "in what year"],
  ["số mấy", "what number"],
  ["số bao nhiêu", "what number"],
  // "mấy năm liên tục": how many years in a row.
  ["mấy năm liên tục", "how many consecutive years"],
  ["bao nhiêu năm liên tục", "how many consecutive years"],
  ["liên tục", "consecutive"],
  ["mấy", "how many"],
  ["do ai", "who"],
  ["là ai", "who is"],
  ["ai là", "who is"],
  ["ai", "who"],
  ["hiện có", "currently has"],
  ["hiện nay", "currently"],
  ["hiện tại", "currently"],
  ["theo dõi", "monitoring"],
  ["tiếp theo", "next"],
  ["theo", "according to"],
  // "Cho tôi hỏi …", "cho mình hỏi": "may I ask", nothing to search for.
  ["cho tôi hỏi", ""],
  ["cho mình hỏi", ""],
  ["cho em hỏi", ""],
  ["vào thời gian nào", "when"],
  ["thời gian nào", "when"],
  ["vào ngày nào", "on what date"],
  ["ngày nào", "on what date"],
  ["khi nào", "on what date"],
  ["bao giờ", "on what date"],
  ["lúc nào", "on what date"],
  ["tháng nào", "which month"],
  ["năm nào", "what date"],
  ["ở đâu", "where"],
  ["như thế nào", "how"],
  ["những gì", "what"],
  ["là gì", "what"],
  ["gì", "what"],
  ["nào", "which"],
  // time and connectors
  ["quý i", "first quarter"],
  ["quý 1", "first quarter"],
  ["6 tháng đầu năm", "first six months"],
  ["năm tới", "next year"],
  ["năm sau", "next year"],
  ["mới", "new"],
  ["ở", "in"],
  ["tại", "in"],
  ["trong", "in"],
  ["của", "of"],
  ["và", "and"],
  ["với", "with"],
  ["cụ thể", "specific"],
  ["về", "on"],
  ["cho", "for"],
  ["sẽ", "will"],
];

/** Words that carry no meaning once translated (Vietnamese grammar words), with or without accents. */
const VI_DROP = new Set(
  (
    "đã được có các những là thì này đó không bị vào lần việc cuộc sự nên đang hãy cho biết hỏi bạn tôi mình thế vậy ạ nhé xin " +
    "da duoc co cac nhung la thi nay do khong bi vao lan viec cuoc su nen dang hay biet hoi ban toi minh vay nhe xin " +
    "năm nam nay ngoái ngoai trước truoc rồi roi từ tu kể ke đến den tới toi hết het tháng thang sau"
  ).split(" "),
);

/** Provinces by their initials, in capitals as they are typed ("HD prov party exec cttee", "HY city"). */
const PROVINCE_INITIALS: [RegExp, string][] = [
  [/\bHD\b/g, "Hai Duong"],
  [/\bHY\b/g, "Hung Yen"],
];

/**
 * A question with provinces' initials written out (before places are read, so "HY city" is not taken for Hue City),
 * and the initials of a place it names in full ("khanh hoa bridge point … most senior KH official": Khanh Hoa's).
 */
export function withProvinceInitials(question: string): string {
  const named = PROVINCE_INITIALS.reduce((text, [re, name]) => text.replace(re, name), question)
    // ("Nghi Xuan dist (HT)": a province's initials in brackets after a place, when no other province has them.)
    .replace(/\((\p{Lu}{2,3})\)/gu, (m, initials: string) => {
      const province = UNIQUE_PROVINCE_INITIALS.get(initials);
      return province ? `(${province})` : m;
    });
  return findPlaces(named).reduce((text, place) => {
    if (!place.name.includes(" ")) return text;
    const initials = initialsOf(place.name);
    return text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${initials}(?![\\p{L}\\p{N}'’-])`, "gu"), place.name);
  }, named);
}

/** "Khanh Hoa" → "KH". */
function initialsOf(name: string): string {
  return name.split(" ").map((w) => w[0]!.toUpperCase()).join("");
}

/** Provinces by their initials, for initials in brackets ("HT" → Ha Tinh); null for initials two provinces share. */
const UNIQUE_PROVINCE_INITIALS = new Map<string, string | null>();
for (const p of PLACES) {
  if (p.kind !== "province") continue;
  const initials = initialsOf(p.name);
  UNIQUE_PROVINCE_INITIALS.set(initials, UNIQUE_PROVINCE_INITIALS.has(initials) ? null : p.name);
}

/** Vietnamese chat shorthand: "bn" (bao nhiêu, how many), "dc" / "đc" (được), "ko" / "k" (không), "j" (gì), "ntn" (như thế nào). */
const VI_CHAT: [RegExp, string, string][] = [
  [/(?<![\p{L}\p{N}])(?:bn|bnhiu|bnhieu)(?![\p{L}\p{N}])/giu, "bao nhiêu", "bao nhieu"],
  [/(?<![\p{L}\p{N}])(?:dc|đc|dk|đk)(?![\p{L}\p{N}])/giu, "được", "duoc"],
  [/(?<![\p{L}\p{N}])(?:ko|k|hok|kh)(?![\p{L}\p{N}])/giu, "không", "khong"],
  [/(?<![\p{L}\p{N}])j(?![\p{L}\p{N}])/giu, "gì", "gi"],
  [/(?<![\p{L}\p{N}])ntn(?![\p{L}\p{N}])/giu, "như thế nào", "nhu the nao"],
];

/** "tỉnh Thái Bình" → "Thai Binh province": the kind word follows the name in English. */
const KIND_BEFORE_NAME: [string, string][] = [
  ["thành phố", "city"],
  ["tp", "city"],
  ["thị xã", "town"],
  ["thị trấn", "town"],
  ["huyện", "district"],
  ["tỉnh", "province"],
  ["phường", "ward"],
  ["xã", "commune"],
];

const VI_LETTERS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;
const MONTH_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

interface Word {
  text: string;
  folded: string;
  capitalised: boolean;
}

/** Every syllable of the glossary's Vietnamese and of its grammar words, accents folded. */
const VI_SYLLABLES = new Set([...VI_EN.flatMap(([vi]) => fold(vi).split(" ")), ...[...VI_DROP].map(fold), ...KIND_BEFORE_NAME.flatMap(([vi]) => fold(vi).split(" "))]);
// Syllables that are also common English words would make English look Vietnamese.
for (const english of ["a", "an", "to", "so", "do", "the", "in", "on", "at", "co", "la", "ban", "toi", "dan", "cho", "ma", "hay", "nam"]) VI_SYLLABLES.delete(english);

const foldedTable = VI_EN.map(([vi, en]) => ({ words: fold(vi).split(" "), vi: normaliseTone(vi).split(" "), en }));
foldedTable.sort((a, b) => b.words.length - a.words.length);

/** The number after "lần thứ": written in figures ("26") or, as Vietnamese numbers congresses, in Roman ("VIII"). */
const eventNumber = (written: string): number | null => (/\d/.test(written) ? Number(written) : romanNumber(written));

/** "ủy" and "uỷ", "hòa" and "hoà": the same word with the tone mark on another letter. */
function normaliseTone(word: string): string {
  return word.normalize("NFD").toLowerCase().split("").sort().join("").normalize("NFC");
}

/** True when the question is written in Vietnamese (names with accents in an English question do not count). */
/** The share of a text's words (places and figures aside) that are syllables of the glossary's Vietnamese, accents folded. */
export function vietnameseShare(text: string): number {
  const placeWords = new Set(findPlaces(text).flatMap((p) => fold(p.matched).split(/\s+/)));
  const words = fold(text).replace(/[^a-z0-9]+/g, " ").trim().split(" ").filter((w) => w && !placeWords.has(w) && !/\d/.test(w));
  return words.length ? words.filter((w) => VI_SYLLABLES.has(w)).length / words.length : 0;
}

/** Chat shorthand that is no English word: "bn" (bao nhiêu; not "5 bn", billions), "dc" (được), "ntn". */
const VI_CHAT_PLAIN: [RegExp, string][] = [
  [/(?<![\p{L}\p{N}])(?<!\p{N}\s)(?:bn|bnhiu|bnhieu)(?![\p{L}\p{N}])/giu, "bao nhieu"],
  [/(?<![\p{L}\p{N}])(?:dc|đc)(?![\p{L}\p{N}])/giu, "duoc"],
  [/(?<![\p{L}\p{N}])ntn(?![\p{L}\p{N}])/giu, "nhu the nao"],
];

export function looksVietnamese(question: string): boolean {
  const words = question.normalize("NFC").split(/[^\p{L}\p{M}]+/u).filter(Boolean);
  const lowerVi = words.filter((w) => w === w.toLowerCase() && VI_LETTERS.test(w)).length;
  if (lowerVi > 0) return true;
  const folded = ` ${fold(question).replace(/[^a-z0-9]+/g, " ")} `;
  if ([" tinh uy ", " huyen uy ", " dang vien ", " ket nap ", " bao nhieu ", " chu tri ", " ngan sach ", " tang truong ", " hoi nghi "].some((p) => folded.includes(p))) return true;
  // Without accents: most words are syllables of the glossary's Vietnamese (place names aside), and two glossary phrases occur.
  // ("hong linh ha tinh tieu chi do thi loai 3 dat bn": chat shorthand counts as the syllables it stands for.)
  const placeWords = new Set(findPlaces(question).flatMap((p) => fold(p.matched).split(/\s+/)));
  const written = VI_CHAT_PLAIN.reduce((text, [re, plain]) => text.replace(re, plain), question);
  const syllables = fold(written).replace(/[^a-z0-9]+/g, " ").trim().split(" ").filter((w) => w && !placeWords.has(w) && !/\d/.test(w));
  const vietnamese = syllables.filter((w) => VI_SYLLABLES.has(w)).length;
  const phrases = foldedTable.filter((e) => e.words.length >= 2 && folded.includes(` ${e.words.join(" ")} `)).length;
  return syllables.length >= 3 && vietnamese / syllables.length >= 0.6 && phrases >= 1;
}

/**
 * A Vietnamese question in the reports' English words, for search and answer checks:
 * "Tỉnh ủy Hà Nam kết nạp bao nhiêu đảng viên năm 2023?" →
 * "Provincial Party Committee Ha Nam admitted how many party members in 2023?". English questions are returned as they are.
 */
const NUMBERED_EVENT: Record<string, string> = { "hoi nghi": "conference", "dai hoi": "congress", "ky hop": "session" };

export function toEnglishQuestion(question: string, knownSubPlaces: readonly string[] = []): string {
  if (!looksVietnamese(question)) return question;
  // Places and dates are set aside as placeholders ("ZZ0ZZ") so the word-by-word pass leaves them whole.
  const kept: string[] = [];
  const places = new Set<string>();
  const keep = (english: string, isPlace = false) => {
    if (isPlace) places.add(`ZZ${kept.length}ZZ`);
    return ` ZZ${kept.push(english) - 1}ZZ `;
  };
  let text = question.normalize("NFC");
  const noAccents = !VI_LETTERS.test(text);
  // Chat shorthand ("dc bn trieu", "co bn can bo", "ko"), written out as the question writes the rest.
  for (const [re, accented, plain] of VI_CHAT) text = text.replace(re, noAccents ? plain : accented);
  // "những hạn chế, yếu kém nào": "which limitations, weaknesses" (the question word before its noun, as English puts it).
  text = text.replace(/(?<![\p{L}])(?:những|nhung)\s+((?:[\p{L}]+[\s,]+){2,5}?)(?:nào|nao)(?![\p{L}])/gu, "which $1");
  // "list giúp mình mấy giải pháp đó": "mấy … đó" is "those …", not "how many".
  text = text.replace(/(?<![\p{L}])mấy\s+((?:[\p{L}]+\s+){1,3}?)(?:đó|này|ấy|kia)(?![\p{L}])/gu, "$1");
  text = text
    .replace(/(?:ngày|ngay)\s+(\d{1,2})\s*[/-]\s*(\d{1,2})(?:\s*[/-]\s*((?:19|20)\d{2}))?/giu, (_, d, m, y) => keep(`${MONTH_EN[Number(m) - 1] ?? m} ${Number(d)}${y ? `, ${y}` : ""}`))
    .replace(/(?:tháng|thang)\s+(\d{1,2})(?:\s*(?:\/|năm|nam)\s*((?:19|20)\d{2}))?/giu, (_, m, y) => keep(`${MONTH_EN[Number(m) - 1] ?? m}${y ? ` ${y}` : ""}`))
    // "bình quân 3 năm": three years (a count of years, not a year: "5 năm 2015-2020" is five years, 2015-2020).
    .replace(/(?<![\p{L}\p{N}])(\d{1,2})\s+(?:năm|nam)(?![\p{L}\p{N}])/giu, (_, n) => keep(`${n} years`))
    .replace(/(?<![\p{L}])(?:năm|nam)\s+((?:19|20)\d{2}(?:\s*[-–]\s*(?:19|20)\d{2})?)/giu, (_, y) => keep(`in ${y}`))
    .replace(/(\d)\s*sao(?![\p{L}])/giu, (_, n) => keep(`${n}-star`))
    // "hội nghị lần thứ 26" → "26th conference": the number before its event, as English writes it ("lần thứ VIII" too).
    // ("Đại hội toàn quốc lần thứ XIII" → "13th National Congress".)
    .replace(/(hội nghị|hoi nghi|đại hội|dai hoi|kỳ họp|ky hop)\s+(?:(toàn quốc|toan quoc)\s+)?(?:(?:lần|lan)\s+)?(?:thứ|thu)\s+(\d+|[IVX]+)(?![\p{L}\p{N}])/giu, (m, event: string, national: string | undefined, n: string) => {
      const number = eventNumber(n);
      return number ? keep(`${ordinalFigure(number)} ${national ? "National " : ""}${NUMBERED_EVENT[fold(event)] ?? "conference"}`) : m;
    })
    .replace(/(?:(?:lần|lan)\s+)?(?:thứ|thu)\s+(\d+|[IVX]+)(?![\p{L}\p{N}])/giu, (m, n: string) => {
      const number = eventNumber(n);
      return number ? keep(ordinalFigure(number)) : m;
    })
    // "HĐND khóa 9" → "9th term": a term's number, not a count or a day ("khoa 9 thang 7/2020" is the 9th term, July 2020).
    .replace(/(?<![\p{L}])(?:khóa|khoá|khoa)\s+(\d{1,2}|[IVX]+)(?![\p{L}\p{N}])/giu, (m, n: string) => {
      const number = eventNumber(n);
      return number ? keep(`${ordinalFigure(number)} term`) : m;
    });
  for (const place of findPlaces(text)) text = text.replace(place.matched, keep(place.name, true));

  const words: Word[] = (text.match(/[\p{L}\p{M}\p{N}'’.,/%-]+|[?!;:]/gu) ?? []).map((w) => {
    const bare = w.replace(/[.,]+$/, "");
    return { text: bare, folded: fold(bare), capitalised: /^\p{Lu}/u.test(bare) };
  });
  const isKept = (w: Word | undefined) => !!w && /^ZZ\d+ZZ$/.test(w.text);
  const isName = (w: Word | undefined) => !!w && (places.has(w.text) || (!isKept(w) && w.capitalised && !VI_DROP.has(w.folded) && !foldedTable.some((e) => e.words.length === 1 && matchesAt([w], 0, e))));
  const out: string[] = [];
  // "nghi xuân hà tĩnh kết nạp …": a district or town the library names, typed in lower case without its kind word.
  const knownFolded = knownSubPlaces.map((k) => fold(k).split(" ")).filter((k) => k.length >= 2);
  for (let i = 0; i < words.length; ) {
    const known = !words[i]!.capitalised ? knownFolded.find((k) => k.every((part, n) => words[i + n]?.folded === part)) : undefined;
    if (known) {
      // (A comma ends it: "Nghi Xuan, Ha Tinh" names two places, not one.)
      out.push(...words.slice(i, i + known.length).map((w, n) => nameInEnglish(w.text[0]!.toUpperCase() + w.text.slice(1)) + (n === known.length - 1 ? "," : "")));
      i += known.length;
      continue;
    }
    const match = foldedTable.find((entry) => matchesAt(words, i, entry, noAccents));
    if (match) {
      if (match.en) out.push(match.en);
      i += match.words.length;
      continue;
    }
    // "huyện Cẩm Xuyên" → "Cam Xuyen district": in English the kind word follows the name.
    const kind = KIND_BEFORE_NAME.find(([vi]) => vi.split(" ").every((k, n) => words[i + n]?.folded === fold(k)));
    if (kind) {
      let j = i + kind[0].split(" ").length;
      const name: string[] = [];
      // "Huyện Tân Châu (Tây Ninh)": the province after the district's name is a place of its own.
      while (isName(words[j]) && !(name.length > 0 && places.has(words[j]!.text))) name.push(words[j++]!.text);
      // Typed in lower case: a district or town the library names ("thi tran tu ky" → "Tu Ky town").
      if (name.length === 0) {
        const known = knownSubPlaces.map((k) => fold(k).split(" ")).find((k) => k.every((part, n) => words[j + n]?.folded === part));
        if (known) {
          name.push(...words.slice(j, j + known.length).map((w) => w.text[0]!.toUpperCase() + w.text.slice(1)));
          j += known.length;
        }
      }
      if (name.length) {
        out.push(...name.map(nameInEnglish), kind[1]);
        i = j;
        continue;
      }
    }
    const w = words[i]!;
    const nameLike = w.capitalised && (isName(words[i - 1]) || isName(words[i + 1]) || !VI_LETTERS.test(w.text)) && !VI_DROP.has(w.folded);
    if (isKept(w) || /^\p{Lu}{2,}$/u.test(w.text) || /\d/.test(w.text) || /^[?!;:]$/.test(w.text)) out.push(w.text);
    else if (nameLike) out.push(nameInEnglish(w.text));
    else if (!VI_LETTERS.test(w.text) && !VI_DROP.has(w.folded) && ENGLISH_KEEP.test(w.text)) out.push(w.text);
    i++;
  }
  return out
    .map((w) => w.replace(/^ZZ(\d+)ZZ$/, (_, n) => kept[Number(n)]!))
    .join(" ")
    .replace(/\b(in|of) \1\b/g, "$1")
    .replace(/\s+([?!;:])/g, "$1")
    .trim();
}

/** "Cẩm" → "Cam": names as the English reports spell them. */
const nameInEnglish = (word: string) => (/^ZZ\d+ZZ$/.test(word) ? word : fold(word).replace(/^\p{L}/u, (c) => c.toUpperCase()));

/** Lower-case words kept from a Vietnamese question: English words a user mixed in ("GRDP", "growth"). */
const ENGLISH_KEEP = /^(?:[a-z]{4,}|fdi|gdp|grdp|ocop|usd|vnd|in|on|of|by|the|and|for|how|who|what)$/i;

/** Does the glossary entry match the words at `i`? Several syllables may match without accents; one needs its accents. */
function matchesAt(words: Word[], i: number, entry: { words: string[]; vi: string[] }, noAccents = false): boolean {
  if (i + entry.words.length > words.length) return false;
  // One syllable is matched with its tones ("thu" is not "thứ") unless the question is written without any.
  const same = noAccents ? words[i]!.folded === entry.words[0] : normaliseTone(words[i]!.text) === entry.vi[0];
  // (A capitalised word before another is part of a name, unless an acronym: "BCH Đảng bộ tỉnh".)
  if (entry.words.length === 1) return same && !(words[i]!.capitalised && words[i + 1]?.capitalised && i > 0 && !/^\p{Lu}{2,}$/u.test(words[i]!.text));
  return entry.words.every((w, k) => words[i + k]!.folded === w);
}
