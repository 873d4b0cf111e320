import { describe, expect, it } from "vitest";
import { expectedLatestMonth, freshnessOf, isPeriodEnd, periodEndAtOrBefore, periodEndsBetween } from "./freshness";
import { isMonthInRange, MonthRangeError, monthsBetween, type Month } from "./months";

describe("expectedLatestMonth", () => {
  it.each([
    // cadence, lag, as of, expected latest month due
    ["monthly", 1, "2026-03", "2026-01"],
    ["monthly", 2, "2026-03", "2025-12"],
    ["monthly", 0, "2026-03", "2026-02"],
    ["quarterly", 2, "2026-03", "2025-12"],
    ["quarterly", 2, "2026-09", "2026-06"],
    ["quarterly", 4, "2026-09", "2026-03"],
    ["six-monthly", 3, "2026-07", "2026-03"],
    ["six-monthly", 3, "2026-06", "2025-09"],
    ["annual", 6, "2026-11", "2026-03"],
    ["annual", 6, "2026-09", "2025-03"],
  ] as const)("%s, lag %i, in %s: %s", (cadence, lag, asOf, expected) => {
    expect(expectedLatestMonth(cadence, lag, asOf as Month)).toBe(expected);
  });
});

describe("periods", () => {
  it("ends quarters in Mar/Jun/Sep/Dec and half years in Mar/Sep", () => {
    expect(["2025-03", "2025-06", "2025-09", "2025-12"].every((m) => isPeriodEnd("quarterly", m as Month))).toBe(true);
    expect(isPeriodEnd("quarterly", "2025-05")).toBe(false);
    expect(periodEndsBetween("six-monthly", "2024-01", "2025-12")).toEqual(["2024-03", "2024-09", "2025-03", "2025-09"]);
  });
});

describe("freshnessOf", () => {
  it("is on time when the latest due month is held", () => {
    expect(freshnessOf({ cadence: "monthly", expectedLagMonths: 1 }, ["2025-12", "2026-01"], "2026-03")).toEqual({
      status: "on time", expectedLatest: "2026-01", latestHeld: "2026-01", periodsBehind: 0, missing: [],
    });
  });

  it("counts periods behind and lists the gaps before the latest held", () => {
    const f = freshnessOf({ cadence: "monthly", expectedLagMonths: 1 }, ["2025-06", "2025-07", "2025-09", "2025-11"], "2026-03", 6);
    expect(f).toMatchObject({ status: "late", latestHeld: "2025-11", periodsBehind: 2 });
    // Within the 6 periods to Jan 2026 (Aug 2025 on): August and October are gaps; December and
    // January are late, not gaps; June is older than the window.
    expect(f.missing).toEqual(["2025-08", "2025-10"]);
  });

  it("reads six-monthly NFIB-like data by its half years", () => {
    const f = freshnessOf({ cadence: "six-monthly", expectedLagMonths: 3 }, ["2025-03"], "2026-02");
    expect(f).toMatchObject({ status: "late", expectedLatest: "2025-09", periodsBehind: 1, missing: [] });
  });

  it("says no data when nothing is held", () => {
    expect(freshnessOf({ cadence: "quarterly" }, [], "2026-03")).toMatchObject({ status: "no data", latestHeld: null, expectedLatest: "2025-12" });
  });
});

describe("month loops are bounded (issue 11: ?asOf=0000-01 hung the server)", () => {
  it("refuses a month before year 0 instead of walking back for ever", () => {
    // Without the bound, "0000-01" minus two months is not a month and the walk never ends.
    expect(() => expectedLatestMonth("quarterly", 2, "0000-01" as Month)).toThrow(MonthRangeError);
    expect(() => freshnessOf({ cadence: "quarterly" }, ["2025-03" as Month], "0000-01" as Month)).toThrow(MonthRangeError);
    expect(() => periodEndAtOrBefore("annual", "NaN-NaN" as Month)).toThrow(MonthRangeError);
  });

  it("refuses a range longer than the most months any loop may walk", () => {
    expect(() => periodEndsBetween("monthly", "0001-01" as Month, "2025-01" as Month)).toThrow(MonthRangeError);
    expect(() => monthsBetween("0001-01" as Month, "9999-12" as Month)).toThrow(MonthRangeError);
    expect(monthsBetween("1990-01" as Month, "2100-12" as Month)).toHaveLength(111 * 12);
  });

  it("still finds the period end for ordinary months", () => {
    expect(periodEndAtOrBefore("annual", "2025-02" as Month)).toBe("2024-03");
    expect(periodEndAtOrBefore("six-monthly", "2025-08" as Month)).toBe("2025-03");
  });

  it("accepts months from 1990-01 to 2100-12 only", () => {
    expect(["1990-01", "2100-12", "2025-06"].map(isMonthInRange)).toEqual([true, true, true]);
    expect(["1989-12", "2101-01", "0000-01", "2025-13", "2025-1"].map(isMonthInRange)).toEqual([false, false, false, false, false]);
  });
});
