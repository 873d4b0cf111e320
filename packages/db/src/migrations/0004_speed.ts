import { type Kysely, sql } from "kysely";

/**
 * Issue 13: the data version every cache is keyed by, and what a police.uk batch replaced so that
 * it can be rolled back like an indicator batch. Never edit a migration once it has landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One row: bumped in the same transaction as every import, rollback and catalogue change.
  await db.schema
    .createTable("data_version")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await sql`insert into data_version (id, version) values (1, 1)`.execute(db);

  // The area-months a police.uk batch covers: every police.uk figure there is the batch's.
  await db.schema
    .createTable("batch_coverage")
    .addColumn("batch_id", "text", (c) => c.notNull().references("import_batches.id"))
    .addColumn("area_code", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("batch_coverage_pk", ["batch_id", "area_code", "month"])
    .execute();

  // Every figure a police.uk batch replaced at those area-months, exactly as held before it
  // (source batch included): a rollback puts these back.
  await db.schema
    .createTable("replaced_observations")
    .addColumn("batch_id", "text", (c) => c.notNull().references("import_batches.id"))
    .addColumn("indicator_id", "text", (c) => c.notNull())
    .addColumn("area_code", "text", (c) => c.notNull())
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("numerator", "double precision")
    .addColumn("denominator", "double precision")
    .addColumn("survey_n", "double precision")
    .addColumn("status", "text")
    .addColumn("note", "text")
    .addColumn("old_batch_id", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("replaced_observations_batch").on("replaced_observations").column("batch_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("replaced_observations").execute();
  await db.schema.dropTable("batch_coverage").execute();
  await db.schema.dropTable("data_version").execute();
}
