import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import { createDb, migrateToLatest, sharedDataDir, type Database, type ScrutinyDb } from "@scrutiny/db";

/** A fresh, migrated embedded database in memory. */
export async function memoryDb(): Promise<ScrutinyDb> {
  const handle = createDb({ kind: "sqlite", file: ":memory:" });
  await migrateToLatest(handle.db);
  return handle;
}

/**
 * A fresh, migrated PostgreSQL database: a new schema in TEST_DATABASE_URL's database, so that
 * test files running side by side do not see each other. The test command starts the server
 * (scripts/test.sh); in CI a missing server is a failure, never a skip.
 */
export async function postgresDb(): Promise<ScrutinyDb> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error("TEST_DATABASE_URL is not set: run the tests with `npm test`, which starts PostgreSQL");
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = createDb({ kind: "postgres", url });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const separator = url.includes("?") ? "&" : "?";
  const handle = createDb({ kind: "postgres", url: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}` });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(handle.db);
      await handle.close();
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
