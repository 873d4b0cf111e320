import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { ZodError } from "zod";
import { MonthRangeError } from "@scrutiny/domain";
import { ImportRejected, LimitExceeded, RollbackRefused } from "@scrutiny/ingest";

/** Errors the services raise in the users' terms; mapped to HTTP in one place (onError). */
export class NotFoundError extends Error {
  readonly code = "not_found";
}

export class BadRequestError extends Error {
  readonly code = "bad_request";
}

/** 400 with the problems of an uploaded file, each with its line, column and value; the message names the first field. */
export class FileRejectedError extends BadRequestError {
  constructor(readonly problems: readonly { line: number; column: string; value: string; message: string }[]) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length === 2 ? "" : "s"}; nothing was imported)` : " (nothing was imported)";
    super(first ? `${first.column}: line ${first.line}: ${first.message}${first.value !== "" ? ` (value "${first.value.slice(0, 80)}")` : ""}${more}` : "file: nothing to import");
  }
}

/** 401: the request needs a signed-in user (or the sign-in failed). */
export class UnauthorizedError extends Error {
  readonly code = "unauthorized";
}

/** 403: signed in (or not) but not allowed; also a foreign Origin/Host or a missing CSRF header. */
export class ForbiddenError extends Error {
  readonly code: string;
  constructor(message: string, code = "forbidden") {
    super(message);
    this.code = code;
  }
}

/** 413: the request body is over a limit, named in the message. */
export class PayloadTooLargeError extends Error {
  readonly code = "payload_too_large";
}

/** 409: the request conflicts with what is stored (a duplicate account). */
export class ConflictError extends Error {
  readonly code = "conflict";
}

/** 503: a part the request needs is not available on this server (named in the message), or is busy. */
export class ServiceUnavailableError extends Error {
  readonly code: string;
  constructor(message: string, code = "service_unavailable") {
    super(message);
    this.code = code;
  }
}

/** 423: the account is locked after repeated failed sign-ins. */
export class LockedError extends Error {
  readonly code = "account_locked";
}

export interface ErrorBody {
  code: string;
  message: string;
  requestId?: string;
  problems?: unknown[];
  laterBatches?: unknown[];
}

/** Fixed messages for HTTP errors raised by the framework: its own wording never reaches a body. */
const HTTP_MESSAGES: Record<number, string> = {
  400: "The request is malformed: check its body and parameters.",
  401: "Sign in first.",
  403: "Not allowed.",
  404: "Not found.",
  405: "That method is not allowed here.",
  413: "The request body is too large.",
  415: "That content type is not accepted here.",
  503: "The service is not available right now.",
};

/** The one mapper from an error to an HTTP answer: every body is {code, message, requestId}. */
export function errorResponse(error: Error, c: Context) {
  const requestId = c.get("requestId" as never) as string | undefined;
  const body = (code: string, message: string, extra: Partial<ErrorBody> = {}): ErrorBody => ({ code, message, ...extra, ...(requestId ? { requestId } : {}) });
  if (error instanceof NotFoundError) return c.json(body(error.code, error.message), 404);
  if (error instanceof FileRejectedError) return c.json(body(error.code, error.message, { problems: [...error.problems] }), 400);
  if (error instanceof BadRequestError) return c.json(body(error.code, error.message), 400);
  if (error instanceof UnauthorizedError) return c.json(body(error.code, error.message), 401);
  if (error instanceof ForbiddenError) return c.json(body(error.code, error.message), 403);
  if (error instanceof PayloadTooLargeError) return c.json(body(error.code, error.message), 413);
  if (error instanceof ConflictError) return c.json(body(error.code, error.message), 409);
  if (error instanceof LockedError) return c.json(body(error.code, error.message), 423);
  if (error instanceof ServiceUnavailableError) return c.json(body(error.code, error.message), 503);
  if (error instanceof LimitExceeded) return c.json(body("payload_too_large", error.message), 413);
  if (error instanceof MonthRangeError) return c.json(body("bad_request", `month out of range: ${error.message}`), 400);
  if (error instanceof ZodError) return c.json(body("bad_request", describeZodError(error)), 400);
  if (error instanceof ImportRejected) {
    const n = error.problems.length;
    return c.json(body("import_rejected", `The file was not imported: ${n} problem${n === 1 ? "" : "s"}. Nothing was changed.`, { problems: [...error.problems] }), 422);
  }
  if (error instanceof RollbackRefused) {
    const status = error.reason === "not found" ? 404 : error.reason === "not an indicator file" ? 400 : 409;
    return c.json(body(error.reason === "not found" ? "not_found" : "rollback_refused", error.message, { laterBatches: error.laterBatches }), status);
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    return c.json(body(status === 404 ? "not_found" : "http_error", HTTP_MESSAGES[status] ?? `The request failed (HTTP ${status}).`), status);
  }
  const storage = storageProblem(error);
  if (storage) {
    // One line in the log, not a stack trace: the cause is the machine's, not the request's.
    console.error(`${storage.message} (request ${requestId ?? "-"})`);
    return c.json(body(storage.code, `${storage.message} Nothing was changed.`), 503);
  }
  console.error(error);
  return c.json(body("internal_error", "Something went wrong on the server; the error has been logged."), 500);
}

/**
 * A database that cannot be written — read-only, or its disk full — in one plain sentence, for
 * SQLite (SQLITE_READONLY*, SQLITE_FULL), PostgreSQL (25006, 53100) and the file system (EROFS, ENOSPC).
 */
export function storageProblem(error: unknown): { code: "database_read_only" | "disk_full"; message: string } | null {
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  if (code.startsWith("SQLITE_READONLY") || code === "25006" || code === "EROFS") return { code: "database_read_only", message: "The database is read-only: changes cannot be saved (check the database file's permissions or the server's settings)." };
  if (code === "SQLITE_FULL" || code === "53100" || code === "ENOSPC") return { code: "disk_full", message: "The disk holding the database is full: changes cannot be saved until space is freed." };
  return null;
}

/** "from: must be a month in the form YYYY-MM": the parameter first, so the caller knows what to fix. */
export function describeZodError(error: ZodError): string {
  return error.issues.map((issue) => `${issue.path.join(".") || "request"}: ${issue.message}`).join("; ");
}
