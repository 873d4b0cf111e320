import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { byarInterval, countInterval, populationYearFor, ratePerThousand } from "./rates";

describe("ratePerThousand", () => {
  it.each([
    [121, 185_000, (121 / 185_000) * 1000],
    [0, 1000, 0],
    [5, 0, null],
  ])("%s per %s people", (count, population, expected) => {
    const rate = ratePerThousand(count, population);
    if (expected === null) expect(rate).toBeNull();
    else expect(rate).toBeCloseTo(expected, 12);
  });
});

describe("populationYearFor", () => {
  const years = [2019, 2020, 2021, 2022, 2023];
  it.each([
    ["one month uses its own calendar year", "2021-02" as const, 2021, false],
    ["FY 2015/16 has its mid-point in October 2015", { from: "2021-04", to: "2022-03" } as const, 2021, false],
    ["Jul 2021–Jun 2022 has its mid-point on 31 December 2021", { from: "2021-07", to: "2022-06" } as const, 2021, false],
    ["calendar year 2022", { from: "2022-01", to: "2022-12" } as const, 2022, false],
    ["a month newer than the latest estimate borrows it, flagged", "2025-01" as const, 2023, true],
  ])("%s", (_, period, year, latestAvailable) => {
    expect(populationYearFor(period, years)).toMatchObject({ year, latestAvailable });
  });

  it("gives null before the first published year or in a gap", () => {
    expect(populationYearFor("2018-06", years)).toBeNull();
    expect(populationYearFor("2021-06", [2019, 2020, 2022])).toBeNull();
  });
});

describe("countInterval and byarInterval", () => {
  // Counts ≥ 10: Byar's formula (PHE technical guide; PHEindicatormethods::byars_lower/upper),
  // evaluated by hand in Python with scipy's z. Below 10: exact chi-square limits (scipy chi2.ppf).
  it.each([
    [0, 0.95, 0, 3.6888794541139354, "exact"],
    [5, 0.95, 1.623486390118421, 11.66833207932267, "exact"],
    [9, 0.95, 4.115373097378334, 17.084803451419166, "exact"],
    [10, 0.95, 4.787449913967563, 18.391458605756473, "byar"],
    [10, 0.998, 2.916318374695686, 24.19372492788055, "byar"],
    [25, 0.95, 16.174265921657202, 36.90645069218536, "byar"],
    [100, 0.95, 81.36210549052788, 121.6279375792065, "byar"],
    [100, 0.998, 71.90369187259837, 134.94362176226318, "byar"],
  ])("count %s at %s → %s to %s (%s)", (count, level, lower, upper, method) => {
    const interval = countInterval(count, level);
    expect(interval.lower).toBeCloseTo(lower, 9);
    expect(interval.upper).toBeCloseTo(upper, 9);
    expect(interval.method).toBe(method);
  });

  it("scales the count limits to a rate per 1,000", () => {
    const result = byarInterval(6500, 1_000_000);
    expect(result.rate).toBeCloseTo(6.5, 12);
    expect(result.lower).toBeCloseTo(6.342931732011338, 10);
    expect(result.upper).toBeCloseTo(6.65997469635289, 10);
    expect(result).toMatchObject({ method: "byar", per: 1000, level: 0.95 });
  });

  it("supports another unit, per 100,000", () => {
    const result = byarInterval(5, 250_000, { per: 100_000 });
    expect(result.rate).toBeCloseTo(2, 12);
    expect(result.lower).toBeCloseTo((1.623486390118421 / 250_000) * 100_000, 10);
  });

  it("rejects a population of 0", () => {
    expect(() => byarInterval(3, 0)).toThrow(RangeError);
  });

  it("contains the rate and is wider at 99.8% than at 95%", () => {
    fc.assert(
      fc.property(fc.nat(20_000), fc.integer({ min: 1000, max: 2_000_000 }), (count, population) => {
        const i95 = byarInterval(count, population);
        const i998 = byarInterval(count, population, { level: 0.998 });
        expect(i95.lower).toBeGreaterThanOrEqual(0);
        expect(i95.lower).toBeLessThanOrEqual(i95.rate);
        expect(i95.upper).toBeGreaterThan(i95.rate);
        expect(i998.lower).toBeLessThanOrEqual(i95.lower);
        expect(i998.upper).toBeGreaterThan(i95.upper);
      }),
    );
  });
});
