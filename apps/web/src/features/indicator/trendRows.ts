import { addMonths, changeBetween, formatChange, formatMonth, formatValue, type Change, type Month, type Unit } from "@scrutiny/domain";

export interface TrendRow {
  month: Month;
  label: string;
  value: number | null;
  /** The same month a year earlier, for the overlay and the table. */
  previousYear: number | null;
  change: Change | null;
}

/**
 * Rows for the trend chart and its table: the months from `from` to `to`, each with the value of
 * the same month a year earlier (the series is fetched from twelve months before `from`).
 */
export function toTrendRows(points: readonly { month: string; value: number | null }[], from: Month, to: Month, unit: Unit): TrendRow[] {
  const byMonth = new Map(points.map((p) => [p.month, p.value]));
  const rows: TrendRow[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) {
    const value = byMonth.get(month) ?? null;
    const previousYear = byMonth.get(addMonths(month, -12)) ?? null;
    rows.push({
      month,
      label: formatMonth(month),
      value,
      previousYear,
      change: value !== null && previousYear !== null ? changeBetween(unit, value, previousYear) : null,
    });
  }
  return rows;
}

/** One sentence beside the chart: the latest month, its change on a year earlier, and what is missing. */
export function trendSummary(rows: readonly TrendRow[], indicatorName: string, areaName: string, unit: Unit): string {
  const held = rows.filter((r) => r.value !== null);
  const latest = held[held.length - 1];
  if (!latest) return `No figures are held for ${indicatorName} in ${areaName} in this period.`;
  const missing = rows.length - held.length;
  const comparison =
    latest.previousYear === null
      ? `no figure is held for ${formatMonth(addMonths(latest.month, -12))}`
      : `against ${formatValue(unit, latest.previousYear)} in ${formatMonth(addMonths(latest.month, -12))}: ${formatChange(unit, latest.change)}`;
  const gaps = missing > 0 ? ` ${missing} of the ${rows.length} months shown are missing.` : "";
  return `${indicatorName} in ${areaName}: ${formatValue(unit, latest.value)} in ${latest.label}, ${comparison}.${gaps}`;
}
