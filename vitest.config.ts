import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Native addons (better-sqlite3, hnswlib-node) and the ONNX runtime are not safe to share across
    // worker threads; forks isolate them. Two cores: two workers.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
