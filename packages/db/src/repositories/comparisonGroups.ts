import type { Kysely } from "kysely";
import type { ComparisonGroup, Database } from "../schema";

export interface ComparisonGroupWithMembers extends ComparisonGroup {
  members: string[];
}

export async function upsertComparisonGroup(db: Kysely<Database>, group: ComparisonGroupWithMembers): Promise<void> {
  const { members, ...row } = group;
  await db.deleteFrom("comparison_group_members").where("group_id", "=", row.id).execute();
  await db
    .insertInto("comparison_groups")
    .values(row)
    .onConflict((oc) =>
      oc.column("id").doUpdateSet((eb) => ({
        force_code: eb.ref("excluded.force_code"),
        name: eb.ref("excluded.name"),
        valid_from: eb.ref("excluded.valid_from"),
        valid_to: eb.ref("excluded.valid_to"),
        source: eb.ref("excluded.source"),
      })),
    )
    .execute();
  if (members.length > 0) {
    await db
      .insertInto("comparison_group_members")
      .values(members.map((member_code) => ({ group_id: row.id, member_code })))
      .execute();
  }
}

export async function comparisonGroupsFor(db: Kysely<Database>, forceCode: string): Promise<ComparisonGroupWithMembers[]> {
  const groups = await db.selectFrom("comparison_groups").selectAll().where("force_code", "=", forceCode).orderBy("valid_from").execute();
  const members = await db
    .selectFrom("comparison_group_members")
    .selectAll()
    .where("group_id", "in", groups.length ? groups.map((g) => g.id) : [""])
    .execute();
  return groups.map((g) => ({ ...g, members: members.filter((m) => m.group_id === g.id).map((m) => m.member_code).sort() }));
}
