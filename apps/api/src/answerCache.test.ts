import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { batchedDataVersionReader, createDb, dataVersionReader, defaultDatasetDir, migrateToLatest, readDataVersion, type Database, type ScrutinyDb } from "@scrutiny/db";
import { importIndicatorFile, loadDataset, rollbackIndicatorBatch } from "@scrutiny/ingest";
import { createApp } from "./app";
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { answerKey, chooseEncoding, createAnswerCache, currentMonth, nextRequestId } from "./answerCache";
import { SECURITY_HEADERS } from "./security";
import type { OverviewResponse, SeriesResponse } from "./index";

/**
 * Computed answers are served from memory once per data version (issue 13): compressed once, with
 * a strong ETag and 304 on revalidation; an import or a rollback shows on the next request, in
 * this process and in another process on the same database (a second connection here).
 */
const ESSEX = "E23000028";
const HEADER = "indicator,area,month,value,numerator,denominator,survey_n,status,note";
const NOW = new Date(Date.UTC(2026, 1, 15, 12, 0));
const file = (value: number) => ({ fileName: `da-${value}.csv`, bytes: new TextEncoder().encode(`${HEADER}\nda-incidents,Essex,2025-10,${value},,,,provisional,\n`) });
const SERIES = `/api/series?indicator=da-incidents&area=${ESSEX}&from=2025-08&to=2025-10`;

let writer: ScrutinyDb;
let reader: ScrutinyDb;
let app: ReturnType<typeof createApp>;
let other: ReturnType<typeof createApp>;
let path: string;

beforeAll(async () => {
  path = join(mkdtempSync(join(tmpdir(), "scrutiny-cache-")), "db.sqlite");
  writer = createDb({ kind: "sqlite", file: path });
  await migrateToLatest(writer.db);
  await loadDataset(writer.db, defaultDatasetDir);
  reader = createDb({ kind: "sqlite", file: path });
  app = createApp(writer.db, "sqlite");
  other = createApp(reader.db, "sqlite");
}, 120_000);
afterAll(async () => {
  await reader?.close();
  await writer?.close();
});

const october = async (target: typeof app) => {
  const body = (await (await target.request(SERIES)).json()) as SeriesResponse;
  return body.points.find((p) => p.month === "2025-10")?.value ?? null;
};

describe("the answer cache", () => {
  it("serves brotli, gzip or plain bytes of one answer, with one strong ETag and Vary", async () => {
    const plain = await app.request(`/api/overview?area=${ESSEX}`);
    const br = await app.request(`/api/overview?area=${ESSEX}`, { headers: { "Accept-Encoding": "gzip, deflate, br" } });
    const gz = await app.request(`/api/overview?area=${ESSEX}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(br.headers.get("Content-Encoding")).toBe("br");
    expect(gz.headers.get("Content-Encoding")).toBe("gzip");
    const text = await plain.text();
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(text);
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(text);
    const etag = plain.headers.get("ETag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(br.headers.get("ETag")).toBe(etag);
    expect(br.headers.get("Vary")).toBe("Accept-Encoding");
    expect((JSON.parse(text) as OverviewResponse).area.code).toBe(ESSEX);
    expect(Number(br.headers.get("Content-Length"))).toBeLessThan(text.length / 4);
  });

  it("answers If-None-Match with 304 and no body, and a stale tag with the answer", async () => {
    const first = await app.request(`/api/overview?area=${ESSEX}`);
    const etag = first.headers.get("ETag")!;
    const again = await app.request(`/api/overview?area=${ESSEX}`, { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect(again.headers.get("ETag")).toBe(etag);
    expect(await again.text()).toBe("");
    const stale = await app.request(`/api/overview?area=${ESSEX}`, { headers: { "If-None-Match": '"not-this-one"' } });
    expect(stale.status).toBe(200);
  });

  it("shows an import's figure on the next request, here and in another process, and goes back on rollback", async () => {
    expect(await october(app)).toBeNull();
    expect(await october(other)).toBeNull();
    const before = (await app.request(`/api/overview?area=${ESSEX}`)).headers.get("ETag");
    const version = await readDataVersion(writer.db);

    const imported = await importIndicatorFile(writer.db, file(2650), { now: NOW });
    expect(await readDataVersion(writer.db)).toBe(version + 1);
    expect(await october(app)).toBe(2650);
    expect(await october(other)).toBe(2650);
    const overview = (await (await app.request(`/api/overview?area=${ESSEX}`)).json()) as OverviewResponse;
    expect(overview.rows.find((r) => r.indicator.id === "da-incidents")?.latest).toMatchObject({ month: "2025-10", value: 2650 });
    const after = await app.request(`/api/overview?area=${ESSEX}`, { headers: { "If-None-Match": before! } });
    expect(after.status).toBe(200);

    await importIndicatorFile(writer.db, file(2700), { now: NOW });
    expect(await october(other)).toBe(2700);
    const revised = (await importIndicatorFile(writer.db, file(2700), { now: NOW })).status;
    expect(revised).toBe("unchanged");

    const history = await writer.db.selectFrom("import_batches").select("id").where("file_name", "=", "da-2700.csv").executeTakeFirstOrThrow();
    await rollbackIndicatorBatch(writer.db, history.id);
    expect(await october(app)).toBe(2650);
    expect(await october(other)).toBe(2650);
    await rollbackIndicatorBatch(writer.db, imported.batchId!);
    expect(await october(app)).toBeNull();
    expect((await app.request(`/api/overview?area=${ESSEX}`)).headers.get("ETag")).toBe(before);
  });

  it("serves a held answer from the fast lane with the same bytes and every security header, and still refuses a foreign host", async () => {
    const url = `/api/series?indicator=police-uk-burglary&area=${ESSEX}`;
    const computed = await app.request(url, { headers: { "Accept-Encoding": "br" } });
    const held = await app.request(url, { headers: { "Accept-Encoding": "br" } });
    expect(Buffer.from(await held.arrayBuffer()).equals(Buffer.from(await computed.arrayBuffer()))).toBe(true);
    for (const response of [computed, held]) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
      expect(response.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    }
    const notModified = await app.request(url, { headers: { "If-None-Match": held.headers.get("ETag")! } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("Content-Security-Policy")).toBe(SECURITY_HEADERS["Content-Security-Policy"]);
    const foreign = await app.request(`http://evil.example${url}`, { headers: { Host: "evil.example" } });
    expect(foreign.status).toBe(403);
    const crossSite = await app.request(url, { headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(crossSite.status).toBe(403);
  });

  it("keys answers by the asker's role, so what a role may see is never served to another", () => {
    const url = `http://localhost/api/overview?b=2&area=${ESSEX}`;
    expect(answerKey("public", url)).not.toBe(answerKey("member", url));
    expect(answerKey("public", url)).toBe(answerKey("public", `http://localhost/api/overview?area=${ESSEX}&b=2`));
    expect(answerKey("public", url)).toMatch(new RegExp(`^public \\d{4}-\\d{2} /api/overview\\?area=${ESSEX}&b=2$`));
  });

  it("reads the data version once for requests arriving together, never from before a request arrived (PostgreSQL's path)", async () => {
    // A Kysely handle without the embedded database's direct reader takes the batched path.
    const plain = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(path) }) });
    try {
      const read = dataVersionReader(plain);
      const together = [read(), read(), read()];
      expect(together[1]).toBe(together[0]);
      expect(together[2]).toBe(together[0]);
      const version = await together[0]!;
      expect(version).toBe(await readDataVersion(writer.db));
      await importIndicatorFile(writer.db, file(2800), { now: NOW });
      expect(await read()).toBe(version + 1);
      // The direct reader of the embedded database agrees.
      expect(dataVersionReader(writer.db)()).toBe(version + 1);
      const batch = await writer.db.selectFrom("import_batches").select("id").where("file_name", "=", "da-2800.csv").executeTakeFirstOrThrow();
      await rollbackIndicatorBatch(writer.db, batch.id);
      expect(await read()).toBe(version + 2);
      expect(await october(other)).toBeNull();
    } finally {
      await plain.destroy();
    }
  });

  it("does not hold errors", async () => {
    const missing = await app.request("/api/series?indicator=no-such&area=E23000028");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("ETag")).toBeNull();
  });
});

describe("the fast lane (decision 113a)", () => {
  const BODY_HEADERS = ["content-type", "content-length", "content-encoding"];
  const headerMap = (response: Response) => new Map([...response.headers].filter(([name]) => name !== "x-request-id"));

  it("finds one held answer under the raw URL and under its normalised key, and serves both the same", async () => {
    const answers = createAnswerCache(writer.db);
    const mine = createApp(writer.db, "sqlite", { answers });
    const url = `/api/series?indicator=police-uk-robbery&area=${ESSEX}`;
    const computed = await mine.request(url, { headers: { "Accept-Encoding": "gzip" } });
    expect(answers.stats()).toMatchObject({ misses: 1, fast: 0, aliases: 0 });
    const again = await mine.request(url, { headers: { "Accept-Encoding": "gzip" } });
    const reordered = await mine.request(`/api/series?area=${ESSEX}&indicator=police-uk-robbery`, { headers: { "Accept-Encoding": "gzip" } });
    const encoded = await mine.request(`/api/series?area=${ESSEX}&indicator=police%2Duk%2Drobbery`, { headers: { "Accept-Encoding": "gzip" } });
    // Three answers from the fast lane, each raw URL remembered; nothing computed again.
    expect(answers.stats()).toMatchObject({ misses: 1, fast: 3, aliases: 3 });
    const bytes = Buffer.from(await computed.arrayBuffer());
    for (const response of [again, reordered, encoded]) {
      expect(response.headers.get("ETag")).toBe(computed.headers.get("ETag"));
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    }
    await mine.request(url, { headers: { "Accept-Encoding": "gzip" } });
    expect(answers.stats()).toMatchObject({ misses: 1, fast: 4, aliases: 3 });
  });

  it("sends the full path's headers, and a 304 sends the 200's headers but those of a body", async () => {
    const answers = createAnswerCache(writer.db);
    const mine = createApp(writer.db, "sqlite", { answers });
    const url = `/api/overview?area=${ESSEX}`;
    const computed = await mine.request(url, { headers: { "Accept-Encoding": "br" } });
    const held = await mine.request(url, { headers: { "Accept-Encoding": "br" } });
    expect(answers.stats().fast).toBe(1);
    expect(headerMap(held)).toEqual(headerMap(computed));
    const notModified = await mine.request(url, { headers: { "Accept-Encoding": "br", "If-None-Match": held.headers.get("ETag")! } });
    expect(notModified.status).toBe(304);
    expect(answers.stats().fast).toBe(2);
    const withoutBody = new Map([...headerMap(held)].filter(([name]) => !BODY_HEADERS.includes(name)));
    expect(headerMap(notModified)).toEqual(withoutBody);
    expect(withoutBody.get("etag")).toBe(held.headers.get("ETag"));
    expect(withoutBody.get("content-security-policy")).toBe(SECURITY_HEADERS["Content-Security-Policy"]);
  });

  it("gives every answer its own request id, of a UUID's shape", async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 10_000; i++) ids.add(nextRequestId());
    expect(ids.size).toBe(10_000);
    for (const id of [...ids].slice(0, 50)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-\d{12}$/);
    const url = `/api/series?indicator=police-uk-burglary&area=${ESSEX}`;
    // Computed once while the other two wait for it (the full path), then held (the fast lane).
    const mine = createApp(writer.db, "sqlite");
    const answers = [...(await Promise.all([1, 2, 3].map(() => mine.request(url)))), ...(await Promise.all([1, 2, 3].map(() => mine.request(url))))];
    const sent = answers.map((r) => r.headers.get("X-Request-Id"));
    for (const id of sent) expect(id).toMatch(/^[0-9a-f-]{24}\d{12}$/);
    expect(new Set(sent).size).toBe(6);
  });

  it("serves a real server's requests from Node's own request: held answers, 304, a foreign host refused, a session cookie sent to the full path", async () => {
    const answers = createAnswerCache(writer.db);
    const mine = createApp(writer.db, "sqlite", { answers, authMode: "required" });
    const server = serve({ fetch: mine.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    const port = (server.address() as AddressInfo).port;
    const get = (path: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        httpRequest({ host: "127.0.0.1", port, path, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on("error", reject)
          .end();
      });
    try {
      const url = `/api/series?indicator=police-uk-burglary&area=${ESSEX}`;
      const computed = await get(url, { "Accept-Encoding": "br" });
      expect(computed.status).toBe(200);
      const held = await get(url, { "Accept-Encoding": "br" });
      expect(answers.stats().fast).toBe(1);
      expect(held.headers["content-encoding"]).toBe("br");
      expect(held.headers["content-length"]).toBe(String(held.body.byteLength));
      expect(held.body.equals(computed.body)).toBe(true);
      expect(held.headers["x-content-type-options"]).toBe("nosniff");
      const notModified = await get(url, { "If-None-Match": String(held.headers.etag) });
      expect(notModified.status).toBe(304);
      expect(notModified.body.byteLength).toBe(0);
      expect(answers.stats().fast).toBe(2);
      const foreign = await get(url, { Host: "evil.example" });
      expect(foreign.status).toBe(403);
      const crossSite = await get(url, { "Sec-Fetch-Site": "cross-site" });
      expect(crossSite.status).toBe(403);
      // A session cookie (here an unknown one: the public) is looked up by the full path.
      const signedIn = await get(url, { Cookie: "scrutiny_session=not-a-session" });
      expect(signedIn.status).toBe(200);
      expect(answers.stats().fast).toBe(2);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("reads the embedded database's version once for the requests of one turn, after they arrived", async () => {
    const read = batchedDataVersionReader(reader.db);
    const together = [read(), read(), read()];
    expect(together[1]).toBe(together[0]);
    expect(together[2]).toBe(together[0]);
    const version = await together[0]!;
    expect(version).toBe(await readDataVersion(writer.db));
    // Another connection's commit (another process) shows on the next read.
    await importIndicatorFile(writer.db, file(2900), { now: NOW });
    const next = read();
    expect(next).not.toBe(together[0]);
    expect(await next).toBe(version + 1);
    const batch = await writer.db.selectFrom("import_batches").select("id").where("file_name", "=", "da-2900.csv").executeTakeFirstOrThrow();
    await rollbackIndicatorBatch(writer.db, batch.id);
    expect(await read()).toBe(version + 2);
  });

  it("keeps the month until a month begins, and follows the clock back", () => {
    expect(currentMonth(Date.UTC(2026, 0, 31, 23, 59, 59, 999))).toBe("2026-01");
    expect(currentMonth(Date.UTC(2026, 1, 1))).toBe("2026-02");
    expect(currentMonth(Date.UTC(2026, 11, 31, 23, 59))).toBe("2026-12");
    expect(currentMonth(Date.UTC(2027, 0, 1, 0, 0))).toBe("2027-01");
    expect(currentMonth(Date.UTC(2026, 0, 15))).toBe("2026-01");
    expect(currentMonth()).toBe(new Date().toISOString().slice(0, 7));
  });
});

describe("choosing an encoding", () => {
  it("prefers brotli, then gzip, and honours q=0", () => {
    expect(chooseEncoding("gzip, deflate, br")).toBe("br");
    expect(chooseEncoding("gzip")).toBe("gzip");
    expect(chooseEncoding("br;q=0, gzip")).toBe("gzip");
    expect(chooseEncoding("identity")).toBeNull();
    expect(chooseEncoding(undefined)).toBeNull();
    expect(chooseEncoding("*")).toBe("br");
  });
});
