/**
 * Reporting periods as the force and the Police and Crime Commissioner use them
 * (METHODS.md "Periods"): financial years from April, financial year to date, rolling 12 months,
 * same month last year. A window is always a run of whole months; a window that lacks a month is
 * reported as incomplete, never as a shorter total.
 */
import { fsum } from "d3-array";
import { addMonths, monthIndex, monthsBetween, sameMonthLastYear, type Month } from "../months";

/** Inclusive run of months, e.g. 2015-04..2016-03 for FY 2015/16. */
export interface MonthWindow {
  from: Month;
  to: Month;
}

/** A period and the period it is compared with. */
export interface PeriodComparisonWindows {
  current: MonthWindow;
  previous: MonthWindow;
}

/** "2015/16" for any month from April 2015 to March 2016. */
export type FinancialYear = `${number}/${number}`;

const APRIL = 3; // zero-based month of year

function monthOfYear(month: Month): number {
  return monthIndex(month) % 12;
}

/** The financial year (1 April – 31 March, METHODS.md "Periods") a month falls in, as "2015/16". */
export function financialYearOf(month: Month): FinancialYear {
  const startYear = Math.floor((monthIndex(month) - APRIL) / 12);
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}` as FinancialYear;
}

/** The twelve months of a financial year: "2015/16" → 2015-04..2016-03. Throws on text of another shape. */
export function financialYearWindow(financialYear: string): MonthWindow {
  const match = /^(\d{4})\/(\d{2})$/.exec(financialYear);
  const startYear = Number(match?.[1]);
  if (!match || (startYear + 1) % 100 !== Number(match[2])) {
    throw new RangeError(`"${financialYear}" is not a financial year in the form 2015/16`);
  }
  const from = `${match[1]}-04` as Month;
  return { from, to: addMonths(from, 11) };
}

function financialYearStart(month: Month): Month {
  return addMonths(month, -((monthOfYear(month) - APRIL + 12) % 12));
}

/**
 * Financial year to date ending with `month`, and the same months of the previous financial year
 * (METHODS.md: "FYTD compares with the same months of the previous financial year").
 */
export function financialYearToDate(month: Month): PeriodComparisonWindows {
  const from = financialYearStart(month);
  return {
    current: { from, to: month },
    previous: { from: addMonths(from, -12), to: addMonths(month, -12) },
  };
}

/** Rolling 12 months to `month` (m−11..m) and the 12 months before that (METHODS.md "Periods"). */
export function rollingTwelveMonths(month: Month): PeriodComparisonWindows {
  return {
    current: { from: addMonths(month, -11), to: month },
    previous: { from: addMonths(month, -23), to: addMonths(month, -12) },
  };
}

/** One month and the same month a year earlier: the comparison for seasonal indicators. */
export function sameMonthLastYearWindows(month: Month): PeriodComparisonWindows {
  const previous = sameMonthLastYear(month);
  return { current: { from: month, to: month }, previous: { from: previous, to: previous } };
}

/** A financial quarter: Q1 = April–June, as in the force's quarterly performance reports. */
export interface FinancialQuarter {
  financialYear: FinancialYear;
  quarter: 1 | 2 | 3 | 4;
  window: MonthWindow;
  /** "Q1 2015/16" */
  label: string;
}

/** The financial quarter (Q1 = April–June) a month falls in. */
export function quarterOf(month: Month): FinancialQuarter {
  const financialYear = financialYearOf(month);
  const monthsIntoYear = (monthOfYear(month) - APRIL + 12) % 12;
  const quarter = (Math.floor(monthsIntoYear / 3) + 1) as 1 | 2 | 3 | 4;
  const from = addMonths(month, -(monthsIntoYear % 3));
  return { financialYear, quarter, window: { from, to: addMonths(from, 2) }, label: `Q${quarter} ${financialYear}` };
}

/** Total of a window, or why there is none. */
export interface WindowTotal {
  window: MonthWindow;
  /** Sum of the window's months; null unless every month has a value. */
  total: number | null;
  complete: boolean;
  /** Months of the window with no value (absent from the series or null), oldest first. */
  missingMonths: Month[];
  /** Months in the window, so a caller can say "11 of 12 months". */
  monthCount: number;
}

/**
 * Sums a window of a monthly series. A missing month is missing, never zero (METHODS.md
 * "Periods"), so a window lacking any month has total null and lists the months it lacks.
 * A month appearing twice in the series takes its last value.
 */
export function sumWindow(
  series: readonly { month: Month; value: number | null }[],
  window: MonthWindow,
): WindowTotal {
  const byMonth = new Map<Month, number | null>();
  for (const point of series) byMonth.set(point.month, point.value);
  const months = monthsBetween(window.from, window.to);
  const values: number[] = [];
  const missingMonths: Month[] = [];
  for (const month of months) {
    const value = byMonth.get(month);
    if (value == null || Number.isNaN(value)) missingMonths.push(month);
    else values.push(value);
  }
  const complete = months.length > 0 && missingMonths.length === 0;
  return { window, total: complete ? fsum(values) : null, complete, missingMonths, monthCount: months.length };
}

/** Totals for a period and its comparison period, e.g. `sumWindows(series, rollingTwelveMonths(m))`. */
export function sumWindows(
  series: readonly { month: Month; value: number | null }[],
  windows: PeriodComparisonWindows,
): { current: WindowTotal; previous: WindowTotal } {
  return { current: sumWindow(series, windows.current), previous: sumWindow(series, windows.previous) };
}
