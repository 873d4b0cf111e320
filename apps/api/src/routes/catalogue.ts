import { Hono } from "hono";
import { z } from "zod";
import { listAreas, listIndicators, comparisonGroupsFor } from "@scrutiny/db";
import type { AppEnv } from "../context";
import { toAreaSummary } from "../services/series";
import { validQuery } from "../validation";
import { areaCodeParam } from "./schemas";

export const areaRoutes = new Hono<AppEnv>()
  .get("/", validQuery(z.object({ force: areaCodeParam.optional() })), async (c) => {
    const { force } = c.req.valid("query");
    const areas = (await listAreas(c.var.db)).map(toAreaSummary);
    return c.json(force ? areas.filter((a) => a.code === force || a.parentCode === force) : areas);
  });

export const indicatorRoutes = new Hono<AppEnv>().get("/", async (c) => c.json(await listIndicators(c.var.db)));

export const comparisonGroupRoutes = new Hono<AppEnv>().get("/", validQuery(z.object({ force: areaCodeParam })), async (c) =>
  c.json(await comparisonGroupsFor(c.var.db, c.req.valid("query").force)),
);
