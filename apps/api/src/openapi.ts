import { z, type ZodType } from "zod";
import { requestSchemasOf, type RequestSchemas } from "./validation";

/** A route as Hono lists it in `app.routes`: one entry per middleware or handler. */
interface RegisteredRoute {
  method: string;
  path: string;
  handler: unknown;
}

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; required?: string[]; description?: string; [key: string]: unknown };

/** What each route is for, in the users' words (the README's API table says more). */
const SUMMARIES: Record<string, string> = {
  "GET /api/health": "Whether the server is up, its database kind and how many figures it holds",
  "GET /api/openapi.json": "This document",
  "GET /api/areas": "The force and its districts (or every area)",
  "GET /api/indicators": "The indicator catalogue",
  "GET /api/overview": "The scorecard for an area",
  "GET /api/series": "One indicator's monthly series for one area, with SPC and comparisons against last year",
  "GET /api/comparison-groups": "The force's Most Similar Groups, dated, with members",
  "GET /api/compare/districts": "Each district's rate or percentage with intervals, rank and funnel band",
  "GET /api/compare/msg": "The force against its Most Similar Group for one month",
  "GET /api/compare/msg/history": "The force's MSG position for every month held",
  "GET /api/compare/districts/indicators": "The indicators and months comparable by district",
  "GET /api/compare/districts/series": "Every district's monthly series",
  "GET /api/boundaries": "The force's districts as TopoJSON",
  "GET /api/imports": "Indicator-file imports, newest first",
  "POST /api/imports/preview": "What importing a file would do; nothing is written",
  "POST /api/imports": "Import a force indicator file, all or nothing",
  "POST /api/imports/catalogue": "Add or change indicators from a catalogue file",
  "GET /api/imports/template.csv": "The prefilled indicator-file template (CSV)",
  "GET /api/imports/template.xlsx": "The prefilled indicator-file template (.xlsx)",
  "GET /api/imports/status": "Freshness by source: what is late or missing",
  "GET /api/imports/revisions": "One figure now and every batch that wrote it",
  "GET /api/imports/{batchId}": "One import batch and its changes",
  "POST /api/imports/{batchId}/rollback": "Roll an import batch back",
};

function toJsonSchema(schema: ZodType): JsonSchema {
  // Refinements (a real month, a known code) cannot be said in JSON Schema: their messages come back as 400s.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return rest;
}

function queryParameters(schema: ZodType) {
  const json = toJsonSchema(schema);
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({ name, in: "query", required: required.has(name), schema: property }));
}

function requestBody(schemas: RequestSchemas) {
  if (schemas.json) return { required: true, content: { "application/json": { schema: toJsonSchema(schemas.json) } } };
  if (!schemas.form) return undefined;
  const json = toJsonSchema(schemas.form);
  // A field zod checks as a File is an uploaded file in multipart terms.
  const properties = Object.fromEntries(
    Object.entries(json.properties ?? {}).map(([name, property]) => [name, Object.keys(property).length === 0 ? { type: "string", format: "binary" } : property]),
  );
  return { required: true, content: { "multipart/form-data": { schema: { ...json, properties } } } };
}

/** `/imports/:batchId` in Hono's words is `/imports/{batchId}` in OpenAPI's. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

const ERROR_BODY = {
  type: "object",
  properties: { code: { type: "string" }, message: { type: "string" }, requestId: { type: "string" } },
  required: ["code", "message"],
};

/**
 * The OpenAPI 3.1 document of the API, generated from the routes Hono has registered and the zod
 * schemas their validators apply, so it cannot drift from what the server accepts.
 */
export function buildOpenApiDocument(routes: readonly RegisteredRoute[], base = "/api") {
  const operations = new Map<string, { method: string; path: string; schemas: RequestSchemas }>();
  for (const route of routes) {
    if (route.method === "ALL") continue; // middleware mounted for every method
    const path = openApiPath(route.path.startsWith(base) ? route.path : base + route.path).replace(/\/$/, "") || "/";
    const key = `${route.method} ${path}`;
    const entry = operations.get(key) ?? { method: route.method.toLowerCase(), path, schemas: {} };
    Object.assign(entry.schemas, requestSchemasOf(route.handler) ?? {});
    operations.set(key, entry);
  }
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, { method, path, schemas }] of [...operations].sort(([a], [b]) => a.localeCompare(b))) {
    const pathParameters = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    const parameters = [...pathParameters, ...(schemas.query ? queryParameters(schemas.query) : [])];
    const body = requestBody(schemas);
    (paths[path] ??= {})[method] = {
      summary: SUMMARIES[key] ?? key,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: {
        "200": { description: "The answer as JSON (CSV, .xlsx or TopoJSON where the path says so)" },
        "400": { description: "A parameter or body field is invalid; the message names it", content: { "application/json": { schema: ERROR_BODY } } },
        "404": { description: "No such indicator, area or record", content: { "application/json": { schema: ERROR_BODY } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Scrutiny API",
      version: "0.1.0",
      description: "Monthly police performance indicators, comparisons and statistics for a Police and Crime Commissioner's office. Every error is {code, message, requestId}.",
    },
    paths,
  };
}
