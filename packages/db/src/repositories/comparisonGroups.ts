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

/** Every force's Most Similar Groups, dated, oldest first (issue 12: comparison groups as data). */
export async function listComparisonGroups(db: Kysely<Database>): Promise<ComparisonGroupWithMembers[]> {
  const groups = await db.selectFrom("comparison_groups").selectAll().orderBy("force_code").orderBy("valid_from").execute();
  const members = await db.selectFrom("comparison_group_members").selectAll().execute();
  const byGroup = new Map<string, string[]>();
  for (const m of members) {
    const list = byGroup.get(m.group_id);
    if (list) list.push(m.member_code);
    else byGroup.set(m.group_id, [m.member_code]);
  }
  return groups.map((g) => ({ ...g, members: (byGroup.get(g.id) ?? []).sort() }));
}

/**
 * A new membership from `valid_from` on: the force's group current then ends the month before
 * (its history is kept, dated); a group already starting that month is replaced.
 */
export async function startComparisonGroup(db: Kysely<Database>, group: ComparisonGroupWithMembers, previousMonth: string): Promise<ComparisonGroupWithMembers[]> {
  const ended: ComparisonGroupWithMembers[] = [];
  for (const existing of await comparisonGroupsFor(db, group.force_code)) {
    if (existing.id === group.id) continue;
    if (existing.valid_from >= group.valid_from) {
      await db.deleteFrom("comparison_group_members").where("group_id", "=", existing.id).execute();
      await db.deleteFrom("comparison_groups").where("id", "=", existing.id).execute();
      ended.push({ ...existing, valid_to: "replaced" });
    } else if (existing.valid_to === null || existing.valid_to >= group.valid_from) {
      await db.updateTable("comparison_groups").set({ valid_to: previousMonth }).where("id", "=", existing.id).execute();
      ended.push({ ...existing, valid_to: previousMonth });
    }
  }
  await upsertComparisonGroup(db, group);
  return ended;
}
