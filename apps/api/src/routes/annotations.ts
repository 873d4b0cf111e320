import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import { ANNOTATION_KINDS, type Annotation } from "@scrutiny/domain";
import { annotationsFor, insertAnnotation, recordAudit } from "@scrutiny/db";
import type { AppEnv } from "../context";
import { requireArea, requireIndicator } from "../services/series";
import { validJson, validQuery } from "../validation";
import { areaCodeParam, indicatorIdParam, monthParam } from "./schemas";

/**
 * Annotations on an indicator: dated notes and series breaks (METHODS.md "Reporting month and
 * breaks"). GET lists an indicator's annotations for an area (those for every area included);
 * POST adds one. A break makes comparisons across it "not comparable" and rebases SPC.
 * State-changing requests carry `X-Scrutiny-Csrf: 1` (the guard is added app-wide).
 */
export const AnnotationBody = z.object({
  indicator: indicatorIdParam,
  area: areaCodeParam.nullable().optional(),
  month: monthParam,
  kind: z.enum(ANNOTATION_KINDS, { message: 'must be "note" or "break"' }),
  text: z.string().trim().min(3, { message: "must say what happened (3 characters or more)" }).max(1000, { message: "must be at most 1,000 characters" }),
  source: z.string().trim().min(2, { message: "must name where the fact comes from" }).max(500, { message: "must be at most 500 characters" }),
});

const validBody = validJson(AnnotationBody);

export const annotationRoutes = new Hono<AppEnv>()
  .get("/", validQuery(z.object({ indicator: indicatorIdParam, area: areaCodeParam.optional() })), async (c) => {
    const { indicator, area } = c.req.valid("query");
    await requireIndicator(c.var.db, indicator);
    if (area) await requireArea(c.var.db, area);
    return c.json(await annotationsFor(c.var.db, { indicatorId: indicator, areaCode: area }));
  })
  .post("/", validBody, async (c) => {
    const body = c.req.valid("json");
    await requireIndicator(c.var.db, body.indicator);
    if (body.area) await requireArea(c.var.db, body.area);
    const annotation: Annotation = { id: randomUUID(), indicator: body.indicator, area: body.area ?? null, month: body.month, kind: body.kind, text: body.text, source: body.source };
    // The name recorded is the signed-in user's (the local user in local mode), never a typed one.
    await insertAnnotation(c.var.db, { ...annotation, createdBy: c.var.user.name, createdAt: new Date().toISOString() }, (trx) =>
      recordAudit(trx, { actor: c.var.user.name, action: "annotation.add", subject: annotation.id, after: annotation }),
    );
    return c.json(annotation, 201);
  });
