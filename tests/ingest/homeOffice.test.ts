/**
 * Home Office police recorded crime by police force area (rolling 12-month totals, quarterly).
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORCES } from "@scrutiny/domain";
import { importFiles, type FileImportResult } from "@scrutiny/ingest";
import { shared, tempDir } from "../support/db";
import { ESSEX, dbWithAreas, expectRejected, observationIndex, splitLines, writeFile } from "./helpers";

const FILE = "home_office/rec-crime-pfa.csv";
const PERIOD = "12 months ending";
const TOTAL = "Rolling year total number of offences";
const NOT_FORCE_AREAS = ["Action Fraud", "CIFAS", "UK Finance", "British Transport Police"];
const slug = (offence: string) => `ho-${offence.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-$/, "")}`;

type RecRow = Record<string, string>;
const raw = parse(readFileSync(shared(FILE)), { columns: true, bom: true }) as RecRow[];
/** "31-12-2018" → "2018-12", written independently of the importer. */
const monthOf = (date: string) => `${date.slice(6, 10)}-${date.slice(3, 5)}`;

let handle: Awaited<ReturnType<typeof dbWithAreas>>;
let result: FileImportResult;
let index: Awaited<ReturnType<typeof observationIndex>>;

beforeAll(async () => {
  handle = await dbWithAreas();
  [result] = (await importFiles(handle.db, "home-office-recorded-crime", [shared(FILE)])) as [FileImportResult];
  index = await observationIndex(handle.db);
});
afterAll(() => handle?.close());

const value = (indicator: string, area: string, month: string) => index.get(`${indicator}|${area}|${month}`)?.value;

describe("Home Office recorded crime by PFA", () => {
  // Essex, 12 months ending 31 December 2018, as published.
  it.each([
    ["All other theft offences", 13579],
    ["Bicycle theft", 2254],
    ["Criminal damage and arson", 15910],
    ["Death or serious injury caused by illegal driving", 42],
    ["Domestic burglary", 0],
    ["Drug offences", 3743],
    ["Homicide", 13],
    ["Miscellaneous crimes against society", 3285],
    ["Non-domestic burglary", 0],
    ["Non-residential burglary", 3468],
    ["Possession of weapons offences", 2099],
    ["Public order offences", 12222],
    ["Residential burglary", 8808],
    ["Robbery", 1667],
    ["Sexual offences", 4003],
    ["Shoplifting", 10721],
    ["Stalking and harassment", 18166],
    ["Theft from the person", 1529],
    ["Vehicle offences", 15204],
    ["Violence with injury", 14316],
    ["Violence without injury", 20074],
  ] as const)("Essex, year ending Dec 2018: %s = %i (month key 2018-12)", (offence, expected) => {
    expect(value(slug(offence), ESSEX, "2018-12")).toBe(expected);
  });

  it("Essex, year ending Dec 2018: all crime excl. fraud = 151103, the sum of its offence rows", () => {
    expect(value("ho-all-crime-excl-fraud", ESSEX, "2018-12")).toBe(151_103);
  });

  it("every force and quarter: all crime excl. fraud = the sum of the non-fraud offence rows", () => {
    const sums = new Map<string, number>();
    const codeOf = new Map(FORCES.map((f) => [f.homeOfficeName, f.code]));
    for (const r of raw) {
      const code = codeOf.get(r.PFA!);
      if (!code || r.Offence === "Fraud offences") continue;
      const key = `${code}|${monthOf(r[PERIOD]!)}`;
      sums.set(key, (sums.get(key) ?? 0) + Number(r[TOTAL]));
    }
    const periods = new Set(raw.map((r) => r[PERIOD])).size;
    expect(periods).toBe(52); // period ends from 31-03-2003 to 31-12-2018
    expect(sums.size).toBe(43 * periods);
    for (const [key, sum] of sums) expect(index.get(`ho-all-crime-excl-fraud|${key}`)?.value, key).toBe(sum);
    const stored = [...index.values()].filter((o) => o.indicator_id === "ho-all-crime-excl-fraud");
    expect(stored).toHaveLength(sums.size);
  });

  it("every force-area row is stored as published under its offence, force and month", () => {
    const codeOf = new Map(FORCES.map((f) => [f.homeOfficeName, f.code]));
    let checked = 0;
    for (const r of raw) {
      const code = codeOf.get(r.PFA!);
      if (!code) continue;
      expect(value(slug(r.Offence!), code, monthOf(r[PERIOD]!)), `${r.PFA} ${r[PERIOD]} ${r.Offence}`).toBe(Number(r[TOTAL]));
      checked++;
    }
    expect(checked).toBe(result.rowsAccepted);
  });

  it("skips Action Fraud, CIFAS, UK Finance and BTP and says so; every PFA name is known", () => {
    const skipped = raw.filter((r) => NOT_FORCE_AREAS.includes(r.PFA!)).length;
    expect(skipped).toBe(1147);
    expect(result).toMatchObject({ status: "imported", rowsRead: raw.length, rowsAccepted: raw.length - skipped });
    expect(result.notes[0]).toBe(`${skipped} rows for bodies that are not force areas (Action Fraud, CIFAS, UK Finance, BTP) skipped`);
    const areas = new Set([...index.values()].map((o) => o.area_code));
    expect([...areas].sort()).toEqual(FORCES.map((f) => f.code).sort());
  });

  it("keeps negative published totals (reclassifications) and counts them in the notes", () => {
    const negative = raw.filter((r) => r[TOTAL]!.startsWith("-") && !NOT_FORCE_AREAS.includes(r.PFA!));
    expect(negative.length).toBeGreaterThan(0);
    expect(result.notes[1]).toBe(`${negative.length} negative totals kept as published (reclassifications)`);
    // e.g. Cheshire, 12 months ending 30-06-2007: death or serious injury by illegal driving, -1.
    expect(value(slug("Death or serious injury caused by illegal driving"), "E23000006", "2007-06")).toBe(-1);
    expect(value(slug("Fraud offences"), ESSEX, "2013-12")).toBe(-22);
  });

  it('stores "30-12-2017" (a published quirk) under 2017-12', () => {
    expect(raw.some((r) => r[PERIOD] === "30-12-2017" && r.PFA === "Essex")).toBe(true);
    expect(value(slug("Residential burglary"), ESSEX, "2017-12")).toBe(7046);
  });
});

describe("Home Office recorded crime: bad dates", () => {
  const { header, lines } = splitLines(readFileSync(shared(FILE), "utf8"));
  const essexDec2018 = lines.filter((l) => l.startsWith("31-12-2018,Essex,"));

  it.each(["2018-12-31", "31/12/2018", "31-13-2018", "31-00-2018", "Dec 2018", ""])('a period end of "%s" is reported with its line and nothing changes', async (date) => {
    const rows = [...essexDec2018.slice(0, 5)];
    rows[2] = rows[2]!.replace(/^[^,]*/, date);
    const path = writeFile(tempDir(), "rec-crime-bad-date.csv", [header, ...rows, ""].join("\n"));
    const { db, close } = await dbWithAreas();
    try {
      const problems = await expectRejected(
        db,
        () => importFiles(db, "home-office-recorded-crime", [path]),
        (before, after) => expect(after).toBe(before),
      );
      expect(problems).toEqual([{ file: "rec-crime-bad-date.csv", line: 4, column: PERIOD, value: date, message: "not a date in the form DD-MM-YYYY" }]);
    } finally {
      await close();
    }
  });
});
