import { afterAll, describe, expect, it } from "vitest";
import { createFeedParser } from "../../src/library/feeds/parser-thread.js";
import { UserError } from "../../src/types.js";
import { rss, sitemap } from "../helpers/feed-server.js";

const parser = createFeedParser();
afterAll(() => parser.close());

const big = sitemap(Array.from({ length: 4_000 }, (_, i) => ({ url: `https://www.vietnam.vn/en/post-${i}`, at: "2024-01-01T00:00:00Z" })));

describe("feed parser thread", () => {
  it("reads a feed in the worker, and the parser's refusals come back as the same UserErrors", async () => {
    const feed = await parser.parse(rss("Báo Hải Dương", [{ url: "https://baohaiduong.vn/a.html", title: "Tỉnh ủy họp", lead: "Hội nghị", at: "2024-01-01T00:00:00Z" }]), { maxItems: 10 }, 10_000);
    expect(feed).toMatchObject({ kind: "rss", title: "Báo Hải Dương", items: [{ url: "https://baohaiduong.vn/a.html", title: "Tỉnh ủy họp", summary: "Hội nghị" }] });
    const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><rss><channel><title>&b;</title></channel></rss>`;
    await expect(parser.parse(bomb, { maxItems: 10 }, 10_000)).rejects.toMatchObject({ name: "UserError", code: "doctype_refused" });
    await expect(parser.parse(big, { maxItems: 100 }, 10_000)).rejects.toSatisfy((e) => e instanceof UserError && e.code === "too_many_items");
  });

  it("keeps the main thread free while it reads a large feed", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const feed = await parser.parse(big, { maxItems: 5_000 }, 20_000);
    const ms = performance.now() - started;
    clearInterval(timer);
    expect(feed.kind === "sitemap" && feed.items.length).toBe(4_000);
    // The interval kept firing during the parse (on the main thread it could not fire at all).
    expect(ticks).toBeGreaterThanOrEqual(Math.min(3, Math.floor(ms / 20)));
  });

  it("stops a parse that outlasts its time budget, and the next parse gets a fresh worker", async () => {
    const huge = big + " ".repeat(10);
    const err = await parser.parse(huge, { maxItems: 5_000 }, 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe("parse_timeout");
    expect((err as UserError).message).toBe("Reading the feed took longer than 1 ms, so it was stopped. Give a smaller feed.");
    const again = await parser.parse(rss("After", []), { maxItems: 10 }, 10_000);
    expect(again.title).toBe("After");
  });
});
