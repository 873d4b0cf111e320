import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { observationsOfIndicators, type ScrutinyDb } from "@scrutiny/db";
import { FORCE_CATALOGUE_FILE, importFiles, importIndicatorCatalogueFile, importIndicatorFile, previewIndicatorFile } from "@scrutiny/ingest";
import { memoryDb, shared } from "../support/db";

/**
 * A force with years of district figures: the database already holds 200,000 figures for the
 * indicator a file names. Comparing the file with what is held once spread every held row into a
 * call (`out.push(...rows)`) and died with "Maximum call stack size exceeded" past ~125,000.
 */
const HELD = 200_000;
const HEADER = "indicator,area,month,value,numerator,denominator,survey_n,status,note";
const FILE = {
  fileName: "2025-10.csv",
  bytes: new TextEncoder().encode([HEADER, "da-incidents,Basildon,2025-10,210,,,,provisional,", "da-incidents,Essex,2025-10,2650,,,,provisional,"].join("\n") + "\n"),
};
const NOW = new Date(Date.UTC(2026, 1, 15, 12, 0));

describe("an indicator file against a database holding 200,000 of its indicator's figures", () => {
  let handle: ScrutinyDb;

  beforeAll(async () => {
    handle = await memoryDb();
    await importFiles(handle.db, "areas", [shared("ons/lookups/LAD23_CSP23_PFA23_lookup_EW.csv")]);
    await importIndicatorCatalogueFile(handle.db, FORCE_CATALOGUE_FILE);
    await handle.db.insertInto("import_batches").values({ id: "history", kind: "indicators", file_name: "history.csv", checksum: "history", rows_read: HELD, rows_accepted: HELD, imported_at: "2026-01-01T00:00:00.000Z" }).execute();
    // Every area, month after month back from 2025-09, until 200,000 figures are held (one statement).
    await sql`
      with recursive n(i) as (select 0 union all select i + 1 from n where i < 2000),
      months(month) as (select printf('%04d-%02d', 2025 - (i + 3) / 12, 12 - (i + 3) % 12) from n),
      keys as (select a.code, m.month from areas a cross join months m limit ${HELD})
      insert into observations (indicator_id, area_code, month, value, numerator, denominator, batch_id, survey_n, status, note)
      select 'da-incidents', code, month, 7, null, null, 'history', null, 'final', null from keys`.execute(handle.db);
  }, 60_000);
  afterAll(() => handle?.close());

  const held = async () => Number((await handle.db.selectFrom("observations").select((eb) => eb.fn.countAll<number>().as("n")).where("indicator_id", "=", "da-incidents").executeTakeFirstOrThrow()).n);

  it("holds the 200,000 figures, none of them in the file's month", async () => {
    expect(await held()).toBe(HELD);
    const inOctober = await handle.db.selectFrom("observations").select("month").where("month", "=", "2025-10").execute();
    expect(inOctober).toEqual([]);
  });

  it("previews the file: two figures to create", async () => {
    const preview = await previewIndicatorFile(handle.db, FILE, { now: NOW });
    expect(preview.status).toBe("ready");
    expect(preview.counts).toEqual({ created: 2, revised: 0, unchanged: 0 });
  });

  it("imports it, then importing it again changes nothing", async () => {
    const first = await importIndicatorFile(handle.db, FILE, { now: NOW });
    expect(first.status).toBe("imported");
    expect(first.counts).toEqual({ created: 2, revised: 0, unchanged: 0 });
    expect(await held()).toBe(HELD + 2);
    const basildon = await handle.db.selectFrom("observations").select("value").where("area_code", "=", "E07000066").where("month", "=", "2025-10").executeTakeFirstOrThrow();
    expect(basildon.value).toBe(210);

    const again = await importIndicatorFile(handle.db, FILE, { now: NOW });
    expect(again.status).toBe("unchanged");
    expect(await held()).toBe(HELD + 2);
    const preview = await previewIndicatorFile(handle.db, FILE, { now: NOW });
    expect(preview.status).toBe("already imported");
  });

  it("reads every held figure of the indicator in one list (no spread into a call)", async () => {
    const rows = await observationsOfIndicators(handle.db, ["da-incidents"]);
    expect(rows.length).toBe(HELD + 2);
    expect(rows.filter((r) => r.month === "2025-10").map((r) => r.value).sort((a, b) => a - b)).toEqual([210, 2650]);
  });
});
