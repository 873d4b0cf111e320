import { Hono } from "hono";
import { z } from "zod";
import { ESSEX_FORCE_CODE, monthIndex } from "@scrutiny/domain";
import type { AppEnv } from "../context";
import { districtBoundaries, districtIndicators, districtSeries } from "../services/districts";
import { validQuery } from "../validation";
import { areaCodeParam, indicatorIdParam, monthParam } from "./schemas";

const MAX_MONTHS = 120;
const ForceQuery = z.object({ force: areaCodeParam.default(ESSEX_FORCE_CODE) });
const DistrictSeriesQuery = z
  .object({ indicator: indicatorIdParam, force: areaCodeParam.default(ESSEX_FORCE_CODE), from: monthParam.optional(), to: monthParam.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be after to", path: ["from"] })
  .refine((q) => !q.from || !q.to || monthIndex(q.to) - monthIndex(q.from) < MAX_MONTHS, { message: `the range may span at most ${MAX_MONTHS} months`, path: ["from"] });

/**
 * The districts view's own resources, mounted at the API root: district boundaries for the map,
 * and beside /compare/districts the indicators comparable by district and every district's series.
 */
export const districtRoutes = new Hono<AppEnv>()
  .get("/boundaries", validQuery(ForceQuery), async (c) => {
    const topology = await districtBoundaries(c.var.db, c.req.valid("query").force);
    // Boundaries change only when the data is rebuilt; a day in the browser's cache is safe.
    c.header("Cache-Control", "public, max-age=86400");
    return c.json(topology);
  })
  .get("/compare/districts/indicators", validQuery(ForceQuery), async (c) => c.json(await districtIndicators(c.var.db, c.req.valid("query").force, { publishedOnly: !c.var.seesUnpublished })))
  .get("/compare/districts/series", validQuery(DistrictSeriesQuery), async (c) => c.json(await districtSeries(c.var.db, c.req.valid("query"))));
