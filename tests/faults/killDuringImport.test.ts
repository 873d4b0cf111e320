import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb, repoRoot } from "@scrutiny/db";
import { benchIndicatorFiles } from "../../scripts/benchIndicatorFiles";
import { snapshot, sqliteFileWithCatalogue, tempDir } from "../support/db";

/**
 * Issue 11, item 8: `kill -9` during an import. A real `npm run import -- indicators` process
 * (packages/ingest/src/cli.ts) writes ~100,800 rows into an embedded database and is killed with
 * SIGKILL while it is writing (the WAL file is growing and it has not reported success). The
 * database must then hold exactly what it held before, pass integrity_check, and the same import,
 * run again with no manual step, must complete with the right figures.
 */
const dir = tempDir("scrutiny-kill-");
const file = join(dir, "kill.sqlite");
const wal = `${file}-wal`;
const bench = benchIndicatorFiles();
const bigFile = join(dir, bench.figures.fileName);
const cliArgs = ["--import", "tsx", join(repoRoot, "packages/ingest/src/cli.ts"), "indicators", bigFile, "--by", "Fault Test"];
const env = { ...process.env, DATABASE_URL: `sqlite:${file}` };

/** Every table's row count, a checksum of every row (observations included) and integrity_check. */
async function state() {
  const handle = createDb({ kind: "sqlite", file });
  try {
    const counts: Record<string, number> = {};
    for (const table of ["areas", "indicators", "import_batches", "observations", "observation_revisions", "data_version", "batch_coverage", "replaced_observations"] as const) {
      const row = await handle.db.selectFrom(table).select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
      counts[table] = Number(row.n);
    }
    const checksum = createHash("sha256").update(await snapshot(handle.db)).digest("hex");
    const integrity = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(handle.db)).rows.map((r) => r.integrity_check);
    return { counts, checksum, integrity };
  } finally {
    await handle.close();
  }
}

/** Sum of the figures the big file holds, to prove the completed import wrote them all correctly. */
function fileTotals() {
  const lines = new TextDecoder().decode(bench.figures.bytes).trim().split("\n").slice(1);
  let sum = 0;
  for (const line of lines) sum += Number(line.split(",")[3]);
  return { rows: lines.length, sum };
}

beforeAll(async () => {
  await sqliteFileWithCatalogue(file);
  writeFileSync(join(dir, bench.catalogue.fileName), bench.catalogue.bytes);
  writeFileSync(bigFile, bench.figures.bytes);
  // What the database held before: the bench catalogue and a small earlier batch of real figures.
  const HEADER = "indicator,area,month,value,numerator,denominator,survey_n,status,note";
  writeFileSync(join(dir, "earlier.csv"), `${HEADER}\nda-incidents,Basildon,2025-10,231,,,,,\nda-incidents,Harlow,2025-10,90,,,,,\n`);
  for (const args of [["indicator-catalogue", join(dir, bench.catalogue.fileName)], ["indicators", join(dir, "earlier.csv")]]) {
    const run = spawnSync(process.execPath, ["--import", "tsx", join(repoRoot, "packages/ingest/src/cli.ts"), ...args], { cwd: repoRoot, env, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
  }
}, 120_000);

describe("kill -9 during an indicator import", () => {
  it("leaves the database exactly as before, intact, and the same import then completes with the right figures", async () => {
    const before = await state();
    expect(before.integrity).toEqual(["ok"]);
    expect(before.counts.observations).toBe(2);
    const walBefore = existsSync(wal) ? statSync(wal).size : 0;

    const child = spawn(process.execPath, cliArgs, { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
    // Mid-write: the WAL has grown by more than 1 MB (the batch's rows) and nothing says "imported".
    const deadline = Date.now() + 120_000;
    let walAtKill: number;
    for (;;) {
      expect(child.exitCode, `the import finished before it could be killed:\n${output}`).toBeNull();
      walAtKill = existsSync(wal) ? statSync(wal).size : 0;
      if (walAtKill > walBefore + 1_000_000) break;
      if (Date.now() > deadline) throw new Error(`the import never started writing:\n${output}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(output).not.toContain("imported");
    child.kill("SIGKILL");
    expect(await exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(output).not.toContain("imported");
    console.log(`killed the import with SIGKILL with ${(walAtKill / 1e6).toFixed(1)} MB in the WAL`);

    // Opening the database rolls the half-written transaction back: exactly what it held before.
    expect(await state()).toEqual(before);

    // No manual step: the same command, run again, completes.
    const rerun = spawnSync(process.execPath, cliArgs, { cwd: repoRoot, env, encoding: "utf8" });
    expect(rerun.status, rerun.stderr).toBe(0);
    expect(rerun.stdout).toMatch(new RegExp(`^imported {2}${bench.figures.fileName}: batch indicators:[0-9a-f]{16}, ${bench.rows} created, 0 revised, 0 unchanged, by Fault Test$`, "m"));

    const after = await state();
    expect(after.integrity).toEqual(["ok"]);
    expect(after.counts.observations).toBe((before.counts.observations ?? Number.NaN) + bench.rows);
    const handle = createDb({ kind: "sqlite", file });
    try {
      const totals = await handle.db
        .selectFrom("observations")
        .where("indicator_id", "like", "bench-indicator-%")
        .select([sql<number>`count(*)`.as("rows"), sql<number>`sum(value)`.as("sum")])
        .executeTakeFirstOrThrow();
      const expected = fileTotals();
      expect(Number(totals.rows)).toBe(expected.rows);
      expect(Number(totals.sum)).toBeCloseTo(expected.sum, 2);
      // The earlier batch is untouched.
      const earlier = await handle.db.selectFrom("observations").where("indicator_id", "=", "da-incidents").select(["area_code", "value"]).orderBy("area_code").execute();
      expect(earlier.map((r) => r.value)).toEqual([231, 90]);
    } finally {
      await handle.close();
    }
  }, 300_000);
});
