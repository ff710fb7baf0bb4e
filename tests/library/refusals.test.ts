import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openApp } from "../../src/app.js";
import { readDataDir } from "../../src/ingest/index.js";
import { Store } from "../../src/store/store.js";
import { currentGeneration } from "../../src/store/generations.js";
import { tempDir, testConfig, testEmbedder } from "../helpers/app.js";
import { runCli } from "../helpers/cli.js";

// Issue 14, items 4 and 7: a broken sidecar, a symbolic link, a data: / javascript: address, a file name with a
// line break and a folder of only bad files are each refused on the command line with one line and exit 2,
// and the index is unchanged. Bidi controls never reach a stored title.

const cli = (args: string[]) => runCli(args, { env: { FETCH_ALLOW_HOSTS: "" } });

const TEXT = "The Quang Ninh Provincial Party Committee held its year-end conference on December 20, 2023.\n\nQuang Ninh landed 150,000 tonnes of seafood in 2023.\n";

let indexDir: string;
let files: string;
const liveArticles = (dir = indexDir) => Store.readArticles(path.join(dir, currentGeneration(dir)!)).map((a) => `${a.id} ${a.contentHash}`).sort();

beforeAll(async () => {
  const config = testConfig();
  indexDir = config.indexDir;
  (await openApp(config, { embedder: await testEmbedder() })).close();
  files = tempDir("refusals-");
  fs.writeFileSync(path.join(files, "ninh.txt"), TEXT);
  fs.writeFileSync(path.join(files, "ninh.json"), '{ "title": "Quang Ninh", "place": oops }');
  fs.symlinkSync("/etc/passwd", path.join(files, "passwd.txt"));
  fs.writeFileSync(path.join(files, "bad\nname.txt"), TEXT);
  const bad = path.join(files, "only-bad");
  fs.mkdirSync(bad);
  fs.writeFileSync(path.join(bad, "scan.txt"), Buffer.from("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n", "latin1"));
  fs.writeFileSync(path.join(bad, "broken.md"), "---\ntitle: [oops\n---\nText.");
  fs.writeFileSync(path.join(bad, "lines.jsonl"), `{"title": "x", "text": "${"Quang Ninh landed seafood. ".repeat(5)}"}\nnot json\n`);
  fs.symlinkSync("/etc/hostname", path.join(bad, "host.txt"));
});

describe("refused on the command line: one line, exit 2, nothing changed", () => {
  it("a broken .json sidecar, a symbolic link, data: and javascript: addresses, a file name with a line break, a folder of only bad files", async () => {
    const before = liveArticles();
    const cases: [string[], RegExp][] = [
      [["library", "add", path.join(files, "ninh.txt")], /^error: ninh\.json: the sidecar is not valid JSON \(Unexpected token .*\)\. Fix it, or remove it/],
      [["library", "add", path.join(files, "passwd.txt")], /^error: .*passwd\.txt is a symbolic link; links are not followed/],
      [["library", "add", "data:text/html,<p>The Party Committee met</p>"], /^error: Only http:\/\/ and https:\/\/ links can be fetched; "data:" links/],
      [["library", "add", "javascript:alert(1)"], /^error: Only http:\/\/ and https:\/\/ links can be fetched; "javascript:" links/],
      [["library", "add", path.join(files, "bad\nname.txt")], /^error: The file name "bad\\nname\.txt" contains a line break or another control character; rename the file/],
      [["index", "--data", path.join(files, "only-bad")], /^error: No report in .*only-bad could be read: 4 files refused \(.*; and 3 more\)\. Nothing was changed/],
    ];
    // Each case on its own copy of the index: concurrent writers on one index would meet its write lock instead.
    const copies = cases.map(() => {
      const copy = path.join(tempDir("refusals-index-"), "index");
      fs.cpSync(indexDir, copy, { recursive: true });
      return copy;
    });
    const results = await Promise.all(cases.map(([args], i) => cli([...args, "--index", copies[i]!])));
    for (const [i, r] of results.entries()) {
      expect(r.code, `${cases[i]![0].join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trimEnd().split("\n"), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(cases[i]![1]);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    for (const copy of copies) expect(liveArticles(copy)).toEqual(before);
  }, 120_000);
});

describe("the same reading code for a data folder", () => {
  it("a data folder reports a symbolic link and a broken sidecar as problems, and reads the rest", async () => {
    const { articles, problems } = await readDataDir(files);
    expect(articles.map((a) => a.id)).toContain("ninh");
    const byFile = Object.fromEntries(problems.map((p) => [p.file, p.message]));
    expect(byFile["passwd.txt"]).toMatch(/symbolic link/);
    expect(byFile["ninh.json"]).toMatch(/^the sidecar is not valid JSON \(Unexpected token.*\)\..* ninh\.txt was read without it\./);
    expect(articles.some((a) => a.text.includes("root:"))).toBe(false);
  });

  it("bidi controls (RTL override U+202E, isolates, marks) are stripped from titles, text and metadata at ingest", async () => {
    const { app } = { app: await openApp(testConfig(), { embedder: await testEmbedder(), buildIfEmpty: false }) };
    try {
      const md = `---\ntitle: "Quang Ninh \u202Egnp.exe\u202C reviews 2023"\nsource: "\u2067baoquangninh.vn\u2069"\n---\n\nThe Quang Ninh\u200F Party Committee held its conference.\u202E 150,000 tonnes of seafood were landed in 2023.\n`;
      const [r] = await app.library.add({ kind: "upload", fileName: "ninh.md", bytes: new TextEncoder().encode(md) });
      const stored = app.library.store().getArticle(r!.article.id)!;
      expect(stored.title).toBe("Quang Ninh gnp.exe reviews 2023");
      expect(stored.source).toBe("baoquangninh.vn");
      expect(stored.text).not.toMatch(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
    } finally {
      await app.close();
    }
  });
});
