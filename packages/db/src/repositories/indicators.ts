import type { Kysely } from "kysely";
import { lagMonthsOf, type Indicator } from "@scrutiny/domain";
import type { Database, IndicatorRow } from "../schema";
import { recordAudit } from "./audit";
import { bumpDataVersion } from "./dataVersion";

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
    rolling12Months: row.rolling_12_months === 1,
  };
}

export function toIndicatorRow(indicator: Indicator): Omit<IndicatorRow, "published" | "rolling_12_months"> & { rolling_12_months: number } {
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
    rolling_12_months: indicator.rolling12Months ? 1 : 0,
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
        rolling_12_months: eb.ref("excluded.rolling_12_months"),
      })),
    )
    .execute();
}

/** With `publishedOnly`, what the public may see (decision 110a); otherwise every indicator. */
export async function listIndicators(db: Kysely<Database>, options: { publishedOnly?: boolean } = {}): Promise<Indicator[]> {
  const rows = await db.selectFrom("indicators").selectAll().orderBy("priority").orderBy("name").execute();
  return (options.publishedOnly ? rows.filter(isPublished) : rows).map(toIndicator);
}

/** Sources whose indicators are published until an admin says otherwise: they are public already. */
export const PUBLIC_SOURCES: readonly string[] = ["data.police.uk", "Home Office"];

/** Published: as an admin set it, or, until one has, as its source says (migration 0010). */
export function isPublished(row: Pick<IndicatorRow, "published" | "source">): boolean {
  return row.published === null ? PUBLIC_SOURCES.includes(row.source) : row.published === 1;
}

/** The ids of the indicators the public may not see (nor their figures, annotations or status). */
export async function unpublishedIndicatorIds(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom("indicators").select(["id", "source", "published"]).execute();
  const out = new Set<string>();
  for (const row of rows) if (!isPublished(row)) out.add(row.id);
  return out;
}

/** Every indicator's id with whether it is published, for the catalogue's admin view. */
export async function indicatorPublication(db: Kysely<Database>): Promise<{ id: string; published: boolean }[]> {
  const rows = await db.selectFrom("indicators").select(["id", "source", "published"]).orderBy("id").execute();
  return rows.map((row) => ({ id: row.id, published: isPublished(row) }));
}

/**
 * Publishes or unpublishes one indicator, its audit entry and the data version (answers cached for
 * the public change) in one transaction. Undefined when there is no such indicator.
 */
export async function setIndicatorPublished(db: Kysely<Database>, id: string, published: boolean, actor: string | null): Promise<{ before: boolean; after: boolean } | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("indicators").select(["id", "source", "published"]).where("id", "=", id).executeTakeFirst();
    if (!row) return undefined;
    const before = isPublished(row);
    await trx.updateTable("indicators").set({ published: published ? 1 : 0 }).where("id", "=", id).execute();
    await recordAudit(trx, { actor, action: published ? "indicator.publish" : "indicator.unpublish", subject: id, before: { published: before }, after: { published } });
    await bumpDataVersion(trx);
    return { before, after: published };
  });
}

export async function findIndicator(db: Kysely<Database>, id: string): Promise<Indicator | undefined> {
  const row = await db.selectFrom("indicators").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toIndicator(row);
}
