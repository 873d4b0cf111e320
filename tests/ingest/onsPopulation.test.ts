/**
 * ONS mid-year population estimates (MYE4): the published workbook and its CSV extract must give
 * the same populations, and force-area totals must equal the PFA file derived from MYE4.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { FORCES } from "@scrutiny/domain";
import { importFiles, type FileImportResult } from "@scrutiny/ingest";
import { memoryDb, shared } from "../support/db";
import { AREA_LOOKUP, ESSEX, ESSEX_DISTRICTS, countRows, dbWithAreas } from "./helpers";

const WORKBOOK = "ons/population/LAD23_Mid_Year_pop_2011_to_2023.xlsx";
const EXTRACT = "ons/population/mye4_population_lad23_2011_2023_wide.csv";
const PFA = "ons/population/pfa23_population_2011_2023_derived_from_mye4.csv";
const YEARS = Array.from({ length: 13 }, (_, i) => 2011 + i);

type PopulationRow = { area_code: string; year: number; value: number };
const populations = async (db: Awaited<ReturnType<typeof dbWithAreas>>["db"]): Promise<PopulationRow[]> =>
  db.selectFrom("populations").select(["area_code", "year", "value"]).orderBy("area_code").orderBy("year").execute();

let fromWorkbook: PopulationRow[];
let fromExtract: PopulationRow[];
let workbookResult: FileImportResult;
let extractResult: FileImportResult;
const extract = parse(readFileSync(shared(EXTRACT)), { columns: true, bom: true }) as Record<string, string>[];
const pfa = parse(readFileSync(shared(PFA)), { columns: true, bom: true }) as Record<string, string>[];

beforeAll(async () => {
  const a = await dbWithAreas();
  const b = await dbWithAreas();
  [workbookResult] = (await importFiles(a.db, "ons-population", [shared(WORKBOOK)])) as [FileImportResult];
  [extractResult] = (await importFiles(b.db, "ons-population", [shared(EXTRACT)])) as [FileImportResult];
  fromWorkbook = await populations(a.db);
  fromExtract = await populations(b.db);
  await a.close();
  await b.close();
});

const lookup = (rows: PopulationRow[], code: string, year: number) => rows.find((r) => r.area_code === code && r.year === year)?.value;

describe("ONS population, MYE4", () => {
  it("the workbook (sheet MYE4) and the CSV extract give identical populations", () => {
    expect(fromWorkbook.length).toBe(fromExtract.length);
    expect(fromWorkbook).toEqual(fromExtract);
    // 318 districts and 43 force areas, 13 mid-years each.
    expect(fromExtract.length).toBe((318 + 43) * 13);
  });

  it("both report the same rows read, accepted and skipped", () => {
    for (const result of [workbookResult, extractResult]) {
      expect(result).toMatchObject({ status: "imported", rowsRead: 357, rowsAccepted: 318, populations: (318 + 43) * 13 });
      expect(result.notes).toEqual(["39 rows for countries, regions and counties skipped"]);
    }
  });

  it.each(ESSEX_DISTRICTS)("$name ($code): every mid-year as published in the extract", ({ code, name }) => {
    const row = extract.find((r) => r.code === code);
    expect(row?.name).toBe(name);
    for (const year of YEARS) expect(lookup(fromExtract, code, year), String(year)).toBe(Number(row![`mid_${year}`]));
  });

  it("Essex: 1,729,141 in 2011 → 1,896,590 in 2023", () => {
    expect(lookup(fromWorkbook, ESSEX, 2011)).toBe(1_729_141);
    expect(lookup(fromWorkbook, ESSEX, 2023)).toBe(1_896_590);
  });

  it.each(FORCES.map((f) => ({ code: f.code, name: f.name })))("$name ($code): force totals equal the derived PFA file, 2011–2023", ({ code }) => {
    const row = pfa.find((r) => r.pfa23cd === code);
    expect(row).toBeDefined();
    for (const year of YEARS) expect(lookup(fromWorkbook, code, year), String(year)).toBe(Number(row![`mid_${year}`]));
  });

  it("the derived PFA file has exactly the 43 force areas", () => {
    expect(pfa.map((r) => r.pfa23cd).sort()).toEqual(FORCES.map((f) => f.code).sort());
  });
});

describe("ONS population imported before the areas", () => {
  // Regression test for a bug found in review (fixed).
  it("importing the population file, then the areas, then the population file again loads the populations", async () => {
    const { db, close } = await memoryDb();
    try {
      // Rejected (preferably) or accepted, the first attempt must not block the second.
      await importFiles(db, "ons-population", [shared(EXTRACT)]).catch((error: unknown) => error);
      await importFiles(db, "areas", [shared(AREA_LOOKUP)]);
      const [second] = await importFiles(db, "ons-population", [shared(EXTRACT)]);
      expect({ second: second!.status, populations: await countRows(db, "populations") }).toEqual({ second: "imported", populations: (318 + 43) * 13 });
    } finally {
      await close();
    }
  });
});
