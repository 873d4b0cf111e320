/**
 * Funnel plots for comparing districts (METHODS.md "Comparing areas"): control limits around a
 * force-wide rate or proportion from the exact Poisson or binomial distribution, at 95% and 99.8%,
 * following Spiegelhalter, "Funnel plots for comparing institutional performance",
 * Statistics in Medicine 24 (2005) 1185–1202, appendix A.1.
 */
import {
  binomialCdf,
  binomialPmf,
  discreteQuantile,
  normalQuantile,
  poissonCdf,
  poissonPmf,
} from "./distributions";

export type FunnelKind = "poisson" | "binomial";

export interface FunnelOptions {
  /**
   * "poisson" for counts per population (crimes per 1,000): target is a rate per `per`.
   * "binomial" for proportions (solved rate): target is a proportion 0–1, denominators are whole trials.
   */
  kind: FunnelKind;
  target: number;
  /** Rates are per this many of the denominator (Poisson only). Default 1,000. */
  per?: number;
}

export interface FunnelLimitRow {
  denominator: number;
  /** Expected count at the target: target × denominator (÷ per for rates). */
  expected: number;
  /** Limits in the unit of the target (rate per `per`, or proportion 0–1). */
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

/**
 * Spiegelhalter's (2005, A.1.1) interpolated p-quantile of a discrete count: with r the smallest
 * integer such that P(X ≤ r) ≥ p, α = (P(X ≤ r) − p) / (P(X ≤ r) − P(X ≤ r − 1)) and the limit is
 * r − α. Interpolating turns the staircase of integer quantiles into the smooth funnel readers
 * expect, without moving any limit by more than one event. Counts cannot be negative (or exceed
 * n), so the limit is clamped to the distribution's support.
 */
function interpolatedCountLimit(
  p: number,
  cdf: (r: number) => number,
  pmf: (r: number) => number,
  mean: number,
  spread: number,
  max: number,
): number {
  const r = discreteQuantile(cdf, p, mean + normalQuantile(p) * spread, spread, max);
  const atR = cdf(r);
  const alpha = (atR - p) / pmf(r);
  return Math.min(max, Math.max(0, r - alpha));
}

const TAIL_PROBABILITIES = { lower998: 0.001, lower95: 0.025, upper95: 0.975, upper998: 0.999 } as const;

/** The four limits at one denominator, each from the distribution's interpolated tail quantile. */
function limitRow(denominator: number, expected: number, limit: (p: number) => number): FunnelLimitRow {
  return {
    denominator,
    expected,
    lower95: limit(TAIL_PROBABILITIES.lower95),
    upper95: limit(TAIL_PROBABILITIES.upper95),
    lower998: limit(TAIL_PROBABILITIES.lower998),
    upper998: limit(TAIL_PROBABILITIES.upper998),
  };
}

/**
 * Funnel control limits at each denominator (population for Poisson rates, trials for binomial
 * proportions), at 95% and 99.8%, from the exact distribution with Spiegelhalter's interpolation
 * (METHODS.md; the normal approximation is not used because it misstates small districts).
 * Throws on a non-positive denominator, or a non-whole one for binomial limits.
 */
export function funnelLimits(options: FunnelOptions & { denominators: readonly number[] }): FunnelLimitRow[] {
  return options.denominators.map((denominator) => funnelLimitsAt(denominator, options));
}

/** Funnel limits at one denominator; see `funnelLimits`. */
export function funnelLimitsAt(denominator: number, options: FunnelOptions): FunnelLimitRow {
  const { kind, target, per = 1000 } = options;
  if (!(denominator > 0) || !Number.isFinite(denominator)) {
    throw new RangeError(`a funnel denominator must be positive, got ${denominator}`);
  }
  if (kind === "poisson") {
    if (!(target >= 0)) throw new RangeError(`a Poisson target rate cannot be negative, got ${target}`);
    const mean = (target * denominator) / per;
    const limit = (p: number) =>
      (interpolatedCountLimit(
        p,
        (r) => poissonCdf(r, mean),
        (r) => poissonPmf(r, mean),
        mean,
        Math.sqrt(mean),
        Number.POSITIVE_INFINITY,
      ) *
        per) /
      denominator;
    return limitRow(denominator, mean, limit);
  }
  if (!Number.isInteger(denominator)) throw new RangeError(`binomial trials must be whole, got ${denominator}`);
  if (!(target >= 0 && target <= 1)) throw new RangeError(`a binomial target is a proportion 0–1, got ${target}`);
  const n = denominator;
  const mean = target * n;
  const limit = (p: number) =>
    interpolatedCountLimit(
      p,
      (r) => binomialCdf(r, n, target),
      (r) => binomialPmf(r, n, target),
      mean,
      Math.sqrt(mean * (1 - target)),
      n,
    ) / n;
  return limitRow(denominator, mean, limit);
}

/**
 * Whole-number denominators spread evenly on a log scale from `min` to `max`, to draw the funnel
 * as a smooth curve across the districts' range.
 */
export function funnelDenominators(min: number, max: number, count = 100): number[] {
  if (!(min >= 1 && max >= min && count >= 2)) throw new RangeError("need 1 ≤ min ≤ max and count ≥ 2");
  const values = new Set<number>();
  const ratio = Math.log(max / min) / (count - 1);
  for (let i = 0; i < count; i++) values.add(Math.round(min * Math.exp(ratio * i)));
  return [...values];
}

export type FunnelBand = "above 99.8%" | "above 95%" | "within" | "below 95%" | "below 99.8%";

/** Where a value sits against its funnel limits. On a limit counts as within: comparisons are strict. */
export function funnelBand(value: number, limits: FunnelLimitRow): FunnelBand {
  if (value > limits.upper998) return "above 99.8%";
  if (value > limits.upper95) return "above 95%";
  if (value < limits.lower998) return "below 99.8%";
  if (value < limits.lower95) return "below 95%";
  return "within";
}

export interface FunnelPoint {
  count: number;
  denominator: number;
  /** The district's rate per `per` (Poisson) or proportion 0–1 (binomial). */
  value: number;
  limits: FunnelLimitRow;
  band: FunnelBand;
}

/** Places one district on the funnel: its value, the limits at its own denominator, and its band. */
export function classifyFunnelPoint(point: { count: number; denominator: number }, options: FunnelOptions): FunnelPoint {
  const limits = funnelLimitsAt(point.denominator, options);
  const value =
    options.kind === "poisson" ? (point.count / point.denominator) * (options.per ?? 1000) : point.count / point.denominator;
  return { count: point.count, denominator: point.denominator, value, limits, band: funnelBand(value, limits) };
}
