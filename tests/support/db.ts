import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import { createDb, migrateToLatest, sharedDataDir, type Database, type ScrutinyDb } from "@scrutiny/db";
import { FORCE_CATALOGUE_FILE, importFiles, importIndicatorCatalogueFile } from "@scrutiny/ingest";

/** A fresh, migrated embedded database in memory. */
export async function memoryDb(): Promise<ScrutinyDb> {
  const handle = createDb({ kind: "sqlite", file: ":memory:" });
  await migrateToLatest(handle.db);
  return handle;
}

/** The ONS lookup of districts, community safety partnerships and police force areas (in ../shared/data). */
export const AREA_LOOKUP = "ons/lookups/LAD23_CSP23_PFA23_lookup_EW.csv";

/**
 * An embedded database file, migrated, holding the areas and the force's indicator catalogue: what
 * a test of the import command line starts from (the command then opens the same file).
 */
export async function sqliteFileWithCatalogue(file: string): Promise<void> {
  const handle = createDb({ kind: "sqlite", file });
  try {
    await migrateToLatest(handle.db);
    await importFiles(handle.db, "areas", [shared(AREA_LOOKUP)]);
    await importIndicatorCatalogueFile(handle.db, FORCE_CATALOGUE_FILE);
  } finally {
    await handle.close();
  }
}

/**
 * A new, empty schema in TEST_DATABASE_URL's database and a URL whose connections work in it (the
 * server, pg_dump and the tests all honour `options=-c search_path=…`), so that test files running
 * side by side do not see each other; `drop()` removes it. The test command starts the server
 * (scripts/test.sh); in CI a missing server is a failure, never a skip.
 */
export async function postgresSchema(prefix: string): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set: run the tests with `npm test`, which starts PostgreSQL");
  const schema = `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = createDb({ kind: "postgres", url: base });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const separator = base.includes("?") ? "&" : "?";
  return {
    schema,
    url: `${base}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: async () => {
      const dropper = createDb({ kind: "postgres", url: base });
      await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(dropper.db);
      await dropper.close();
    },
  };
}

/** A fresh, migrated PostgreSQL database in a schema of its own (postgresSchema), dropped on close. */
export async function postgresDb(): Promise<ScrutinyDb> {
  const place = await postgresSchema("t");
  const handle = createDb({ kind: "postgres", url: place.url });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await place.drop();
    },
  };
}

export const hasPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** Every row of every table, in a stable order: to prove a rejected import changed nothing. */
export async function snapshot(db: Kysely<Database>): Promise<string> {
  const tables = ["areas", "indicators", "import_batches", "observations", "populations", "comparison_groups", "comparison_group_members", "observation_revisions"] as const;
  const parts: string[] = [];
  for (const table of tables) {
    const rows = await db.selectFrom(table).selectAll().execute();
    parts.push(table, ...rows.map((r) => JSON.stringify(r)).sort());
  }
  return parts.join("\n");
}

export function tempDir(prefix = "scrutiny-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export const shared = (path: string) => join(sharedDataDir, path);
export const readShared = (path: string) => readFileSync(shared(path));
