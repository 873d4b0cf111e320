import { sql, type Kysely } from "kysely";
import type { Database, ImportBatch, NewObservationRevision, Observation, ObservationRevision } from "../schema";
import { bulkInsert } from "./bulk";
import { chunks } from "./chunks";

const REVISION_COLUMNS = [
  "batch_id", "indicator_id", "area_code", "month", "change",
  "old_value", "old_numerator", "old_denominator", "old_survey_n", "old_status", "old_note", "old_batch_id",
  "new_value", "new_numerator", "new_denominator", "new_survey_n", "new_status", "new_note",
] as const satisfies readonly (keyof NewObservationRevision)[];

/**
 * Revisions: what each import batch did to each observation it wrote. Plain functions taking the
 * database or a transaction first, so that the caller owns the transaction.
 */
export async function insertRevisions(db: Kysely<Database>, rows: readonly NewObservationRevision[]): Promise<void> {
  await bulkInsert(db, "observation_revisions", REVISION_COLUMNS, rows);
}

/** Every observation of the given indicators: what an indicator file is compared against. */
export async function observationsOfIndicators(db: Kysely<Database>, indicatorIds: readonly string[]): Promise<Observation[]> {
  const out: Observation[] = [];
  for (const ids of chunks(indicatorIds, 500)) {
    for (const row of await db.selectFrom("observations").selectAll().where("indicator_id", "in", ids).execute()) out.push(row);
  }
  return out;
}

/**
 * The observations held for the given indicators at the given months, keyed "indicator|area|month":
 * what an indicator file is compared against. Read by indicator and month (the file's own months
 * only), so a long history of the same indicators is never loaded, and rows are added one by one
 * (no spread of a data-sized array into a call). A key not in the file may be in the map: callers
 * look their own keys up.
 */
export async function observationsAtKeys(
  db: Kysely<Database>,
  keys: Iterable<{ indicatorId: string; month: string }>,
): Promise<Map<string, Observation>> {
  const monthsByIndicator = new Map<string, Set<string>>();
  for (const k of keys) {
    let months = monthsByIndicator.get(k.indicatorId);
    if (!months) monthsByIndicator.set(k.indicatorId, (months = new Set()));
    months.add(k.month);
  }
  const held = new Map<string, Observation>();
  for (const [indicatorId, months] of monthsByIndicator) {
    for (const some of chunks([...months].sort(), 500)) {
      const rows = await db.selectFrom("observations").selectAll().where("indicator_id", "=", indicatorId).where("month", "in", some).execute();
      for (const row of rows) held.set(`${row.indicator_id}|${row.area_code}|${row.month}`, row);
    }
  }
  return held;
}

/**
 * The "created" revision of every observation that names the batch: called right after the batch's
 * new observations are inserted and before any held one is moved to it, so that exactly the
 * created ones name it. One statement inside the database instead of a row sent per figure.
 */
export async function recordCreatedRevisions(db: Kysely<Database>, batchId: string): Promise<void> {
  await db
    .insertInto("observation_revisions")
    .columns(["batch_id", "indicator_id", "area_code", "month", "change", "new_value", "new_numerator", "new_denominator", "new_survey_n", "new_status", "new_note"])
    .expression((eb) =>
      eb
        .selectFrom("observations as o")
        .select(["batch_id", "indicator_id", "area_code", "month", sql<"created">`'created'`.as("change"), "value", "numerator", "denominator", "survey_n", "status", "note"])
        .where("batch_id", "=", batchId),
    )
    .execute();
}

/**
 * The observations held for one indicator in the given months: what an indicator file's rows of
 * that indicator are compared with, one indicator at a time (a long history in other months is
 * never read; only one indicator's figures are in memory at once).
 */
export async function observationsOfIndicatorInMonths(db: Kysely<Database>, indicatorId: string, months: readonly string[]): Promise<Observation[]> {
  const out: Observation[] = [];
  for (const some of chunks([...months].sort(), 500)) {
    const rows = await db.selectFrom("observations").selectAll().where("indicator_id", "=", indicatorId).where("month", "in", some).execute();
    for (const row of rows) out.push(row);
  }
  return out;
}

export interface RevisionWithBatch extends ObservationRevision {
  file_name: string;
  imported_at: string;
  imported_by: string | null;
  batch_status: string;
  rolled_back_at: string | null;
  rolled_back_by: string | null;
}

/** The history of one observation, oldest first: each batch that wrote it, with its file and time. */
export function revisionsOfObservation(
  db: Kysely<Database>,
  key: { indicatorId: string; areaCode: string; month: string },
): Promise<RevisionWithBatch[]> {
  return db
    .selectFrom("observation_revisions as r")
    .innerJoin("import_batches as b", "b.id", "r.batch_id")
    .selectAll("r")
    .select(["b.file_name", "b.imported_at", "b.imported_by", "b.status as batch_status", "b.rolled_back_at", "b.rolled_back_by"])
    .where("r.indicator_id", "=", key.indicatorId)
    .where("r.area_code", "=", key.areaCode)
    .where("r.month", "=", key.month)
    .orderBy("b.imported_at")
    .orderBy("b.id")
    .execute();
}

/** The revisions of one batch, changes first (revised, then created, then unchanged), a page at a time. */
export function revisionsOfBatch(
  db: Kysely<Database>,
  batchId: string,
  page: { changes?: readonly ObservationRevision["change"][]; limit: number; offset?: number },
): Promise<ObservationRevision[]> {
  let query = db.selectFrom("observation_revisions").selectAll().where("batch_id", "=", batchId);
  if (page.changes) query = query.where("change", "in", [...page.changes]);
  return query
    .orderBy(sql`case change when 'revised' then 0 when 'created' then 1 else 2 end`)
    .orderBy("indicator_id")
    .orderBy("area_code")
    .orderBy("month")
    .limit(page.limit)
    .offset(page.offset ?? 0)
    .execute();
}

/** Every revision of one batch, for its rollback. */
export function allRevisionsOfBatch(db: Kysely<Database>, batchId: string): Promise<ObservationRevision[]> {
  return db.selectFrom("observation_revisions").selectAll().where("batch_id", "=", batchId).execute();
}

export type RevisionCounts = Record<ObservationRevision["change"], number>;

/** How many observations each batch created, revised and stated again unchanged. */
export async function revisionCounts(db: Kysely<Database>, batchIds: readonly string[]): Promise<Map<string, RevisionCounts>> {
  const counts = new Map<string, RevisionCounts>(batchIds.map((id) => [id, { created: 0, revised: 0, unchanged: 0 }]));
  for (const ids of chunks(batchIds, 500)) {
    const rows = await db
      .selectFrom("observation_revisions")
      .select((eb) => ["batch_id", "change", eb.fn.countAll<number>().as("n")])
      .where("batch_id", "in", ids)
      .groupBy(["batch_id", "change"])
      .execute();
    for (const row of rows) {
      const entry = counts.get(row.batch_id);
      if (entry) entry[row.change] = Number(row.n);
    }
  }
  return counts;
}

/**
 * Observations a batch wrote that a later batch has since written again (or removed): the batch
 * cannot be rolled back until those are. One row per later batch, with how many values it holds.
 */
export async function rollbackBlockers(db: Kysely<Database>, batchId: string): Promise<{ batch_id: string | null; n: number }[]> {
  const rows = await db
    .selectFrom("observation_revisions as r")
    .leftJoin("observations as o", (join) =>
      join.onRef("o.indicator_id", "=", "r.indicator_id").onRef("o.area_code", "=", "r.area_code").onRef("o.month", "=", "r.month"),
    )
    .select((eb) => ["o.batch_id", eb.fn.countAll<number>().as("n")])
    .where("r.batch_id", "=", batchId)
    .where((eb) => eb.or([eb("o.batch_id", "is", null), eb("o.batch_id", "<>", batchId)]))
    .groupBy("o.batch_id")
    .execute();
  return rows.map((r) => ({ batch_id: r.batch_id, n: Number(r.n) }));
}

export function deleteObservationsOfBatch(db: Kysely<Database>, batchId: string) {
  return db.deleteFrom("observations").where("batch_id", "=", batchId).executeTakeFirst();
}

export function findBatch(db: Kysely<Database>, id: string): Promise<ImportBatch | undefined> {
  return db.selectFrom("import_batches").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listBatchesOfKind(db: Kysely<Database>, kind: string, limit = 200): Promise<ImportBatch[]> {
  return db.selectFrom("import_batches").selectAll().where("kind", "=", kind).orderBy("imported_at", "desc").orderBy("id", "desc").limit(limit).execute();
}

/** The active batch of this kind with these bytes, if any (a rolled-back one does not count). */
export function findActiveBatchByChecksum(db: Kysely<Database>, kind: string, checksum: string): Promise<ImportBatch | undefined> {
  return db.selectFrom("import_batches").selectAll().where("kind", "=", kind).where("checksum", "=", checksum).where("status", "=", "active").executeTakeFirst();
}

/**
 * Marks a batch rolled back. Its checksum gets a suffix so that the same file can be imported
 * again as a new batch (kind and checksum are unique); the sha256 stays readable as its prefix.
 */
export async function markBatchRolledBack(db: Kysely<Database>, batch: ImportBatch, by: string, at: string): Promise<void> {
  await db
    .updateTable("import_batches")
    .set({ status: "rolled back", rolled_back_at: at, rolled_back_by: by, checksum: `${batch.checksum} rolled back ${at}` })
    .where("id", "=", batch.id)
    .execute();
}

/** Batch ids that already exist, to pick a free one for a file imported again after a rollback. */
export async function existingBatchIds(db: Kysely<Database>, prefix: string): Promise<Set<string>> {
  const rows = await db.selectFrom("import_batches").select("id").where("id", "like", `${prefix}%`).execute();
  return new Set(rows.map((r) => r.id));
}
