import type { Kysely } from "kysely";

/**
 * Saved peer groups for comparing forces ("Essex and Durham", "neighbouring forces"): data, not
 * code. Members are force area codes in the order chosen, stored comma-separated (a group is a
 * handful of codes and is always read whole). Never edit a migration once it has landed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("peer_groups")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull().unique())
    .addColumn("members", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("peer_groups").execute();
}
