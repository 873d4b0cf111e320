/**
 * A small seeded generator for the synthetic sample series: the same seed gives the same data on
 * every machine, so the sample is reproducible and its tests can assert exact values.
 * mulberry32 (Tommy Ettinger, public domain) with Box–Muller normals.
 */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => {
    const u = Math.max(uniform(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
  /** Poisson: Knuth's method for small means, the rounded normal approximation above 50. */
  const poisson = (mean: number) => {
    if (mean <= 0) return 0;
    if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = uniform();
    while (p > limit) {
      k++;
      p *= uniform();
    }
    return k;
  };
  const binomial = (trials: number, probability: number) => {
    if (trials <= 0) return 0;
    const mean = trials * probability;
    const variance = mean * (1 - probability);
    if (variance > 25) return Math.min(trials, Math.max(0, Math.round(mean + Math.sqrt(variance) * normal())));
    let successes = 0;
    for (let i = 0; i < trials; i++) if (uniform() < probability) successes++;
    return successes;
  };
  return { uniform, normal, poisson, binomial };
}
