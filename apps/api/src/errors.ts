import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";

/** Errors the services raise in the users' terms; mapped to HTTP in one place (onError). */
export class NotFoundError extends Error {
  readonly code = "not_found";
}

export class BadRequestError extends Error {
  readonly code = "bad_request";
}

export interface ErrorBody {
  code: string;
  message: string;
  requestId?: string;
}

export function errorResponse(error: Error, c: Context) {
  const requestId = c.get("requestId" as never) as string | undefined;
  const body = (code: string, message: string): ErrorBody => ({ code, message, ...(requestId ? { requestId } : {}) });
  if (error instanceof NotFoundError) return c.json(body(error.code, error.message), 404);
  if (error instanceof BadRequestError) return c.json(body(error.code, error.message), 400);
  if (error instanceof ZodError) return c.json(body("bad_request", describeZodError(error)), 400);
  if (error instanceof HTTPException) return c.json(body(error.status === 404 ? "not_found" : "http_error", error.message), error.status);
  console.error(error);
  return c.json(body("internal_error", "Something went wrong on the server; the error has been logged."), 500);
}

/** "from: must be a month in the form YYYY-MM": the parameter first, so the caller knows what to fix. */
export function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "request"}: ${issue.message}`).join("; ");
}
