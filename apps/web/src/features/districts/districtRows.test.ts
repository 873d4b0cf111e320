import { describe, expect, it } from "vitest";
import type { DistrictRow, DistrictSeriesResponse } from "@scrutiny/api";
import {
  classOf,
  formatMeasure,
  formatSort,
  funnelGroupOf,
  funnelPoints,
  mapClasses,
  MAP_PALETTE,
  nextSort,
  panelPath,
  parseSort,
  populationYearLabel,
  sharedDomain,
  smallMultiplePanels,
  smallMultiplesSummary,
  sortDistricts,
  rankingSummary,
} from "./districtRows";

const row = (name: string, value: number | null, extra: Partial<DistrictRow> = {}): DistrictRow => ({
  code: `E0${name}`,
  name,
  count: value === null ? null : value * 10,
  denominator: value === null ? null : 1000 + name.length,
  value,
  lower95: null,
  upper95: null,
  lower998: null,
  upper998: null,
  position: null,
  of: 4,
  positionLabel: null,
  band: value === null ? null : "within",
  adjustedBand: null,
  rankCaution: null,
  ...extra,
});

describe("parseSort / formatSort", () => {
  it.each([
    ["rate-desc", { key: "rate", direction: "desc" }],
    ["name-asc", { key: "name", direction: "asc" }],
    [null, { key: "rank", direction: "asc" }],
    ["rate", { key: "rank", direction: "asc" }],
    ["nonsense-desc", { key: "rank", direction: "asc" }],
  ])("%s → %j", (text, sort) => {
    expect(parseSort(text)).toEqual(sort);
  });

  it("round-trips", () => {
    expect(formatSort(parseSort("population-asc"))).toBe("population-asc");
  });

  it("flips the same column and starts a new one in its natural direction", () => {
    expect(nextSort({ key: "rate", direction: "desc" }, "rate")).toEqual({ key: "rate", direction: "asc" });
    expect(nextSort({ key: "rate", direction: "desc" }, "name")).toEqual({ key: "name", direction: "asc" });
    expect(nextSort({ key: "name", direction: "asc" }, "count")).toEqual({ key: "count", direction: "desc" });
  });
});

describe("sortDistricts", () => {
  const rows = [row("Basildon", 2), row("Harlow", null), row("Maldon", 1), row("Colchester", 3)];
  it.each([
    [{ key: "rate", direction: "desc" } as const, ["Colchester", "Basildon", "Maldon", "Harlow"]],
    [{ key: "rate", direction: "asc" } as const, ["Maldon", "Basildon", "Colchester", "Harlow"]],
    [{ key: "name", direction: "desc" } as const, ["Maldon", "Harlow", "Colchester", "Basildon"]],
  ])("%j puts missing figures last", (sort, names) => {
    expect(sortDistricts(rows, sort).map((r) => r.name)).toEqual(names);
  });

  it("orders funnel bands from above the upper limits to below the lower", () => {
    const banded = [row("A", 1, { band: "within" }), row("B", 1, { band: "below 99.8%" }), row("C", 1, { band: "above 99.8%" }), row("D", 1, { band: "above 95%" })];
    expect(sortDistricts(banded, { key: "band", direction: "asc" }).map((r) => r.name)).toEqual(["C", "D", "A", "B"]);
  });

  it("breaks ties by name and does not change its input", () => {
    const tied = [row("Z", 1), row("A", 1)];
    expect(sortDistricts(tied, { key: "rate", direction: "desc" }).map((r) => r.name)).toEqual(["A", "Z"]);
    expect(tied.map((r) => r.name)).toEqual(["Z", "A"]);
  });
});

describe("formatMeasure", () => {
  it.each([
    ["per 1,000 population", 12.345, "12.3"],
    ["per 1,000 population", 1.2345, "1.23"],
    ["per 1,000 population", 0.12345, "0.123"],
    ["percentage", 27.44, "27.4%"],
    ["percentage", null, "—"],
  ] as const)("%s %s → %s", (measure, value, text) => {
    expect(formatMeasure(measure, value)).toBe(text);
  });
});

describe("populationYearLabel", () => {
  it("flags a stand-in year", () => {
    expect(populationYearLabel({ year: 2023, periodYear: 2025, latestAvailable: true })).toBe("2023 (latest published, for 2025)");
    expect(populationYearLabel({ year: 2019, periodYear: 2019, latestAvailable: false })).toBe("2019");
    expect(populationYearLabel(null)).toBeNull();
  });
});

describe("mapClasses / classOf", () => {
  it("splits the range into five equal steps, light to dark", () => {
    const classes = mapClasses([0, 10, null, 5]);
    expect(classes.map((c) => [c.lower, c.upper])).toEqual([[0, 2], [2, 4], [4, 6], [6, 8], [8, 10]]);
    expect(classes.map((c) => c.colour)).toEqual([...MAP_PALETTE]);
    expect(classOf(0, classes)?.index).toBe(0);
    expect(classOf(2, classes)?.index).toBe(0);
    expect(classOf(2.01, classes)?.index).toBe(1);
    expect(classOf(10, classes)?.index).toBe(4);
    expect(classOf(null, classes)).toBeNull();
  });

  it("gives one class for one distinct value and none for no values", () => {
    expect(mapClasses([3, 3])).toHaveLength(1);
    expect(mapClasses([null])).toEqual([]);
  });

  it("keeps the palette's lightness falling, so it reads in greyscale", () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const values = MAP_PALETTE.map(luminance);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeLessThan(values[i - 1]!);
  });
});

describe("funnel mappers", () => {
  it.each([
    ["within", "within"],
    ["above 95%", "outside 95%"],
    ["below 99.8%", "outside 99.8%"],
    [null, "within"],
  ] as const)("%s → %s", (band, group) => {
    expect(funnelGroupOf(band)).toBe(group);
  });

  it("leaves out districts without a figure", () => {
    expect(funnelPoints([row("A", 2, { band: "above 99.8%" }), row("B", null)])).toEqual([{ code: "E0A", name: "A", x: 1001, y: 2, band: "above 99.8%", group: "outside 99.8%" }]);
  });
});

describe("panelPath", () => {
  it("draws on the shared domain with gaps for missing months", () => {
    expect(panelPath([0, 10, null, 5, 5], [0, 10], 40, 10)).toBe("M0.0,10.0L10.0,0.0M30.0,5.0L40.0,5.0");
  });
  it("draws a lone month as a dot", () => {
    expect(panelPath([null, 5, null], [0, 10], 20, 10)).toBe("M10.0,5.0h0.01");
  });
});

describe("small multiples", () => {
  const series = {
    indicator: { name: "Burglary" },
    measure: "per 1,000 population",
    from: "2025-01",
    to: "2025-03",
    force: { code: "F", name: "Essex", points: [] },
    districts: [
      { code: "a", name: "Basildon", points: [{ month: "2025-01", value: 1, rate: 0.5 }, { month: "2025-02", value: null, rate: null }, { month: "2025-03", value: 4, rate: 2 }] },
      { code: "b", name: "Harlow", points: [{ month: "2025-01", value: 2, rate: 1 }, { month: "2025-02", value: null, rate: null }, { month: "2025-03", value: 1, rate: 0.25 }] },
    ],
    populationYears: [],
  } as unknown as DistrictSeriesResponse;

  it("shares one scale from zero for rates", () => {
    const panels = smallMultiplePanels(series);
    expect(panels.map((p) => p.latest)).toEqual([{ month: "2025-03", value: 2 }, { month: "2025-03", value: 0.25 }]);
    expect(panels.map((p) => p.missing)).toEqual([1, 1]);
    expect(sharedDomain(panels, "per 1,000 population")).toEqual([0, 2]);
    expect(sharedDomain(panels, "percentage")).toEqual([0.25, 2]);
  });

  it("reads the latest month aloud", () => {
    expect(smallMultiplesSummary(series, smallMultiplePanels(series))).toBe(
      "Burglary in each district, Jan 2025 to Mar 2025, on one scale: in Mar 2025 highest in Basildon (2.00 per 1,000) and lowest in Harlow (0.250 per 1,000); 1 of the 3 months is missing for every district.",
    );
  });
});

describe("rankingSummary", () => {
  it("names the first and last district against the force", () => {
    const comparison = {
      indicator: { name: "Burglary", direction: "lower" },
      month: "2025-12",
      measure: "per 1,000 population",
      force: row("Essex", 6.14),
      districts: [row("Rochford", 3.52, { position: 1 }), row("Southend-on-Sea", 8.06, { position: 2 }), row("Harlow", null)],
    } as never;
    expect(rankingSummary(comparison)).toBe(
      "In Dec 2025 Rochford ranks first of 2 (lowest, 3.52 per 1,000) and Southend-on-Sea last (8.06 per 1,000); Essex as a whole 6.14 per 1,000; 1 district has no figure.",
    );
  });
});
