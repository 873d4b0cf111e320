import type { Kysely } from "kysely";
import type { Database, NewPopulation, Population } from "../schema";
import { chunks } from "./chunks";

export async function upsertPopulations(db: Kysely<Database>, rows: readonly NewPopulation[]): Promise<void> {
  const lastByKey = new Map(rows.map((r) => [`${r.area_code}|${r.year}`, r]));
  for (const chunk of chunks([...lastByKey.values()], 1000)) {
    await db
      .insertInto("populations")
      .values(chunk)
      .onConflict((oc) =>
        oc.columns(["area_code", "year"]).doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          batch_id: eb.ref("excluded.batch_id"),
        })),
      )
      .execute();
  }
}

export function populationsFor(db: Kysely<Database>, areaCodes: readonly string[]): Promise<Population[]> {
  if (areaCodes.length === 0) return Promise.resolve([]);
  return db.selectFrom("populations").selectAll().where("area_code", "in", [...areaCodes]).orderBy("year").execute();
}
