import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { bumpDataVersion, countObservations, hasAreas, insertTableRows, repoRoot, tableRows, type Database, type MeetingCycleTables } from "@scrutiny/db";
import { ESSEX_FORCE_CODE } from "@scrutiny/domain";
import { csvParser, csvStringifier } from "./csv";
import { importFiles, importMostSimilarGroups, importSampleSeries, type ImportKind } from "./pipeline";
import { importIndicatorCatalogueFile } from "./indicatorCatalogue";

/**
 * The default dataset is the database the import pipeline builds from ../shared/data, written out
 * table by table as CSV under data/ (diffable, reviewable) and loaded into an empty database on
 * first start. Column lists are explicit so the files do not depend on a dialect's column order.
 */
const TABLES = {
  areas: { columns: ["code", "name", "kind", "parent_code"], numeric: [] },
  indicators: { columns: ["id", "name", "unit", "direction", "priority", "source", "cadence", "definition", "is_sample", "expected_lag_months", "rolling_12_months"], numeric: ["is_sample", "expected_lag_months", "rolling_12_months"] },
  // imported_at stays last: tests/data compares the batches without their import times.
  import_batches: {
    columns: ["id", "kind", "file_name", "checksum", "rows_read", "rows_accepted", "status", "imported_by", "rolled_back_at", "rolled_back_by", "imported_at"],
    numeric: ["rows_read", "rows_accepted"],
  },
  observations: {
    columns: ["indicator_id", "area_code", "month", "value", "numerator", "denominator", "batch_id", "survey_n", "status", "note"],
    numeric: ["value", "numerator", "denominator", "survey_n"],
  },
  observation_revisions: {
    columns: [
      "batch_id", "indicator_id", "area_code", "month", "change",
      "old_value", "old_numerator", "old_denominator", "old_survey_n", "old_status", "old_note", "old_batch_id",
      "new_value", "new_numerator", "new_denominator", "new_survey_n", "new_status", "new_note",
    ],
    numeric: ["old_value", "old_numerator", "old_denominator", "old_survey_n", "new_value", "new_numerator", "new_denominator", "new_survey_n"],
  },
  populations: { columns: ["area_code", "year", "value", "batch_id"], numeric: ["year", "value"] },
  // What the dataset's own police.uk batches cover and replaced (decision 112c): they roll back too.
  batch_coverage: { columns: ["batch_id", "area_code", "month"], numeric: [] },
  replaced_observations: {
    columns: ["batch_id", "indicator_id", "area_code", "month", "value", "numerator", "denominator", "survey_n", "status", "note", "old_batch_id"],
    numeric: ["value", "numerator", "denominator", "survey_n"],
  },
  comparison_groups: { columns: ["id", "force_code", "name", "valid_from", "valid_to", "source"], numeric: [] },
  comparison_group_members: { columns: ["group_id", "member_code"], numeric: [] },
} as const satisfies Record<Exclude<keyof Database, NotInDataset>, { columns: readonly string[]; numeric: readonly string[] }>;

/**
 * Tables the dataset does not carry: the data version belongs to each database. (What police.uk
 * batches cover and replaced is carried since issue 13, so the dataset's own batches roll back.)
 */
type NotInDataset = MeetingCycleTables | "data_version" | "annotations" | "peer_groups" | "accounts" | "sessions" | "audit_log";
// annotations are not in data/default either: migration 0005 seeds the breaks the sources document,
// and analysts' own annotations are theirs, not part of the public dataset.
// peer_groups (migration 0007) holds what users save, not published data: not part of the dataset.
// Accounts, sessions and the audit log belong to an installation, never to the shipped dataset.
// The meeting cycle's tables (migration 0006) hold what the office writes: not part of the dataset.

type TableName = keyof typeof TABLES;
const LOAD_ORDER: readonly TableName[] = ["areas", "indicators", "import_batches", "observations", "observation_revisions", "populations", "batch_coverage", "replaced_observations", "comparison_groups", "comparison_group_members"];

const ORDER_BY: Record<TableName, readonly string[]> = {
  areas: ["kind", "code"],
  indicators: ["id"],
  import_batches: ["kind", "file_name"],
  observations: ["indicator_id", "area_code", "month"],
  observation_revisions: ["batch_id", "indicator_id", "area_code", "month"],
  populations: ["area_code", "year"],
  batch_coverage: ["batch_id", "area_code", "month"],
  replaced_observations: ["batch_id", "indicator_id", "area_code", "month", "old_batch_id"],
  comparison_groups: ["id"],
  comparison_group_members: ["group_id", "member_code"],
};

export async function exportDataset(db: Kysely<Database>, directory: string): Promise<Record<TableName, number>> {
  await mkdir(directory, { recursive: true });
  const counts = {} as Record<TableName, number>;
  const { stringify } = csvStringifier();
  for (const table of LOAD_ORDER) {
    const { columns } = TABLES[table];
    const rows = await tableRows(db, table, columns, ORDER_BY[table]);
    const text = stringify(rows.map((r) => columns.map((c) => formatCell(r[c]))), { header: true, columns: [...columns], record_delimiter: "\n" });
    await writeFile(join(directory, `${table}.csv`), text);
    counts[table] = rows.length;
  }
  return counts;
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  // Shortest round-trip form: rates such as 33.33333333333333 come back identical.
  return typeof value === "number" ? String(value) : String(value);
}

/** Loads the default dataset into an empty database in one transaction. */
export async function loadDataset(db: Kysely<Database>, directory: string): Promise<Record<TableName, number>> {
  const counts = {} as Record<TableName, number>;
  const tables: [TableName, Record<string, unknown>[]][] = [];
  const { parse } = csvParser();
  for (const table of LOAD_ORDER) {
    const { numeric } = TABLES[table];
    const text = await readFile(join(directory, `${table}.csv`), "utf8");
    const records = parse(text, { columns: true }) as Record<string, string>[];
    const rows = records.map((record) => {
      const row: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(record)) {
        row[key] = value === "" ? null : (numeric as readonly string[]).includes(key) ? Number(value) : value;
      }
      return row;
    });
    tables.push([table, rows]);
    counts[table] = rows.length;
  }
  await db.transaction().execute(async (trx) => {
    for (const [table, rows] of tables) await insertTableRows(trx, table, rows);
    await bumpDataVersion(trx);
  });
  return counts;
}

/** Seeds an empty database with the default dataset; leaves a database that has data alone. */
export async function seedIfEmpty(db: Kysely<Database>, directory: string): Promise<boolean> {
  if ((await hasAreas(db)) || (await countObservations(db)) > 0) return false;
  await loadDataset(db, directory);
  return true;
}

/** The raw public files the default dataset is built from, in import order (areas first). */
export const DEFAULT_DATASET_SOURCES: readonly (readonly [ImportKind, string])[] = [
  ["areas", "ons/lookups/LAD23_CSP23_PFA23_lookup_EW.csv"],
  ["ons-population", "ons/population/LAD23_Mid_Year_pop_2011_to_2023.xlsx"],
  ["police-uk-counts", "police_uk/derived/street_monthly_counts_by_force_crimetype_outcome.csv"],
  ["police-uk-street", "police_uk/essex_street"],
  ["police-uk-street", "police_uk/peers_street"],
  ["home-office-recorded-crime", "home_office/rec-crime-pfa.csv"],
];

/**
 * Builds the default dataset into an empty, migrated database with the import pipeline: the same
 * code path a scrutiny officer's import takes, so data/ is exactly what the pipeline produces.
 */
export async function buildDefaultDataset(db: Kysely<Database>, sharedDataDir: string, log: (line: string) => void = () => {}): Promise<void> {
  for (const [kind, path] of DEFAULT_DATASET_SOURCES) {
    const started = performance.now();
    const results = await importFiles(db, kind, [join(sharedDataDir, path)]);
    const observations = results.reduce((n, r) => n + r.observations, 0);
    log(`${kind} ${path}: ${results.length} files, ${observations} observations (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  await importMostSimilarGroups(db);
  const sample = await importSampleSeries(db, ESSEX_FORCE_CODE);
  log(`sample series: ${sample.observations} observations`);
  // The force's own indicators: catalogue entries only, their figures come from its monthly files.
  const catalogue = await importIndicatorCatalogueFile(db, FORCE_CATALOGUE_FILE);
  log(`force indicator catalogue: ${catalogue.added} indicators`);
}

/** The starting catalogue of force-supplied indicators (edit it, or import another catalogue file). */
export const FORCE_CATALOGUE_FILE = join(repoRoot, "data", "catalogue", "force-indicators.csv");
