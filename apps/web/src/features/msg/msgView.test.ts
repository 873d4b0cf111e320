import { describe, expect, it } from "vitest";
import { niceCeiling } from "./niceCeiling";
import { formatRate, periodLabel, positionAxis, positionTableRows, readMsgState, toMsgBarRows, toPositionRows, writeMsgState, yearTicks, type HistoryPointInput } from "./msgView";

describe("readMsgState / writeMsgState", () => {
  it.each([
    ["", { indicator: "police-uk-all-crime", month: null, average: "weighted" }],
    ["?indicator=ho-robbery&month=2018-12&average=simple", { indicator: "ho-robbery", month: "2018-12", average: "simple" }],
    ["?indicator=Bad%20Id&month=2018-13&average=median", { indicator: "police-uk-all-crime", month: null, average: "weighted" }],
  ])("%s", (search, state) => {
    expect(readMsgState(new URLSearchParams(search))).toEqual(state);
  });

  it("writes every choice and keeps the parameters other views own", () => {
    const next = writeMsgState(new URLSearchParams("area=E07000066&month=2025-01"), { indicator: "police-uk-burglary", month: null, average: "simple" });
    expect(next.toString()).toBe("area=E07000066&indicator=police-uk-burglary&average=simple");
    expect(readMsgState(writeMsgState(next, { indicator: "ho-robbery", month: "2018-12", average: "weighted" }))).toEqual({ indicator: "ho-robbery", month: "2018-12", average: "weighted" });
  });
});

describe("formatRate and periodLabel", () => {
  it.each([
    [0.2431, "0.24"],
    [82.4167, "82.42"],
    [1234.5, "1,234.50"],
    [null, "—"],
    [Number.NaN, "—"],
  ])("%s → %s", (value, text) => {
    expect(formatRate(value)).toBe(text);
  });

  it("names a rolling total by its window", () => {
    expect(periodLabel("2018-12", "rolling 12 months")).toBe("12 months to Dec 2018");
    expect(periodLabel("2025-01", "month")).toBe("Jan 2025");
  });
});

describe("toMsgBarRows", () => {
  const member = (code: string, rate: number, position: number, significance = "not significant") => ({
    code, count: rate * 1000, population: 1_000_000, rate, lower: rate - 0.1, upper: rate + 0.2, position, of: 3, significance,
  });
  it("orders members best first, names them, marks the force and turns intervals into whiskers", () => {
    const rows = toMsgBarRows({
      comparison: { average: 2, averageLabel: "MSG average (weighted by population)", forceCode: "B", members: [member("A", 3, 3, "higher"), member("B", 2, 2), member("C", 1, 1, "lower")] },
      forces: [{ code: "A", name: "Alpha", count: 3000, population: 1_000_000 }, { code: "B", name: "Beta", count: 2000, population: 1_000_000 }, { code: "C", name: "Gamma", count: 1000, population: 1_000_000 }],
    });
    expect(rows.map((r) => [r.name, r.position, r.isForce])).toEqual([["Gamma", 1, false], ["Beta", 2, true], ["Alpha", 3, false]]);
    expect(rows[0]?.whisker[0]).toBeCloseTo(0.1, 12);
    expect(rows[0]?.whisker[1]).toBeCloseTo(0.2, 12);
  });

  it("draws no bars when the month could not be compared", () => {
    expect(toMsgBarRows({ comparison: null, forces: [] })).toEqual([]);
  });
});

describe("toPositionRows", () => {
  const point = (month: string, position: number | null, status = position === null ? "member missing" : "ranked"): HistoryPointInput => ({
    month, status, position, of: position === null ? null : 8, rate: 1, average: position === null ? null : 1, membersInGroup: 8, membersWithFigures: position === null ? 7 : 8, missing: [], national: null, significance: position === null ? null : "higher", note: position === null ? "not ranked: no figure for X" : "",
  });

  it("breaks the line where months are not held and leaves unranked months as gaps", () => {
    const rows = toPositionRows([point("2019-01", 8), point("2019-02", 7), point("2024-01", 4), point("2024-02", null), point("2024-03", 5)], "month", "month");
    expect(rows.map((r) => [r.label, r.position, r.isBreak])).toEqual([
      ["Jan 2019", 8, false],
      ["Feb 2019", 7, false],
      ["", null, true],
      ["Jan 2024", 4, false],
      ["Feb 2024", null, false],
      ["Mar 2024", 5, false],
    ]);
    expect(rows[3]?.members).toBe("8 of 8");
    expect(rows[3]?.note).toBe("significantly higher than the MSG average");
    expect(rows[4]?.note).toBe("not ranked: no figure for X");
    expect(rows[4]?.members).toBe("7 of 8");
    expect(positionTableRows(rows).map((r) => r.month)).toEqual(["2019-01", "2019-02", "2024-01", "2024-02", "2024-03"]);
  });

  it("treats quarterly steps as contiguous and annual ones as breaks", () => {
    const rows = toPositionRows([point("2006-03", null, "no group"), point("2007-03", null, "no group"), point("2007-06", null, "no group"), point("2018-12", 8)], "rolling 12 months", "quarter");
    expect(rows.filter((r) => r.isBreak)).toHaveLength(2);
    expect(rows[0]?.label).toBe("12 months to Mar 2006");
  });

  it("puts a tick on each January, thinned to at most ten", () => {
    const rows = toPositionRows([point("2003-03", 1), point("2018-12", 1)], "rolling 12 months", "quarter");
    const ticks = yearTicks(rows);
    expect(ticks.length).toBeLessThanOrEqual(10);
    expect(ticks[0]).toBe(2004 * 12);
    expect(ticks.every((t) => t % 12 === 0)).toBe(true);
  });

  it("spans the window chosen, not the first and last months held in it", () => {
    // Window Jan 2023 – Dec 2025; the force's figures held in it start in Jan 2024.
    const rows = toPositionRows([point("2024-01", 4), point("2024-02", 3), point("2025-12", 5)], "month", "month");
    const axis = positionAxis(rows, { from: "2023-01", to: "2025-12" });
    expect(axis.domain).toEqual([2023 * 12 - 1, 2025 * 12 + 12]);
    expect(axis.ticks).toEqual([2023 * 12, 2024 * 12, 2025 * 12]);
    // Without a window (the long view): the months held, as before.
    const held = positionAxis(rows);
    expect(held.domain).toEqual([2024 * 12 - 1, 2025 * 12 + 12]);
    expect(held.ticks).toEqual([2024 * 12, 2025 * 12]);
  });
});

describe("niceCeiling", () => {
  it.each([
    [0.243, 0.25],
    [82.4, 100],
    [7.9, 8],
    [0, 1],
  ])("%s → %s", (value, ceiling) => {
    expect(niceCeiling(value)).toBe(ceiling);
  });
});
