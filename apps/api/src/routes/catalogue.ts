import { Hono } from "hono";
import { z } from "zod";
import { listAreas, listIndicators, indicatorPublication, setIndicatorPublished } from "@scrutiny/db";
import type { AppEnv } from "../context";
import { toAreaSummary } from "../services/series";
import { NotFoundError } from "../errors";
import { validJson, validQuery } from "../validation";
import { areaCodeParam, indicatorIdParam } from "./schemas";

export const areaRoutes = new Hono<AppEnv>()
  .get("/", validQuery(z.object({ force: areaCodeParam.optional() })), async (c) => {
    const { force } = c.req.valid("query");
    const areas = (await listAreas(c.var.db)).map(toAreaSummary);
    return c.json(force ? areas.filter((a) => a.code === force || a.parentCode === force) : areas);
  });

/** The catalogue, each with whether it is published; the public sees the published ones only. */
export const indicatorRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const [indicators, publication] = await Promise.all([listIndicators(c.var.db, { publishedOnly: !c.var.seesUnpublished }), indicatorPublication(c.var.db)]);
    const published = new Map(publication.map((p) => [p.id, p.published]));
    return c.json(indicators.map((i) => ({ ...i, published: published.get(i.id) ?? false })));
  })
  // An admin publishes or unpublishes (audited with old and new, decision 110a).
  .put("/:id/published", validJson(z.object({ published: z.boolean() })), async (c) => {
    const id = c.req.param("id");
    const result = indicatorIdParam.safeParse(id).success ? await setIndicatorPublished(c.var.db, id, c.req.valid("json").published, c.var.user.name) : undefined;
    if (!result) throw new NotFoundError(`No indicator with id "${id}"`);
    return c.json({ id, published: result.after });
  });
