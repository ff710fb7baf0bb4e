/**
 * Small but honest in-memory stand-ins for the pipeline, for the bot's tests: `InMemoryLibrary` really stores
 * what is added (URLs are really fetched, uploads really decoded) and `keywordAsk` answers only from what is
 * stored, by keyword overlap, with real citations. So "add, then ask" in a test truly depends on the add.
 *
 * The pipeline's own `openApp(config)` (src/app.ts) provides the real `ask` and `library`; a test can switch by
 * passing those to the harness instead.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type {
  AddResult,
  AddSource,
  AnswerResult,
  ArticleSummary,
  AskFn,
  AskOptions,
  Citation,
  IndexStats,
  LibraryApi,
  ReindexProgress,
} from "../../src/types.js";
import { UserError } from "../../src/types.js";

export interface StoredArticle extends ArticleSummary {
  text: string;
  paragraphs: string[];
  hash: string;
}

export interface SeedArticle {
  id?: string;
  title: string;
  text: string;
  url?: string | null;
  date?: string | null;
  source?: string | null;
  place?: string | null;
}

const hash = (s: string) => createHash("sha256").update(s).digest("hex").slice(0, 16);

const decode = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");

function stripHtml(html: string): { title: string | null; text: string } {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim() ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1]?.trim() ?? null;
  const body = html
    .replace(/<(script|style|head)[\s\S]*?<\/\1>/gi, "")
    .replace(/<\/(p|div|h\d|li)>/gi, "\n\n")
    .replace(/<[^>]+>/g, "");
  return { title: title === null ? null : decode(title), text: decode(body) };
}

function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter((p) => p.length > 0);
}

/** A LibraryApi over a Map. `reindexStep` lets a test hold a reindex open between progress steps. */
export class InMemoryLibrary implements LibraryApi {
  readonly articles = new Map<string, StoredArticle>();
  /** Every add() call, in order (including refused ones). */
  readonly addCalls: AddSource[] = [];
  reindexCalls = 0;
  /** Awaited before each reindex step; tests replace it to pace a reindex. */
  reindexStep: (step: number) => Promise<void> = async () => {};
  builtAt: string | null = null;

  constructor(seed: SeedArticle[] = []) {
    for (const a of seed) this.put(a, a.id ?? `seed-${hash(a.title + a.text)}`);
  }

  private put(a: SeedArticle, id: string): AddResult {
    const text = a.text.trim();
    const paragraphs = paragraphsOf(text);
    if (paragraphs.length === 0) throw new UserError("No article text found: the document is empty.", "empty");
    const h = hash(`${a.title}\n${text}`);
    const existing = this.articles.get(id);
    const stored: StoredArticle = {
      id,
      title: a.title,
      url: a.url ?? null,
      date: a.date ?? null,
      source: a.source ?? null,
      place: a.place ?? null,
      text,
      paragraphs,
      hash: h,
    };
    const status = !existing ? "added" : existing.hash === h ? "unchanged" : "updated";
    this.articles.set(id, stored);
    const { text: _t, paragraphs: _p, hash: _h, ...summary } = stored;
    return { status, article: summary, passages: paragraphs.length };
  }

  async add(source: AddSource): Promise<AddResult[]> {
    this.addCalls.push(source);
    switch (source.kind) {
      case "text":
        return [this.put({ title: source.meta?.title ?? source.text.split("\n")[0]!.slice(0, 80), text: source.text, ...source.meta }, `text-${hash(source.text)}`)];
      case "url": {
        let res: Response;
        try {
          res = await fetch(source.url, { signal: AbortSignal.timeout(5000) });
        } catch (err) {
          throw new UserError(`Could not fetch ${source.url}: ${(err as Error).message}`, "fetch_failed");
        }
        if (!res.ok) throw new UserError(`Could not fetch ${source.url}: HTTP ${res.status}`, "fetch_failed");
        const { title, text } = stripHtml(await res.text());
        const host = new URL(source.url).hostname;
        return [this.put({ title: title ?? source.url, text, url: source.url, source: host }, `url-${hash(source.url)}`)];
      }
      case "upload":
        return this.addUpload(source.fileName, source.bytes);
      case "path": {
        const stat = fs.statSync(source.path);
        const files = stat.isDirectory() ? fs.readdirSync(source.path).map((f) => path.join(source.path, f)) : [source.path];
        const out: AddResult[] = [];
        for (const f of files.filter((f) => /\.(txt|md)$/.test(f))) out.push(...this.addUpload(path.basename(f), fs.readFileSync(f)));
        return out;
      }
    }
  }

  private addUpload(fileName: string, bytes: Uint8Array): AddResult[] {
    const raw = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
    if (raw.includes("\u0000")) throw new UserError(`"${fileName}" looks like a binary file, not text.`, "binary");
    const id = `doc-${hash(raw)}`;
    if (fileName.endsWith(".json")) {
      let obj: SeedArticle;
      try {
        obj = JSON.parse(raw) as SeedArticle;
      } catch {
        throw new UserError(`"${fileName}" is not valid JSON.`, "bad_json");
      }
      return [this.put(obj, id)];
    }
    if (fileName.endsWith(".html")) {
      const { title, text } = stripHtml(raw);
      return [this.put({ title: title ?? fileName, text }, id)];
    }
    const lines = raw.trim().split("\n");
    const title = lines[0]!.replace(/^#\s*/, "").trim();
    return [this.put({ title, text: lines.slice(1).join("\n") || raw }, id)];
  }

  async remove(idOrUrl: string): Promise<ArticleSummary> {
    const found = this.articles.get(idOrUrl) ?? [...this.articles.values()].find((a) => a.url === idOrUrl);
    if (!found) throw new UserError(`No report has the id or url "${idOrUrl}". /list shows the ids.`, "not_found");
    this.articles.delete(found.id);
    const { text: _t, paragraphs: _p, hash: _h, ...summary } = found;
    return summary;
  }

  list(page: { offset?: number; limit?: number } = {}): { total: number; items: ArticleSummary[] } {
    const all = [...this.articles.values()].sort((a, b) => a.id.localeCompare(b.id));
    const offset = page.offset ?? 0;
    const items = all.slice(offset, offset + (page.limit ?? 20)).map(({ text: _t, paragraphs: _p, hash: _h, ...s }) => s);
    return { total: all.length, items };
  }

  async reindex(onProgress?: (p: ReindexProgress) => void): Promise<{ articles: number; passages: number; ms: number }> {
    const started = Date.now();
    this.reindexCalls++;
    const total = this.articles.size;
    let done = 0;
    onProgress?.({ phase: "reading", done: 0, total });
    for (const _ of this.articles.values()) {
      await this.reindexStep(done);
      done++;
      onProgress?.({ phase: "embedding", done, total });
    }
    onProgress?.({ phase: "done", done, total });
    this.builtAt = new Date().toISOString();
    return { articles: total, passages: this.passageCount(), ms: Date.now() - started };
  }

  private passageCount(): number {
    return [...this.articles.values()].reduce((n, a) => n + a.paragraphs.length, 0);
  }

  stats(): IndexStats {
    const all = [...this.articles.values()];
    const dates = all.map((a) => a.date).filter((d): d is string => !!d).sort();
    return {
      articles: all.length,
      passages: this.passageCount(),
      model: "test/keyword-double",
      dimension: 0,
      indexBytes: 0,
      builtAt: this.builtAt,
      buildMs: null,
      places: [...new Set(all.map((a) => a.place).filter((p): p is string => !!p))].sort(),
      dateRange: { from: dates[0] ?? null, to: dates.at(-1) ?? null },
    };
  }
}

const STOP = new Set("the and for with what who was were did does how many which when where that this from have has are its into about year".split(" "));

function words(s: string): string[] {
  return (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3 && !STOP.has(w));
}

/**
 * An AskFn answering by keyword overlap from the library's stored paragraphs. Found when a paragraph shares at
 * least `minOverlap` (default 2) distinct question words; cites up to `maxCitations` paragraphs.
 */
export function keywordAsk(library: InMemoryLibrary, { minOverlap = 2 } = {}): AskFn {
  return async (question: string, options: AskOptions = {}): Promise<AnswerResult> => {
    const started = performance.now();
    if (question.trim() === "") throw new UserError("The question is empty.", "empty_question");
    const q = new Set(words(question));
    const scored: Array<{ a: StoredArticle; p: string; pos: number; score: number }> = [];
    for (const a of library.articles.values()) {
      const titleWords = new Set(words(`${a.title} ${a.place ?? ""}`));
      a.paragraphs.forEach((p, pos) => {
        const pw = new Set(words(p));
        let score = 0;
        for (const w of q) if (pw.has(w) || titleWords.has(w)) score++;
        if (score > 0) scored.push({ a, p, pos, score });
      });
    }
    scored.sort((x, y) => y.score - x.score || x.a.id.localeCompare(y.a.id) || x.pos - y.pos);
    const max = options.maxCitations ?? 3;
    const found = scored.length > 0 && scored[0]!.score >= minOverlap;
    const cite = (h: (typeof scored)[number], n: number): Citation => ({
      n,
      title: h.a.title,
      url: h.a.url,
      source: h.a.source,
      date: h.a.date,
      articleId: h.a.id,
      passage: h.p,
    });
    // One citation per article (its best paragraph); the other matching paragraphs are "more".
    const seen = new Set<string>();
    const cited = (found ? scored.filter((h) => h.score >= minOverlap) : scored)
      .filter((h) => !seen.has(h.a.id) && seen.add(h.a.id))
      .slice(0, max);
    const citations = cited.map((h, i) => cite(h, i + 1));
    const more = scored
      .filter((h) => !cited.includes(h))
      .slice(0, 5)
      .map((h, i) => cite(h, citations.length + i + 1));
    const answer = found ? citations.map((c) => `${c.passage.split(/(?<=[.!?])\s/)[0]} [${c.n}]`).join(" ") : "";
    const totalMs = performance.now() - started;
    const asked = { metric: null, period: null, place: null, wanted: "other" } as const;
    return {
      question,
      found,
      outcome: found ? { kind: "answered" } : { kind: "declined", reason: { kind: "not_in_reports", detail: "word overlap below threshold" }, asked },
      answer,
      citations,
      more,
      // As the real ask does: the filters it was given (this double does not apply them).
      filters: Object.fromEntries((["place", "from", "to", "source"] as const).filter((k) => options[k]).map((k) => [k, options[k]])),
      timings: { embedMs: 0, searchMs: totalMs, answerMs: 0, totalMs },
    };
  };
}

/** A few reports in the shape of the seed data, for tests that need a non-empty library. */
export const SEED_ARTICLES: SeedArticle[] = [
  {
    id: "000_hanam",
    title: "Ha Nam Provincial Party Committee reviews 2023 and sets tasks for 2024",
    url: "https://www.vietnam.vn/en/ha-nam-2023-review",
    date: "2023-12-29",
    source: "vietnam.vn",
    place: "Ha Nam province",
    text: [
      "On the morning of December 29, the Ha Nam Provincial Party Committee held a conference to summarize the work in 2023. Attending and chairing the conference was comrade Le Thi Thuy, Secretary of the Provincial Party Committee.",
      "In 2023 the province's gross regional domestic product grew by 6.5 percent, and budget revenue exceeded the target.",
      "For 2024 the conference set the task of attracting investment in industrial parks and completing new rural areas.",
    ].join("\n\n"),
  },
  {
    id: "001_namdinh",
    title: "Nam Dinh Party Committee conference on 2024 targets",
    url: "https://baonamdinh.vn/nam-dinh-2024-targets",
    date: "2024-01-05",
    source: "baonamdinh.vn",
    place: "Nam Dinh province",
    text: [
      "The Nam Dinh Provincial Party Committee held its conference to review 2023, chaired by the provincial Party Secretary.",
      "Export turnover reached 3.2 billion USD and the province met 18 of 20 socio-economic targets.",
      "Delegates discussed rice exports, the Nam Dinh coastal economic zone and administrative reform.",
    ].join("\n\n"),
  },
  {
    id: "002_noturl",
    title: "District Party Committee of Kim Bang reviews the year",
    url: null,
    date: "2023-12-20",
    source: "Kim Bang radio",
    place: "Kim Bang district",
    text: "The Kim Bang District Party Committee reviewed the year's leadership and the construction of new rural areas, with 12 communes meeting the standard.",
  },
];
