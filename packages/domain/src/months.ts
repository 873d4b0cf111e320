/**
 * Calendar months, the unit every indicator is reported in ("YYYY-MM").
 * Months are kept as strings at the edges and as a month index (year × 12 + month − 1) for arithmetic.
 */
export type Month = `${number}-${number}`;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(text: string): text is Month {
  return MONTH_PATTERN.test(text);
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
  for (let i = monthIndex(from); i <= monthIndex(to); i++) months.push(monthFromIndex(i));
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
