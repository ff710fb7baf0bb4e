// The PostgreSQL schema, versioned: each migration runs once, in order, in one transaction, and is
// recorded in schema_migrations. A database whose schema is newer than the newest migration here was
// written by a newer version of the program and is refused (nothing is written to it).
//
// Shared tables hold the generations and the writer's lease; each generation has its own pair of
// tables (see generationTables), so a rebuild fills new tables beside the live ones and the switch is
// one UPDATE of `generations.state`.

export const MIGRATIONS: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
CREATE TABLE generations (
  id serial PRIMARY KEY,
  model_id text NOT NULL,
  dimension integer NOT NULL,
  fingerprint text NOT NULL,
  -- building: being filled by a rebuild; live: answering questions (exactly one); retired: switched away from.
  state text NOT NULL CHECK (state IN ('building', 'live', 'retired')),
  -- Moves on by one in the same transaction as every write to this generation.
  write_version bigint NOT NULL DEFAULT 0,
  -- built_at, build_ms and other notes the library keeps.
  meta jsonb NOT NULL DEFAULT '{}'::jsonb,
  touched_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX generations_one_live ON generations ((true)) WHERE state = 'live';
-- One writer at a time: a row, not a session lock, so that it works through poolers and PGlite-socket.
CREATE TABLE write_lease (
  id integer PRIMARY KEY CHECK (id = 1),
  holder text,
  expires_at timestamptz
);
INSERT INTO write_lease (id) VALUES (1);
`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/**
 * The tables of one generation; vectors in a pgvector column. Its HNSW index is made by `vectorIndex` once
 * the first bulk write is in (building it over the loaded rows is many times faster than growing it row by
 * row); until then vector search is an exact scan.
 */
export function generationTables(generation: number, dimension: number): string {
  const a = `g${generation}_articles`;
  const p = `g${generation}_passages`;
  return `
CREATE TABLE ${a} (
  id text PRIMARY KEY,
  title text NOT NULL,
  title_derived boolean NOT NULL,
  url text,
  date text,
  source text,
  place text,
  text text NOT NULL,
  origin_kind text NOT NULL,
  origin_ref text NOT NULL,
  content_hash text NOT NULL,
  added_at text NOT NULL,
  -- The url a fetched page claims for itself, when it differs from the address it was fetched from.
  claimed_url text
);
CREATE INDEX ${a}_url ON ${a} (url);
CREATE INDEX ${a}_hash ON ${a} (content_hash);
CREATE TABLE ${p} (
  id serial PRIMARY KEY,
  article_id text NOT NULL REFERENCES ${a} (id) ON DELETE CASCADE,
  position integer NOT NULL,
  text text NOT NULL,
  -- Folded, stemmed words of the body (weight D) and the article context (weight A), written by the program.
  tsv tsvector NOT NULL,
  -- Tokens in body + context: BM25's document length.
  length integer NOT NULL,
  embedding vector(${dimension}) NOT NULL,
  -- The figures read from the passage at index time (src/facts), an array of Fact objects.
  facts jsonb NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX ${p}_article ON ${p} (article_id, position);
CREATE INDEX ${p}_tsv ON ${p} USING gin (tsv);
`;
}

/** The HNSW index (inner product) of a generation's vectors, if it is not there yet. */
export function vectorIndex(generation: number, hnsw: { m: number; efConstruction: number }): string {
  const p = `g${generation}_passages`;
  return `CREATE INDEX IF NOT EXISTS ${p}_embedding ON ${p} USING hnsw (embedding vector_ip_ops) WITH (m = ${hnsw.m}, ef_construction = ${hnsw.efConstruction})`;
}

export const tableNames = (generation: number) => ({ articles: `g${generation}_articles`, passages: `g${generation}_passages` });
