import { monthsBetween, type Month } from "./months";

export interface SeriesPoint {
  month: Month;
  /** null when the month is missing: never treated as zero. */
  value: number | null;
  numerator?: number | null;
  denominator?: number | null;
}

export interface MonthlyValue {
  month: Month;
  value: number;
  numerator?: number | null;
  denominator?: number | null;
}

/**
 * One point per month from `from` to `to`, with `value: null` for months that have no observation.
 * A gap stays a gap so that charts break the line and statistics see the month as missing.
 */
export function monthlySeries(observations: readonly MonthlyValue[], from: Month, to: Month): SeriesPoint[] {
  const byMonth = new Map(observations.map((o) => [o.month, o]));
  return monthsBetween(from, to).map((month) => {
    const observation = byMonth.get(month);
    if (!observation) return { month, value: null };
    const point: SeriesPoint = { month, value: observation.value };
    if (observation.numerator != null) point.numerator = observation.numerator;
    if (observation.denominator != null) point.denominator = observation.denominator;
    return point;
  });
}
