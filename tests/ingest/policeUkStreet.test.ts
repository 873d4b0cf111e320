/**
 * data.police.uk street-level files for Essex, 2025: every figure the importer stores is checked
 * against an independent count of the raw rows (csv-parse `columns: true`, counted here).
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTCOME_GROUPS } from "@scrutiny/domain";
import { importFiles, type FileImportResult } from "@scrutiny/ingest";
import { shared, tempDir } from "../support/db";
import {
  ASB,
  BASILDON,
  CRIME_TYPES,
  ESSEX,
  ESSEX_DISTRICTS,
  countRows,
  dbWithAreas,
  essexDistrictOf,
  observationIndex,
  observationRows,
  readStreetRows,
  splitLines,
  streetFile,
  writeFile,
  type StreetRow,
} from "./helpers";

const MONTHS_2025 = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`);

let handle: Awaited<ReturnType<typeof dbWithAreas>>;
let results: FileImportResult[];
let index: Awaited<ReturnType<typeof observationIndex>>;
const raw = new Map<string, StreetRow[]>();

beforeAll(async () => {
  handle = await dbWithAreas();
  results = await importFiles(handle.db, "police-uk-street", MONTHS_2025.map((m) => shared(streetFile(m))));
  index = await observationIndex(handle.db);
  for (const month of MONTHS_2025) raw.set(month, readStreetRows(shared(streetFile(month))));
});
afterAll(() => handle?.close());

const value = (indicator: string, area: string, month: string) => index.get(`${indicator}|${area}|${month}`)?.value;
const rowsOf = (month: string) => raw.get(month) ?? [];
const isAsb = (r: StreetRow) => r["Crime type"] === ASB;
const noLocation = (r: StreetRow) => r["LSOA code"] === "";
const outsideEssex = (r: StreetRow) => !noLocation(r) && essexDistrictOf(r) === undefined;

describe("police.uk street files, Essex 2025 (12 months)", () => {
  it("imports all 12 files, each with the rows it holds", () => {
    expect(results.map((r) => [r.file, r.status, r.rowsRead])).toEqual(
      MONTHS_2025.map((m) => [`${m}-essex-street.csv`, "imported", rowsOf(m).length]),
    );
    // Essex, its 14 districts, nothing else (rows in Babergh, Redbridge, ... make no district figures).
    const areas = new Set([...index.values()].map((o) => o.area_code));
    expect([...areas].sort()).toEqual([ESSEX, ...ESSEX_DISTRICTS.map((d) => d.code)].sort());
  });

  it.each(MONTHS_2025)("%s: Basildon burglary equals the raw rows with Crime type Burglary in a Basildon LSOA", (month) => {
    const expected = rowsOf(month).filter((r) => r["Crime type"] === "Burglary" && r["LSOA name"]!.startsWith("Basildon ")).length;
    expect(expected).toBeGreaterThan(0);
    expect(value("police-uk-burglary", BASILDON, month)).toBe(expected);
  });

  it.each(MONTHS_2025)("%s: force all crime = non-ASB rows, ASB = ASB rows, and each crime type = its rows", (month) => {
    const rows = rowsOf(month);
    expect(value("police-uk-all-crime", ESSEX, month)).toBe(rows.filter((r) => !isAsb(r)).length);
    expect(value("police-uk-anti-social-behaviour", ESSEX, month)).toBe(rows.filter(isAsb).length);
    for (const type of CRIME_TYPES) {
      expect(value(`police-uk-${type.slug}`, ESSEX, month), type.name).toBe(rows.filter((r) => r["Crime type"] === type.name).length);
    }
  });

  it.each(MONTHS_2025)(
    "%s: every district has every crime type (0 allowed); force = districts + no-location rows + rows outside Essex",
    (month) => {
      const rows = rowsOf(month);
      for (const type of CRIME_TYPES) {
        const ofType = rows.filter((r) => r["Crime type"] === type.name);
        let sumOfDistricts = 0;
        for (const district of ESSEX_DISTRICTS) {
          const stored = value(`police-uk-${type.slug}`, district.code, month);
          const expected = ofType.filter((r) => essexDistrictOf(r)?.code === district.code).length;
          expect(stored, `${district.name} ${type.name}`).toBe(expected);
          sumOfDistricts += expected;
        }
        const force = value(`police-uk-${type.slug}`, ESSEX, month);
        expect(force, type.name).toBe(sumOfDistricts + ofType.filter(noLocation).length + ofType.filter(outsideEssex).length);
      }
      // The file really has rows of both kinds, so the identity above is not trivially true.
      expect(rows.filter(noLocation).length).toBeGreaterThan(0);
      expect(rows.filter(outsideEssex).length).toBeGreaterThan(0);
    },
  );

  it("stores exactly one value per district, crime type and month (14 × 14 × 12), zeros included", async () => {
    const rows = await handle.db
      .selectFrom("observations")
      .select(["indicator_id", "area_code", "month", "value"])
      .where("area_code", "in", ESSEX_DISTRICTS.map((d) => d.code))
      .where("indicator_id", "in", CRIME_TYPES.map((t) => `police-uk-${t.slug}`))
      .execute();
    expect(rows).toHaveLength(14 * 14 * 12);
    expect(new Set(rows.map((r) => `${r.indicator_id}|${r.area_code}|${r.month}`)).size).toBe(14 * 14 * 12);
    expect(rows.filter((r) => r.value === 0).length).toBeGreaterThan(0);
  });

  it("notes the no-location rows and the rows located outside the force area", () => {
    for (const [i, month] of MONTHS_2025.entries()) {
      const rows = rowsOf(month);
      expect(results[i]!.notes).toEqual([
        `months ${month}`,
        `${rows.filter(noLocation).length} rows with no location counted for the force only`,
        `${rows.filter(outsideEssex).length} rows located outside the force area counted for the force only`,
      ]);
    }
  });

  it.each(MONTHS_2025)("%s: exact duplicate rows exist and every copy is counted", (month) => {
    const rows = rowsOf(month);
    const distinct = new Set(rows.map((r) => JSON.stringify(r))).size;
    expect(distinct).toBeLessThan(rows.length);
    const total = CRIME_TYPES.reduce((sum, t) => sum + (value(`police-uk-${t.slug}`, ESSEX, month) ?? Number.NaN), 0);
    expect(total).toBe(rows.length);
  });

  const solvedOf = (rows: StreetRow[]) => rows.filter((r) => OUTCOME_GROUPS[r["Last outcome category"]!] === "solved").length;

  it.each(MONTHS_2025)("%s: solved rates and outcome counts follow the outcome mapping (force and Basildon)", (month) => {
    for (const area of [{ code: ESSEX, rows: rowsOf(month) }, { code: BASILDON, rows: rowsOf(month).filter((r) => essexDistrictOf(r)?.code === BASILDON) }]) {
      const crimes = area.rows.filter((r) => !isAsb(r));
      for (const type of CRIME_TYPES.filter((t) => t.name !== ASB)) {
        const ofType = crimes.filter((r) => r["Crime type"] === type.name);
        const stored = index.get(`police-uk-${type.slug}-solved-rate|${area.code}|${month}`);
        if (ofType.length === 0) {
          expect(stored, `${area.code} ${type.name}`).toBeUndefined();
          continue;
        }
        const solved = solvedOf(ofType);
        expect(stored, `${area.code} ${type.name}`).toMatchObject({ numerator: solved, denominator: ofType.length, value: (100 * solved) / ofType.length });
      }
      const solved = solvedOf(crimes);
      expect(index.get(`police-uk-all-crime-solved-rate|${area.code}|${month}`)).toMatchObject({
        numerator: solved,
        denominator: crimes.length,
        value: (100 * solved) / crimes.length,
      });
      for (const group of ["solved", "not solved", "pending"] as const) {
        const expected = crimes.filter((r) => OUTCOME_GROUPS[r["Last outcome category"]!] === group).length;
        expect(value(`police-uk-all-crime-${group.replace(" ", "-")}`, area.code, month), group).toBe(expected);
      }
      // Every crime row has a mapped outcome: the three groups add up to all crime.
      expect(crimes.every((r) => OUTCOME_GROUPS[r["Last outcome category"]!] !== undefined)).toBe(true);
    }
  });

  it("keeps numerator ≤ denominator and rates within 0–100 for every solved rate", async () => {
    const rates = (await observationRows(handle.db)).filter((o) => o.indicator_id.endsWith("-solved-rate"));
    expect(rates.length).toBeGreaterThan(0);
    for (const o of rates) {
      expect(o.denominator).toBeGreaterThan(0);
      expect(o.numerator!).toBeLessThanOrEqual(o.denominator!);
      expect(o.value).toBe((100 * o.numerator!) / o.denominator!);
    }
  });
});

describe("police.uk street rows picked from a real file (2025-01)", () => {
  // A small file of real rows: a Babergh burglary (outside Essex), a no-location crime, a Basildon
  // ASB row written three times over (exact duplicates) and one Basildon crime.
  const original = readFileSync(shared(streetFile("2025-01")), "utf8");
  const { header, lines } = splitLines(original);
  const rows = readStreetRows(shared(streetFile("2025-01")));
  const pick = (test: (r: StreetRow) => boolean) => {
    const at = rows.findIndex(test);
    if (at === -1) throw new Error("no such row in the 2025-01 file");
    return { line: lines[at]!, row: rows[at]! };
  };
  const babergh = pick((r) => r["LSOA name"]!.startsWith("Babergh ") && r["Crime type"] === "Burglary");
  const nowhere = pick((r) => r["LSOA code"] === "" && ![ASB, "Burglary", "Shoplifting"].includes(r["Crime type"]!));
  const asb = pick((r) => r["LSOA name"]!.startsWith("Basildon ") && r["Crime type"] === ASB);
  const basildonCrime = pick((r) => r["LSOA name"]!.startsWith("Basildon ") && r["Crime type"] === "Shoplifting");

  it("counts each row where it belongs: outside-Essex and no-location rows for the force only, duplicates every time", async () => {
    const { db, close } = await dbWithAreas();
    try {
      const path = writeFile(tempDir(), "picked.csv", [header, babergh.line, nowhere.line, asb.line, asb.line, asb.line, basildonCrime.line, ""].join("\n"));
      const [result] = await importFiles(db, "police-uk-street", [path]);
      expect(result).toMatchObject({ status: "imported", rowsRead: 6, rowsAccepted: 6 });
      expect(result!.notes).toEqual(["months 2025-01", "1 rows with no location counted for the force only", "1 rows located outside the force area counted for the force only"]);
      const obs = await observationIndex(db);
      const get = (indicator: string, area: string) => obs.get(`${indicator}|${area}|2025-01`)?.value;
      const nowhereSlug = CRIME_TYPES.find((t) => t.name === nowhere.row["Crime type"])!.slug;

      expect(get("police-uk-anti-social-behaviour", ESSEX)).toBe(3);
      expect(get("police-uk-anti-social-behaviour", BASILDON)).toBe(3);
      expect(get("police-uk-burglary", ESSEX)).toBe(1);
      expect(get("police-uk-shoplifting", ESSEX)).toBe(1);
      expect(get("police-uk-shoplifting", BASILDON)).toBe(1);
      expect(get(`police-uk-${nowhereSlug}`, ESSEX)).toBe(1);
      expect(get("police-uk-all-crime", ESSEX)).toBe(3);
      expect(get("police-uk-all-crime", BASILDON)).toBe(1);
      // The no-location and Babergh rows are in no district at all.
      for (const d of ESSEX_DISTRICTS) {
        expect(get("police-uk-burglary", d.code), d.name).toBe(0);
        if (d.code !== BASILDON) expect(get("police-uk-all-crime", d.code), d.name).toBe(0);
      }
      const areas = await db.selectFrom("observations").select("area_code").distinct().execute();
      expect(areas.map((a) => a.area_code).sort()).toEqual([ESSEX, ...ESSEX_DISTRICTS.map((d) => d.code)].sort());
      // Force + 14 districts, each with 14 crime types + all crime + 3 outcome groups; solved rates
      // only where there is a denominator: force 3 crime types + all crime, Basildon shoplifting + all crime.
      expect(await countRows(db, "observations")).toBe(15 * 18 + 4 + 2);
    } finally {
      await close();
    }
  });
});

describe("a month imported again from a corrected file", () => {
  // Regression test for a bug found in review (fixed).
  it("every stored solved rate has the stored count of its crime type as its denominator", async () => {
    const { header, lines } = splitLines(readFileSync(shared(streetFile("2025-01")), "utf8"));
    const rows = readStreetRows(shared(streetFile("2025-01")));
    const maldon = rows.findIndex((r) => r["LSOA name"]!.startsWith("Maldon ") && r["Crime type"] === "Vehicle crime");
    const basildon = rows.findIndex((r) => r["LSOA name"]!.startsWith("Basildon ") && r["Crime type"] === "Shoplifting");
    expect(maldon).toBeGreaterThanOrEqual(0);
    expect(basildon).toBeGreaterThanOrEqual(0);
    const dir = tempDir();
    const first = writeFile(dir, "first.csv", [header, lines[maldon], lines[basildon], ""].join("\n"));
    const corrected = writeFile(dir, "corrected.csv", [header, lines[basildon], ""].join("\n"));
    const { db, close } = await dbWithAreas();
    try {
      await importFiles(db, "police-uk-street", [first]);
      // The corrected file holds 1 record where 2 are held: since issue 13 such a file is refused as
      // part of the month unless the user asks to replace the month, as this correction does.
      await importFiles(db, "police-uk-street", [corrected], { replace: true });
      const obs = await observationIndex(db);
      expect(obs.get("police-uk-vehicle-crime|E07000074|2025-01")?.value).toBe(0);
      const contradictions = [...obs.values()]
        .filter((o) => o.indicator_id.endsWith("-solved-rate"))
        .map((o) => {
          const countId = o.indicator_id === "police-uk-all-crime-solved-rate" ? "police-uk-all-crime" : o.indicator_id.replace(/-solved-rate$/, "");
          return { rate: `${o.indicator_id}|${o.area_code}`, denominator: o.denominator, count: obs.get(`${countId}|${o.area_code}|${o.month}`)?.value };
        })
        .filter((c) => c.denominator !== c.count);
      expect(contradictions).toEqual([]);
    } finally {
      await close();
    }
  });
});
