import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.{ts,tsx}", "tests/**/*.test.ts"],
    // Generous, for a slower and busier machine than this one (CI): a test waits for what it asserts,
    // never for a fixed time, so a long limit costs nothing when all is well.
    testTimeout: 120_000,
    // Above the servers' start-up limit (tests/e2e/server.ts SERVER_START_MS): a slow start fails
    // with the server's own message and output, not a hook time-out that reports its tests as skipped.
    hookTimeout: 420_000,
    // expect.poll waits for a page to reach the state asserted: up to 30 s (vitest's default, 1 s, is
    // less than a lazy view and its data can take on a loaded machine).
    expect: { poll: { timeout: 30_000, interval: 100 } },
    // Two cores here: two workers keep the browser and database tests from starving each other.
    maxWorkers: 2,
    reporters: ["default"],
  },
});
