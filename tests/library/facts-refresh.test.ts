import { describe, it } from "vitest";
import { testConfig } from "../helpers/app.js";
import { expectFactsReRead } from "../helpers/facts-refresh.js";

// An index whose facts an older reader wrote: opening it re-reads them from the stored text, once, without
// re-embedding, so answers never rest on facts the current reader would not give. (PostgreSQL: postgres.test.ts.)

describe("facts read by an older reader", () => {
  it("are re-read from the stored text when the index is opened (embedded store)", async () => {
    await expectFactsReRead(testConfig());
  });
});
