import type { Kysely } from "kysely";
import type { Database } from "../schema";
import { chunks } from "./chunks";

/**
 * Whole-table reads and writes for the default dataset (packages/ingest/src/defaultDataset.ts),
 * which writes each table out as CSV and loads the files into an empty database.
 */
export function tableRows(db: Kysely<Database>, table: keyof Database, columns: readonly string[], orderBy: readonly string[]): Promise<Record<string, unknown>[]> {
  let query = db.selectFrom(table).select(columns as never);
  for (const column of orderBy) query = query.orderBy(column as never);
  return query.execute() as Promise<Record<string, unknown>[]>;
}

/** Inserts rows as they are, 500 at a time (run it inside the caller's transaction). */
export async function insertTableRows(db: Kysely<Database>, table: keyof Database, rows: readonly Record<string, unknown>[]): Promise<void> {
  for (const chunk of chunks(rows, 500)) await db.insertInto(table).values(chunk as never).execute();
}

/** Whether any area is held (an empty database has none). */
export async function hasAreas(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom("areas").select("code").limit(1).execute()).length > 0;
}
