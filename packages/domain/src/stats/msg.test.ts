import { describe, expect, it } from "vitest";
import { msgComparison, ordinal, positionLabel, rankAreas } from "./msg";

describe("rankAreas", () => {
  const areas = [
    { code: "A", value: 5 },
    { code: "B", value: 5 },
    { code: "C", value: 3 },
    { code: "D", value: null },
    { code: "E", value: 9 },
  ];
  it.each([
    ["lower is better", "lower", [2, 2, 1, null, 4]],
    ["higher is better", "higher", [2, 2, 4, null, 1]],
    ["no direction ranks highest first", "neither", [2, 2, 4, null, 1]],
  ] as const)("%s: ties share a position, missing values are not ranked", (_, direction, positions) => {
    const ranked = rankAreas(areas, direction);
    expect(ranked.map((r) => r.position)).toEqual(positions);
    expect(ranked.every((r) => r.of === 4)).toBe(true);
  });
});

describe("ordinal and positionLabel", () => {
  it.each([
    [1, "1st"],
    [2, "2nd"],
    [3, "3rd"],
    [4, "4th"],
    [11, "11th"],
    [12, "12th"],
    [13, "13th"],
    [21, "21st"],
    [22, "22nd"],
    [43, "43rd"],
    [111, "111th"],
  ])("%s → %s", (n, text) => {
    expect(ordinal(n)).toBe(text);
  });

  it("5th of 8", () => {
    expect(positionLabel(5, 8)).toBe("5th of 8");
  });
});

describe("msgComparison", () => {
  // Rates per 1,000: A 5.0, B 6.0, C 7.0, D 8.0, E 4.0, F 5.5, G 6.5, H 7.5.
  // Weighted average 53,750 ÷ 9,000,000 × 1,000 = 5.97222; simple mean 49.5 ÷ 8 = 6.1875.
  // Byar intervals (Python, by hand formula): G 6.342932–6.659975; B 5.893123–6.108329.
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
    ["G", "weighted", 5.972222222222222, "MSG average (weighted by population)", "5th of 8", "higher"],
    ["B", "weighted", 5.972222222222222, "MSG average (weighted by population)", "4th of 8", "not significant"],
    ["B", "simple", 6.1875, "MSG average (simple mean of rates)", "4th of 8", "lower"],
    ["E", "weighted", 5.972222222222222, "MSG average (weighted by population)", "1st of 8", "lower"],
  ] as const)("force %s against the %s average", (forceCode, average, value, label, position, significance) => {
    const result = msgComparison({ forceCode, members, direction: "lower", average });
    expect(result.average).toBeCloseTo(value, 12);
    expect(result.averageLabel).toBe(label);
    expect(result.averageMethod).toBe(average);
    expect(result.force.positionLabel).toBe(position);
    expect(result.force.significance).toBe(significance);
  });

  it("gives each force its Byar interval", () => {
    const result = msgComparison({ forceCode: "G", members, direction: "lower" });
    expect(result.force.rate).toBeCloseTo(6.5, 12);
    expect(result.force.lower).toBeCloseTo(6.342931732011338, 10);
    expect(result.force.upper).toBeCloseTo(6.65997469635289, 10);
    expect(result.members.map((m) => m.position)).toEqual([2, 4, 6, 8, 1, 3, 5, 7]);
  });

  it("ranks 1st = highest when higher is better", () => {
    const result = msgComparison({ forceCode: "D", members, direction: "higher" });
    expect(result.force.positionLabel).toBe("1st of 8");
  });

  it("adds the national position when all forces are given", () => {
    const national = [...members, { code: "X", count: 100, population: 1_000_000 }];
    const result = msgComparison({ forceCode: "G", members, direction: "lower", national });
    expect(result.national).toEqual({ position: 6, of: 9, positionLabel: "6th of 9" });
  });

  it("rejects a force that is not a member", () => {
    expect(() => msgComparison({ forceCode: "Z", members, direction: "lower" })).toThrow(RangeError);
  });
});
