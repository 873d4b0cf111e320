import type { Kysely } from "kysely";
import type { Database, ImportBatch, NewImportBatch } from "../schema";

export function findBatchByChecksum(db: Kysely<Database>, kind: string, checksum: string): Promise<ImportBatch | undefined> {
  return db
    .selectFrom("import_batches")
    .selectAll()
    .where("kind", "=", kind)
    .where("checksum", "=", checksum)
    .executeTakeFirst();
}

export async function insertBatches(db: Kysely<Database>, batches: readonly NewImportBatch[]): Promise<void> {
  if (batches.length > 0) await db.insertInto("import_batches").values([...batches]).execute();
}

export function findBatches(db: Kysely<Database>, ids: readonly string[]): Promise<ImportBatch[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom("import_batches").selectAll().where("id", "in", [...ids]).execute();
}
