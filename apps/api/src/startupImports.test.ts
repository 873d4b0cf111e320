import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@scrutiny/db";

/**
 * Start-up loads only what serving needs: playwright-core (several MB, only for printing a pack to
 * PDF) is loaded on the first print, not when the app is built. Checked in a fresh Node process, as
 * main.ts starts: the CommonJS module cache lists every file required, playwright-core's included.
 */
describe("start-up imports", () => {
  it("builds the app without loading playwright-core, and loads it when asked to print", () => {
    const script = `
      import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      const loaded = () => Object.keys(require.cache).filter((f) => f.includes("playwright-core")).length;
      const { createApp } = await import(${JSON.stringify(join(repoRoot, "apps/api/src/app.ts"))});
      console.log(JSON.stringify({ createApp: typeof createApp, afterImport: loaded() }));
      await import("playwright-core");
      console.log(JSON.stringify({ afterPrint: loaded() }));
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: repoRoot, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const [first, second] = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toEqual({ createApp: "function", afterImport: 0 });
    // The check itself can see the library once it is loaded (so the 0 above is not a blind spot).
    expect(second!.afterPrint).toEqual(expect.any(Number));
    expect(second!.afterPrint as number).toBeGreaterThan(0);
  });
});
