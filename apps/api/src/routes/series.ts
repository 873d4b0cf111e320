import { Hono } from "hono";
import { z } from "zod";
import { monthIndex } from "@scrutiny/domain";
import type { AppEnv } from "../context";
import { getSeries } from "../services/series";
import { validQuery } from "../validation";
import { areaCodeParam, indicatorIdParam, monthParam } from "./schemas";

const MAX_MONTHS = 600;

export const SeriesQuery = z
  .object({ indicator: indicatorIdParam, area: areaCodeParam, from: monthParam.optional(), to: monthParam.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be after to", path: ["from"] })
  .refine((q) => !q.from || !q.to || monthIndex(q.to) - monthIndex(q.from) < MAX_MONTHS, { message: `the range may span at most ${MAX_MONTHS} months`, path: ["from"] });

export const seriesRoutes = new Hono<AppEnv>().get("/", validQuery(SeriesQuery), async (c) => {
  return c.json(await getSeries(c.var.db, c.req.valid("query")));
});
