/**
 * Statistics for scrutiny: every method of METHODS.md as pure functions
 * (periods, changes, rates, funnel plots, MSG comparison, SPC, plain-English readings).
 */
export {
  binomialCdf,
  binomialPmf,
  binomialUpperTail,
  chiSquareQuantile,
  exactPoissonLimits,
  gammaQuantile,
  logGamma,
  normalCdf,
  normalQuantile,
  normalUpperTail,
  poissonCdf,
  poissonPmf,
  poissonUpperTail,
  regularizedGammaP,
  regularizedGammaQ,
  zForLevel,
} from "./distributions";
export * from "./periods";
export * from "./changes";
export * from "./rates";
export * from "./funnel";
export * from "./msg";
export * from "./spc";
export * from "./words";
export * from "./maturity";
export * from "./overdispersion";
export * from "./forceComparison";
