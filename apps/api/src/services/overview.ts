import type { Kysely } from "kysely";
import { addMonths, monthlySeries, priorityOrder, type Indicator, type Month, type SeriesPoint, type Change } from "@scrutiny/domain";
import { latestMonthsForArea, listIndicators, observationsForArea, type Database } from "@scrutiny/db";
import { DEFAULT_TREND_MONTHS, requireArea, toAreaSummary, toMonthlyValue, yearOnYear, type AreaSummary } from "./series";

export interface OverviewRow {
  indicator: Indicator;
  latest: SeriesPoint | null;
  sameMonthLastYear: SeriesPoint | null;
  change: Change | null;
  /** The 36 months to the latest month held, null where missing. */
  sparkline: SeriesPoint[];
}

export interface OverviewResponse {
  area: AreaSummary;
  rows: OverviewRow[];
}

/** Every indicator held for an area with its latest value and change on the same month last year. */
export async function getOverview(db: Kysely<Database>, areaCode: string): Promise<OverviewResponse> {
  const area = await requireArea(db, areaCode);
  const [indicators, latestMonths] = await Promise.all([listIndicators(db), latestMonthsForArea(db, area.code)]);
  const latestById = new Map(latestMonths.map((l) => [l.indicator_id, l.latest as Month]));
  const earliest = [...latestById.values()].sort()[0];
  const observations = earliest ? await observationsForArea(db, { areaCode: area.code, from: addMonths(earliest, -(DEFAULT_TREND_MONTHS - 1)) }) : [];
  const byIndicator = new Map<string, typeof observations>();
  for (const o of observations) {
    const list = byIndicator.get(o.indicator_id);
    if (list) list.push(o);
    else byIndicator.set(o.indicator_id, [o]);
  }
  const rows: OverviewRow[] = [];
  for (const indicator of indicators) {
    const latestMonth = latestById.get(indicator.id);
    if (!latestMonth) continue;
    const sparkline = monthlySeries((byIndicator.get(indicator.id) ?? []).map(toMonthlyValue), addMonths(latestMonth, -(DEFAULT_TREND_MONTHS - 1)), latestMonth);
    const { latest, previous, change } = yearOnYear(indicator, sparkline);
    rows.push({ indicator, latest, sameMonthLastYear: previous, change, sparkline });
  }
  rows.sort((a, b) => priorityOrder(a.indicator.priority) - priorityOrder(b.indicator.priority) || a.indicator.name.localeCompare(b.indicator.name));
  return { area: toAreaSummary(area), rows };
}
