import { describe, expect, it } from "vitest";
import { outcomeMaturity } from "./maturity";
import type { Month } from "../months";

// Essex, all crime, pending share per month as published (data/default, police.uk street files).
const ESSEX: [Month, number][] = [
  ["2018-01", 18.9], ["2018-02", 19.8], ["2018-03", 20.8], ["2018-04", 23.1], ["2018-05", 24.1], ["2018-06", 27.2], ["2018-07", 44.7],
  ["2018-10", 1.9], ["2018-11", 1.9], ["2018-12", 1.7], ["2019-01", 2.1], ["2019-02", 2.0],
  ["2024-01", 10.7], ["2024-02", 14.6], ["2024-03", 23.6], ["2024-04", 58.9],
  ["2025-01", 3.3], ["2025-02", 2.8], ["2025-03", 3.4], ["2025-04", 3.2], ["2025-05", 3.0], ["2025-06", 3.4],
  ["2025-07", 3.3], ["2025-08", 4.1], ["2025-09", 4.4], ["2025-10", 4.3], ["2025-11", 5.1], ["2025-12", 5.8],
];

describe("outcomeMaturity (METHODS.md: above twice the median and the median + 5 points)", () => {
  const result = outcomeMaturity(ESSEX.map(([month, share]) => ({ month, pending: share * 10, total: 1000 })));
  const byMonth = new Map(result.months.map((m) => [m.month, m]));

  it("takes the median of the area's months", () => {
    expect(result.medianShare).toBeCloseTo(0.0435, 6);
    expect(result.threshold).toBeCloseTo(0.0935, 6);
  });

  it.each([
    ["2018-07", true],
    ["2024-03", true],
    ["2024-04", true],
    ["2018-10", false],
    ["2018-11", false],
    ["2018-12", false],
    ...ESSEX.filter(([m]) => m.startsWith("2025")).map(([m]) => [m, false] as const),
  ] as const)("%s provisional: %s", (month, provisional) => {
    expect(byMonth.get(month as Month)?.provisional).toBe(provisional);
  });

  it("says why", () => {
    expect(byMonth.get("2018-07")?.reason).toBe(
      "outcomes still immature: 45% of the month's crimes still awaited an outcome, against a median of 4% for the area's months",
    );
    expect(byMonth.get("2025-12")?.reason).toBeNull();
  });

  it("needs both conditions: twice a tiny median is not enough", () => {
    const tiny = outcomeMaturity([
      { month: "2025-01", pending: 1, total: 100 },
      { month: "2025-02", pending: 1, total: 100 },
      { month: "2025-03", pending: 4, total: 100 },
    ]);
    expect(tiny.months.map((m) => m.provisional)).toEqual([false, false, false]);
  });

  it("leaves a month with no crimes unjudged", () => {
    expect(outcomeMaturity([{ month: "2025-01", pending: 0, total: 0 }]).months[0]).toMatchObject({ pendingShare: null, provisional: false });
  });
});
