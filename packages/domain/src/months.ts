/**
 * Calendar months, the unit every indicator is reported in ("YYYY-MM").
 * Months are kept as strings at the edges and as a month index (year × 12 + month − 1) for arithmetic.
 */
export type Month = `${number}-${number}`;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): text is Month {
  return MONTH_PATTERN.test(text);
}

/**
 * The months the product accepts from a caller: recorded-crime series start in the 1990s and no
 * plan looks past 2100. A month outside is refused at the edge, so no loop ever walks from year 0.
 */
export const EARLIEST_MONTH = "1990-01" as Month;
export const LATEST_MONTH = "2100-12" as Month;

/** The most months any month loop may walk (the accepted range with room for look-backs). */
export const MAX_MONTH_SPAN = 12 * 200;

/** Thrown when months outside the accepted range reach month arithmetic: a 400, never a hang. */
export class MonthRangeError extends RangeError {
  readonly code = "month_out_of_range";
}

export function isMonthInRange(text: string): text is Month {
  return isMonth(text) && text >= EARLIEST_MONTH && text <= LATEST_MONTH;
}

/** Parses "YYYY-MM"; throws a RangeError naming the text otherwise. */
export function parseMonth(text: string): Month {
  if (!isMonth(text)) throw new RangeError(`"${text}" is not a month in the form YYYY-MM`);
  return text;
}

export function monthIndex(month: Month): number {
  const year = Number(month.slice(0, 4));
  const monthOfYear = Number(month.slice(5, 7));
  return year * 12 + (monthOfYear - 1);
}

export function monthFromIndex(index: number): Month {
  const year = Math.floor(index / 12);
  const monthOfYear = index - year * 12 + 1;
  return `${String(year).padStart(4, "0")}-${String(monthOfYear).padStart(2, "0")}` as Month;
}

export function addMonths(month: Month, count: number): Month {
  return monthFromIndex(monthIndex(month) + count);
}

/** Every month from `from` to `to` inclusive; empty when `from` is after `to`. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  const first = monthIndex(from);
  const last = monthIndex(to);
  if (!Number.isFinite(first) || !Number.isFinite(last)) throw new MonthRangeError(`"${from}" to "${to}" is not a range of months`);
  if (last - first >= MAX_MONTH_SPAN) throw new MonthRangeError(`${from} to ${to} spans more than ${MAX_MONTH_SPAN} months`);
  for (let i = first; i <= last; i++) months.push(monthFromIndex(i));
  return months;
}

/** The same month one year earlier: the comparison the minutes use for seasonal indicators. */
export function sameMonthLastYear(month: Month): Month {
  return addMonths(month, -12);
}

/** "Jan 2025": how a month is written in a briefing. */
export function formatMonth(month: Month): string {
  const names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${names[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

/** Mid-year (ONS population estimates are for 30 June) of the calendar year a month falls in. */
export function yearOf(month: Month): number {
  return Number(month.slice(0, 4));
}

/**
 * The window a trend shows by default, everywhere: the scorecard's sparklines, an indicator's
 * trend, every district's series on the districts view.
 */
export const TREND_WINDOW_MONTHS = 36;

/** The first month of the default trend window that ends with `to`. */
export function trendWindowFrom(to: Month): Month {
  return addMonths(to, -(TREND_WINDOW_MONTHS - 1));
}
