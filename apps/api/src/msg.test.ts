import { describe, expect, it } from "vitest";
import { apiOnDefaultDataset } from "../../../tests/support/api";
import type { MsgResponse } from "./index";
import { describeMsgHistory } from "@scrutiny/domain";
import { msgMonth, periodOf, type MsgHistoryPoint, type MsgHistoryResponse, type MsgMonthInput } from "./services/msgHistory";

const ESSEX = "E23000028";
const BASILDON = "E07000066";

const api = apiOnDefaultDataset();

const { get } = api;

/**
 * Essex's rank at one month computed straight from the stored rows, without the service or the
 * domain's msgComparison: rate = count ÷ population × 1,000, lower is better, ties share.
 */
async function independentRank(indicator: string, month: string, populationYear: number) {
  const members = (await api.handle.db.selectFrom("comparison_group_members").select("member_code").where("group_id", "=", "essex-msg-2013").execute()).map((m) => m.member_code);
  const rates = new Map<string, number>();
  for (const code of members) {
    const count = await api.handle.db.selectFrom("observations").select("value").where("indicator_id", "=", indicator).where("area_code", "=", code).where("month", "=", month).executeTakeFirstOrThrow();
    const population = await api.handle.db.selectFrom("populations").select("value").where("area_code", "=", code).where("year", "=", populationYear).executeTakeFirstOrThrow();
    rates.set(code, (count.value / population.value) * 1000);
  }
  const essex = rates.get(ESSEX)!;
  const position = 1 + [...rates.values()].filter((r) => r < essex).length;
  const weighted = [...rates.keys()].length > 0 ? await weightedAverage(indicator, month, populationYear, members) : NaN;
  const simple = [...rates.values()].reduce((a, b) => a + b, 0) / rates.size;
  return { position, of: rates.size, essex, weighted, simple };
}

async function weightedAverage(indicator: string, month: string, populationYear: number, members: string[]) {
  const counts = await api.handle.db.selectFrom("observations").select("value").where("indicator_id", "=", indicator).where("month", "=", month).where("area_code", "in", members).execute();
  const populations = await api.handle.db.selectFrom("populations").select("value").where("year", "=", populationYear).where("area_code", "in", members).execute();
  return (counts.reduce((n, c) => n + c.value, 0) / populations.reduce((n, p) => n + p.value, 0)) * 1000;
}

describe("GET /api/compare/msg/history", () => {
  it("gives Essex's position for recorded crime excl. fraud in the 12 months to Dec 2018 as ranked from the observations and 2018 populations", async () => {
    const { status, body } = await get<MsgHistoryResponse>("/api/compare/msg/history?indicator=ho-all-crime-excl-fraud");
    expect(status).toBe(200);
    expect(body.measure).toBe("rolling 12 months");
    expect(body.step).toBe("quarter");
    const point = body.points.find((p) => p.month === "2018-12")!;
    const expected = await independentRank("ho-all-crime-excl-fraud", "2018-12", 2018);
    expect(point.status).toBe("ranked");
    expect(point.population?.year).toBe(2018);
    expect(point.position).toBe(expected.position);
    expect(point.of).toBe(8);
    expect(point.rate).toBeCloseTo(expected.essex, 10);
    expect(point.average).toBeCloseTo(expected.weighted, 10);
    expect(point.membersWithFigures).toBe(8);
    expect(point.missing).toEqual([]);
    // All 43 forces are held by the Home Office tables, so the national position is given too.
    expect(point.national?.of).toBe(43);
  });

  it("divides a rolling 12 months by the population of the year containing the window's mid-point (12 months to Mar 2018 → 2017)", async () => {
    const { body } = await get<MsgHistoryResponse>("/api/compare/msg/history?indicator=ho-all-crime-excl-fraud&average=simple");
    const point = body.points.find((p) => p.month === "2018-03")!;
    expect(point.period).toEqual({ from: "2017-04", to: "2018-03" });
    expect(point.population).toEqual({ year: 2017, periodYear: 2017, latestAvailable: false });
    const expected = await independentRank("ho-all-crime-excl-fraud", "2018-03", 2017);
    expect(point.position).toBe(expected.position);
    expect(point.average).toBeCloseTo(expected.simple, 10);
    expect(body.averageLabel).toBe("MSG average (simple mean of rates)");
  });

  it("lists every quarter held 2003–2018 and says why the early ones are not ranked: dated membership, then populations from 2011", async () => {
    const { body } = await get<MsgHistoryResponse>("/api/compare/msg/history?indicator=ho-all-crime-excl-fraud");
    expect(body.points[0]?.month).toBe("2003-03");
    expect(body.points.at(-1)?.month).toBe("2018-12");
    expect(body.points).toHaveLength(52);
    const byMonth = new Map(body.points.map((p) => [p.month, p]));
    // The Essex MSG is recorded from Oct 2013: earlier quarters are not ranked on a later group.
    expect(byMonth.get("2013-09")).toMatchObject({ status: "no group", position: null, groupId: null });
    expect(byMonth.get("2012-03")?.rate).toBeGreaterThan(0);
    expect(byMonth.get("2005-03")).toMatchObject({ status: "no group", rate: null, population: null });
    expect(byMonth.get("2005-03")?.note).toMatch(/nor a population estimate/);
    expect(byMonth.get("2013-12")).toMatchObject({ status: "ranked", groupId: "essex-msg-2013", of: 8 });
    expect(body.points.filter((p) => p.status === "ranked")).toHaveLength(21);
    expect(body.groups[0]?.members.map((m) => m.name)).toContain("Hertfordshire");
    expect(body.sentence).toMatch(/^Essex was ranked in its most similar group for recorded crime excl\. fraud \(rolling 12 months\) in 21 of the 52 quarters held \(Mar 2003 to Dec 2018\): \d+(st|nd|rd|th) of 8 in Dec 2018, /);
    expect(body.sentence).toContain("31 before its Most Similar Group was recorded");
    expect(body.sources.map((s) => s.fileName)).toEqual(["rec-crime-pfa.csv"]);
  });

  it("reports police.uk months where a member has no figure instead of ranking on seven", async () => {
    const { body } = await get<MsgHistoryResponse>("/api/compare/msg/history?indicator=police-uk-burglary");
    expect(body.measure).toBe("month");
    const june = body.points.find((p) => p.month === "2025-06")!;
    expect(june).toMatchObject({ status: "member missing", position: null, of: null, membersInGroup: 8, membersWithFigures: 7, missing: ["Avon and Somerset"] });
    expect(june.note).toBe("not ranked: no figure for Avon and Somerset");
    expect(body.points.filter((p) => p.status === "member missing").map((p) => p.month)).toEqual([
      // Jan–Jul 2018: police.uk figures held for only 15 forces.
      "2018-01", "2018-02", "2018-03", "2018-04", "2018-05", "2018-06", "2018-07",
      "2025-05", "2025-06", "2025-07", "2025-08", "2025-10", "2025-11",
    ]);
    // Police.uk months of 2025 divide by the latest estimate (2023), flagged as standing in.
    expect(june.population).toEqual({ year: 2023, periodYear: 2025, latestAvailable: true });
  });

  it("agrees with /api/compare/msg for the same monthly figures", async () => {
    for (const average of ["weighted", "simple"] as const) {
      const history = (await get<MsgHistoryResponse>(`/api/compare/msg/history?indicator=police-uk-burglary&average=${average}`)).body;
      for (const month of ["2018-12", "2024-03", "2025-01", "2025-12"]) {
        const snapshot = (await get<MsgResponse>(`/api/compare/msg?indicator=police-uk-burglary&month=${month}&average=${average}`)).body;
        const point = history.points.find((p) => p.month === month)!;
        expect(point.position, month).toBe(snapshot.comparison?.force.position);
        expect(point.average, month).toBeCloseTo(snapshot.comparison?.average ?? NaN, 12);
        expect(point.rate, month).toBeCloseTo(snapshot.comparison?.force.rate ?? NaN, 12);
      }
    }
  });

  it("gives one answer for a district on both MSG routes: 400, a district is not a force area (issue 8: the month's route said 404 'no MSG')", async () => {
    for (const path of ["/api/compare/msg", "/api/compare/msg/history"]) {
      const response = await get<{ message: string }>(`${path}?indicator=police-uk-burglary&force=${BASILDON}`);
      expect(response.status, path).toBe(400);
      expect(response.body.message, path).toBe("force: E07000066 is a district, not a force area");
    }
  });

  it.each([
    [`indicator=police-uk-burglary&force=${BASILDON}`, 400, /^force: E07000066 is a district/],
    // Percentages (solved rates) are compared now (issue 12); units without a numerator and denominator are not.
    ["indicator=call-101-wait", 400, /^indicator: forces are compared on counts/],
    ["indicator=police-uk-burglary&average=median", 400, /^average: /],
    ["force=E23000028", 400, /^indicator: /],
    ["indicator=no-such-indicator", 404, /No indicator with id "no-such-indicator"/],
  ])("%s → %i", async (query, status, message) => {
    const response = await get<{ code: string; message: string }>(`/api/compare/msg/history?${query}`);
    expect(response.status).toBe(status);
    expect(response.body.message).toMatch(message);
  });
});

describe("msgMonth", () => {
  const members = ["A", "B", "C"];
  const input = (overrides: Partial<MsgMonthInput> = {}): MsgMonthInput => ({
    month: "2018-12",
    period: { from: "2018-12", to: "2018-12" },
    forceCode: "A",
    group: { id: "g", members },
    // Rates per 1,000: A 2, B 1, C 3.
    counts: new Map([["A", 200], ["B", 100], ["C", 300]]),
    population: { year: 2018, periodYear: 2018, latestAvailable: false },
    populations: new Map([["A", 100_000], ["B", 100_000], ["C", 100_000]]),
    allForces: members,
    nameOf: (code) => `Force ${code}`,
    direction: "lower",
    average: "weighted",
    ...overrides,
  });

  it.each([
    ["lower is better", "lower", 2, "2nd of 3"],
    ["higher is better", "higher", 2, "2nd of 3"],
  ] as const)("ranks when every member has a figure (%s)", (_, direction, position, note) => {
    const point = msgMonth(input({ direction }));
    expect(point).toMatchObject({ status: "ranked", position, of: 3, note, membersWithFigures: 3, missing: [] });
    expect(point.average).toBeCloseTo(2, 12);
    expect(point.national).toMatchObject({ position: 2, of: 3 });
  });

  it("says 'highest' when the indicator has no better direction", () => {
    expect(msgMonth(input({ forceCode: "C", direction: "neither" })).note).toBe("1st highest of 3");
  });

  it("does not rank on fewer members: names the missing one", () => {
    const point = msgMonth(input({ counts: new Map([["A", 200], ["C", 300]]) }));
    expect(point).toMatchObject({ status: "member missing", position: null, membersWithFigures: 2, missing: ["Force B"], note: "not ranked: no figure for Force B" });
    expect(point.rate).toBeCloseTo(2, 12);
  });

  it("treats a member without a population as missing, not as a zero rate", () => {
    expect(msgMonth(input({ populations: new Map([["A", 100_000], ["B", 100_000]]) })).missing).toEqual(["Force C"]);
  });

  it("gives no position without a group valid that month, or without a population year", () => {
    expect(msgMonth(input({ group: undefined }))).toMatchObject({ status: "no group", groupId: null, position: null });
    expect(msgMonth(input({ population: null, populations: new Map() }))).toMatchObject({ status: "no population", position: null, rate: null });
  });
});

describe("periodOf", () => {
  it("is the month itself for monthly counts and the 12 months to it for rolling totals", () => {
    // The catalogue's rolling_12_months column decides (migration 0008), not the id or the name.
    expect(periodOf({ rolling12Months: false }, "2025-01")).toEqual({ from: "2025-01", to: "2025-01" });
    expect(periodOf({ rolling12Months: true }, "2018-06")).toEqual({ from: "2017-07", to: "2018-06" });
  });
});

describe("describeMsgHistory", () => {
  const point = (month: string, status: MsgHistoryPoint["status"], position: number | null): MsgHistoryPoint => ({
    month: month as MsgHistoryPoint["month"],
    period: { from: month as MsgHistoryPoint["month"], to: month as MsgHistoryPoint["month"] },
    status,
    groupId: "g",
    membersInGroup: 8,
    membersWithFigures: status === "ranked" ? 8 : 7,
    missing: [],
    count: 1,
    rate: 1,
    lower95: null,
    upper95: null,
    average: null,
    position,
    of: position === null ? null : 8,
    positionLabel: position === null ? null : `${position}`,
    significance: null,
    national: null,
    population: null,
    note: position === null ? "not ranked" : `${position === 3 ? "3rd" : "5th"} of 8`,
  });
  const words = { forceName: "Essex", indicatorName: "burglary", step: "month" as const, direction: "lower" as const };

  it("states the latest position, the range and how many months could not be ranked, and why", () => {
    expect(describeMsgHistory([point("2025-01", "ranked", 5), point("2025-02", "member missing", null), point("2025-03", "ranked", 3)], words)).toBe(
      "Essex was ranked in its most similar group for burglary in 2 of the 3 months held (Jan 2025 to Mar 2025): 3rd of 8 in Mar 2025, between 3rd and 5th (1st = lowest rate); the other 1 could not be ranked (1 with a member's figure missing).",
    );
  });

  it("says so when no month could be ranked", () => {
    expect(describeMsgHistory([point("2025-06", "member missing", null)], words)).toBe(
      "Essex could not be ranked in its most similar group for burglary in any of the 1 month held (Jun 2025 to Jun 2025): 1 with a member's figure missing.",
    );
  });
});
