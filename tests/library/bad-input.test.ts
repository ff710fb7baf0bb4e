import fs from "node:fs";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type App } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import type { AddSource } from "../../src/types.js";
import { UserError } from "../../src/types.js";
import { tempDir, testConfig, testEmbedder } from "../helpers/app.js";
import { runCli } from "../helpers/cli.js";

// Bad input at the library level (the entry point of both the CLI and the bot): each case is refused with
// a UserError whose code names the problem and whose message says what to do, and the index is exactly as
// it was: same articles, passages, meta (write_version), files and generation.

const PAGE = (title: string, paragraphs: string[]) =>
  `<!doctype html><html><head><title>${title}</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>` +
  `<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join("")}</article><footer>Comment (0)</footer></body></html>`;
const ARTICLE = PAGE("Quang Binh Party Committee reviews 2023", [
  "On December 22, the Quang Binh Provincial Party Committee held a conference to review the work of 2023 and set the tasks for 2024.",
  "The province admitted 1,876 new party members during the year, and the growth rate of its gross regional domestic product reached 6.8%.",
  "Budget revenue in the province reached 7,210 billion VND, exceeding the estimate assigned by the Provincial People's Council.",
]);
const NO_ARTICLE = `<!doctype html><html><head><title>Menu</title></head><body><nav><a href="/">Home</a> | <a href="/a">News</a> | <a href="/b">Contact</a></nav></body></html>`;

let server: http.Server;
let local: string;
const sockets = new Set<Socket>();
const hits: string[] = [];

/** Allows the local test server (127.0.0.1) and gives up on fetches after 300 ms. */
let trusting: { app: App; config: Config };
/** Default settings: nothing private may be fetched. */
let strict: { app: App; config: Config };

beforeAll(async () => {
  server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    const port = (server.address() as AddressInfo).port;
    const redirect = (location: string) => res.writeHead(302, { location }).end();
    switch (req.url) {
      case "/article":
        return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(ARTICLE);
      case "/menu":
        return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(NO_ARTICLE);
      case "/missing":
        return res.writeHead(404, { "content-type": "text/html" }).end("<h1>Not found</h1>");
      case "/hang":
        return; // never answers
      case "/to-metadata":
        return redirect("http://169.254.169.254/latest/meta-data/");
      case "/to-private":
        return redirect("http://10.0.0.1/admin");
      case "/to-loopback":
        return redirect(`http://[::1]:${port}/article`);
      default:
        return res.writeHead(500).end();
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  local = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const embedder = await testEmbedder();
  const open = async (overrides: Record<string, string>) => {
    const config = testConfig(overrides);
    return { app: await openApp(config, { embedder }), config };
  };
  trusting = await open({ FETCH_ALLOW_HOSTS: new URL(local).host, FETCH_TIMEOUT_MS: "300" });
  strict = await open({});
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await trusting.app.close();
  await strict.app.close();
});

/** Everything a refused add must leave as it was. */
function snapshot({ app, config }: { app: App; config: Config }) {
  const store = app.library.store();
  const generation = fs.readFileSync(path.join(config.indexDir, "CURRENT"), "utf8").trim();
  const dir = path.join(config.indexDir, generation);
  return {
    counts: store.counts(),
    meta: store.getMeta(),
    articles: store.listArticles(0, 1000).items.map((a) => a.id).sort(),
    indexFolder: fs.readdirSync(config.indexDir).sort(),
    generationFiles: fs.readdirSync(dir).sort(),
    vectors: fs.readFileSync(path.join(dir, "vectors.json"), "utf8"),
  };
}

async function refusal(app: App, source: AddSource): Promise<UserError> {
  const error = await app.library.add(source).then(
    (results) => new Error(`expected a refusal, got ${JSON.stringify(results)}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

const bytes = (text: string) => new TextEncoder().encode(text);
const upload = (fileName: string, content: Uint8Array): AddSource => ({ kind: "upload", fileName, bytes: content });
const url = (u: string): AddSource => ({ kind: "url", url: u });
const MB = 1024 * 1024;
const bigFile = () => {
  const file = path.join(tempDir("big-file-"), "big.txt");
  fs.writeFileSync(file, Buffer.alloc(25 * MB, "Budget revenue reached 300 billion VND. "));
  return file;
};

// [case, which library, source, code, message]
type Case = [string, () => typeof strict, () => AddSource, string, RegExp];
const CASES: Case[] = [
  ["an empty file", () => strict, () => upload("empty.txt", new Uint8Array(0)), "empty", /^empty\.txt is empty\. Send a file with the article's text\.$/],
  [
    "a binary file named .txt",
    () => strict,
    () => upload("report.txt", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    "binary",
    /^report\.txt looks like a PNG image, not a text article\. Send the article as \.txt, \.md, \.json or \.html/,
  ],
  [
    "a non-UTF-8 (Latin-1) file",
    () => strict,
    () => upload("latin1.txt", Buffer.from("Hội nghị Tỉnh ủy: café, 25%", "latin1")),
    "not_utf8",
    /^latin1\.txt is not UTF-8 text .*Re-save it as UTF-8/,
  ],
  ["a 25 MB upload", () => strict, () => upload("big.txt", new Uint8Array(25 * MB)), "too_large", /^big\.txt is 25\.0 MB; the limit is 20\.0 MB\. Send a smaller file/],
  ["a 25 MB file on disk", () => strict, () => ({ kind: "path", path: bigFile() }), "too_large", /^big\.txt is 25\.0 MB; the limit is 20\.0 MB\./],
  [
    "malformed front matter",
    () => strict,
    () => upload("report.md", bytes("---\ntitle: Ha Nam: review of 2023\ndate: 2023-12-29\n---\nThe Provincial Party Committee met on December 29.\n")),
    "front_matter",
    /^report\.md: malformed front matter at line 2: .+\. Fix the YAML between the "---" lines/,
  ],
  [
    "front matter that is never closed",
    () => strict,
    () => upload("open.md", bytes("---\ntitle: Ha Nam reviews 2023\nThe Provincial Party Committee met on December 29.\n")),
    "front_matter",
    /^open\.md: the front matter opened with "---" on line 1 is never closed\. Add a line with just "---"/,
  ],
  [
    "JSON without `text`",
    () => strict,
    () => upload("report.json", bytes(JSON.stringify({ title: "Ha Nam reviews 2023", date: "2023-12-29" }))),
    "no_text",
    /^report\.json: the article has no "text" field\. Every article needs its body text in "text"\.$/,
  ],
  ["a URL to 127.0.0.1", () => strict, () => url(`${local}/article`), "blocked_address", /^Refusing to fetch http:\/\/127\.0\.0\.1:\d+\/article: it is a loopback address .*Only public web pages can be added\.$/],
  ["a URL to 10.0.0.1", () => strict, () => url("http://10.0.0.1/report"), "blocked_address", /^Refusing to fetch http:\/\/10\.0\.0\.1\/report: it is a private network address\. Only public/],
  ["a URL to 169.254.169.254", () => strict, () => url("http://169.254.169.254/latest/meta-data/"), "blocked_address", /it is a link-local address \(this range holds cloud metadata services/],
  ["a redirect into 169.254.169.254", () => trusting, () => url(`${local}/to-metadata`), "blocked_address", /^Refusing to fetch http:\/\/169\.254\.169\.254\/latest\/meta-data\/: it is a link-local address/],
  ["a redirect into 10.0.0.1", () => trusting, () => url(`${local}/to-private`), "blocked_address", /^Refusing to fetch http:\/\/10\.0\.0\.1\/admin: it is a private network address/],
  ["a redirect into ::1", () => trusting, () => url(`${local}/to-loopback`), "blocked_address", /^Refusing to fetch http:\/\/\[::1\]:\d+\/article: it is a loopback address/],
  ["a server that never answers", () => trusting, () => url(`${local}/hang`), "timeout", /^127\.0\.0\.1 did not answer within 0\.3 s, so the fetch was stopped\. Check the link, or try again later\.$/],
  ["a 404", () => trusting, () => url(`${local}/missing`), "http_status", /^Could not fetch http:\/\/127\.0\.0\.1:\d+\/missing: the server answered 404 Not Found\. Check that the link opens in a browser\.$/],
  ["a page with no article", () => trusting, () => url(`${local}/menu`), "no_article", /: no article text found in the page \(\d+ characters of readable text\)\. Send the article itself, or paste its text/],
  ["an ftp: link", () => trusting, () => url("ftp://example.com/report.txt"), "bad_url", /^Only http:\/\/ and https:\/\/ links can be fetched; "ftp:" links .* are refused\. Send the article's web page link, or the file itself\.$/],
  ["a file: link", () => trusting, () => url("file:///etc/passwd"), "bad_url", /^Only http:\/\/ and https:\/\/ links can be fetched; "file:" links/],
  ["a path that does not exist", () => strict, () => ({ kind: "path", path: "/no/such/report.txt" }), "not_found", /^\/no\/such\/report\.txt does not exist\. Give a file or folder of reports\.$/],
];

describe("library.add refuses bad input and changes nothing", () => {
  it.each(CASES)("%s", async (_name, library, source, code, message) => {
    const target = library();
    const before = snapshot(target);
    const error = await refusal(target.app, source());
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(snapshot(target)).toEqual(before);
  });

  it("a direct URL to a private address never reaches the server", async () => {
    const before = hits.length;
    await refusal(strict.app, url(`${local}/article`));
    expect(hits.length).toBe(before);
  });

  it("the same article twice, by upload and by URL: the second add is 'already indexed' and changes nothing", async () => {
    const md = bytes(`---\ntitle: "Quang Tri: Party Committee reviews 2023"\nurl: https://example.org/quang-tri-2023\ndate: 2023-12-20\n---\n` +
      "On December 20, the Quang Tri Provincial Party Committee held a conference to review 2023. The province admitted 2,345 new party members.\n");
    const [first] = await trusting.app.library.add(upload("quang-tri.md", md));
    expect(first.status).toBe("added");
    const afterUpload = snapshot(trusting);
    const [again] = await trusting.app.library.add(upload("copy-of-quang-tri.md", md));
    expect(again).toEqual({ status: "unchanged", article: first.article, passages: 0 });
    expect(snapshot(trusting)).toEqual(afterUpload);

    const [byUrl] = await trusting.app.library.add(url(`${local}/article`));
    expect(byUrl.status).toBe("added");
    const afterUrl = snapshot(trusting);
    const [byUrlAgain] = await trusting.app.library.add(url(`${local}/article`));
    expect(byUrlAgain).toEqual({ status: "unchanged", article: byUrl.article, passages: 0 });
    expect(snapshot(trusting)).toEqual(afterUrl);
  });
});

describe("library add on the command line", () => {
  const cli = (args: string[]) => runCli(args, { env: { FETCH_ALLOW_HOSTS: "" } });

  it("exits with status 2 and one clear line on stderr, and the index is unchanged", async () => {
    const binary = path.join(tempDir("cli-bad-"), "scan.txt");
    fs.writeFileSync(binary, Buffer.from("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n", "latin1"));
    const before = snapshot(strict);
    const index = strict.config.indexDir;
    const results = await Promise.all([
      cli(["library", "add", binary, "--index", index]),
      cli(["library", "add", "http://10.0.0.1/report", "--index", index, "--json"]),
    ]);
    const expected = [
      /^error: scan\.txt looks like a PDF, not a text article\. Send the article as/,
      /^error: Refusing to fetch http:\/\/10\.0\.0\.1\/report: it is a private network address\./,
    ];
    for (const [i, r] of results.entries()) {
      expect(r.code, r.stderr).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(expected[i]!);
    }
    expect(snapshot(strict)).toEqual(before);
  }, 90_000);
});
