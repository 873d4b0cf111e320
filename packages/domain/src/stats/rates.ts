import { maxOf } from "../extent";
/**
 * Rates per 1,000 population and their confidence intervals (METHODS.md "Rates per 1,000 population").
 */
import { monthIndex, type Month } from "../months";
import { assertCount, assertLevel, exactPoissonLimits, zForLevel } from "./distributions";
import type { MonthWindow } from "./periods";

/** count ÷ population × `per`; null when there is no population to divide by. */
export function ratePer(count: number, population: number, per: number): number | null {
  return population > 0 ? (count / population) * per : null;
}

/** Crimes (or incidents) per 1,000 residents, the rate HMICFRS and the Home Office publish. */
export function ratePerThousand(count: number, population: number): number | null {
  return ratePer(count, population, 1000);
}

export interface PopulationYear {
  /** The mid-year estimate to divide by. */
  year: number;
  /** The year the period's mid-point falls in, which `year` stands in for when it is not yet published. */
  periodYear: number;
  /** True when `year` is the latest published estimate standing in for a newer one: say so beside the rate. */
  latestAvailable: boolean;
}

/**
 * Which ONS mid-year (30 June) population estimate to divide by: the year containing the period's
 * mid-point (METHODS.md), e.g. 2015 for FY 2015/16 (mid-point in October 2015), or for one month
 * the month's own calendar year. When that year is newer than any published, the latest available
 * is used and flagged. A year older than, or missing from, the published run gives null: borrowing
 * a neighbouring year silently would hide a data gap.
 */
export function populationYearFor(period: Month | MonthWindow, availableYears: readonly number[]): PopulationYear | null {
  const window = typeof period === "string" ? { from: period, to: period } : period;
  const periodYear = midpointYear(window);
  if (availableYears.includes(periodYear)) return { year: periodYear, periodYear, latestAvailable: false };
  const latest = maxOf(availableYears);
  if (latest !== undefined && periodYear > latest) return { year: latest, periodYear, latestAvailable: true };
  return null;
}

/** Calendar year of the instant halfway between the first day of `from` and the end of `to`. */
function midpointYear(window: MonthWindow): number {
  const start = monthStartUtc(monthIndex(window.from));
  const end = monthStartUtc(monthIndex(window.to) + 1);
  return new Date((start + end) / 2).getUTCFullYear();
}

function monthStartUtc(index: number): number {
  return Date.UTC(Math.floor(index / 12), index % 12, 1);
}

export interface RateInterval {
  count: number;
  population: number;
  per: number;
  level: number;
  rate: number;
  lower: number;
  upper: number;
  /** "byar" for counts of 10 or more, "exact" (Poisson, chi-square) below 10. */
  method: "byar" | "exact";
}

/**
 * Confidence limits for a count of events, in counts: Byar's approximation to the Poisson for
 * counts of 10 or more, exact Poisson (chi-square) limits below 10, lower 0 for a count of 0
 * (PHE / OHID "Technical guide: confidence intervals"; PHEindicatormethods::byars_lower/upper).
 * Byar: lower = O(1 − 1/(9O) − z/(3√O))³, upper = (O+1)(1 − 1/(9(O+1)) + z/(3√(O+1)))³.
 */
export function countInterval(count: number, level = 0.95, options: { byarBelowTen?: boolean } = {}): { lower: number; upper: number; method: "byar" | "exact" } {
  assertCount(count, "count");
  assertLevel(level);
  // Byar below 10 only on request (to reproduce tables that use it); a count of 0 keeps lower 0.
  if (count === 0 || (count < 10 && !options.byarBelowTen)) return { ...exactPoissonLimits(count, level), method: "exact" };
  const z = zForLevel(level);
  const o1 = count + 1;
  return {
    lower: count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3,
    upper: o1 * (1 - 1 / (9 * o1) + z / (3 * Math.sqrt(o1))) ** 3,
    method: "byar",
  };
}

/**
 * A rate per `per` (default 1,000) population with its confidence interval from `countInterval`
 * (Byar for counts ≥ 10, exact Poisson below). The population is treated as fixed, as PHE does:
 * the uncertainty is in the count of events. Throws when the population is not positive.
 */
export function byarInterval(
  count: number,
  population: number,
  options: { per?: number; level?: number; byarBelowTen?: boolean } = {},
): RateInterval {
  const { per = 1000, level = 0.95 } = options;
  if (!(population > 0)) throw new RangeError(`population must be positive, got ${population}`);
  const { lower, upper, method } = countInterval(count, level, { byarBelowTen: options.byarBelowTen ?? false });
  const scale = per / population;
  return { count, population, per, level, rate: count * scale, lower: lower * scale, upper: upper * scale, method };
}
