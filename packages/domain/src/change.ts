import type { Unit } from "./indicators";

export interface Change {
  /** In the indicator's unit; for percentages this is the percentage-point change. */
  absolute: number;
  /** Relative change for counts, rates, minutes and money; null for percentages and from zero. */
  percent: number | null;
  /** Set for percentages only: "-6.9 pp", never "-6.9%" (METHODS.md, Changes). */
  percentagePoints: number | null;
}

/** The plain change from one value to another, worded by unit; significance is the stats module's job. */
export function changeBetween(unit: Unit, current: number, previous: number): Change {
  const absolute = current - previous;
  if (unit === "percentage") return { absolute, percent: null, percentagePoints: absolute };
  return { absolute, percent: previous === 0 ? null : (absolute / previous) * 100, percentagePoints: null };
}
