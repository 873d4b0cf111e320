import type { Cadence } from "./indicators";
import { addMonths, MAX_MONTH_SPAN, monthIndex, MonthRangeError, type Month } from "./months";

/**
 * Freshness: is an indicator's latest figure as recent as its cadence and lag say it should be?
 * "Some data was missing because it was not sent"; NFIB fraud data arrives six-monthly: the
 * scrutiny officer must see at a glance what is late, and what is missing, before the meeting.
 *
 * Periods end in fixed months so that "the latest period due" has one answer: quarters end in
 * March, June, September and December (as the Home Office publishes them); six-monthly periods in
 * March and September (financial half years, as NFIB returns are reported); annual ones in March
 * (the financial year). A period's figures are due `lag` months after the month it ends.
 */
export const MONTHS_PER_PERIOD: Record<Cadence, number> = { monthly: 1, quarterly: 3, "six-monthly": 6, annual: 12 };

/** The lag assumed when the catalogue gives none: a force's monthly return is due the month after. */
export const DEFAULT_LAG_MONTHS: Record<Cadence, number> = { monthly: 1, quarterly: 2, "six-monthly": 3, annual: 6 };

export function lagMonthsOf(indicator: { cadence: Cadence; expectedLagMonths?: number | undefined }): number {
  return indicator.expectedLagMonths ?? DEFAULT_LAG_MONTHS[indicator.cadence];
}

/** Whether a month closes a period of the cadence (every month closes a monthly one). */
export function isPeriodEnd(cadence: Cadence, month: Month): boolean {
  const index = monthIndex(month);
  const monthOfYear = (((index % 12) + 12) % 12) + 1;
  switch (cadence) {
    case "monthly":
      return true;
    case "quarterly":
      return monthOfYear % 3 === 0;
    case "six-monthly":
      return monthOfYear === 3 || monthOfYear === 9;
    case "annual":
      return monthOfYear === 3;
  }
}

/** The latest period-end month at or before `month`. */
export function periodEndAtOrBefore(cadence: Cadence, month: Month): Month {
  if (!Number.isFinite(monthIndex(month))) throw new MonthRangeError(`"${month}" is not a month`);
  // A period ends at least once in any twelve months: the walk back is at most eleven steps.
  let m = month;
  for (let step = 0; step < 12; step++, m = addMonths(m, -1)) if (isPeriodEnd(cadence, m)) return m;
  throw new MonthRangeError(`no ${cadence} period ends in the twelve months to ${month}`);
}

/**
 * The most recent month whose figures should be held during the calendar month `asOf`: the latest
 * period end m with m + lag < asOf. Monthly, lag 1, in March 2026: January 2026 (due by the end
 * of February). Quarterly, lag 2, in March 2026: December 2025 (due by the end of February).
 */
export function expectedLatestMonth(cadence: Cadence, lagMonths: number, asOf: Month): Month {
  return periodEndAtOrBefore(cadence, addMonths(asOf, -lagMonths - 1));
}

/** Period ends from `from` to `to` inclusive. */
export function periodEndsBetween(cadence: Cadence, from: Month, to: Month): Month[] {
  const out: Month[] = [];
  if (monthIndex(to) - monthIndex(from) >= MAX_MONTH_SPAN) throw new MonthRangeError(`${from} to ${to} spans more than ${MAX_MONTH_SPAN} months`);
  for (let m = periodEndAtOrBefore(cadence, to); monthIndex(m) >= monthIndex(from); m = addMonths(m, -MONTHS_PER_PERIOD[cadence])) out.push(m);
  return out.reverse();
}

export type FreshnessStatus = "on time" | "late" | "no data";

export interface Freshness {
  status: FreshnessStatus;
  /** The latest month whose figures are due by now. */
  expectedLatest: Month;
  latestHeld: Month | null;
  /** Whole periods between the latest held and the latest due (0 when on time). */
  periodsBehind: number;
  /**
   * Gaps: recent period ends before the latest held with no figure (the minutes' "some data was
   * missing because it was not sent"). Periods after the latest held are lateness, not gaps.
   */
  missing: Month[];
}

/**
 * The freshness of one series from the months it holds. `asOf` is the current calendar month;
 * `lookBackPeriods` bounds the gap list to the periods up to the latest due (older gaps are history).
 */
export function freshnessOf(
  indicator: { cadence: Cadence; expectedLagMonths?: number | undefined },
  monthsHeld: readonly Month[],
  asOf: Month,
  lookBackPeriods = 12,
): Freshness {
  const expectedLatest = expectedLatestMonth(indicator.cadence, lagMonthsOf(indicator), asOf);
  if (monthsHeld.length === 0) return { status: "no data", expectedLatest, latestHeld: null, periodsBehind: 0, missing: [] };
  const sorted = [...monthsHeld].sort();
  const first = sorted[0]!;
  const latestHeld = sorted[sorted.length - 1]!;
  const behindMonths = monthIndex(expectedLatest) - monthIndex(latestHeld);
  const periodsBehind = Math.max(0, Math.ceil(behindMonths / MONTHS_PER_PERIOD[indicator.cadence]));
  const held = new Set(sorted);
  const windowStart = addMonths(expectedLatest, -(lookBackPeriods - 1) * MONTHS_PER_PERIOD[indicator.cadence]);
  const from = monthIndex(first) > monthIndex(windowStart) ? first : windowStart;
  const missing = periodEndsBetween(indicator.cadence, from, latestHeld).filter((m) => !held.has(m));
  return { status: behindMonths > 0 ? "late" : "on time", expectedLatest, latestHeld, periodsBehind, missing };
}

/** The calendar month a date falls in (UTC), for `asOf`. */
export function monthOfDate(date: Date): Month {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, "0")}` as Month;
}
