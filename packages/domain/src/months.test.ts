import { describe, expect, it } from "vitest";
import { addMonths, formatMonth, isMonth, monthsBetween, parseMonth, sameMonthLastYear } from "./months";

describe("months", () => {
  it.each([
    ["2025-01", true],
    ["2025-12", true],
    ["2025-13", false],
    ["2025-00", false],
    ["25-01", false],
    ["2025-1", false],
    ["2025-01-01", false],
  ])("isMonth(%s) is %s", (text, expected) => {
    expect(isMonth(text)).toBe(expected);
  });

  it.each([
    ["2025-01", -1, "2024-12"],
    ["2025-01", 12, "2026-01"],
    ["2024-03", -13, "2023-02"],
    ["2018-12", 1, "2019-01"],
  ] as const)("addMonths(%s, %i) = %s", (month, n, expected) => {
    expect(addMonths(month, n)).toBe(expected);
  });

  it("lists the months of a span inclusive, empty when reversed", () => {
    expect(monthsBetween("2018-07", "2018-10")).toEqual(["2018-07", "2018-08", "2018-09", "2018-10"]);
    expect(monthsBetween("2018-10", "2018-07")).toEqual([]);
  });

  it("compares with the same month last year and formats for a briefing", () => {
    expect(sameMonthLastYear("2025-02")).toBe("2024-02");
    expect(formatMonth("2025-09")).toBe("Sep 2025");
    expect(() => parseMonth("Sept 2025")).toThrow(/"Sept 2025" is not a month/);
  });
});
