import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database, ScrutinyDb } from "@scrutiny/db";
import {
  FORCE_CATALOGUE_FILE,
  importFiles,
  importIndicatorCatalogueFile,
  importIndicatorFile,
  indicatorImportHistory,
  observationHistory,
  RollbackRefused,
  rollbackIndicatorBatch,
} from "@scrutiny/ingest";
import { memoryDb, postgresDb, shared, snapshot } from "../support/db";

/**
 * Revisions and rollback on the embedded database and on PostgreSQL: the same files give the
 * same history, and rolling back restores the observations exactly, on both.
 */
const dialects: [string, () => Promise<ScrutinyDb>][] = [
  ["sqlite", memoryDb],
  ["postgres", postgresDb],
];

const HEADER = "indicator,area,month,value,numerator,denominator,survey_n,status,note";
const file = (fileName: string, rows: string[]) => ({ fileName, bytes: new TextEncoder().encode([HEADER, ...rows].join("\n") + "\n") });
const NOW = (minute: number) => new Date(Date.UTC(2026, 1, 15, 12, minute));

const OCTOBER = file("2025-10.csv", [
  "da-incidents,Basildon,2025-10,210,,,,provisional,",
  "da-incidents,Essex,2025-10,2650,,,,provisional,",
  "satisfaction-treatment,Essex,2025-10,90.5,362,400,400,final,survey wave 3",
]);
const OCTOBER_REVISED = file("2025-10-revised.csv", [
  "da-incidents,Basildon,2025-10,214,,,,final,recount",
  "da-incidents,Essex,2025-10,2650,,,,provisional,",
  "satisfaction-treatment,Essex,2025-10,90.5,362,400,400,final,survey wave 3",
  "da-incidents,Harlow,2025-10,98,,,,final,",
]);

async function observations(db: Kysely<Database>): Promise<string> {
  const rows = await db.selectFrom("observations").selectAll().orderBy("indicator_id").orderBy("area_code").orderBy("month").execute();
  return rows.map((r) => JSON.stringify(r)).join("\n");
}

describe.each(dialects)("%s", (_kind, open) => {
  let handle: ScrutinyDb;
  let initial: string;
  let afterOctober: string;
  let octoberBatch: string;
  let revisedBatch: string;

  beforeAll(async () => {
    handle = await open();
    await importFiles(handle.db, "areas", [shared("ons/lookups/LAD23_CSP23_PFA23_lookup_EW.csv")]);
    await importIndicatorCatalogueFile(handle.db, FORCE_CATALOGUE_FILE);
    initial = await observations(handle.db);
  });
  afterAll(() => handle?.close());

  it("imports a file, recording each created value", async () => {
    const result = await importIndicatorFile(handle.db, OCTOBER, { importedBy: "Jo", now: NOW(0) });
    octoberBatch = result.batchId!;
    expect(result.counts).toEqual({ created: 3, revised: 0, unchanged: 0 });
    afterOctober = await observations(handle.db);
    const row = await handle.db.selectFrom("observations").selectAll().where("indicator_id", "=", "satisfaction-treatment").executeTakeFirstOrThrow();
    expect(row).toEqual({ indicator_id: "satisfaction-treatment", area_code: "E23000028", month: "2025-10", value: 90.5, numerator: 362, denominator: 400, survey_n: 400, status: "final", note: "survey wave 3", batch_id: octoberBatch });
  });

  it("records a revision with old and new values, its file and time", async () => {
    const result = await importIndicatorFile(handle.db, OCTOBER_REVISED, { importedBy: "Performance team", now: NOW(5) });
    revisedBatch = result.batchId!;
    expect(result.counts).toEqual({ created: 1, revised: 1, unchanged: 2 });
    const history = await observationHistory(handle.db, { indicatorId: "da-incidents", areaCode: "E07000066", month: "2025-10" });
    expect(history.current).toEqual({ value: 214, numerator: null, denominator: null, survey_n: null, status: "final", note: "recount", batchId: revisedBatch });
    expect(history.revisions.map((r) => ({ change: r.change, old: r.old_value, new: r.new_value, file: r.file_name, at: r.imported_at, by: r.imported_by }))).toEqual([
      { change: "created", old: null, new: 210, file: "2025-10.csv", at: NOW(0).toISOString(), by: "Jo" },
      { change: "revised", old: 210, new: 214, file: "2025-10-revised.csv", at: NOW(5).toISOString(), by: "Performance team" },
    ]);
  });

  it("refuses to roll back the earlier batch and changes nothing", async () => {
    const before = await snapshot(handle.db);
    const error = await rollbackIndicatorBatch(handle.db, octoberBatch).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RollbackRefused);
    expect((error as RollbackRefused).laterBatches).toEqual([{ batchId: revisedBatch, fileName: "2025-10-revised.csv", values: 3 }]);
    expect(await snapshot(handle.db)).toBe(before);
  });

  it("rolls the later batch back to exactly the observations before it", async () => {
    const result = await rollbackIndicatorBatch(handle.db, revisedBatch, { by: "Jo", now: NOW(10) });
    expect(result).toMatchObject({ deleted: 1, restored: 3 });
    expect(await observations(handle.db)).toBe(afterOctober);
    const history = await indicatorImportHistory(handle.db);
    expect(history.map((h) => [h.file, h.status, h.rolledBackBy])).toEqual([
      ["2025-10-revised.csv", "rolled back", "Jo"],
      ["2025-10.csv", "active", null],
    ]);
  });

  it("then rolls the first batch back to the database before any import", async () => {
    await rollbackIndicatorBatch(handle.db, octoberBatch, { now: NOW(11) });
    expect(await observations(handle.db)).toBe(initial);
  });

  it("imports a rolled-back file again as a new batch", async () => {
    const result = await importIndicatorFile(handle.db, OCTOBER_REVISED, { now: NOW(20) });
    expect(result.status).toBe("imported");
    expect(result.batchId).toBe(`${revisedBatch}-2`);
    expect(result.counts).toEqual({ created: 4, revised: 0, unchanged: 0 });
    // ... and the same bytes once more are a no-op.
    const before = await snapshot(handle.db);
    expect((await importIndicatorFile(handle.db, OCTOBER_REVISED, { now: NOW(21) })).status).toBe("unchanged");
    expect(await snapshot(handle.db)).toBe(before);
  });
});
