import { zValidator } from "@hono/zod-validator";
import type { ZodType } from "zod";
import { BadRequestError, describeZodError } from "./errors";

/** The zod schemas a route validates its request with: the source of the OpenAPI document too. */
export interface RequestSchemas {
  query?: ZodType;
  json?: ZodType;
  form?: ZodType;
}

const REQUEST_SCHEMAS = Symbol("requestSchemas");

/** Marks a validating middleware with the schemas it applies, so `openapi.ts` can describe the route. */
export function describedBy<M extends object>(middleware: M, schemas: RequestSchemas): M {
  Object.defineProperty(middleware, REQUEST_SCHEMAS, { value: schemas });
  return middleware;
}

/** The schemas a handler was marked with by `describedBy`, if any. */
export function requestSchemasOf(handler: unknown): RequestSchemas | undefined {
  if (typeof handler !== "function") return undefined;
  return (handler as unknown as Record<symbol, RequestSchemas | undefined>)[REQUEST_SCHEMAS];
}

function fail(result: { success: boolean; error?: unknown }) {
  if (!result.success) throw new BadRequestError(describeZodError(result.error as never));
}

/** Query validation whose failures go through the one error handler as 400 {code, message}. */
export function validQuery<T extends ZodType>(schema: T) {
  return describedBy(zValidator("query", schema, fail), { query: schema });
}

/** JSON body validation, failing as 400 through the one error handler. */
export function validJson<T extends ZodType>(schema: T) {
  return describedBy(zValidator("json", schema, fail), { json: schema });
}

/** Multipart form validation, failing as 400 through the one error handler. */
export function validForm<T extends ZodType>(schema: T) {
  return describedBy(zValidator("form", schema, fail), { form: schema });
}
