import { describe, expect, it } from "vitest";
import { compareForceFigures, comparisonPeriodLabel, comparisonPeriodWindow, rangeOf, windowFigure } from "./forceComparison";

describe("compareForceFigures: proportions (solved rates)", () => {
  const figures = [
    { code: "A", numerator: 81, denominator: 263 },
    { code: "B", numerator: 20, denominator: 100 },
    { code: "C", numerator: 300, denominator: 1000 },
    { code: "D", numerator: null, denominator: 50 },
  ];

  it("gives each force its percentage with the Wilson 95% interval (81/263 → 25.53%–36.62%) and n", () => {
    const c = compareForceFigures({ figures, measure: "proportion", direction: "higher" });
    const a = c.forces.find((f) => f.code === "A")!;
    expect(a.value).toBeCloseTo((81 / 263) * 100, 10);
    expect(a.lower).toBeCloseTo(25.53, 2);
    expect(a.upper).toBeCloseTo(36.62, 2);
    expect(a.denominator).toBe(263);
    expect(a.method).toBe("wilson");
    expect(c.per).toBe(100);
    expect(c.missing).toEqual(["D"]);
  });

  it("pools the average as Σsolved ÷ Σrecorded, or takes the simple mean, and labels which", () => {
    const pooled = compareForceFigures({ figures, measure: "proportion", direction: "higher" });
    expect(pooled.average).toBeCloseTo(((81 + 20 + 300) / (263 + 100 + 1000)) * 100, 10);
    expect(pooled.averageLabel).toMatch(/pooled/);
    const simple = compareForceFigures({ figures, measure: "proportion", direction: "higher", average: "simple" });
    expect(simple.average).toBeCloseTo(((81 / 263) * 100 + 20 + 30) / 3, 10);
    expect(simple.averageLabel).toBe("MSG average (simple mean of percentages)");
  });

  it("gives the range with its forces, the median, positions (higher is better) and significance against the average", () => {
    const c = compareForceFigures({ figures, measure: "proportion", direction: "higher" });
    expect(c.range).toEqual({ lowest: { value: 20, codes: ["B"] }, highest: { value: expect.closeTo(30.798, 2), codes: ["A"] } });
    expect(c.median).toBeCloseTo(30, 10);
    expect(c.forces.map((f) => f.positionLabel)).toEqual(["1st of 3", "3rd of 3", "2nd of 3"]);
    // Pooled 29.42%: B's interval (about 13.3%–28.9%) lies wholly below it; C's 27.2%–32.9% does not.
    expect(c.forces.find((f) => f.code === "B")!.significance).toBe("lower");
    expect(c.forces.find((f) => f.code === "C")!.significance).toBe("not significant");
  });
});

describe("compareForceFigures: rates per 1,000", () => {
  it("uses Byar's interval and the population-weighted average, lower is better", () => {
    const c = compareForceFigures({
      figures: [
        { code: "X", numerator: 100, denominator: 50_000 },
        { code: "Y", numerator: 300, denominator: 100_000 },
      ],
      measure: "rate",
      direction: "lower",
      groupLabel: "Average of the forces shown",
    });
    expect(c.per).toBe(1000);
    expect(c.average).toBeCloseTo((400 / 150_000) * 1000, 10);
    expect(c.averageLabel).toBe("Average of the forces shown (weighted by population)");
    const x = c.forces[0]!;
    expect(x.value).toBeCloseTo(2, 10);
    expect(x.method).toBe("byar");
    // Byar lower for O = 100: 100(1 − 1/900 − 1.959964/30)³ = 81.36 → 1.6273 per 1,000.
    expect(x.lower).toBeCloseTo(1.6273, 3);
    expect(x.position).toBe(1);
    expect(c.forces[1]!.position).toBe(2);
  });
});

describe("rangeOf", () => {
  it("names every force at a tied end and is null for no rows", () => {
    expect(rangeOf([{ code: "A", value: 1 }, { code: "B", value: 1 }, { code: "C", value: 4 }])).toEqual({ lowest: { value: 1, codes: ["A", "B"] }, highest: { value: 4, codes: ["C"] } });
    expect(rangeOf([])).toBeNull();
  });
});

describe("comparison periods and window totals", () => {
  it("covers the month, the 12 months to it, or the financial year to date", () => {
    expect(comparisonPeriodWindow("2025-12", "month")).toEqual({ from: "2025-12", to: "2025-12" });
    expect(comparisonPeriodWindow("2025-12", "rolling-12")).toEqual({ from: "2025-01", to: "2025-12" });
    expect(comparisonPeriodWindow("2025-12", "fytd")).toEqual({ from: "2025-04", to: "2025-12" });
    expect(comparisonPeriodLabel("2025-12", "fytd")).toBe("financial year 2025/26 to date (Apr 2025 – Dec 2025)");
  });

  it("sums numerators and denominators for a proportion and refuses a window lacking a month", () => {
    const rows = [
      { month: "2025-10", value: 10, numerator: 1, denominator: 10 },
      { month: "2025-11", value: 50, numerator: 5, denominator: 10 },
      { month: "2025-12", value: 20, numerator: 4, denominator: 20 },
    ];
    expect(windowFigure(rows, { from: "2025-10", to: "2025-12" }, "proportion")).toMatchObject({ numerator: 10, denominator: 40, complete: true });
    expect(windowFigure(rows, { from: "2025-10", to: "2025-12" }, "rate")).toMatchObject({ numerator: 80, denominator: null, complete: true });
    const gap = windowFigure(rows, { from: "2025-09", to: "2025-12" }, "rate");
    expect(gap).toMatchObject({ numerator: null, complete: false, missingMonths: ["2025-09"], monthCount: 4 });
  });
});
