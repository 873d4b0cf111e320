/**
 * The reporting month (METHODS.md "Reporting month and breaks"): a briefing answers for one month.
 * A series whose latest figure is more than 12 months before it is historical: shown apart, never
 * compared with or ranked against current series. "Late" is judged against when the reporting
 * month's figures were due by the indicator's cadence and lag, not against today's date.
 */
import { freshnessOf, lagMonthsOf, type Freshness } from "./freshness";
import type { Cadence } from "./indicators";
import { addMonths, monthIndex, type Month } from "./months";

/** A series whose latest figure is more than this many months before the reporting month is historical. */
export const HISTORICAL_AFTER_MONTHS = 12;

export function isHistorical(latestHeld: Month, reportingMonth: Month): boolean {
  return monthIndex(reportingMonth) - monthIndex(latestHeld) > HISTORICAL_AFTER_MONTHS;
}

/**
 * Freshness for the briefing on `reportingMonth`: the figures due are those of the latest period
 * ending at or before the reporting month (a quarterly series for Dec 2025 owes Dec 2025; a
 * six-monthly one Sep 2025), due `lag` months after that period ends. Months held after the
 * reporting month are ignored: the briefing is as it stood then. Same rules as the data-status
 * view (freshnessOf), with "now" set to the month after the reporting month's figures fell due.
 */
export function freshnessForReportingMonth(
  indicator: { cadence: Cadence; expectedLagMonths?: number | undefined },
  monthsHeld: readonly Month[],
  reportingMonth: Month,
): Freshness & { dueBy: Month } {
  const lag = lagMonthsOf(indicator);
  const asOf = addMonths(reportingMonth, lag + 1);
  const held = monthsHeld.filter((m) => monthIndex(m) <= monthIndex(reportingMonth));
  const freshness = freshnessOf(indicator, held, asOf);
  return { ...freshness, dueBy: addMonths(freshness.expectedLatest, lag) };
}
