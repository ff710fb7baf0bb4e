import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, SEED_DIR } from "../helpers/paths.js";
import { tempDir } from "../helpers/app.js";
import { runCli as cli } from "../helpers/cli.js";

let index: string;
beforeAll(async () => {
  index = tempDir("cli-index-");
  const built = await cli(["index", "--data", SEED_DIR, "--index", index]);
  expect(built.code, built.stderr).toBe(0);
  expect(built.stdout).toMatch(/added 5, updated 0, unchanged 0, removed 0/);
});

describe("command line", () => {
  it("ask --json prints exactly one JSON object with resolvable citations", async () => {
    const { code, stdout } = await cli(["ask", "--index", index, "--json", "How many grassroots Party organizations does Hong Linh town have?"]);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(1);
    const result = JSON.parse(lines[0]);
    expect(Object.keys(result).slice(0, 4)).toEqual(["question", "found", "outcome", "answer"]);
    expect(result.outcome).toBe("answered");
    expect(result.found).toBe(true);
    expect(result.answer).toContain("28");
    for (const n of result.answer.match(/\[(\d+)\]/g)) expect(result.citations.some((c: { n: number }) => `[${c.n}]` === n)).toBe(true);
    expect(Object.keys(result.citations[0])).toEqual(["n", "title", "url", "source", "date", "articleId", "passage"]);
  });

  it("ask --jsonl answers one question per input line with one JSON object per line", async () => {
    const input = "What was Hung Yen's GRDP growth rate in 2022?\n\nWhat is the population of Ho Chi Minh City?\n";
    const { code, stdout } = await cli(["ask", "--index", index, "--jsonl"], { input });
    expect(code).toBe(0);
    const results = stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(results.map((r) => r.found)).toEqual([true, false]);
    expect(results[0].answer).toContain("13.4%");
  });

  it("prints a readable answer with numbered sources", async () => {
    const { code, stdout } = await cli(["ask", "--index", index, "How much registered FDI capital did Thai Binh attract?"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/1 billion USD.*\[1\]/);
    expect(stdout).toMatch(/Sources:\n\[1\] .+ — Thai Binh provincial press, 2023-11-13/);
  });

  it("stats shows counts, model and dimension", async () => {
    const { stdout } = await cli(["stats", "--index", index, "--json"]);
    expect(JSON.parse(stdout)).toMatchObject({ articles: 5, model: "local/glove-6b-100d-sif", dimension: 100 });
  });

  it("refuses bad input with one clear line and a non-zero exit", async () => {
    const empty = await cli(["ask", "--index", index, "--json", "   "]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^error: The question is empty/);
    expect(empty.stdout).toBe("");

    const long = await cli(["ask", "--index", index, "x".repeat(10_000)]);
    expect(long.code).toBe(2);
    expect(long.stderr).toMatch(/10000 characters long; the limit is 1000/);

    const missing = await cli(["index", "--data", "/no/such/folder", "--index", index]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/does not exist.*--data DIR/s);
  });

  it("refuses an index built with another model and says how to rebuild, leaving it untouched", async () => {
    // The same weights under another model id: the index must not be read as if nothing changed.
    const models = tempDir("cli-models-");
    fs.cpSync(path.join(ROOT, "embeddings/models/local/glove-6b-100d-sif"), path.join(models, "local/other-model"), { recursive: true });
    const before = fs.readFileSync(path.join(index, "CURRENT"), "utf8");
    const { code, stderr } = await cli(["ask", "--index", index, "What growth rate did Thai Binh reach?"], { env: { MODELS_DIR: models, EMBEDDING_MODEL: "local/other-model" } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/built with the embedding model "local\/glove-6b-100d-sif".*configured model is "local\/other-model".*library -- reindex/s);
    expect(fs.readFileSync(path.join(index, "CURRENT"), "utf8")).toBe(before);
  });
});
