// Plain data passed between the pipeline's stages. Nothing here knows about SQLite, HNSW or Telegram.

/** Where an article came from; `index --data DIR` only removes articles of kind "data". */
export type OriginKind = "data" | "url" | "upload" | "text";

/** One article as ingest hands it over: cleaned text plus whatever metadata is known (null = unknown). */
export interface ArticleInput {
  /** Stable id: the data file's stem ("000_0a7ecdbcfacbb317"), or "url-<hash>" / "doc-<hash>". */
  id: string;
  title: string;
  /** True when the title was derived from the text rather than given by the source. */
  titleDerived: boolean;
  url: string | null;
  /**
   * The address a fetched page claims for itself (canonical link, og:url, a JSON "url") when it differs from
   * the one it was fetched from. Recorded, never trusted: it does not identify, replace or cite anything.
   */
  claimedUrl?: string | null;
  /** ISO date "YYYY-MM-DD" (or "YYYY-MM" / "YYYY" when only that is known). */
  date: string | null;
  /** Outlet name, e.g. "vietnam.vn". */
  source: string | null;
  /** Province / district / town the article is about, e.g. "Ha Nam province". */
  place: string | null;
  /** Cleaned body: paragraphs separated by a blank line ("\n\n"). */
  text: string;
  origin: { kind: OriginKind; ref: string };
}

/** An article as stored: its input plus the hash that tells whether it changed. */
export interface Article extends ArticleInput {
  contentHash: string;
  addedAt: string;
}

/** Whether a figure is a result, an estimate of one, a target or plan, or a change against something else. */
export type FactModality = "achieved" | "estimated" | "target" | "comparison";

/** One figure a report gives, as read at index time (src/facts). Offsets are within its passage's text. */
export interface Fact {
  /** What it measures (src/text/metrics.ts), or null when no known metric is named near it. */
  metric: import("./text/metrics.js").MetricId | null;
  /** As written: "1,251", "9.41%", "68,358 billion VND". */
  value: string;
  number: number;
  /** "%", "billion VND", "party members"…, or null. */
  unit: string | null;
  /**
   * The years it refers to, or null when nothing says. `implied`: the sentence names no year, so it is taken to be
   * the year the report is about (the year after, for a target).
   */
  period: { from: number; to: number; implied?: boolean; part?: import("./text/years.js").YearPart } | null;
  /** Folded name of the district or town it is about, or null for the article's own place. */
  place: string | null;
  modality: FactModality;
  /** Start and end of its sentence, and where the figure starts. */
  sentence: [number, number];
  at: number;
}

/** A piece of an article small enough to embed and cite. */
export interface Passage {
  articleId: string;
  /** 0-based position of the passage within its article. */
  position: number;
  text: string;
}

/** A passage found by search, with its article and the scores that ranked it. */
export interface PassageHit {
  passageId: number;
  articleId: string;
  position: number;
  text: string;
  article: ArticleSummary;
  score: number;
  lexicalRank: number | null;
  denseRank: number | null;
}

export interface ArticleSummary {
  id: string;
  title: string;
  url: string | null;
  date: string | null;
  source: string | null;
  place: string | null;
}

export interface Citation {
  n: number;
  title: string;
  url: string | null;
  source: string | null;
  date: string | null;
  articleId: string;
  /** Full text of the cited passage. */
  passage: string;
}

/** Filters narrowing which articles may answer. */
export interface AskFilters {
  place?: string;
  /** Inclusive ISO dates. */
  from?: string;
  to?: string;
  source?: string;
}

export interface AskOptions extends AskFilters {
  /** How many citations the answer may use (default 3). */
  maxCitations?: number;
}

/** What a question asked for, as understood (src/question), in plain data a front end can word in any language. */
export interface AskedFrame {
  /** The metric asked about (src/text/metrics.ts), or null. */
  metric: import("./text/metrics.js").MetricId | null;
  /**
   * The period asked about, or null; `part` a quarter or months of the year ("Q1", "9M"); `years` the separate years
   * a question asks about together ("in 2023, and back in 2020": each year's figure answers, from–to spans them);
   * `since` a span "since 2021" up to the newest report, answered by a figure counted from its first year.
   */
  period: { from: number; to: number; part?: import("./text/years.js").YearPart; years?: number[]; since?: true } | null;
  /** The place asked about as the user wrote it resolved to a name ("Ha Nam", "Hong Linh"), or null. */
  place: string | null;
  /** What is wanted: a result, a target, a date, a person, a list… */
  wanted: Wanted;
}

export type Wanted = "achieved" | "target" | "figure" | "date" | "person" | "list" | "other";

/** The reports hold the asked metric, but not for the asked period, place or kind of figure. */
export interface NearMiss {
  asked: AskedFrame;
  /** What differs between what was asked and what the reports give. */
  differs: ("period" | "place" | "modality")[];
  /** The figures the reports do give, each with the citation it is quoted from. */
  given: { value: string; period: Fact["period"]; place: string | null; modality: FactModality; citation: number }[];
}

/** Why a question was not answered. */
export type DeclineReason =
  | { kind: "no_passages" }
  /** The question names a province or city no report in the library is about. */
  | { kind: "place_not_held"; place: string }
  /** The closest evidence does not say what is asked (its place, year, names or enough of its words). */
  | { kind: "not_in_reports"; detail: string };

/** The typed outcome of a question; every front end words it in its reader's language. */
/**
 * A fact-checker's claimed figure weighed against the one the answer quotes: the same (`confirmed`), the same once
 * rounded as the claim is written (`rounded`: "9.4%" for 9.41%), or another (`contradicted`: 564, not "about 600").
 */
export interface ClaimCheck {
  /** The claim's figure as the asker wrote it ("about six hundred", "9.4%"). */
  claimed: string;
  /** The reports' figure as written ("564", "9.41%"), and the citation it is quoted from. */
  given: string;
  citation: number;
  verdict: "confirmed" | "rounded" | "contradicted";
}

export type AnswerOutcome =
  /** `check`: the question checks a claimed figure, and how the reports' figure stands to it. */
  | { kind: "answered"; check?: ClaimCheck }
  | ({ kind: "near_miss" } & NearMiss)
  /** `filtered`: only reports passing a filter were read. */
  | { kind: "declined"; reason: DeclineReason; asked: AskedFrame; filtered?: boolean }
  /** A filter (option, token or phrase) that no report passes. */
  | { kind: "no_matching_reports"; filters: AskFilters };

export interface AnswerResult {
  question: string;
  /** True only when the answer answers the question (a near miss is not an answer). */
  found: boolean;
  outcome: AnswerOutcome;
  /**
   * The sentences quoted from the reports with [n] markers (every [n] has a citation): the answer, or for a
   * near miss the sentences that give the other figure; empty when declined.
   */
  answer: string;
  citations: Citation[];
  /** The figures the answer asserts (as written in the quoted sentences), for front ends to emphasise. */
  figures?: string[];
  /** Place names corrected for spelling before searching ("Thai Bihn" → "Thai Binh"). */
  corrections?: { from: string; to: string }[];
  /** Further passages (not cited in the answer) for a "More sources" view. */
  more: Citation[];
  /** Filters that were applied (from options or understood from the question). */
  filters: AskFilters;
  /** The words of the question the filters were understood from ("since November", "place:Thai Binh"). */
  filterPhrases?: string[];
  /** Why the question was declined (for logs and evaluation), null when answered. */
  declineReason?: string | null;
  timings: { embedMs: number; searchMs: number; answerMs: number; totalMs: number };
}

/** Counts and facts about the index, for `stats` and /stats. */
export interface IndexStats {
  articles: number;
  passages: number;
  model: string;
  dimension: number;
  indexBytes: number;
  builtAt: string | null;
  buildMs: number | null;
  places: string[];
  dateRange: { from: string | null; to: string | null };
}

/** A user-facing error: the message says what was wrong and what to do. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string = "bad_input",
  ) {
    super(message);
    this.name = "UserError";
  }
}

/** What an admin can add: a file or folder on disk, a URL, an uploaded document, or raw text. */
export type AddSource =
  | { kind: "path"; path: string }
  | { kind: "url"; url: string }
  | { kind: "upload"; fileName: string; bytes: Uint8Array }
  | { kind: "text"; text: string; meta?: Partial<Pick<ArticleInput, "title" | "url" | "date" | "source" | "place">> };

export interface AddResult {
  status: "added" | "updated" | "unchanged";
  article: ArticleSummary;
  passages: number;
}

export interface ReindexProgress {
  phase: "reading" | "embedding" | "writing" | "swapping" | "done";
  done: number;
  total: number;
}

/** Admin operations over the index. The CLI and the bot call exactly these. */
export interface LibraryApi {
  add(source: AddSource): Promise<AddResult[]>;
  /** Removes by article id or url; throws UserError when nothing matches. */
  remove(idOrUrl: string): Promise<ArticleSummary>;
  list(page?: { offset?: number; limit?: number }): { total: number; items: ArticleSummary[] };
  reindex(onProgress?: (p: ReindexProgress) => void): Promise<{ articles: number; passages: number; ms: number }>;
  stats(): IndexStats;
}

/** The one question-answering entry point. */
export type AskFn = (question: string, options?: AskOptions) => Promise<AnswerResult>;
