import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Kysely } from "kysely";
import { z } from "zod";
import { CADENCES, DIRECTIONS, PRIORITIES, UNITS, type Indicator } from "@scrutiny/domain";
import { bumpDataVersion, listIndicators, upsertIndicators, type AuditHook, type Database } from "@scrutiny/db";
import { columnKey } from "./csv";
import { ImportRejected, ProblemList } from "./errors";
import { cellText, readIndicatorTable } from "./indicatorFile";
import { notImportableIndicators } from "./indicatorImport";
import { nearestMatch } from "./nearest";

/**
 * The indicator catalogue as a file: the force's own indicators (definition, unit, direction,
 * priority, cadence, expected lag) are added or changed by importing a CSV or .xlsx, not by
 * changing code. `data/catalogue/force-indicators.csv` is the starting catalogue.
 */
export const CATALOGUE_COLUMNS = ["id", "name", "unit", "direction", "priority", "source", "cadence", "expected_lag_months", "definition"] as const;
/** Optional: "yes" when each month's figure is the total of the 12 months to it (migration 0008); "no" when left out. */
export const OPTIONAL_CATALOGUE_COLUMNS = ["rolling_12_months"] as const;
const ALL_CATALOGUE_COLUMNS = [...CATALOGUE_COLUMNS, ...OPTIONAL_CATALOGUE_COLUMNS] as const;
type CatalogueColumn = (typeof ALL_CATALOGUE_COLUMNS)[number];

const enumWithHint = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.string().refine((v): v is T[number] => (values as readonly string[]).includes(v), { message: `${what} must be one of: ${values.join(", ")}` });

const CatalogueRow = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: "the id must be lower-case letters, digits and hyphens, e.g. da-incidents" }),
  name: z.string().min(1, { message: "the name is empty" }).max(200),
  unit: enumWithHint(UNITS, "the unit"),
  direction: enumWithHint(DIRECTIONS, "the direction"),
  priority: enumWithHint(PRIORITIES, "the priority"),
  source: z.string().min(1, { message: "the source is empty" }).max(200),
  cadence: enumWithHint(CADENCES, "the cadence"),
  expected_lag_months: z.string().regex(/^\d{1,2}$/, { message: "the expected lag must be a whole number of months, 0–99" }).transform(Number),
  definition: z.string().min(1, { message: "the definition is empty: say what is counted, in one sentence" }).max(2000),
  rolling_12_months: z
    .string()
    .refine((v) => ["", "yes", "no"].includes(v.toLowerCase()), { message: 'rolling_12_months must be "yes" or "no" (or left empty for no)' })
    .transform((v) => v.toLowerCase() === "yes"),
});

/** Reads and checks a catalogue file; problems name the line, column and value. */
export async function readIndicatorCatalogue(fileName: string, bytes: Uint8Array, problems: ProblemList): Promise<Indicator[]> {
  const table = await readIndicatorTable(fileName, bytes, problems);
  if (!table) return [];
  const keys = table.header.map(columnKey);
  const missing = CATALOGUE_COLUMNS.filter((c) => !keys.includes(c));
  for (const column of missing) problems.add({ line: 1, column, message: `the header has no "${column}" column` });
  keys.forEach((key, i) => {
    if (!(ALL_CATALOGUE_COLUMNS as readonly string[]).includes(key)) {
      const suggestion = nearestMatch(key, ALL_CATALOGUE_COLUMNS);
      problems.add({ line: 1, column: table.header[i] ?? "", value: table.header[i] ?? "", message: `unknown column${suggestion ? `; did you mean "${suggestion}"?` : ""}`, ...(suggestion ? { suggestion } : {}) });
    }
  });
  if (!problems.isEmpty) return [];
  if (table.rows.length === 0) problems.add({ line: 1, message: "the file has a header but no data rows" });
  const builtIn = notImportableIndicators();
  const seen = new Map<string, number>();
  const indicators: Indicator[] = [];
  for (const { line, cells } of table.rows) {
    const record = Object.fromEntries(ALL_CATALOGUE_COLUMNS.map((c) => [c, keys.includes(c) ? cellText(cells[keys.indexOf(c)]).trim() : ""])) as Record<CatalogueColumn, string>;
    const parsed = CatalogueRow.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? "");
        problems.add({ line, column, value: record[column as CatalogueColumn] ?? "", message: issue.message });
      }
      continue;
    }
    const row = parsed.data;
    if (builtIn.has(row.id)) {
      problems.add({ line, column: "id", value: row.id, message: "this id belongs to an indicator the product computes itself; choose another id" });
      continue;
    }
    const first = seen.get(row.id);
    if (first !== undefined) {
      problems.add({ line, column: "id", value: row.id, message: `the id is also on line ${first}` });
      continue;
    }
    seen.set(row.id, line);
    indicators.push({
      id: row.id,
      name: row.name,
      unit: row.unit as Indicator["unit"],
      direction: row.direction as Indicator["direction"],
      priority: row.priority as Indicator["priority"],
      source: row.source,
      cadence: row.cadence as Indicator["cadence"],
      expectedLagMonths: row.expected_lag_months,
      definition: row.definition,
      isSample: false,
      rolling12Months: row.rolling_12_months,
    });
  }
  return indicators;
}

export interface CatalogueImportResult {
  file: string;
  added: number;
  updated: number;
  unchanged: number;
}

/** Adds or updates catalogue entries, all or nothing; observations are untouched. */
export async function importIndicatorCatalogue(
  db: Kysely<Database>,
  input: { fileName: string; bytes: Uint8Array },
  options: { audit?: AuditHook<{ before: readonly Indicator[] }> } = {},
): Promise<CatalogueImportResult> {
  const problems = new ProblemList(input.fileName);
  const indicators = await readIndicatorCatalogue(input.fileName, input.bytes, problems);
  if (!problems.isEmpty) throw new ImportRejected(problems.problems);
  return db.transaction().execute(async (trx) => {
    const before = await listIndicators(trx);
    const held = new Map(before.map((i) => [i.id, i]));
    let added = 0;
    let updated = 0;
    for (const indicator of indicators) {
      const previous = held.get(indicator.id);
      if (!previous) added++;
      else if (JSON.stringify({ ...previous }) !== JSON.stringify({ ...previous, ...indicator })) updated++;
    }
    await upsertIndicators(trx, indicators);
    await bumpDataVersion(trx);
    // The old and new definitions are recorded with the change itself (issue 11).
    await options.audit?.(trx, { before });
    return { file: input.fileName, added, updated, unchanged: indicators.length - added - updated };
  });
}

export async function importIndicatorCatalogueFile(db: Kysely<Database>, path: string): Promise<CatalogueImportResult> {
  return importIndicatorCatalogue(db, { fileName: basename(path), bytes: new Uint8Array(await readFile(path)) });
}
