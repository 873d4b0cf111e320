import { readFile } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { join, relative } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono, type MiddlewareHandler } from "hono";
import { compress } from "hono/compress";
import { requestId } from "hono/request-id";
import type { Kysely } from "kysely";
import { countObservations, type Database } from "@scrutiny/db";
import { ESSEX_FORCE_CODE, FORCES } from "@scrutiny/domain";
import type { AppEnv } from "./context";
import { createAnswerCache, nextRequestId, type AnswerCache } from "./answerCache";
import { errorResponse, NotFoundError } from "./errors";
import { firstVisitPage } from "./firstVisit";
import { buildOpenApiDocument } from "./openapi";
import { areaRoutes, indicatorRoutes } from "./routes/catalogue";
import { comparisonGroupRoutes } from "./routes/comparisonGroups";
import { overviewRoutes } from "./routes/overview";
import { seriesRoutes } from "./routes/series";
import { compareRoutes } from "./routes/compare";
import { importRoutes } from "./routes/imports";
import { boundaryRoutes } from "./routes/boundaries";
import { annotationRoutes } from "./routes/annotations";
import { peerGroupRoutes } from "./routes/peerGroups";
import { bodyLimits, csrfGuard, originGuard, securityHeaders } from "./security";
import { authenticate, authorize } from "./auth/middleware";
import { visibility } from "./auth/visibility";
import { sessionRoutes } from "./routes/session";
import { auditRoutes } from "./routes/audit";
import type { AuthMode } from "./context";
import { actionRoutes, meetingRoutes, questionRoutes } from "./routes/meetings";
import { crimeTreeRoutes } from "./routes/crimeTree";
import { createPdfRenderer, DEFAULT_CHROMIUM, type PdfSettings } from "./services/packPdf";

/** The API, chained so that `typeof api` carries every route's types to the web client. */
export function createApi(db: Kysely<Database>, databaseKind: string, auth: { mode: AuthMode; localUserName: string } = { mode: "local", localUserName: LOCAL_USER_NAME }, pdf: PdfSettings = { chromiumPath: DEFAULT_CHROMIUM, baseUrl: null }, answers: AnswerCache = createAnswerCache(db), force: string = ESSEX_FORCE_CODE) {
  let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;
  const registered: { routes: Parameters<typeof buildOpenApiDocument>[0] } = { routes: [] };
  const pdfRenderer = createPdfRenderer(pdf);
  const api = new Hono<AppEnv>()
    // The outer app sets the id first (so refusals before /api carry one too); this keeps it.
    .use(requestId({ generator: (c) => (c.get("requestId" as never) as string | undefined) ?? nextRequestId() }))
    .use(csrfGuard())
    .use(bodyLimits())
    .use(compress())
    .use(async (c, next) => {
      c.set("db", db);
      c.set("force", force);
      c.set("pdf", pdfRenderer);
      await next();
    })
    .use(authenticate(auth.mode, auth.localUserName))
    .use(authorize())
    .use(visibility())
    .route("/session", sessionRoutes)
    .route("/audit", auditRoutes)
    // Computed answers, once per data version (docs/decisions/104a-cache-keyed-by-data-version.md),
    // served only after sign-in and roles have been checked.
    .use("/overview", answers.middleware)
    .use("/series", answers.middleware)
    .use("/compare/*", answers.middleware)
    .use("/imports/status", answers.middleware)
    .use("/indicators", answers.middleware)
    .use("/areas", answers.middleware)
    .use("/comparison-groups", answers.middleware)
    // The figures the asker may see (auth/visibility.ts): the public's count leaves out unpublished indicators.
    .get("/health", async (c) => c.json({ status: "ok" as const, database: databaseKind, observations: await countObservations(db, { excluding: c.var.unpublished }), force: deploymentForce(force) }))
    .route("/areas", areaRoutes)
    .route("/indicators", indicatorRoutes)
    .route("/overview", overviewRoutes)
    .route("/series", seriesRoutes)
    .route("/comparison-groups", comparisonGroupRoutes)
    .route("/compare", compareRoutes)
    .route("/imports", importRoutes)
    .route("/boundaries", boundaryRoutes)
    .route("/crime-tree", crimeTreeRoutes)
    // Generated from the registered routes and their zod schemas on first request, then kept.
    .get("/openapi.json", (c) => c.json((openApiDocument ??= buildOpenApiDocument(registered.routes))))
    .route("/annotations", annotationRoutes)
    .route("/peer-groups", peerGroupRoutes)
    .route("/meetings", meetingRoutes)
    .route("/questions", questionRoutes)
    .route("/actions", actionRoutes)
    .onError(errorResponse);
  registered.routes = api.routes;
  return api;
}

export type Api = ReturnType<typeof createApi>;

/**
 * The deployment's force as GET /api/health reports it, with what exists only for Essex: the
 * shipped sample series and the recorded Most Similar Group are Essex's (data/default), so any
 * other force sees public figures only until it imports its own.
 */
function deploymentForce(code: string) {
  const name = FORCES.find((f) => f.code === code)?.name ?? code;
  const essexOnly = code !== ESSEX_FORCE_CODE;
  return {
    code,
    name,
    essexOnly: essexOnly ? ["the sample series (indicators marked sample data)", "the Most Similar Group"] : [],
    note: essexOnly ? `The shipped sample series and Most Similar Group exist only for Essex; ${name} sees the public police.uk and Home Office figures until it imports its own.` : null,
  };
}

/**
 * The whole server: the API under /api and, when a built dashboard is given, its files with the
 * dashboard's index.html for every other path (the dashboard routes in the browser).
 */
/** The name recorded on changes in local mode when none is configured (SCRUTINY_LOCAL_USER). */
export const LOCAL_USER_NAME = "local user";

export interface AppOptions {
  webDir?: string;
  /** "local" (the default): one local user with every right; "required": sign-in required. */
  authMode?: AuthMode;
  localUserName?: string;
  /** Host names besides the loopback ones this server answers to (SCRUTINY_ALLOWED_HOSTS, HOST). */
  allowedHosts?: readonly string[];
  /** The pack PDF: Chromium's path and where it reaches this server (default: none, so a 503). */
  pdf?: PdfSettings;
  /** The force this office serves (SCRUTINY_FORCE; default Essex). */
  force?: string;
  /** The answer cache (default: a new one); tests pass their own to read its counts. */
  answers?: AnswerCache;
}

export function createApp(db: Kysely<Database>, databaseKind: string, options: AppOptions = {}) {
  const { webDir } = options;
  const authMode = options.authMode ?? "local";
  const answers = options.answers ?? createAnswerCache(db);
  const app = new Hono()
    .use(requestId({ generator: nextRequestId }))
    .use(securityHeaders())
    .use(originGuard(options.allowedHosts ?? []))
    .route("/api", createApi(db, databaseKind, { mode: authMode, localUserName: options.localUserName ?? LOCAL_USER_NAME }, options.pdf, answers, options.force ?? ESSEX_FORCE_CODE));
  if (webDir) {
    const root = relative(process.cwd(), webDir) || ".";
    // Source maps are never public (the build keeps them out of dist; refuse any left there).
    app.get("*", async (c, next) => (c.req.path.endsWith(".map") ? errorResponse(new NotFoundError(`No route ${c.req.method} ${c.req.path}`), c) : next()));
    // Built files: the .br or .gz written at build time when the browser accepts it (decision 104c).
    // Hashed assets never change under their name; everything else is asked about every time.
    app.use("/assets/*", withHeaders(serveStatic({ root, precompressed: true }), "public, max-age=31536000, immutable"));
    // The scorecard's page carries the answers its first view needs (decision 115e).
    const scorecardPage = firstVisitPage({ webDir, force: options.force ?? ESSEX_FORCE_CODE, ask: (request) => app.fetch(request) });
    app.get("/", async (c, next) => (await scorecardPage(c)) ?? next());
    const staticFile = withHeaders(serveStatic({ root, precompressed: true }), "no-cache");
    app.use("*", async (c, next) => (c.req.path.startsWith("/api/") ? next() : staticFile(c, next)));
    // Every other path is a dashboard route: its index.html, never cached without asking.
    const indexHtml = withHeaders(serveStatic({ root, path: "index.html", precompressed: true }), "no-cache");
    app.notFound(async (c) => {
      // A missing script or stylesheet is a 404, never the dashboard's HTML under a script's name.
      if (c.req.path.startsWith("/api/") || c.req.path.startsWith("/assets/") || (c.req.method !== "GET" && c.req.method !== "HEAD")) return errorResponse(new NotFoundError(`No route ${c.req.method} ${c.req.path}`), c);
      const response = await indexHtml(c, async () => {});
      return response ?? c.html(await readFile(join(webDir, "index.html"), "utf8"));
    });
  } else {
    app.notFound((c) => errorResponse(new NotFoundError(`No route ${c.req.method} ${c.req.path}`), c));
  }
  app.onError(errorResponse);
  // Answers already computed for this data version, before the framework itself (decisions 112a,
  // 113a): a held answer is a Response with a plain header object, which the node adapter writes
  // straight to Node's response; anything else goes to Hono. The node adapter passes Node's request as
  // `incoming`; app.request() in tests has none and the lane reads the Request's headers.
  const held = answers.serveHeld({ authMode, allowedHosts: options.allowedHosts ?? [] });
  const framework = app.fetch;
  app.fetch = (request, env, executionCtx) => {
    const answer = held(request, (env as { incoming?: IncomingMessage } | undefined)?.incoming);
    return answer === undefined ? framework(request, env, executionCtx) : answer.then((response) => response ?? framework(request, env, executionCtx));
  };
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
