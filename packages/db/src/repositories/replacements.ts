import type { Kysely } from "kysely";
import type { Database, Observation } from "../schema";
import { preparedInTransaction } from "./bulk";
import { chunks } from "./chunks";

/**
 * What a police.uk batch covers and what it replaced there (migration 0004), so that it can be
 * rolled back: the figures it replaced are put back exactly, source batch included.
 */
export type AreaMonth = { areaCode: string; month: string };

/** The given indicators' figures at each area-month, as held now. */
export async function observationsAt(db: Kysely<Database>, indicatorIds: readonly string[], areaMonths: readonly AreaMonth[]): Promise<Observation[]> {
  const out: Observation[] = [];
  if (indicatorIds.length === 0) return out;
  // On the embedded database inside a transaction: one statement prepared once, run per area-month.
  const prepared = preparedInTransaction(db, `select * from observations where area_code = ? and month = ? and indicator_id in (${indicatorIds.map(() => "?").join(", ")})`);
  if (prepared) {
    const seen = new Set<string>();
    for (const { areaCode, month } of areaMonths) {
      // An area-month named twice gives its rows once, as the query below does.
      if (seen.has(`${areaCode}|${month}`)) continue;
      seen.add(`${areaCode}|${month}`);
      for (const row of prepared.all([areaCode, month].concat(indicatorIds))) out.push(row as Observation);
    }
    return out;
  }
  const monthsByArea = new Map<string, string[]>();
  for (const { areaCode, month } of areaMonths) {
    const list = monthsByArea.get(areaCode) ?? [];
    list.push(month);
    monthsByArea.set(areaCode, list);
  }
  for (const [areaCode, months] of monthsByArea) {
    for (const some of chunks(months, 400)) {
      const rows = await db.selectFrom("observations").selectAll().where("area_code", "=", areaCode).where("month", "in", some).where("indicator_id", "in", [...indicatorIds]).execute();
      for (const row of rows) out.push(row);
    }
  }
  return out;
}

export async function recordReplacement(db: Kysely<Database>, batchId: string, coverage: readonly AreaMonth[], replaced: readonly Observation[]): Promise<void> {
  for (const chunk of chunks(coverage, 1000)) {
    await db.insertInto("batch_coverage").values(chunk.map((c) => ({ batch_id: batchId, area_code: c.areaCode, month: c.month }))).execute();
  }
  for (const chunk of chunks(replaced, 1000)) {
    await db
      .insertInto("replaced_observations")
      .values(
        chunk.map((o) => ({
          batch_id: batchId,
          indicator_id: o.indicator_id,
          area_code: o.area_code,
          month: o.month,
          value: o.value,
          numerator: o.numerator,
          denominator: o.denominator,
          survey_n: o.survey_n,
          status: o.status,
          note: o.note,
          old_batch_id: o.batch_id,
        })),
      )
      .execute();
  }
}

export async function coverageOfBatch(db: Kysely<Database>, batchId: string): Promise<AreaMonth[]> {
  const rows = await db.selectFrom("batch_coverage").select(["area_code", "month"]).where("batch_id", "=", batchId).orderBy("area_code").orderBy("month").execute();
  return rows.map((r) => ({ areaCode: r.area_code, month: r.month }));
}

export async function replacedByBatch(db: Kysely<Database>, batchId: string): Promise<Observation[]> {
  const rows = await db.selectFrom("replaced_observations").selectAll().where("batch_id", "=", batchId).execute();
  return rows.map((r) => ({
    indicator_id: r.indicator_id,
    area_code: r.area_code,
    month: r.month,
    value: r.value,
    numerator: r.numerator,
    denominator: r.denominator,
    survey_n: r.survey_n,
    status: r.status,
    note: r.note,
    batch_id: r.old_batch_id,
  }));
}
