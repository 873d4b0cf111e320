import { createHash, randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { MiddlewareHandler } from "hono";
import type { Kysely } from "kysely";
import { batchedDataVersionReader, dataVersionReader, type Database, type Role } from "@scrutiny/db";
import type { AppEnv, AuthMode } from "./context";
import { SESSION_COOKIE } from "./auth/middleware";
import { originRefusalOfHeaders, SECURITY_HEADERS } from "./security";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Computed answers (scorecard, series, comparisons, data status) served from memory: each is
 * computed once per data state, compressed once (gzip and brotli kept beside the raw bytes) and
 * given a strong ETag, so a revalidation is a 304 with no body. The key is the asker's role (what
 * a role may see can differ), the month and the request's path and sorted query; the state is the
 * database's data version, read after every request arrived (one primary-key row), so several API
 * processes on one database each see another's import on their next request
 * (docs/decisions/104a-cache-keyed-by-data-version.md). An answer already held is served by the
 * fast lane, before the framework (docs/decisions/112a-request-path.md, 113a-fast-lane-cost.md).
 */
interface Entry {
  etag: string;
  contentType: string;
  raw: Buffer;
  gzip: Buffer;
  br: Buffer;
  /** Content-Length of each body, as written. */
  lengths: { raw: string; gzip: string; br: string };
}

/** At most this many answers per data version (a force's views come to a few hundred). */
const MAX_ENTRIES = 2000;
/** At most this many raw request URLs remembered as the key they normalise to (then forgotten, all at once). */
const MAX_ALIASES = 4 * MAX_ENTRIES;
/** Answers larger than this are computed every time rather than held (none is near it today). */
const MAX_BYTES = 8 * 1024 * 1024;

/** What the fast lane needs of a request when Node's own request is at hand (the node adapter passes it). */
interface NodeRequest {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface AnswerCache {
  middleware: MiddlewareHandler<AppEnv>;
  /**
   * Serves an answer already held for the current data version straight from memory, before the
   * framework (decision 112a, 113a): the origin check, the asker's role and the security headers
   * are done here. Undefined, at once or once the data version is read, when the request must go
   * the full path: no answer held, a session cookie to look up, a refused origin, a write. Given
   * Node's request, it reads the URL and headers from it (no Request headers object is built).
   */
  serveHeld(options: { authMode: AuthMode; allowedHosts: readonly string[] }): (request: Request, node?: NodeRequest) => Promise<Response | undefined> | undefined;
  stats(): { version: number; entries: number; hits: number; misses: number; fast: number; aliases: number };
}

/** The month now ("2026-12"), recomputed only when a month boundary passes (or the clock goes back). */
let month = "";
let monthFrom = 0;
let monthUntil = 0;
export function currentMonth(now = Date.now()): string {
  if (now >= monthUntil || now < monthFrom) {
    const date = new Date(now);
    monthFrom = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
    monthUntil = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    month = date.toISOString().slice(0, 7);
  }
  return month;
}

/** The key of an answer: who may see it (role), the month (the data status of "now" changes when a month begins), path and sorted query. */
export function answerKey(role: Role, url: string): string {
  const start = url.startsWith("/") ? 0 : url.indexOf("/", url.indexOf("//") + 2);
  const q = url.indexOf("?", start);
  const path = q === -1 ? url.slice(start) : url.slice(start, q);
  const query = q === -1 ? "" : [...new URLSearchParams(url.slice(q + 1))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join("&");
  return `${role} ${currentMonth()} ${path}?${query}`;
}

/**
 * Request ids: a random prefix per process (the first 24 characters of a random UUID) and a
 * counter of 12 decimal digits, so each id has a UUID's shape and length and is unique
 * (decision 113a); the prefix is drawn again should the counter ever run out.
 */
let idPrefix = randomUUID().slice(0, 24);
let idCount = 100_000_000_000;
export function nextRequestId(): string {
  if (idCount > 999_999_999_999) {
    idPrefix = randomUUID().slice(0, 24);
    idCount = 100_000_000_000;
  }
  return idPrefix + idCount++;
}

export function createAnswerCache(db: Kysely<Database>): AnswerCache {
  let version = -1;
  let entries = new Map<string, Promise<Entry | null>>();
  /** The same answers once settled, for the fast lane (no await on a hit). */
  let settled = new Map<string, Entry>();
  /** Role and raw URL as it came (no parsing) → the held answer its normalised key found. */
  let aliases = new Map<string, Entry>();
  let aliasMonth = "";
  let hits = 0;
  let misses = 0;
  let fast = 0;
  const readVersion = dataVersionReader(db);
  const readBatched = batchedDataVersionReader(db);
  const atVersion = (current: number) => {
    if (current !== version) {
      version = current;
      entries = new Map();
      settled = new Map();
      aliases = new Map();
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
        // An alias may point at the answer let go: forget them all (they are found again).
        aliases = new Map();
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
      const entry: Entry = {
        etag: `"${createHash("sha256").update(raw).digest("base64url").slice(0, 27)}"`,
        contentType: type,
        raw,
        gzip: gz,
        br,
        lengths: { raw: String(raw.byteLength), gzip: String(gz.byteLength), br: String(br.byteLength) },
      };
      settle(entry);
      if (map.has(key)) done.set(key, entry);
      c.res = respond(entry, c.req.header("If-None-Match"), c.req.header("Accept-Encoding"));
      return;
    }
    const entry = await pending;
    if (!entry) return next();
    // A Response returned (not built by Hono) misses the headers set with c.header: the request id.
    return respond(entry, c.req.header("If-None-Match"), c.req.header("Accept-Encoding"), c.var.requestId);
  };

  const serveHeld: AnswerCache["serveHeld"] = ({ authMode, allowedHosts }) => {
    const refusal = originRefusalOfHeaders(allowedHosts);
    /** Host headers already let through (with no Origin or Sec-Fetch-Site to weigh). */
    const passedHosts = new Set<string>();
    const cookieName = `${SESSION_COOKIE}=`;
    const held = (role: Role, url: string, ifNoneMatch: string | undefined, acceptEncoding: string | undefined): Response | undefined => {
      const now = currentMonth();
      if (now !== aliasMonth) {
        aliasMonth = now;
        aliases = new Map();
      }
      const alias = `${role} ${url}`;
      let entry = aliases.get(alias);
      if (!entry) {
        entry = settled.get(answerKey(role, url));
        if (!entry) return undefined;
        if (aliases.size >= MAX_ALIASES) aliases = new Map();
        aliases.set(alias, entry);
      }
      fast++;
      hits++;
      return fastResponse(entry, ifNoneMatch, acceptEncoding);
    };
    return (request, node) => {
      const method = node ? node.method : request.method;
      if (method !== "GET" || settled.size === 0) return undefined;
      let url: string;
      let cookie: string | undefined;
      let host: string | undefined;
      let origin: string | undefined;
      let site: string | undefined;
      let ifNoneMatch: string | undefined;
      let acceptEncoding: string | undefined;
      if (node) {
        const h = node.headers;
        url = node.url ?? "";
        cookie = h.cookie as string | undefined;
        host = h.host as string | undefined;
        origin = h.origin as string | undefined;
        site = h["sec-fetch-site"] as string | undefined;
        ifNoneMatch = h["if-none-match"] as string | undefined;
        acceptEncoding = h["accept-encoding"] as string | undefined;
      } else {
        const h = request.headers;
        const full = request.url;
        url = full.slice(full.indexOf("/", full.indexOf("//") + 2));
        cookie = h.get("cookie") ?? undefined;
        host = h.get("host") ?? new URL(full).host;
        origin = h.get("origin") ?? undefined;
        site = h.get("sec-fetch-site") ?? undefined;
        ifNoneMatch = h.get("if-none-match") ?? undefined;
        acceptEncoding = h.get("accept-encoding") ?? undefined;
      }
      if (!url.startsWith("/api/") || host === undefined) return undefined;
      // A session to look up, or a request the origin guard refuses: the full path decides.
      let role: Role = "admin";
      if (authMode !== "local") {
        if (cookie !== undefined && cookie.includes(cookieName)) return undefined;
        role = "public";
      }
      if (origin !== undefined || site !== undefined || !passedHosts.has(host)) {
        if (refusal(host, origin, site, method)) return undefined;
        if (origin === undefined && site === undefined && passedHosts.size < 64) passedHosts.add(host);
      }
      // The data version, read after this request arrived (decision 104a).
      // One read for the requests of this turn of the event loop, each of them arrived before it.
      return readBatched().then((current) => {
        atVersion(current);
        return held(role, url, ifNoneMatch, acceptEncoding);
      });
    };
  };

  return { middleware, serveHeld, stats: () => ({ version, entries: entries.size, hits, misses, fast, aliases: aliases.size }) };
}

/** The full path's answer: the framework's middleware adds the security headers and the request id. */
function respond(entry: Entry, ifNoneMatch: string | undefined, acceptEncoding: string | undefined, requestId?: string): Response {
  const headers: Record<string, string> = {
    ...(requestId ? { "X-Request-Id": requestId } : {}),
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
  return new Response(body as Uint8Array<ArrayBuffer>, { status: 200, headers });
}

const CSP = SECURITY_HEADERS["Content-Security-Policy"]!;
const NOSNIFF = SECURITY_HEADERS["X-Content-Type-Options"]!;
const REFERRER = SECURITY_HEADERS["Referrer-Policy"]!;
const FRAME = SECURITY_HEADERS["X-Frame-Options"]!;
const COOP = SECURITY_HEADERS["Cross-Origin-Opener-Policy"]!;
const CORP = SECURITY_HEADERS["Cross-Origin-Resource-Policy"]!;

/**
 * The fast lane's answer: the security headers, a request id and the answer's own headers, in a
 * plain object literal of a fixed shape (the node adapter writes a plain object straight to
 * Node's response; a literal is the cheapest object to build). The 304 carries the 200's headers
 * but those of a body (Content-Type, Content-Length, Content-Encoding). The security headers are
 * SECURITY_HEADERS' own (the test compares every one).
 */
function fastResponse(entry: Entry, ifNoneMatch: string | undefined, acceptEncoding: string | undefined): Response {
  if (ifNoneMatch !== undefined && (ifNoneMatch === entry.etag || matches(ifNoneMatch, entry.etag))) {
    return new Response(null, {
      status: 304,
      headers: {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": NOSNIFF,
        "Referrer-Policy": REFERRER,
        "X-Frame-Options": FRAME,
        "Cross-Origin-Opener-Policy": COOP,
        "Cross-Origin-Resource-Policy": CORP,
        "X-Request-Id": nextRequestId(),
        ETag: entry.etag,
        Vary: "Accept-Encoding",
        "Cache-Control": "no-cache",
      },
    });
  }
  const encoding = chooseEncodingHeld(acceptEncoding);
  if (encoding === null) {
    return new Response(entry.raw as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": NOSNIFF,
        "Referrer-Policy": REFERRER,
        "X-Frame-Options": FRAME,
        "Cross-Origin-Opener-Policy": COOP,
        "Cross-Origin-Resource-Policy": CORP,
        "X-Request-Id": nextRequestId(),
        ETag: entry.etag,
        Vary: "Accept-Encoding",
        "Cache-Control": "no-cache",
        "Content-Type": entry.contentType,
        "Content-Length": entry.lengths.raw,
      },
    });
  }
  return new Response((encoding === "br" ? entry.br : entry.gzip) as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      "Content-Security-Policy": CSP,
      "X-Content-Type-Options": NOSNIFF,
      "Referrer-Policy": REFERRER,
      "X-Frame-Options": FRAME,
      "Cross-Origin-Opener-Policy": COOP,
      "Cross-Origin-Resource-Policy": CORP,
      "X-Request-Id": nextRequestId(),
      ETag: entry.etag,
      Vary: "Accept-Encoding",
      "Cache-Control": "no-cache",
      "Content-Type": entry.contentType,
      "Content-Length": encoding === "br" ? entry.lengths.br : entry.lengths.gzip,
      "Content-Encoding": encoding,
    },
  });
}

/** Whether an If-None-Match header names this ETag (weak or strong, in a list, or "*"). */
export function matches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/** chooseEncoding remembered per Accept-Encoding value (browsers send a handful). */
const chosen = new Map<string, "br" | "gzip" | null>();
function chooseEncodingHeld(header: string | undefined): "br" | "gzip" | null {
  if (header === undefined) return null;
  let encoding = chosen.get(header);
  if (encoding === undefined) {
    encoding = chooseEncoding(header);
    if (chosen.size < 64) chosen.set(header, encoding);
  }
  return encoding;
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
