import type { AnswerOutcome, ArticleSummary, AskedFrame, Citation, Fact, NearMiss } from "../types.js";
import { stemSet, type ScoredPassage } from "../search/search.js";
import type { Question } from "../question/index.js";
import { COUNTED_KINDS, COUNTED_MONEY, stem } from "../question/analyze.js";
import { synonymStems } from "../question/glossary.js";
import type { StoredPassage } from "../store/store.js";
import { fold } from "../text/fold.js";
import { findPlaces } from "../text/places.js";
import { textUnits, type TextUnit } from "../text/sentences.js";
import { MONTH_PATTERN, yearMentions, yearOfDate, yearsClaimed } from "../text/years.js";
import { reportYearOf } from "../facts/index.js";
import type { Aligner } from "./align.js";
import { checkClaim, type QuotedFact } from "./check.js";
import { namesEvent, numberedEvents } from "../text/events.js";
import { articleScope, asksPartyMembers, contentCoverage, givesPlannedDate, givesReason, contentTerms, judgeUnit, peopleNamed, personNames, speakerSurnames, type ArticleLayout, type ArticleScope } from "./evidence.js";

export interface ComposeOptions {
  /** Most citations an answer uses (default 3). */
  maxCitations: number;
  /** Passages whose sentences are considered (default 6). */
  passagesConsidered: number;
  /**
   * Least weighted share of the question's specific terms the evidence must cover (default 0.4: on the dev set
   * and our extra questions 0.5 → 0.4 answered 3 more right and declined 1 fewer).
   */
  minCoverage: number;
  /**
   * Weight of the word-vector alignment score (src/answer/align.ts) in a sentence's rank (default 0). Its
   * coverage always stands in for the lexical coverage when higher (a paraphrase: "recruited" for "admitted").
   * Measured (bench/WIKIQA.md, our sets): 0.2 / 0.5 cost 2–6 right answers on our question sets for +0.004 P@1 on WikiQA.
   */
  alignWeight: number;
  /** For a question asking for a list (tasks, solutions), how many sentences after the best one in its passage are quoted too (default 4). */
  listSentences: number;
  /** For a list whose items are paragraphs of their own ("Firstly, …", "Secondly, …"), how many items are quoted, each by its first sentence (default 8). */
  listItems: number;
  /** For a question asking for a list, score added to a sentence that leads into one ("…eight important tasks … in 2023:") or holds one ("such as: A; B; C"), twice when an item follows the lead (default 0.15). */
  listLeadBonus: number;
  /** Added for a list question to a sentence leading into items with a word the question names them by ("three ratings: …"). */
  namedListBonus: number;
  /**
   * Taken off a list question's sentence that neither names what is listed (nor a synonym) nor leads into a list,
   * when another sentence leads into a list of it by name (default 0.2).
   */
  unnamedListPenalty: number;
  /**
   * Added to a sentence giving the asked metric's standing ("…in the leading group of the country", "ranking 26th out
   * of 63") when the question asks how the place ranks or compares (Question.standing); default 0.2.
   */
  standingBonus: number;
  /** Taken from a province's report for a question about the Party Central Committee's own meeting that names no place. */
  otherLevelPenalty: number;
  /** Score added to a sentence whose figure matches the question's metric, period, place and kind (default 0.3). */
  frameBonus: number;
  /**
   * Least coverage for a sentence whose figure matches the question's whole frame (metric, period, place, kind):
   * the fact says more about relevance than shared words do ("hcmc grdp q1 2021" shares a third of its weighted
   * terms with "…in the first quarter with the GRDP up 4.58 percent"). Default 0.2: on our natural set 134 → 139
   * right, traps 63 → 64, wrong figures 3 → 1 together with the place changes (bench/README.md).
   */
  frameCoverage: number;
  /**
   * Least coverage for a sentence giving a reason ("…because it consistently performs well …") when the question asks
   * why: the answer's own kind, which may word the choice otherwise ("pick … to host" for "selected to hold").
   * Default 0.3.
   */
  reasonCoverage: number;
  /**
   * For a general question, the least word-alignment coverage of the answering sentence (default 0.35: on WikiQA's
   * odd half the best answer-triggering F1 that keeps P@1 ≥ 0.55; see bench/WIKIQA.md).
   */
  generalMinCoverage: number;
  /** For a general question, taken off a sentence's score in proportion to how far into its article it sits (up to 2,000 characters; default 0.1): a tie goes to the lead. */
  generalPositionWeight: number;
  /** For a general question, taken off a caption's or heading's score (a short line with no full stop: "Ice formations inside a glacier cave"), default 0.2. */
  captionPenalty: number;
}

/** The kinds of document a question asks for by their number ("under which regulation …"), as an alternation. */
const ASKED_DOCUMENT_KINDS = "regulation|resolution|directive|decision|decree|conclusion|instruction|circular";
/** The kinds of document a report names by number ("Conclusion No. 126", "Directive 26-CT/TW"), as an alternation. */
const DOCUMENT_KINDS = `(?:${ASKED_DOCUMENT_KINDS}|official dispatch|plan)`;
/** "Under which regulation …", "pursuant to what directive …": the kind asked for. */
const DOCUMENT_KIND_ASKED = new RegExp(`\\b(?:under|according to|pursuant to|in accordance with|in line with|based on|by)\\s+(?:which|what)\\s+(?:[a-z]+\\s+){0,2}?(${ASKED_DOCUMENT_KINDS})s?\\b`);
/** "What central document prompted …", "which Politburo doc triggered it", "which document from the Politburo was behind it": a document of any kind. */
const DOCUMENT_PROMPTED = new RegExp(`\\b(?:which|what)\\s+(?:[a-z]+\\s+){0,2}?(?:document|${ASKED_DOCUMENT_KINDS})s?\\s+(?:[a-z]+\\s+){0,3}?(?:prompted|led|required|caused|triggered|made|forced|drove|obliged|(?:was|is|were|lay) behind)\\b`);

export const DEFAULT_COMPOSE: ComposeOptions = { maxCitations: 3, passagesConsidered: 6, minCoverage: 0.4, frameBonus: 0.3, frameCoverage: 0.2, reasonCoverage: 0.3, captionPenalty: 0.2, generalPositionWeight: 0.1, generalMinCoverage: 0.35, listSentences: 4, listItems: 8, listLeadBonus: 0.15, namedListBonus: 0.4, unnamedListPenalty: 0.2, standingBonus: 0.2, otherLevelPenalty: 0.1, alignWeight: 0 };

export interface ComposedAnswer {
  outcome: AnswerOutcome;
  /** Quoted sentences with [n] markers: the answer, or for a near miss what the reports give instead; "" when declined. */
  answer: string;
  figures: string[];
  citations: Citation[];
  more: Citation[];
  /** Why the answer was not given, for logs and eval ("sentence is about 2022"), null when answered. */
  reason: string | null;
}

interface Candidate {
  sentence: string;
  passage: ScoredPassage;
  index: number;
  score: number;
  coverage: number;
  /** Problems that rule the sentence out as an answer. */
  problems: string[];
  /** A figure of the sentence matches the question's metric, period, place and kind. */
  frameMatch: boolean;
  /**
   * A figure of the sentence counts what the question counts (`Question.counted`), or the sentence leads into the
   * items a list question names ("three ratings: …"): the answer's own kind, which needs fewer of the question's words.
   */
  countMatch: boolean;
  /** Judged as an answer to a general question (ranked and covered by the word alignment). */
  general: boolean;
  /** For a "when" question of one year: the date the sentence gives when it is another year's ("December 7", 2024). */
  otherYearDate: { value: string; year: number } | null;
  /** The figures of the sentence that measure the asked metric, and how each differs from what was asked. */
  metricFacts: { fact: Fact; differs: NearMiss["differs"] }[];
  /** A list question's sentence that leads into a list of the asked thing by its name, or one that neither names it nor leads into a list. */
  list: "named" | "unnamed" | null;
}

/**
 * Extractive answering: choose the sentences of the top passages that answer the question, cite each, and
 * decline when the evidence does not cover what the question asks (its place, year, names, the figure it
 * wants, or enough of its specific terms). A figure is asserted only when the fact it comes from matches the
 * question's metric, period, place and kind (result or target); when the reports hold the metric but not for
 * what was asked, the outcome is a near miss that quotes what they do give.
 */
export function composeAnswer(
  question: Pick<Question, "analyzed" | "frame" | "metricStems" | "counted" | "countedGroup" | "listed" | "standing" | "parts">,
  hits: ScoredPassage[],
  weights: Map<string, number>,
  articlePassages: (articleId: string) => StoredPassage[],
  o: ComposeOptions,
  layouts: Map<string, ArticleLayout> = new Map(),
  aligner: Aligner | null = null,
): ComposedAnswer {
  const frame = question.frame;
  // The top passages, and any passage that joined them for holding the asked metric's facts (score at most the last's).
  const considered = hits.filter((h, i) => i < o.passagesConsidered || (h.lexicalRank === null && h.denseRank === null));
  // A person named in lower case is a name the report must hold, not words the sentence must repeat.
  // (Only in a question typed all in lower case: one that capitalises anything would capitalise a name too.)
  const asked = question.analyzed;
  const typedLowerCase = asked.names.length === 0 && !/\p{Lu}/u.test(asked.raw.slice(1));
  const lowerCasePeople = typedLowerCase
    ? peopleNamed(asked, [...new Map(considered.map((h) => [h.articleId, { article: h.article, passages: articlePassages(h.articleId) }])).values()], layouts)
    : [];
  const q = lowerCasePeople.length ? { ...asked, names: [...asked.names, ...lowerCasePeople] } : asked;
  const aligned = aligner?.prepare(q.raw) ?? null;
  const content = contentTerms(q, weights, question.counted === COUNTED_MONEY);
  // For a sentence whose fact matches the whole frame, the words naming the metric ("gdp" for "total product")
  // are covered by the fact, and so is what a "how many" question counts ("how many people joined the party": the
  // fact counts them); the rest of the question must still be (`frameCoverage`).
  const metricStems = new Set([...question.metricStems, ...(question.counted ? [stem(question.counted)] : [])]);
  const beyondMetric = content.filter((t) => !t.light && !t.stems.some((s) => metricStems.has(s)));
  // Of a compound question, the part the figure answers: "How much did Hong Linh collect in 2023, and how much did it
  // pay out?" is answered for the collection by a sentence that says nothing of paying out.
  const beyondByPart = question.parts.length < 2 ? [beyondMetric] : question.parts.map((part) => {
    const words = stemSet(part);
    return beyondMetric.filter((t) => t.stems.every((s) => words.has(s)));
  });
  // Nothing of the reports' frame (no metric, period, province or city): a general question ("how are glacier
  // caves formed?", "who wrote the Iliad?"); a district the report names still makes it one about the reports.
  const generalQuestion = aligned !== null && !frame.metric && !frame.period && q.places.length === 0;
  const topScore = considered[0]?.score || 1;
  // A span of time, a length or a sum of money is what "how long" / "how much money" wants, whatever the question is about.
  // A general question's noun is not judged ("how many states…" in any words), but a party's members are the reports' own.
  const counted = (general: boolean) =>
    question.counted && COUNTED_KINDS.has(question.counted) ? question.counted : frame.metric || (general && !asksPartyMembers(q)) ? null : question.counted;
  const scopes = new Map<string, ArticleScope>();
  // "How many people are on the editorial team…" in a report that has an Editorial Team besides a Subcommittee: only
  // a sentence naming the team counts its people.
  const group = question.countedGroup ? new RegExp(`\\b${question.countedGroup.replace(/-/g, "[- ]?")}s?\\b`, "i") : null;
  const groupInReport = new Map<string, boolean>();
  // A plan's figure for the year asked about may answer ("how many conferences in 2025" by the 2025 programme), unless the
  // question insists on what happened ("how many did it actually end up holding in 2025").
  const forAskedYear = (f: Fact) => !!frame.period && !!f.period && f.period.from === frame.period.from && f.period.to === frame.period.to;

  // A lead ("…, including:") whose next line or passage opens a numbered or bulleted item leads into a list for sure.
  const itemsFollow = (units: TextUnit[], index: number, passage: ScoredPassage) => {
    const next = units[index + 1];
    if (next) return opensItem(passage.text, next.at);
    return ENUMERATED.test(articlePassages(passage.articleId).find((p) => p.position === passage.position + 1)?.text ?? "");
  };
  // A list question prefers a sentence that leads into a list (twice as much when an item follows it) or holds one
  // ("…contributed many opinions about contents such as: Overall objective …; Breakthrough programs …; …").
  const listBonus = (text: string, followed: () => boolean) => (/:\s*$/.test(text) ? o.listLeadBonus * (followed() ? 2 : 1) : isListLead(text) ? o.listLeadBonus : 0);
  // "What rate is expected by November 30": the report's estimate answers, whether it reads as a target or a result.
  const estimateAsked = ESTIMATE_ASKED.test(q.folded);
  // The words a list question names its items by, and theirs ("options" ~ "choices"), for leadsNamedList.
  const listed = new Set(question.listed.flatMap((s) => [s, ...synonymStems(s)]));
  // "Under which regulation …", "pursuant to what directive …": the kind of document whose number answers ("what
  // decision did the committee make" asks what was decided, which a sentence without a number may say).
  // ("What central document prompted the committee to reschedule …?": a document of any kind, by its number.)
  const documentKind = DOCUMENT_KIND_ASKED.exec(asked.folded)?.[1] ?? (DOCUMENT_PROMPTED.test(asked.folded) ? "document" : undefined);
  const documentAsked = documentKind ? new RegExp(`\\b${documentKind === "document" ? DOCUMENT_KINDS : documentKind}\\s+(?:No\\.?\\s*)?\\d`, "i") : null;
  // A question about the Party Central Committee's own meeting, naming no province or district.
  const centralAsked = asked.places.length === 0 && asked.names.length === 0 && /\bcentral committee\b/.test(asked.folded) && !/\bprovinc/.test(asked.folded);
  const candidates: Candidate[] = [];
  for (const passage of considered) {
    if (!scopes.has(passage.articleId)) scopes.set(passage.articleId, articleScope(q, passage.article, articlePassages(passage.articleId), layouts));
    const scope = scopes.get(passage.articleId)!;
    const passageStart = scope.offsets.get(passage.id) ?? 0;
    const units = textUnits(passage.text);
    const passageWords = stemSet(`${passage.text} ${passage.article.title}`);
    const general = generalQuestion && !q.names.some((n) => scope.subPlaces.has(fold(n)));
    units.forEach((unit, index) => {
      const alignment = aligned?.score(unit.text) ?? null;
      // A metric's figures are judged by their facts; what else a "how many" question about the reports counts, by its noun.
      const judged = judgeUnit(q, scope, unit, passageStart + unit.at, content, counted(general));
      const facts = (passage.facts ?? []).filter((f) => f.sentence[0] === unit.at);
      const framed = judgeFrame(frame, facts, passage.article, scope, estimateAsked);
      // A paraphrase the word vectors see ("recruited" for "admitted") covers what the report's own words do.
      const cov = general ? alignment!.coverage : Math.max(contentCoverage(content, unit, passageWords), alignment?.coverage ?? 0);
      // What decides declining: for a figure matching the whole frame, its fact covers the metric's own words.
      const covered = framed.matches ? Math.max(cov, ...beyondByPart.map((terms) => (terms.length ? contentCoverage(terms, unit, passageWords) : 1))) : cov;
      // Sentence coverage dominates; the passage's retrieval score breaks ties between near-equals. A general
      // question is ranked by the word alignment instead.
      const namedList = frame.wanted === "list" && leadsNamedList(unit.text, listed) ? o.namedListBonus : 0;
      const unnamedList = frame.wanted === "list" && listed.size > 0 && !namedList && !isListLead(unit.text) && ![...stemSet(unit.text)].some((w) => listed.has(w));
      // "Under which Politburo regulation …?": a sentence naming a numbered one ("…under the Politburo's Regulation 96 …").
      const namesDocument = documentAsked !== null && documentAsked.test(unit.text) ? o.namedListBonus : 0;
      // "the confidence vote at the Central Committee's mid-term review" is the centre's: a province's report on its own
      // mid-term review and vote weighs less.
      const otherLevel = centralAsked && reportPlace(passage.article) !== null ? o.otherLevelPenalty : 0;
      // "How does Thai Binh compare with the rest of the country on disbursement?": "…in the leading group of the country
      // with a high rate of public investment disbursement" (the metric's facts or its words, and a standing).
      const standing = question.standing && STANDING_STATED.test(unit.text) && (framed.metricFacts.length > 0 || (question.metricStems.length > 0 && question.metricStems.every((w) => stemSet(unit.text).has(w))));
      const score = general
        ? alignment!.score + judged.bonus - judged.penalty - (isCaption(unit.text) ? o.captionPenalty : 0) -
          o.generalPositionWeight * Math.min(1, (passageStart + unit.at) / 2000) + namedList + namesDocument - otherLevel
        : cov + 0.25 * (passage.score / topScore) + judged.bonus - judged.penalty - (0.02 * Math.max(0, unit.text.length - 350)) / 100 +
          (framed.matches ? o.frameBonus : 0) + o.alignWeight * (alignment?.score ?? 0) +
          (frame.wanted === "list" ? listBonus(unit.text, () => itemsFollow(units, index, passage)) + namedList : 0) + namesDocument - otherLevel +
          (standing ? o.standingBonus : 0);
      // A figure the report dates to the asked year ("…in the same period last year") shows the report covers it.
      const problems = [...scope.problems.filter((p) => !(framed.matches && /^year /.test(p))), ...judged.problems];
      // "When was the 2023 year-end session?" is not answered by a 2024 report's "on December 7": say which year it gives.
      const dated = frame.wanted === "date" && !judged.problems.includes("no date in sentence") ? otherYearDate(unit.text, passage.article.date, frame) : null;
      if (dated) problems.push(`date is in ${dated.year}`);
      // (A standing asked is answered by one stated in the metric's words, figure or not.)
      if (framed.noMetricFact && !standing) problems.push(`no figure for ${question.frame.metric} in sentence`);
      if (documentAsked && !namesDocument) problems.push(`no ${documentKind} named by its number`);
      if (group) {
        if (!groupInReport.has(passage.articleId)) groupInReport.set(passage.articleId, articlePassages(passage.articleId).some((p) => group.test(p.text)));
        if (groupInReport.get(passage.articleId) && !group.test(unit.text)) problems.push(`sentence does not name the ${question.countedGroup}`);
      }
      // "total party members of …" (a result, no metric of the lexicon) is not answered by "Recruit 200 new party members;".
      if (!frame.metric && frame.wanted === "achieved" && facts.length > 0 && facts.every((f) => f.modality === "target" && (q.asksActual || !forAskedYear(f)))) problems.push("the sentence's figures are targets");
      // Nor "how many delegates will attend / members does it aim to have by 2030" by "…consisting of 35 comrades".
      // ("How many plans did the board put out", "plan resolution no.": a plan named is no figure aimed at.)
      // (An estimate answers "expected", as judgeFrame lets it.)
      if (!frame.metric && frame.wanted === "target" && AIMED_AT.test(q.folded) && facts.length > 0 && facts.every((f) => f.modality !== "target" && !(estimateAsked && f.modality === "estimated"))) problems.push("the sentence's figures are not targets");
      // A count the lexicon has no metric for is still the place's own: "total party members of Cam Xuyen district" is not
      // answered by "Currently, the Party Committee of the town has … 3,492 Party members" under Hong Linh town's section.
      if (!frame.metric && q.wantsFigure && factsElsewhere(frame, facts, passage.article, scope)) problems.push(`the figures are for another place than ${frame.place}`);
      // "How many grassroots party organisations does Hong Linh have now?" is not answered by "…awarded certificates of
      // commendation to 6 grassroots Party organizations": a count of those honoured, unless honours are asked.
      if (q.wantsFigure && countsOnlyHonoured(unit.text) && !HONOURS_ASKED.test(q.folded)) problems.push("the figure counts those honoured");
      if (framed.metricFacts.length && !framed.matches) problems.push(`figure is not for the asked ${[...new Set(framed.metricFacts.flatMap((m) => m.differs))].join(", ")}`);
      candidates.push({ sentence: unit.text, passage, index, score, coverage: covered, problems, frameMatch: framed.matches, countMatch: judged.counts || namedList > 0 || namesDocument > 0, general, otherYearDate: dated, metricFacts: framed.metricFacts, list: namedList ? "named" : unnamedList ? "unnamed" : null });
    });
  }
  const least = (c: Candidate) =>
    c.general && !(c.countMatch && (frame.wanted === "list" || documentAsked !== null)) ? o.generalMinCoverage
    : c.frameMatch || c.countMatch ? Math.min(o.frameCoverage, o.minCoverage)
    : q.wantsReason && givesReason(c.sentence) ? Math.min(o.reasonCoverage, o.minCoverage)
    : o.minCoverage;
  // "Which weak points did the secretary single out at the 2nd meeting?": when a sentence that may answer leads into
  // a list of weak points by name ("…focus on weaknesses and shortcomings such as …"), one that only sets the scene
  // ("The 2nd meeting … was held on November 28 …"), naming none and leading into no list, weighs less. (Without
  // such a lead, the items may be named by themselves: "which units …" is answered by "…the Party Committees of Hai
  // Duong Newspaper, the Provincial Radio …".)
  if (candidates.some((c) => c.list === "named" && c.problems.length === 0 && c.coverage >= least(c))) for (const c of candidates) if (c.list === "unnamed") c.score -= o.unnamedListPenalty;
  candidates.sort((a, b) => b.score - a.score);
  if (process.env.DEBUG_ANSWER) {
    for (const c of candidates.slice(0, Number(process.env.DEBUG_ANSWER) > 1 ? Number(process.env.DEBUG_ANSWER) : 8)) console.error(c.score.toFixed(2), c.coverage.toFixed(2), c.problems.join("|"), c.sentence.slice(0, 110));
  }

  const acceptable = candidates.filter((c) => c.problems.length === 0 && c.coverage >= least(c));
  // "When is the executive committee going to vote on personnel?": "…at the 26th conference, the Committee will …
  // vote on personnel…" gives no date, and the report dates the 26th conference elsewhere: quote both (when no
  // sentence with a date answers as well: "…on the morning of December 4, … opened its 22nd conference" is the
  // report's own meeting).
  if (frame.wanted === "date") {
    const dated = datedByItsEvent(candidates, least, asked, articlePassages);
    if (dated && (acceptable.length === 0 || dated[0]!.score > acceptable[0]!.score + DATED_ELSEWHERE_MARGIN)) return { ...cite(dated, hits), figures: [], outcome: { kind: "answered" }, reason: null };
  }
  if (acceptable.length === 0) return nearMissOrDecline(question, considered, candidates, o);
  // "What was Thai Binh's income per capita in 2022, and how much did it rise into 2023?": separate years asked
  // together are answered only when the reports give each one's figure; else a near miss quoting those they give.
  const missing = frame.metric && frame.period?.years ? yearsWithoutFigure(frame.period.years, acceptable) : [];
  if (missing.length && acceptable.some((c) => c.frameMatch)) {
    const giving = acceptable.filter((c) => c.frameMatch).slice(0, o.maxCitations);
    const cited = cite(giving, hits);
    const citationOf = (c: Candidate) => cited.citations.find((x) => x.passage === c.passage.text)?.n ?? 1;
    const given = giving.flatMap((c) => c.metricFacts.filter((m) => m.differs.length === 0).map((m) => ({ value: m.fact.value, period: m.fact.period, place: m.fact.place ?? reportPlace(c.passage.article), modality: m.fact.modality, citation: citationOf(c) })));
    const asked = { ...frame, period: { from: missing[0]!, to: missing.at(-1)! } };
    return { ...cited, figures: [], outcome: { kind: "near_miss", asked, differs: ["period"], given }, reason: `near miss: no figure for ${missing.join(", ")}` };
  }

  const best = acceptable[0]!;
  const chosen = [best];
  for (const c of acceptable.slice(1)) {
    if (chosen.length >= o.maxCitations) break;
    // (For a date or a list, one of the answer's own kind need not cover as much: "on which days" quotes "…will take
    // place on December 7 and 8" beside "…opened the 12th session on December 7", "what grades" the sentence leading
    // into them. Not for counts, whose figure would join the answer's.)
    const close = c.score >= best.score - 0.1 && (c.coverage >= best.coverage - 0.1 || (c.countMatch && (frame.wanted === "date" || frame.wanted === "list")));
    const addsSomething = !chosen.some((x) => x.sentence === c.sentence);
    if (close && addsSomething) chosen.push(c);
  }
  // "What are the tasks…": the list goes on past its first sentence.
  if (frame.wanted === "list") {
    const list = listAfter(best, chosen, candidates, articlePassages(best.passage.articleId), o);
    // A lead repeated atop each passage of a long list is quoted once, from the first.
    if (list.lead) chosen.splice(0, chosen.length, list.lead);
    for (const c of list.items) if (!chosen.includes(c)) chosen.push(c);
  }
  // "…, Thuong stressed": a "who" answered by a surname also quotes where the article names the speaker in full.
  if (frame.wanted === "person") {
    for (const c of [...chosen]) {
      const introduced = introduction(c, articlePassages(c.passage.articleId));
      if (introduced && !chosen.some((x) => x.sentence === introduced.sentence)) chosen.unshift(introduced);
    }
  }
  // "Why were these two units picked?": a sentence stating the choice is followed by the one giving its reason
  // ("These are units that are assessed to be highly united …"), which shares few of the question's words.
  // (Or one before it that answers as well: "The town's Party Committee was selected … because it consistently performs
  // well …" ahead of "The Standing Committee … selected the Tu Ky Town Party Committee to hold a pilot congress".)
  if (q.wantsReason && !givesReason(best.sentence)) {
    const reason = acceptable.find((c) => c.passage.articleId === best.passage.articleId && givesReason(c.sentence)) ?? reasonAfter(best, articlePassages(best.passage.articleId));
    if (reason && !chosen.some((x) => x.sentence === reason.sentence)) chosen.splice(1, 0, reason);
  }
  const figures = chosen.flatMap((c) => c.metricFacts.filter((m) => m.differs.length === 0).map((m) => m.fact.value));
  const cited = cite(chosen, hits);
  // "Is it correct that … about six hundred Party members?": the answer's figure weighed against the claim's.
  const check = q.claims.length ? checkClaim(q.claims, quotedFacts(chosen, cited.citations, question.counted)) : null;
  return { ...cited, figures: [...new Set(figures)], outcome: { kind: "answered", ...(check ? { check } : {}) }, reason: null };
}

/**
 * The asked years no acceptable sentence gives the asked metric's figure for: each matching fact covers the years of
 * its period, and its sentence the years it compares with ("1.3 times higher than in 2020"). None when a matching
 * fact's year is only implied (the report's own): the years asked may then name the meeting, not a figure.
 */
function yearsWithoutFigure(years: number[], acceptable: Candidate[]): number[] {
  const matched = acceptable.flatMap((c) => c.metricFacts.filter((m) => m.differs.length === 0).map((m) => ({ fact: m.fact, sentence: c.sentence })));
  if (matched.length === 0 || matched.some((m) => !m.fact.period || m.fact.period.implied)) return [];
  const given = new Set<number>();
  for (const { fact, sentence } of matched) {
    for (let y = fact.period!.from; y <= fact.period!.to; y++) given.add(y);
    for (const y of yearMentions(sentence)) for (let z = y.from; z <= y.to; z++) if (y.baseline) given.add(z);
  }
  return years.filter((y) => !given.has(y));
}

/** A clause giving honours or sanctions to a number of recipients: "awarded certificates of merit to 6 …", "commended 30 …". */
const HONOURED = /\b(?:awarded|presented|granted|gave|giving|awarding|presenting)\b[^.;]{0,60}?\b(?:certificates?|commendations?|merits?|flags?|medals?|prizes?|emulation)\b[^.;]{0,30}?\bto\s+(?:\w+\s+)?\d[\d.,]*[^.;]*|\b(?:commended|honou?red|rewarded|disciplined|expelled)\s+\d[\d.,]*[^.;]*/gi;
/** A question about honours or sanctions. */
const HONOURS_ASKED = /\b(?:award\w*|commend\w*|honou?r\w*|reward\w*|merit|prizes?|medals?|certificates?|emulation|disciplin\w*|expel\w*|praise\w*|recogni[sz]\w*)\b/;

/** Whether every figure of the sentence counts those honoured or sanctioned (none is left outside such a clause). */
function countsOnlyHonoured(sentence: string): boolean {
  const rest = sentence.replace(HONOURED, " ");
  return rest !== sentence && !/\d/.test(rest.replace(/\b(?:19|20)\d{2}\b/g, " "));
}

/** Sentences after a reason question's answer that may give its reason: the next few, photo captions aside. */
const REASON_LOOKAHEAD = 3;

/** The sentence giving the reason for what `c` states, among the few after it in its report, or null. */
function reasonAfter(c: Candidate, passages: StoredPassage[]): Candidate | null {
  let seen = 0;
  for (const p of passages) {
    if (p.position < c.passage.position) continue;
    for (const [index, u] of textUnits(p.text).entries()) {
      if (p.id === c.passage.id && index <= c.index) continue;
      if (isCaption(u.text) || /\(Photo\b|Photo:|\.(?:jpe?g|png)\b/i.test(u.text)) continue;
      if (++seen > REASON_LOOKAHEAD) return null;
      if (givesReason(u.text)) {
        const passage: ScoredPassage = p.id === c.passage.id ? c.passage : { ...p, score: c.passage.score, lexicalRank: null, denseRank: null };
        return { ...c, sentence: u.text, passage, index, problems: [], metricFacts: [], otherYearDate: null };
      }
    }
  }
  return null;
}

/**
 * The figures an answer asserts, for weighing a claim against: those measuring the asked metric as asked; for a
 * question of no known metric, those of its first sentence counting what it counts ("… 405 party members").
 */
function quotedFacts(chosen: Candidate[], citations: Citation[], counted: string | null): QuotedFact[] {
  const citationOf = (c: Candidate) => citations.find((x) => x.passage === c.passage.text)?.n ?? 1;
  const asserted = chosen.flatMap((c) => c.metricFacts.filter((m) => m.differs.length === 0).map((m) => ({ fact: m.fact, citation: citationOf(c) })));
  if (asserted.length || !counted) return asserted;
  const first = chosen[0]!;
  const at = textUnits(first.passage.text)[first.index]?.at;
  const noun = stem(counted);
  return (first.passage.facts ?? []).filter((f) => f.sentence[0] === at && !!f.unit && f.unit.split(/\s+/).some((w) => stem(w.toLowerCase()) === noun)).map((fact) => ({ fact, citation: citationOf(first) }));
}

const DAY_AND_MONTH = new RegExp(`\\b(?:(?:${MONTH_PATTERN})\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTH_PATTERN})|(?:${MONTH_PATTERN}))\\b`, "i");

/**
 * The date a sentence gives and its year, when the question asks about one year and the date is another's:
 * the sentence's own year if it names one, else the year of its report (a December 2024 report's "on December 7").
 */
function otherYearDate(sentence: string, articleDate: string | null, frame: AskedFrame): { value: string; year: number } | null {
  if (!frame.period || frame.period.from !== frame.period.to) return null;
  const day = DAY_AND_MONTH.exec(sentence);
  if (!day) return null;
  const named = yearsClaimed(sentence, { terms: false }).map(Number);
  // A report's date may be ISO ("2024-12-08") or as the outlet wrote it ("December 7 (2022)").
  const reportYear = reportYearOf(articleDate, "") ?? yearOfDate(articleDate);
  const year = named.length ? (named.includes(frame.period.from) ? frame.period.from : named[0]!) : reportYear;
  return year !== null && year !== frame.period.from ? { value: day[0], year } : null;
}

/**
 * For a sentence that names a speaker by surname alone ("…, Thuong stressed"), the article's first sentence naming
 * that person in full ("Vo Van Thuong, Politburo member, …"), as a candidate to quote before it; else null.
 */
function introduction(c: Candidate, passages: StoredPassage[]): Candidate | null {
  if (personNames(c.sentence).length > 0) return null;
  const surnames = speakerSurnames(c.sentence).map((n) => fold(n));
  if (surnames.length === 0) return null;
  const naming: { p: StoredPassage; index: number; text: string }[] = [];
  for (const p of passages) {
    if (p.position > c.passage.position) break;
    textUnits(p.text).forEach((u, index) => {
      const before = p.id !== c.passage.id || index < c.index;
      if (before && personNames(u.text).some((n) => surnames.some((s) => fold(n).endsWith(` ${s}`)))) naming.push({ p, index, text: u.text });
    });
  }
  // A sentence rather than a photo caption ("Vo Van Thuong, Politburo member … (Photo: VNA)").
  const best = naming.find((n) => !isCaption(n.text) && !/\(Photo\b/i.test(n.text)) ?? naming[0];
  if (!best) return null;
  const passage: ScoredPassage = best.p.id === c.passage.id ? c.passage : { ...best.p, score: c.passage.score, lexicalRank: null, denseRank: null };
  return { ...c, sentence: best.text, passage, index: best.index, problems: [], metricFacts: [], otherYearDate: null };
}

/**
 * What a list answer quotes after its best sentence `best` (`chosen` holds it and its close seconds), in order:
 * - a lead ("…, including:") that the chunker repeats atop each passage of a long list: the items under it in each;
 * - else the sentences after it in its passage and, when a lead among them ends the passage, the next passage's
 *   ("Firstly, … Secondly, …" paragraphs: each item's first sentence).
 */
function listAfter(best: Candidate, chosen: Candidate[], candidates: Candidate[], article: StoredPassage[], o: ComposeOptions): { lead: Candidate | null; items: Candidate[] } {
  const quoted = (p: StoredPassage, unit: TextUnit, index: number): Candidate => ({
    ...best,
    sentence: unit.text,
    passage: p.id === best.passage.id ? best.passage : { ...p, score: best.passage.score, lexicalRank: null, denseRank: null },
    index,
    problems: [],
    metricFacts: [],
    otherYearDate: null,
  });
  if (/:\s*$/.test(best.sentence)) {
    const lead = best.sentence.trim();
    const under: Candidate[] = [];
    let first: Candidate | null = null;
    let passages = 0;
    for (const p of [...article].sort((a, b) => a.position - b.position)) {
      const units = textUnits(p.text);
      const at = units.findIndex((u) => u.text.trim() === lead);
      if (at < 0) continue;
      passages++;
      first ??= quoted(p, units[at]!, at);
      units.forEach((u, index) => {
        if (index > at && u.heading?.endsWith(lead) && under.length < o.listItems && !under.some((c) => c.sentence === u.text)) under.push(quoted(p, u, index));
      });
    }
    if (passages > 1 && under.length > 0) return { lead: first, items: under };
  }
  const out = candidates
    .filter((c) => c.passage.id === best.passage.id && c.index > best.index && c.index <= best.index + o.listSentences && !c.problems.some((p) => !/^(no figure|figure)/.test(p)))
    .sort((a, b) => a.index - b.index);
  const wanted = o.listSentences - (textUnits(best.passage.text).length - 1 - best.index);
  // The list's lead may be the best sentence or one quoted after it ("…presented 8 solutions…. The solutions are:").
  const leads = [...chosen, ...out].some((c) => c.passage.id === best.passage.id && c.index >= best.index && isListLead(c.sentence));
  const next = article.find((p) => p.position === best.passage.position + 1);
  // ("…unanimously approved 13 resolutions …." then a passage "Including resolutions on A; B; C; …": the list follows.)
  const listNext = !!next && (ENUMERATED.test(next.text) || isListLead(textUnits(next.text)[0]?.text ?? ""));
  if (wanted <= 0 || !(leads || listNext) || !next) return { lead: null, items: out };
  // "Firstly, … Secondly, …": a list whose items are paragraphs of their own is quoted by each item's first sentence.
  const items: Candidate[] = [];
  if (ENUMERATED.test(next.text)) {
    for (const p of article.filter((p) => p.position > best.passage.position && p.position <= best.passage.position + 2 * o.listItems)) {
      textUnits(p.text).forEach((unit, index) => {
        if (items.length < o.listItems && opensItem(p.text, unit.at)) items.push(quoted(p, unit, index));
      });
    }
  }
  if (items.length > 1) return { lead: null, items: [...out, ...items] };
  return { lead: null, items: [...out, ...textUnits(next.text).slice(0, wanted).map((unit, index) => quoted(next, unit, index))] };
}

/**
 * For a date question none of whose sentences gives a date: the best sentence that fails only for lacking one and
 * names a numbered meeting the question does not ("…at the 26th conference, … will vote on personnel …"), with the
 * sentence of the same report that dates that meeting ("… and the 26th conference will be held in September 2025").
 */
function datedByItsEvent(candidates: Candidate[], least: (c: Candidate) => number, asked: Question["analyzed"], articlePassages: (articleId: string) => StoredPassage[]): Candidate[] | null {
  const best = candidates.find((c) => c.problems.length > 0 && c.problems.every((p) => p === "no date in sentence") && c.coverage >= least(c));
  if (!best) return null;
  const events = numberedEvents(best.sentence).filter((e) => !namesEvent(asked.events, e));
  if (events.length === 0) return null;
  for (const p of articlePassages(best.passage.articleId)) {
    const units = textUnits(p.text);
    for (const [index, unit] of units.entries()) {
      // (Asked when it actually happened, a plan dates nothing: "…will be held and completed before August 31, 2025".)
      if (unit.text === best.sentence || !MONTH_NAMED.test(unit.text) || (asked.asksWhenHeld && givesPlannedDate(unit.text))) continue;
      if (!numberedEvents(unit.text).some((e) => namesEvent(events, e))) continue;
      const passage = p.id === best.passage.id ? best.passage : { ...p, score: best.passage.score, lexicalRank: null, denseRank: null };
      return [best, { ...best, sentence: unit.text, passage, index, problems: [], metricFacts: [], otherYearDate: null }];
    }
  }
  return null;
}

/** How much better a dateless sentence must score than the best dated one for its meeting's date to be looked up. */
const DATED_ELSEWHERE_MARGIN = 0.2;

const MONTH_NAMED = new RegExp(`\\b(?:${MONTH_PATTERN})\\b`);

/** Whether the unit at `at` opens its line as a list item ("- Member of …", the mark left out of the unit's text). */
function opensItem(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  return ENUMERATED.test(text.slice(lineStart, at + 20)) && text.slice(lineStart, at).trim().length <= 4;
}

/** A standing among others: "ranking 26th out of 63", "in the leading group of the country", "among the top 10". */
const STANDING_STATED = /\b(rank(s|ed|ing)?|leading group|top (\d+|three|five|ten)|among the (top|leading|highest|best)|(first|second|third|fourth|fifth|\d+(st|nd|rd|th)) (out of|among|in the (country|region|nation)|nationwide)|(highest|lowest|first) in the (country|region|nation))\b/i;

/** "Expected", "estimated", "projected", "forecast": a question an estimate answers. */
const ESTIMATE_ASKED = /\b(expect\w*|estimat\w*|projected|forecast\w*)\b/;

/** Words that ask for a figure aimed at, not one reached: "aim to have by 2030", "will attend", "target". */
const AIMED_AT = /\b(aim\w*|target\w*|strive|striving|goals?|will|expect\w*|intend\w*|going to|set to|projected|objectives?)\b/;

/** A paragraph that opens as an item of a list: "Firstly, …", "Second, …", "3. …", "(4) …", "b) …", "- …". */
const ENUMERATED = /^\s*(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)(?:ly)?\b[,:.]?|\(?\d{1,2}[.)]\s|\(?[a-h]\)\s|[-–•*+]\s)/i;

/**
 * A sentence leading into items with a word the question names them by: "The Politburo still uses three ratings:
 * high confidence, confidence, and low confidence." for "what rating levels does the Politburo use".
 */
function leadsNamedList(text: string, listed: Set<string>): boolean {
  if (listed.size === 0) return false;
  const names = (words: string[]) => words.some((w) => w.length > 2 && listed.has(stem(w.toLowerCase())));
  // ("…traffic connection projects such as: Tan Lang Bridge; …": the word before "such as" names them.)
  const lead = /([\p{L}-]+)(?:\s+(?:such as|including|namely|as follows))?\s*:\s*\S/u.exec(text);
  if (lead) return listed.has(stem(lead[1]!.toLowerCase()));
  // "…the Cong Khanh 3 Industrial Cluster … the North Hong Linh Industrial Park …": two names of the listed kind.
  const items = new Set([...text.matchAll(/(?:\p{Lu}[\p{L}-]*\s+|\d+\s+)*\p{Lu}[\p{L}-]*/gu)].map((m) => m[0]).filter((name) => name.includes(" ") && listed.has(stem(name.split(/\s+/).at(-1)!.toLowerCase()))));
  if (items.size >= 2) return true;
  // "He asked participants to focus on weaknesses and shortcomings such as A, B and C": named, then listed inline.
  const inline = /([^.;:]{0,60})\b(?:such as|including|namely)\b\s+\S/iu.exec(text)?.[1];
  if (inline && names(inline.split(/[^\p{L}-]+/u).slice(-6))) return true;
  // "…, at the same time noting eight important tasks that the province's Party Committee needs to focus on in 2023:"
  // (the items follow): the lead before the colon names them.
  // ("…a vote of confidence will be taken for officials holding leadership and management positions …, including:":
  // a lead's words name them anywhere in it.)
  const clause = /([^;]*):\s*$/u.exec(text)?.[1] ?? "";
  return names(clause.split(/[^\p{L}-]+/u));
}

/** A sentence that leads into a list ("…the following key tasks:") or holds one ("…such as: A; B; C", "Including resolutions on A; B; C; D"). */
function isListLead(text: string): boolean {
  return /:\s*$/.test(text) || (/:\s/.test(text) && text.split(";").length >= 3) || text.split(";").length >= 4;
}

/** A photo caption or a heading rather than a sentence: a short line that does not end as a sentence does, or a caption. */
function isCaption(text: string): boolean {
  // "… confidence vote - ảnh 1Party leader … attend the closing … (photo: VGP/Nhat Bac)": a photo's caption, however long.
  if (PHOTO_CAPTION.test(text)) return true;
  return !/[.!?…:;"”)]\s*$/.test(text.trim()) && text.trim().split(/\s+/).length < 14;
}

/** A photo's marks: "- ảnh 1" (Vietnamese "photo 1") inside, "(Photo: VNA)" at the end. */
const PHOTO_CAPTION = /\sảnh \d+\b|\((?:photo|ảnh)\s*:[^)]*\)\s*$/iu;

interface FrameJudgement {
  /** A figure of the sentence measures the asked metric for the asked period, place and kind. */
  matches: boolean;
  metricFacts: { fact: Fact; differs: NearMiss["differs"] }[];
  /** A figure of a known metric is asked for, and none of the sentence's figures measures it. */
  noMetricFact: boolean;
}

/** How a sentence's figures stand to the question's frame. */
function judgeFrame(frame: AskedFrame, facts: Fact[], article: ArticleSummary, scope: ArticleScope, estimateAsked = false): FrameJudgement {
  const figureWanted = frame.wanted === "achieved" || frame.wanted === "target";
  if (!frame.metric || !figureWanted) return { matches: false, metricFacts: [], noMetricFact: false };
  const metricFacts = facts.filter((f) => f.metric === frame.metric).map((fact) => ({ fact, differs: differences(frame, fact, article, scope, estimateAsked) }));
  return {
    matches: metricFacts.some((m) => m.differs.length === 0),
    metricFacts,
    noMetricFact: metricFacts.length === 0,
  };
}

/** What differs between the asked frame and a fact of the asked metric: its period, its place, or its kind. */
function differences(frame: AskedFrame, fact: Fact, article: ArticleSummary, scope: ArticleScope, estimateAsked = false): NearMiss["differs"] {
  const differs: NearMiss["differs"] = [];
  // A figure of unknown period (an undated report that names no year) cannot be asserted for an asked one.
  // An implied year inside an asked span ("over the 2015-2020 term" in a 2020 report) is the report's own term.
  const withinAskedSpan = !!fact.period?.implied && !!frame.period && frame.period.from < frame.period.to && fact.period.from >= frame.period.from && fact.period.to <= frame.period.to;
  // A congress of the 2025–2030 term sets targets for the five years after it: "…in the 2026–2030 period".
  // (Or by the term's end: "…new Party membership growing at least 3% annually … by 2030" for "the 2025–2030 term".)
  const termsPlan = fact.modality === "target" && !!frame.period && !!fact.period && frame.period.to - frame.period.from === 5 && (fact.period.from === frame.period.from + 1 || fact.period.from === frame.period.to) && fact.period.to === frame.period.to;
  const samePart = (fact.period?.part ?? null) === (frame.period?.part ?? null);
  // (Separate years asked together: each one's figure answers.)
  const oneOfYears = !!fact.period && fact.period.from === fact.period.to && !!frame.period?.years?.includes(fact.period.from);
  // ("FDI since 2021": "From 2021 to June 2023, … FDI reached over 1 billion USD".)
  const countedSince = !!frame.period?.since && !!fact.period && fact.period.from === frame.period.from && fact.period.to > fact.period.from && fact.period.to <= frame.period.to;
  if (frame.period && ((!withinAskedSpan && !termsPlan && !oneOfYears && !countedSince && (!fact.period || fact.period.from !== frame.period.from || fact.period.to !== frame.period.to)) || !samePart)) differs.push("period");
  if (frame.place) {
    const asked = fold(frame.place);
    const isSubPlace = scope.subPlaces.has(asked);
    const factPlace = placeOfFact(fact, article, scope);
    // A district's question is answered by that district's figure; a province's by a figure not tied to one district.
    // (A report without a place is about the province its title names: "Tan Chau prepares … (Tay Ninh)".)
    if (isSubPlace ? factPlace !== asked : factPlace !== null && !fold(article.place ?? reportPlace(article) ?? "").startsWith(factPlace)) differs.push("place");
  }
  const isTarget = fact.modality === "target";
  // ("Expected by November 30 … as % of the plan" is answered by the report's estimate, a target or a share of the plan.)
  if ((frame.wanted === "target") !== isTarget && !estimateAsked) differs.push("modality");
  return differs;
}

/** In a report on several districts, every figure of the sentence belongs to another district or town than the one asked. */
function factsElsewhere(frame: AskedFrame, facts: Fact[], article: ArticleSummary, scope: ArticleScope): boolean {
  const asked = frame.place ? fold(frame.place) : null;
  if (!asked || !scope.subPlaces.has(asked) || facts.length === 0) return false;
  return facts.every((f) => {
    const place = placeOfFact(f, article, scope);
    return place !== null && place !== asked && scope.subPlaces.has(place);
  });
}

/** The district or town a fact is about: its own, else the one district the report is about, else null (the report's place). */
function placeOfFact(fact: Fact, article: ArticleSummary, scope: ArticleScope): string | null {
  return fact.place ?? onlySubPlace(article, scope);
}

/** The province or city a report is about, which a figure tied to no district is for ("Thai Binh"). */
function reportPlace(article: ArticleSummary): string | null {
  return findPlaces(`${article.place ?? ""} ${article.title}`)[0]?.name ?? article.place;
}

/** The one district or town a report is about ("Ha Tinh province (Cam Xuyen district)"), if it is about one. */
function onlySubPlace(article: ArticleSummary, scope: ArticleScope): string | null {
  const inPlace = /\(([^,()]+?)\s+(district|town)\)/i.exec(article.place ?? "");
  if (inPlace) return fold(inPlace[1]!);
  return scope.subPlaces.size === 1 ? [...scope.subPlaces][0]! : null;
}

/**
 * When no sentence answers: a near miss if some sentence gives the asked metric from a report that may answer
 * (its place and names fit) but for another period, place or kind; else a decline that names the closest reports.
 */
function nearMissOrDecline(question: Pick<Question, "analyzed" | "frame">, considered: ScoredPassage[], candidates: Candidate[], o: ComposeOptions): ComposedAnswer {
  // The asked metric in a fact of the report the question is about is relevance enough: no word coverage is required.
  const frameOnly = (c: Candidate) => c.problems.every((p) => /^(figure is not for|sentence is about|year )/.test(p));
  const near = candidates.filter((c) => c.metricFacts.length > 0 && c.metricFacts.every((m) => m.differs.length > 0) && frameOnly(c));
  if (near.length) {
    // Closest first: a figure that differs in one respect (the year) before one that differs in two (the year and being a target).
    const distance = (c: Candidate) => Math.min(...c.metricFacts.map((m) => m.differs.length));
    near.sort((a, b) => distance(a) - distance(b) || b.score - a.score);
    const best = near[0]!;
    const chosen = [best, ...near.slice(1).filter((c) => c.sentence !== best.sentence && distance(c) === distance(best) && c.score >= best.score - 0.1)].slice(0, Math.min(2, o.maxCitations));
    const cited = cite(chosen, considered);
    const citationOf = (c: Candidate) => cited.citations.find((x) => x.passage === c.passage.text)?.n ?? 1;
    const given = chosen.flatMap((c) =>
      c.metricFacts.filter((m) => m.differs.length === distance(best)).map((m) => ({ value: m.fact.value, period: m.fact.period, place: m.fact.place ?? reportPlace(c.passage.article), modality: m.fact.modality, citation: citationOf(c), differs: m.differs })),
    );
    const differs = [...new Set(given.flatMap((g) => g.differs))];
    const nearMiss: NearMiss = { asked: question.frame, differs, given: given.map(({ differs: _d, ...g }) => g) };
    return { ...cited, figures: [], outcome: { kind: "near_miss", ...nearMiss }, reason: `near miss: reports give another ${differs.join(", ")}` };
  }
  // A "when" question of one year that the reports answer for another year.
  const otherYear = candidates.filter((c) => c.otherYearDate && c.coverage >= o.minCoverage && c.problems.every((p) => /^(date is in|year )/.test(p)));
  if (otherYear.length) {
    const best = otherYear[0]!;
    const cited = cite([best], considered);
    const year = best.otherYearDate!.year;
    const nearMiss: NearMiss = { asked: question.frame, differs: ["period"], given: [{ value: best.otherYearDate!.value, period: { from: year, to: year }, place: null, modality: "achieved", citation: 1 }] };
    return { ...cited, figures: [], outcome: { kind: "near_miss", ...nearMiss }, reason: `near miss: the date given is in ${year}` };
  }
  // "When was the congress actually held?" that the reports answer only with its plan: say so, and quote the plan.
  const planned = candidates.filter((c) => c.coverage >= o.minCoverage && c.problems.length > 0 && c.problems.every((p) => p === "the date is a plan"));
  if (planned.length) {
    const best = planned[0]!;
    const cited = cite([best], considered);
    const year = yearsClaimed(best.sentence, { terms: false }).map(Number)[0];
    const given = { value: DAY_AND_MONTH.exec(best.sentence)?.[0] ?? "", period: year ? { from: year, to: year } : null, place: null, modality: "target" as const, citation: 1 };
    const nearMiss: NearMiss = { asked: question.frame, differs: ["modality"], given: [given] };
    return { ...cited, figures: [], outcome: { kind: "near_miss", ...nearMiss }, reason: "near miss: the date given is a plan" };
  }
  const seen = new Set<string>();
  const nearestPassages = considered.filter((h) => (seen.has(h.articleId) ? false : (seen.add(h.articleId), true))).slice(0, 3);
  const citations = nearestPassages.map((h, i) => toCitation(h, i + 1));
  const nearest = candidates[0];
  const detail = nearest ? (nearest.problems[0] ?? `coverage ${nearest.coverage.toFixed(2)} below threshold`) : "no passages";
  return {
    outcome: { kind: "declined", reason: nearest ? { kind: "not_in_reports", detail } : { kind: "no_passages" }, asked: question.frame },
    answer: "",
    figures: [],
    citations,
    more: [],
    reason: detail,
  };
}

/** Turns chosen sentences into "sentence [n]" text with one citation per passage. */
function cite(chosen: Candidate[], hits: ScoredPassage[]): { answer: string; citations: Citation[]; more: Citation[] } {
  const numberOf = new Map<number, number>();
  const citations: Citation[] = [];
  for (const c of chosen) {
    if (!numberOf.has(c.passage.id)) {
      numberOf.set(c.passage.id, citations.length + 1);
      citations.push(toCitation(c.passage, citations.length + 1));
    }
  }
  const articles = new Set(chosen.map((c) => c.passage.articleId));
  // Keep each passage's sentences in reading order, passages in order of first use.
  const ordered = [...chosen].sort((a, b) => numberOf.get(a.passage.id)! - numberOf.get(b.passage.id)! || a.index - b.index);
  // One marker after each run of sentences from one passage ("The solutions are: A; B; C. [1]").
  const parts: string[] = [];
  ordered.forEach((c, i) => {
    const n = numberOf.get(c.passage.id)!;
    const label = articles.size > 1 && (i === 0 || numberOf.get(ordered[i - 1]!.passage.id) !== n) ? `${whereAndWhen(c.passage.article)}: ` : "";
    const runEnds = i === ordered.length - 1 || numberOf.get(ordered[i + 1]!.passage.id) !== n;
    parts.push(`${label}${c.sentence}${runEnds ? ` [${n}]` : ""}`);
  });
  const used = new Set(chosen.map((c) => c.passage.id));
  const more = hits.filter((h) => !used.has(h.id)).map((h, i) => toCitation(h, citations.length + i + 1));
  return { answer: parts.join(" "), citations, more };
}

function whereAndWhen(a: ArticleSummary): string {
  const place = a.place?.replace(/\s*\(.*\)$/, "") ?? a.title;
  return a.date ? `${place} (${a.date})` : place;
}

export function toCitation(p: ScoredPassage, n: number): Citation {
  return { n, title: p.article.title, url: p.article.url, source: p.article.source, date: p.article.date, articleId: p.articleId, passage: p.text };
}
