import { describe, expect, it } from "vitest";
import { toTrendRows, trendSummary } from "./trendRows";

const points = [
  { month: "2024-01", value: 118 },
  { month: "2024-02", value: 82 },
  { month: "2024-03", value: null },
  { month: "2025-01", value: 64 },
  { month: "2025-02", value: 55 },
  { month: "2025-03", value: 41 },
];

describe("toTrendRows", () => {
  it("pairs each month with the same month a year earlier, keeping gaps as null", () => {
    const rows = toTrendRows(points, "2025-01", "2025-04", "count");
    expect(rows.map((r) => [r.month, r.value, r.previousYear, r.change?.absolute ?? null])).toEqual([
      ["2025-01", 64, 118, -54],
      ["2025-02", 55, 82, -27],
      ["2025-03", 41, null, null],
      ["2025-04", null, null, null],
    ]);
    expect(rows[0]?.label).toBe("Jan 2025");
  });
});

describe("trendSummary", () => {
  it("reads the latest month against a year earlier and counts missing months", () => {
    const rows = toTrendRows(points, "2025-01", "2025-04", "count");
    expect(trendSummary(rows, "Burglary", "Basildon", "count")).toBe(
      "Burglary in Basildon: 41 in Mar 2025, no figure is held for Mar 2024. 1 of the 4 months shown are missing.",
    );
    expect(trendSummary(rows.slice(0, 2), "Burglary", "Basildon", "count")).toBe("Burglary in Basildon: 55 in Feb 2025, against 82 in Feb 2024: −27 (−32.9%).");
  });

  it("says so when nothing is held", () => {
    expect(trendSummary([], "KSI casualties", "Maldon", "count")).toBe("No figures are held for KSI casualties in Maldon in this period.");
  });
});

describe("actions on the trend", () => {
  it("puts each linked action at the month it answers to, in the row and the sentence", () => {
    const actions = [
      { reference: "1/26", text: "Range of solved rates across MSG", owner: "WK", status: "open", month: "2025-02" },
      { reference: "2/26", text: "Plan for recovery", owner: "SH", status: "complete", month: "2025-02" },
      { reference: "9/24", text: "Outside the window", owner: "SH", status: "open", month: "2023-05" },
    ];
    const rows = toTrendRows(points, "2025-01", "2025-03", "count", [], actions);
    expect(rows.map((r) => r.actions)).toEqual([null, "Action 1/26 (open, WK): Range of solved rates across MSG Action 2/26 (complete, SH): Plan for recovery", null]);
    expect(trendSummary(rows, "Burglary", "Basildon", "count")).toBe(
      "Burglary in Basildon: 41 in Mar 2025, no figure is held for Mar 2024. Marked on the chart: Feb 2025: Action 1/26 (open, WK): Range of solved rates across MSG Action 2/26 (complete, SH): Plan for recovery",
    );
  });
});
