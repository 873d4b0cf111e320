import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  comparisonGroupsFor,
  countObservations,
  defaultDatasetDir,
  latestMonthFor,
  listAreas,
  listIndicators,
  observationsFor,
  upsertObservations,
  type ScrutinyDb,
} from "@scrutiny/db";
import { ImportRejected, importFiles, loadDataset } from "@scrutiny/ingest";
import { memoryDb, postgresDb, shared, snapshot } from "../support/db";

/**
 * The same schema, repositories and import pipeline on the embedded database and on PostgreSQL:
 * both must hold the default dataset identically and answer the same queries with the same types.
 */
const dialects: [string, () => Promise<ScrutinyDb>][] = [
  ["sqlite", memoryDb],
  ["postgres", postgresDb],
];

describe.each(dialects)("%s", (kind, open) => {
  let handle: ScrutinyDb;
  beforeAll(async () => {
    handle = await open();
    await loadDataset(handle.db, defaultDatasetDir);
  });
  afterAll(() => handle?.close());

  it("runs the migrations and holds the default dataset", async () => {
    expect(handle.kind).toBe(kind);
    expect(await countObservations(handle.db)).toBe(107_325);
    expect((await listAreas(handle.db)).filter((a) => a.parent_code === "E23000028")).toHaveLength(14);
    expect((await listIndicators(handle.db)).length).toBeGreaterThan(60);
  });

  it("returns numbers as numbers, not strings", async () => {
    const [observation] = await observationsFor(handle.db, { indicatorId: "police-uk-all-crime-solved-rate", areaCode: "E23000028", from: "2025-01", to: "2025-01" });
    expect(typeof observation?.value).toBe("number");
    expect(typeof observation?.numerator).toBe("number");
    expect(typeof (await countObservations(handle.db))).toBe("number");
  });

  it("answers series queries in month order within the range", async () => {
    const rows = await observationsFor(handle.db, { indicatorId: "police-uk-burglary", areaCode: "E07000066", from: "2025-01", to: "2025-04" });
    expect(rows.map((r) => [r.month, r.value])).toEqual([
      ["2025-01", 64],
      ["2025-02", 55],
      ["2025-03", 41],
      ["2025-04", 46],
    ]);
    expect(await latestMonthFor(handle.db, "police-uk-burglary", "E07000066")).toBe("2025-12");
  });

  it("keeps the Most Similar Group as dated data", async () => {
    const [group] = await comparisonGroupsFor(handle.db, "E23000028");
    expect(group).toMatchObject({ valid_from: "2013-10", valid_to: null });
    expect(group?.members).toHaveLength(8);
  });

  it("upserts by indicator, area and month: writing the same row twice leaves one", async () => {
    const before = await countObservations(handle.db);
    const [row] = await observationsFor(handle.db, { indicatorId: "police-uk-burglary", areaCode: "E07000066", from: "2025-01", to: "2025-01" });
    if (!row) throw new Error("fixture missing");
    await upsertObservations(handle.db, [row, row]);
    expect(await countObservations(handle.db)).toBe(before);
  });

  it("leaves the database exactly as it was when an import is rejected", async () => {
    const before = await snapshot(handle.db);
    await expect(importFiles(handle.db, "police-uk-street", [shared("police_uk/essex_street/2025-01-essex-street.csv"), shared("ons/lookups/LAD23_CSP23_PFA23_lookup_EW.csv")])).rejects.toBeInstanceOf(ImportRejected);
    expect(await snapshot(handle.db)).toBe(before);
  });
});
