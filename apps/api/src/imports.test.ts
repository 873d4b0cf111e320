import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { snapshot } from "../../../tests/support/db";
import { apiOnDefaultDataset } from "../../../tests/support/api";
import type { DataStatusResponse, ImportHistoryEntry, IndicatorFilePreview, IndicatorImportResult, ObservationHistory } from "./index";

const ESSEX = "E23000028";
const BASILDON = "E07000066";
const api = apiOnDefaultDataset();

function upload(path: string, name: string, text: string | Uint8Array, headers: Record<string, string> = {}, user?: string) {
  const form = new FormData();
  form.set("file", new File([text as BlobPart], name));
  if (user) form.set("user", user);
  return api.app.request(path, { method: "POST", body: form, headers: { "X-Scrutiny-Csrf": "1", ...headers } });
}

const NOV = ["indicator,area,month,value,numerator,denominator,survey_n,status,note", "da-incidents,Basildon,2025-11,231,,,,provisional,", "satisfaction-treatment,E23000028,2025-11,90,360,400,400,final,"].join("\n");

describe("POST /api/imports/preview", () => {
  it("returns each problem with its line, column and value, and writes nothing", async () => {
    const before = await snapshot(api.handle.db);
    const bad = ["indicator,area,month,value", "da-incidents,Basildn,2025-11,12", "da-incidents,Basildon,2025-11,-4"].join("\n");
    const response = await upload("/api/imports/preview", "bad.csv", bad);
    expect(response.status).toBe(200);
    const body = (await response.json()) as IndicatorFilePreview;
    expect(body.status).toBe("invalid");
    expect(body.problems.map((p) => [p.line, p.column, p.value, p.suggestion ?? null])).toEqual([
      [2, "area", "Basildn", "Basildon"],
      [3, "value", "-4", null],
    ]);
    expect(body.rows.find((r) => r.line === 3)?.problems).toEqual([{ column: "value", message: "a count cannot be negative" }]);
    expect(await snapshot(api.handle.db)).toBe(before);
  });

  it("shows what the file would create", async () => {
    const body = (await (await upload("/api/imports/preview", "nov.csv", NOV)).json()) as IndicatorFilePreview;
    expect(body).toMatchObject({ status: "ready", rowsRead: 2, counts: { created: 2, revised: 0, unchanged: 0 }, format: "csv" });
    expect(body.rows.map((r) => r.change)).toEqual(["created", "created"]);
  });

  it("asks for the file field", async () => {
    const response = await api.app.request("/api/imports/preview", { method: "POST", body: new FormData(), headers: { "X-Scrutiny-Csrf": "1" } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/^file: /);
  });

  it("refuses a file over the size limit with 413 and says the limit", async () => {
    const big = new Uint8Array(21 * 1024 * 1024).fill(65);
    const response = await upload("/api/imports/preview", "big.csv", big);
    expect(response.status).toBe(413);
    expect(((await response.json()) as { code: string; message: string })).toMatchObject({ code: "payload_too_large", message: expect.stringContaining("20 MB") });
  });
});

describe("import, revisions and rollback over HTTP", () => {
  let first: IndicatorImportResult;
  let second: IndicatorImportResult;

  it("imports a file (201) and records the local user, not the name typed in the form field", async () => {
    const response = await upload("/api/imports", "nov.csv", NOV, {}, "Jo Bloggs");
    expect(response.status).toBe(201);
    first = (await response.json()) as IndicatorImportResult;
    expect(first).toMatchObject({ status: "imported", importedBy: "local user", counts: { created: 2, revised: 0, unchanged: 0 } });
    const series = (await (await api.app.request(`/api/series?indicator=da-incidents&area=${BASILDON}&from=2025-11&to=2025-11`)).json()) as { points: { value: number }[] };
    expect(series.points[0]?.value).toBe(231);
  });

  it("treats the same file again as a no-op (200, unchanged)", async () => {
    const before = await snapshot(api.handle.db);
    const response = await upload("/api/imports", "nov-again.csv", NOV);
    expect(response.status).toBe(200);
    expect(((await response.json()) as IndicatorImportResult).status).toBe("unchanged");
    expect(await snapshot(api.handle.db)).toBe(before);
  });

  it("rejects a bad file with 422 and its problems, and changes nothing", async () => {
    const before = await snapshot(api.handle.db);
    const response = await upload("/api/imports", "bad.csv", "indicator,area,month,value\nda-incidents,Basildon,2025-11,abc\n");
    expect(response.status).toBe(422);
    const body = (await response.json()) as { code: string; problems: { line: number; column: string; value: string }[] };
    expect(body.code).toBe("import_rejected");
    expect(body.problems).toMatchObject([{ line: 2, column: "value", value: "abc" }]);
    expect(await snapshot(api.handle.db)).toBe(before);
  });

  it("records a revision with old and new values, its file, time and who (never the typed X-Scrutiny-User header)", async () => {
    const revised = NOV.replace("231,,,,provisional", "240,,,,final");
    const response = await upload("/api/imports", "nov-revised.csv", revised, { "X-Scrutiny-User": "Performance team" });
    second = (await response.json()) as IndicatorImportResult;
    expect(second).toMatchObject({ status: "imported", importedBy: "local user", counts: { created: 0, revised: 1, unchanged: 1 } });
    const history = (await (await api.app.request(`/api/imports/revisions?indicator=da-incidents&area=${BASILDON}&month=2025-11`)).json()) as ObservationHistory;
    expect(history.current).toMatchObject({ value: 240, status: "final", batchId: second.batchId });
    expect(history.revisions.map((r) => [r.change, r.old_value, r.new_value, r.old_status, r.new_status, r.file_name, r.imported_by])).toEqual([
      ["created", null, 231, null, "provisional", "nov.csv", "local user"],
      ["revised", 231, 240, "provisional", "final", "nov-revised.csv", "local user"],
    ]);
    expect(history.revisions[1]?.imported_at).toBe(second.importedAt);
  });

  it("lists the history with counts, newest first", async () => {
    const history = (await (await api.app.request("/api/imports")).json()) as ImportHistoryEntry[];
    expect(history.slice(0, 2).map((h) => [h.file, h.status, h.counts])).toEqual([
      ["nov-revised.csv", "active", { created: 0, revised: 1, unchanged: 1 }],
      ["nov.csv", "active", { created: 2, revised: 0, unchanged: 0 }],
    ]);
  });

  it("refuses to roll back a batch a later one overwrote (409, naming it)", async () => {
    const response = await api.app.request(`/api/imports/${encodeURIComponent(first.batchId!)}/rollback`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json", "X-Scrutiny-Csrf": "1" } });
    expect(response.status).toBe(409);
    expect(((await response.json()) as { message: string }).message).toContain("nov-revised.csv");
  });

  it("rolls the later batch back, restoring the previous values exactly", async () => {
    const response = await api.app.request(`/api/imports/${encodeURIComponent(second.batchId!)}/rollback`, { method: "POST", body: JSON.stringify({ user: "Jo Bloggs" }), headers: { "Content-Type": "application/json", "X-Scrutiny-Csrf": "1" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ restored: 2, deleted: 0, rolledBackBy: "local user" });
    const history = (await (await api.app.request(`/api/imports/revisions?indicator=da-incidents&area=${BASILDON}&month=2025-11`)).json()) as ObservationHistory;
    expect(history.current).toMatchObject({ value: 231, status: "provisional", batchId: first.batchId });
    expect(history.revisions[1]).toMatchObject({ batch_status: "rolled back", rolled_back_by: "local user" });
    const again = await api.app.request(`/api/imports/${encodeURIComponent(second.batchId!)}/rollback`, { method: "POST", body: "{}", headers: { "Content-Type": "application/json", "X-Scrutiny-Csrf": "1" } });
    expect(again.status).toBe(409);
  });

  it("shows one batch with its changes", async () => {
    const body = (await (await api.app.request(`/api/imports/${encodeURIComponent(first.batchId!)}`)).json()) as { batch: ImportHistoryEntry; changes: { change: string; indicator_id: string }[] };
    expect(body.batch).toMatchObject({ file: "nov.csv", importedBy: "local user" });
    expect(body.changes.map((c) => c.indicator_id).sort()).toEqual(["da-incidents", "satisfaction-treatment"]);
    expect((await api.app.request("/api/imports/nope")).status).toBe(404);
    // Revisions first: what the officer needs to check.
    const revised = (await (await api.app.request(`/api/imports/${encodeURIComponent(second.batchId!)}`)).json()) as { changes: { change: string }[] };
    expect(revised.changes.map((c) => c.change)).toEqual(["revised", "unchanged"]);
  });
});

describe("GET /api/imports/template", () => {
  it("serves a CSV with every importable indicator due that month for the force and its districts", async () => {
    const response = await api.app.request(`/api/imports/template.csv?month=2025-12`);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const lines = (await response.text()).trim().split("\n");
    expect(lines[0]).toBe("indicator,indicator_name,unit,area,area_name,month,value,numerator,denominator,survey_n,status,note");
    // 17 monthly + 2 quarterly indicators due in December (not the six-monthly NFIB), × 15 areas.
    expect(lines).toHaveLength(1 + 19 * 15);
    expect(lines).toContain("da-incidents,Domestic abuse incidents,count,E07000066,Basildon,2025-12,,,,,,");
  });

  it("serves an .xlsx whose month column is text, with the catalogue and areas", async () => {
    const response = await api.app.request(`/api/imports/template.xlsx?month=2025-09&force=${ESSEX}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await response.arrayBuffer()) as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Indicators", "Catalogue", "Areas", "Read me"]);
    const sheet = workbook.getWorksheet("Indicators")!;
    expect(sheet.getCell("F2").value).toBe("2025-09");
    expect(sheet.getCell("F2").numFmt).toBe("@");
    expect(workbook.getWorksheet("Areas")!.rowCount).toBe(16);
    // September closes a quarter and a half year: all 20 indicators are due.
    expect(sheet.actualRowCount).toBe(1 + 20 * 15);
  });
});

describe("GET /api/imports/status", () => {
  it("lists what is late or has no data, by source, as of a month", async () => {
    const body = (await (await api.app.request(`/api/imports/status?asOf=2026-02`)).json()) as DataStatusResponse;
    expect(body.force.name).toBe("Essex");
    const police = body.sources.find((s) => s.source === "data.police.uk");
    // police.uk: lag 2, so in February 2026 November 2025 is due; December 2025 is held.
    expect(police?.rows.find((r) => r.indicator.id === "police-uk-burglary")?.freshness).toMatchObject({ status: "on time", latestHeld: "2025-12", expectedLatest: "2025-11" });
    const force = body.sources.find((s) => s.source === "Essex Police");
    const nfib = body.sources.find((s) => s.source === "National Fraud Intelligence Bureau")?.rows[0];
    expect(nfib).toMatchObject({ indicator: { cadence: "six-monthly", expectedLagMonths: 3 }, freshness: { status: "no data", expectedLatest: "2025-09" } });
    const da = force?.rows.find((r) => r.indicator.id === "da-incidents");
    // Imported above for November 2025 (Basildon only); December 2025 is due in February 2026.
    expect(da?.freshness).toMatchObject({ status: "late", latestHeld: "2025-11", expectedLatest: "2025-12", periodsBehind: 1 });
    expect(body.sources.at(-1)?.isSample).toBe(true);
    const ho = body.sources.find((s) => s.source === "Home Office");
    expect(ho?.counts).toMatchObject({ onTime: 0 });
    expect(ho?.counts.late).toBeGreaterThan(20);
  });

  it("rejects a malformed asOf with 400", async () => {
    expect((await api.app.request("/api/imports/status?asOf=2026-13")).status).toBe(400);
  });
});
