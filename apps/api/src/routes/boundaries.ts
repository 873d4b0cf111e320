import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../context";
import { districtBoundaries } from "../services/districts";
import { validQuery } from "../validation";
import { areaCodeParam } from "./schemas";

/** The force's district boundaries for the map (TopoJSON), mounted at /boundaries. */
export const boundaryRoutes = new Hono<AppEnv>().get("/", validQuery(z.object({ force: areaCodeParam.optional() })), async (c) => {
  const topology = await districtBoundaries(c.var.db, c.req.valid("query").force ?? c.var.force);
  // Boundaries change only when the data is rebuilt; a day in the browser's cache is safe.
  c.header("Cache-Control", "public, max-age=86400");
  return c.json(topology);
});
