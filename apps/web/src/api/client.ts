import { hc } from "hono/client";
import type { AppType, ErrorBody } from "@scrutiny/api";

/** The typed client: request and response types come from the API's own routes. */
export const client = hc<AppType>(typeof window === "undefined" ? "http://localhost" : window.location.origin);

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

/** Every state-changing request carries the CSRF header the API requires. */
export const CSRF_HEADERS = { "X-Scrutiny-Csrf": "1" } as const;

/** A JSON request to the API (POST/PUT/PATCH with the CSRF header; GET without a body). */
export async function requestJson<T>(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: method === "GET" ? {} : { ...CSRF_HEADERS, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return unwrap<T>(response as never);
}
