import type { Kysely } from "kysely";
import { lagMonthsOf, type Indicator } from "@scrutiny/domain";
import type { Database, IndicatorRow } from "../schema";

export function toIndicator(row: IndicatorRow): Indicator {
  return {
    id: row.id,
    name: row.name,
    unit: row.unit as Indicator["unit"],
    direction: row.direction as Indicator["direction"],
    priority: row.priority as Indicator["priority"],
    source: row.source,
    cadence: row.cadence as Indicator["cadence"],
    definition: row.definition,
    isSample: row.is_sample === 1,
    expectedLagMonths: row.expected_lag_months,
  };
}

export function toIndicatorRow(indicator: Indicator): IndicatorRow {
  return {
    id: indicator.id,
    name: indicator.name,
    unit: indicator.unit,
    direction: indicator.direction,
    priority: indicator.priority,
    source: indicator.source,
    cadence: indicator.cadence,
    definition: indicator.definition,
    is_sample: indicator.isSample ? 1 : 0,
    expected_lag_months: lagMonthsOf(indicator),
  };
}

export async function upsertIndicators(db: Kysely<Database>, indicators: readonly Indicator[]): Promise<void> {
  if (indicators.length === 0) return;
  await db
    .insertInto("indicators")
    .values(indicators.map(toIndicatorRow))
    .onConflict((oc) =>
      oc.column("id").doUpdateSet((eb) => ({
        name: eb.ref("excluded.name"),
        unit: eb.ref("excluded.unit"),
        direction: eb.ref("excluded.direction"),
        priority: eb.ref("excluded.priority"),
        source: eb.ref("excluded.source"),
        cadence: eb.ref("excluded.cadence"),
        definition: eb.ref("excluded.definition"),
        is_sample: eb.ref("excluded.is_sample"),
        expected_lag_months: eb.ref("excluded.expected_lag_months"),
      })),
    )
    .execute();
}

export async function listIndicators(db: Kysely<Database>): Promise<Indicator[]> {
  const rows = await db.selectFrom("indicators").selectAll().orderBy("priority").orderBy("name").execute();
  return rows.map(toIndicator);
}

export async function findIndicator(db: Kysely<Database>, id: string): Promise<Indicator | undefined> {
  const row = await db.selectFrom("indicators").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toIndicator(row);
}
