/**
 * The probability distributions the scrutiny statistics rest on, written out here so that every
 * number on a committee paper can be traced to a cited algorithm rather than to a black box.
 * Discrete tails (binomial, Poisson) are summed term by term, which is exact up to rounding;
 * continuous functions use published approximations accurate to about 1e-14 or better.
 */

/** log Γ(x) for x > 0. Lanczos (1964) with g = 7, n = 9 (Numerical Recipes 3rd ed. §6.1); ~1e-15 relative. */
export function logGamma(x: number): number {
  if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
  // Reflection keeps small arguments accurate, where the series alone loses digits.
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (y + i);
  const t = y + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

const EPSILON = 1e-16;
const TINY = 1e-300;

/**
 * Regularised lower incomplete gamma P(a, x): the gamma CDF and, through it, the chi-square CDF
 * used for exact Poisson limits. Series for x < a + 1, Lentz continued fraction otherwise
 * (Numerical Recipes 3rd ed. §6.2, gser/gcf).
 */
export function regularizedGammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
}

/** Regularised upper incomplete gamma Q(a, x) = 1 − P(a, x), computed directly so small tails keep their digits. */
export function regularizedGammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaContinuedFraction(a, x);
}

function gammaSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 100_000; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPSILON) break;
  }
  return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
}

function gammaContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPSILON) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** Standard normal CDF Φ(z), via erfc(x) = Q(½, x²) so both tails keep full relative precision. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const tail = 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
  return z < 0 ? tail : 1 - tail;
}

/** P(Z > z) for a standard normal Z, without the cancellation of 1 − Φ(z). */
export function normalUpperTail(z: number): number {
  return normalCdf(-z);
}

/**
 * Standard normal quantile Φ⁻¹(p). Wichura, "Algorithm AS 241: The percentage points of the normal
 * distribution", Applied Statistics 37(3), 1988, pp. 477–484 (PPND16, about 1e-16 relative).
 */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(AS241_A, r)) / horner(AS241_B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value = horner(AS241_C, r) / horner(AS241_D, r);
  } else {
    r -= 5;
    value = horner(AS241_E, r) / horner(AS241_F, r);
  }
  return q < 0 ? -value : value;
}

/** Coefficients lowest order first. */
function horner(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) value = value * x + coefficients[i]!;
  return value;
}

const AS241_A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const AS241_B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
];
const AS241_C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const AS241_D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
const AS241_E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const AS241_F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

/** The two-sided critical value for a confidence level: 1.959964 for 0.95, 3.090232 for 0.998. */
export function zForLevel(level: number): number {
  assertLevel(level);
  return normalQuantile(1 - (1 - level) / 2);
}

export function assertLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new RangeError(`a confidence level lies strictly between 0 and 1, got ${level}`);
}

/**
 * Gamma(shape, 1) quantile: the x with P(shape, x) = p. Found by bisection on the regularised
 * incomplete gamma, which converges to machine precision for every p and shape without the
 * starting-value care Newton's method needs near zero.
 */
export function gammaQuantile(p: number, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be positive, got ${shape}`);
  if (!(p >= 0 && p <= 1)) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return Number.POSITIVE_INFINITY;
  let lo = 0;
  let hi = Math.max(1, shape);
  while (regularizedGammaP(shape, hi) < p) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 1100 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (regularizedGammaP(shape, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Chi-square quantile with `df` degrees of freedom: χ²(df) is 2 × Gamma(df/2, 1). */
export function chiSquareQuantile(p: number, df: number): number {
  return 2 * gammaQuantile(p, df / 2);
}

/**
 * Exact (Garwood 1936) confidence limits for a Poisson count O, in counts:
 * lower = χ²(α/2; 2O)/2, upper = χ²(1 − α/2; 2O + 2)/2, with lower 0 when O = 0
 * (PHE / OHID "Technical guide: confidence intervals").
 */
export function exactPoissonLimits(count: number, level = 0.95): { lower: number; upper: number } {
  assertCount(count, "count");
  assertLevel(level);
  const alpha = 1 - level;
  return {
    lower: count === 0 ? 0 : chiSquareQuantile(alpha / 2, 2 * count) / 2,
    upper: chiSquareQuantile(1 - alpha / 2, 2 * count + 2) / 2,
  };
}

export function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number of 0 or more, got ${value}`);
  }
}

/** log of the binomial probability P(X = k), X ~ Binomial(n, p), 0 < p < 1. */
function logBinomialPmf(k: number, n: number, p: number): number {
  return (
    logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p)
  );
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  return Math.exp(logBinomialPmf(k, n, p));
}

/**
 * P(X ≤ k) for X ~ Binomial(n, p), summed term by term from the log-space pmf at k outwards
 * into the tail away from the mean, so every added term is smaller than the last and the sum
 * stops once terms no longer change it: exact up to rounding, as R's pbinom.
 */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  const j = Math.floor(k);
  return j <= n * p ? binomialLowerTailSum(j, n, p) : 1 - binomialUpperTailSum(j + 1, n, p);
}

/** P(X ≥ k) for X ~ Binomial(n, p), computed on the small side so tiny p-values stay exact. */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  const j = Math.ceil(k);
  return j >= n * p ? binomialUpperTailSum(j, n, p) : 1 - binomialLowerTailSum(j - 1, n, p);
}

function binomialLowerTailSum(k: number, n: number, p: number): number {
  const ratio = (1 - p) / p;
  let term = Math.exp(logBinomialPmf(k, n, p));
  let sum = term;
  for (let i = k; i > 0; i--) {
    term *= (i / (n - i + 1)) * ratio;
    sum += term;
    if (term <= sum * EPSILON) break;
  }
  return Math.min(1, sum);
}

function binomialUpperTailSum(k: number, n: number, p: number): number {
  const ratio = p / (1 - p);
  let term = Math.exp(logBinomialPmf(k, n, p));
  let sum = term;
  for (let i = k; i < n; i++) {
    term *= ((n - i) / (i + 1)) * ratio;
    sum += term;
    if (term <= sum * EPSILON) break;
  }
  return Math.min(1, sum);
}

/** P(X = k) for X ~ Poisson(mean). */
export function poissonPmf(k: number, mean: number): number {
  if (!Number.isInteger(k) || k < 0) return 0;
  if (mean <= 0) return k === 0 ? 1 : 0;
  return Math.exp(k * Math.log(mean) - mean - logGamma(k + 1));
}

/** P(X ≤ k) for X ~ Poisson(mean), summed from the tail away from the mean (as binomialCdf). */
export function poissonCdf(k: number, mean: number): number {
  if (k < 0) return 0;
  if (mean <= 0) return 1;
  const j = Math.floor(k);
  if (j <= mean) {
    let term = poissonPmf(j, mean);
    let sum = term;
    for (let i = j; i > 0; i--) {
      term *= i / mean;
      sum += term;
      if (term <= sum * EPSILON) break;
    }
    return Math.min(1, sum);
  }
  return 1 - poissonUpperTail(j + 1, mean);
}

/** P(X ≥ k) for X ~ Poisson(mean). */
export function poissonUpperTail(k: number, mean: number): number {
  if (k <= 0) return 1;
  if (mean <= 0) return 0;
  const j = Math.ceil(k);
  if (j < mean) return 1 - poissonCdf(j - 1, mean);
  let term = poissonPmf(j, mean);
  let sum = term;
  for (let i = j; ; i++) {
    term *= mean / (i + 1);
    sum += term;
    if (term <= sum * EPSILON || term === 0) break;
  }
  return Math.min(1, sum);
}

/**
 * Smallest integer r in [0, max] with cdf(r) ≥ p: the quantile definition Spiegelhalter (2005)
 * interpolates from. Galloping from a normal-approximation guess then bisecting keeps the number
 * of exact CDF evaluations logarithmic even for force-sized denominators.
 */
export function discreteQuantile(
  cdf: (r: number) => number,
  p: number,
  guess: number,
  spread: number,
  max = Number.POSITIVE_INFINITY,
): number {
  const step = Math.max(1, Math.ceil(spread));
  let hi = Math.min(max, Math.max(0, Math.ceil(guess)));
  let lo: number;
  if (cdf(hi) >= p) {
    // Walk down until the CDF drops below p: then the answer lies in (lo, hi].
    lo = hi - step;
    while (lo >= 0 && cdf(lo) >= p) {
      hi = lo;
      lo -= step;
    }
    if (lo < 0) {
      if (cdf(0) >= p) return 0;
      lo = 0;
    }
  } else {
    lo = hi;
    hi = Math.min(max, lo + step);
    while (cdf(hi) < p) {
      if (hi >= max) return max;
      lo = hi;
      hi = Math.min(max, hi + step);
    }
  }
  // Invariant: cdf(lo) < p ≤ cdf(hi).
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (cdf(mid) >= p) hi = mid;
    else lo = mid;
  }
  return hi;
}
