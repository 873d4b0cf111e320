import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { MAX_INDICATOR_FILE_BYTES } from "@scrutiny/ingest";
import { errorResponse, ForbiddenError, PayloadTooLargeError } from "./errors";

/**
 * The server's protective layer (issue 11), in the order it runs before any handler:
 * security headers on every answer, a foreign Origin or Host refused, a custom header required on
 * every write, and a size limit on every request body.
 */

/**
 * Content-Security-Policy: scripts, styles and data only from this server; no inline script, no
 * framing (frame-ancestors 'none'), no plug-ins, forms post only here. Images may be data: or
 * blob: URLs (the favicon, chart downloads).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** The headers every answer carries (the answer cache's fast lane writes them itself). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
});

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const name in SECURITY_HEADERS) c.res.headers.set(name, SECURITY_HEADERS[name]!);
  };
}

/** Hosts every server answers to: the loopback names. Others are added with SCRUTINY_ALLOWED_HOSTS. */
export const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"] as const;

/** "example.org:8787" → "example.org"; "[::1]:8787" → "[::1]". */
export function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith("[")) return trimmed.slice(0, trimmed.indexOf("]") + 1);
  const colon = trimmed.lastIndexOf(":");
  return colon >= 0 ? trimmed.slice(0, colon) : trimmed;
}

/**
 * Refuses, before any handler runs and in local mode too, a request whose Host is not one the
 * server answers to (a DNS-rebinding page reaches 127.0.0.1 under its own name) or whose Origin
 * is another site's (a form on another origin auto-submitted to this one).
 */
export function originGuard(allowedHosts: readonly string[]): MiddlewareHandler {
  const refusal = originRefusal(allowedHosts);
  return async (c, next) => {
    const refused = refusal(c.req.raw);
    if (refused) return errorResponse(refused, c);
    await next();
  };
}

/** The origin guard's check alone: the error a request is refused with, or undefined. */
export function originRefusal(allowedHosts: readonly string[]): (request: Request) => ForbiddenError | undefined {
  const refusal = originRefusalOfHeaders(allowedHosts);
  return (request) => refusal(request.headers.get("host") ?? new URL(request.url).host, request.headers.get("origin") ?? undefined, request.headers.get("sec-fetch-site") ?? undefined, request.method);
}

/**
 * The same check on the header values themselves (Host, Origin, Sec-Fetch-Site and the method),
 * for the answer cache's fast lane, which reads them from Node's parsed headers.
 */
export function originRefusalOfHeaders(allowedHosts: readonly string[]): (host: string, origin: string | undefined, site: string | undefined, method: string) => ForbiddenError | undefined {
  const allowed = new Set([...LOOPBACK_HOSTS, ...allowedHosts.map(hostName)]);
  return (host, origin, site, method) => {
    if (!allowed.has(hostName(host))) {
      return new ForbiddenError(`This server does not answer to the host name "${hostName(host).slice(0, 100)}": add it to SCRUTINY_ALLOWED_HOSTS if it is yours.`, "foreign_host");
    }
    if (origin !== undefined) {
      let originHost: string | undefined;
      try {
        originHost = origin === "null" ? undefined : new URL(origin).host.toLowerCase();
      } catch {
        originHost = undefined;
      }
      if (originHost !== host.toLowerCase()) return new ForbiddenError("Requests from another site are refused.", "foreign_origin");
    }
    if (site === "cross-site" || (site === "same-site" && method !== "GET" && method !== "HEAD")) {
      return new ForbiddenError("Requests from another site are refused.", "foreign_origin");
    }
    return undefined;
  };
}

export const CSRF_HEADER = "X-Scrutiny-Csrf";
const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Every state-changing request must carry `X-Scrutiny-Csrf: 1`. A page on another origin cannot
 * add a custom header without a CORS preflight, which this server never grants; a plain HTML form
 * cannot add one at all. Checked before any handler, so a refused request changes nothing.
 */
export function csrfGuard(): MiddlewareHandler {
  return async (c, next) => {
    if (WRITES.has(c.req.method) && c.req.header(CSRF_HEADER) !== "1") {
      return errorResponse(new ForbiddenError(`A change must be sent with the header ${CSRF_HEADER}: 1 (the dashboard sends it).`, "csrf"), c);
    }
    await next();
  };
}

/** Bodies: a file upload (multipart) up to the indicator-file limit; anything else 1 MB. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
export const MAX_UPLOAD_BODY_BYTES = MAX_INDICATOR_FILE_BYTES + 64 * 1024;

export function bodyLimits(): MiddlewareHandler {
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  const upload = bodyLimit({
    maxSize: MAX_UPLOAD_BODY_BYTES,
    onError: (c) => errorResponse(new PayloadTooLargeError(`The upload is over the ${mb(MAX_INDICATOR_FILE_BYTES)} limit for a file: split it, for example by year.`), c),
  });
  const other = bodyLimit({
    maxSize: MAX_JSON_BODY_BYTES,
    onError: (c) => errorResponse(new PayloadTooLargeError(`The request body is over the ${mb(MAX_JSON_BODY_BYTES)} limit.`), c),
  });
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const multipart = (c.req.header("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
    return (multipart ? upload : other)(c, next);
  };
}
