import { describe, expect, it } from "vitest";
import { apiOnDefaultDataset } from "../../../tests/support/api";
import type { DistrictComparison, MsgResponse, OverviewResponse, SeriesResponse } from "./index";

const ESSEX = "E23000028";
const BASILDON = "E07000066";

const api = apiOnDefaultDataset();

const { get } = api;

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
    [`indicator=police-uk-burglary&area=${ESSEX}&from=1990-01&to=2050-01`, /^from: the range may span at most 600 months/],
    [`indicator=police-uk-burglary&area=${ESSEX}&from=1900-01&to=2025-01`, /^from: must be a month from 1990-01 to 2100-12/],
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

describe("statistics on a series", () => {
  it("adds the SPC reading of the months shown and the latest month against last year", async () => {
    const { body } = await get<SeriesResponse>(`/api/series?indicator=sample-da-incidents&area=${ESSEX}`);
    expect(body.spc?.points).toHaveLength(36);
    expect(body.spc?.points.map((p) => p.month)).toEqual(body.points.map((p) => p.month));
    const upper = body.spc?.upperProcessLimit ?? 0;
    const mean = body.spc?.mean ?? 0;
    expect(upper - mean).toBeCloseTo(mean - (body.spc?.lowerProcessLimit ?? 0), 9);
    expect(body.comparisons.map((c) => c.period)).toEqual(["same month last year", "rolling 12 months", "financial year to date"]);
    const rolling = body.comparisons[1];
    expect(rolling?.current.window).toEqual({ from: "2025-01", to: "2025-12" });
    expect(rolling?.test?.kind).toBe("counts");
    expect(rolling?.sentence).toMatch(/^Domestic abuse incidents in Essex (rose|fell) from [\d,]+ to [\d,]+ .* in the 12 months to Dec 2025 against the 12 months before, /);
  });

  it("says a comparison cannot be made when a month of the window is missing, instead of shortening it", async () => {
    const { body } = await get<SeriesResponse>(`/api/series?indicator=police-uk-burglary&area=${BASILDON}`);
    const rolling = body.comparisons.find((c) => c.period === "rolling 12 months");
    expect(rolling?.test).toBeNull();
    expect(rolling?.previous.missingMonths).toHaveLength(8);
    expect(rolling?.sentence).toBe("Burglary in Basildon cannot be compared in the 12 months to Dec 2025 against the 12 months before: 8 months (May 2024 to Dec 2024) are missing.");
  });
});

describe("GET /api/compare/districts", () => {
  it("gives the 14 Essex districts' all-crime rates per 1,000 as count ÷ population × 1,000", async () => {
    const { status, body } = await get<DistrictComparison>("/api/compare/districts?indicator=police-uk-all-crime");
    expect(status).toBe(200);
    expect(body.month).toBe("2025-12");
    expect(body.districts).toHaveLength(14);
    // 2025 has no estimate yet: the latest published year (2023) stands in, and says so.
    expect(body.population).toEqual({ year: 2023, periodYear: 2025, latestAvailable: true });
    const populations = await api.handle.db.selectFrom("populations").selectAll().where("year", "=", 2023).execute();
    for (const district of body.districts) {
      const count = await api.handle.db.selectFrom("observations").select("value").where("indicator_id", "=", "police-uk-all-crime").where("area_code", "=", district.code).where("month", "=", "2025-12").executeTakeFirstOrThrow();
      const population = populations.find((p) => p.area_code === district.code)?.value ?? NaN;
      expect(district.count).toBe(count.value);
      expect(district.value).toBeCloseTo((count.value / population) * 1000, 12);
      expect(district.lower95).toBeLessThan(district.value ?? 0);
      expect(district.lower998).toBeLessThan(district.lower95 ?? 0);
    }
    expect(body.districts.map((d) => d.position).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(body.funnel.kind).toBe("poisson");
    expect(body.funnel.target).toBeCloseTo(body.force.value ?? 0, 12);
    expect(body.funnel.curve.length).toBeGreaterThan(10);
  });

  it("compares percentages as proportions with Wilson intervals and a binomial funnel", async () => {
    const { body } = await get<DistrictComparison>("/api/compare/districts?indicator=sample-da-solved-rate&month=2025-06");
    expect(body.measure).toBe("percentage");
    expect(body.funnel.kind).toBe("binomial");
    for (const d of body.districts) expect(d.value).toBeCloseTo((100 * (d.count ?? 0)) / (d.denominator ?? 1), 10);
  });

  it("refuses a unit it cannot compare, naming the parameter", async () => {
    const { status, body } = await get<{ message: string }>("/api/compare/districts?indicator=sample-101-call-wait");
    expect(status).toBe(400);
    expect(body.message).toMatch(/^indicator: /);
  });
});

describe("GET /api/compare/msg", () => {
  it("places Essex in its Most Similar Group with the weighted average labelled", async () => {
    const { body } = await get<MsgResponse>("/api/compare/msg?indicator=police-uk-burglary&month=2025-01");
    expect(body.forces).toHaveLength(8);
    const comparison = body.comparison;
    expect(comparison?.averageLabel).toBe("MSG average (weighted by population)");
    const totalCount = body.forces.reduce((n, f) => n + (f.count ?? 0), 0);
    const totalPopulation = body.forces.reduce((n, f) => n + (f.population ?? 0), 0);
    expect(comparison?.average).toBeCloseTo((totalCount / totalPopulation) * 1000, 12);
    expect(comparison?.force.code).toBe(ESSEX);
    expect(body.sentence).toMatch(/^Essex is \d(st|nd|rd|th) of 8 in its most similar group for burglary/);
  });

  it("offers the simple mean, labelled as such", async () => {
    const { body } = await get<MsgResponse>("/api/compare/msg?indicator=police-uk-burglary&month=2025-01&average=simple");
    expect(body.comparison?.averageLabel).toBe("MSG average (simple mean of rates)");
  });

  it("says which member has no figure instead of comparing with seven", async () => {
    const { body } = await get<MsgResponse>("/api/compare/msg?indicator=police-uk-burglary&month=2025-06");
    expect(body.comparison).toBeNull();
    expect(body.missing).toEqual(["Avon and Somerset"]);
  });
});
