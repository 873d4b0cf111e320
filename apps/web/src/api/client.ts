import { hc } from "hono/client";
import type { AppType, ErrorBody } from "@scrutiny/api";

/**
 * Every change the dashboard asks for carries this header: the server refuses a POST, PUT, PATCH
 * or DELETE without it (a page on another site cannot add it without a CORS preflight).
 */
export const CSRF_HEADERS = { "X-Scrutiny-Csrf": "1" } as const;

/** The typed client: request and response types come from the API's own routes. */
export const client = hc<AppType>(typeof window === "undefined" ? "http://localhost" : window.location.origin, { headers: CSRF_HEADERS });

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ErrorBody) {
    super(body.message);
  }
}

/** Unwraps a response, turning the API's {code, message} errors into an ApiError. */
export async function unwrap<T>(response: { ok: boolean; status: number; json(): Promise<T> }): Promise<T> {
  if (!response.ok) {
    const body = (await response.json().catch(() => ({ code: "http_error", message: `HTTP ${response.status}` }))) as unknown as ErrorBody;
    throw new ApiError(response.status, body);
  }
  return response.json();
}

/** A JSON request to the API (POST/PUT/PATCH with the CSRF header; GET without a body). */
export async function requestJson<T>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: method === "GET" ? {} : { ...CSRF_HEADERS, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return unwrap<T>(response as never);
}
