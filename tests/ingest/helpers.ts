/**
 * Helpers shared by the import tests (tests/ingest). Everything here is deliberately independent of
 * the importer's own parsing code: raw files are read with csv-parse `columns: true` and counted
 * here, so a test compares two separate computations of the same figure.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Kysely } from "kysely";
import type { Database } from "@scrutiny/db";
import { importFiles, ImportRejected, type ImportProblem } from "@scrutiny/ingest";
import { AREA_LOOKUP, memoryDb, shared, snapshot } from "../support/db";

export const ESSEX = "E23000028";
export { AREA_LOOKUP };
export const streetFile = (month: string) => `police_uk/essex_street/${month}-essex-street.csv`;

/** The 14 districts of the Essex police force area (12 districts and 2 unitaries), Dec 2023. */
export const ESSEX_DISTRICTS: readonly { code: string; name: string }[] = [
  { code: "E07000066", name: "Basildon" },
  { code: "E07000067", name: "Braintree" },
  { code: "E07000068", name: "Brentwood" },
  { code: "E07000069", name: "Castle Point" },
  { code: "E07000070", name: "Chelmsford" },
  { code: "E07000071", name: "Colchester" },
  { code: "E07000072", name: "Epping Forest" },
  { code: "E07000073", name: "Harlow" },
  { code: "E07000074", name: "Maldon" },
  { code: "E07000075", name: "Rochford" },
  { code: "E07000076", name: "Tendring" },
  { code: "E07000077", name: "Uttlesford" },
  { code: "E06000033", name: "Southend-on-Sea" },
  { code: "E06000034", name: "Thurrock" },
];
export const BASILDON = "E07000066";

/** The 14 police.uk crime types and their indicator slugs, written out here rather than imported. */
export const CRIME_TYPES: readonly { name: string; slug: string }[] = [
  { name: "Anti-social behaviour", slug: "anti-social-behaviour" },
  { name: "Bicycle theft", slug: "bicycle-theft" },
  { name: "Burglary", slug: "burglary" },
  { name: "Criminal damage and arson", slug: "criminal-damage-arson" },
  { name: "Drugs", slug: "drugs" },
  { name: "Other crime", slug: "other-crime" },
  { name: "Other theft", slug: "other-theft" },
  { name: "Possession of weapons", slug: "possession-of-weapons" },
  { name: "Public order", slug: "public-order" },
  { name: "Robbery", slug: "robbery" },
  { name: "Shoplifting", slug: "shoplifting" },
  { name: "Theft from the person", slug: "theft-from-the-person" },
  { name: "Vehicle crime", slug: "vehicle-crime" },
  { name: "Violence and sexual offences", slug: "violent-crime" },
];
export const ASB = "Anti-social behaviour";

/** A fresh in-memory database holding the ONS areas (43 forces, their districts). */
export async function dbWithAreas() {
  const handle = await memoryDb();
  await importFiles(handle.db, "areas", [shared(AREA_LOOKUP)]);
  return handle;
}

/** A raw police.uk street file as csv-parse reads it with `columns: true`. */
export type StreetRow = Record<string, string>;

export function readStreetRows(path: string): StreetRow[] {
  return parse(readFileSync(path), { columns: true, bom: true }) as StreetRow[];
}

/** The Essex district an LSOA name places a row in ("Basildon 012A" → Basildon), or undefined. */
export function essexDistrictOf(row: StreetRow): { code: string; name: string } | undefined {
  const lsoaName = row["LSOA name"] ?? "";
  return ESSEX_DISTRICTS.find((d) => lsoaName.startsWith(`${d.name} `));
}

/** Observation rows without the batch id (which follows the file's checksum), in a stable order. */
export async function observationRows(db: Kysely<Database>, where: { areaCode?: string; month?: string } = {}) {
  let query = db.selectFrom("observations").select(["indicator_id", "area_code", "month", "value", "numerator", "denominator"]);
  if (where.areaCode) query = query.where("area_code", "=", where.areaCode);
  if (where.month) query = query.where("month", "=", where.month);
  return query.orderBy("indicator_id").orderBy("area_code").orderBy("month").execute();
}

/** A map "indicator|area|month" → observation, for direct look-ups. */
export async function observationIndex(db: Kysely<Database>) {
  const rows = await observationRows(db);
  return new Map(rows.map((r) => [`${r.indicator_id}|${r.area_code}|${r.month}`, r]));
}

export async function countRows(db: Kysely<Database>, table: "observations" | "populations" | "import_batches" | "areas"): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Runs an import that must be rejected; returns its problems and proves the database is
 * byte-for-byte the same afterwards.
 */
export async function expectRejected(
  db: Kysely<Database>,
  run: () => Promise<unknown>,
  expectFn: (before: string, after: string) => void,
): Promise<readonly ImportProblem[]> {
  const before = await snapshot(db);
  let problems: readonly ImportProblem[] | undefined;
  try {
    await run();
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    problems = error.problems;
  }
  if (!problems) throw new Error("the import was expected to be rejected but it succeeded");
  expectFn(before, await snapshot(db));
  return problems;
}

/** Writes text (or bytes) to dir/name and returns the path. */
export function writeFile(dir: string, name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/**
 * Splits a police.uk street CSV (no quoted fields, as published) into its header and data lines,
 * whatever the line ending.
 */
export function splitLines(text: string): { header: string; lines: string[] } {
  const all = text.replace(/\r\n/g, "\n").replace(/\n$/, "").split("\n");
  const [header, ...lines] = all;
  return { header: header ?? "", lines };
}
