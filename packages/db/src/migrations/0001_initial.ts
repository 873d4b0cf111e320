import { type Kysely, sql } from "kysely";

// Never edit a migration once it has landed: add a new one.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("areas")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('force', 'district')`))
    .addColumn("parent_code", "text", (c) => c.references("areas.code"))
    .execute();

  await db.schema
    .createTable("indicators")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("unit", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("priority", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("cadence", "text", (c) => c.notNull())
    .addColumn("definition", "text", (c) => c.notNull())
    .addColumn("is_sample", "integer", (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable("import_batches")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("checksum", "text", (c) => c.notNull())
    .addColumn("rows_read", "integer", (c) => c.notNull())
    .addColumn("rows_accepted", "integer", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addUniqueConstraint("import_batches_kind_checksum", ["kind", "checksum"])
    .execute();

  await db.schema
    .createTable("observations")
    .addColumn("indicator_id", "text", (c) => c.notNull().references("indicators.id"))
    .addColumn("area_code", "text", (c) => c.notNull().references("areas.code"))
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("numerator", "double precision")
    .addColumn("denominator", "double precision")
    .addColumn("batch_id", "text", (c) => c.notNull().references("import_batches.id"))
    .addPrimaryKeyConstraint("observations_pk", ["indicator_id", "area_code", "month"])
    .execute();
  await db.schema.createIndex("observations_area_month").on("observations").columns(["area_code", "month"]).execute();
  await db.schema.createIndex("observations_batch").on("observations").column("batch_id").execute();

  await db.schema
    .createTable("populations")
    .addColumn("area_code", "text", (c) => c.notNull().references("areas.code"))
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("batch_id", "text", (c) => c.notNull().references("import_batches.id"))
    .addPrimaryKeyConstraint("populations_pk", ["area_code", "year"])
    .execute();

  await db.schema
    .createTable("comparison_groups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("force_code", "text", (c) => c.notNull().references("areas.code"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_to", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("comparison_group_members")
    .addColumn("group_id", "text", (c) => c.notNull().references("comparison_groups.id"))
    .addColumn("member_code", "text", (c) => c.notNull().references("areas.code"))
    .addPrimaryKeyConstraint("comparison_group_members_pk", ["group_id", "member_code"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    "comparison_group_members",
    "comparison_groups",
    "populations",
    "observations",
    "import_batches",
    "indicators",
    "areas",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
