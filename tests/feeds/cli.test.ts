/** `library feeds add|list|remove|check|keywords`, run in this process (runCli) against a local outlet. */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli.js";
import { tempDir } from "../helpers/app.js";
import { FeedServer, hoursAgo, rss } from "../helpers/feed-server.js";

let server: FeedServer;
let index: string;

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => ((stderr += String(chunk)), true));
  process.exitCode = 0;
  try {
    await runCli(["node", "cli", "library", "feeds", ...args, "--index", index]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stdout, stderr };
}

beforeAll(async () => {
  server = await FeedServer.start();
  index = tempDir("feeds-cli-");
  process.env.FETCH_ALLOW_HOSTS = server.allowHosts;
  process.env.ALLOW_REMOTE_MODELS = "false";
  process.env.LOG_LEVEL = "silent";
  server.page("/quynh-phu.html", {
    title: "Quynh Phu district Party Committee reviews 2024",
    date: "2024-12-28",
    paragraphs: [
      "On December 28, the Quynh Phu district Party Committee held a conference to review the work of 2024 and set the tasks for 2025.",
      "Quynh Phu district exported 1,450 tonnes of processed seafood in 2024, the conference heard, the most in its history.",
    ],
  });
  server.set("/rss.xml", {
    body: rss("Báo Thái Bình", [{ url: server.url("/quynh-phu.html"), title: "Quynh Phu district Party Committee reviews 2024", lead: "The district held a conference.", at: hoursAgo(3) }]),
  });
  server.page("/page.html", { title: "A page", date: "2024-01-01", paragraphs: ["Not a feed at all, just a page with some text in it for the test."] });
});

afterAll(async () => {
  await server?.close();
});

describe("library feeds", () => {
  it("add refuses what is not a feed with one line and exit 2, then adds, lists, checks and removes", async () => {
    expect((await cli("list")).stdout).toBe("0 feeds\n");
    const bad = await cli("add", server.url("/page.html"));
    expect(bad).toEqual({ code: 2, stdout: "", stderr: "error: This address is a web page or text, not an RSS, Atom or sitemap feed. Give the feed's own address (often /rss, /feed or /sitemap.xml).\n" });

    const added = await cli("add", server.url("/rss.xml"), "--keywords", "Party Committee, hội nghị");
    expect(added.code).toBe(0);
    expect(added.stdout).toBe(`watching ${server.url("/rss.xml")}  (RSS, 1 entries, "Báo Thái Bình")\n`);
    expect((await cli("add", server.url("/rss.xml"))).stderr).toMatch(/^error: .* is already watched/);

    const checked = await cli("check");
    expect(checked.code).toBe(0);
    expect(checked.stdout).toBe(
      `${server.url("/rss.xml")}: 1 new, 0 skipped, 0 refused, 0 failed\n1 new report from 127.0.0.1:${server.port}:\n  Quynh Phu district Party Committee reviews 2024  ${server.url("/quynh-phu.html")}\n`,
    );
    expect((await cli("check")).stdout).toBe(`${server.url("/rss.xml")}: not changed\n`);

    const list = await cli("list", "--json");
    expect(JSON.parse(list.stdout)).toEqual([expect.objectContaining({ url: server.url("/rss.xml"), kind: "rss", itemsIndexed: 1, itemsSkipped: 0, keywords: ["Party Committee", "hội nghị"], lastError: null })]);

    expect((await cli("keywords", server.url("/rss.xml"), "default")).stdout).toBe(`${server.url("/rss.xml")}: default keywords\n`);

    server.set("/rss.xml", { body: "<rss><channel>", conditional: false });
    const failing = await cli("check");
    expect(failing.code).toBe(1);
    expect(failing.stderr).toMatch(/rss\.xml: The feed is not well-formed XML/);
    expect((await cli("list")).stdout).toMatch(/last error \(1 in a row\): The feed is not well-formed XML/);

    expect(await cli("remove", server.url("/rss.xml"))).toEqual({ code: 0, stdout: `removed ${server.url("/rss.xml")}\n`, stderr: "" });
    expect(await cli("remove", server.url("/rss.xml"))).toMatchObject({ code: 2, stderr: `error: No feed ${server.url("/rss.xml")} is watched. /feeds lists the feeds.\n` });
    expect((await cli("list")).stdout).toBe("0 feeds\n");
  });
});
