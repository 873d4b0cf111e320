import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareCounts, compareProportions, wilsonInterval } from "./changes";

describe("compareCounts: exact conditional test", () => {
  it("reproduces the METHODS.md worked example, 121 vs 96", () => {
    const result = compareCounts(121, 96);
    expect(result.absoluteChange).toBe(25);
    expect(result.percentChange).toBeCloseTo(26.0417, 4);
    // R: binom.test(121, 217)$p.value = 0.103046; the √2 form 0.0891 (METHODS.md: 0.103 and 0.089).
    expect(result.pValue).toBeCloseTo(0.10304600517656178, 10);
    expect(result.zQuick).toBeCloseTo(Math.SQRT2 * (11 - Math.sqrt(96)), 12);
    expect(result.pQuick).toBeCloseTo(0.08914169925936265, 10);
    expect(result.significant).toBe(false);
    expect(result.smallNumbers).toBe(false);
  });

  // Expected p-values: scipy.stats.binomtest(a, a + b, 0.5).pvalue (the same algorithm as R binom.test).
  it.each([
    [14, 9, 0.4048728942871094, false, true],
    [0, 0, 1, false, true],
    [0, 5, 0.0625, false, true],
    [5, 0, 0.0625, false, true],
    [10, 10, 1, false, true],
    [1, 0, 1, false, true],
    [30, 12, 0.007915897334896727, true, true],
    [250, 200, 0.02079180024760781, true, false],
    [3, 17, 0.0025768280029296875, true, true],
  ])("%s vs %s → p = %s", (current, previous, p, significant, smallNumbers) => {
    const result = compareCounts(current, previous);
    expect(result.pValue).toBeCloseTo(p, 12);
    expect(result.significant).toBe(significant);
    expect(result.smallNumbers).toBe(smallNumbers);
  });

  it("has no percentage change from a base of 0", () => {
    expect(compareCounts(4, 0).percentChange).toBeNull();
  });

  it("scales the binomial share by exposure (60 in 29 days vs 40 in 28 days)", () => {
    // scipy: π = r/(1+r), r = 29/28; p = min(1, 2·min(binom.cdf(60), binom.sf(59)))
    const result = compareCounts(60, 40, { exposureRatio: 29 / 28 });
    expect(result.pValue).toBeCloseTo(0.08383423562187856, 10);
    expect(result.exposureRatio).toBeCloseTo(29 / 28, 15);
  });

  it("rejects counts that are not whole numbers of 0 or more", () => {
    expect(() => compareCounts(-1, 3)).toThrow(RangeError);
    expect(() => compareCounts(2.5, 3)).toThrow(RangeError);
  });

  it("is symmetric: p for a vs b equals p for b vs a", () => {
    fc.assert(
      fc.property(fc.nat(400), fc.nat(400), (a, b) => {
        const forward = compareCounts(a, b).pValue;
        expect(compareCounts(b, a).pValue).toBeCloseTo(forward, 12);
        expect(forward).toBeGreaterThan(0);
        expect(forward).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe("wilsonInterval", () => {
  // Hand formula (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n), evaluated in Python with scipy's z.
  it.each([
    [81, 263, 0.95, 0.2552885198782742, 0.36620957698280004],
    [81, 263, 0.998, 0.22803574024200476, 0.40138942190936955],
    [0, 10, 0.95, 0, 0.2775327998628892],
    [10, 10, 0.95, 0.7224672001371107, 1],
    [1, 1, 0.95, 0.20654931437723745, 1],
  ])("%s of %s at %s", (successes, trials, level, lower, upper) => {
    const interval = wilsonInterval(successes, trials, level);
    expect(interval.estimate).toBeCloseTo(successes / trials, 15);
    expect(interval.lower).toBeCloseTo(lower, 12);
    expect(interval.upper).toBeCloseTo(upper, 12);
  });

  it("returns nulls, not NaN, for 0 trials", () => {
    expect(wilsonInterval(0, 0)).toEqual({ estimate: null, lower: null, upper: null, level: 0.95 });
  });

  it("rejects more successes than trials", () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
  });

  it("contains the estimate, stays in 0–1, and is wider at 99.8% than at 95%", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([successes, trials]) => {
          const i95 = wilsonInterval(successes, trials);
          const i998 = wilsonInterval(successes, trials, 0.998);
          if (i95.estimate === null || i998.estimate === null) throw new Error("trials > 0 has an estimate");
          expect(i95.lower).toBeGreaterThanOrEqual(0);
          expect(i95.upper).toBeLessThanOrEqual(1);
          expect(i95.lower).toBeLessThanOrEqual(i95.estimate);
          expect(i95.upper).toBeGreaterThanOrEqual(i95.estimate);
          expect(i998.lower).toBeLessThanOrEqual(i95.lower);
          expect(i998.upper).toBeGreaterThanOrEqual(i95.upper);
        },
      ),
    );
  });
});

describe("compareProportions: pooled two-proportion z-test", () => {
  // z and p by hand formula in Python; p agrees with scipy chi2_contingency(correction=False) (R prop.test, correct = FALSE).
  it.each([
    [233, 1200, 300, 1150, -6.670289855072465, -3.8599094142196586, 0.00011342906567664587, true],
    [40, 80, 30, 90, 16.666666666666668, 2.203892660077359, 0.02753189387562954, true],
    [144, 1150, 233, 1200, -6.894927536231884, -4.552699259873068, 5.296195782631933e-6, true],
  ])("%s/%s vs %s/%s", (s1, n1, s2, n2, points, z, p, significant) => {
    const result = compareProportions({ successes: s1, trials: n1 }, { successes: s2, trials: n2 });
    expect(result.differencePoints).toBeCloseTo(points, 10);
    expect(result.z).toBeCloseTo(z, 10);
    expect(result.pValue).toBeCloseTo(p, 12);
    expect(result.significant).toBe(significant);
    expect(result.current.trials).toBe(n1);
    expect(result.current.interval.lower).not.toBeNull();
  });

  it("has no test when a period has no cases", () => {
    const result = compareProportions({ successes: 0, trials: 0 }, { successes: 3, trials: 10 });
    expect(result).toMatchObject({ differencePoints: null, z: null, pValue: null, significant: false });
    expect(result.previous.proportion).toBeCloseTo(0.3, 15);
  });

  it("has no test when both samples are all failures (pooled proportion 0)", () => {
    const result = compareProportions({ successes: 0, trials: 20 }, { successes: 0, trials: 30 });
    expect(result).toMatchObject({ differencePoints: 0, z: null, pValue: null, significant: false });
  });
});
