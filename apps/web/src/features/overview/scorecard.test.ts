import { describe, expect, it } from "vitest";
import type { PeriodComparison } from "@scrutiny/api";
import { comparisonCell, variationLabel } from "./scorecard";

const window = (from: string, to: string) => ({ from, to }) as PeriodComparison["current"]["window"];
const total = (value: number | null, missing: string[] = []) =>
  ({ window: window("2025-01", "2025-12"), total: value, complete: value !== null, missingMonths: missing, monthCount: 12 }) as PeriodComparison["current"];

const counts = (current: number, previous: number, significant: boolean): PeriodComparison => ({
  period: "rolling 12 months",
  current: total(current),
  previous: total(previous),
  test: { kind: "counts", current, previous, absoluteChange: current - previous, percentChange: ((current - previous) / previous) * 100, pValue: significant ? 0.01 : 0.4, zQuick: 0, pQuick: 0, significant, smallNumbers: previous < 20, exposureRatio: 1, level: 0.95 },
  comparability: "comparable",
  comparabilityReason: null,
  significantChange: significant ? (current > previous ? "worse" : "better") : null,
  sentence: "…",
});

describe("comparisonCell", () => {
  it.each([
    ["a significant rise of a lower-is-better count is worse", counts(121, 96, true), "lower", "+25 (+26.0%)", "worse"],
    ["a significant rise of a higher-is-better count is better", { ...counts(121, 96, true), significantChange: "better" as const }, "higher", "+25 (+26.0%)", "better"],
    ["across a break: not comparable, whatever the test says", { ...counts(0, 1595, true), comparability: "not comparable" as const, significantChange: null }, "lower", "Not comparable", "not comparable"],
    ["a provisional month: not like for like", { ...counts(121, 96, true), comparability: "not like for like" as const, significantChange: null }, "lower", "+25 (+26.0%) (not like for like)", "not like for like"],
    ["a rise within chance is no significant change", counts(121, 96, false), "lower", "+25 (+26.0%)", "no significant change"],
    ["no direction: never judged", counts(121, 96, true), "neither", "+25 (+26.0%)", "no direction"],
    ["a small base is worded as from → to", counts(14, 9, false), "lower", "9 → 14", "no significant change"],
  ] as const)("%s", (_name, comparison, direction, text, judgement) => {
    expect(comparisonCell("count", direction, comparison)).toMatchObject({ text, judgement });
  });

  it("says how many months are missing instead of a change", () => {
    const comparison: PeriodComparison = { period: "rolling 12 months", current: total(null, ["2025-03"]), previous: total(null, ["2024-05", "2024-06"]), test: null, comparability: "comparable", comparabilityReason: null, significantChange: null, sentence: "cannot be compared" };
    expect(comparisonCell("count", "lower", comparison)).toEqual({ text: "3 months missing", judgement: "not comparable", sentence: "cannot be compared" });
  });
});

describe("variationLabel", () => {
  it("labels provisional limits", () => {
    expect(variationLabel("concern", true)).toEqual({ symbol: "▲!", text: "Special cause: concern (provisional limits)" });
    expect(variationLabel(null, false).text).toBe("No SPC reading: too few months");
  });
});
