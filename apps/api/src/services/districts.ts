import { readFile } from "node:fs/promises";
import type { Kysely } from "kysely";
import type { GeometryCollection, Topology } from "topojson-specification";
import { monthlySeries, trendWindowFrom, populationYearFor, ratePerThousand, yearOf, type Indicator, type Month } from "@scrutiny/domain";
import { indicatorMonthsIn, latestMonthFor, listAreas, listIndicators, observationsInWindow, populationsFor, type Area, type Database } from "@scrutiny/db";
import { defaultBoundariesFile } from "@scrutiny/ingest";
import { BadRequestError, NotFoundError } from "../errors";
import { requireForce, requireIndicator, toMonthlyValue } from "./series";

/**
 * What the districts view needs beyond GET /api/compare/districts: the district boundaries of a
 * force (for the map), the indicators and months that can be compared by district, and every
 * district's monthly series on one measure (for the small multiples).
 */

async function districtsOf(db: Kysely<Database>, forceCode: string): Promise<Area[]> {
  return (await listAreas(db)).filter((a) => a.parent_code === forceCode).sort((a, b) => a.name.localeCompare(b.name));
}

// ---- Boundaries --------------------------------------------------------------------------------

let allBoundaries: Promise<Topology> | null = null;
const boundariesByForce = new Map<string, Topology>();

/** The pipeline's file (data/boundaries), read once per process. */
function loadBoundaries(file = defaultBoundariesFile): Promise<Topology> {
  allBoundaries ??= readFile(file, "utf8").then((text) => JSON.parse(text) as Topology);
  allBoundaries.catch(() => (allBoundaries = null));
  return allBoundaries;
}

/**
 * One force's layer as a standalone TopoJSON: only the arcs its districts use, renumbered. Arcs
 * are delta-encoded per arc, so each one moves over unchanged under the same transform.
 */
export function forceTopology(all: Topology, forceCode: string): Topology | null {
  const layer = all.objects[forceCode] as GeometryCollection | undefined;
  if (!layer) return null;
  const renumbered = new Map<number, number>();
  const arcs: Topology["arcs"] = [];
  const mapArc = (index: number): number => {
    const original = index < 0 ? ~index : index;
    let next = renumbered.get(original);
    if (next === undefined) {
      next = arcs.length;
      renumbered.set(original, next);
      arcs.push(all.arcs[original]!);
    }
    return index < 0 ? ~next : next;
  };
  const geometries = layer.geometries.map((g) => {
    if (g.type === "Polygon") return { ...g, arcs: g.arcs.map((ring) => ring.map(mapArc)) };
    if (g.type === "MultiPolygon") return { ...g, arcs: g.arcs.map((polygon) => polygon.map((ring) => ring.map(mapArc))) };
    return g;
  });
  return { type: "Topology", ...(all.transform ? { transform: all.transform } : {}), objects: { districts: { type: "GeometryCollection", geometries } }, arcs };
}

/** The district boundaries of a force, one `districts` layer with {code, name} per district. */
export async function districtBoundaries(db: Kysely<Database>, forceCode: string): Promise<Topology> {
  const force = await requireForce(db, forceCode);
  const cached = boundariesByForce.get(force.code);
  if (cached) return cached;
  const topology = forceTopology(await loadBoundaries(), force.code);
  if (!topology) throw new NotFoundError(`No district boundaries are held for ${force.name}`);
  boundariesByForce.set(force.code, topology);
  return topology;
}

// ---- Indicators comparable by district ---------------------------------------------------------

export interface DistrictIndicator {
  indicator: Indicator;
  /** Months with a figure for the force and at least one district, oldest first. */
  months: Month[];
}

/**
 * Counts (compared per 1,000 population) and percentages held for the force's districts, with the
 * months they can be compared in.
 */
export async function districtIndicators(db: Kysely<Database>, forceCode: string, options: { publishedOnly?: boolean } = {}): Promise<DistrictIndicator[]> {
  const force = await requireForce(db, forceCode);
  const districts = await districtsOf(db, force.code);
  if (districts.length === 0) return [];
  const monthsHeld = (codes: string[]) => indicatorMonthsIn(db, { areaCodes: codes });
  const [districtMonths, forceMonths] = await Promise.all([monthsHeld(districts.map((d) => d.code)), monthsHeld([force.code])]);
  const forceHas = new Set(forceMonths.map((r) => `${r.indicator_id}|${r.month}`));
  const months = new Map<string, Set<string>>();
  for (const r of districtMonths) {
    if (!forceHas.has(`${r.indicator_id}|${r.month}`)) continue;
    const set = months.get(r.indicator_id) ?? new Set<string>();
    set.add(r.month);
    months.set(r.indicator_id, set);
  }
  return (await listIndicators(db, options))
    .filter((i) => (i.unit === "count" || i.unit === "percentage") && months.has(i.id))
    .map((indicator) => ({ indicator, months: [...months.get(indicator.id)!].sort() as Month[] }));
}

// ---- Every district's monthly series -----------------------------------------------------------

export interface DistrictSeriesPoint {
  month: Month;
  /** As held: the count, or the percentage. null for a missing month. */
  value: number | null;
  /** On the comparison's measure: per 1,000 population for counts, the percentage for percentages. */
  rate: number | null;
}

export interface DistrictSeries {
  code: string;
  name: string;
  points: DistrictSeriesPoint[];
}

export interface DistrictSeriesResponse {
  indicator: Indicator;
  measure: "per 1,000 population" | "percentage";
  from: Month;
  to: Month;
  force: DistrictSeries;
  districts: DistrictSeries[];
  /** Population years used, per calendar year of the months shown (counts only). */
  populationYears: { periodYear: number; year: number; latestAvailable: boolean }[];
}

export async function districtSeries(
  db: Kysely<Database>,
  query: { indicator: string; force: string; from?: Month; to?: Month },
): Promise<DistrictSeriesResponse> {
  const [indicator, force] = await Promise.all([requireIndicator(db, query.indicator), requireForce(db, query.force)]);
  if (indicator.unit !== "count" && indicator.unit !== "percentage") {
    throw new BadRequestError(`indicator: districts are compared on counts (per 1,000 population) or percentages; ${indicator.name} is in ${indicator.unit}`);
  }
  const districts = await districtsOf(db, force.code);
  const to = query.to ?? ((await latestMonthFor(db, indicator.id, force.code)) as Month | undefined);
  if (!to) throw new NotFoundError(`No figures for indicator "${indicator.id}" in ${force.name}`);
  const from = query.from ?? trendWindowFrom(to);
  const areas = [force, ...districts];
  const rows = await observationsInWindow(db, { indicatorId: indicator.id, from, to, areaCodes: areas.map((a) => a.code) });

  // Counts become rates with the population of each month's own year (METHODS.md), or the latest
  // published year standing in for a newer one.
  const populations = indicator.unit === "count" ? await populationsFor(db, areas.map((a) => a.code)) : [];
  const years = [...new Set(populations.map((p) => p.year))];
  const population = new Map(populations.map((p) => [`${p.area_code}|${p.year}`, p.value]));
  const populationYears = new Map<number, ReturnType<typeof populationYearFor>>();
  const yearFor = (month: Month) => {
    const calendarYear = yearOf(month);
    if (!populationYears.has(calendarYear)) populationYears.set(calendarYear, populationYearFor(month, years));
    return populationYears.get(calendarYear) ?? null;
  };
  const seriesOf = (area: Area): DistrictSeries => {
    const points = monthlySeries(rows.filter((r) => r.area_code === area.code).map(toMonthlyValue), from, to).map((p): DistrictSeriesPoint => {
      if (p.value === null) return { month: p.month, value: null, rate: null };
      if (indicator.unit === "percentage") return { month: p.month, value: p.value, rate: p.value };
      const year = yearFor(p.month);
      const people = year ? population.get(`${area.code}|${year.year}`) : undefined;
      return { month: p.month, value: p.value, rate: people ? ratePerThousand(p.value, people) : null };
    });
    return { code: area.code, name: area.name, points };
  };
  const forceSeries = seriesOf(force);
  const districtSeriesList = districts.map(seriesOf);
  return {
    indicator,
    measure: indicator.unit === "count" ? "per 1,000 population" : "percentage",
    from,
    to,
    force: forceSeries,
    districts: districtSeriesList,
    populationYears: [...populationYears.values()].filter((y) => y !== null).sort((a, b) => a.periodYear - b.periodYear),
  };
}
