import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@scrutiny/db";

/**
 * Start-up loads only what serving needs: playwright-core (several MB, only for printing a pack to
 * PDF) is loaded on the first print, not when the app is built; csv-parse and csv-stringify when a
 * CSV is read or written, docx when a Word document is, not on a start on a database that holds data. Checked in a fresh Node
 * process, as main.ts starts: the CommonJS module cache lists every file required, playwright-core's
 * included.
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

  it("starts on a database that holds data without loading csv-parse, csv-stringify, docx or topojson, and loads them when a CSV is read or a Word document written", () => {
    // The libraries are ES modules when imported and CommonJS when required: both are watched (a
    // load hook sees every ES module, require.cache every CommonJS file), so neither way is a blind spot.
    const hook = `let port;
      export function initialize(data) { port = data.port; port.on("message", () => port.postMessage("flushed")); }
      export async function load(url, context, next) { port.postMessage(url); return next(url, context); }`;
    const script = `
      import { createRequire, register } from "node:module";
      import { mkdtempSync } from "node:fs";
      import { tmpdir } from "node:os";
      import { join } from "node:path";
      import { MessageChannel } from "node:worker_threads";
      const { port1, port2 } = new MessageChannel();
      const esModules = new Set();
      let flushed;
      port1.on("message", (m) => (m === "flushed" ? flushed() : esModules.add(m)));
      register("data:text/javascript," + encodeURIComponent(${JSON.stringify(hook)}), { data: { port: port2 }, transferList: [port2] });
      const require = createRequire(import.meta.url);
      const loaded = async () => {
        await new Promise((resolve) => { flushed = resolve; port1.postMessage("flush"); });
        const files = [...esModules, ...Object.keys(require.cache)];
        return Object.fromEntries(["csv-parse", "csv-stringify", "docx", "topojson-server", "topojson-simplify", "kysely"].map((name) => [name, files.filter((f) => f.includes("/node_modules/" + name + "/")).length]));
      };
      // What main.ts does before it serves, on a database that holds data.
      const { createDb, migrateToLatest } = await import("@scrutiny/db");
      const { exportDataset, seedIfEmpty } = await import("@scrutiny/ingest");
      const { createApp } = await import(${JSON.stringify(join(repoRoot, "apps/api/src/app.ts"))});
      await import(${JSON.stringify(join(repoRoot, "apps/api/src/services/exampleActions.ts"))});
      const { questionsDocx } = await import(${JSON.stringify(join(repoRoot, "apps/api/src/services/questionExport.ts"))});
      const held = createDb({ kind: "sqlite", file: ":memory:" });
      await migrateToLatest(held.db);
      await held.db.insertInto("areas").values({ code: "E23000028", name: "Essex", kind: "force", parent_code: null }).execute();
      const seededHeld = await seedIfEmpty(held.db, "/no/dataset/here");
      createApp(held.db, "sqlite", {});
      console.log(JSON.stringify({ seededHeld, ...(await loaded()) }));
      // An empty database is seeded, from the held one written out by exportDataset (its one area).
      const dir = mkdtempSync(join(tmpdir(), "scrutiny-startup-"));
      await exportDataset(held.db, dir);
      const empty = createDb({ kind: "sqlite", file: ":memory:" });
      await migrateToLatest(empty.db);
      const seededEmpty = await seedIfEmpty(empty.db, dir);
      const docx = await questionsDocx({ meeting: { kind: "public", date: "2026-01-15", title: "Performance", month: "2025-12", papersDue: "2026-01-05" }, questions: [] });
      console.log(JSON.stringify({ seededEmpty, docxZip: docx.subarray(0, 2).toString("latin1"), ...(await loaded()) }));
      await held.close();
      await empty.close();
      port1.close();
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: repoRoot, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const [started, seeded] = run.stdout.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
    // topojson-* only build the boundaries file (npm run data:build); the API serves the file.
    expect(started).toMatchObject({ seededHeld: false, "csv-parse": 0, "csv-stringify": 0, docx: 0, "topojson-server": 0, "topojson-simplify": 0 });
    // The watch sees modules: kysely's are loaded, and csv-parse's once a dataset is seeded.
    expect(started!.kysely as number).toBeGreaterThan(0);
    expect(seeded!.seededEmpty).toBe(true);
    expect(seeded!["csv-parse"] as number).toBeGreaterThan(0);
    expect(seeded!["csv-stringify"] as number).toBeGreaterThan(0);
    // A Word document (a zip: "PK") is written with docx loaded then.
    expect(seeded!.docxZip).toBe("PK");
    expect(seeded!.docx as number).toBeGreaterThan(0);
  });
});
