import type { Kysely } from "kysely";
import { nationalPositionFor, type NationalPosition } from "./forces";
import {
  addMonths,
  formatMonth,
  freshnessForReportingMonth,
  isHistorical,
  TREND_WINDOW_MONTHS,
  isSignificantlyWorseThanAverage,
  monthsBetween,
  monthlySeries,
  priorityOrder,
  seriesIssue,
  type Annotation,
  type Change,
  type Freshness,
  type Indicator,
  type Month,
  type SeriesIssue,
  type SeriesPoint,
  type Variation,
} from "@scrutiny/domain";
import { annotationsForArea, listIndicators, observationsForArea, type Area, type Database, type Observation } from "@scrutiny/db";
import { BadRequestError, NotFoundError } from "../errors";
import { compareMsg } from "./compare";
import { hasMaturingOutcomes, maturityForArea, provisionalMonths } from "./maturity";
import { latestComparisons, spcReading, type PeriodComparison } from "./readings";
import { reportingMonths } from "./reportingMonth";
import { requireArea, toAreaSummary, toMonthlyValue, yearOnYear, type AreaSummary } from "./series";

/**
 * The scorecard for one reporting month (METHODS.md "Reporting month and breaks"): for every
 * current indicator held for an area, its latest month up to the reporting month against last
 * year three ways, the SPC state, the MSG position, what is missing and whether it is late by the
 * reporting month's due dates. Series that ended more than 12 months before the reporting month
 * are listed apart under `historical`, never compared or ranked.
 */
export interface OverviewRow {
  indicator: Indicator;
  latest: SeriesPoint | null;
  sameMonthLastYear: SeriesPoint | null;
  change: Change | null;
  /** Same month, rolling 12 months and financial year to date, each against a year earlier. */
  comparisons: PeriodComparison[];
  /** Making Data Count variation icon for the latest month; null when there are too few points for a reading. */
  variation: Variation | null;
  /** High or low for a special-cause latest point (METHODS.md label priority), for the icon's H / L. */
  spcSide: "high" | "low" | null;
  trialLimits: boolean;
  /** "3rd of 8" in the force's Most Similar Group, for force-level counts with every member's figure. */
  msg: { position: number; of: number; label: string; significance: string; averageLabel: string } | null;
  /** The force's position among all force areas with a figure in the latest month ("7th of 43"); null for districts. */
  national: NationalPosition | null;
  /** Months with no figure in the 12 months to the latest month held (monthly indicators). */
  missingMonths: Month[];
  /** The 36 months to the latest month held, null where missing; provisional points carry the reason. */
  sparkline: (SeriesPoint & { provisional?: true; provisionalReason?: string })[];
  /** Freshness judged for the reporting month: the figures due for it, and when they were due. */
  freshness: Freshness & { dueBy: Month };
  /** The latest month's outcomes are still immature (police.uk solved rates and outcome counts). */
  provisional: { month: Month; reason: string } | null;
  /** A negative count or a collapse to zero: shown as a data issue, never as a change. */
  dataIssue: SeriesIssue | null;
  /** Breaks and notes dated within the 36 months shown. */
  annotations: Annotation[];
  /**
   * The signals as plain data, for the scorecard and the briefing pack: a significant change (only
   * from comparable periods), the SPC variation, the MSG significance, and lateness. The funnel
   * signal is the districts view's (GET /api/compare/districts), not computed here.
   */
  signals: {
    significantChange: { period: PeriodComparison["period"]; direction: "worse" | "better" }[];
    spc: Variation | null;
    msg: string | null;
    late: boolean;
  };
  /** Higher is more concerning: ranks "most concerning first". */
  concern: number;
}

export interface HistoricalRow {
  indicator: Indicator;
  /** The month the series ends (its latest figure). */
  endsIn: Month;
  latest: SeriesPoint;
  annotations: Annotation[];
}

export interface OverviewResponse {
  area: AreaSummary;
  /** The reporting month every figure answers for; null when the area holds nothing. */
  month: Month | null;
  /** The default: the latest month of the force's own police.uk street-level figures. */
  latestMonth: Month | null;
  /** Months a briefing can be run for (the force's police.uk months), newest first. */
  months: Month[];
  /** When the figures for the reporting month were imported (the police.uk batch), ISO date. */
  importedAt: string | null;
  /** "Figures to Dec 2025, imported 6 Dec 2026." */
  banner: string;
  rows: OverviewRow[];
  historical: HistoricalRow[];
}

const HISTORY_MONTHS = TREND_WINDOW_MONTHS + 24;

export async function getOverview(db: Kysely<Database>, areaCode: string, requestedMonth?: Month, options: { publishedOnly?: boolean } = {}): Promise<OverviewResponse> {
  const area = await requireArea(db, areaCode);
  const forceCode = area.parent_code ?? area.code;
  const reporting = await reportingMonths(db, forceCode);
  const month = requestedMonth ?? reporting.latest;
  const empty = { area: toAreaSummary(area), month, latestMonth: reporting.latest, months: reporting.months, importedAt: null, rows: [], historical: [] };
  if (!month) return { ...empty, banner: `No figures are held for ${area.name}.` };
  const importedAt = reporting.importedAt.get(month) ?? null;

  const [indicators, observations, annotations, maturity] = await Promise.all([
    listIndicators(db, options),
    observationsForArea(db, { areaCode: area.code, from: "0000-01", to: month }),
    annotationsForArea(db, area.code),
    maturityForArea(db, area.code),
  ]);
  const provisional = provisionalMonths(maturity);
  const byIndicator = groupByIndicator(observations);
  const rows: OverviewRow[] = [];
  const historical: HistoricalRow[] = [];
  // A real indicator and its sample stand-in never appear as two rows of one name: once the force
  // has imported its own figures (any up to the reporting month), the sample series leaves.
  const realNames = new Set(indicators.filter((i) => !i.isSample && (byIndicator.get(i.id)?.length ?? 0) > 0).map((i) => i.name));
  for (const indicator of indicators) {
    const held = byIndicator.get(indicator.id) ?? [];
    const latestHeld = held.at(-1)?.month as Month | undefined;
    if (!latestHeld) continue;
    if (indicator.isSample && realNames.has(indicator.name)) continue;
    const ownAnnotations = annotations.filter((a) => a.indicator === indicator.id);
    if (isHistorical(latestHeld, month)) {
      const last = held.at(-1)!;
      historical.push({ indicator, endsIn: latestHeld, latest: { month: latestHeld, value: last.value }, annotations: ownAnnotations });
      continue;
    }
    const from = addMonths(latestHeld, -(HISTORY_MONTHS - 1));
    const history = monthlySeries(held.filter((o) => o.month >= from).map(toMonthlyValue), from, latestHeld);
    const matures = hasMaturingOutcomes(indicator);
    const sparkline = history.slice(-TREND_WINDOW_MONTHS).map((p) => {
      const reason = matures && p.value !== null ? provisional.get(p.month) : undefined;
      return reason ? { ...p, provisional: true as const, provisionalReason: reason } : p;
    });
    const windowAnnotations = ownAnnotations.filter((a) => a.month >= sparkline[0]!.month && a.month <= latestHeld);
    const { latest, previous, change } = yearOnYear(indicator, sparkline);
    const dataIssue = seriesIssue(history, indicator.unit);
    const spc = dataIssue ? null : spcReading(indicator, sparkline, ownAnnotations);
    const msg = area.kind === "force" && indicator.unit === "count" && !dataIssue ? await msgPosition(db, indicator, area, latestHeld) : null;
    const national = area.kind === "force" ? await nationalPositionFor(db, indicator, area.code, latestHeld) : null;
    let comparisons = latestComparisons(indicator, area.name, history, { annotations: ownAnnotations, ...(matures ? { provisional } : {}) });
    if (dataIssue) {
      comparisons = comparisons.map((c) => ({ ...c, comparability: "not comparable", comparabilityReason: dataIssue.text, significantChange: null, sentence: `${indicator.name} in ${area.name} is not compared: ${dataIssue.text}` }));
    }
    const missingMonths =
      indicator.cadence === "monthly" ? monthsBetween(addMonths(latestHeld, -11), latestHeld).filter((m) => !history.some((p) => p.month === m && p.value !== null)) : [];
    const freshness = freshnessForReportingMonth(indicator, held.map((o) => o.month as Month), month);
    const latestProvisional = latest && matures ? provisional.get(latest.month) : undefined;
    const variation = spc && spc.latestIndex !== null ? spc.variation : null;
    const signals: OverviewRow["signals"] = {
      significantChange: comparisons.filter((c) => c.significantChange).map((c) => ({ period: c.period, direction: c.significantChange! })),
      spc: variation,
      msg: msg?.significance ?? null,
      late: freshness.status === "late",
    };
    rows.push({
      indicator,
      latest,
      sameMonthLastYear: previous,
      change: dataIssue ? null : change,
      comparisons,
      variation,
      spcSide: spc && spc.latestIndex !== null ? (spc.points[spc.latestIndex]?.side ?? null) : null,
      trialLimits: spc?.trialLimits ?? false,
      msg,
      national,
      missingMonths,
      sparkline,
      freshness,
      provisional: latest && latestProvisional ? { month: latest.month, reason: latestProvisional } : null,
      dataIssue,
      annotations: windowAnnotations,
      signals,
      concern: concernScore(indicator, variation, comparisons, msg?.significance ?? null),
    });
  }
  rows.sort((a, b) => priorityOrder(a.indicator.priority) - priorityOrder(b.indicator.priority) || a.indicator.name.localeCompare(b.indicator.name));
  historical.sort((a, b) => b.endsIn.localeCompare(a.endsIn) || a.indicator.name.localeCompare(b.indicator.name));
  const imported = importedAt ? `, imported ${formatDate(importedAt)}` : "";
  return { ...empty, importedAt, banner: `Figures to ${formatMonth(month)}${imported}.`, rows, historical };
}

function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso.slice(0, 10) : d.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

function groupByIndicator(observations: readonly Observation[]): Map<string, Observation[]> {
  const byIndicator = new Map<string, Observation[]>();
  for (const o of observations) {
    const list = byIndicator.get(o.indicator_id);
    if (list) list.push(o);
    else byIndicator.set(o.indicator_id, [o]);
  }
  for (const list of byIndicator.values()) list.sort((a, b) => a.month.localeCompare(b.month));
  return byIndicator;
}

async function msgPosition(db: Kysely<Database>, indicator: Indicator, area: Area, month: Month): Promise<OverviewRow["msg"]> {
  try {
    const { comparison } = await compareMsg(db, { indicator: indicator.id, force: area.code, month, average: "weighted" });
    if (!comparison) return null;
    const { force } = comparison;
    return { position: force.position, of: force.of, label: force.positionLabel, significance: force.significance, averageLabel: comparison.averageLabel };
  } catch (error) {
    // No group recorded for that month, or no populations: the scorecard shows no position.
    // Anything else (a database error, a bug) is not swallowed.
    if (error instanceof NotFoundError || error instanceof BadRequestError) return null;
    throw error;
  }
}

/**
 * "Most concerning first": a special-cause concern outranks a significant deterioration over
 * 12 months, which outranks one against the same month, which outranks being significantly
 * worse than the MSG average. Indicators with no direction never count as concerning, and only
 * comparable periods count (a break or immature outcomes make a comparison not count).
 */
export function concernScore(indicator: Indicator, variation: Variation | null, comparisons: readonly PeriodComparison[], msgSignificance: string | null): number {
  if (indicator.direction === "neither") return 0;
  const worse = (period: PeriodComparison["period"]) => comparisons.find((c) => c.period === period)?.significantChange === "worse";
  const msgWorse = isSignificantlyWorseThanAverage(indicator.direction, msgSignificance);
  return (variation === "concern" ? 8 : 0) + (worse("rolling 12 months") ? 4 : 0) + (worse("same month last year") ? 2 : 0) + (msgWorse ? 1 : 0);
}

