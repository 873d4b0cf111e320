import type { Kysely } from "kysely";
import type { Database } from "../schema";

export interface PeerGroup {
  id: string;
  name: string;
  /** Force area codes, in the order chosen. */
  members: string[];
  createdBy: string;
  createdAt: string;
}

function toPeerGroup(row: { id: string; name: string; members: string; created_by: string; created_at: string }): PeerGroup {
  return { id: row.id, name: row.name, members: row.members.split(",").filter((m) => m.length > 0), createdBy: row.created_by, createdAt: row.created_at };
}

export async function listPeerGroups(db: Kysely<Database>): Promise<PeerGroup[]> {
  return (await db.selectFrom("peer_groups").selectAll().orderBy("name").execute()).map(toPeerGroup);
}

export async function findPeerGroupByName(db: Kysely<Database>, name: string): Promise<PeerGroup | undefined> {
  const row = await db.selectFrom("peer_groups").selectAll().where("name", "=", name).executeTakeFirst();
  return row ? toPeerGroup(row) : undefined;
}

export async function insertPeerGroup(db: Kysely<Database>, group: PeerGroup): Promise<void> {
  await db
    .insertInto("peer_groups")
    .values({ id: group.id, name: group.name, members: group.members.join(","), created_by: group.createdBy, created_at: group.createdAt })
    .execute();
}
