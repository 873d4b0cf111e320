import { describe, expect, it } from "vitest";
import type { Month } from "../months";
import {
  financialYearOf,
  financialYearToDate,
  financialYearWindow,
  quarterOf,
  rollingTwelveMonths,
  sameMonthLastYearWindows,
  sumWindow,
  sumWindows,
} from "./periods";

describe("financial years (1 April – 31 March)", () => {
  it.each([
    ["2015-04", "2015/16"],
    ["2016-03", "2015/16"],
    ["2016-04", "2016/17"],
    ["2016-01", "2015/16"],
    ["1999-12", "1999/00"],
  ] as const)("%s is in %s", (month, fy) => {
    expect(financialYearOf(month)).toBe(fy);
  });

  it("FY 2015/16 is 2015-04..2016-03", () => {
    expect(financialYearWindow("2015/16")).toEqual({ from: "2015-04", to: "2016-03" });
    expect(financialYearWindow("1999/00")).toEqual({ from: "1999-04", to: "2000-03" });
  });

  it.each(["2015/17", "2015-16", "15/16"])("rejects %s", (text) => {
    expect(() => financialYearWindow(text)).toThrow(RangeError);
  });
});

describe("comparison windows", () => {
  it.each([
    ["2025-01", { from: "2024-04", to: "2025-01" }, { from: "2023-04", to: "2024-01" }],
    ["2024-04", { from: "2024-04", to: "2024-04" }, { from: "2023-04", to: "2023-04" }],
    ["2024-03", { from: "2023-04", to: "2024-03" }, { from: "2022-04", to: "2023-03" }],
  ] as const)("financial year to date at %s", (month, current, previous) => {
    expect(financialYearToDate(month)).toEqual({ current, previous });
  });

  it("rolling 12 months to 2025-01 and the 12 before", () => {
    expect(rollingTwelveMonths("2025-01")).toEqual({
      current: { from: "2024-02", to: "2025-01" },
      previous: { from: "2023-02", to: "2024-01" },
    });
  });

  it("same month last year", () => {
    expect(sameMonthLastYearWindows("2025-02")).toEqual({
      current: { from: "2025-02", to: "2025-02" },
      previous: { from: "2024-02", to: "2024-02" },
    });
  });
});

describe("quarterOf (financial quarters)", () => {
  it.each([
    ["2024-04", 1, "2024-04", "2024-06", "Q1 2024/25"],
    ["2024-06", 1, "2024-04", "2024-06", "Q1 2024/25"],
    ["2024-09", 2, "2024-07", "2024-09", "Q2 2024/25"],
    ["2024-12", 3, "2024-10", "2024-12", "Q3 2024/25"],
    ["2025-01", 4, "2025-01", "2025-03", "Q4 2024/25"],
    ["2025-03", 4, "2025-01", "2025-03", "Q4 2024/25"],
  ] as const)("%s is quarter %s", (month, quarter, from, to, label) => {
    expect(quarterOf(month)).toMatchObject({ quarter, window: { from, to }, label });
  });
});

describe("sumWindow: a missing month is never zero", () => {
  const series: { month: Month; value: number | null }[] = [
    { month: "2024-01", value: 10 },
    { month: "2024-02", value: 0 },
    { month: "2024-03", value: null },
    { month: "2024-04", value: 7 },
    // 2024-05 absent
    { month: "2024-06", value: 3 },
  ];

  it.each([
    ["a complete window, a zero month counted", "2024-01", "2024-02", 10, true, []],
    ["a null month", "2024-01", "2024-04", null, false, ["2024-03"]],
    ["an absent month", "2024-04", "2024-06", null, false, ["2024-05"]],
    ["a window before the series", "2023-11", "2024-01", null, false, ["2023-11", "2023-12"]],
    ["a single month", "2024-06", "2024-06", 3, true, []],
  ] as const)("%s", (_, from, to, total, complete, missing) => {
    const result = sumWindow(series, { from, to });
    expect(result.total).toBe(total);
    expect(result.complete).toBe(complete);
    expect(result.missingMonths).toEqual(missing);
  });

  it("counts the months of the window", () => {
    expect(sumWindow(series, { from: "2024-01", to: "2024-06" }).monthCount).toBe(6);
  });

  it("sums a period and its comparison", () => {
    const monthly = Array.from({ length: 24 }, (_, i) => ({
      month: `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}` as Month,
      value: i < 12 ? 1 : 2,
    }));
    const { current, previous } = sumWindows(monthly, rollingTwelveMonths("2024-12"));
    expect(current.total).toBe(24);
    expect(previous.total).toBe(12);
  });
});
