import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@scrutiny/db";
import { describe, expect, it } from "vitest";
import { apiOnDefaultDataset } from "../../../tests/support/api";
import { openApiPath } from "./openapi";

type Operation = {
  summary: string;
  parameters?: { name: string; in: string; required: boolean; schema: { pattern?: string; default?: unknown } }[];
  requestBody?: { content: Record<string, { schema: { properties: Record<string, { type?: string; format?: string }> } }> };
};
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

const api = apiOnDefaultDataset();

/** Every `METHOD /api/...` the README's API table names, with Hono's `:param` written as OpenAPI's `{param}`. */
function readmeRoutes(): string[] {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const table = readme.slice(readme.indexOf("## The API"));
  const routes = new Set<string>();
  for (const line of table.split("\n")) {
    if (!line.startsWith("|")) continue;
    for (const m of line.matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/api\/[^\s`?[]+)/g)) routes.add(`${m[1]} ${openApiPath(m[2]!)}`);
  }
  return [...routes].sort();
}

describe("GET /api/openapi.json", () => {
  it("is an OpenAPI 3.1 document listing every route the server registers", async () => {
    const { status, body } = await api.get<Document>("/api/openapi.json");
    expect(status).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    const documented = new Set(Object.entries(body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const registered = api.app.routes
      .filter((r) => r.method !== "ALL" && r.path.startsWith("/api/"))
      .map((r) => `${r.method} ${openApiPath(r.path).replace(/\/$/, "")}`);
    expect(registered.length).toBeGreaterThan(20);
    for (const route of registered) expect(documented, route).toContain(route);
  });

  it("lists every route in the README's API table", async () => {
    const { body } = await api.get<Document>("/api/openapi.json");
    const documented = new Set(Object.entries(body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const named = readmeRoutes();
    expect(named.length).toBeGreaterThan(15);
    for (const route of named) expect(documented, `${route} (README)`).toContain(route);
  });

  it("describes parameters from the same zod schemas that validate them", async () => {
    const { body } = await api.get<Document>("/api/openapi.json");
    const series = body.paths["/api/series"]?.get;
    const indicator = series?.parameters?.find((p) => p.name === "indicator");
    expect(indicator).toMatchObject({ in: "query", required: true, schema: { pattern: "^[a-z0-9][a-z0-9-]{0,99}$" } });
    expect(series?.parameters?.find((p) => p.name === "from")?.required).toBe(false);
    const batch = body.paths["/api/imports/{batchId}"]?.get;
    expect(batch?.parameters?.find((p) => p.name === "batchId")).toMatchObject({ in: "path", required: true });
    expect(batch?.parameters?.find((p) => p.name === "offset")?.schema.default).toBe(0);
    const upload = body.paths["/api/imports"]?.post?.requestBody?.content["multipart/form-data"]?.schema.properties;
    expect(upload?.file).toEqual({ type: "string", format: "binary" });
    expect(body.paths["/api/imports/{batchId}/rollback"]?.post?.requestBody?.content["application/json"]).toBeDefined();
  });
});
