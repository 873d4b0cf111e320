import { bumpDataVersion } from "./dataVersion";
import type { AuditHook } from "./audit";
import type { ExpressionBuilder, Kysely } from "kysely";
import type { Annotation, Month } from "@scrutiny/domain";
import type { AnnotationRow, Database } from "../schema";

export function toAnnotation(row: AnnotationRow): Annotation {
  return { id: row.id, indicator: row.indicator_id, area: row.area_code, month: row.month as Month, kind: row.kind, text: row.text, source: row.source };
}

/**
 * The annotations that apply to an area: those for every area (no area), those for the area, and
 * those for the force it belongs to (a break in a force's recording is a break in its districts).
 */
function appliesTo(eb: ExpressionBuilder<Database, "annotations">, areaCode: string) {
  return eb.or([
    eb("area_code", "is", null),
    eb("area_code", "=", areaCode),
    eb("area_code", "in", eb.selectFrom("areas").select("parent_code").where("code", "=", areaCode).where("parent_code", "is not", null)),
  ]);
}

/** An indicator's annotations for one area (see appliesTo), or for every area when none is named. Oldest first. */
export async function annotationsFor(db: Kysely<Database>, query: { indicatorId: string; areaCode?: string | undefined }): Promise<Annotation[]> {
  let select = db.selectFrom("annotations").selectAll().where("indicator_id", "=", query.indicatorId);
  if (query.areaCode) {
    const area = query.areaCode;
    select = select.where((eb) => appliesTo(eb, area));
  }
  const rows = await select.orderBy("month").orderBy("id").execute();
  return rows.map(toAnnotation);
}

/** Every annotation that applies to one area (see appliesTo), for the scorecard: one query. */
export async function annotationsForArea(db: Kysely<Database>, areaCode: string): Promise<Annotation[]> {
  const rows = await db
    .selectFrom("annotations")
    .selectAll()
    .where((eb) => appliesTo(eb, areaCode))
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
