import { Hono } from "hono";
import { z } from "zod";
import { COMPARISON_PERIODS, ESSEX_FORCE_CODE } from "@scrutiny/domain";
import { compareForces } from "../services/forces";
import type { AppEnv } from "../context";
import { compareDistricts, compareMsg } from "../services/compare";
import { validQuery } from "../validation";
import { areaCodeParam, indicatorIdParam, monthParam } from "./schemas";

const CompareQuery = z.object({ indicator: indicatorIdParam, month: monthParam.optional(), force: areaCodeParam.default(ESSEX_FORCE_CODE) });

const periodParam = z.enum(COMPARISON_PERIODS).default("month");

/** ?forces=E23000028,E23000008: force codes, comma-separated (none = every force area). */
const forcesParam = z
  .string()
  .max(60 * 10)
  .transform((text) => text.split(",").map((s) => s.trim()).filter((s) => s.length > 0))
  .pipe(z.array(areaCodeParam).max(60, { message: "at most 60 forces" }));

const ForcesQuery = CompareQuery.extend({ average: z.enum(["weighted", "simple"]).default("weighted"), period: periodParam, forces: forcesParam.optional() });

export const compareRoutes = new Hono<AppEnv>()
  .get("/districts", validQuery(CompareQuery), async (c) => c.json(await compareDistricts(c.var.db, c.req.valid("query"))))
  .get("/msg", validQuery(CompareQuery.extend({ average: z.enum(["weighted", "simple"]).default("weighted"), period: periodParam })), async (c) =>
    c.json(await compareMsg(c.var.db, c.req.valid("query"))),
  )
  .get("/forces", validQuery(ForcesQuery), async (c) => c.json(await compareForces(c.var.db, c.req.valid("query"))));
