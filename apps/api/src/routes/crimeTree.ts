import { Hono } from "hono";
import { z } from "zod";
import { COMPARISON_PERIODS } from "@scrutiny/domain";
import type { AppEnv } from "../context";
import { crimeTree } from "../services/crimeTree";
import { validQuery } from "../validation";
import { areaCodeParam, monthParam } from "./schemas";

const CrimeTreeQuery = z.object({ area: areaCodeParam.optional(), month: monthParam.optional(), period: z.enum(COMPARISON_PERIODS).default("month") });

/** GET /api/crime-tree?area=&month=&period=: the hierarchy of crime with counts, shares and changes. */
export const crimeTreeRoutes = new Hono<AppEnv>().get("/", validQuery(CrimeTreeQuery), async (c) => c.json(await crimeTree(c.var.db, { ...c.req.valid("query"), area: c.req.valid("query").area ?? c.var.force })));
