import { describe, expect, it } from "vitest";
import { districtRankRows, districtRankSummary } from "./districtRank";

const series = [
  { code: "A", points: [{ month: "2024-12", value: 10, rate: 1.0 }, { month: "2025-12", value: 30, rate: 3.0 }] },
  { code: "B", points: [{ month: "2024-12", value: 40, rate: 2.0 }, { month: "2025-12", value: 20, rate: 2.0 }] },
  { code: "C", points: [{ month: "2024-12", value: null, rate: null }, { month: "2025-12", value: 5, rate: 0.5 }] },
];

describe("districtRankRows", () => {
  it("ranks the district on its rate among the districts with a figure each month (lower is better)", () => {
    const rows = districtRankRows("A", series, "lower");
    expect(rows.map((r) => [r.month, r.rate, r.rank, r.of])).toEqual([
      ["2024-12", 1.0, 1, 2],
      ["2025-12", 3.0, 3, 3],
    ]);
    expect(districtRankRows("C", series, "lower").map((r) => r.rank)).toEqual([null, 1]);
    expect(districtRankRows("A", series, "higher").map((r) => r.rank)).toEqual([2, 1]);
  });

  it("says the latest rank, a year earlier, and the highest and lowest place", () => {
    const rows = districtRankRows("A", series, "lower");
    expect(districtRankSummary(rows, { districtName: "Alpha", forceName: "Essex", direction: "lower", measure: "per 1,000" })).toBe(
      "Alpha was 3rd of 3 Essex districts in Dec 2025 (1st = lowest rate, 3 per 1,000), 1st a year earlier; highest place 1st (Dec 2024), lowest 3rd (Dec 2025) in the 2 months shown.",
    );
  });
});
