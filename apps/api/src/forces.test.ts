import { describe, expect, it } from "vitest";
import { apiOnDefaultDataset } from "../../../tests/support/api";
import type { MsgResponse } from "./index";
import type { ForcesResponse } from "./services/forces";

const ESSEX = "E23000028";
const DURHAM = "E23000008";
const api = apiOnDefaultDataset();
const { get } = api;

/** Rows straight from the observations table, without the services or the domain. */
async function stored(indicator: string, codes: string[], from: string, to: string) {
  return api.handle.db
    .selectFrom("observations")
    .select(["area_code", "month", "value", "numerator", "denominator"])
    .where("indicator_id", "=", indicator)
    .where("area_code", "in", codes)
    .where("month", ">=", from)
    .where("month", "<=", to)
    .execute();
}

/** Wilson score interval written out independently (z = 1.959964), in per cent. */
function wilson(x: number, n: number) {
  const z = 1.959964;
  const p = x / n;
  const centre = p + (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const d = 1 + (z * z) / n;
  return { lower: ((centre - half) / d) * 100, upper: ((centre + half) / d) * 100 };
}

describe("GET /api/compare/msg for a percentage (action 89/14: the range of solved rates across the MSG)", () => {
  it("compares the solved rate across the Essex MSG in Dec 2025 with Wilson intervals, n, the pooled average, range, median and position", async () => {
    const { status, body } = await get<MsgResponse>(`/api/compare/msg?indicator=police-uk-all-crime-solved-rate&month=2025-12`);
    expect(status).toBe(200);
    expect(body.measure).toBe("percentage");
    const members = (await api.handle.db.selectFrom("comparison_group_members").select("member_code").where("group_id", "=", "essex-msg-2013").execute()).map((m) => m.member_code);
    const rows = await stored("police-uk-all-crime-solved-rate", members, "2025-12", "2025-12");
    expect(rows).toHaveLength(8);
    const pct = new Map(rows.map((r) => [r.area_code, (r.numerator! / r.denominator!) * 100]));
    const c = body.comparison!;
    expect(c.members).toHaveLength(8);
    for (const m of c.members) {
      const row = rows.find((r) => r.area_code === m.code)!;
      expect(m.rate).toBeCloseTo(pct.get(m.code)!, 10);
      expect(m.population).toBe(row.denominator);
      expect(m.count).toBe(row.numerator);
      const w = wilson(row.numerator!, row.denominator!);
      expect(m.lower).toBeCloseTo(w.lower, 4);
      expect(m.upper).toBeCloseTo(w.upper, 4);
    }
    const pooled = (rows.reduce((s, r) => s + r.numerator!, 0) / rows.reduce((s, r) => s + r.denominator!, 0)) * 100;
    expect(c.average).toBeCloseTo(pooled, 10);
    expect(c.averageLabel).toBe("MSG average (pooled: total solved ÷ total recorded)");
    const sorted = [...pct.entries()].sort((a, b) => a[1] - b[1]);
    expect(body.range!.lowest.forces.map((f) => f.code)).toEqual([sorted[0]![0]]);
    expect(body.range!.lowest.value).toBeCloseTo(sorted[0]![1], 10);
    expect(body.range!.highest.forces.map((f) => f.code)).toEqual([sorted[7]![0]]);
    expect(body.range!.highest.value).toBeCloseTo(sorted[7]![1], 10);
    expect(body.median).toBeCloseTo((sorted[3]![1] + sorted[4]![1]) / 2, 10);
    // Higher is better: Essex's position is 1 + the members with a higher solved rate.
    const essex = pct.get(ESSEX)!;
    expect(c.force.position).toBe(1 + [...pct.values()].filter((v) => v > essex).length);
    expect(c.force.significance).toBe(c.force.lower > pooled ? "higher" : c.force.upper < pooled ? "lower" : "not significant");
    expect(body.sentence).toMatch(/^Essex is \d+(st|nd|rd|th) of 8 in its most similar group for solved rate \(all crime\) \(14\.7%, n = 11,638\)/);
    expect(body.sentence).toContain("ranged from");
  });

  it("takes the simple mean of the eight percentages when asked, and says so", async () => {
    const { body } = await get<MsgResponse>(`/api/compare/msg?indicator=police-uk-all-crime-solved-rate&month=2025-12&average=simple`);
    const mean = body.comparison!.members.reduce((s, m) => s + m.rate, 0) / 8;
    expect(body.comparison!.average).toBeCloseTo(mean, 10);
    expect(body.comparison!.averageLabel).toBe("MSG average (simple mean of percentages)");
  });
});

describe("GET /api/compare/forces", () => {
  it("compares Essex with Durham on violence and sexual offences per 1,000 over the 12 months to Dec 2025 (action 77/16)", async () => {
    const { status, body } = await get<ForcesResponse>(`/api/compare/forces?indicator=police-uk-violent-crime&month=2025-12&period=rolling-12&forces=${ESSEX},${DURHAM}`);
    expect(status).toBe(200);
    expect(body.period).toEqual({ kind: "rolling-12", from: "2025-01", to: "2025-12", label: "12 months to Dec 2025" });
    expect(body.measure).toBe("per 1,000 population");
    expect(body.forces.map((f) => f.code).sort()).toEqual([DURHAM, ESSEX].sort());
    // The window's mid-point (1 July 2025) is in 2025: the 2025 estimate if held, else the latest.
    const year = body.population!.year;
    for (const code of [ESSEX, DURHAM]) {
      const rows = await stored("police-uk-violent-crime", [code], "2025-01", "2025-12");
      expect(rows).toHaveLength(12);
      const total = rows.reduce((s, r) => s + r.value, 0);
      const population = (await api.handle.db.selectFrom("populations").select("value").where("area_code", "=", code).where("year", "=", year).executeTakeFirstOrThrow()).value;
      const row = body.forces.find((f) => f.code === code)!;
      expect(row.numerator).toBe(total);
      expect(row.denominator).toBe(population);
      expect(row.value).toBeCloseTo((total / population) * 1000, 10);
      expect(row.lower!).toBeLessThan(row.value!);
      expect(row.upper!).toBeGreaterThan(row.value!);
      expect(row.of).toBe(2);
    }
    const [first, second] = body.forces;
    expect(first!.position).toBe(1);
    // Lower is better for crime: the first has the lower rate.
    expect(first!.value!).toBeLessThan(second!.value!);
    expect(body.forces.find((f) => f.code === ESSEX)!.isForce).toBe(true);
    expect(body.forces.find((f) => f.code === DURHAM)!.inMsg).toBe(false);
    expect(body.averageLabel).toBe("Average of the forces shown (weighted by population)");
    expect(body.sentence).toMatch(/^In 12 months to Dec 2025, Essex's violence and sexual offences was [\d.]+ per 1,000, (1st|2nd) of 2 forces shown/);
  });

  it("does not show a rolling 12-month total that lacks a month: 12 months to Mar 2025 lack May–Dec 2024", async () => {
    const { status, body } = await get<ForcesResponse>(`/api/compare/forces?indicator=police-uk-violent-crime&month=2025-03&period=rolling-12&forces=${ESSEX},${DURHAM}`);
    expect(status).toBe(200);
    expect(body.forces.every((f) => f.value === null && f.position === null && !f.complete)).toBe(true);
    expect(body.missing.map((m) => m.code).sort()).toEqual([DURHAM, ESSEX].sort());
    expect(body.missing[0]!.reason).toContain("May 2024");
    expect(body.missing[0]!.reason).toContain("incomplete");
    expect(body.range).toBeNull();
  });

  it("sums the financial year to date (Apr–Dec 2025) for a percentage: Σsolved ÷ Σrecorded", async () => {
    const { body } = await get<ForcesResponse>(`/api/compare/forces?indicator=police-uk-all-crime-solved-rate&month=2025-12&period=fytd&forces=${ESSEX}`);
    const rows = await stored("police-uk-all-crime-solved-rate", [ESSEX], "2025-04", "2025-12");
    expect(rows).toHaveLength(9);
    const solved = rows.reduce((s, r) => s + r.numerator!, 0);
    const recorded = rows.reduce((s, r) => s + r.denominator!, 0);
    const row = body.forces[0]!;
    expect(row.numerator).toBe(solved);
    expect(row.denominator).toBe(recorded);
    expect(row.value).toBeCloseTo((solved / recorded) * 100, 10);
    expect(body.period.label).toBe("financial year 2025/26 to date (Apr 2025 – Dec 2025)");
  });

  it("ranks every force area with a figure when no forces are given, marks Essex and its MSG, and names the forces without one", async () => {
    const { body } = await get<ForcesResponse>(`/api/compare/forces?indicator=police-uk-all-crime-solved-rate&month=2025-12`);
    const forceCount = (await api.handle.db.selectFrom("areas").select("code").where("kind", "=", "force").execute()).length;
    expect(body.scope).toBe("national");
    expect(body.forces).toHaveLength(forceCount);
    const withFigures = await stored("police-uk-all-crime-solved-rate", body.forces.map((f) => f.code), "2025-12", "2025-12");
    const ranked = body.forces.filter((f) => f.position !== null);
    expect(ranked).toHaveLength(withFigures.length);
    expect(body.missing).toHaveLength(forceCount - withFigures.length);
    expect(body.missing.every((m) => m.reason === "no figure for Dec 2025")).toBe(true);
    // Ranked order, best (highest solved rate) first.
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.value!).toBeLessThanOrEqual(ranked[i - 1]!.value!);
    const essex = body.forces.find((f) => f.code === ESSEX)!;
    expect(essex.isForce).toBe(true);
    expect(essex.positionLabel).toBe(`${essex.position}${["th", "st", "nd", "rd"][essex.position! % 10 > 3 || [11, 12, 13].includes(essex.position! % 100) ? 0 : essex.position! % 10]} of ${withFigures.length}`);
    expect(body.forces.filter((f) => f.inMsg)).toHaveLength(8);
    expect(body.range!.highest.value).toBeCloseTo(ranked[0]!.value!, 10);
  });

  it("refuses a rolling period on a series already published as rolling 12-month totals, and a district as a force", async () => {
    const ho = await get<{ code: string; message: string }>(`/api/compare/forces?indicator=ho-all-crime-excl-fraud&month=2018-12&period=fytd`);
    expect(ho.status).toBe(400);
    expect(ho.body.message).toMatch(/^period: /);
    const district = await get<{ message: string }>(`/api/compare/forces?indicator=police-uk-all-crime&forces=E07000066`);
    expect(district.status).toBe(400);
    expect(district.body.message).toMatch(/district/);
    const bad = await get<{ message: string }>(`/api/compare/forces?indicator=police-uk-all-crime&forces=nonsense`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^forces/);
  });
});

describe("GET /api/compare/msg/history for a percentage", () => {
  it("ranks Essex's solved rate in its MSG for each month every member has a numerator and denominator, agreeing with the month's comparison", async () => {
    const { status, body } = await get<{ unit: string; per: number; averageLabel: string; points: { month: string; status: string; rate: number | null; position: number | null; average: number | null }[] }>(
      "/api/compare/msg/history?indicator=police-uk-all-crime-solved-rate",
    );
    expect(status).toBe(200);
    expect(body.unit).toBe("percentage");
    expect(body.per).toBe(100);
    expect(body.averageLabel).toBe("MSG average (pooled: total solved ÷ total recorded)");
    const dec = body.points.find((p) => p.month === "2025-12")!;
    expect(dec.status).toBe("ranked");
    const month = await get<MsgResponse>("/api/compare/msg?indicator=police-uk-all-crime-solved-rate&month=2025-12");
    expect(dec.rate).toBeCloseTo(month.body.comparison!.force.rate, 10);
    expect(dec.position).toBe(month.body.comparison!.force.position);
    expect(dec.average).toBeCloseTo(month.body.comparison!.average, 10);
  });
});

describe("/api/peer-groups", () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    api.app.request("/api/peer-groups", { method: "POST", headers: { "Content-Type": "application/json", "X-Scrutiny-Csrf": "1", ...headers }, body: JSON.stringify(body) });

  it("saves a named group of forces with who made it, lists it, and refuses a duplicate name or a district", async () => {
    // A typed name is ignored: the group is recorded as made by the signed-in (here the local) user.
    const created = await post({ name: "Essex and Durham", members: [ESSEX, DURHAM] }, { "X-Scrutiny-User": "Jo Bloggs" });
    expect(created.status).toBe(201);
    const group = (await created.json()) as { id: string; name: string; members: string[]; createdBy: string };
    expect(group).toMatchObject({ name: "Essex and Durham", members: [ESSEX, DURHAM], createdBy: "local user" });
    const { body } = await get<{ name: string; members: string[]; createdBy: string }[]>("/api/peer-groups");
    expect(body.find((g) => g.name === "Essex and Durham")).toMatchObject({ members: [ESSEX, DURHAM], createdBy: "local user" });
    const again = await post({ name: "Essex and Durham", members: [ESSEX, DURHAM] });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { message: string }).message).toMatch(/^name: /);
    const district = await post({ name: "With a district", members: [ESSEX, "E07000066"] });
    expect(district.status).toBe(400);
    expect(((await district.json()) as { message: string }).message).toMatch(/district/);
    const one = await post({ name: "Alone", members: [ESSEX] });
    expect(one.status).toBe(400);
  });
});

describe("national position on the scorecard (GET /api/overview)", () => {
  it("ranks Essex among all 43 force areas for Home Office recorded crime in the 12 months to Dec 2018 from the stored rows, and keeps that series off the Dec 2025 scorecard", async () => {
    // The series ended in 2018: on the scorecard for Dec 2025 it is historical, never ranked (issue 9);
    // its national position is given where the month is asked for, by the forces comparison.
    const overview = await get<{ rows: { indicator: { id: string } }[]; historical: { indicator: { id: string }; endsIn: string }[] }>(`/api/overview?area=${ESSEX}`);
    expect(overview.body.rows.some((r) => r.indicator.id === "ho-all-crime-excl-fraud")).toBe(false);
    expect(overview.body.historical.find((r) => r.indicator.id === "ho-all-crime-excl-fraud")?.endsIn).toBe("2018-12");
    const { body } = await get<ForcesResponse>(`/api/compare/forces?indicator=ho-all-crime-excl-fraud&month=2018-12`);
    const forces = (await api.handle.db.selectFrom("areas").select("code").where("kind", "=", "force").execute()).map((a) => a.code);
    const counts = await stored("ho-all-crime-excl-fraud", forces, "2018-12", "2018-12");
    expect(counts).toHaveLength(43);
    // 12 months to Dec 2018: mid-point in 2018, so the 2018 estimates.
    const populations = new Map((await api.handle.db.selectFrom("populations").select(["area_code", "value"]).where("year", "=", 2018).where("area_code", "in", forces).execute()).map((p) => [p.area_code, p.value]));
    const rate = new Map(counts.map((c) => [c.area_code, c.value / populations.get(c.area_code)!]));
    const essex = rate.get(ESSEX)!;
    const position = 1 + [...rate.values()].filter((r) => r < essex).length;
    const row = body.forces.find((f) => f.code === ESSEX)!;
    expect(row).toMatchObject({ position, of: 43 });
    expect(row.positionLabel).toMatch(/^\d+(st|nd|rd|th) of 43$/);
  });

  it("says 'forces with a figure' when some force areas have none (police.uk solved rate, Dec 2025), and gives none for a district", async () => {
    const { body } = await get<{ rows: { indicator: { id: string }; national: { of: number; forceAreas: number; label: string } | null }[] }>(`/api/overview?area=${ESSEX}`);
    const row = body.rows.find((r) => r.indicator.id === "police-uk-all-crime-solved-rate")!;
    expect(row.national!.of).toBe(39);
    expect(row.national!.label).toMatch(/^\d+(st|nd|rd|th) of 39 forces with a figure$/);
    const district = await get<{ rows: { national: unknown }[] }>(`/api/overview?area=E07000066`);
    expect(district.body.rows.every((r) => r.national === null)).toBe(true);
  });

  it("gives no national position where the force is the only one with a figure (the sample series): '1st of 1' says nothing", async () => {
    const { body } = await get<{ rows: { indicator: { id: string; isSample: boolean }; latest: unknown; national: unknown }[] }>(`/api/overview?area=${ESSEX}`);
    const sample = body.rows.filter((r) => r.indicator.isSample && r.latest !== null);
    expect(sample.length).toBeGreaterThan(5);
    expect(sample.map((r) => [r.indicator.id, r.national])).toEqual(sample.map((r) => [r.indicator.id, null]));
  });
});

describe("GET /api/compare/districts with period=", () => {
  it("ranks Essex's districts on the 12 months to Dec 2025 per 1,000 (counts summed over the window)", async () => {
    const { status, body } = await get<{ period: { label: string }; incomplete: unknown[]; force: { count: number }; districts: { code: string; count: number | null; denominator: number | null; value: number | null }[] }>(
      `/api/compare/districts?indicator=police-uk-all-crime&month=2025-12&period=rolling-12`,
    );
    expect(status).toBe(200);
    expect(body.period.label).toBe("12 months to Dec 2025");
    const districtRows = await stored("police-uk-all-crime", body.districts.map((d) => d.code), "2025-01", "2025-12");
    for (const d of body.districts) {
      const total = districtRows.filter((r) => r.area_code === d.code).reduce((s, r) => s + r.value, 0);
      expect(d.count, d.code).toBe(total);
      expect(d.value!).toBeCloseTo((total / d.denominator!) * 1000, 10);
    }
    // Every month's file is a source of the window (12 street files), not the last month's alone.
    expect((body as unknown as { sources: { fileName: string }[] }).sources.filter((s) => /^2025-\d\d-essex-street\.csv$/.test(s.fileName))).toHaveLength(12);
    const essex = await stored("police-uk-all-crime", [ESSEX], "2025-01", "2025-12");
    expect(body.force.count).toBe(essex.reduce((s, r) => s + r.value, 0));
  });

  it("gives no figure for a financial year to date that lacks a month, and says which", async () => {
    // FY 2024/25 to Mar 2025: May–Dec 2024 are not held.
    const { status, body } = await get<{ sentence: string; force: { value: number | null }; districts: { value: number | null }[]; incomplete: { code: string; missingMonths: string[] }[] }>(
      `/api/compare/districts?indicator=police-uk-all-crime&month=2025-03&period=fytd`,
    );
    expect(status).toBe(200);
    expect(body.sentence).toBe("No complete figure for all crime (excl. ASB) in Essex in financial year 2024/25 to date (Apr 2024 – Mar 2025): 8 months (May 2024 to Dec 2024) are missing, so no district is compared.");
    expect(body.force.value).toBeNull();
    expect(body.districts.every((d) => d.value === null)).toBe(true);
    expect(body.incomplete.find((a) => a.code === ESSEX)?.missingMonths).toEqual(["2024-05", "2024-06", "2024-07", "2024-08", "2024-09", "2024-10", "2024-11", "2024-12"]);
  });
});
