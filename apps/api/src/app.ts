import { readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono, type MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { requestId } from "hono/request-id";
import type { Kysely } from "kysely";
import { countObservations, type Database } from "@scrutiny/db";
import type { AppEnv } from "./context";
import { createAnswerCache } from "./answerCache";
import { errorResponse, NotFoundError } from "./errors";
import { areaRoutes, comparisonGroupRoutes, indicatorRoutes, overviewRoutes } from "./routes/catalogue";
import { seriesRoutes } from "./routes/series";
import { compareRoutes } from "./routes/compare";
import { importRoutes } from "./routes/imports";
import { districtRoutes } from "./routes/districts";
import { msgRoutes } from "./routes/msg";

/** The API, chained so that `typeof api` carries every route's types to the web client. */
export function createApi(db: Kysely<Database>, databaseKind: string) {
  const answers = createAnswerCache();
  return new Hono<AppEnv>()
    .use(requestId())
    .use(compress())
    .use(async (c, next) => {
      c.set("db", db);
      await next();
    })
    // Computed answers, once per data version (docs/decisions/104a-cache-keyed-by-data-version.md).
    .use("/overview", answers.middleware)
    .use("/series", answers.middleware)
    .use("/compare/*", answers.middleware)
    .use("/imports/status", answers.middleware)
    .use("/indicators", answers.middleware)
    .use("/areas", answers.middleware)
    .use("/comparison-groups", answers.middleware)
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
    // Source maps are never public (the build keeps them out of dist; refuse any left there).
    app.get("*", async (c, next) => (c.req.path.endsWith(".map") ? errorResponse(new NotFoundError(`No route ${c.req.method} ${c.req.path}`), c) : next()));
    // Built files: the .br or .gz written at build time when the browser accepts it (decision 104c).
    // Hashed assets never change under their name; everything else is asked about every time.
    app.use("/assets/*", withHeaders(serveStatic({ root, precompressed: true }), "public, max-age=31536000, immutable"));
    const staticFile = withHeaders(serveStatic({ root, precompressed: true }), "no-cache");
    app.use("*", async (c, next) => (c.req.path.startsWith("/api/") ? next() : staticFile(c, next)));
    // Every other path is a dashboard route: its index.html, never cached without asking.
    const indexHtml = withHeaders(serveStatic({ root, path: "index.html", precompressed: true }), "no-cache");
    app.notFound(async (c) => {
      if (c.req.path.startsWith("/api/") || (c.req.method !== "GET" && c.req.method !== "HEAD")) return errorResponse(new NotFoundError(`No route ${c.req.method} ${c.req.path}`), c);
      const response = await indexHtml(c, async () => {});
      return response ?? c.html(await readFile(join(webDir, "index.html"), "utf8"));
    });
  } else {
    app.notFound((c) => errorResponse(new NotFoundError(`No route ${c.req.method} ${c.req.path}`), c));
  }
  app.onError(errorResponse);
  return app;
}

/** A static file's caching headers, on the response serveStatic built (its onFound comes too late to add them). */
function withHeaders(serve: MiddlewareHandler, cacheControl: string): MiddlewareHandler {
  return async (c, next) => {
    const response = await serve(c, next);
    if (response instanceof Response) {
      response.headers.set("Cache-Control", cacheControl);
      response.headers.set("Vary", "Accept-Encoding");
    }
    return response;
  };
}

export type AppType = ReturnType<typeof createApp>;
