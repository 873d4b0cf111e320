import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classifyFunnelPoint, funnelBand, funnelDenominators, funnelLimits, funnelLimitsAt } from "./funnel";

// Expected limits: scipy.stats 1.17.1 poisson/binom ppf, cdf and pmf, with Spiegelhalter's (2005,
// appendix A.1.1) interpolation r − (F(r) − p)/f(r) written out independently in Python.
describe("funnelLimits, Poisson rates per 1,000 around a target of 50", () => {
  it.each([
    [100, 5, 5.420657955128834, 93.76558587662765, 0, 127.71353781639866],
    [1000, 50, 36.12172350095745, 63.830491687733904, 29.122816491481547, 72.75140851561927],
    [20_000, 1000, 46.899957215819, 53.097479967510516, 45.16053837887678, 54.93211782413046],
    [1_000_000, 50_000, 49.561712119101685, 50.43823492208774, 49.309929745627116, 50.69192017126343],
  ])("population %s (expected %s)", (denominator, expected, lower95, upper95, lower998, upper998) => {
    const [row] = funnelLimits({ kind: "poisson", target: 50, denominators: [denominator] });
    expect(row?.expected).toBeCloseTo(expected, 9);
    expect(row?.lower95).toBeCloseTo(lower95, 8);
    expect(row?.upper95).toBeCloseTo(upper95, 8);
    expect(row?.lower998).toBeCloseTo(lower998, 8);
    expect(row?.upper998).toBeCloseTo(upper998, 8);
  });

  it("puts every limit at 0 for a target of 0", () => {
    expect(funnelLimitsAt(1000, { kind: "poisson", target: 0 })).toMatchObject({
      lower95: 0,
      upper95: 0,
      lower998: 0,
      upper998: 0,
    });
  });
});

describe("funnelLimits, binomial proportions around a target of 0.2", () => {
  it.each([
    [10, 0, 0.4294938829210066, 0, 0.5975360398065475],
    [100, 0.1197422327150688, 0.27647608503359195, 0.08097825256459945, 0.3267658515166419],
    [5000, 0.18886894960033832, 0.21104431269095267, 0.1825934757900036, 0.21755032787853174],
  ])("%s trials", (n, lower95, upper95, lower998, upper998) => {
    const row = funnelLimitsAt(n, { kind: "binomial", target: 0.2 });
    expect(row.lower95).toBeCloseTo(lower95, 10);
    expect(row.upper95).toBeCloseTo(upper95, 10);
    expect(row.lower998).toBeCloseTo(lower998, 10);
    expect(row.upper998).toBeCloseTo(upper998, 10);
  });

  it("rejects a fractional number of trials and a target above 1", () => {
    expect(() => funnelLimitsAt(10.5, { kind: "binomial", target: 0.2 })).toThrow(RangeError);
    expect(() => funnelLimitsAt(10, { kind: "binomial", target: 20 })).toThrow(RangeError);
  });
});

describe("classifying a district", () => {
  // Limits at population 1,000 around 50 per 1,000: 29.12 / 36.12 / 63.83 / 72.75 (above).
  it.each([
    [80, "above 99.8%"],
    [65, "above 95%"],
    [50, "within"],
    [37, "within"],
    [30, "below 95%"],
    [20, "below 99.8%"],
  ] as const)("%s crimes in 1,000 people is %s", (count, band) => {
    const point = classifyFunnelPoint({ count, denominator: 1000 }, { kind: "poisson", target: 50 });
    expect(point.value).toBeCloseTo(count, 12);
    expect(point.band).toBe(band);
  });

  it("counts a value exactly on a limit as within", () => {
    const limits = { denominator: 1, expected: 1, lower95: 2, upper95: 4, lower998: 1, upper998: 5 };
    expect(funnelBand(4, limits)).toBe("within");
    expect(funnelBand(5, limits)).toBe("above 95%");
    expect(funnelBand(1, limits)).toBe("below 95%");
  });

  it("classifies proportions as proportions", () => {
    const point = classifyFunnelPoint({ count: 30, denominator: 100 }, { kind: "binomial", target: 0.2 });
    expect(point.value).toBeCloseTo(0.3, 15);
    expect(point.band).toBe("above 95%");
  });
});

describe("funnelDenominators", () => {
  it("spreads whole numbers on a log scale from min to max", () => {
    expect(funnelDenominators(1, 1000, 4)).toEqual([1, 10, 100, 1000]);
  });
});

describe("funnel properties", () => {
  it("99.8% limits lie outside the 95% limits, for rates and proportions", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200_000 }),
        fc.double({ min: 0.5, max: 200, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (denominator, rate, proportion) => {
          for (const row of [
            funnelLimitsAt(denominator, { kind: "poisson", target: rate }),
            funnelLimitsAt(denominator, { kind: "binomial", target: proportion }),
          ]) {
            expect(row.lower998).toBeLessThanOrEqual(row.lower95);
            expect(row.lower95).toBeLessThanOrEqual(row.upper95);
            expect(row.upper95).toBeLessThanOrEqual(row.upper998);
            expect(row.lower998).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
