import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { apiOnDefaultDataset } from "../../../tests/support/api";
import { zipOfDeflated } from "../../../tests/support/zip";
import { createApp } from "./app";
import { CONTENT_SECURITY_POLICY } from "./security";

const ESSEX = "E23000028";
const BASILDON = "E07000066";
const CSRF = { "X-Scrutiny-Csrf": "1" };
const api = apiOnDefaultDataset();

type Body = { code: string; message: string; requestId?: string; problems?: { message: string; value?: string }[] };
const json = async (response: Response) => (await response.json()) as Body;
const batches = async () => Number((await api.handle.db.selectFrom("import_batches").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

const CSV = ["indicator,area,month,value", "da-incidents,Basildon,2025-11,231"].join("\n");
function fileForm(name: string, content: BlobPart) {
  const form = new FormData();
  form.set("file", new File([content], name));
  return form;
}

/** A zip holding one entry, built by hand so that the test controls what it inflates to. */
function zipOf(name: string, content: Buffer): Uint8Array {
  return zipOfDeflated([[name, deflateRawSync(content, { level: 9 })]]);
}

describe("every month parameter is a month from 1990-01 to 2100-12", () => {
  it("answers ?asOf=0000-01 with 400 quickly (it once looped for ever) and keeps answering", async () => {
    const started = performance.now();
    const response = await api.app.request(`/api/imports/status?asOf=0000-01`);
    expect(response.status).toBe(400);
    expect((await json(response)).message).toBe("asOf: must be a month from 1990-01 to 2100-12");
    expect(performance.now() - started).toBeLessThan(2000);
    expect((await api.app.request("/api/health")).status).toBe(200);
  });

  it.each([
    [`/api/series?indicator=police-uk-burglary&area=${BASILDON}&from=0001-01`, "from"],
    [`/api/series?indicator=police-uk-burglary&area=${BASILDON}&to=9999-12`, "to"],
    [`/api/compare/districts?indicator=police-uk-burglary&month=1989-12`, "month"],
    [`/api/compare/msg?indicator=police-uk-burglary&month=2101-01`, "month"],
    [`/api/compare/districts/series?indicator=police-uk-burglary&from=0000-01`, "from"],
    [`/api/imports/template.csv?month=0000-01`, "month"],
    [`/api/imports/status?asOf=9999-12`, "asOf"],
    [`/api/imports/revisions?indicator=da-incidents&area=${ESSEX}&month=0000-01`, "month"],
  ])("%s → 400 naming %s", async (path, parameter) => {
    const response = await api.app.request(path);
    expect(response.status).toBe(400);
    expect((await json(response)).message).toMatch(new RegExp(`^${parameter}: must be a month`));
  });

  it("refuses a megabyte-long month at once", async () => {
    const started = performance.now();
    const response = await api.app.request(`/api/imports/status?asOf=${"9".repeat(1_000_000)}`);
    expect(response.status).toBe(400);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("still serves the edges of the range", async () => {
    const response = await api.app.request(`/api/imports/status?asOf=2100-12`);
    expect(response.status).toBe(200);
  });
});

describe("uploads are bounded", () => {
  it("refuses a workbook that inflates past 64 MB with 413 naming the limit, writing nothing", async () => {
    const before = await batches();
    const bomb = zipOf("xl/sharedStrings.xml", Buffer.alloc(70 * 1024 * 1024, 0x61));
    expect(bomb.byteLength).toBeLessThan(200 * 1024);
    const started = performance.now();
    const response = await api.app.request("/api/imports", { method: "POST", body: fileForm("bomb.xlsx", bomb as BlobPart), headers: CSRF });
    expect(response.status).toBe(413);
    const body = await json(response);
    expect(body.code).toBe("payload_too_large");
    expect(body.message).toContain("64 MB");
    expect(body.requestId).toMatch(/\S/);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await batches()).toBe(before);
  });

  it("refuses a cell longer than 2,000 characters with 422 naming the limit and the cell", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Indicators");
    sheet.addRow(["indicator", "area", "month", "value", "note"]);
    sheet.addRow(["da-incidents", "Basildon", "2025-11", 231, "x".repeat(5000)]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const response = await api.app.request("/api/imports/preview", { method: "POST", body: fileForm("long.xlsx", bytes as BlobPart), headers: CSRF });
    const body = (await response.json()) as { problems: { line: number; column: string; message: string; value: string }[] };
    expect(body.problems[0]).toMatchObject({ line: 2, column: "E", message: "the cell holds 5,000 characters, over the limit of 2,000 characters a cell may hold" });
    expect(body.problems[0]!.value.length).toBeLessThanOrEqual(81);
  });

  it("says a damaged workbook is damaged without the zip library's own message", async () => {
    const response = await api.app.request("/api/imports", { method: "POST", body: fileForm("broken.xlsx", new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]) as BlobPart), headers: CSRF });
    expect(response.status).toBe(422);
    const body = await json(response);
    expect(body.problems?.map((p) => p.message)).toEqual(["the workbook cannot be read, it may be truncated or damaged: open it in Excel and save it again as .xlsx, or as CSV UTF-8"]);
    expect(body.requestId).toMatch(/\S/);
  });

  it("refuses a JSON body over 1 MB with 413", async () => {
    const response = await api.app.request("/api/imports/x/rollback", { method: "POST", body: JSON.stringify({ user: "x".repeat(2 * 1024 * 1024) }), headers: { ...CSRF, "Content-Type": "application/json" } });
    expect(response.status).toBe(413);
    expect((await json(response)).message).toBe("The request body is over the 1 MB limit.");
  });

  it("refuses an upload over 20 MB with 413 before reading it", async () => {
    const response = await api.app.request("/api/imports/preview", { method: "POST", body: fileForm("big.csv", new Uint8Array(21 * 1024 * 1024) as BlobPart), headers: CSRF });
    expect(response.status).toBe(413);
    expect((await json(response)).message).toContain("20 MB");
  });
});

describe("error bodies", () => {
  it.each([
    ["/api/nope", 404],
    ["/api/areas?force=essex", 400],
    ["/api/imports/unknown-batch", 404],
  ])("%s has a code, a message and the request id that the response header carries", async (path, status) => {
    const response = await api.app.request(path);
    expect(response.status).toBe(status);
    const body = await json(response);
    expect(body.requestId).toBe(response.headers.get("X-Request-Id"));
    expect(body.requestId).toMatch(/^[\w-]{8,}$/);
  });

  it("gives malformed JSON a fixed message, not the parser's", async () => {
    const response = await api.app.request("/api/imports/x/rollback", { method: "POST", body: "{not json", headers: { ...CSRF, "Content-Type": "application/json" } });
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body.message).not.toMatch(/JSON at position|Unexpected token|SyntaxError/);
    expect(body.requestId).toMatch(/\S/);
  });
});

describe("security headers", () => {
  const webDir = mkdtempSync(join(tmpdir(), "scrutiny-web-"));
  mkdirSync(join(webDir, "assets"));
  writeFileSync(join(webDir, "index.html"), '<!doctype html><title>t</title><script type="module" src="/assets/app.js"></script>');
  writeFileSync(join(webDir, "assets", "app.js"), "console.log(1)");

  it.each(["/api/health", "/api/nope", "/", "/districts", "/assets/app.js"])("%s carries CSP, nosniff, Referrer-Policy and no framing", async (path) => {
    const app = createApp(api.handle.db, "sqlite", { webDir: relative(process.cwd(), webDir) });
    const response = await app.request(path);
    expect(response.headers.get("Content-Security-Policy")).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe-inline");
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("Referrer-Policy")).toBe("no-referrer");
  });

  it("answers a missing /assets file with 404, not the dashboard's HTML", async () => {
    const app = createApp(api.handle.db, "sqlite", { webDir: relative(process.cwd(), webDir) });
    const missing = await app.request("/assets/missing-123.js");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("Content-Type")).toContain("application/json");
    const route = await app.request("/districts");
    expect(route.status).toBe(200);
    expect(await route.text()).toContain("<title>t</title>");
  });
});

describe("no cross-site writes", () => {
  it("refuses a cross-origin form post (text/plain) to roll back a batch, changing nothing", async () => {
    const imported = await api.app.request("/api/imports", { method: "POST", body: fileForm("csrf.csv", CSV), headers: CSRF });
    expect(imported.status).toBe(201);
    const { batchId } = (await imported.json()) as { batchId: string };
    const path = `/api/imports/${encodeURIComponent(batchId)}/rollback`;
    // A browser posting a form from another origin: text/plain, its Origin, no custom header.
    const foreign = await api.app.request(path, { method: "POST", body: "user=x", headers: { "Content-Type": "text/plain", Origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    expect((await json(foreign)).code).toBe("foreign_origin");
    // The same without an Origin (an old browser): the missing custom header refuses it.
    const noHeader = await api.app.request(path, { method: "POST", body: "{}", headers: { "Content-Type": "text/plain" } });
    expect(noHeader.status).toBe(403);
    expect((await json(noHeader)).code).toBe("csrf");
    const history = (await (await api.app.request(`/api/imports/${encodeURIComponent(batchId)}`)).json()) as { batch: { status: string } };
    expect(history.batch.status).toBe("active");
    // The dashboard's own request (same origin, custom header) is served.
    const own = await api.app.request(path, { method: "POST", body: "{}", headers: { ...CSRF, "Content-Type": "application/json", Origin: "http://localhost" } });
    expect(own.status).toBe(200);
  });

  it("refuses a cross-origin multipart import, writing nothing", async () => {
    const before = await batches();
    const foreign = await api.app.request("/api/imports", { method: "POST", body: fileForm("evil.csv", CSV.replace("231", "999")), headers: { Origin: "http://evil.example" } });
    expect(foreign.status).toBe(403);
    const noHeader = await api.app.request("/api/imports", { method: "POST", body: fileForm("evil.csv", CSV.replace("231", "999")) });
    expect(noHeader.status).toBe(403);
    const withHeaderButForeign = await api.app.request("/api/imports", { method: "POST", body: fileForm("evil.csv", CSV.replace("231", "999")), headers: { ...CSRF, Origin: "http://evil.example", "Sec-Fetch-Site": "cross-site" } });
    expect(withHeaderButForeign.status).toBe(403);
    expect(await batches()).toBe(before);
  });

  it("refuses a foreign Host (DNS rebinding) on every path, reads included", async () => {
    for (const url of ["http://evil.example:8787/api/health", "http://rebind.attacker.test/api/imports"]) {
      const response = await api.app.request(url);
      expect(response.status).toBe(403);
      expect((await json(response)).code).toBe("foreign_host");
    }
    const viaHeader = await api.app.request("/api/health", { headers: { Host: "evil.example" } });
    expect(viaHeader.status).toBe(403);
    for (const url of ["http://localhost:8787/api/health", "http://127.0.0.1:9/api/health", "http://[::1]:8787/api/health"]) expect((await api.app.request(url)).status).toBe(200);
  });

  it("answers to a host name it is told is its own", async () => {
    const app = createApp(api.handle.db, "sqlite", { allowedHosts: ["scrutiny.essex.example"] });
    expect((await app.request("https://scrutiny.essex.example/api/health")).status).toBe(200);
    expect((await app.request("https://scrutiny.essex.example/api/health", { headers: { Origin: "https://scrutiny.essex.example" } })).status).toBe(200);
    expect((await app.request("https://other.example/api/health")).status).toBe(403);
  });
});
