import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Direction } from "../indicators";
import { xmr, type SpcRule } from "./spc";

// Baseline worked by hand: 12 months summing to 138, mean 11.5; moving ranges
// 2,1,2,1,1,1,2,1,2,1,1 sum to 15, mR̄ = 15/11 = 1.363636; limits 11.5 ± 2.66 × 15/11 = 11.5 ± 3.627273;
// 2-sigma lines 11.5 ± (2/3) × 3.627273 = 11.5 ± 2.418182, i.e. 9.081818 and 13.918182.
const BASELINE = [10, 12, 11, 13, 12, 11, 10, 12, 11, 13, 12, 11];

describe("xmr limits", () => {
  it("computes the Making Data Count limits from the baseline", () => {
    const result = xmr(BASELINE);
    expect(result.mean).toBeCloseTo(11.5, 12);
    expect(result.movingRangeMean).toBeCloseTo(15 / 11, 12);
    expect(result.upperProcessLimit).toBeCloseTo(15.127272727, 8);
    expect(result.lowerProcessLimit).toBeCloseTo(7.872727273, 8);
    expect(result.upperTwoSigma).toBeCloseTo(13.918181818, 8);
    expect(result.lowerTwoSigma).toBeCloseTo(9.081818182, 8);
    expect(result.movingRangeUpperLimit).toBeCloseTo(3.267 * (15 / 11), 12);
    expect(result.trialLimits).toBe(false);
    expect(result.points.every((p) => p.variation === "common" && p.rules.length === 0)).toBe(true);
    expect(result.points[0]?.movingRange).toBeNull();
    expect(result.points[1]?.movingRange).toBe(2);
  });

  it("labels limits from fewer than 12 points as trial limits", () => {
    const result = xmr(BASELINE.slice(0, 11));
    expect(result.trialLimits).toBe(true);
    expect(result.mean).toBeCloseTo(127 / 11, 12);
    expect(result.movingRangeMean).toBeCloseTo(1.4, 12);
  });

  it("gives an all-equal series zero-width limits and no signal", () => {
    const result = xmr(Array(15).fill(5));
    expect(result).toMatchObject({ mean: 5, movingRangeMean: 0, upperProcessLimit: 5, lowerProcessLimit: 5 });
    expect(result.points.some((p) => p.specialCause)).toBe(false);
    expect(result.variation).toBe("common");
  });

  it("judges a later point against an all-equal baseline: any change is outside the limits", () => {
    const result = xmr([...Array(12).fill(5), 6], { baselinePoints: 12 });
    expect(result.points[12]?.rules).toEqual(["outside-limits"]);
  });

  it("leaves missing months out of the mean and out of the moving ranges that touch them", () => {
    // Mean (10 + 12 + 11 + 13) / 4 = 11.5; only |11 − 12| = 1 and |13 − 11| = 2 are moving ranges.
    const result = xmr([10, null, 12, 11, 13]);
    expect(result.mean).toBeCloseTo(11.5, 12);
    expect(result.movingRangeMean).toBeCloseTo(1.5, 12);
    expect(result.points.map((p) => p.movingRange)).toEqual([null, null, null, 1, 2]);
    expect(result.segments[0]?.baselineCount).toBe(4);
    expect(result.trialLimits).toBe(true);
  });

  it("fixes the baseline: later points do not move the limits", () => {
    const result = xmr([...BASELINE, 20, 25], { baselinePoints: 12 });
    expect(result.mean).toBeCloseTo(11.5, 12);
    expect(result.points[13]?.mean).toBeCloseTo(11.5, 12);
    expect(result.segments[0]).toMatchObject({ start: 0, end: 13, baselineEnd: 11, baselineCount: 12 });
  });

  it("screens moving ranges only when asked (default off), keeping those strictly below 3.267 mR̄", () => {
    // Moving ranges 1,1,2,1,19,19,1,2,1,1,1: mR̄ = 49/11; screening limit 14.55 drops both 19s,
    // leaving 11/9. The mean (149/12) is never screened.
    const values = [10, 11, 10, 12, 11, 30, 11, 10, 12, 11, 10, 11];
    const plain = xmr(values);
    const screened = xmr(values, { screenMovingRanges: true });
    expect(plain.movingRangeMean).toBeCloseTo(49 / 11, 12);
    expect(plain.screenMovingRanges).toBe(false);
    expect(screened.movingRangeMean).toBeCloseTo(11 / 9, 12);
    expect(screened.mean).toBeCloseTo(149 / 12, 12);
    expect(screened.upperProcessLimit).toBeCloseTo(149 / 12 + 2.66 * (11 / 9), 12);
    expect(plain.points[5]?.rules).toContain("outside-limits");
    expect(screened.points[5]?.rules).toContain("outside-limits");
  });

  it("rebases: limits per segment, no moving range across the break", () => {
    const result = xmr([10, 12, 11, 13, 12, 11, 20, 22, 21, 23, 22, 21], { rebaseAt: [6] });
    expect(result.segments.map((s) => [s.start, s.end, s.mean, s.trialLimits])).toEqual([
      [0, 5, 11.5, true],
      [6, 11, 21.5, true],
    ]);
    expect(result.segments[0]?.movingRangeMean).toBeCloseTo(1.4, 12);
    expect(result.segments[1]?.movingRangeMean).toBeCloseTo(1.4, 12);
    expect(result.points[6]?.movingRange).toBeNull();
    expect(result.points[6]?.mean).toBe(21.5);
    expect(result.mean).toBe(21.5);
    expect(result.points.some((p) => p.specialCause)).toBe(false);
    // Without the rebase the shift is special cause.
    expect(xmr([10, 12, 11, 13, 12, 11, 20, 22, 21, 23, 22, 21]).points.some((p) => p.specialCause)).toBe(true);
  });
});

interface TailCase {
  name: string;
  tail: (number | null)[];
  direction: Direction;
  /** Rules for each tail point, in the order outside-limits, run, trend, two-of-three. */
  rules: SpcRule[][];
  variations?: string[];
}

const none = (n: number): SpcRule[][] => Array.from({ length: n }, () => []);
const all = (n: number, rule: SpcRule): SpcRule[][] => Array.from({ length: n }, () => [rule]);

// Each tail is judged against BASELINE's fixed limits (mean 11.5, 2-sigma 9.08–13.92, limits 7.87–15.13).
const TAIL_CASES: TailCase[] = [
  { name: "a run of exactly 6 above the mean: no signal", tail: [12, 12, 12, 12, 12, 12], direction: "lower", rules: none(6) },
  {
    name: "a run of exactly 7 above the mean: all 7 flagged",
    tail: [12, 12, 12, 12, 12, 12, 12],
    direction: "lower",
    rules: all(7, "run"),
    variations: Array(7).fill("concern"),
  },
  {
    name: "a point exactly on the mean breaks the run",
    tail: [12, 12, 12, 11.5, 12, 12, 12],
    direction: "lower",
    rules: none(7),
  },
  {
    name: "the same 7 with the middle point just above the mean is a run",
    tail: [12, 12, 12, 12.5, 12, 12, 12],
    direction: "higher",
    rules: all(7, "run"),
    variations: Array(7).fill("improvement"),
  },
  {
    name: "a trend of exactly 7 points (6 rises), crossing the mean",
    tail: [9.5, 10, 10.5, 11, 11.6, 12, 12.5],
    direction: "higher",
    rules: all(7, "trend"),
    variations: Array(7).fill("improvement"),
  },
  {
    name: "a trend of exactly 6 points: no signal",
    tail: [9.5, 10, 10.5, 11, 11.6, 12, 12],
    direction: "higher",
    rules: none(7),
  },
  {
    name: "an equal value breaks a trend",
    tail: [9.5, 10, 10.5, 10.5, 11, 11.6, 12],
    direction: "higher",
    rules: none(7),
  },
  {
    name: "2 of 3 beyond the upper 2-sigma line: only those 2 flagged",
    tail: [14, 12, 14],
    direction: "lower",
    rules: [["two-of-three"], [], ["two-of-three"]],
    variations: ["concern", "common", "concern"],
  },
  { name: "2 of 3 beyond 2-sigma but not all on one side: no signal", tail: [14, 11, 14], direction: "lower", rules: none(3) },
  {
    name: "a point beyond the process limit counts towards 2 of 3",
    tail: [16, 12, 14],
    direction: "lower",
    rules: [["outside-limits", "two-of-three"], [], ["two-of-three"]],
  },
  {
    name: "below the lower limit when lower is better is an improvement",
    tail: [7],
    direction: "lower",
    rules: [["outside-limits"]],
    variations: ["improvement"],
  },
  {
    name: "with no direction a signal is neutral",
    tail: [16],
    direction: "neither",
    rules: [["outside-limits"]],
    variations: ["neutral"],
  },
  {
    name: "a missing month breaks a run",
    tail: [12, 12, 12, null, 12, 12, 12, 12],
    direction: "lower",
    rules: none(8),
  },
  {
    name: "a missing month breaks a trend",
    tail: [9.5, 10, 10.5, null, 11, 11.6, 12, 12.5],
    direction: "lower",
    rules: none(8),
  },
  { name: "a 2-of-3 window with a missing month cannot signal", tail: [14, null, 14], direction: "lower", rules: none(3) },
  {
    // METHODS.md label priority: outside the limits, trend, 2 of 3, run. The trend outranks the run.
    name: "a falling trend that stays above the mean: the trend decides it is low",
    tail: [13.5, 13.4, 13.3, 13.2, 13.1, 13, 12.9],
    direction: "lower",
    rules: all(7, "run").map(() => ["run", "trend"] as SpcRule[]),
    variations: Array(7).fill("improvement"),
  },
];

describe("xmr special-cause rules", () => {
  it.each(TAIL_CASES)("$name", ({ tail, direction, rules, variations }) => {
    const result = xmr([...BASELINE, ...tail], { baselinePoints: 12, direction });
    expect(result.points.slice(0, 12).every((p) => !p.specialCause)).toBe(true);
    const judged = result.points.slice(12);
    expect(judged.map((p) => p.rules)).toEqual(rules);
    expect(judged.map((p) => p.specialCause)).toEqual(rules.map((r) => r.length > 0));
    if (variations) expect(judged.map((p) => p.variation)).toEqual(variations);
  });

  it("a point shared by a falling and a rising trend is labelled by the step to the next point (METHODS.md)", () => {
    const tail = [13.5, 13, 12.5, 12, 11.2, 10.5, 10, 10.5, 11, 11.7, 12, 12.5, 13];
    const result = xmr([...BASELINE, ...tail], { baselinePoints: 12, direction: "lower" });
    const judged = result.points.slice(12);
    expect(judged.every((p) => p.rules.join() === "trend")).toBe(true);
    expect(judged.map((p) => p.side)).toEqual([...Array(6).fill("low"), ...Array(7).fill("high")]);
    expect(judged[0]?.variation).toBe("improvement");
    expect(judged.at(-1)?.variation).toBe("concern");
  });
});

describe("variation and assurance icons", () => {
  it("shows the state of the latest point with a value", () => {
    const result = xmr([...BASELINE, 16, null], { baselinePoints: 12, direction: "lower" });
    expect(result.latestIndex).toBe(12);
    expect(result.variation).toBe("concern");
  });

  it("is common when the latest point is common, whatever happened before", () => {
    expect(xmr([...BASELINE, 16, 12], { baselinePoints: 12, direction: "lower" }).variation).toBe("common");
  });

  // Limits 7.87–15.13.
  it.each([
    ["higher", 7, "consistently passing"],
    ["higher", 16, "consistently failing"],
    ["higher", 10, "hit and miss"],
    ["lower", 16, "consistently passing"],
    ["lower", 7, "consistently failing"],
    ["lower", 15, "hit and miss"],
    ["neither", 7, null],
  ] as const)("direction %s, target %s → %s", (direction, target, assurance) => {
    expect(xmr(BASELINE, { direction, target }).assurance).toBe(assurance);
  });

  it("has no assurance without a target", () => {
    expect(xmr(BASELINE, { direction: "higher" }).assurance).toBeNull();
  });

  it("handles an empty series", () => {
    const result = xmr([]);
    expect(result).toMatchObject({ points: [], segments: [], mean: null, latestIndex: null, variation: "common" });
  });
});

describe("xmr properties", () => {
  const series = fc
    .constantFrom(8, 16, 32)
    .chain((length) => fc.array(fc.integer({ min: 0, max: 200 }), { minLength: length, maxLength: length }));
  const direction = fc.constantFrom<Direction>("higher", "lower", "neither");

  it("process limits and 2-sigma lines are symmetric about the mean", () => {
    fc.assert(
      fc.property(series, (values) => {
        const r = xmr(values);
        expect(r.upperProcessLimit! - r.mean!).toBeCloseTo(r.mean! - r.lowerProcessLimit!, 9);
        expect(r.upperTwoSigma! - r.mean!).toBeCloseTo(r.mean! - r.lowerTwoSigma!, 9);
        expect(r.upperTwoSigma! - r.mean!).toBeCloseTo((2 / 3) * (r.upperProcessLimit! - r.mean!), 9);
      }),
    );
  });

  // Lengths are powers of two so the mean, and hence every deviation from it, is exact in floating point.
  it("signals do not change when a constant is added to every value", () => {
    fc.assert(
      fc.property(series, fc.integer({ min: -100_000, max: 100_000 }), direction, (values, shift, dir) => {
        const before = xmr(values, { direction: dir });
        const after = xmr(
          values.map((v) => v + shift),
          { direction: dir },
        );
        expect(after.points.map((p) => [p.rules, p.variation])).toEqual(before.points.map((p) => [p.rules, p.variation]));
        expect(after.mean).toBeCloseTo(before.mean! + shift, 9);
        expect(after.movingRangeMean).toBe(before.movingRangeMean);
      }),
    );
  });
});
