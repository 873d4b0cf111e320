import type { Kysely } from "kysely";
import { nationalPositionFor, type NationalPosition } from "./forces";
import {
  addMonths,
  monthsBetween,
  monthlySeries,
  priorityOrder,
  xmr,
  type Change,
  type Indicator,
  type Month,
  type SeriesPoint,
  type Variation,
} from "@scrutiny/domain";
import { latestMonthsForArea, listIndicators, observationsForArea, type Database, type Observation } from "@scrutiny/db";
import { compareMsg } from "./compare";
import { latestComparisons, type PeriodComparison } from "./readings";
import { DEFAULT_TREND_MONTHS, requireArea, toAreaSummary, toMonthlyValue, yearOnYear, type AreaSummary } from "./series";

/**
 * The scorecard: for every indicator held for an area, the latest month against last year three
 * ways, the SPC state of the latest month, the force's MSG position where one can be given, and
 * the months missing from the last year of figures.
 */
export interface OverviewRow {
  indicator: Indicator;
  latest: SeriesPoint | null;
  sameMonthLastYear: SeriesPoint | null;
  change: Change | null;
  /** Same month, rolling 12 months and financial year to date, each against a year earlier. */
  comparisons: PeriodComparison[];
  /** Making Data Count variation icon for the latest month of the 36 shown. */
  variation: Variation | null;
  trialLimits: boolean;
  /** "3rd of 8" in the force's Most Similar Group, for force-level counts with every member's figure. */
  msg: { position: number; of: number; label: string; significance: string; averageLabel: string } | null;
  /** The force's position among all force areas with a figure in the latest month ("7th of 43"); null for districts. */
  national: NationalPosition | null;
  /** Months with no figure in the 12 months to the latest month held (monthly indicators). */
  missingMonths: Month[];
  /** The 36 months to the latest month held, null where missing. */
  sparkline: SeriesPoint[];
  /** Higher is more concerning: ranks "most concerning first". */
  concern: number;
}

export interface OverviewResponse {
  area: AreaSummary;
  rows: OverviewRow[];
}

const HISTORY_MONTHS = DEFAULT_TREND_MONTHS + 24;

export async function getOverview(db: Kysely<Database>, areaCode: string): Promise<OverviewResponse> {
  const area = await requireArea(db, areaCode);
  const [indicators, latestMonths] = await Promise.all([listIndicators(db), latestMonthsForArea(db, area.code)]);
  const latestById = new Map(latestMonths.map((l) => [l.indicator_id, l.latest as Month]));
  const earliest = [...latestById.values()].sort()[0];
  const observations = earliest ? await observationsForArea(db, { areaCode: area.code, from: addMonths(earliest, -(HISTORY_MONTHS - 1)) }) : [];
  const byIndicator = groupByIndicator(observations);
  const rows: OverviewRow[] = [];
  for (const indicator of indicators) {
    const latestMonth = latestById.get(indicator.id);
    if (!latestMonth) continue;
    const history = monthlySeries((byIndicator.get(indicator.id) ?? []).map(toMonthlyValue), addMonths(latestMonth, -(HISTORY_MONTHS - 1)), latestMonth);
    const sparkline = history.slice(-DEFAULT_TREND_MONTHS);
    const { latest, previous, change } = yearOnYear(indicator, sparkline);
    const spc = xmr(
      sparkline.map((p) => p.value),
      { direction: indicator.direction },
    );
    const msg = area.kind === "force" && indicator.unit === "count" ? await msgPosition(db, indicator, area.code, latestMonth) : null;
    const national = area.kind === "force" ? await nationalPositionFor(db, indicator, area.code, latestMonth).catch(() => null) : null;
    const comparisons = latestComparisons(indicator, area.name, history);
    const missingMonths =
      indicator.cadence === "monthly" ? monthsBetween(addMonths(latestMonth, -11), latestMonth).filter((m) => !history.some((p) => p.month === m && p.value !== null)) : [];
    rows.push({
      indicator,
      latest,
      sameMonthLastYear: previous,
      change,
      comparisons,
      variation: spc.latestIndex === null ? null : spc.variation,
      trialLimits: spc.trialLimits,
      msg,
      national,
      missingMonths,
      sparkline,
      concern: concernScore(indicator, spc.variation, comparisons, msg?.significance ?? null),
    });
  }
  rows.sort((a, b) => priorityOrder(a.indicator.priority) - priorityOrder(b.indicator.priority) || a.indicator.name.localeCompare(b.indicator.name));
  return { area: toAreaSummary(area), rows };
}

function groupByIndicator(observations: readonly Observation[]): Map<string, Observation[]> {
  const byIndicator = new Map<string, Observation[]>();
  for (const o of observations) {
    const list = byIndicator.get(o.indicator_id);
    if (list) list.push(o);
    else byIndicator.set(o.indicator_id, [o]);
  }
  return byIndicator;
}

async function msgPosition(db: Kysely<Database>, indicator: Indicator, forceCode: string, month: Month): Promise<OverviewRow["msg"]> {
  try {
    const { comparison } = await compareMsg(db, { indicator: indicator.id, force: forceCode, month, average: "weighted" });
    if (!comparison) return null;
    const { force } = comparison;
    return { position: force.position, of: force.of, label: force.positionLabel, significance: force.significance, averageLabel: comparison.averageLabel };
  } catch {
    // No group recorded for that month, or no populations: the scorecard shows no position.
    return null;
  }
}

/**
 * "Most concerning first": a special-cause concern outranks a significant deterioration over
 * 12 months, which outranks one against the same month, which outranks being significantly
 * worse than the MSG average. Indicators with no direction never count as concerning.
 */
export function concernScore(indicator: Indicator, variation: Variation, comparisons: readonly PeriodComparison[], msgSignificance: string | null): number {
  if (indicator.direction === "neither") return 0;
  const worse = (c: PeriodComparison | undefined) => {
    const test = c?.test;
    if (!test || !test.significant) return false;
    const delta = test.kind === "counts" ? test.absoluteChange : (test.differencePoints ?? 0);
    return indicator.direction === "lower" ? delta > 0 : delta < 0;
  };
  const byPeriod = (period: PeriodComparison["period"]) => comparisons.find((c) => c.period === period);
  const msgWorse = msgSignificance !== null && msgSignificance !== "not significant" && (indicator.direction === "lower" ? msgSignificance === "higher" : msgSignificance === "lower");
  return (variation === "concern" ? 8 : 0) + (worse(byPeriod("rolling 12 months")) ? 4 : 0) + (worse(byPeriod("same month last year")) ? 2 : 0) + (msgWorse ? 1 : 0);
}
