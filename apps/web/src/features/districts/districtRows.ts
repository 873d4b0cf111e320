import { formatMonth, formatValue, type Month, maxOf, minOf } from "@scrutiny/domain";
import type { DistrictComparison, DistrictRow, DistrictSeriesResponse } from "@scrutiny/api";
import { gappedPath } from "../../lib/gappedPath";

/**
 * Pure mappers behind the districts view: sorting the ranked table, the map's colour classes, the
 * funnel plot's series and the small multiples' shared scale. No React, no fetching.
 */

// ---- Sorting -------------------------------------------------------------------------------------

export const SORT_KEYS = ["name", "rate", "count", "population", "rank", "band"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = "asc" | "desc";
export interface Sort {
  key: SortKey;
  direction: SortDirection;
}

export const DEFAULT_SORT: Sort = { key: "rank", direction: "asc" };

/** "rate-desc" → {rate, desc}; anything unreadable gives the default (rank, best first). */
export function parseSort(text: string | null): Sort {
  const match = /^([a-z]+)-(asc|desc)$/.exec(text ?? "");
  if (!match || !(SORT_KEYS as readonly string[]).includes(match[1]!)) return DEFAULT_SORT;
  return { key: match[1] as SortKey, direction: match[2] as SortDirection };
}

export function formatSort(sort: Sort): string {
  return `${sort.key}-${sort.direction}`;
}

/** Clicking a column: a new column starts in its natural direction, the same column flips. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, direction: current.direction === "asc" ? "desc" : "asc" };
  return { key, direction: key === "name" || key === "rank" || key === "band" ? "asc" : "desc" };
}

/** Above the upper limits first, as the meeting would read them. */
const BAND_ORDER: Record<string, number> = { "above 99.8%": 0, "above 95%": 1, within: 2, "below 95%": 3, "below 99.8%": 4 };

function sortValue(row: DistrictRow, key: SortKey): string | number | null {
  switch (key) {
    case "name":
      return row.name;
    case "rate":
      return row.value;
    case "count":
      return row.count;
    case "population":
      return row.denominator;
    case "rank":
      return row.position;
    case "band":
      return row.band === null ? null : (BAND_ORDER[row.band] ?? null);
  }
}

/** Sorted copy; districts without a figure always go last, whichever the direction. Ties by name. */
export function sortDistricts(rows: readonly DistrictRow[], sort: Sort): DistrictRow[] {
  const sign = sort.direction === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x === null && y === null) return a.name.localeCompare(b.name);
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === "string" && typeof y === "string" ? x.localeCompare(y) : Number(x) - Number(y);
    return order === 0 ? a.name.localeCompare(b.name) : sign * order;
  });
}

// ---- Measure wording -----------------------------------------------------------------------------

export type Measure = DistrictComparison["measure"];

/** "12.3" per 1,000 or "27.4%". */
export function formatMeasure(measure: Measure, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  if (measure === "percentage") return formatValue("percentage", value);
  // Monthly rates per 1,000 are small: three significant figures or so, never "0.0".
  return value >= 10 ? value.toFixed(1) : value >= 1 ? value.toFixed(2) : value.toFixed(3);
}

export function measureLabel(measure: Measure): string {
  return measure === "percentage" ? "%" : "per 1,000";
}

export function formatInterval(measure: Measure, lower: number | null, upper: number | null): string {
  if (lower === null || upper === null) return "—";
  return `${formatMeasure(measure, lower)} to ${formatMeasure(measure, upper)}`;
}

/** "2023" or "2023 (latest published, for 2025)": a stand-in population year is never silent. */
export function populationYearLabel(population: DistrictComparison["population"]): string | null {
  if (!population) return null;
  return population.latestAvailable ? `${population.year} (latest published, for ${population.periodYear})` : String(population.year);
}

// ---- Choropleth classes --------------------------------------------------------------------------

/**
 * Five steps of a sequential palette whose lightness falls monotonically, so the order survives
 * colour-blindness and greyscale printing (viridis at 0.95, 0.75, 0.5, 0.28, 0.05, light to dark).
 */
export const MAP_PALETTE = ["#f0f921", "#7ad151", "#21918c", "#3b528b", "#440154"] as const;

export interface MapClass {
  index: number;
  lower: number;
  upper: number;
  colour: string;
}

/**
 * Equal-interval classes between the lowest and highest value (easier to read in a legend than
 * quantiles for 14 districts); a single distinct value gives one class.
 */
export function mapClasses(values: readonly (number | null)[], steps = MAP_PALETTE.length): MapClass[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (present.length === 0) return [];
  const min = minOf(present)!;
  const max = maxOf(present)!;
  if (min === max) return [{ index: 0, lower: min, upper: max, colour: MAP_PALETTE[Math.floor(steps / 2)]! }];
  const width = (max - min) / steps;
  return Array.from({ length: steps }, (_, i) => ({
    index: i,
    lower: min + i * width,
    upper: i === steps - 1 ? max : min + (i + 1) * width,
    colour: MAP_PALETTE[i]!,
  }));
}

export function classOf(value: number | null, classes: readonly MapClass[]): MapClass | null {
  if (value === null || classes.length === 0) return null;
  return classes.find((c) => value <= c.upper) ?? classes[classes.length - 1]!;
}

// ---- Funnel plot ---------------------------------------------------------------------------------

export type FunnelGroup = "within" | "outside 95%" | "outside 99.8%";

export interface FunnelPoint {
  code: string;
  name: string;
  /** Population, or trials for a percentage. */
  x: number;
  y: number;
  band: string;
  group: FunnelGroup;
}

export function funnelGroupOf(band: DistrictRow["band"]): FunnelGroup {
  if (band === "above 99.8%" || band === "below 99.8%") return "outside 99.8%";
  if (band === "above 95%" || band === "below 95%") return "outside 95%";
  return "within";
}

export function funnelPoints(rows: readonly DistrictRow[]): FunnelPoint[] {
  return rows
    .filter((r) => r.value !== null && r.denominator !== null && r.band !== null)
    .map((r) => ({ code: r.code, name: r.name, x: r.denominator!, y: r.value!, band: r.band!, group: funnelGroupOf(r.band) }));
}

export interface FunnelLimitPoint {
  x: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
  /** 99.8% limits adjusted for over-dispersion, when drawn. */
  adjustedLower998?: number;
  adjustedUpper998?: number;
}

export function funnelLimitLines(funnel: DistrictComparison["funnel"]): FunnelLimitPoint[] {
  return funnel.curve.map((row, i) => {
    const adjusted = funnel.adjustedCurve?.[i];
    return {
      x: row.denominator,
      lower95: row.lower95,
      upper95: row.upper95,
      lower998: row.lower998,
      upper998: row.upper998,
      ...(adjusted ? { adjustedLower998: adjusted.lower998, adjustedUpper998: adjusted.upper998 } : {}),
    };
  });
}

// ---- Small multiples -----------------------------------------------------------------------------

export interface Panel {
  code: string;
  name: string;
  values: (number | null)[];
  latest: { month: Month; value: number } | null;
  missing: number;
}

export function smallMultiplePanels(series: DistrictSeriesResponse): Panel[] {
  return series.districts.map((d) => {
    const held = d.points.filter((p) => p.rate !== null);
    const last = held[held.length - 1];
    return {
      code: d.code,
      name: d.name,
      values: d.points.map((p) => p.rate),
      latest: last ? { month: last.month, value: last.rate! } : null,
      missing: d.points.length - held.length,
    };
  });
}

/** One y scale for every panel: zero (or the lowest value, for percentages) to the highest value. */
export function sharedDomain(panels: readonly { values: readonly (number | null)[] }[], measure: Measure): [number, number] {
  const all = panels.flatMap((p) => p.values).filter((v): v is number => v !== null);
  if (all.length === 0) return [0, 1];
  const max = maxOf(all)!;
  const min = measure === "percentage" ? minOf(all)! : 0;
  return max === min ? [min, min + 1] : [min, max];
}

/**
 * A sparkline path on a given y domain: one sub-path per run of months held, so a missing month is
 * a gap; a lone month between gaps is a dot.
 */
export function panelPath(values: readonly (number | null)[], domain: readonly [number, number], width: number, height: number): string {
  const [low, high] = domain;
  const x = (i: number) => (values.length <= 1 ? width / 2 : (i * width) / (values.length - 1));
  const y = (v: number) => height - ((v - low) / (high - low)) * height;
  return gappedPath(values, x, y);
}

export interface SeriesTableRow {
  district: string;
  month: Month;
  value: number | null;
  rate: number | null;
}

export function seriesTableRows(series: DistrictSeriesResponse): SeriesTableRow[] {
  return series.districts.flatMap((d) => d.points.map((p) => ({ district: d.name, month: p.month, value: p.value, rate: p.rate })));
}

export function smallMultiplesSummary(series: DistrictSeriesResponse, panels: readonly Panel[]): string {
  const unit = series.measure === "percentage" ? "" : " per 1,000";
  const latest = panels.filter((p) => p.latest?.month === series.to);
  const span = `${formatMonth(series.from)} to ${formatMonth(series.to)}`;
  if (latest.length === 0) return `${series.indicator.name} in each district, ${span}, on one scale; no district has a figure for ${formatMonth(series.to)}.`;
  const top = latest.reduce((a, b) => (b.latest!.value > a.latest!.value ? b : a));
  const bottom = latest.reduce((a, b) => (b.latest!.value < a.latest!.value ? b : a));
  const gaps = minOf(panels.map((p) => p.missing)) ?? 0;
  return (
    `${series.indicator.name} in each district, ${span}, on one scale: in ${formatMonth(series.to)} highest in ${top.name} (${formatMeasure(series.measure, top.latest!.value)}${unit}) and lowest in ${bottom.name} (${formatMeasure(series.measure, bottom.latest!.value)}${unit})` +
    (gaps > 0 ? `; ${gaps} of the ${series.districts[0]?.points.length ?? 0} months ${gaps === 1 ? "is" : "are"} missing for every district.` : ".")
  );
}

export function mapSummary(comparison: DistrictComparison): string {
  const held = comparison.districts.filter((d) => d.value !== null);
  const unit = comparison.measure === "percentage" ? "" : " per 1,000";
  const when = periodText(comparison);
  if (held.length === 0) return `No district has a figure for ${comparison.indicator.name.toLowerCase()} in ${when}.`;
  const top = held.reduce((a, b) => (b.value! > a.value! ? b : a));
  const bottom = held.reduce((a, b) => (b.value! < a.value! ? b : a));
  return `${comparison.indicator.name} in ${when}: highest in ${top.name} (${formatMeasure(comparison.measure, top.value)}${unit}), lowest in ${bottom.name} (${formatMeasure(comparison.measure, bottom.value)}${unit}).`;
}

/** The ranked table read aloud: who is first and last, against the force as a whole. */
export function rankingSummary(comparison: DistrictComparison): string {
  const unit = comparison.measure === "percentage" ? "" : " per 1,000";
  const ranked = comparison.districts.filter((d) => d.position !== null).sort((a, b) => a.position! - b.position!);
  const forceText = `${comparison.force.name} as a whole ${formatMeasure(comparison.measure, comparison.force.value)}${unit}`;
  const first = ranked[0];
  const last = ranked[ranked.length - 1];
  if (!first || !last) return `No district has a figure for ${comparison.indicator.name.toLowerCase()} in ${periodText(comparison)}; ${forceText}.`;
  const best = comparison.indicator.direction === "lower" ? "lowest" : "highest";
  const missing = comparison.districts.length - ranked.length;
  return (
    `In ${periodText(comparison)} ${first.name} ranks first of ${ranked.length} (${best}, ${formatMeasure(comparison.measure, first.value)}${unit}) and ${last.name} last (${formatMeasure(comparison.measure, last.value)}${unit}); ${forceText}` +
    (missing > 0 ? `; ${missing} ${missing === 1 ? "district has" : "districts have"} no figure.` : ".")
  );
}

/** "Dec 2025", or "12 months to Dec 2025" / "financial year … to date" when ?period= asks for a window (issue 12). */
export function periodText(comparison: { month: string; period?: { kind: string; label: string } }): string {
  return comparison.period && comparison.period.kind !== "month" ? comparison.period.label : formatMonth(comparison.month as Month);
}
