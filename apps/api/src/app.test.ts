import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, defaultDatasetDir, migrateToLatest, type ScrutinyDb } from "@scrutiny/db";
import { loadDataset } from "@scrutiny/ingest";
import { createApp } from "./app";
import type { SeriesResponse, OverviewResponse } from "./index";

const ESSEX = "E23000028";
const BASILDON = "E07000066";

let handle: ScrutinyDb;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  handle = createDb({ kind: "sqlite", file: ":memory:" });
  await migrateToLatest(handle.db);
  await loadDataset(handle.db, defaultDatasetDir);
  app = createApp(handle.db, "sqlite");
});
afterAll(() => handle.close());

const get = async <T>(path: string) => {
  const response = await app.request(path);
  return { status: response.status, body: (await response.json()) as T };
};

describe("GET /api/health", () => {
  it("reports the database and what it holds", async () => {
    const { status, body } = await get<{ status: string; database: string; observations: number }>("/api/health");
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: "ok", database: "sqlite" });
    expect(body.observations).toBeGreaterThan(100_000);
  });
});

describe("GET /api/areas", () => {
  it("lists Essex and its 14 districts for ?force=", async () => {
    const { body } = await get<{ code: string; name: string; kind: string; parentCode: string | null }[]>(`/api/areas?force=${ESSEX}`);
    expect(body.filter((a) => a.kind === "force").map((a) => a.name)).toEqual(["Essex"]);
    expect(body.filter((a) => a.kind === "district").map((a) => a.name).sort()).toEqual([
      "Basildon", "Braintree", "Brentwood", "Castle Point", "Chelmsford", "Colchester", "Epping Forest",
      "Harlow", "Maldon", "Rochford", "Southend-on-Sea", "Tendring", "Thurrock", "Uttlesford",
    ]);
  });

  it("rejects a malformed force code with 400 naming the parameter", async () => {
    const { status, body } = await get<{ code: string; message: string }>("/api/areas?force=essex");
    expect(status).toBe(400);
    expect(body.code).toBe("bad_request");
    expect(body.message).toMatch(/^force: /);
  });
});

describe("GET /api/indicators", () => {
  it("lists indicators with unit, direction, priority, source and whether they are sample data", async () => {
    const { body } = await get<{ id: string; unit: string; direction: string; source: string; isSample: boolean }[]>("/api/indicators");
    expect(body.find((i) => i.id === "police-uk-burglary")).toMatchObject({ unit: "count", direction: "lower", source: "data.police.uk", isSample: false });
    expect(body.find((i) => i.id === "sample-da-incidents")).toMatchObject({ source: "sample data", isSample: true });
    expect(body.find((i) => i.id === "police-uk-all-crime-solved-rate")).toMatchObject({ unit: "percentage", direction: "higher" });
  });
});

describe("GET /api/series", () => {
  it("returns one point per month with null for missing months", async () => {
    const { status, body } = await get<SeriesResponse>(`/api/series?indicator=police-uk-burglary&area=${BASILDON}&from=2018-06&to=2018-11`);
    expect(status).toBe(200);
    expect(body.points.map((p) => p.month)).toEqual(["2018-06", "2018-07", "2018-08", "2018-09", "2018-10", "2018-11"]);
    expect(body.points.map((p) => p.value === null)).toEqual([false, false, true, true, false, false]);
    expect(body.area).toEqual({ code: BASILDON, name: "Basildon", kind: "district", parentCode: ESSEX });
  });

  it("defaults to the 36 months to the latest month held, with the files they came from", async () => {
    const { body } = await get<SeriesResponse>(`/api/series?indicator=police-uk-burglary&area=${BASILDON}`);
    expect(body.to).toBe("2025-12");
    expect(body.from).toBe("2023-01");
    expect(body.points).toHaveLength(36);
    expect(body.sources.map((s) => s.fileName)).toContain("2025-12-essex-street.csv");
    expect(body.sources.every((s) => s.kind === "police-uk-street")).toBe(true);
  });

  it("carries numerator and denominator for rates", async () => {
    const { body } = await get<SeriesResponse>(`/api/series?indicator=police-uk-all-crime-solved-rate&area=${ESSEX}&from=2025-01&to=2025-01`);
    const [point] = body.points;
    expect(point?.numerator).toBeGreaterThan(0);
    expect(point?.value).toBeCloseTo((100 * (point?.numerator ?? 0)) / (point?.denominator ?? 1), 10);
  });

  it.each([
    ["indicator=police-uk-burglary", /^area: /],
    [`area=${ESSEX}`, /^indicator: /],
    [`indicator=police-uk-burglary&area=${ESSEX}&from=2025-13`, /^from: must be a month/],
    [`indicator=police-uk-burglary&area=${ESSEX}&to=Jan-2025`, /^to: must be a month/],
    [`indicator=police-uk-burglary&area=${ESSEX}&from=2025-06&to=2025-01`, /^from: must not be after to/],
    [`indicator=police-uk-burglary&area=${ESSEX}&from=1900-01&to=2025-01`, /^from: the range may span at most 600 months/],
    [`indicator=Bad Id&area=${ESSEX}`, /^indicator: /],
  ])("400 for %s", async (query, message) => {
    const { status, body } = await get<{ code: string; message: string }>(`/api/series?${query}`);
    expect(status).toBe(400);
    expect(body.code).toBe("bad_request");
    expect(body.message).toMatch(message);
  });

  it.each([
    [`indicator=no-such-indicator&area=${ESSEX}`, 'No indicator with id "no-such-indicator"'],
    ["indicator=police-uk-burglary&area=E07999999", 'No area with code "E07999999"'],
  ])("404 for %s", async (query, message) => {
    const { status, body } = await get<{ code: string; message: string }>(`/api/series?${query}`);
    expect(status).toBe(404);
    expect(body).toMatchObject({ code: "not_found", message });
  });
});

describe("GET /api/overview", () => {
  it("gives each indicator's latest month, the same month last year and the change", async () => {
    const { body } = await get<OverviewResponse>(`/api/overview?area=${ESSEX}`);
    const da = body.rows.find((r) => r.indicator.id === "sample-da-incidents");
    expect(da?.latest?.month).toBe("2025-12");
    expect(da?.sameMonthLastYear?.month).toBe("2024-12");
    expect(da?.change?.absolute).toBe((da?.latest?.value ?? 0) - (da?.sameMonthLastYear?.value ?? 0));
    expect(da?.sparkline).toHaveLength(36);
    // police.uk holds no Dec 2024 for Essex: the change is honestly absent, not computed against zero.
    const burglary = body.rows.find((r) => r.indicator.id === "police-uk-burglary");
    expect(burglary?.latest?.month).toBe("2025-12");
    expect(burglary?.sameMonthLastYear).toBeNull();
    expect(burglary?.change).toBeNull();
  });

  it("orders indicators by Police and Crime Plan priority", async () => {
    const { body } = await get<OverviewResponse>(`/api/overview?area=${BASILDON}`);
    const priorities = body.rows.map((r) => r.indicator.priority);
    expect(priorities[0]).toBe("Domestic abuse");
    expect(priorities.indexOf("Crime prevention")).toBeGreaterThan(priorities.lastIndexOf("Road safety"));
  });
});

describe("unknown routes", () => {
  it("answer 404 with {code, message}", async () => {
    const { status, body } = await get<{ code: string; message: string }>("/api/nothing-here");
    expect(status).toBe(404);
    expect(body.code).toBe("not_found");
  });
});
