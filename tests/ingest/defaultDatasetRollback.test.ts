import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultDatasetDir, type ScrutinyDb } from "@scrutiny/db";
import { importFiles, loadDataset, RollbackRefused, rollbackIndicatorBatch } from "@scrutiny/ingest";
import { memoryDb, shared } from "../support/db";
import { BASILDON, ESSEX, observationRows, streetFile } from "./helpers";

/**
 * Issue 13: every police.uk batch rolls back, the default dataset's own included (decision 112c):
 * the dataset carries what its police.uk batches cover and replaced, so rolling back the Essex
 * street file of December 2025 puts back the force figures the all-forces counts file gave that
 * month, and the file imports again afterwards.
 */
const MONTH = "2025-12";
let handle: ScrutinyDb;
let streetBatch: string;

beforeAll(async () => {
  handle = await memoryDb();
  await loadDataset(handle.db, defaultDatasetDir);
  const batch = await handle.db.selectFrom("import_batches").select("id").where("file_name", "=", `${MONTH}-essex-street.csv`).executeTakeFirstOrThrow();
  streetBatch = batch.id;
}, 120_000);
afterAll(() => handle?.close());

const value = async (indicatorId: string, areaCode: string) =>
  (await handle.db.selectFrom("observations").select(["value", "batch_id"]).where("indicator_id", "=", indicatorId).where("area_code", "=", areaCode).where("month", "=", MONTH).executeTakeFirst()) ?? null;

describe("the default dataset's police.uk batches", () => {
  it("carry their coverage and what they replaced", async () => {
    const coverage = await handle.db.selectFrom("batch_coverage").select(["area_code"]).where("batch_id", "=", streetBatch).execute();
    // Essex and its 14 districts, one month.
    expect(coverage.map((c) => c.area_code)).toContain(ESSEX);
    expect(coverage.map((c) => c.area_code)).toContain(BASILDON);
    expect(coverage).toHaveLength(15);
  });

  it("the counts file's batch cannot be rolled back under the street files that replaced its Essex months", async () => {
    const counts = await handle.db.selectFrom("import_batches").select("id").where("kind", "=", "police-uk-counts").executeTakeFirstOrThrow();
    await expect(rollbackIndicatorBatch(handle.db, counts.id)).rejects.toThrow(RollbackRefused);
  });

  it("a street batch of the dataset rolls back to the counts file's figures, and imports again", async () => {
    const replaced = await handle.db.selectFrom("replaced_observations").selectAll().where("batch_id", "=", streetBatch).where("indicator_id", "=", "police-uk-all-crime").where("area_code", "=", ESSEX).executeTakeFirstOrThrow();
    const asImported = await observationRows(handle.db, { month: MONTH });
    const before = await value("police-uk-all-crime", ESSEX);
    expect(before?.batch_id).toBe(streetBatch);
    expect((await value("police-uk-all-crime", BASILDON))?.value).toBeGreaterThan(0);

    const rolled = await rollbackIndicatorBatch(handle.db, streetBatch, { by: "analyst" });
    expect(rolled.restored).toBeGreaterThan(0);
    const after = await value("police-uk-all-crime", ESSEX);
    expect(after).toEqual({ value: replaced.value, batch_id: replaced.old_batch_id });
    expect(replaced.old_batch_id).toMatch(/^police-uk-counts:/);
    // The counts file has no districts: Basildon's month is empty again.
    expect(await value("police-uk-all-crime", BASILDON)).toBeNull();

    const [again] = await importFiles(handle.db, "police-uk-street", [shared(streetFile(MONTH))]);
    expect(again!.status).toBe("imported");
    expect(again!.batchId).toBe(`${streetBatch}-2`);
    expect(await observationRows(handle.db, { month: MONTH })).toEqual(asImported);
  });
});
