import { bumpDataVersion } from "./dataVersion";
import type { AuditHook } from "./audit";
import type { Kysely } from "kysely";
import type { Annotation, Month } from "@scrutiny/domain";
import type { AnnotationRow, Database } from "../schema";

export function toAnnotation(row: AnnotationRow): Annotation {
  return { id: row.id, indicator: row.indicator_id, area: row.area_code, month: row.month as Month, kind: row.kind, text: row.text, source: row.source };
}

/** An indicator's annotations for one area: those for the area and those for every area. Oldest first. */
export async function annotationsFor(db: Kysely<Database>, query: { indicatorId: string; areaCode?: string | undefined }): Promise<Annotation[]> {
  let select = db.selectFrom("annotations").selectAll().where("indicator_id", "=", query.indicatorId);
  if (query.areaCode) {
    const area = query.areaCode;
    select = select.where((eb) => eb.or([eb("area_code", "is", null), eb("area_code", "=", area)]));
  }
  const rows = await select.orderBy("month").orderBy("id").execute();
  return rows.map(toAnnotation);
}

/** Every annotation for one area (and for every area), for the scorecard: one query. */
export async function annotationsForArea(db: Kysely<Database>, areaCode: string): Promise<Annotation[]> {
  const rows = await db
    .selectFrom("annotations")
    .selectAll()
    .where((eb) => eb.or([eb("area_code", "is", null), eb("area_code", "=", areaCode)]))
    .orderBy("month")
    .execute();
  return rows.map(toAnnotation);
}

/** Adds an annotation and bumps the data version in one transaction: cached answers that show it are rebuilt. */
export async function insertAnnotation(db: Kysely<Database>, annotation: Annotation & { createdBy?: string | null; createdAt: string }, audit?: AuditHook<Annotation>): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto("annotations")
      .values({
        id: annotation.id,
        indicator_id: annotation.indicator,
        area_code: annotation.area,
        month: annotation.month,
        kind: annotation.kind,
        text: annotation.text,
        source: annotation.source,
        created_by: annotation.createdBy ?? null,
        created_at: annotation.createdAt,
      })
      .execute();
    await bumpDataVersion(tx);
    await audit?.(tx, annotation);
  });
}
