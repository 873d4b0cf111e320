import type { Kysely } from "kysely";
import { addMonths, forceByPoliceUkName, freshnessOf, lagMonthsOf, priorityOrder, type Freshness, type Indicator, type Month } from "@scrutiny/domain";
import { indicatorMonthsIn, latestMonthsByIndicatorAndArea, listAreas, listIndicators, type Database } from "@scrutiny/db";
import { NotFoundError } from "../errors";
import { toAreaSummary, type AreaSummary } from "./series";

/**
 * What is late or missing, by source, for a force and its districts: each indicator's latest
 * month held against the latest its cadence and lag say should be held by now (packages/domain
 * freshness.ts), the periods missing in the last 12, and the areas that reported the period
 * before but not the latest one ("not sent by Essex County Council").
 */
export interface DataStatusRow {
  indicator: Pick<Indicator, "id" | "name" | "unit" | "priority" | "source" | "cadence" | "isSample"> & { expectedLagMonths: number };
  freshness: Freshness;
  /** Areas (force and districts) with a figure for the latest month held. */
  areasInLatest: number;
  /** Areas that had figures in the 12 months before the latest month held but none for it. */
  areasMissingInLatest: { code: string; name: string }[];
}

export interface DataStatusSource {
  source: string;
  isSample: boolean;
  counts: { late: number; noData: number; onTime: number };
  rows: DataStatusRow[];
}

export interface DataStatusResponse {
  force: AreaSummary;
  asOf: Month;
  counts: { late: number; noData: number; onTime: number };
  sources: DataStatusSource[];
}

/**
 * A source that is another force's own records ("Essex Police" seen from Hampshire) of which
 * nothing is held for this force: not this force's to chase, so not listed. Held figures are
 * always listed, whatever the source is called.
 */
function isOtherForcesAndEmpty(source: string, rows: readonly DataStatusRow[], forceCode: string): boolean {
  const named = forceByPoliceUkName(source);
  return named !== undefined && named.code !== forceCode && rows.every((r) => r.freshness.latestHeld === null);
}

const STATUS_ORDER = { late: 0, "no data": 1, "on time": 2 } as const;

export async function getDataStatus(db: Kysely<Database>, query: { force: string; asOf: Month }, options: { publishedOnly?: boolean } = {}): Promise<DataStatusResponse> {
  const areas = await listAreas(db);
  const force = areas.find((a) => a.code === query.force && a.kind === "force");
  if (!force) throw new NotFoundError(`No police force area ${query.force}`);
  const inForce = areas.filter((a) => a.code === force.code || a.parent_code === force.code);
  const names = new Map(inForce.map((a) => [a.code, a.name]));
  const codes = inForce.map((a) => a.code);

  const [indicators, latestByArea] = await Promise.all([
    listIndicators(db, options),
    latestMonthsByIndicatorAndArea(db, codes),
  ]);
  const monthsHeld = await indicatorMonthsIn(db, { areaCodes: codes, from: addMonths(query.asOf, -12 * 12) });
  const monthsByIndicator = new Map<string, Month[]>();
  for (const m of monthsHeld) monthsByIndicator.set(m.indicator_id, [...(monthsByIndicator.get(m.indicator_id) ?? []), m.month as Month]);
  const areasByIndicator = new Map<string, { code: string; latest: Month }[]>();
  for (const r of latestByArea) areasByIndicator.set(r.indicator_id, [...(areasByIndicator.get(r.indicator_id) ?? []), { code: r.area_code, latest: r.latest as Month }]);

  const rows: DataStatusRow[] = indicators.map((indicator) => {
    const freshness = freshnessOf(indicator, monthsByIndicator.get(indicator.id) ?? [], query.asOf);
    const reporting = areasByIndicator.get(indicator.id) ?? [];
    const latest = freshness.latestHeld;
    const areasInLatest = latest ? reporting.filter((a) => a.latest === latest).length : 0;
    const areasMissingInLatest = latest
      ? reporting.filter((a) => a.latest < latest && a.latest >= addMonths(latest, -12)).map((a) => ({ code: a.code, name: names.get(a.code) ?? a.code })).sort((a, b) => a.name.localeCompare(b.name))
      : [];
    return {
      indicator: { id: indicator.id, name: indicator.name, unit: indicator.unit, priority: indicator.priority, source: indicator.source, cadence: indicator.cadence, isSample: indicator.isSample, expectedLagMonths: lagMonthsOf(indicator) },
      freshness,
      areasInLatest,
      areasMissingInLatest,
    };
  });

  const bySource = new Map<string, DataStatusRow[]>();
  for (const row of rows) bySource.set(row.indicator.source, [...(bySource.get(row.indicator.source) ?? []), row]);
  const countsOf = (list: readonly DataStatusRow[]) => ({
    late: list.filter((r) => r.freshness.status === "late").length,
    noData: list.filter((r) => r.freshness.status === "no data").length,
    onTime: list.filter((r) => r.freshness.status === "on time").length,
  });
  const kept = [...bySource.entries()].filter(([source, list]) => !isOtherForcesAndEmpty(source, list, force.code));
  const sources = kept
    .map(([source, list]): DataStatusSource => ({
      source,
      isSample: list.every((r) => r.indicator.isSample),
      counts: countsOf(list),
      rows: list.sort(
        (a, b) =>
          STATUS_ORDER[a.freshness.status] - STATUS_ORDER[b.freshness.status] ||
          priorityOrder(a.indicator.priority) - priorityOrder(b.indicator.priority) ||
          a.indicator.name.localeCompare(b.indicator.name),
      ),
    }))
    // Real sources before the sample; within each, the ones needing attention first.
    .sort((a, b) => Number(a.isSample) - Number(b.isSample) || b.counts.late + b.counts.noData - (a.counts.late + a.counts.noData) || a.source.localeCompare(b.source));
  return { force: toAreaSummary(force), asOf: query.asOf, counts: countsOf(kept.flatMap(([, list]) => list)), sources };
}
