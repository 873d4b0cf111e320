import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { MiddlewareHandler } from "hono";
import { readDataVersion } from "@scrutiny/db";
import type { AppEnv } from "./context";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Computed answers (scorecard, series, comparisons, data status) served from memory: each is
 * computed once per data state, compressed once (gzip and brotli kept beside the raw bytes) and
 * given a strong ETag, so a revalidation is a 304 with no body. The key is the request's path and
 * query; the state is the database's data version, read on every request (one primary-key row),
 * so several API processes on one database each see another's import on their next request
 * (docs/decisions/104a-cache-keyed-by-data-version.md).
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
  stats(): { version: number; entries: number; hits: number; misses: number };
}

export function createAnswerCache(): AnswerCache {
  let version = -1;
  let entries = new Map<string, Promise<Entry | null>>();
  let hits = 0;
  let misses = 0;

  const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.req.method !== "GET") return next();
    const current = await readDataVersion(c.var.db);
    if (current !== version) {
      version = current;
      entries = new Map();
    }
    const url = new URL(c.req.url);
    // The month is part of the key: the data status of "now" changes when a month begins.
    // So is what the caller may see: the public's answers leave out unpublished indicators, and a
    // member's answer is never served to the public (decision 110a).
    const key = `${c.var.seesUnpublished ? "all" : "public"} ${new Date().toISOString().slice(0, 7)} ${url.pathname}?${[...url.searchParams].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join("&")}`;
    let pending = entries.get(key);
    if (pending) hits++;
    else {
      misses++;
      const map = entries;
      // Computed by this request; requests for the same answer meanwhile wait for it.
      let settle!: (entry: Entry | null) => void;
      pending = new Promise<Entry | null>((resolve) => (settle = resolve));
      if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value as string);
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
      c.res = respond(entry, c.req.header("If-None-Match"), c.req.header("Accept-Encoding"));
      return;
    }
    const entry = await pending;
    if (!entry) return next();
    return respond(entry, c.req.header("If-None-Match"), c.req.header("Accept-Encoding"));
  };

  return { middleware, stats: () => ({ version, entries: entries.size, hits, misses }) };
}

function respond(entry: Entry, ifNoneMatch: string | undefined, acceptEncoding: string | undefined): Response {
  const headers: Record<string, string> = {
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
