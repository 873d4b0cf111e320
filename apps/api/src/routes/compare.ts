import { Hono } from "hono";
import { z } from "zod";
import { COMPARISON_PERIODS, monthIndex } from "@scrutiny/domain";
import { compareForces } from "../services/forces";
import type { AppEnv } from "../context";
import { compareDistricts, compareMsg } from "../services/compare";
import { districtIndicators, districtSeries } from "../services/districts";
import { msgHistory } from "../services/msgHistory";
import { validQuery } from "../validation";
import { areaCodeParam, indicatorIdParam, monthParam, withForce } from "./schemas";

/** Every comparison, mounted at /compare: districts within the force, the force in its MSG, forces with each other. */

const CompareQuery = z.object({ indicator: indicatorIdParam, month: monthParam.optional(), force: areaCodeParam.optional() });

const periodParam = z.enum(COMPARISON_PERIODS).default("month");
const averageParam = z.enum(["weighted", "simple"]).default("weighted");

/** ?forces=E23000028,E23000008: force codes, comma-separated (none = every force area). */
const forcesParam = z
  .string()
  .max(60 * 10)
  .transform((text) => text.split(",").map((s) => s.trim()).filter((s) => s.length > 0))
  .pipe(z.array(areaCodeParam).max(60, { message: "at most 60 forces" }));

const ForcesQuery = CompareQuery.extend({ average: averageParam, period: periodParam, forces: forcesParam.optional() });

/** The longest window a time chart asks for (the web app's MAX_TREND_MONTHS): the whole history stays reachable. */
const MAX_WINDOW_MONTHS = 600;
const ForceQuery = z.object({ force: areaCodeParam.optional() });
const DistrictSeriesQuery = z
  .object({ indicator: indicatorIdParam, force: areaCodeParam.optional(), from: monthParam.optional(), to: monthParam.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be after to", path: ["from"] })
  .refine((q) => !q.from || !q.to || monthIndex(q.to) - monthIndex(q.from) < MAX_WINDOW_MONTHS, {
    message: `the range may span at most ${MAX_WINDOW_MONTHS} months`,
    path: ["from"],
  });

/** ?from=&to= narrow the months charted (issue 12); without them every month held. */
const MsgHistoryQuery = z
  .object({ indicator: indicatorIdParam, force: areaCodeParam.optional(), average: averageParam, from: monthParam.optional(), to: monthParam.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be after to", path: ["from"] })
  .refine((q) => !q.from || !q.to || monthIndex(q.to) - monthIndex(q.from) < MAX_WINDOW_MONTHS, {
    message: `the range may span at most ${MAX_WINDOW_MONTHS} months`,
    path: ["from"],
  });

/** /compare/districts: one month (or the 12 months / financial year to it, period=) across the force's districts, the indicators held by district, every district's series. */
const districtCompareRoutes = new Hono<AppEnv>()
  .get("/", validQuery(CompareQuery.extend({ period: periodParam })), async (c) => c.json(await compareDistricts(c.var.db, withForce(c.req.valid("query"), c.var.force))))
  .get("/indicators", validQuery(ForceQuery), async (c) => c.json(await districtIndicators(c.var.db, c.req.valid("query").force ?? c.var.force, { publishedOnly: !c.var.seesUnpublished })))
  .get("/series", validQuery(DistrictSeriesQuery), async (c) => c.json(await districtSeries(c.var.db, withForce(c.req.valid("query"), c.var.force))));

/** /compare/msg: the force's Most Similar Group position in one month, and over every month the indicator is held. */
const msgCompareRoutes = new Hono<AppEnv>()
  .get("/", validQuery(CompareQuery.extend({ average: averageParam, period: periodParam })), async (c) => c.json(await compareMsg(c.var.db, withForce(c.req.valid("query"), c.var.force))))
  .get("/history", validQuery(MsgHistoryQuery), async (c) => c.json(await msgHistory(c.var.db, withForce(c.req.valid("query"), c.var.force))));

/** /compare/forces: the force beside every other force area (or a chosen few). */
const forceCompareRoutes = new Hono<AppEnv>().get("/", validQuery(ForcesQuery), async (c) => c.json(await compareForces(c.var.db, withForce(c.req.valid("query"), c.var.force))));

export const compareRoutes = new Hono<AppEnv>().route("/districts", districtCompareRoutes).route("/msg", msgCompareRoutes).route("/forces", forceCompareRoutes);
