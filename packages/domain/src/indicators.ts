import { addMonths, type Month } from "./months";

/**
 * The indicator model: what is measured, in what unit, and which way is better.
 * The catalogue itself is data (the `indicators` table); this module defines its shape and the
 * indicators the product derives from public data.
 */
export const UNITS = ["count", "rate", "percentage", "minutes", "currency"] as const;
export type Unit = (typeof UNITS)[number];

/** "higher" = a rise is an improvement; "neither" = activity measures (drugs possession, DA incidents). */
export const DIRECTIONS = ["higher", "lower", "neither"] as const;
export type Direction = (typeof DIRECTIONS)[number];

export const CADENCES = ["monthly", "quarterly", "six-monthly", "annual"] as const;
export type Cadence = (typeof CADENCES)[number];

/** Police and Crime Plan priorities, in the order the force's monthly performance report uses them. */
export const PRIORITIES = [
  "Domestic abuse",
  "Supporting victims",
  "Emergency response",
  "Youth offending",
  "Alcohol, drugs and mental health",
  "Road safety",
  "Crime prevention",
  "Cyber and fraud",
  "Organisational health",
  "Finance",
] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface Indicator {
  id: string;
  name: string;
  unit: Unit;
  direction: Direction;
  priority: Priority;
  /** Who publishes the figures: "data.police.uk", "Home Office", "sample data", a force's name. */
  source: string;
  cadence: Cadence;
  /**
   * Months after a period ends by which its figures are due (police.uk publishes a month about
   * two months on; a force's monthly return is due the month after). Missing: the cadence's default.
   */
  expectedLagMonths?: number;
  /** One sentence a newcomer can read aloud. */
  definition: string;
  /** True for the synthetic series shipped until a force imports its own figures. */
  isSample: boolean;
  /**
   * True when the figure held at a month is the total of the 12 months to it (Home Office recorded
   * crime, published quarterly). A catalogue column (migration 0008); absent means false.
   */
  rolling12Months?: boolean;
}

/**
 * Home Office recorded crime is published as rolling 12-month totals at each quarter end: such a
 * figure covers the 12 months to its month, which decides the population year to divide by and
 * what it can be compared with. The catalogue says so (`rolling12Months`), never the id or name.
 */
export function isRollingTwelveMonthTotal(indicator: Pick<Indicator, "rolling12Months">): boolean {
  return indicator.rolling12Months === true;
}

/** The months one observation of the indicator at `month` covers. */
export function periodCoveredBy(indicator: Pick<Indicator, "rolling12Months">, month: Month): { from: Month; to: Month } {
  return isRollingTwelveMonthTotal(indicator) ? { from: addMonths(month, -11), to: month } : { from: month, to: month };
}

export function priorityOrder(priority: string): number {
  const index = (PRIORITIES as readonly string[]).indexOf(priority);
  return index === -1 ? PRIORITIES.length : index;
}
