import { describe, expect, it } from "vitest";
import { toCumulativeRows, toSeasonalRows } from "./chartRows";

const series = (from: string, values: (number | null)[]) =>
  values.map((value, i) => {
    const index = Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7)) - 1 + i;
    return { month: `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`, value };
  });

describe("toSeasonalRows", () => {
  it("puts each calendar year on its own line, Jan to Dec, keeping gaps", () => {
    const { years, rows } = toSeasonalRows(series("2024-11", [1, 2, 3, null, 5]));
    expect(years).toEqual([2024, 2025]);
    expect(rows[0]).toEqual({ label: "Jan", y2024: null, y2025: 3 });
    expect(rows[1]).toEqual({ label: "Feb", y2024: null, y2025: null });
    expect(rows[10]).toEqual({ label: "Nov", y2024: 1, y2025: null });
  });
});

describe("toCumulativeRows", () => {
  it("adds counts from April and compares with the previous financial year", () => {
    const points = series("2024-04", [...Array(12).fill(10), 5, 5, 5]);
    const rows = toCumulativeRows(points, "2025-06", "count");
    expect(rows?.slice(0, 4)).toEqual([
      { label: "Apr", current: 5, previous: 10 },
      { label: "May", current: 10, previous: 20 },
      { label: "Jun", current: 15, previous: 30 },
      { label: "Jul", current: null, previous: 40 },
    ]);
  });

  it("stops the running total at a missing month instead of counting it as zero", () => {
    const points = series("2025-04", [5, null, 5]);
    expect(toCumulativeRows(points, "2025-06", "count")?.slice(0, 3).map((r) => r.current)).toEqual([5, null, null]);
  });

  it("accumulates percentages as Σnumerator ÷ Σdenominator", () => {
    const points = [
      { month: "2025-04", value: 50, numerator: 1, denominator: 2 },
      { month: "2025-05", value: 25, numerator: 2, denominator: 8 },
    ];
    expect(toCumulativeRows(points, "2025-05", "percentage")?.slice(0, 2).map((r) => r.current)).toEqual([50, 30]);
  });

  it("is not drawn for minutes", () => {
    expect(toCumulativeRows([], "2025-05", "minutes")).toBeNull();
  });
});
