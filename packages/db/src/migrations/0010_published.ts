import type { Kysely } from "kysely";

/**
 * Published or not (issue 11). An indicator's `published` is null until an admin decides: then
 * it follows its source (the public data.police.uk and Home Office series are published, the
 * force's own and the sample series are not; docs/decisions/110a-published-by-source.md), so rows
 * written by any path (default dataset, catalogue import) get the right default with no extra step.
 * A briefing pack is unpublished until an admin publishes it.
 * Never edit a migration once it has landed: add a new one.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("indicators").addColumn("published", "integer").execute();
  await db.schema.alterTable("meeting_packs").addColumn("published", "integer", (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("meeting_packs").dropColumn("published").execute();
  await db.schema.alterTable("indicators").dropColumn("published").execute();
}
