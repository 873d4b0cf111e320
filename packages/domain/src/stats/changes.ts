/**
 * Is a change real? Tests for a change between two counts and between two proportions
 * (METHODS.md "Changes").
 */
import {
  assertCount,
  assertLevel,
  binomialCdf,
  binomialUpperTail,
  normalUpperTail,
  zForLevel,
} from "./distributions";

/** Below this base a percentage change is not headlined (METHODS.md "Small numbers"). */
export const SMALL_NUMBER_BASE = 20;

export interface CountComparisonOptions {
  /**
   * Exposure of the current period ÷ exposure of the previous one (e.g. 29/28 days for a leap
   * February, or population ratio). Default 1: the months compared are the same length.
   */
  exposureRatio?: number;
  /** Confidence level; significant means p < 1 − level. Default 0.95. */
  level?: number;
}

export interface CountComparison {
  current: number;
  previous: number;
  absoluteChange: number;
  /** (current − previous) ÷ previous × 100; null when previous is 0. */
  percentChange: number | null;
  /** Exact conditional binomial test, two-sided (as R binom.test for equal exposure). */
  pValue: number;
  /** Quick normal form: √2(√a − √b) for equal exposure. */
  zQuick: number;
  /** Two-sided p for zQuick, shown only to explain the exact test; decisions use pValue. */
  pQuick: number;
  significant: boolean;
  /** True when the base (previous count) is under 20: do not headline the % change. */
  smallNumbers: boolean;
  exposureRatio: number;
  level: number;
}

/**
 * Compares two counts of events (this month vs the same month last year, FYTD vs last FYTD).
 *
 * Method: the exact conditional test for two Poisson counts (Przyborowski & Wilenski 1940; see
 * A. Wheeler, "The Poisson E-test in crime analysis", 2018). Given n = a + b, a ~ Binomial(n, π)
 * with π = r / (1 + r) for exposure ratio r (½ for equal exposure); two-sided
 * p = min(1, 2·min(P(X ≤ a), P(X ≥ a))) (METHODS.md; equals R binom.test when r = 1).
 * The quick form z = 2(√a − √(r·b)) / √(1 + r) is the variance-stabilising square-root
 * transform of both counts; for r = 1 it is √2(√a − √b). The popular 2(√a − √b) is deliberately
 * not offered: it treats the previous count as a known expectation and overstates |z| by √2.
 */
export function compareCounts(current: number, previous: number, options: CountComparisonOptions = {}): CountComparison {
  const { exposureRatio = 1, level = 0.95 } = options;
  assertCount(current, "current count");
  assertCount(previous, "previous count");
  assertLevel(level);
  if (!(exposureRatio > 0 && Number.isFinite(exposureRatio))) {
    throw new RangeError(`exposureRatio must be a positive number, got ${exposureRatio}`);
  }
  const n = current + previous;
  const share = exposureRatio / (1 + exposureRatio);
  const pValue = Math.min(1, 2 * Math.min(binomialCdf(current, n, share), binomialUpperTail(current, n, share)));
  const zQuick = (2 * (Math.sqrt(current) - Math.sqrt(exposureRatio * previous))) / Math.sqrt(1 + exposureRatio);
  return {
    current,
    previous,
    absoluteChange: current - previous,
    percentChange: previous === 0 ? null : ((current - previous) / previous) * 100,
    pValue,
    zQuick,
    pQuick: Math.min(1, 2 * normalUpperTail(Math.abs(zQuick))),
    significant: pValue < 1 - level,
    smallNumbers: previous < SMALL_NUMBER_BASE,
    exposureRatio,
    level,
  };
}

/** A proportion with its Wilson interval, or nulls when there were no trials (nothing to estimate). */
export type WilsonInterval =
  | { estimate: number; lower: number; upper: number; level: number }
  | { estimate: null; lower: null; upper: null; level: number };

/**
 * Wilson score interval for a proportion, as proportions 0–1 (Wilson 1927; Newcombe, Stat Med 1998,
 * method 3; the PHE / OHID "Technical guide: confidence intervals" for proportions). Preferred to
 * p ± z·SE because it stays inside 0–1 and keeps its coverage for small n and proportions near 0 or 1.
 * With 0 trials there is no estimate: every field is null rather than NaN.
 */
export function wilsonInterval(successes: number, trials: number, level = 0.95, options: { weighted?: boolean } = {}): WilsonInterval {
  if (options.weighted) {
    // Weighted survey counts are not whole (a satisfaction survey reweighted to the victim
    // population): the same score formula holds with n the (effective) weighted total.
    if (!(Number.isFinite(successes) && successes >= 0)) throw new RangeError(`successes must be a finite number of 0 or more, got ${successes}`);
    if (!(Number.isFinite(trials) && trials >= 0)) throw new RangeError(`trials must be a finite number of 0 or more, got ${trials}`);
  } else {
    assertCount(successes, "successes");
    assertCount(trials, "trials");
  }
  assertLevel(level);
  if (successes > trials) throw new RangeError(`successes (${successes}) cannot exceed trials (${trials})`);
  if (trials === 0) return { estimate: null, lower: null, upper: null, level };
  const z = zForLevel(level);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = p + z2n / 2;
  const halfWidth = z * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  const denominator = 1 + z2n;
  return {
    estimate: p,
    // The bounds are exactly 0 and 1 at p = 0 and p = 1; clamping removes rounding dust.
    lower: successes === 0 ? 0 : Math.max(0, (centre - halfWidth) / denominator),
    upper: successes === trials ? 1 : Math.min(1, (centre + halfWidth) / denominator),
    level,
  };
}

export interface ProportionInput {
  successes: number;
  trials: number;
}

export interface ProportionSummary extends ProportionInput {
  /** successes ÷ trials (0–1); null when trials is 0. */
  proportion: number | null;
  interval: WilsonInterval;
}

export interface ProportionComparison {
  current: ProportionSummary;
  previous: ProportionSummary;
  /** (current − previous) × 100, in percentage points; null when either has no trials. */
  differencePoints: number | null;
  /** Pooled two-proportion z; null when either has no trials or the pooled proportion is 0 or 1. */
  z: number | null;
  pValue: number | null;
  significant: boolean;
  level: number;
}

/**
 * Compares two proportions (solved rate, satisfaction) in percentage points, with the pooled
 * two-proportion z-test, z = (p₁ − p₂) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)), two-sided p (METHODS.md
 * "Proportions"; the test R prop.test performs with correct = FALSE). Each side carries its
 * Wilson interval and its n, because a survey of 80 people is not a census.
 * When both samples are all successes or all failures the test is undefined (z and p null).
 */
export function compareProportions(
  current: ProportionInput,
  previous: ProportionInput,
  level = 0.95,
): ProportionComparison {
  const summarise = (input: ProportionInput): ProportionSummary => {
    const interval = wilsonInterval(input.successes, input.trials, level);
    return { successes: input.successes, trials: input.trials, proportion: interval.estimate, interval };
  };
  const a = summarise(current);
  const b = summarise(previous);
  if (a.proportion === null || b.proportion === null) {
    return { current: a, previous: b, differencePoints: null, z: null, pValue: null, significant: false, level };
  }
  const pooled = (current.successes + previous.successes) / (current.trials + previous.trials);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / current.trials + 1 / previous.trials));
  const differencePoints = (a.proportion - b.proportion) * 100;
  if (standardError === 0) {
    return { current: a, previous: b, differencePoints, z: null, pValue: null, significant: false, level };
  }
  const z = (a.proportion - b.proportion) / standardError;
  const pValue = Math.min(1, 2 * normalUpperTail(Math.abs(z)));
  return { current: a, previous: b, differencePoints, z, pValue, significant: pValue < 1 - level, level };
}
