import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths } from "@scrutiny/domain";
import type { ScrutinyDb } from "@scrutiny/db";
import { FORCE_CATALOGUE_FILE, importFiles, importIndicatorCatalogueFile, importIndicatorFile, previewIndicatorFile } from "@scrutiny/ingest";
import { memoryDb, shared } from "../support/db";

/**
 * The preview reads a file as the import does (rows checked into columns, the file visited again
 * for the rows it shows, decision 113c): the rows shown, their change and the figure they replace
 * must be exactly those of the file and the database.
 */
const NOW = new Date(Date.UTC(2026, 1, 15, 12, 0));
const DISTRICTS = ["E07000066", "E07000067", "E07000068", "E07000069", "E07000070", "E07000071", "E07000072", "E07000073", "E07000074", "E07000075", "E07000076", "E07000077"];
const MONTHS = Array.from({ length: 120 }, (_, i) => addMonths("2015-01", i));
const HEADER = "indicator,area,month,value,numerator,denominator,survey_n,status,note";
const value = (d: number, m: number) => 100 + ((d * 31 + m * 7) % 300);

/** 1,440 rows (12 districts × 120 months); `edit` may change a row's text by its index. */
function file(name: string, edit: (i: number, line: string) => string = (_, line) => line) {
  const lines = [HEADER];
  DISTRICTS.forEach((area, d) => MONTHS.forEach((month, m) => lines.push(edit(lines.length - 1, `da-incidents,${area},${month},${value(d, m)},,,,final,`))));
  return { fileName: name, bytes: new TextEncoder().encode(lines.join("\n") + "\n") };
}

describe("previewing a long indicator file against what is held", () => {
  let handle: ScrutinyDb;
  beforeAll(async () => {
    handle = await memoryDb();
    await importFiles(handle.db, "areas", [shared("ons/lookups/LAD23_CSP23_PFA23_lookup_EW.csv")]);
    await importIndicatorCatalogueFile(handle.db, FORCE_CATALOGUE_FILE);
    expect((await importIndicatorFile(handle.db, file("history.csv"), { now: NOW })).counts).toEqual({ created: 1440, revised: 0, unchanged: 0 });
  }, 60_000);
  afterAll(() => handle?.close());

  it("shows the revised rows with the figure each replaces, then the first rows, and counts the rest", async () => {
    // Rows 500 and 1,000 revised (value + 1, and a note), row 1,200 a new month instead of a held one.
    const revised = file("revised.csv", (i, line) => {
      const cells = line.split(",");
      if (i === 500 || i === 1000) return [...cells.slice(0, 3), String(Number(cells[3]) + 1), "", "", "", "final", "checked again"].join(",");
      if (i === 1200) return [cells[0], cells[1], "2025-02", ...cells.slice(3)].join(",");
      return line;
    });
    const preview = await previewIndicatorFile(handle.db, revised, { now: NOW });
    expect(preview).toMatchObject({ status: "ready", rowsRead: 1440, blankRows: 0, problemTotal: 0, counts: { created: 1, revised: 2, unchanged: 1437 } });
    // Data rows start on line 2: row i is on line i + 2.
    const at = (line: number) => preview.rows.find((r) => r.line === line);
    const d500 = Math.floor(500 / 120);
    expect(at(502)).toMatchObject({ change: "revised", previous: { value: value(d500, 500 % 120), numerator: null, denominator: null, survey_n: null, status: "final", note: null } });
    expect(at(502)?.cells).toEqual(["da-incidents", DISTRICTS[d500], MONTHS[500 % 120], String(value(d500, 500 % 120) + 1), "", "", "", "final", "checked again"]);
    expect(at(1002)).toMatchObject({ change: "revised", previous: { value: value(8, 1000 % 120), note: null } });
    expect(at(2)).toMatchObject({ change: "unchanged", previous: { value: value(0, 0), status: "final" }, problems: [] });
    // The two revisions and the first rows up to 100 shown, in file order; the rest counted.
    expect(preview.rows.length).toBe(100);
    expect(preview.rows.map((r) => r.line)).toEqual([...Array.from({ length: 98 }, (_, i) => i + 2), 502, 1002]);
    expect(preview.rowsOmitted).toBe(1440 - 100);
  });

  it("names each problem at its line and shows that row as written, with no change", async () => {
    const bad = file("bad.csv", (i, line) => (i === 700 ? line.replace(/,final,$/, ",finished,") : i === 900 ? line.replace("da-incidents", "da-incidnets") : line));
    const preview = await previewIndicatorFile(handle.db, bad, { now: NOW });
    expect(preview.status).toBe("invalid");
    expect(preview.problems.map((p) => [p.line, p.column, p.value])).toEqual([
      [702, "status", "finished"],
      [902, "indicator", "da-incidnets"],
    ]);
    expect(preview.rows.find((r) => r.line === 702)).toMatchObject({ change: null, previous: null, problems: [{ column: "status", message: 'the status must be "provisional", "final" or empty' }] });
    expect(preview.rows.find((r) => r.line === 902)?.cells[0]).toBe("da-incidnets");
    expect(preview.counts).toEqual({ created: 0, revised: 0, unchanged: 0 });
  });

  it("says the same bytes are already imported, and the re-import writes nothing", async () => {
    const preview = await previewIndicatorFile(handle.db, file("history.csv"), { now: NOW });
    expect(preview.status).toBe("already imported");
    expect(preview.counts).toEqual({ created: 0, revised: 0, unchanged: 1440 });
    const again = await importIndicatorFile(handle.db, file("history.csv"), { now: NOW });
    expect(again).toMatchObject({ status: "unchanged", counts: { created: 0, revised: 0, unchanged: 0 } });
  });
});
