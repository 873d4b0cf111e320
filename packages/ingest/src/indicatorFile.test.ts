import { describe, expect, it } from "vitest";
import { readCsv } from "./csv";
import { ProblemList } from "./errors";
import { checkUnit, columnLetter, locateIndicatorColumns, readMonth, readNumber } from "./indicatorFile";
import { splitUnquotedCsv } from "./csv";

describe("readMonth", () => {
  it.each([
    ["2025-11", { kind: "month", month: "2025-11" }],
    ["2025-13", { kind: "error", message: "not a month: write it as YYYY-MM, e.g. 2025-01" }],
    ["November 2025", { kind: "error", message: "not a month in the form YYYY-MM (write 2025-11)", suggestion: "2025-11" }],
    ["Nov-2025", { kind: "error", message: "not a month in the form YYYY-MM (write 2025-11)", suggestion: "2025-11" }],
    ["", { kind: "error", message: "the month is empty" }],
  ])("%j", (text, expected) => expect(readMonth(text)).toEqual(expected));

  it.each(["01/11/2025", "1.11.25", "2025-11-01", "2025-11-01T00:00:00Z", "45962"])("%s is an Excel date", (text) => {
    expect(readMonth(text)).toMatchObject({ kind: "error", message: expect.stringMatching(/^an Excel date where a month was meant/) });
  });

  it("names the month a date cell probably meant, and recognises a serial number", () => {
    expect(readMonth(new Date(Date.UTC(2025, 10, 1)))).toMatchObject({ kind: "error", suggestion: "2025-11" });
    expect(readMonth(45962)).toMatchObject({ kind: "error", message: expect.stringContaining("45962 is a date serial number") });
  });
});

describe("readNumber", () => {
  it.each([
    ["231", false, 231],
    ["-12.5", false, -12.5],
    ["1,234", false, 1234],
    ["1,234,567.5", false, 1234567.5],
    ["45.2%", true, 45.2],
    [" 7 ", false, 7],
    [".5", false, 0.5],
  ] as const)("%j → %d", (text, percent, value) => expect(readNumber(text, percent)).toEqual({ kind: "number", number: value }));

  it.each([["12a"], ["1,23"], ["n/a"], ["45%"], ["--1"], ["1.2.3"]])("%j is not a number", (text) => {
    expect(readNumber(text, false)).toEqual({ kind: "error", message: "not a number" });
  });

  it("reads empty cells and formula errors", () => {
    expect(readNumber("  ", false)).toEqual({ kind: "empty" });
    expect(readNumber(null, false)).toEqual({ kind: "empty" });
    expect(readNumber({ error: "#N/A" }, false)).toEqual({ kind: "error", message: "the spreadsheet shows the error #N/A here, not a number" });
  });
});

describe("checkUnit", () => {
  it.each([
    ["count", -1, "a count cannot be negative"],
    ["count", 2.5, "a count must be a whole number"],
    ["count", 0, undefined],
    ["percentage", 100.1, "a percentage must be between 0 and 100"],
    ["percentage", 0, undefined],
    ["minutes", -0.5, "a time in minutes cannot be negative"],
    ["rate", -2, "a rate cannot be negative"],
    ["currency", -120000, undefined],
  ] as const)("%s %d", (unit, value, expected) => expect(checkUnit(unit, value)).toBe(expected));
});

describe("splitUnquotedCsv", () => {
  it.each([
    "a,b,c\n1,2,3\n4,5,6\n",
    "\uFEFFa, b ,c\r\n1,2,3\r\n\r\n4,,6",
    "a,b\n1\n1,2,3\n",
  ])("reads a file without quotes exactly as csv-parse does: %j", (text) => {
    const fast = splitUnquotedCsv(text, new ProblemList("x"));
    const parsed = readCsv(new TextEncoder().encode(text), new ProblemList("x"));
    expect(fast).toEqual(parsed);
  });
});

describe("columns", () => {
  it("accepts aliases and any order, and refuses a column it does not know", () => {
    const problems = new ProblemList("x");
    expect(locateIndicatorColumns(["Month", "Area Code", "Indicator ID", "Value", "Survey Size", "area_name"], problems)).toEqual({ month: 0, area: 1, indicator: 2, value: 3, survey_n: 4 });
    // The template's columns: area_name is there to read, next to the area code.
    expect(locateIndicatorColumns(["indicator", "indicator_name", "unit", "area", "area_name", "month", "value"], problems)).toEqual({ indicator: 0, area: 3, month: 5, value: 6 });
    // Areas given by name only.
    expect(locateIndicatorColumns(["indicator", "area_name", "month", "value"], problems)).toEqual({ indicator: 0, area: 1, month: 2, value: 3 });
    expect(problems.problems).toEqual([]);
    expect(locateIndicatorColumns(["indicator", "area", "month", "value", "valeu"], problems)).toBeUndefined();
    expect(problems.problems[0]).toMatchObject({ line: 1, column: "valeu", suggestion: "value" });
  });

  it("names .xlsx columns by letter", () => {
    expect([0, 2, 25, 26, 27].map(columnLetter)).toEqual(["A", "C", "Z", "AA", "AB"]);
  });
});
