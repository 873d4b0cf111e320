import { sql, type Kysely } from "kysely";

/**
 * Whether an indicator's figure at a month is a rolling 12-month total (issue 8): a catalogue
 * column, no longer guessed from the id prefix "ho-" or "rolling 12 months" in the name, so
 * renaming an indicator cannot change which population year it is divided by. Existing rows are
 * backfilled by the rule the code used until now; from here on the catalogue, the indicator-file
 * import and the default dataset set it.
 * Never edit a migration once it has landed: add a new one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("indicators").addColumn("rolling_12_months", "integer", (c) => c.notNull().defaultTo(0)).execute();
  await db
    .updateTable("indicators")
    .set({ rolling_12_months: 1 })
    .where((eb) => eb.or([eb("id", "like", "ho-%"), eb(sql`lower(name)`, "like", "%rolling 12 months%")]))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("indicators").dropColumn("rolling_12_months").execute();
}
