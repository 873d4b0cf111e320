import { type Kysely, sql } from "kysely";

/**
 * The force's own monthly indicator files: revisions instead of overwrites, batches that can be
 * rolled back, and each indicator's expected lag for the data-status view.
 * SQLite adds one column per ALTER TABLE statement, hence one statement per column.
 * Never edit a migration once it has landed: add a new one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // Months after a period ends by which its figures are due (see packages/domain/src/freshness.ts).
  await db.schema.alterTable("indicators").addColumn("expected_lag_months", "integer", (c) => c.notNull().defaultTo(1)).execute();

  // Optional fields of the monthly indicator file.
  await db.schema.alterTable("observations").addColumn("survey_n", "double precision").execute();
  await db.schema.alterTable("observations").addColumn("status", "text").execute();
  await db.schema.alterTable("observations").addColumn("note", "text").execute();

  await db.schema.alterTable("import_batches").addColumn("status", "text", (c) => c.notNull().defaultTo("active")).execute();
  await db.schema.alterTable("import_batches").addColumn("imported_by", "text").execute();
  await db.schema.alterTable("import_batches").addColumn("rolled_back_at", "text").execute();
  await db.schema.alterTable("import_batches").addColumn("rolled_back_by", "text").execute();

  // One row per observation a batch wrote: what it held before (null when the batch created it)
  // and what the batch wrote. Rolling a batch back restores the "old" side exactly.
  await db.schema
    .createTable("observation_revisions")
    .addColumn("batch_id", "text", (c) => c.notNull().references("import_batches.id"))
    .addColumn("indicator_id", "text", (c) => c.notNull().references("indicators.id"))
    .addColumn("area_code", "text", (c) => c.notNull().references("areas.code"))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("change", "text", (c) => c.notNull().check(sql`change in ('created', 'revised', 'unchanged')`))
    .addColumn("old_value", "double precision")
    .addColumn("old_numerator", "double precision")
    .addColumn("old_denominator", "double precision")
    .addColumn("old_survey_n", "double precision")
    .addColumn("old_status", "text")
    .addColumn("old_note", "text")
    .addColumn("old_batch_id", "text")
    .addColumn("new_value", "double precision", (c) => c.notNull())
    .addColumn("new_numerator", "double precision")
    .addColumn("new_denominator", "double precision")
    .addColumn("new_survey_n", "double precision")
    .addColumn("new_status", "text")
    .addColumn("new_note", "text")
    .addPrimaryKeyConstraint("observation_revisions_pk", ["batch_id", "indicator_id", "area_code", "month"])
    .execute();
  await db.schema.createIndex("observation_revisions_key").on("observation_revisions").columns(["indicator_id", "area_code", "month"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("observation_revisions").execute();
  for (const column of ["rolled_back_by", "rolled_back_at", "imported_by", "status"]) await db.schema.alterTable("import_batches").dropColumn(column).execute();
  for (const column of ["note", "status", "survey_n"]) await db.schema.alterTable("observations").dropColumn(column).execute();
  await db.schema.alterTable("indicators").dropColumn("expected_lag_months").execute();
}
