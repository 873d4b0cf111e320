/**
 * The all-forces monthly count file (police_uk/derived) against the Essex street files: two
 * independent sources that must give the same force-level figures.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORCES } from "@scrutiny/domain";
import { importFiles, type FileImportResult } from "@scrutiny/ingest";
import { shared, tempDir } from "../support/db";
import { ASB, ESSEX, dbWithAreas, expectRejected, observationIndex, observationRows, splitLines, streetFile, writeFile } from "./helpers";

const COUNTS = "police_uk/derived/street_monthly_counts_by_force_crimetype_outcome.csv";
// A CRLF 2018 file with 2011 LSOAs, a 2024 file with many no-location rows, a 2025 file.
const MONTHS = ["2018-01", "2024-03", "2025-06"];

type CountRow = { month: string; force_slug: string; falls_within: string; crime_type: string; last_outcome_category: string; count: string };
const rawCounts = parse(readFileSync(shared(COUNTS)), { columns: true, bom: true }) as CountRow[];

let counts: Awaited<ReturnType<typeof dbWithAreas>>;
let street: Awaited<ReturnType<typeof dbWithAreas>>;
let result: FileImportResult;

beforeAll(async () => {
  counts = await dbWithAreas();
  street = await dbWithAreas();
  [result] = (await importFiles(counts.db, "police-uk-counts", [shared(COUNTS)])) as [FileImportResult];
  await importFiles(street.db, "police-uk-street", MONTHS.map((m) => shared(streetFile(m))));
});
afterAll(async () => {
  await counts?.close();
  await street?.close();
});

describe("police-uk-counts: the all-forces monthly count file", () => {
  it.each(MONTHS)("%s: Essex force-level figures equal those from the Essex street file, indicator by indicator", async (month) => {
    const fromCounts = await observationRows(counts.db, { areaCode: ESSEX, month });
    const fromStreet = await observationRows(street.db, { areaCode: ESSEX, month });
    expect(fromCounts.length).toBeGreaterThanOrEqual(32); // 14 crime types, all crime, 3 outcome groups, solved rates
    expect(fromCounts).toEqual(fromStreet);
  });

  it("holds force-level figures only (no districts) for territorial forces only", async () => {
    const areas = await counts.db.selectFrom("observations").select("area_code").distinct().execute();
    const codes = new Set(FORCES.map((f) => f.code));
    expect(areas.length).toBeGreaterThan(30);
    for (const { area_code } of areas) expect(codes.has(area_code), area_code).toBe(true);
  });

  it("skips the BTP and PSNI rows, and says so", () => {
    const skipped = rawCounts.filter((r) => r.force_slug === "btp" || r.force_slug === "northern-ireland");
    expect(skipped.length).toBe(368);
    expect(result).toMatchObject({ status: "imported", rowsRead: rawCounts.length, rowsAccepted: rawCounts.length - skipped.length });
    expect(result.notes).toEqual([`${skipped.length} rows for forces without a police force area (BTP, PSNI) skipped`]);
  });

  it("every force-month: all crime = sum of non-ASB counts, ASB = the ASB count (independent sums)", async () => {
    const index = await observationIndex(counts.db);
    const bySlug = new Map(FORCES.map((f) => [f.policeUkSlug, f.code]));
    const allCrime = new Map<string, number>();
    const asb = new Map<string, number>();
    for (const r of rawCounts) {
      const code = bySlug.get(r.force_slug);
      if (!code) continue;
      const key = `${code}|${r.month}`;
      const target = r.crime_type === ASB ? asb : allCrime;
      target.set(key, (target.get(key) ?? 0) + Number(r.count));
      if (!allCrime.has(key)) allCrime.set(key, 0);
      if (!asb.has(key)) asb.set(key, 0);
    }
    expect(allCrime.size).toBeGreaterThan(500);
    for (const [key, value] of allCrime) expect(index.get(`police-uk-all-crime|${key}`)?.value, key).toBe(value);
    for (const [key, value] of asb) expect(index.get(`police-uk-anti-social-behaviour|${key}`)?.value, key).toBe(value);
    // Exactly these force-months and no others.
    const months = new Set([...index.values()].filter((o) => o.indicator_id === "police-uk-all-crime").map((o) => `${o.area_code}|${o.month}`));
    expect([...months].sort()).toEqual([...allCrime.keys()].sort());
  });

  it("rejects a bad row with its position and changes nothing", async () => {
    const { header, lines } = splitLines(readFileSync(shared(COUNTS), "utf8"));
    const good = lines.slice(0, 5);
    const bad = good[2]!.split(",");
    bad[5] = "12.5";
    const path = writeFile(tempDir(), "counts-bad.csv", [header, good[0], good[1], bad.join(","), good[3], ""].join("\n"));
    const problems = await expectRejected(
      street.db,
      () => importFiles(street.db, "police-uk-counts", [path]),
      (before, after) => expect(after).toBe(before),
    );
    expect(problems).toEqual([{ file: "counts-bad.csv", line: 4, column: "count", value: "12.5", message: "not a whole number of records" }]);
  });
});
