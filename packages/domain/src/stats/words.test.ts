import { describe, expect, it } from "vitest";
import { msgComparison } from "./msg";
import { xmr } from "./spc";
import {
  describeCountChange,
  describeFinancialYearToDate,
  countNounOf,
  describeMsgPosition,
  describeProportionChange,
  describeSpc,
  formatNumber,
  formatPValue,
} from "./words";

describe("formatPValue", () => {
  it.each([
    [0.10304600517656178, "p = 0.10"],
    [0.4048728942871094, "p = 0.40"],
    [0.02079180024760781, "p = 0.021"],
    [0.0025768280029296875, "p = 0.0026"],
    [0.0496, "p = 0.0496"],
    [0.0504, "p = 0.050"],
    [0.00011, "p < 0.001"],
    [1, "p = 1.00"],
  ])("%s → %s", (p, text) => {
    expect(formatPValue(p)).toBe(text);
  });
});

describe("formatNumber", () => {
  it.each([
    [1234.56, "1,234.6"],
    [5, "5"],
    [0.25, "0.3"],
  ])("%s → %s", (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe("describeCountChange", () => {
  it.each([
    [
      "the METHODS.md example",
      121,
      96,
      "Burglary in Basildon rose from 96 to 121 (+26%) against the same month last year, within what chance would explain (p = 0.10).",
    ],
    [
      "a base under 20: no headline percentage",
      14,
      9,
      "Burglary in Basildon was up from 9 to 14 against the same month last year, within what chance would explain (p = 0.40).",
    ],
    [
      "a fall beyond chance",
      200,
      250,
      "Burglary in Basildon fell from 250 to 200 (-20%) against the same month last year, more than chance alone would explain (p = 0.021).",
    ],
    [
      "a small fall",
      3,
      17,
      "Burglary in Basildon was down from 17 to 3 against the same month last year, more than chance alone would explain (p = 0.0026).",
    ],
    ["no change", 40, 40, "Burglary in Basildon stayed at 40 against the same month last year."],
    [
      "from zero",
      4,
      0,
      "Burglary in Basildon was up from 0 to 4 against the same month last year, within what chance would explain (p = 0.13).",
    ],
  ])("%s", (_, current, previous, sentence) => {
    expect(describeCountChange({ indicatorName: "Burglary", areaName: "Basildon", current, previous })).toBe(sentence);
  });

  it("takes the comparison's words", () => {
    expect(
      describeCountChange({
        indicatorName: "Robbery",
        areaName: "Essex",
        current: 1100,
        previous: 1000,
        comparison: "in the financial year to date compared with last year",
      }),
    ).toBe(
      "Robbery in Essex rose from 1,000 to 1,100 (+10%) in the financial year to date compared with last year, more than chance alone would explain (p = 0.031).",
    );
  });
});

describe("describeProportionChange", () => {
  it("uses percentage points and shows n", () => {
    expect(
      describeProportionChange({
        indicatorName: "The solved rate",
        areaName: "Essex",
        current: { successes: 144, trials: 1150 },
        previous: { successes: 233, trials: 1200 },
      }),
    ).toBe(
      "The solved rate in Essex fell 6.9 percentage points, from 19.4% of 1,200 to 12.5% of 1,150, against the same month last year, more than chance alone would explain (p < 0.001).",
    );
  });

  it("says when there is nothing to compare", () => {
    expect(
      describeProportionChange({
        indicatorName: "Satisfaction",
        areaName: "Essex",
        current: { successes: 0, trials: 0 },
        previous: { successes: 50, trials: 80 },
      }),
    ).toBe("Satisfaction in Essex cannot be compared against the same month last year: there were no cases in one of the periods.");
  });
});

describe("describeSpc", () => {
  const baseline = [10, 12, 11, 13, 12, 11, 10, 12, 11, 13, 12, 11];
  const words = { indicatorName: "Burglary", areaName: "Basildon" };

  it("common cause", () => {
    expect(describeSpc(xmr(baseline, { direction: "lower" }), words)).toBe(
      "Burglary in Basildon shows only common cause variation; the latest month (11) is what the process would be expected to produce, within the limits of 7.9 to 15.1 around an average of 11.5.",
    );
  });

  it("special cause, with the reason and a target", () => {
    const result = xmr([...baseline, 12, 12, 12, 12, 12, 12, 16], { baselinePoints: 12, direction: "lower", target: 16 });
    expect(describeSpc(result, words)).toBe(
      "Burglary in Basildon shows special cause variation: a concern; the latest month (16) is above the upper process limit and part of a run of 7 or more points above the average; against the target of 16 it will consistently pass unless the process changes.",
    );
  });

  it("says when limits are provisional", () => {
    expect(describeSpc(xmr([10, 12, 11, 13, 12, 11, 10, 12]), { ...words, pointName: "quarter" })).toBe(
      "Burglary in Basildon shows only common cause variation; the latest quarter (12) is what the process would be expected to produce, within the limits of 7.6 to 15.2 around an average of 11.4 (limits are provisional: fewer than 12 quarters).",
    );
  });

  // Issue 9: "common cause (provisional)" on three points was a reading of nothing.
  it("gives no reading on too few points", () => {
    expect(describeSpc(xmr([10, 12, 11]), { ...words, pointName: "quarter" })).toBe(
      "Burglary in Basildon has too few quarters (3) for a statistical process control reading: at least 7 are needed.",
    );
  });

  // METHODS.md label priority: a rising trend below the mean is "high" (improvement where higher is
  // better), and each rule is named in the direction of the data.
  it("a rising trend below the mean, higher is better: improvement, each higher than the last", () => {
    const base = [50, 52, 51, 53, 52, 51, 50, 52, 51, 53, 52, 51];
    const result = xmr([...base, 49.2, 49.4, 49.6, 49.8, 50, 50.2, 50.4], { baselinePoints: 12, direction: "higher" });
    const latest = result.points.at(-1)!;
    expect(latest.side).toBe("high");
    expect(latest.variation).toBe("improvement");
    expect(describeSpc(result, { indicatorName: "Solved rate", areaName: "Essex" })).toBe(
      "Solved rate in Essex shows special cause variation: an improvement; the latest month (50.4) is part of a trend of 7 or more points each higher than the last and part of a run of 7 or more points below the average.",
    );
  });

  it("rounds limits of large counts to whole numbers", () => {
    const big = [11000, 12100, 11900, 12500, 11700, 12300, 11400, 12000, 11800, 12200, 11600, 12100];
    expect(describeSpc(xmr(big, { direction: "lower" }), words)).toMatch(/within the limits of \d{1,2},\d{3} to \d{1,2},\d{3} around an average of 11,\d{3}\./);
  });

  it("has no data", () => {
    expect(describeSpc(xmr([null, null]), words)).toBe("Burglary in Basildon has no data to chart yet.");
  });
});

describe("describeMsgPosition", () => {
  const members = [
    { code: "A", count: 5000, population: 1_000_000 },
    { code: "B", count: 12_000, population: 2_000_000 },
    { code: "C", count: 3500, population: 500_000 },
    { code: "D", count: 8000, population: 1_000_000 },
    { code: "E", count: 4000, population: 1_000_000 },
    { code: "F", count: 11_000, population: 2_000_000 },
    { code: "G", count: 6500, population: 1_000_000 },
    { code: "H", count: 3750, population: 500_000 },
  ];

  it.each([
    [
      "G",
      "lower",
      "Essex is 5th of 8 in its most similar group for burglary (6.5 per 1,000 people), significantly higher than the MSG average (weighted by population) of 5.97.",
    ],
    [
      "B",
      "lower",
      "Essex is 4th of 8 in its most similar group for burglary (6 per 1,000 people), not significantly different from the MSG average (weighted by population) of 5.97.",
    ],
    [
      "G",
      "neither",
      "Essex is 4th highest of 8 in its most similar group for burglary (6.5 per 1,000 people), significantly higher than the MSG average (weighted by population) of 5.97.",
    ],
  ] as const)("force %s, direction %s", (forceCode, direction, sentence) => {
    const result = msgComparison({ forceCode, members, direction });
    expect(describeMsgPosition(result, { indicatorName: "burglary", forceName: "Essex" })).toBe(sentence);
  });
});

describe("describeFinancialYearToDate", () => {
  it("says the total so far and the difference from the same point last year", () => {
    expect(describeFinancialYearToDate({ noun: "crimes", current: 110004, previous: 107704, window: "Apr 2025 – Dec 2025" })).toBe(
      "110,004 crimes so far this financial year (Apr 2025 – Dec 2025), 2,300 more than by this point last year (107,704).",
    );
    expect(describeFinancialYearToDate({ noun: "burglaries", areaName: "Essex", current: 900, previous: 1000, window: "Apr 2025 – May 2025" })).toBe(
      "900 burglaries in Essex so far this financial year (Apr 2025 – May 2025), 100 fewer than by this point last year (1,000).",
    );
    expect(describeFinancialYearToDate({ noun: "crimes", current: 5, previous: 5, window: "Apr 2025 – Apr 2025" })).toBe("5 crimes so far this financial year (Apr 2025 – Apr 2025), the same as by this point last year.");
  });

  it("gives no difference when last year's window lacks months, and says which", () => {
    expect(describeFinancialYearToDate({ noun: "crimes", current: 110004, previous: null, window: "Apr 2025 – Dec 2025", missingPrevious: ["May 2024", "Jun 2024"] })).toBe(
      "110,004 crimes so far this financial year (Apr 2025 – Dec 2025); the same point last year has no complete figure: May 2024, Jun 2024 are missing.",
    );
    expect(describeFinancialYearToDate({ noun: "crimes", current: 1, previous: null, window: "Apr 2025 – Dec 2025", missingPrevious: ["a", "b", "c", "d"] })).toContain("4 of its months are missing");
  });
});

describe("countNounOf", () => {
  it.each([
    [{ id: "police-uk-all-crime", name: "All crime (excl. ASB)", source: "data.police.uk" }, "crimes"],
    [{ id: "police-uk-burglary", name: "Burglary", source: "data.police.uk" }, "burglary crimes"],
    [{ id: "police-uk-all-crime-solved", name: "Crimes solved", source: "data.police.uk" }, "crimes solved"],
    [{ id: "da-incidents", name: "Domestic abuse incidents", source: "Essex Police" }, "domestic abuse incidents"],
    [{ id: "nte-violence", name: "Night-time economy violence", source: "Essex Police" }, "night-time economy violence (count)"],
  ])("%o → %s", (indicator, noun) => expect(countNounOf(indicator)).toBe(noun));
});
