import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScrutinyDb } from "@scrutiny/db";
import { importFiles, RollbackRefused, rollbackIndicatorBatch } from "@scrutiny/ingest";
import { shared, tempDir } from "../support/db";
import { ASB, BASILDON, dbWithAreas, ESSEX, expectRejected, observationRows, readStreetRows, splitLines, streetFile, writeFile } from "./helpers";

/**
 * Partial and corrected police.uk files (issue 13): a file holding part of a month already held is
 * refused with both counts unless the user asks to replace the month; every police.uk batch rolls
 * back to the figures the month held before; the original file imports again after a rollback.
 */
const MONTH = "2024-03";
const FULL = shared(streetFile(MONTH));
const dir = tempDir("scrutiny-partial-");
const { header, lines } = splitLines(readFileSync(FULL, "utf8"));
const PARTIAL = writeFile(dir, `${MONTH}-essex-street.csv`, [header, ...lines.slice(0, 300)].join("\n") + "\n");
const fullRecords = readStreetRows(FULL).length;

const essexRecords = async (db: ScrutinyDb["db"]) => {
  const rows = await observationRows(db, { areaCode: ESSEX, month: MONTH });
  const value = (id: string) => rows.find((r) => r.indicator_id === id)?.value;
  return (value("police-uk-all-crime") ?? 0) + (value("police-uk-anti-social-behaviour") ?? 0);
};

describe("a partial police.uk file over a month already held", () => {
  let handle: ScrutinyDb;
  let fullBatch: string;
  let monthAsImported: Awaited<ReturnType<typeof observationRows>>;

  beforeAll(async () => {
    handle = await dbWithAreas();
    const [full] = await importFiles(handle.db, "police-uk-street", [FULL]);
    fullBatch = full!.batchId;
    monthAsImported = await observationRows(handle.db, { month: MONTH });
  }, 60_000);
  afterAll(() => handle?.close());

  it("the full file's month holds one record per row of the file", async () => {
    expect(fullRecords).toBeGreaterThan(10_000);
    expect(await essexRecords(handle.db)).toBe(fullRecords);
  });

  it("is refused with both counts, and the month keeps its figures", async () => {
    const problems = await expectRejected(handle.db, () => importFiles(handle.db, "police-uk-street", [PARTIAL]), (before, after) => expect(after).toBe(before));
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain(`only 300 records for Essex in ${MONTH}`);
    expect(problems[0]!.message).toContain(`from ${fullRecords.toLocaleString("en-GB")} records`);
    expect(problems[0]!.message).toContain("--replace");
    expect(await observationRows(handle.db, { month: MONTH })).toEqual(monthAsImported);
  });

  it("replaces the month when asked, then rolls back to exactly the figures held before", async () => {
    const [partial] = await importFiles(handle.db, "police-uk-street", [PARTIAL], { replace: true });
    expect(partial!.status).toBe("imported");
    expect(partial!.notes.join(" ")).toContain("replaced Essex 2024-03 at the user's request");
    expect(await essexRecords(handle.db)).toBe(300);

    // The full batch cannot be rolled back under the partial one that replaced its month.
    await expect(rollbackIndicatorBatch(handle.db, fullBatch)).rejects.toThrow(RollbackRefused);

    const rolled = await rollbackIndicatorBatch(handle.db, partial!.batchId, { by: "analyst" });
    expect(rolled.restored).toBe(monthAsImported.length);
    expect(await observationRows(handle.db, { month: MONTH })).toEqual(monthAsImported);
    const batchOf = await handle.db.selectFrom("observations").select("batch_id").distinct().where("month", "=", MONTH).execute();
    expect(batchOf.map((b) => b.batch_id)).toEqual([fullBatch]);
    await expect(rollbackIndicatorBatch(handle.db, partial!.batchId)).rejects.toThrow(/already rolled back/);
  });

  it("rolls the full batch back (the month was empty before it), and the same file then imports again", async () => {
    const rolled = await rollbackIndicatorBatch(handle.db, fullBatch);
    expect(rolled.restored).toBe(0);
    expect(rolled.deleted).toBe(monthAsImported.length);
    expect(await observationRows(handle.db, { month: MONTH })).toEqual([]);

    const [again] = await importFiles(handle.db, "police-uk-street", [FULL]);
    expect(again!.status).toBe("imported");
    expect(again!.batchId).toBe(`${fullBatch}-2`);
    expect(await observationRows(handle.db, { month: MONTH })).toEqual(monthAsImported);
    const basildonAsb = monthAsImported.find((r) => r.area_code === BASILDON && r.indicator_id === "police-uk-anti-social-behaviour");
    const expectedAsb = readStreetRows(FULL).filter((r) => r["Crime type"] === ASB && (r["LSOA name"] ?? "").startsWith("Basildon ")).length;
    expect(basildonAsb?.value).toBe(expectedAsb);
  });

  it("a file of a month not yet held is not taken for a partial one", async () => {
    const next = writeFile(dir, "2024-04-part.csv", [header, ...splitLines(readFileSync(shared(streetFile("2024-04")), "utf8")).lines.slice(0, 50)].join("\n") + "\n");
    const [result] = await importFiles(handle.db, "police-uk-street", [next]);
    expect(result!.status).toBe("imported");
    expect(result!.notes.join(" ")).not.toContain("replaced");
  });
});
