import { describe, expect, it } from "vitest";
import {
  binomialCdf,
  binomialUpperTail,
  chiSquareQuantile,
  exactPoissonLimits,
  gammaQuantile,
  logGamma,
  normalCdf,
  normalQuantile,
  poissonCdf,
  poissonUpperTail,
  zForLevel,
} from "./distributions";

// Expected values from scipy.stats 1.17.1 (norm, binom, poisson, chi2, gamma), computed
// independently of this code; they agree with R's qnorm/pbinom/ppois/qchisq to the digits shown.
describe("normal distribution", () => {
  it.each([
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.999, 3.090232306167813],
    [0.3, -0.5244005127080409],
    [1e-10, -6.361340902404056],
    [0.9999999, 5.199337582290661],
  ])("normalQuantile(%s) = %s (Wichura AS 241)", (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 12);
  });

  it.each([
    [0, 0.5],
    [1.96, 0.9750021048517795],
    [-3, 0.0013498980316300933],
    [5, 0.9999997133484281],
  ])("normalCdf(%s) = %s", (z, p) => {
    expect(normalCdf(z)).toBeCloseTo(p, 14);
  });

  it("keeps relative precision far in the lower tail", () => {
    expect(normalCdf(-8) / 6.22096057427174e-16).toBeCloseTo(1, 10);
  });

  it.each([
    [0.95, 1.959963984540054],
    [0.998, 3.090232306167813],
  ])("zForLevel(%s) = %s", (level, z) => {
    expect(zForLevel(level)).toBeCloseTo(z, 12);
  });

  it("rejects a level outside (0, 1)", () => {
    expect(() => zForLevel(95)).toThrow(RangeError);
  });
});

describe("gamma and chi-square", () => {
  it.each([
    [1, 0],
    [2, 0],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [10, Math.log(362880)],
    [101, 363.73937555556347], // log(100!)
  ])("logGamma(%s)", (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 10);
  });

  it("chiSquareQuantile(0.3, 7) = 4.671330448981073", () => {
    expect(chiSquareQuantile(0.3, 7)).toBeCloseTo(4.671330448981073, 10);
  });

  it("gammaQuantile(0.9, 2.5) = 4.618178449890562", () => {
    expect(gammaQuantile(0.9, 2.5)).toBeCloseTo(4.618178449890562, 10);
  });
});

describe("exact Poisson limits (chi-square)", () => {
  // scipy: chi2.ppf(α/2, 2O)/2 and chi2.ppf(1 − α/2, 2O + 2)/2
  it.each([
    [0, 0.95, 0, 3.6888794541139354],
    [0, 0.998, 0, 6.907755278982137],
    [1, 0.95, 0.025317807984289897, 5.571643390938898],
    [1, 0.998, 0.0010005003335835346, 9.233413476451585],
    [5, 0.95, 1.623486390118421, 11.66833207932267],
    [5, 0.998, 0.7393717319178327, 16.454745203680105],
    [9, 0.95, 4.115373097378334, 17.084803451419166],
    [9, 0.998, 2.452424404363775, 22.65737330906293],
  ])("count %s at %s → %s to %s", (count, level, lower, upper) => {
    const limits = exactPoissonLimits(count, level);
    expect(limits.lower).toBeCloseTo(lower, 9);
    expect(limits.upper).toBeCloseTo(upper, 9);
  });
});

describe("binomial and Poisson tails (summed exactly)", () => {
  it.each([
    [3, 10, 0.3, 0.6496107184000002],
    [0, 10, 0.3, 0.7 ** 10],
    [10, 10, 0.3, 1],
    [-1, 10, 0.3, 0],
  ])("binomialCdf(%s; %s, %s)", (k, n, p, expected) => {
    expect(binomialCdf(k, n, p)).toBeCloseTo(expected, 14);
  });

  it("keeps tiny upper tails exact: P(X ≥ 80000), X ~ Bin(150000, ½)", () => {
    expect(binomialUpperTail(80000, 150000, 0.5) / 2.2135718514290237e-147).toBeCloseTo(1, 6);
  });

  it.each([
    [3, 2.5, 0.7575761331330662],
    [0, 2.5, Math.exp(-2.5)],
    [3, 0, 1],
  ])("poissonCdf(%s; %s)", (k, mean, expected) => {
    expect(poissonCdf(k, mean)).toBeCloseTo(expected, 14);
  });

  it("poissonUpperTail is the complement of poissonCdf", () => {
    expect(poissonUpperTail(4, 2.5) + poissonCdf(3, 2.5)).toBeCloseTo(1, 14);
  });
});
