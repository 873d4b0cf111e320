import { Hono } from "hono";
import { z } from "zod";
import { ESSEX_FORCE_CODE } from "@scrutiny/domain";
import type { AppEnv } from "../context";
import { msgHistory } from "../services/msgHistory";
import { validQuery } from "../validation";
import { areaCodeParam, indicatorIdParam } from "./schemas";

const MsgHistoryQuery = z.object({
  indicator: indicatorIdParam,
  force: areaCodeParam.default(ESSEX_FORCE_CODE),
  average: z.enum(["weighted", "simple"]).default("weighted"),
});

/** The force's Most Similar Group position over every month the indicator is held (mounted at /compare/msg). */
export const msgRoutes = new Hono<AppEnv>().get("/history", validQuery(MsgHistoryQuery), async (c) => c.json(await msgHistory(c.var.db, c.req.valid("query"))));
