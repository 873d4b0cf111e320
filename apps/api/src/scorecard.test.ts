import type { DistrictComparison } from "./index";
import { describe, expect, it } from "vitest";
import { apiOnDefaultDataset } from "../../../tests/support/api";
import type { OverviewResponse, SeriesResponse } from "./index";

const ESSEX = "E23000028";
const api = apiOnDefaultDataset();
const { get } = api;

const post = async (path: string, body: unknown, headers: Record<string, string> = { "X-Scrutiny-Csrf": "1" }) => {
  const response = await api.app.request(path, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("the reporting month (issue 9, part 1)", () => {
  it("defaults to the latest month of Essex's own police.uk figures, with one banner", async () => {
    const { status, body } = await get<OverviewResponse>(`/api/overview?area=${ESSEX}`);
    expect(status).toBe(200);
    expect(body.month).toBe("2025-12");
    expect(body.latestMonth).toBe("2025-12");
    expect(body.months[0]).toBe("2025-12");
    expect(body.months).toContain("2018-07");
    expect(body.banner).toMatch(/^Figures to Dec 2025, imported \d{1,2} \w{3} \d{4}\.$/);
  });

  it("answers for a chosen month: nothing after it is used", async () => {
    const { body } = await get<OverviewResponse>(`/api/overview?area=${ESSEX}&month=2024-04`);
    expect(body.month).toBe("2024-04");
    const burglary = body.rows.find((r) => r.indicator.id === "police-uk-burglary");
    expect(burglary?.latest?.month).toBe("2024-04");
    expect(body.rows.every((r) => (r.latest?.month ?? "") <= "2024-04")).toBe(true);
  });

  it("rejects a malformed month naming the parameter", async () => {
    const { status, body } = await get<{ message: string }>(`/api/overview?area=${ESSEX}&month=Dec-2025`);
    expect(status).toBe(400);
    expect(body.message).toMatch(/^month: /);
  });

  it("judges 'late' against the reporting month's due dates, not today: police.uk and the sample are on time for Dec 2025", async () => {
    const { body } = await get<OverviewResponse>(`/api/overview?area=${ESSEX}`);
    const late = body.rows.filter((r) => r.signals.late);
    expect(late.map((r) => r.indicator.id)).toEqual([]);
    const burglary = body.rows.find((r) => r.indicator.id === "police-uk-burglary")!;
    expect(burglary.freshness).toMatchObject({ status: "on time", expectedLatest: "2025-12", latestHeld: "2025-12" });
  });
});

describe("historical series apart (part 2)", () => {
  it("for Dec 2025 no compared row ends before 2025; the Home Office series are historical with the month they end", async () => {
    const { body } = await get<OverviewResponse>(`/api/overview?area=${ESSEX}`);
    expect(body.rows.length).toBeGreaterThan(20);
    for (const row of body.rows) expect(row.latest!.month >= "2025-01", row.indicator.id).toBe(true);
    const domestic = body.historical.find((h) => h.indicator.id === "ho-domestic-burglary");
    expect(domestic?.endsIn).toBe("2018-12");
    expect(body.historical.find((h) => h.indicator.id === "ho-fraud-offences")?.endsIn).toBe("2013-12");
    expect(body.rows.some((r) => r.indicator.id.startsWith("ho-"))).toBe(false);
  });

  it("'most concerning first' starts with current real or clearly labelled series", async () => {
    const { body } = await get<OverviewResponse>(`/api/overview?area=${ESSEX}`);
    const top = [...body.rows].sort((a, b) => b.concern - a.concern).slice(0, 10);
    for (const row of top) {
      expect(row.latest!.month >= "2025-01").toBe(true);
      expect(row.indicator.isSample ? row.indicator.source : "real").toMatch(/^(real|sample data)$/);
    }
  });

  it("never shows a real indicator and its sample stand-in as two rows of one name", async () => {
    const { body } = await get<OverviewResponse>(`/api/overview?area=${ESSEX}`);
    const names = body.rows.map((r) => r.indicator.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe("outcome maturity (part 3)", () => {
  it.each([
    ["2018-07", true],
    ["2024-03", true],
    ["2024-04", true],
    ["2018-10", false],
    ["2018-11", false],
    ["2018-12", false],
    ["2025-06", false],
    ["2025-12", false],
  ] as const)("Essex solved rate %s provisional: %s", async (month, provisional) => {
    const { body } = await get<SeriesResponse>(`/api/series?indicator=police-uk-all-crime-solved-rate&area=${ESSEX}&from=2018-01&to=2025-12`);
    const point = body.points.find((p) => p.month === month)!;
    expect(point.provisional ?? false).toBe(provisional);
    if (provisional) expect(point.provisionalReason).toMatch(/^outcomes still immature: \d+% of the month's crimes still awaited an outcome/);
  });

  it("a provisional month against a settled one is not like for like and never a significant change", async () => {
    const { body } = await get<OverviewResponse>(`/api/overview?area=${ESSEX}&month=2025-04`);
    const solved = body.rows.find((r) => r.indicator.id === "police-uk-all-crime-solved-rate")!;
    const same = solved.comparisons.find((c) => c.period === "same month last year")!;
    expect(same.comparability).toBe("not like for like");
    expect(same.significantChange).toBeNull();
    expect(same.sentence).toMatch(/not like for like: Apr 2024 is provisional/);
  });
});

describe("annotations and breaks (part 4)", () => {
  it("seeds the breaks the sources document, each with its source", async () => {
    const { body } = await get<{ indicator: string; month: string; kind: string; source: string }[]>(`/api/annotations?indicator=ho-domestic-burglary&area=${ESSEX}`);
    expect(body).toEqual([expect.objectContaining({ indicator: "ho-domestic-burglary", month: "2017-04", kind: "break", source: expect.stringMatching(/Home Office Counting Rules/) })]);
    const asb = await get<{ kind: string; month: string }[]>(`/api/annotations?indicator=police-uk-anti-social-behaviour`);
    expect(asb.body.map((a) => [a.kind, a.month])).toEqual([["break", "2024-01"]]);
  });

  it("the Home Office domestic burglary series across April 2017 is never a significant change", async () => {
    for (const to of ["2017-06", "2017-12", "2018-03", "2018-06"]) {
      const { body } = await get<SeriesResponse>(`/api/series?indicator=ho-domestic-burglary&area=${ESSEX}&to=${to}`);
      for (const c of body.comparisons) {
        expect(c.significantChange, `${to} ${c.period}`).toBeNull();
        expect(c.comparability).not.toBe("comparable");
      }
    }
    const { body } = await get<SeriesResponse>(`/api/series?indicator=ho-domestic-burglary&area=${ESSEX}&to=2017-12`);
    expect(body.comparisons[0]?.sentence).toMatch(/not comparable: a series break in Apr 2017/);
  });

  it("rebases SPC at a break: limits differ either side", async () => {
    const { body } = await get<SeriesResponse>(`/api/series?indicator=police-uk-anti-social-behaviour&area=${ESSEX}&from=2018-01&to=2025-12`);
    const before = body.spc!.points.find((p) => p.month === "2018-06")!;
    const after = body.spc!.points.find((p) => p.month === "2025-06")!;
    expect(before.mean).not.toBeNull();
    expect(after.mean! < before.mean!).toBe(true);
  });

  it("adds an annotation with the CSRF header, and names the bad field otherwise", async () => {
    const ok = await post("/api/annotations", { indicator: "police-uk-burglary", area: ESSEX, month: "2025-03", kind: "note", text: "Operation Sentinel began", source: "Force press release" });
    expect(ok.status).toBe(201);
    const listed = await get<{ text: string }[]>(`/api/annotations?indicator=police-uk-burglary&area=${ESSEX}`);
    expect(listed.body.map((a) => a.text)).toContain("Operation Sentinel began");
    const bad = await post("/api/annotations", { indicator: "police-uk-burglary", month: "2025-13", kind: "break", text: "x y z", source: "me" });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^month: /);
    const kind = await post("/api/annotations", { indicator: "police-uk-burglary", month: "2025-03", kind: "remark", text: "x y z", source: "me" });
    expect(kind.body.message).toMatch(/^kind: must be "note" or "break"/);
  });
});

describe("implausible figures (part 5)", () => {
  it("a collapse to zero is a discontinued series, not a change", async () => {
    const { body } = await get<SeriesResponse>(`/api/series?indicator=ho-domestic-burglary&area=${ESSEX}&to=2018-12`);
    expect(body.dataIssue).toMatchObject({ kind: "discontinued", since: "2018-03" });
    expect(body.comparisons.every((c) => c.significantChange === null && c.comparability === "not comparable")).toBe(true);
    expect(body.spc).toBeNull();
  });

  it("a negative count is a data issue", async () => {
    const { body } = await get<SeriesResponse>(`/api/series?indicator=ho-fraud-offences&area=${ESSEX}&to=2013-12`);
    expect(body.dataIssue).toMatchObject({ kind: "negative count", since: "2013-12" });
  });
});

describe("funnels with over-dispersion and sentences to read aloud (parts 7, 8)", () => {
  it("the all-crime funnel reports adjusted limits beside the unadjusted ones, with counts outside each", async () => {
    const { body } = await get<DistrictComparison>(`/api/compare/districts?indicator=police-uk-all-crime&force=${ESSEX}&month=2025-12`);
    expect(body.funnel.overdispersion).toMatchObject({ method: "additive", overDispersed: true });
    expect(body.funnel.adjustedCurve?.length).toBe(body.funnel.curve.length);
    expect(body.funnel.outside.adjusted).not.toBeNull();
    expect(body.funnel.outside.adjusted!).toBeLessThan(body.funnel.outside.unadjusted);
    expect(body.sentence).toContain(`${body.funnel.outside.unadjusted} of 14 Essex districts lie outside the unadjusted limits; ${body.funnel.outside.adjusted} lie outside the adjusted limits`);
    // The adjusted limits are wider than the unadjusted at every size.
    body.funnel.curve.forEach((row, i) => expect(body.funnel.adjustedCurve![i]!.upper998).toBeGreaterThan(row.upper998));
  });

  it("says how many crimes have no location and count for the force only", async () => {
    const { body } = await get<DistrictComparison>(`/api/compare/districts?indicator=police-uk-all-crime&force=${ESSEX}&month=2025-12`);
    const inDistricts = body.districts.reduce((n, d) => n + (d.count ?? 0), 0);
    expect(body.unlocated?.count).toBe(body.force.count! - inDistricts);
    expect(body.unlocated?.sentence).toMatch(/^[\d,]+ of [\d,]+ all crime \(excl\. ASB\) records in Essex \(\d+\.\d%\) have no location or are located outside its districts: they count for the force only\.$/i);
  });

  it("satisfaction: 'satisfied / surveyed', and a rank on a small survey carries a caution", async () => {
    const { body } = await get<DistrictComparison>(`/api/compare/districts?indicator=sample-satisfaction-whole-experience&force=${ESSEX}&month=2025-12`);
    expect(body.labels).toEqual({ count: "Satisfied", denominator: "Surveyed" });
    for (const d of body.districts) {
      if (d.denominator !== null && d.denominator < 100) expect(d.rankCaution).toMatch(/^Only \d+ surveyed/);
      else expect(d.rankCaution).toBeNull();
    }
    expect(body.districts.some((d) => d.rankCaution)).toBe(true);
  });

  it("SPC sentences round to the precision of the data", async () => {
    const { body } = await get<SeriesResponse>(`/api/series?indicator=police-uk-all-crime&area=${ESSEX}&from=2025-01&to=2025-12`);
    expect(body.spc?.sentence).toMatch(/limits of [\d,]+ to [\d,]+ around an average of [\d,]+\./);
  });
});
