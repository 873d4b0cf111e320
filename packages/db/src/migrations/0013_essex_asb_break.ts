import type { Kysely } from "kysely";

/**
 * The anti-social behaviour series break seeded by 0005 quotes Essex's own figures (3,400–3,800
 * incidents a month in 2018, 950–1,400 in 2024–25): it is Essex's evidence, so it belongs to Essex
 * (E23000028) and, through it, to Essex's districts, not to every force. A force that finds the same
 * change in its own files adds its own note. Only the seeded row is moved, and only if it still
 * applies to every area. Never edit a migration once it has landed: add a new one.
 */
const ID = "seed-police-uk-anti-social-behaviour-2024-01";
const ESSEX = "E23000028";

export async function up(db: Kysely<any>): Promise<void> {
  await db.updateTable("annotations").set({ area_code: ESSEX }).where("id", "=", ID).where("area_code", "is", null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.updateTable("annotations").set({ area_code: null }).where("id", "=", ID).where("area_code", "=", ESSEX).execute();
}
