/**
 * Statistical process control: the XmR chart of NHS England's "Making Data Count" guides, with
 * the semantics of NHSRplotthedots (nhs-r-community) except where METHODS.md says otherwise
 * (METHODS.md "Statistical process control").
 */
import { mean as d3Mean } from "d3-array";
import type { Direction } from "../indicators";

/** Process limits sit 2.66 mR̄ from the mean: 3σ with σ estimated as mR̄ / d2, d2 = 1.128 (Wheeler). */
export const PROCESS_LIMIT_FACTOR = 2.66;
/** Upper range limit 3.267 mR̄ (D4 for n = 2), used to screen moving ranges. */
export const MOVING_RANGE_LIMIT_FACTOR = 3.267;
/** Points in a run or a trend needed to signal (METHODS.md: 7 or more; 6 is no signal). */
export const RUN_LENGTH = 7;
export const TREND_LENGTH = 7;
/** Fewer baseline points than this and the limits are trial limits. */
export const TRIAL_LIMIT_POINTS = 12;
/**
 * Fewer values than this in the segment on screen and there is no SPC reading at all (issue 9:
 * "common cause (provisional)" on one month means nothing). 7 is the shortest run or trend that
 * can signal (METHODS.md), so below it only the limits could speak, and limits from fewer than
 * six moving ranges are not worth reading aloud. docs/decisions/105b-spc-minimum-points.md.
 */
export const MIN_SPC_POINTS = 7;

export type SpcRule = "outside-limits" | "run" | "trend" | "two-of-three";
export type Variation = "improvement" | "concern" | "neutral" | "common";
export type Assurance = "consistently passing" | "consistently failing" | "hit and miss";

export interface XmrOptions {
  /** The indicator's improvement direction; "neither" (default) makes signals "neutral". */
  direction?: Direction;
  /** Fix each segment's limits on its first n points (months, counted with gaps); later points are judged against them. */
  baselinePoints?: number;
  /** Drop moving ranges at or above 3.267 mR̄ and recompute mR̄ once (NHSRplotthedots). Default false, as the Making Data Count Excel tool. */
  screenMovingRanges?: boolean;
  /** Indices at which a new segment starts (a counting-rule change, a new records system); limits are recomputed per segment. */
  rebaseAt?: readonly number[];
  /** A target, for the assurance icon. */
  target?: number | null;
}

export interface XmrLimits {
  /** Centre line: mean of the baseline values; null when the baseline has none. */
  mean: number | null;
  /** Mean moving range of the baseline; null when no two consecutive baseline values exist. */
  movingRangeMean: number | null;
  upperProcessLimit: number | null;
  lowerProcessLimit: number | null;
  upperTwoSigma: number | null;
  lowerTwoSigma: number | null;
  /** 3.267 mR̄: the upper limit of the moving-range chart. */
  movingRangeUpperLimit: number | null;
}

export interface XmrSegment extends XmrLimits {
  /** First and last index of the segment, inclusive. */
  start: number;
  end: number;
  /** Last index of the baseline the limits were computed from. */
  baselineEnd: number;
  /** Values (not missing) in the baseline. */
  baselineCount: number;
  /** Fewer than 12 baseline values: provisional limits, to be labelled so. */
  trialLimits: boolean;
}

export interface XmrPoint extends XmrLimits {
  index: number;
  value: number | null;
  segment: number;
  /** |xᵢ − xᵢ₋₁| within the segment; null when either is missing or at the segment's start. */
  movingRange: number | null;
  specialCause: boolean;
  rules: SpcRule[];
  /**
   * Whether the signal is high or low; null without a signal. From the first rule that holds in
   * METHODS.md's priority: outside the limits, trend, 2 of 3, run. So a rising trend below the
   * mean is high.
   */
  side: "high" | "low" | null;
  /** Each rule's own direction (a run below the mean is low even when a rising trend makes the point high). */
  ruleSides: Partial<Record<SpcRule, "high" | "low">>;
  variation: Variation;
}

export interface XmrResult extends XmrLimits {
  /** The latest segment's trial flag (the limits on screen now). */
  trialLimits: boolean;
  direction: Direction;
  screenMovingRanges: boolean;
  points: XmrPoint[];
  segments: XmrSegment[];
  /** Index of the latest point with a value; null when the series has none. */
  latestIndex: number | null;
  /** The variation icon: the state of the latest point with a value. */
  variation: Variation;
  /** The assurance icon; null without a target, without a direction, or without limits. */
  assurance: Assurance | null;
  target: number | null;
}

/**
 * XmR chart (individuals with moving range), Making Data Count / NHSRplotthedots.
 *
 * Limits: mean ± 2.66 mR̄, 2-sigma lines mean ± (2/3)·2.66 mR̄. Special cause when any of:
 * a point outside a process limit; a run of 7+ points on one side of the mean (a point on the
 * mean breaks it); a trend of 7+ points each strictly above (or below) the one before (equal
 * values break it; it may cross the mean); 2 of 3 consecutive points on one side of the mean
 * beyond the 2-sigma line on that side (points beyond the process limit count; only those points
 * are flagged). All comparisons are strict. Missing values are left out of the mean, break the
 * moving ranges that touch them, and stop any run, trend or 2-of-3 window that contains them.
 *
 * Where one point has signals on both sides (a falling trend still above the mean), METHODS.md's
 * priority decides: outside the limits, then trend, then 2 of 3, then run (NHSRplotthedots' order).
 * A point shared by two trends (a peak or a valley) is labelled by the step to the next point.
 */
export function xmr(values: readonly (number | null)[], options: XmrOptions = {}): XmrResult {
  const { direction = "neither", baselinePoints, screenMovingRanges = false, rebaseAt = [], target = null } = options;
  if (baselinePoints !== undefined && !(Number.isInteger(baselinePoints) && baselinePoints >= 1)) {
    throw new RangeError(`baselinePoints must be a whole number of 1 or more, got ${baselinePoints}`);
  }
  const clean = values.map((v) => (v == null || Number.isNaN(v) ? null : v));
  const starts = [0, ...[...new Set(rebaseAt)].filter((i) => i > 0 && i < clean.length).sort((a, b) => a - b)];

  const points: XmrPoint[] = [];
  const segments: XmrSegment[] = [];
  if (clean.length > 0) {
    starts.forEach((start, s) => {
      const end = (starts[s + 1] ?? clean.length) - 1;
      const segment = computeSegment(clean, start, end, baselinePoints, screenMovingRanges);
      segments.push(segment);
      for (const point of judgeSegment(clean, segment, s, direction)) points.push(point);
    });
  }

  const latestSegment = segments.at(-1);
  const limits = latestSegment ? pickLimits(latestSegment) : emptyLimits();
  const latest = [...points].reverse().find((p) => p.value !== null);
  return {
    ...limits,
    trialLimits: latestSegment?.trialLimits ?? true,
    direction,
    screenMovingRanges,
    points,
    segments,
    latestIndex: latest?.index ?? null,
    variation: latest?.variation ?? "common",
    assurance: assuranceOf(target, limits, direction),
    target,
  };
}

function emptyLimits(): XmrLimits {
  return {
    mean: null,
    movingRangeMean: null,
    upperProcessLimit: null,
    lowerProcessLimit: null,
    upperTwoSigma: null,
    lowerTwoSigma: null,
    movingRangeUpperLimit: null,
  };
}

function pickLimits(source: XmrLimits): XmrLimits {
  const { mean, movingRangeMean, upperProcessLimit, lowerProcessLimit, upperTwoSigma, lowerTwoSigma, movingRangeUpperLimit } =
    source;
  return { mean, movingRangeMean, upperProcessLimit, lowerProcessLimit, upperTwoSigma, lowerTwoSigma, movingRangeUpperLimit };
}

function movingRangeAt(values: readonly (number | null)[], index: number, start: number): number | null {
  if (index <= start) return null;
  const current = values[index];
  const previous = values[index - 1];
  return current == null || previous == null ? null : Math.abs(current - previous);
}

function computeSegment(
  values: readonly (number | null)[],
  start: number,
  end: number,
  baselinePoints: number | undefined,
  screen: boolean,
): XmrSegment {
  const baselineEnd = baselinePoints === undefined ? end : Math.min(end, start + baselinePoints - 1);
  const baselineValues: number[] = [];
  const movingRanges: number[] = [];
  for (let i = start; i <= baselineEnd; i++) {
    const value = values[i];
    if (value != null) baselineValues.push(value);
    const range = movingRangeAt(values, i, start);
    if (range !== null) movingRanges.push(range);
  }
  const mean = d3Mean(baselineValues) ?? null;
  let movingRangeMean = d3Mean(movingRanges) ?? null;
  // Screening keeps ranges strictly below the limit; with mR̄ = 0 it would keep none, so it is skipped.
  if (screen && movingRangeMean !== null && movingRangeMean > 0) {
    const limit = MOVING_RANGE_LIMIT_FACTOR * movingRangeMean;
    movingRangeMean = d3Mean(movingRanges.filter((r) => r < limit)) ?? movingRangeMean;
  }
  const haveLimits = mean !== null && movingRangeMean !== null;
  const processWidth = haveLimits ? PROCESS_LIMIT_FACTOR * movingRangeMean! : null;
  const twoSigmaWidth = processWidth === null ? null : (2 / 3) * processWidth;
  return {
    start,
    end,
    baselineEnd,
    baselineCount: baselineValues.length,
    trialLimits: baselineValues.length < TRIAL_LIMIT_POINTS,
    mean,
    movingRangeMean,
    upperProcessLimit: processWidth === null ? null : mean! + processWidth,
    lowerProcessLimit: processWidth === null ? null : mean! - processWidth,
    upperTwoSigma: twoSigmaWidth === null ? null : mean! + twoSigmaWidth,
    lowerTwoSigma: twoSigmaWidth === null ? null : mean! - twoSigmaWidth,
    movingRangeUpperLimit: movingRangeMean === null ? null : MOVING_RANGE_LIMIT_FACTOR * movingRangeMean,
  };
}

interface Signals {
  rules: Set<SpcRule>;
  /** Sides of the level rules (limits, run, 2-of-3): always the point's own side of the mean. */
  levelSides: Partial<Record<SpcRule, "high" | "low">>;
  /** Directions of any trends the point is part of, in the order found. */
  trendSides: ("high" | "low")[];
}

function judgeSegment(
  values: readonly (number | null)[],
  segment: XmrSegment,
  segmentNumber: number,
  direction: Direction,
): XmrPoint[] {
  const { start, end, mean, movingRangeMean } = segment;
  const signals: Signals[] = [];
  for (let i = start; i <= end; i++) signals.push({ rules: new Set(), levelSides: {}, trendSides: [] });
  const at = (i: number) => signals[i - start]!;
  const flagLevel = (i: number, rule: SpcRule, side: "high" | "low") => {
    at(i).rules.add(rule);
    at(i).levelSides[rule] = side;
  };

  // Deviations from the mean rather than comparisons with mean ± width, so that adding a constant
  // to every value cannot change a signal through rounding of the limits.
  const processWidth = movingRangeMean === null ? null : PROCESS_LIMIT_FACTOR * movingRangeMean;
  const twoSigmaWidth = processWidth === null ? null : (2 / 3) * processWidth;
  const deviation = (i: number): number | null => {
    const value = values[i];
    return value == null || mean === null ? null : value - mean;
  };
  const sideOf = (i: number): 1 | -1 | 0 | null => {
    const d = deviation(i);
    return d === null ? null : d > 0 ? 1 : d < 0 ? -1 : 0;
  };

  // Rule 1: outside a process limit.
  if (processWidth !== null) {
    for (let i = start; i <= end; i++) {
      const d = deviation(i);
      if (d !== null && (d > processWidth || d < -processWidth)) flagLevel(i, "outside-limits", d > 0 ? "high" : "low");
    }
  }

  // Rule 2: run of 7+ on one side; a point on the mean or a missing value ends it.
  let runStart = start;
  for (let i = start; i <= end + 1; i++) {
    const side = i <= end ? sideOf(i) : null;
    const runSide = sideOf(runStart);
    if (i > end || side === null || side === 0 || side !== runSide) {
      if (runSide !== null && runSide !== 0 && i - runStart >= RUN_LENGTH) {
        for (let j = runStart; j < i; j++) flagLevel(j, "run", runSide > 0 ? "high" : "low");
      }
      runStart = i;
    }
  }

  // Rule 3: trend of 7+ points (6+ steps) each strictly above / below the one before; missing or equal ends it.
  for (const sign of [1, -1] as const) {
    let trendStart = start;
    for (let i = start + 1; i <= end + 1; i++) {
      const previous = values[i - 1];
      const current = i <= end ? values[i] : null;
      const continues = previous != null && current != null && Math.sign(current - previous) === sign;
      if (!continues) {
        if (values[trendStart] != null && i - trendStart >= TREND_LENGTH) {
          for (let j = trendStart; j < i; j++) {
            at(j).rules.add("trend");
            at(j).trendSides.push(sign > 0 ? "high" : "low");
          }
        }
        trendStart = i;
      }
    }
  }

  // Rule 4: 2 of 3 consecutive points on one side beyond the 2-sigma line on that side; only those flagged.
  if (twoSigmaWidth !== null) {
    for (let i = start; i + 2 <= end; i++) {
      const sides = [sideOf(i), sideOf(i + 1), sideOf(i + 2)];
      const side = sides[0];
      if (side == null || side === 0 || !sides.every((s) => s === side)) continue;
      const beyond = [i, i + 1, i + 2].filter((j) => deviation(j)! * side > twoSigmaWidth);
      if (beyond.length >= 2) for (const j of beyond) flagLevel(j, "two-of-three", side > 0 ? "high" : "low");
    }
  }

  const limits = pickLimits(segment);
  const ruleOrder: SpcRule[] = ["outside-limits", "run", "trend", "two-of-three"];
  return signals.map((signal, offset) => {
    const index = start + offset;
    const specialCause = signal.rules.size > 0;
    const next = index < end ? values[index + 1] : null;
    const current = values[index];
    const stepToNext = next == null || current == null || next === current ? null : next > current ? "high" : "low";
    const trendSide = trendSideOf(signal.trendSides, stepToNext);
    const ruleSides: Partial<Record<SpcRule, "high" | "low">> = { ...signal.levelSides };
    if (trendSide) ruleSides.trend = trendSide;
    const side = specialCause ? (SIDE_PRIORITY.map((rule) => ruleSides[rule]).find((s) => s !== undefined) ?? null) : null;
    return {
      ...limits,
      index,
      value: values[index] ?? null,
      segment: segmentNumber,
      movingRange: movingRangeAt(values, index, start),
      specialCause,
      rules: ruleOrder.filter((r) => signal.rules.has(r)),
      side,
      ruleSides,
      variation: variationOf(side, direction),
    };
  });
}

/** METHODS.md: "its high/low and its label come from the first that holds in this order". */
export const SIDE_PRIORITY: readonly SpcRule[] = ["outside-limits", "trend", "two-of-three", "run"];

/** A point in two trends (a peak or valley) takes the direction of the step to the next point (METHODS.md). */
function trendSideOf(sides: readonly ("high" | "low")[], stepToNext: "high" | "low" | null): "high" | "low" | null {
  const [first] = sides;
  if (!first) return null;
  if (sides.some((s) => s !== first) && stepToNext) return stepToNext;
  return first;
}

/**
 * Whether the series has an SPC reading at all: the segment the latest point belongs to needs
 * MIN_SPC_POINTS values (trial limits below 12 are labelled, but below 7 there is no reading).
 */
export function hasSpcReading(result: Pick<XmrResult, "segments" | "latestIndex" | "points">): boolean {
  if (result.latestIndex === null) return false;
  const segment = result.segments[result.points[result.latestIndex]!.segment];
  if (!segment) return false;
  let values = 0;
  for (let i = segment.start; i <= segment.end; i++) if (result.points[i]!.value !== null) values++;
  return values >= MIN_SPC_POINTS;
}

/** Improvement or concern by the indicator's direction (METHODS.md): high is good when higher is better. */
function variationOf(side: "high" | "low" | null, direction: Direction): Variation {
  if (side === null) return "common";
  if (direction === "neither") return "neutral";
  return (side === "high") === (direction === "higher") ? "improvement" : "concern";
}

/**
 * Assurance icon (Making Data Count): a target outside the process limits on the good side is
 * consistently passed, on the bad side consistently failed, inside the limits hit and miss.
 * A target exactly on a limit is inside: comparisons are strict.
 */
function assuranceOf(target: number | null, limits: XmrLimits, direction: Direction): Assurance | null {
  const { upperProcessLimit: upper, lowerProcessLimit: lower } = limits;
  if (target == null || direction === "neither" || upper === null || lower === null) return null;
  const belowAll = target < lower;
  const aboveAll = target > upper;
  if (!belowAll && !aboveAll) return "hit and miss";
  // Higher is better: a target below every expected point is always met.
  const passing = direction === "higher" ? belowAll : aboveAll;
  return passing ? "consistently passing" : "consistently failing";
}
