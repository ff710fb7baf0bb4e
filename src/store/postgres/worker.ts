// The `pg` client of the PostgreSQL backend, in a worker thread: the main thread posts one call and
// waits for its answer (bridge.ts), so the SearchIndex above reads like the synchronous SQLite store.
// Every operation is one query or one transaction; a lost connection is re-made on the next call.
import os from "node:os";
import { workerData, type MessagePort } from "node:worker_threads";
import pg from "pg";
import type { Article, ArticleSummary, Fact } from "../../types.js";
import { fold } from "../../text/fold.js";
import type { NewPassage, StoredPassage } from "../search-index.js";
import { passageTsvector } from "./lexical.js";
import { generationTables, MIGRATIONS, SCHEMA_VERSION, tableNames, vectorIndex } from "./schema.js";

export interface WorkerData {
  url: string;
  port: MessagePort;
  signal: SharedArrayBuffer;
  hnsw: { m: number; efConstruction: number; efSearch: number };
  connectTimeoutMs: number;
}

/** What went wrong, typed for the main thread to turn into one clear line. */
export interface WorkerFailure {
  kind: "unreachable" | "auth" | "no_database" | "no_vector" | "newer_schema" | "read_only" | "lost" | "query";
  message: string;
  code?: string;
}

const data = workerData as WorkerData;
const signal = new Int32Array(data.signal);
let client: pg.Client | null = null;
let ready = false;

class Failure extends Error {
  constructor(readonly failure: WorkerFailure) {
    super(failure.message);
  }
}

async function connection(): Promise<pg.Client> {
  if (client) return client;
  const next = new pg.Client({ connectionString: data.url, connectionTimeoutMillis: data.connectTimeoutMs, application_name: `committee-reports ${os.hostname()}:${process.pid}` });
  const forget = () => {
    if (client === next) client = null;
  };
  next.on("error", forget);
  next.on("end", forget);
  try {
    await next.connect();
  } catch (error) {
    await next.end().catch(() => undefined);
    throw classify(error, false);
  }
  client = next;
  try {
    if (!ready) await prepareSchema(next);
    await next.query(`SET hnsw.ef_search = ${Math.min(1000, data.hnsw.efSearch)}`);
    ready = true;
  } catch (error) {
    client = null;
    await next.end().catch(() => undefined);
    throw error instanceof Failure ? error : classify(error, false);
  }
  return next;
}

/** Checks the vector extension and the schema version, then applies the migrations this database lacks. */
async function prepareSchema(c: pg.Client): Promise<void> {
  const readOnly = (await c.query<{ ro: string }>("SHOW transaction_read_only")).rows[0]?.ro === "on";
  const installed = (await c.query("SELECT 1 FROM pg_extension WHERE extname = 'vector'")).rowCount! > 0;
  if (!installed) {
    const available = (await c.query("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")).rowCount! > 0;
    if (!available || readOnly) {
      throw new Failure({ kind: "no_vector", message: "the pgvector extension is not installed on this server: install pgvector (most managed Postgres have it) or point DATABASE_URL at a server that has it" });
    }
  }
  const hasTable = (await c.query("SELECT to_regclass('schema_migrations') AS t")).rows[0]?.t !== null;
  const current = hasTable ? Number((await c.query<{ v: number | null }>("SELECT max(version) AS v FROM schema_migrations")).rows[0]?.v ?? 0) : 0;
  if (current > SCHEMA_VERSION) {
    throw new Failure({ kind: "newer_schema", message: `the database schema is version ${current}, newer than this program knows (${SCHEMA_VERSION}): upgrade the program, or use another database` });
  }
  if (current === SCHEMA_VERSION && installed) return;
  if (readOnly) throw new Failure({ kind: "read_only", message: "the database is read-only (a replica?) and its schema needs creating or upgrading: point DATABASE_URL at the primary" });
  await transaction(c, async () => {
    // Two processes starting at once: the second waits here, then finds the migrations applied.
    await c.query("SELECT pg_advisory_xact_lock(5306911)");
    await c.query("CREATE EXTENSION IF NOT EXISTS vector");
    await c.query("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())");
    const done = new Set((await c.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue;
      await c.query(m.sql);
      await c.query("INSERT INTO schema_migrations (version) VALUES ($1)", [m.version]);
    }
  });
}

async function transaction<T>(c: pg.Client, work: () => Promise<T>): Promise<T> {
  await c.query("BEGIN");
  try {
    const result = await work();
    await c.query("COMMIT");
    return result;
  } catch (error) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

function classify(error: unknown, connected: boolean): Failure {
  if (error instanceof Failure) return error;
  const e = error as { code?: string; message?: string };
  const message = e.message ?? String(error);
  const code = e.code;
  if (code === "28P01" || code === "28000") return new Failure({ kind: "auth", message: `the database refused the login (${message}): check the user and password in DATABASE_URL`, code });
  if (code === "3D000") return new Failure({ kind: "no_database", message: `${message}: create it (createdb) or fix the name in DATABASE_URL`, code });
  if (code === "25006") return new Failure({ kind: "read_only", message: "the database is read-only (a replica?): point DATABASE_URL at the primary to change the library", code });
  if (code && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ECONNRESET)$/.test(code)) {
    return new Failure({ kind: connected ? "lost" : "unreachable", message, code });
  }
  if (/timeout|terminated|Connection terminated|not queryable|ended/i.test(message)) return new Failure({ kind: connected ? "lost" : "unreachable", message, code });
  return new Failure({ kind: "query", message, code });
}

// ---------- operations ----------

type Row = Record<string, unknown>;
const t = tableNames;
const vectorLiteral = (v: ArrayLike<number>) => `[${Array.from(v).join(",")}]`;
const ARTICLE_COLUMNS = "id, title, title_derived, url, date, source, place, text, origin_kind, origin_ref, content_hash, added_at, claimed_url";

function toArticle(r: Row): Article {
  return {
    id: r.id as string,
    title: r.title as string,
    titleDerived: r.title_derived as boolean,
    url: r.url as string | null,
    date: r.date as string | null,
    source: r.source as string | null,
    place: r.place as string | null,
    text: r.text as string,
    origin: { kind: r.origin_kind as Article["origin"]["kind"], ref: r.origin_ref as string },
    contentHash: r.content_hash as string,
    addedAt: r.added_at as string,
    claimedUrl: (r.claimed_url as string | null) ?? null,
  };
}

/** Passage columns read with their article; a new per-passage column is added here and in toPassage. */
const PASSAGE_SELECT = (g: number) =>
  `SELECT p.id, p.article_id, p.position, p.text, p.facts, a.title, a.url, a.date, a.source, a.place FROM ${t(g).passages} p JOIN ${t(g).articles} a ON a.id = p.article_id`;

function toPassage(r: Row): StoredPassage {
  return {
    id: r.id as number,
    articleId: r.article_id as string,
    position: r.position as number,
    text: r.text as string,
    article: { id: r.article_id as string, title: r.title as string, url: r.url as string | null, date: r.date as string | null, source: r.source as string | null, place: r.place as string | null },
    // jsonb comes back parsed.
    facts: (r.facts as Fact[] | null) ?? [],
  };
}

async function bump(c: pg.Client, g: number): Promise<number> {
  const r = await c.query<{ v: string }>("UPDATE generations SET write_version = write_version + 1, touched_at = now() WHERE id = $1 RETURNING write_version AS v", [g]);
  if (r.rowCount === 0) throw new Failure({ kind: "query", message: `generation ${g} no longer exists (another process rebuilt the library); try again` });
  return Number(r.rows[0]!.v);
}

async function deleteArticle(c: pg.Client, g: number, id: string): Promise<boolean> {
  // Passages go with their article (ON DELETE CASCADE).
  return (await c.query(`DELETE FROM ${t(g).articles} WHERE id = $1`, [id])).rowCount! > 0;
}

const ops = {
  async ping(c: pg.Client) {
    await c.query("SELECT 1");
    return true;
  },
  async liveGeneration(c: pg.Client) {
    const r = await c.query<{ id: number; v: string }>("SELECT id, write_version AS v FROM generations WHERE state = 'live'");
    return r.rows[0] ? { id: r.rows[0].id, writeVersion: Number(r.rows[0].v) } : null;
  },
  async generation(c: pg.Client, g: number) {
    const r = await c.query("SELECT id, model_id, dimension, fingerprint, state, write_version, meta FROM generations WHERE id = $1", [g]);
    const row = r.rows[0];
    return row ? { modelId: row.model_id as string, dimension: row.dimension as number, fingerprint: row.fingerprint as string, state: row.state as string, writeVersion: Number(row.write_version), meta: row.meta as Record<string, string> } : null;
  },
  async createGeneration(c: pg.Client, model: { modelId: string; dimension: number; fingerprint: string }) {
    return transaction(c, async () => {
      const r = await c.query<{ id: number }>("INSERT INTO generations (model_id, dimension, fingerprint, state) VALUES ($1, $2, $3, 'building') RETURNING id", [model.modelId, model.dimension, model.fingerprint]);
      const g = r.rows[0]!.id;
      await c.query(generationTables(g, model.dimension));
      return g;
    });
  },
  async switchTo(c: pg.Client, g: number) {
    await transaction(c, async () => {
      await c.query("UPDATE generations SET state = 'retired', touched_at = now() WHERE state = 'live'");
      const r = await c.query("UPDATE generations SET state = 'live', touched_at = now() WHERE id = $1", [g]);
      if (r.rowCount === 0) throw new Failure({ kind: "query", message: `generation ${g} no longer exists` });
    });
  },
  async drop(c: pg.Client, g: number) {
    await transaction(c, async () => {
      const r = await c.query("DELETE FROM generations WHERE id = $1 AND state <> 'live'", [g]);
      if (r.rowCount) await c.query(`DROP TABLE IF EXISTS ${t(g).passages}; DROP TABLE IF EXISTS ${t(g).articles}`);
    });
  },
  async ensureVectorIndex(c: pg.Client, g: number) {
    await c.query(vectorIndex(g, data.hnsw));
  },
  async touch(c: pg.Client, g: number) {
    await c.query("UPDATE generations SET touched_at = now() WHERE id = $1", [g]);
  },
  /** Generations nobody builds any more (untouched for buildingMs) and retired ones past their grace time. */
  async staleGenerations(c: pg.Client, buildingMs: number, retiredMs: number) {
    const r = await c.query<{ id: number }>(
      `SELECT id FROM generations WHERE (state = 'building' AND touched_at < now() - $1 * interval '1 millisecond')
                                     OR (state = 'retired' AND touched_at < now() - $2 * interval '1 millisecond')`,
      [buildingMs, retiredMs],
    );
    return r.rows.map((row) => row.id);
  },
  async acquireLease(c: pg.Client, holder: string, seconds: number) {
    const r = await c.query(
      `UPDATE write_lease SET holder = $1, expires_at = now() + $2 * interval '1 second'
       WHERE id = 1 AND (holder IS NULL OR holder = $1 OR expires_at < now()) RETURNING holder`,
      [holder, seconds],
    );
    if (r.rowCount) return { taken: true as const };
    const current = await c.query<{ holder: string }>("SELECT holder FROM write_lease WHERE id = 1");
    return { taken: false as const, holder: current.rows[0]?.holder ?? "?" };
  },
  async releaseLease(c: pg.Client, holder: string) {
    await c.query("UPDATE write_lease SET holder = NULL, expires_at = NULL WHERE id = 1 AND holder = $1", [holder]);
  },
  async writeVersion(c: pg.Client, g: number) {
    const r = await c.query<{ v: string }>("SELECT write_version AS v FROM generations WHERE id = $1", [g]);
    return Number(r.rows[0]?.v ?? -1);
  },
  async stats(c: pg.Client, g: number) {
    const r = await c.query<{ passages: number; length: string | null; articles: number }>(
      `SELECT (SELECT count(*)::int FROM ${t(g).passages}) AS passages, (SELECT sum(length)::bigint FROM ${t(g).passages}) AS length, (SELECT count(*)::int FROM ${t(g).articles}) AS articles`,
    );
    const row = r.rows[0]!;
    return { passages: row.passages, articles: row.articles, avgLength: row.passages ? Number(row.length) / row.passages : 1 };
  },
  async count(c: pg.Client, g: number, tsquery: string) {
    const r = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t(g).passages} WHERE tsv @@ $1::tsquery`, [tsquery]);
    return r.rows[0]!.n;
  },
  /**
   * FTS5's bm25(): for each query lexeme, idf · tf(k1+1) / (tf + k1(1 − b + b·len/avglen)), tf = body count +
   * contextWeight · context count, len = tokens in body + context. Matching rows come from the GIN index.
   */
  async lexical(c: pg.Client, g: number, q: { tsquery: string; lexemes: string[]; idfs: number[]; avgLength: number; limit: number; articleIds: string[] | null; contextWeight: number }) {
    const r = await c.query<{ id: number; score: number }>(
      `WITH q(lexeme, idf) AS (SELECT * FROM unnest($2::text[], $3::float8[]))
       SELECT p.id, sum(q.idf * (m.tf * 2.2) / (m.tf + 1.2 * (0.25 + 0.75 * p.length / $4::float8))) AS score
       FROM ${t(g).passages} p
       CROSS JOIN LATERAL (
         SELECT u.lexeme, (SELECT count(*) FILTER (WHERE w = 'D') + $6::float8 * count(*) FILTER (WHERE w = 'A') FROM unnest(u.weights) w) AS tf
         FROM unnest(p.tsv) u WHERE u.lexeme = ANY($2::text[])
       ) m
       JOIN q ON q.lexeme = m.lexeme
       WHERE p.tsv @@ $1::tsquery ${q.articleIds ? "AND p.article_id = ANY($7::text[])" : ""}
       GROUP BY p.id ORDER BY score DESC, p.id LIMIT $5`,
      [q.tsquery, q.lexemes, q.idfs, q.avgLength, q.limit, q.contextWeight, ...(q.articleIds ? [q.articleIds] : [])],
    );
    return r.rows.map((row) => ({ id: row.id, score: Number(row.score) }));
  },
  /** Without a filter the HNSW index answers; with one, an exact scan of the filtered passages (never fewer than exist). */
  async dense(c: pg.Client, g: number, vector: Float32Array, limit: number, articleIds: string[] | null) {
    const r = articleIds
      ? await c.query<{ id: number; score: number }>(
          `SELECT id, -(embedding <#> $1::vector) AS score FROM ${t(g).passages} WHERE article_id = ANY($3::text[]) ORDER BY (embedding <#> $1::vector) + 0, id LIMIT $2`,
          [vectorLiteral(vector), limit, articleIds],
        )
      : await c.query<{ id: number; score: number }>(`SELECT id, -(embedding <#> $1::vector) AS score FROM ${t(g).passages} ORDER BY embedding <#> $1::vector LIMIT $2`, [vectorLiteral(vector), limit]);
    return r.rows.map((row) => ({ id: row.id, score: Number(row.score) }));
  },
  /** Articles with a passage matching the tsquery (a phrase: consecutive words of body or context). */
  async articlesMatching(c: pg.Client, g: number, tsquery: string) {
    const r = await c.query<{ id: string }>(`SELECT DISTINCT article_id AS id FROM ${t(g).passages} WHERE tsv @@ $1::tsquery`, [tsquery]);
    return r.rows.map((row) => row.id);
  },
  async passages(c: pg.Client, g: number, ids: number[]) {
    return (await c.query(`${PASSAGE_SELECT(g)} WHERE p.id = ANY($1::int[])`, [ids])).rows.map(toPassage);
  },
  async articlePassages(c: pg.Client, g: number, articleId: string) {
    return (await c.query(`${PASSAGE_SELECT(g)} WHERE p.article_id = $1 ORDER BY p.position`, [articleId])).rows.map(toPassage);
  },
  async article(c: pg.Client, g: number, by: "id" | "url" | "content_hash", value: string) {
    const r = await c.query(`SELECT ${ARTICLE_COLUMNS} FROM ${t(g).articles} WHERE ${by} = $1 ORDER BY id LIMIT 1`, [value]);
    return r.rows[0] ? toArticle(r.rows[0]) : null;
  },
  async allArticles(c: pg.Client, g: number) {
    return (await c.query(`SELECT ${ARTICLE_COLUMNS} FROM ${t(g).articles} ORDER BY id`)).rows.map(toArticle);
  },
  async listArticles(c: pg.Client, g: number, offset: number, limit: number) {
    const total = (await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t(g).articles}`)).rows[0]!.n;
    const items = (await c.query<ArticleSummary>(`SELECT id, title, url, date, source, place FROM ${t(g).articles} ORDER BY date DESC NULLS LAST, id LIMIT $1 OFFSET $2`, [limit, offset])).rows;
    return { total, items };
  },
  async summaries(c: pg.Client, g: number) {
    return (await c.query<ArticleSummary>(`SELECT id, title, url, date, source, place FROM ${t(g).articles}`)).rows;
  },
  async origins(c: pg.Client, g: number) {
    return (await c.query(`SELECT id, origin_kind AS kind, origin_ref AS ref, content_hash AS "contentHash" FROM ${t(g).articles}`)).rows as { id: string; kind: string; ref: string; contentHash: string }[];
  },
  async setMeta(c: pg.Client, g: number, values: Record<string, string>) {
    await c.query("UPDATE generations SET meta = meta || $2::jsonb WHERE id = $1", [g, JSON.stringify(values)]);
  },
  async size(c: pg.Client, g: number) {
    const r = await c.query<{ n: string }>(`SELECT (pg_total_relation_size('${t(g).passages}') + pg_total_relation_size('${t(g).articles}'))::bigint AS n`);
    return Number(r.rows[0]!.n);
  },
  /** Articles with their passages in one transaction, with the write version bump; returns the new version. */
  async putArticles(c: pg.Client, g: number, entries: { article: Article; passages: NewPassage[] }[]) {
    return transaction(c, async () => {
      for (const { article: a, passages } of entries) {
        await deleteArticle(c, g, a.id);
        await c.query(`INSERT INTO ${t(g).articles} (${ARTICLE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`, [
          a.id, a.title, a.titleDerived, a.url, a.date, a.source, a.place, a.text, a.origin.kind, a.origin.ref, a.contentHash, a.addedAt, a.claimedUrl ?? null,
        ]);
        if (passages.length === 0) continue;
        const rows = passages.map((p) => ({ p, lex: passageTsvector(fold(p.text), p.context) }));
        // One statement per article: arrays unnested into rows.
        await c.query(
          `INSERT INTO ${t(g).passages} (article_id, position, text, tsv, length, embedding, facts)
           SELECT $1, position, text, tsv::tsvector, length, embedding::vector, facts::jsonb
           FROM unnest($2::int[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[]) AS r(position, text, tsv, length, embedding, facts)`,
          [
            a.id,
            rows.map((r) => r.p.position),
            rows.map((r) => r.p.text),
            rows.map((r) => r.lex.tsvector),
            rows.map((r) => r.lex.length),
            rows.map((r) => vectorLiteral(r.p.vector)),
            rows.map((r) => JSON.stringify(r.p.facts ?? [])),
          ],
        );
      }
      return bump(c, g);
    });
  },
  async rewriteFacts(c: pg.Client, g: number, facts: [number, unknown[]][], meta: Record<string, string>) {
    return transaction(c, async () => {
      if (facts.length) {
        await c.query(
          `UPDATE ${t(g).passages} AS p SET facts = r.facts::jsonb FROM unnest($1::bigint[], $2::text[]) AS r(id, facts) WHERE p.id = r.id`,
          [facts.map(([id]) => id), facts.map(([, list]) => JSON.stringify(list))],
        );
      }
      await c.query("UPDATE generations SET meta = meta || $2::jsonb WHERE id = $1", [g, JSON.stringify(meta)]);
      return bump(c, g);
    });
  },
  async removeArticle(c: pg.Client, g: number, id: string) {
    return transaction(c, async () => {
      const existed = await deleteArticle(c, g, id);
      return { existed, writeVersion: existed ? await bump(c, g) : null };
    });
  },
};

export type Ops = typeof ops;
export type OpName = keyof Ops;

data.port.on("message", async ({ id, op, args }: { id: number; op: OpName; args: unknown[] }) => {
  let reply: { id: number } & ({ ok: unknown } | { failure: WorkerFailure });
  let connected = false;
  try {
    const c = await connection();
    connected = true;
    reply = { id, ok: await (ops[op] as (c: pg.Client, ...rest: unknown[]) => Promise<unknown>)(c, ...args) };
  } catch (error) {
    reply = { id, failure: classify(error, connected).failure };
  }
  data.port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
