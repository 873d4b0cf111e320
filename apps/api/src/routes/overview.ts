import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { getOverview } from "../services/overview";
import { validQuery } from "../validation";
import { areaCodeParam, monthParam } from "./schemas";

/** The scorecard: every indicator for one area and month, mounted at /overview. */
export const overviewRoutes = new Hono<AppEnv>().get("/", validQuery(z.object({ area: areaCodeParam, month: monthParam.optional() })), async (c) => {
  const { area, month } = c.req.valid("query");
  return c.json(await getOverview(c.var.db, area, month, { publishedOnly: !c.var.seesUnpublished }));
});
