import { describe, expect, it } from "vitest";
import { formatMeasure, readForcesState, skiSlopeRows, writeForcesState } from "./forcesView";

describe("forces view state", () => {
  it("reads forces, period and month from the URL and writes them back; drops malformed codes", () => {
    const state = readForcesState(new URLSearchParams("indicator=police-uk-violent-crime&month=2025-12&period=rolling-12&forces=E23000028,E23000008,junk"));
    expect(state).toEqual({ indicator: "police-uk-violent-crime", month: "2025-12", period: "rolling-12", forces: ["E23000028", "E23000008"], average: "weighted" });
    const written = writeForcesState(new URLSearchParams("area=E23000028"), { ...state, forces: [] });
    expect(written.get("forces")).toBeNull();
    expect(written.get("area")).toBe("E23000028");
    expect(readForcesState(new URLSearchParams("period=quarter")).period).toBe("month");
  });
});

describe("skiSlopeRows", () => {
  const row = (code: string, value: number | null, position: number | null, extra: Partial<{ isForce: boolean; inMsg: boolean }> = {}) => ({
    code,
    name: code,
    value,
    lower: value === null ? null : value - 1,
    upper: value === null ? null : value + 2,
    position,
    of: 3,
    isForce: false,
    inMsg: false,
    ...extra,
  });
  it("orders the ranked forces best first, leaves out those without a figure and marks the force and its MSG", () => {
    const rows = skiSlopeRows([row("A", 5, 3), row("B", null, null), row("C", 9, 1, { isForce: true }), row("D", 7, 2, { inMsg: true })]);
    expect(rows.map((r) => [r.code, r.x, r.kind])).toEqual([
      ["C", 1, "force"],
      ["D", 2, "msg"],
      ["A", 3, "other"],
    ]);
    expect(rows[0]!.whisker).toEqual([1, 2]);
  });
  it("formats percentages with one decimal and rates with two", () => {
    expect(formatMeasure(14.6846, "percentage")).toBe("14.7%");
    expect(formatMeasure(3.2149, "per 1,000 population")).toBe("3.21");
    expect(formatMeasure(null, "percentage")).toBe("—");
  });
});
