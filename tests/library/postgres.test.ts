import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import type { Embedder } from "../../src/embed/embedder.js";
import { Library } from "../../src/library/library.js";
import { PostgresHost } from "../../src/store/postgres/host.js";
import { UserError } from "../../src/types.js";
import { testConfig, testEmbedder, tempDir } from "../helpers/app.js";
import { DEV_QUESTIONS, ROOT, SEED_DIR } from "../helpers/paths.js";
import { startPostgres, type TestPostgres } from "../helpers/postgres.js";
import { expectFactsReRead } from "../helpers/facts-refresh.js";

// The library on PostgreSQL (PGlite over the wire protocol): the same answers as the embedded store,
// generations switched in one transaction, and bad databases refused with one line before anything is written.

let server: TestPostgres;
let bare: TestPostgres;
let embedder: Embedder;
const apps: App[] = [];

beforeAll(async () => {
  [server, bare, embedder] = await Promise.all([startPostgres({ dataDir: tempDir("pglite-") }), startPostgres({ vector: false }), testEmbedder()]);
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await Promise.all([server?.stop(), bare?.stop()]);
});

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => undefined);
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const dev = fs
  .readFileSync(DEV_QUESTIONS, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { q: string });

describe("the library on PostgreSQL", () => {
  it("builds from the seed reports and answers the dev questions exactly as the embedded store does", async () => {
    const sqlite = await openApp(testConfig({ DATA_DIR: SEED_DIR }), { embedder });
    const postgres = await openApp(testConfig({ DATA_DIR: SEED_DIR, DATABASE_URL: server.url }), { embedder });
    apps.push(sqlite, postgres);
    expect(postgres.library.stats()).toMatchObject({ articles: sqlite.library.stats().articles, passages: sqlite.library.stats().passages, model: embedder.modelId });
    for (const { q } of dev) {
      const [a, b] = [await sqlite.ask(q), await postgres.ask(q)];
      expect({ q, found: b.found, answer: b.answer }).toEqual({ q, found: a.found, answer: a.answer });
    }
  });

  it("re-reads facts an older reader wrote when the library is opened", async () => {
    await expectFactsReRead(testConfig({ DATA_DIR: SEED_DIR, DATABASE_URL: server.url }));
  });

  it("reindexes into a new generation switched in one transaction, answering throughout; the old one is dropped after its grace time", async () => {
    const app = await openApp(testConfig({ DATA_DIR: SEED_DIR, DATABASE_URL: server.url }), { embedder });
    apps.push(app);
    const question = dev[0]!.q;
    const before = await app.ask(question);
    const [oldGeneration] = await query<{ id: number }>(server.url, "SELECT id FROM generations WHERE state = 'live'");
    const answers: boolean[] = [];
    const reindex = app.library.reindex();
    for (let i = 0; i < 3; i++) answers.push((await app.ask(question)).found);
    const result = await reindex;
    expect(result.articles).toBe(app.library.stats().articles);
    expect(answers).toEqual([before.found, before.found, before.found]);
    const states = await query<{ id: number; state: string }>(server.url, "SELECT id, state FROM generations ORDER BY id");
    expect(states.filter((s) => s.state === "live")).toHaveLength(1);
    expect(states.find((s) => s.id === oldGeneration!.id)?.state).toBe("retired");
    // The new generation got its HNSW index (built over the loaded rows) before it went live.
    const live = states.find((s) => s.state === "live")!.id;
    expect(await query(server.url, `SELECT indexdef FROM pg_indexes WHERE indexname = 'g${live}_passages_embedding'`)).toEqual([
      { indexdef: expect.stringMatching(/USING hnsw \(embedding vector_ip_ops\)/) },
    ]);
    expect((await app.ask(question)).answer).toBe(before.answer);
    // Past the grace time, the next open drops the retired generation and its tables.
    const host = PostgresHost.connect(server.url, { retiredGraceMs: 0 });
    host.removeStale();
    host.close();
    expect(await query(server.url, `SELECT 1 FROM generations WHERE id = ${oldGeneration!.id}`)).toEqual([]);
    expect(await query(server.url, `SELECT to_regclass('g${oldGeneration!.id}_passages') AS t`)).toEqual([{ t: null }]);
  });

  it("keeps the previous state when the connection is lost mid-add and mid-reindex", async () => {
    const config = testConfig({ DATA_DIR: SEED_DIR, DATABASE_URL: server.url });
    const app = await openApp(config, { embedder });
    apps.push(app);
    const stats = app.library.stats();
    const [live] = await query<{ id: number; v: string }>(server.url, "SELECT id, write_version AS v FROM generations WHERE state = 'live'");
    const folder = tempDir("reports-many-");
    for (let i = 0; i < 30; i++) {
      fs.writeFileSync(path.join(folder, `r${i}.md`), `---\ntitle: Report ${i}\n---\nDistrict ${i} admitted ${100 + i} new party members in 2023.\n`);
    }

    await server.cutInNextTransaction(20);
    await expect(app.library.add({ kind: "path", path: folder })).rejects.toThrow(/Lost the connection to the database 127\.0\.0\.1:\d+\/postgres .*rolled back/);
    await server.restart();
    expect(app.library.stats()).toMatchObject({ articles: stats.articles, passages: stats.passages });
    expect(await query(server.url, "SELECT id, write_version AS v FROM generations WHERE state = 'live'")).toEqual([live]);

    await server.cutInNextTransaction(5);
    await expect(app.library.reindex()).rejects.toThrow(/Lost the connection/);
    await server.restart();
    expect(await query(server.url, "SELECT id, write_version AS v FROM generations WHERE state = 'live'")).toEqual([live]);
    expect((await app.ask(dev[0]!.q)).found).toBe(true);
    // The write lease was released (or lapses): the next write goes through.
    const [added] = await app.library.add({ kind: "text", text: "Hoa Binh admitted 4,321 new party members in 2023.", meta: { title: "Hoa Binh 2023" } });
    expect(added?.status).toBe("added");
  });
});

describe("bad databases are refused with one clear line, and nothing is written", () => {
  it("a DATABASE_URL that is not a postgres:// URL", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://localhost/db" })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: "mysql://localhost/db" })).toThrow(/DATABASE_URL must be a postgres:\/\//);
  });

  it("an unreachable server: the CLI exits 2 with one line", async () => {
    const result = await promisify(execFile)(process.execPath, [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), path.join(ROOT, "src/cli.ts"), "stats"], {
      env: { ...process.env, DATABASE_URL: "postgres://postgres@127.0.0.1:1/postgres", ALLOW_REMOTE_MODELS: "false", LOG_LEVEL: "silent" },
    }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(/Cannot reach the database 127\.0\.0\.1:1\/postgres .*Check DATABASE_URL/);
  });

  it("a server without the vector extension", async () => {
    expect(() => Library.open(testConfig({ DATABASE_URL: bare.url }), embedder)).toThrow(UserError);
    expect(() => PostgresHost.connect(bare.url)).toThrow(/pgvector extension is not installed.*Nothing was changed/);
    expect(await query(bare.url, "SELECT to_regclass('schema_migrations') AS t, to_regclass('generations') AS g")).toEqual([{ t: null, g: null }]);
  });

  it("a read-only database (a replica): questions are answered, a write is one clear line, and nothing changes", async () => {
    const library = Library.open(testConfig({ DATABASE_URL: server.url }), embedder);
    const bytes = (text: string) => new TextEncoder().encode(text);
    await library.add({ kind: "upload", fileName: "ninh-binh.md", bytes: bytes("# Ninh Binh reviews 2023\n\nNinh Binh admitted 1,111 new party members in 2023.\n") });
    const counts = library.store().counts();
    // pglite-socket serves every connection from one session, so this makes the whole database read-only.
    await query(server.url, "SET SESSION default_transaction_read_only = on");
    try {
      expect((await query<{ transaction_read_only: string }>(server.url, "SHOW transaction_read_only"))[0]!.transaction_read_only).toBe("on");
      expect(library.store().lexicalSearch("ninh", 3).length).toBeGreaterThan(0);
      const upload = { kind: "upload" as const, fileName: "quang-tri.md", bytes: bytes("# Quang Tri reviews 2023\n\nQuang Tri admitted 2,345 new party members in 2023.\n") };
      const refused = await library.add(upload).then(() => null, (error: unknown) => error);
      expect(refused).toBeInstanceOf(UserError);
      expect((refused as Error).message).toMatch(/read-only \(a replica\?\).*point DATABASE_URL at the primary/);
      expect((refused as Error).message.split("\n")).toHaveLength(1);
    } finally {
      await query(server.url, "SET SESSION default_transaction_read_only = off");
      library.close();
    }
    const after = Library.open(testConfig({ DATABASE_URL: server.url }), embedder);
    expect(after.store().counts()).toEqual(counts);
    after.close();
  });

  it("a schema written by a newer version of the program", async () => {
    const before = await query(server.url, "SELECT id, state, write_version FROM generations ORDER BY id");
    await query(server.url, "INSERT INTO schema_migrations (version) VALUES (99)");
    try {
      expect(() => Library.open(testConfig({ DATABASE_URL: server.url }), embedder)).toThrow(/schema is version 99, newer than this program knows \(1\): upgrade the program/);
      expect(await query(server.url, "SELECT id, state, write_version FROM generations ORDER BY id")).toEqual(before);
    } finally {
      await query(server.url, "DELETE FROM schema_migrations WHERE version = 99");
    }
  });
});
