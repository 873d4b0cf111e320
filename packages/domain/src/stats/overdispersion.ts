/**
 * Over-dispersion in funnel plots (METHODS.md; Spiegelhalter, "Handling over-dispersion of
 * performance indicators", Qual Saf Health Care 2005;14:347–351). With many or large units, real
 * differences between districts exceed Poisson / binomial chance, and most points fall outside
 * exact limits. The test: z-scores zᵢ = (yᵢ − θ₀)/sᵢ, sᵢ the standard error under the target
 * (rate: √(θ₀/nᵢ); proportion: √(θ₀(1−θ₀)/nᵢ)), winsorised at their 10th and 90th percentiles;
 * φ = (1/I)·Σzᵢ²; over-dispersed when I·φ > I − 1. Additive random effects (the default, as the
 * NHS SHMI): wᵢ = 1/sᵢ², τ² = max(0, (I·φ − (I − 1)) / (Σwᵢ − Σwᵢ²/Σwᵢ)), limits θ₀ ± z·√(sᵢ² + τ²).
 * Multiplicative (option): θ₀ ± z·√φ·sᵢ. With fewer than 10 units τ² is rough: say so.
 */
import { quantile, sum } from "d3-array";
import { normalQuantile } from "./distributions";
import type { FunnelKind } from "./funnel";

export type OverdispersionMethod = "additive" | "multiplicative";

export interface OverdispersionOptions {
  kind: FunnelKind;
  /** Rate per `per` (Poisson) or proportion 0–1 (binomial). */
  target: number;
  per?: number;
}

export interface OverdispersionUnit {
  /** The unit's rate per `per`, or its proportion 0–1. */
  value: number;
  /** Population (Poisson) or trials (binomial). */
  denominator: number;
}

export interface Overdispersion {
  units: number;
  /** Winsorised z-scores, in the order given. */
  zScores: number[];
  phi: number;
  /** I·φ > I − 1. */
  overDispersed: boolean;
  /** Additive between-unit variance, in the squared unit of the target; 0 when not over-dispersed. */
  tau2: number;
  /** Fewer than 10 units: the estimate of τ² is rough (METHODS.md). */
  rough: boolean;
}

/** Standard error of a unit's value under the target: rate √(θ₀·per/n) (θ₀ per `per`), proportion √(θ₀(1−θ₀)/n). */
export function standardErrorUnderTarget(denominator: number, options: OverdispersionOptions): number {
  const { kind, target, per = 1000 } = options;
  return kind === "poisson" ? Math.sqrt((target * per) / denominator) : Math.sqrt((target * (1 - target)) / denominator);
}

export function overdispersion(units: readonly OverdispersionUnit[], options: OverdispersionOptions): Overdispersion {
  const I = units.length;
  const s = units.map((u) => standardErrorUnderTarget(u.denominator, options));
  const raw = units.map((u, i) => (s[i]! > 0 ? (u.value - options.target) / s[i]! : 0));
  const sorted = [...raw].sort((a, b) => a - b);
  const low = quantile(sorted, 0.1) ?? 0;
  const high = quantile(sorted, 0.9) ?? 0;
  const zScores = raw.map((z) => Math.min(high, Math.max(low, z)));
  let sumSquares = 0;
  for (const z of zScores) sumSquares += z * z;
  const phi = I > 0 ? sumSquares / I : 0;
  const overDispersed = I > 1 && I * phi > I - 1;
  const w = s.map((x) => (x > 0 ? 1 / (x * x) : 0));
  const sw = sum(w);
  let sw2 = 0;
  for (const x of w) sw2 += x * x;
  const tau2 = overDispersed && sw > 0 ? Math.max(0, (I * phi - (I - 1)) / (sw - sw2 / sw)) : 0;
  return { units: I, zScores, phi, overDispersed, tau2, rough: I < 10 };
}

export interface AdjustedLimitRow {
  denominator: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

const Z95 = normalQuantile(0.975);
const Z998 = normalQuantile(0.999);

/** Limits adjusted for over-dispersion at one denominator, in the unit of the target (clamped at 0, and at 1 for proportions). */
export function adjustedFunnelLimitsAt(denominator: number, options: OverdispersionOptions, od: Pick<Overdispersion, "phi" | "tau2">, method: OverdispersionMethod = "additive"): AdjustedLimitRow {
  const s = standardErrorUnderTarget(denominator, options);
  const spread = method === "additive" ? Math.sqrt(s * s + od.tau2) : Math.sqrt(Math.max(1, od.phi)) * s;
  const max = options.kind === "binomial" ? 1 : Number.POSITIVE_INFINITY;
  const clamp = (x: number) => Math.min(max, Math.max(0, x));
  const t = options.target;
  return { denominator, lower95: clamp(t - Z95 * spread), upper95: clamp(t + Z95 * spread), lower998: clamp(t - Z998 * spread), upper998: clamp(t + Z998 * spread) };
}

/**
 * Funnel limits by the normal approximation θ₀ ± z·sᵢ (METHODS.md: acceptable only for large
 * denominators; offered so analysts can reproduce published tables that use it).
 */
export function normalFunnelLimitsAt(denominator: number, options: OverdispersionOptions): AdjustedLimitRow {
  return adjustedFunnelLimitsAt(denominator, options, { phi: 1, tau2: 0 }, "additive");
}
