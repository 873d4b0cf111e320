import type { Kysely } from "kysely";
import type { Area, Database } from "../schema";
import { chunks } from "./chunks";

export async function upsertAreas(db: Kysely<Database>, areas: readonly Area[]): Promise<void> {
  // Forces first: districts reference them.
  const ordered = [...areas].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === "force" ? -1 : 1));
  for (const chunk of chunks(ordered, 500)) {
    await db
      .insertInto("areas")
      .values(chunk)
      .onConflict((oc) =>
        oc.column("code").doUpdateSet((eb) => ({
          name: eb.ref("excluded.name"),
          kind: eb.ref("excluded.kind"),
          parent_code: eb.ref("excluded.parent_code"),
        })),
      )
      .execute();
  }
}

export function listAreas(db: Kysely<Database>): Promise<Area[]> {
  return db.selectFrom("areas").selectAll().orderBy("kind", "desc").orderBy("name").execute();
}

export function findArea(db: Kysely<Database>, code: string): Promise<Area | undefined> {
  return db.selectFrom("areas").selectAll().where("code", "=", code).executeTakeFirst();
}
