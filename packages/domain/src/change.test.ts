import { describe, expect, it } from "vitest";
import { changeBetween, isSignificantlyWorseThanAverage, significantChange } from "./change";
import { formatChange, formatValue } from "./format";

describe("changeBetween and its wording", () => {
  it.each([
    // unit, current, previous, absolute, percent, pp, wording
    ["count", 121, 96, 25, 26.041666666666668, null, "+25 (+26.0%)"],
    ["count", 9, 0, 9, null, null, "+9"],
    ["count", 3439, 3630, -191, -5.261707988980716, null, "−191 (−5.3%)"],
    ["percentage", 20.1, 27, -6.899999999999999, null, -6.899999999999999, "−6.9 pp"],
    ["minutes", 7, 7, 0, 0, null, "±0.0 min (±0.0%)"],
  ] as const)("%s from %d to %d", (unit, current, previous, absolute, percent, pp, wording) => {
    const change = changeBetween(unit, current, previous);
    expect(change).toEqual({ absolute, percent, percentagePoints: pp });
    expect(formatChange(unit, change)).toBe(wording);
  });

  it.each([
    ["count", 98007, "98,007"],
    ["percentage", 27.44, "27.4%"],
    ["minutes", 6.84, "6.8 min"],
    ["currency", 3600000, "£3,600,000"],
    ["count", null, "—"],
  ] as const)("formats %s %s as %s", (unit, value, expected) => {
    expect(formatValue(unit, value)).toBe(expected);
  });
});

describe("nameInSentence", () => {
  it.each([
    ["Burglary", "burglary"],
    ["All crime (excl. ASB)", "all crime (excl. ASB)"],
    ["KSI casualties", "KSI casualties"],
    ["101 average call waiting time", "101 average call waiting time"],
  ])("%s → %s", async (name, expected) => {
    const { nameInSentence } = await import("./format");
    expect(nameInSentence(name)).toBe(expected);
  });
});

describe("significantChange: the one rule for worse and better", () => {
  const counts = (significant: boolean, absoluteChange: number) => ({ kind: "counts" as const, significant, absoluteChange });
  it.each([
    ["a significant rise where lower is better is worse", "lower", counts(true, 25), "worse"],
    ["a significant fall where lower is better is better", "lower", counts(true, -25), "better"],
    ["a significant rise where higher is better is better", "higher", counts(true, 25), "better"],
    ["a significant fall in points where higher is better is worse", "higher", { kind: "proportions" as const, significant: true, differencePoints: -3.1 }, "worse"],
    ["a change that is not significant is neither", "lower", counts(false, 25), null],
    ["an indicator without a direction is never judged", "neither", counts(true, 25), null],
    ["no test, no judgement", "lower", null, null],
  ] as const)("%s", (_name, direction, test, expected) => {
    expect(significantChange(direction, test)).toBe(expected);
  });

  it("calls significantly higher or lower than an average worse by the same rule", () => {
    expect(isSignificantlyWorseThanAverage("lower", "higher")).toBe(true);
    expect(isSignificantlyWorseThanAverage("lower", "lower")).toBe(false);
    expect(isSignificantlyWorseThanAverage("higher", "lower")).toBe(true);
    expect(isSignificantlyWorseThanAverage("neither", "lower")).toBe(false);
    expect(isSignificantlyWorseThanAverage("lower", "not significant")).toBe(false);
  });
});
