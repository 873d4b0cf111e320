import { Hono } from "hono";
import { z } from "zod";
import { ESSEX_FORCE_CODE } from "@scrutiny/domain";
import type { AppEnv } from "../context";
import { compareDistricts, compareMsg } from "../services/compare";
import { validQuery } from "../validation";
import { areaCodeParam, indicatorIdParam, monthParam } from "./schemas";

const CompareQuery = z.object({ indicator: indicatorIdParam, month: monthParam.optional(), force: areaCodeParam.default(ESSEX_FORCE_CODE) });

export const compareRoutes = new Hono<AppEnv>()
  .get("/districts", validQuery(CompareQuery), async (c) => c.json(await compareDistricts(c.var.db, c.req.valid("query"))))
  .get("/msg", validQuery(CompareQuery.extend({ average: z.enum(["weighted", "simple"]).default("weighted") })), async (c) =>
    c.json(await compareMsg(c.var.db, c.req.valid("query"))),
  );
