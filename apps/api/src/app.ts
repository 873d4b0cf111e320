import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { compress } from "hono/compress";
import { requestId } from "hono/request-id";
import type { Kysely } from "kysely";
import { countObservations, type Database } from "@scrutiny/db";
import type { AppEnv } from "./context";
import { errorResponse, NotFoundError } from "./errors";
import { areaRoutes, comparisonGroupRoutes, indicatorRoutes, overviewRoutes } from "./routes/catalogue";
import { seriesRoutes } from "./routes/series";
import { compareRoutes } from "./routes/compare";
import { importRoutes } from "./routes/imports";
import { districtRoutes } from "./routes/districts";
import { msgRoutes } from "./routes/msg";
import { actionRoutes, meetingRoutes, questionRoutes } from "./routes/meetings";

/** The API, chained so that `typeof api` carries every route's types to the web client. */
export function createApi(db: Kysely<Database>, databaseKind: string) {
  return new Hono<AppEnv>()
    .use(requestId())
    .use(compress())
    .use(async (c, next) => {
      c.set("db", db);
      await next();
    })
    .get("/health", async (c) => c.json({ status: "ok" as const, database: databaseKind, observations: await countObservations(db) }))
    .route("/areas", areaRoutes)
    .route("/indicators", indicatorRoutes)
    .route("/overview", overviewRoutes)
    .route("/series", seriesRoutes)
    .route("/comparison-groups", comparisonGroupRoutes)
    .route("/compare", compareRoutes)
    .route("/imports", importRoutes)
    .route("/", districtRoutes)
    .route("/compare/msg", msgRoutes)
    .route("/meetings", meetingRoutes)
    .route("/questions", questionRoutes)
    .route("/actions", actionRoutes)
    .onError(errorResponse);
}

export type Api = ReturnType<typeof createApi>;

/**
 * The whole server: the API under /api and, when a built dashboard is given, its files with the
 * dashboard's index.html for every other path (the dashboard routes in the browser).
 */
export function createApp(db: Kysely<Database>, databaseKind: string, options: { webDir?: string } = {}) {
  const app = new Hono().route("/api", createApi(db, databaseKind));
  const { webDir } = options;
  if (webDir) {
    const root = relative(process.cwd(), webDir) || ".";
    app.use("/assets/*", serveStatic({ root, onFound: (_path, c) => c.header("Cache-Control", "public, max-age=31536000, immutable") }));
    app.use("*", serveStatic({ root }));
  }
  app.notFound(async (c) => {
    if (c.req.path.startsWith("/api/") || !webDir) return errorResponse(new NotFoundError(`No route ${c.req.method} ${c.req.path}`), c);
    return c.html(await readFile(join(webDir, "index.html"), "utf8"));
  });
  app.onError(errorResponse);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
