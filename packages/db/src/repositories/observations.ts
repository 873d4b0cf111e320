import type { Kysely } from "kysely";
import type { Database, NewObservation, Observation } from "../schema";
import { bulkInsert, preparedInTransaction } from "./bulk";

/**
 * The one write path for observations: insert or replace by (indicator, area, month), every column
 * (a figure re-sent, or restored by a rollback, gets back exactly what it had), so importing the
 * same figures again changes nothing. A key given twice keeps its last row (PostgreSQL refuses to
 * update one row twice in a statement).
 */
export async function upsertObservations(db: Kysely<Database>, rows: readonly NewObservation[]): Promise<void> {
  const lastByKey = new Map<string, NewObservation>();
  for (const r of rows) lastByKey.set(`${r.indicator_id}|${r.area_code}|${r.month}`, r);
  await bulkInsert(db, "observations", OBSERVATION_COLUMNS, [...lastByKey.values()], {
    onConflict: `on conflict (indicator_id, area_code, month) do update set ${OBSERVATION_COLUMNS.filter((c) => !["indicator_id", "area_code", "month"].includes(c)).map((c) => `${c} = excluded.${c}`).join(", ")}`,
  });
}

/**
 * Observations at keys that hold none yet (an indicator file's created rows, compared inside the
 * same transaction): a plain insert. On SQLite an upsert (`on conflict do update`) with foreign
 * keys on costs about four times as much per row as a plain insert (18 s against 3-5 s for 400,000
 * rows, measured), so the import sends new keys here and held keys to updateObservations.
 */
export async function insertNewObservations(db: Kysely<Database>, rows: readonly NewObservation[]): Promise<void> {
  await bulkInsert(db, "observations", OBSERVATION_COLUMNS, rows);
}

const UPDATED_COLUMNS = ["value", "numerator", "denominator", "survey_n", "status", "note", "batch_id"] as const satisfies readonly (keyof NewObservation)[];

/**
 * Observations at keys already held (an indicator file's revised and restated rows): every column
 * replaced. On SQLite inside a transaction, one prepared update per row; elsewhere the upsert
 * (PostgreSQL's multi-row `on conflict do update` has no such cost).
 */
export async function updateObservations(db: Kysely<Database>, rows: readonly NewObservation[]): Promise<void> {
  const update = preparedInTransaction(db, `update observations set ${UPDATED_COLUMNS.map((c) => `${c} = ?`).join(", ")} where indicator_id = ? and area_code = ? and month = ?`);
  if (!update) return upsertObservations(db, rows);
  for (const r of rows) update.run([r.value, r.numerator ?? null, r.denominator ?? null, r.survey_n ?? null, r.status ?? null, r.note ?? null, r.batch_id, r.indicator_id, r.area_code, r.month]);
}

const OBSERVATION_COLUMNS = ["indicator_id", "area_code", "month", "value", "numerator", "denominator", "survey_n", "status", "note", "batch_id"] as const satisfies readonly (keyof NewObservation)[];

export function observationsFor(
  db: Kysely<Database>,
  query: { indicatorId: string; areaCode: string; from?: string; to?: string },
): Promise<Observation[]> {
  let select = db
    .selectFrom("observations")
    .selectAll()
    .where("indicator_id", "=", query.indicatorId)
    .where("area_code", "=", query.areaCode);
  if (query.from) select = select.where("month", ">=", query.from);
  if (query.to) select = select.where("month", "<=", query.to);
  return select.orderBy("month").execute();
}

/** Every observation for one area, for the overview: one query instead of one per indicator. */
export function observationsForArea(
  db: Kysely<Database>,
  query: { areaCode: string; from: string; to?: string },
): Promise<Observation[]> {
  let select = db
    .selectFrom("observations")
    .selectAll()
    .where("area_code", "=", query.areaCode)
    .where("month", ">=", query.from);
  if (query.to) select = select.where("month", "<=", query.to);
  return select.orderBy("indicator_id").orderBy("month").execute();
}

export async function latestMonthFor(db: Kysely<Database>, indicatorId: string, areaCode: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("observations")
    .select((eb) => eb.fn.max("month").as("latest"))
    .where("indicator_id", "=", indicatorId)
    .where("area_code", "=", areaCode)
    .executeTakeFirst();
  return row?.latest ?? undefined;
}

/** Earliest month held for an indicator in an area (the start of the whole history a trend can reach). */
export async function firstMonthFor(db: Kysely<Database>, indicatorId: string, areaCode: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("observations")
    .select((eb) => eb.fn.min("month").as("first"))
    .where("indicator_id", "=", indicatorId)
    .where("area_code", "=", areaCode)
    .executeTakeFirst();
  return row?.first ?? undefined;
}

/** Latest month held for each indicator in an area. */
export function latestMonthsForArea(db: Kysely<Database>, areaCode: string): Promise<{ indicator_id: string; latest: string }[]> {
  return db
    .selectFrom("observations")
    .select((eb) => ["indicator_id", eb.fn.max("month").as("latest")])
    .where("area_code", "=", areaCode)
    .groupBy("indicator_id")
    .execute() as Promise<{ indicator_id: string; latest: string }[]>;
}

/** How many figures are held, leaving out those of the indicators named (what the asker may not see; a catalogue's worth at most). */
export async function countObservations(db: Kysely<Database>, options: { excluding?: ReadonlySet<string> } = {}): Promise<number> {
  const excluded = [...(options.excluding ?? [])];
  let select = db.selectFrom("observations").select((eb) => eb.fn.countAll<number>().as("n"));
  if (excluded.length > 0) select = select.where("indicator_id", "not in", excluded);
  const row = await select.executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One indicator in one month across many areas: districts of a force, forces of an MSG. */
export function observationsInMonth(db: Kysely<Database>, query: { indicatorId: string; month: string; areaCodes: readonly string[] }): Promise<Observation[]> {
  if (query.areaCodes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("observations")
    .selectAll()
    .where("indicator_id", "=", query.indicatorId)
    .where("month", "=", query.month)
    .where("area_code", "in", [...query.areaCodes])
    .execute();
}

/** Removes the given indicators' figures at each area-month (before a source replaces them). */
export async function deleteObservationsAt(
  db: Kysely<Database>,
  indicatorIds: readonly string[],
  areaMonths: readonly { areaCode: string; month: string }[],
): Promise<void> {
  if (indicatorIds.length === 0) return;
  // On the embedded database inside a transaction: one statement prepared once, run per area-month.
  const prepared = preparedInTransaction(db, `delete from observations where area_code = ? and month = ? and indicator_id in (${indicatorIds.map(() => "?").join(", ")})`);
  if (prepared) {
    for (const { areaCode, month } of areaMonths) prepared.run([areaCode, month].concat(indicatorIds));
    return;
  }
  for (const { areaCode, month } of areaMonths) {
    await db.deleteFrom("observations").where("area_code", "=", areaCode).where("month", "=", month).where("indicator_id", "in", [...indicatorIds]).execute();
  }
}

/** Each month of one indicator held for an area, with the kind of batch that wrote it and when. */
export function reportingMonthsOfForce(db: Kysely<Database>, query: { forceCode: string; indicatorId: string }): Promise<{ month: string; kind: string; imported_at: string }[]> {
  return db
    .selectFrom("observations")
    .innerJoin("import_batches", "import_batches.id", "observations.batch_id")
    .select(["observations.month as month", "import_batches.kind as kind", "import_batches.imported_at as imported_at"])
    .where("observations.indicator_id", "=", query.indicatorId)
    .where("observations.area_code", "=", query.forceCode)
    .orderBy("observations.month")
    .execute();
}

/** One indicator's figures for several areas over a window of months (rolling 12 months, FYTD). */
export function observationsInWindow(db: Kysely<Database>, query: { indicatorId: string; from: string; to: string; areaCodes: readonly string[] }): Promise<Observation[]> {
  if (query.areaCodes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("observations")
    .selectAll()
    .where("indicator_id", "=", query.indicatorId)
    .where("month", ">=", query.from)
    .where("month", "<=", query.to)
    .where("area_code", "in", [...query.areaCodes])
    .orderBy("area_code")
    .orderBy("month")
    .execute();
}

/** Which months each indicator is held in for any of the areas (from a month on, when given). */
export function indicatorMonthsIn(db: Kysely<Database>, query: { areaCodes: readonly string[]; from?: string }): Promise<{ indicator_id: string; month: string }[]> {
  if (query.areaCodes.length === 0) return Promise.resolve([]);
  let select = db.selectFrom("observations").select(["indicator_id", "month"]).distinct().where("area_code", "in", [...query.areaCodes]);
  if (query.from) select = select.where("month", ">=", query.from);
  return select.execute();
}

/** The latest month held for each indicator in each of the areas. */
export function latestMonthsByIndicatorAndArea(db: Kysely<Database>, areaCodes: readonly string[]): Promise<{ indicator_id: string; area_code: string; latest: string }[]> {
  if (areaCodes.length === 0) return Promise.resolve([]);
  return db
    .selectFrom("observations")
    .select((eb) => ["indicator_id", "area_code", eb.fn.max("month").as("latest")])
    .where("area_code", "in", [...areaCodes])
    .groupBy(["indicator_id", "area_code"])
    .execute() as Promise<{ indicator_id: string; area_code: string; latest: string }[]>;
}

/** The one figure held for an indicator, area and month, if any. */
export function observationAt(db: Kysely<Database>, key: { indicatorId: string; areaCode: string; month: string }): Promise<Observation | undefined> {
  return db.selectFrom("observations").selectAll().where("indicator_id", "=", key.indicatorId).where("area_code", "=", key.areaCode).where("month", "=", key.month).executeTakeFirst();
}
