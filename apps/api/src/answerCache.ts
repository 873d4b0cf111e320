import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { MiddlewareHandler } from "hono";
import type { Kysely } from "kysely";
import { dataVersionReader, type Database, type Role } from "@scrutiny/db";
import type { AppEnv, AuthMode } from "./context";
import { SESSION_COOKIE } from "./auth/middleware";
import { originRefusal, SECURITY_HEADERS } from "./security";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Computed answers (scorecard, series, comparisons, data status) served from memory: each is
 * computed once per data state, compressed once (gzip and brotli kept beside the raw bytes) and
 * given a strong ETag, so a revalidation is a 304 with no body. The key is the asker's role (what
 * a role may see can differ), the month and the request's path and sorted query; the state is the
 * database's data version, read on every request (one primary-key row), so several API processes
 * on one database each see another's import on their next request
 * (docs/decisions/104a-cache-keyed-by-data-version.md). An answer already held is served by the
 * fast lane, before the framework's middleware (docs/decisions/112a-request-path.md).
 */
interface Entry {
  etag: string;
  contentType: string;
  raw: Buffer;
  gzip: Buffer;
  br: Buffer;
}

/** At most this many answers per data version (a force's views come to a few hundred). */
const MAX_ENTRIES = 2000;
/** Answers larger than this are computed every time rather than held (none is near it today). */
const MAX_BYTES = 8 * 1024 * 1024;

export interface AnswerCache {
  middleware: MiddlewareHandler<AppEnv>;
  /**
   * Serves an answer already held for the current data version straight from memory, before
   * the framework's middleware: the origin check, the asker's role and the security headers are
   * done here; anything else (no answer held, a session cookie to look up, a refused origin)
   * goes on to the full path, which computes, stores and refuses exactly as before.
   */
  fastLane(options: { authMode: AuthMode; allowedHosts: readonly string[] }): MiddlewareHandler;
  stats(): { version: number; entries: number; hits: number; misses: number; fast: number };
}

/** The key of an answer: who may see it (role), the month (the data status of "now" changes when a month begins), path and sorted query. */
export function answerKey(role: Role, url: string): string {
  const start = url.indexOf("/", url.indexOf("//") + 2);
  const q = url.indexOf("?", start);
  const path = q === -1 ? url.slice(start) : url.slice(start, q);
  const query = q === -1 ? "" : [...new URLSearchParams(url.slice(q + 1))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join("&");
  return `${role} ${new Date().toISOString().slice(0, 7)} ${path}?${query}`;
}

export function createAnswerCache(db: Kysely<Database>): AnswerCache {
  let version = -1;
  let entries = new Map<string, Promise<Entry | null>>();
  /** The same answers once settled, for the fast lane (no await on a hit). */
  let settled = new Map<string, Entry>();
  let hits = 0;
  let misses = 0;
  let fast = 0;
  const readVersion = dataVersionReader(db);
  const atVersion = (current: number) => {
    if (current !== version) {
      version = current;
      entries = new Map();
      settled = new Map();
    }
  };

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.method !== "GET") return next();
    const read = readVersion();
    atVersion(typeof read === "number" ? read : await read);
    const key = answerKey(c.var.user.role, c.req.url);
    let pending = entries.get(key);
    if (pending) hits++;
    else {
      misses++;
      const map = entries;
      // Computed by this request; requests for the same answer meanwhile wait for it.
      let settle!: (entry: Entry | null) => void;
      pending = new Promise<Entry | null>((resolve) => (settle = resolve));
      const done = settled;
      if (map.size >= MAX_ENTRIES) {
        const oldest = map.keys().next().value as string;
        map.delete(oldest);
        done.delete(oldest);
      }
      map.set(key, pending);
      try {
        await next();
      } catch (error) {
        map.delete(key);
        settle(null);
        throw error;
      }
      const res = c.res;
      const type = res.headers.get("Content-Type") ?? "";
      if (res.status !== 200 || !type.startsWith("application/json") || res.headers.has("Content-Encoding")) {
        map.delete(key);
        settle(null);
        return;
      }
      const raw = Buffer.from(await res.arrayBuffer());
      if (raw.byteLength > MAX_BYTES) {
        map.delete(key);
        settle(null);
        c.res = new Response(new Uint8Array(raw) as Uint8Array<ArrayBuffer>, res);
        return;
      }
      const [gz, br] = await Promise.all([
        gzipAsync(raw, { level: 9 }),
        brotliAsync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.byteLength } }),
      ]);
      const entry: Entry = { etag: `"${createHash("sha256").update(raw).digest("base64url").slice(0, 27)}"`, contentType: type, raw, gzip: gz, br };
      settle(entry);
      if (map.has(key)) done.set(key, entry);
      c.res = respond(entry, c.req.header("If-None-Match"), c.req.header("Accept-Encoding"));
      return;
    }
    const entry = await pending;
    if (!entry) return next();
    return respond(entry, c.req.header("If-None-Match"), c.req.header("Accept-Encoding"));
  };

  const fastLane = ({ authMode, allowedHosts }: { authMode: AuthMode; allowedHosts: readonly string[] }): MiddlewareHandler => {
    const refusal = originRefusal(allowedHosts);
    const cookieName = `${SESSION_COOKIE}=`;
    return async (c, next) => {
      if (c.req.method !== "GET" || settled.size === 0) return next();
      const request = c.req.raw;
      // A session to look up, or a request the origin guard refuses: the full path decides.
      let role: Role = "admin";
      if (authMode !== "local") {
        if ((request.headers.get("cookie") ?? "").includes(cookieName)) return next();
        role = "public";
      }
      if (refusal(request)) return next();
      const read = readVersion();
      atVersion(typeof read === "number" ? read : await read);
      const entry = settled.get(answerKey(role, request.url));
      if (!entry) return next();
      fast++;
      hits++;
      return respond(entry, request.headers.get("if-none-match") ?? undefined, request.headers.get("accept-encoding") ?? undefined, { ...SECURITY_HEADERS, "X-Request-Id": crypto.randomUUID() });
    };
  };

  return { middleware, fastLane, stats: () => ({ version, entries: entries.size, hits, misses, fast }) };
}

function respond(entry: Entry, ifNoneMatch: string | undefined, acceptEncoding: string | undefined, extra?: Record<string, string>): Response {
  const headers: Record<string, string> = {
    ...extra,
    ETag: entry.etag,
    Vary: "Accept-Encoding",
    // Stored by the browser, but asked about every time: an import shows at once.
    "Cache-Control": "no-cache",
  };
  if (ifNoneMatch && matches(ifNoneMatch, entry.etag)) return new Response(null, { status: 304, headers });
  const encoding = chooseEncoding(acceptEncoding);
  const body = encoding === "br" ? entry.br : encoding === "gzip" ? entry.gzip : entry.raw;
  headers["Content-Type"] = entry.contentType;
  headers["Content-Length"] = String(body.byteLength);
  if (encoding) headers["Content-Encoding"] = encoding;
  return new Response(new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>, { status: 200, headers });
}

function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/** brotli when accepted, else gzip, else none; an encoding given q=0 is refused. */
export function chooseEncoding(header: string | undefined): "br" | "gzip" | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(",")) {
    const [name = "", ...params] = part.trim().toLowerCase().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    q.set(name.trim(), qParam ? Number(qParam.slice(2)) || 0 : 1);
  }
  const accepted = (name: string) => (q.get(name) ?? q.get("*") ?? 0) > 0;
  if (accepted("br")) return "br";
  if (accepted("gzip")) return "gzip";
  return null;
}
