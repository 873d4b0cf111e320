import { CompiledQuery, sql, type Kysely } from "kysely";
import type { Database } from "../schema";

/**
 * The database's data version: one counter row, bumped in the same transaction as every import,
 * rollback, catalogue change or annotation. Caches of computed answers are keyed by it, so every
 * API process sharing the database sees a change on its next request
 * (docs/decisions/104a-cache-keyed-by-data-version.md). Call it with the transaction that writes.
 */
export async function bumpDataVersion(db: Kysely<Database>): Promise<void> {
  await sql`update data_version set version = version + 1 where id = 1`.execute(db);
}

/**
 * The current data version: a single-row primary-key read, cheap enough for every request. The
 * statement is compiled once (no query builder per request: it is on every cached answer's path).
 */
export async function readDataVersion(db: Kysely<Database>): Promise<number> {
  const result = await db.executeQuery<{ version: number }>(READ_VERSION);
  return Number(result.rows[0]?.version ?? 0);
}

const READ_VERSION = CompiledQuery.raw("select version from data_version where id = 1", []);
