import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { createDb, dataVersionReader, defaultDatasetDir, migrateToLatest, readDataVersion, type Database, type ScrutinyDb } from "@scrutiny/db";
import { importIndicatorFile, loadDataset, rollbackIndicatorBatch } from "@scrutiny/ingest";
import { createApp } from "./app";
import { answerKey, chooseEncoding } from "./answerCache";
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
