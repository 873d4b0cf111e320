import type { Direction, Unit } from "./indicators";

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

/**
 * The one rule for calling a change worse or better: only a statistically significant change of an
 * indicator that has a direction ("lower" or "higher" is better), and never a change of zero.
 * Counts are judged on the change in count, proportions on the change in percentage points.
 */
export type ChangeTestResult = { kind: "counts"; significant: boolean; absoluteChange: number } | { kind: "proportions"; significant: boolean; differencePoints: number | null };

export function significantChange(direction: Direction, test: ChangeTestResult | null): "worse" | "better" | null {
  if (!test || !test.significant || direction === "neither") return null;
  const delta = test.kind === "counts" ? test.absoluteChange : (test.differencePoints ?? 0);
  if (delta === 0) return null;
  return isWorseWay(direction, delta) ? "worse" : "better";
}

/** Whether a move of `delta` goes the wrong way for the indicator's direction (false when it has none). */
export function isWorseWay(direction: Direction, delta: number): boolean {
  if (direction === "neither" || delta === 0) return false;
  return direction === "lower" ? delta > 0 : delta < 0;
}

/** Significantly higher or lower than an average (MSG, forces), called worse by the same direction rule. */
export function isSignificantlyWorseThanAverage(direction: Direction, significance: string | null): boolean {
  if (significance === "higher") return isWorseWay(direction, 1);
  if (significance === "lower") return isWorseWay(direction, -1);
  return false;
}
