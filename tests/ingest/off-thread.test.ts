import { afterAll, describe, expect, it } from "vitest";
import { createOffThreadReader } from "../../src/ingest/off-thread.js";
import { readHtml } from "../../src/ingest/readers.js";
import { UserError } from "../../src/types.js";
import { SLOW_PAGE as SLOW } from "../helpers/slow-page.js";

// Issue 14, item 3: untrusted input is parsed in a worker thread with a time budget; the main thread keeps
// running meanwhile, and a page past the budget is refused (the worker is terminated; the next job gets a new one).

const GOOD = "# Quang Ninh reviews 2023\n\nThe Quang Ninh Provincial Party Committee said 150,000 tonnes of seafood were landed in 2023.\n";
const enc = (s: string) => new TextEncoder().encode(s);

const reader = createOffThreadReader({ timeoutMs: 400 });
afterAll(() => reader.close());

describe("reading off the main thread", () => {
  it("a slow page is stopped at the budget while the main thread keeps running, then the next file is read normally", async () => {
    await reader.parseFile("warm.md", enc(GOOD), { originKind: "upload" }); // the worker is up
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const err = await reader.parseFile("slow.html", enc(SLOW), { originKind: "upload" }).catch((e: unknown) => e);
    clearInterval(ticker);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).code).toBe("parse_timeout");
    expect((err as UserError).message).toMatch(/^slow\.html took longer than 0\.4 s to read/);
    expect(ticks).toBeGreaterThanOrEqual(5); // the event loop ran during the parse (on this thread it could not)
    const [a] = await reader.parseFile("ninh.md", enc(GOOD), { originKind: "upload" });
    expect(a!.title).toBe("Quang Ninh reviews 2023");
  });

  it("a UserError inside the worker comes back as the same UserError", async () => {
    const err = await reader.parseFile("empty.json", enc('{"title": "x"}'), { originKind: "upload" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/^empty\.json: the article has no "text" field/);
  });
});

describe("limits that refuse pathological HTML before Readability", () => {
  it("3,000 nested <div>s (60–114 s in Readability) are refused in milliseconds", () => {
    const nested = `<html><body>${"<div>".repeat(3000)}<p>The Party Committee met.</p>${"</div>".repeat(3000)}</body></html>`;
    const t0 = performance.now();
    expect(() => readHtml("nested.html", nested)).toThrow(/nested\.html: the page nests its elements more than 150 levels deep/);
    expect(performance.now() - t0).toBeLessThan(2_000);
  });

  it("more elements than any article page has are refused", () => {
    const huge = `<html><body>${"<span>x</span>".repeat(31_000)}</body></html>`;
    expect(() => readHtml("huge.html", huge)).toThrow(/huge\.html: the page has more than 30,000 elements/);
  });
});
