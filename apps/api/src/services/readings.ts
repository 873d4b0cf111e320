import {
  significantChange,
  breaksBetweenWindows,
  decimalsOf,
  describeCountChange,
  hasSpcReading,
  periodCoveredBy,
  monthsBetween,
  rebaseIndices,
  type Annotation,
  describeProportionChange,
  describeSpc,
  financialYearToDate,
  formatMonth,
  formatValue,
  rollingTwelveMonths,
  sameMonthLastYearWindows,
  sumWindow,
  xmr,
  compareCounts,
  compareProportions,
  type CountComparison,
  type Indicator,
  type Month,
  type MonthWindow,
  type PeriodComparisonWindows,
  type SeriesPoint,
  type SpcRule,
  type Variation,
  type WindowTotal,
} from "@scrutiny/domain";

/**
 * What the statistics say about a series: the SPC reading of the months shown, and the latest
 * month against last year three ways (same month, rolling 12 months, financial year to date),
 * each with a sentence a PCC can read aloud. Pure: the series comes in, plain objects go out.
 */
export interface SpcOverlay {
  mean: number | null;
  lowerProcessLimit: number | null;
  upperProcessLimit: number | null;
  lowerTwoSigma: number | null;
  upperTwoSigma: number | null;
  trialLimits: boolean;
  variation: Variation;
  /** Per month, with the limits of its segment (they differ after a rebase). */
  points: {
    month: Month;
    specialCause: boolean;
    rules: SpcRule[];
    /** High or low by METHODS.md's label priority; null for common cause. */
    side: "high" | "low" | null;
    variation: Variation;
    mean: number | null;
    lowerProcessLimit: number | null;
    upperProcessLimit: number | null;
    lowerTwoSigma: number | null;
    upperTwoSigma: number | null;
  }[];
  sentence: string;
}

export interface PeriodComparison {
  period: "same month last year" | "rolling 12 months" | "financial year to date";
  current: WindowTotal;
  previous: WindowTotal;
  /** Exact test for counts; two-proportion z-test for percentages with numerator and denominator. */
  test: (CountComparison & { kind: "counts" }) | (ReturnType<typeof compareProportions> & { kind: "proportions" }) | null;
  /**
   * "comparable"; "not comparable" when the windows straddle a break (METHODS.md), "not like for
   * like" when one side holds months whose outcomes are still immature. Only a comparable test's
   * significance may be called a change: `significantChange` is the one field to read.
   */
  comparability: "comparable" | "not comparable" | "not like for like";
  /** Why not comparable / not like for like, in words; null when comparable. */
  comparabilityReason: string | null;
  /** "worse" / "better" only when comparable, significant and the indicator has a direction; else null. */
  significantChange: "worse" | "better" | null;
  sentence: string;
}

/** What a comparison needs to know beyond the figures: breaks, and which months are provisional. */
export interface ComparisonContext {
  annotations?: readonly Annotation[];
  /** Months whose outcomes are immature, with the reason. */
  provisional?: ReadonlyMap<Month, string>;
}

/** The XmR reading of a series, rebased at each break within it (METHODS.md); null when there are too few points for any reading. */
export function spcReading(indicator: Indicator, points: readonly SeriesPoint[], annotations: readonly Annotation[] = []) {
  const result = xmr(
    points.map((p) => p.value),
    { direction: indicator.direction, rebaseAt: rebaseIndices(points.map((p) => p.month), annotations) },
  );
  return hasSpcReading(result) ? result : null;
}

export function spcOverlay(indicator: Indicator, areaName: string, points: readonly SeriesPoint[], annotations: readonly Annotation[] = []): SpcOverlay | null {
  const result = spcReading(indicator, points, annotations);
  if (!result) return null;
  return {
    mean: result.mean,
    lowerProcessLimit: result.lowerProcessLimit,
    upperProcessLimit: result.upperProcessLimit,
    lowerTwoSigma: result.lowerTwoSigma,
    upperTwoSigma: result.upperTwoSigma,
    trialLimits: result.trialLimits,
    variation: result.variation,
    points: result.points.map((p, i) => ({
      month: points[i]!.month,
      specialCause: p.specialCause,
      rules: p.rules,
      side: p.side,
      variation: p.variation,
      mean: p.mean,
      lowerProcessLimit: p.lowerProcessLimit,
      upperProcessLimit: p.upperProcessLimit,
      lowerTwoSigma: p.lowerTwoSigma,
      upperTwoSigma: p.upperTwoSigma,
    })),
    sentence: describeSpc(result, { indicatorName: indicator.name, areaName, decimals: decimalsOf(points.map((p) => p.value)) }),
  };
}

const PERIODS: [PeriodComparison["period"], (m: Month) => PeriodComparisonWindows][] = [
  ["same month last year", sameMonthLastYearWindows],
  ["rolling 12 months", rollingTwelveMonths],
  ["financial year to date", financialYearToDate],
];

/** The latest month held, compared with last year; `history` must reach back far enough (24 months). */
export function latestComparisons(indicator: Indicator, areaName: string, history: readonly SeriesPoint[], context: ComparisonContext = {}): PeriodComparison[] {
  const latest = [...history].reverse().find((p) => p.value !== null);
  if (!latest) return [];
  return latestComparisonsRaw(indicator, areaName, history, latest).map((c) => judgeComparability(indicator, c, context));
}

/**
 * Breaks first (METHODS.md: a window that straddles a break is not comparable), then maturity (a
 * provisional month against a settled one is "not like for like", never a significant change).
 */
function judgeComparability(indicator: Indicator, c: Omit<PeriodComparison, "comparability" | "comparabilityReason" | "significantChange">, context: ComparisonContext): PeriodComparison {
  // A rolling 12-month total at month m covers m-11..m (periodCoveredBy): its window starts 11 months earlier.
  const previousFrom = periodCoveredBy(indicator, c.previous.window.from).from;
  const windows = { previous: { from: previousFrom, to: c.previous.window.to }, current: c.current.window };
  const breaks = breaksBetweenWindows(context.annotations ?? [], windows);
  if (breaks.length > 0) {
    const reason = breaks.map((b) => `a series break in ${formatMonth(b.month)}: ${b.text}`).join("; ");
    // A comparison that could not be computed (missing months) already says so; the break is in comparabilityReason.
    const sentence = c.test === null ? c.sentence : `${c.sentence.replace(/\.$/, "")}; but these periods are not comparable: ${reason}`;
    return { ...c, comparability: "not comparable", comparabilityReason: reason, significantChange: null, sentence };
  }
  const provisional = context.provisional;
  if (provisional && provisional.size > 0) {
    const inWindow = (w: MonthWindow) => monthsBetween(w.from, w.to).filter((m) => provisional.has(m));
    const current = inWindow(windows.current);
    const previous = inWindow(windows.previous);
    if (current.length > 0 || previous.length > 0) {
      const months = [...previous, ...current];
      const reason = `${months.map(formatMonth).join(", ")} ${months.length === 1 ? "is" : "are"} provisional (${provisional.get(months[0]!)})`;
      return {
        ...c,
        comparability: "not like for like",
        comparabilityReason: reason,
        significantChange: null,
        sentence: c.test === null ? c.sentence : `${c.sentence.replace(/\.$/, "")}; not like for like: ${reason}, so this is not called a significant change.`,
      };
    }
  }
  return { ...c, comparability: "comparable", comparabilityReason: null, significantChange: significantChange(indicator.direction, c.test) };
}

function latestComparisonsRaw(indicator: Indicator, areaName: string, history: readonly SeriesPoint[], latest: SeriesPoint): Omit<PeriodComparison, "comparability" | "comparabilityReason" | "significantChange">[] {
  const additive = indicator.unit === "count";
  const proportion = indicator.unit === "percentage" && history.some((p) => p.denominator != null);
  // Only monthly figures add up over a window: a quarterly rolling-12-month total is already a
  // year's count, so it is compared with the same quarter-end a year earlier and nothing else.
  const windowed = indicator.cadence === "monthly" && (additive || proportion);
  return PERIODS.filter(([period]) => period === "same month last year" || windowed).map(([period, windowsOf]) => {
    const windows = windowsOf(latest.month);
    const phrase = comparisonPhrase(period, windows);
    if (proportion) {
      const successes = { current: sumOf(history, windows.current, "numerator"), previous: sumOf(history, windows.previous, "numerator") };
      const trials = { current: sumOf(history, windows.current, "denominator"), previous: sumOf(history, windows.previous, "denominator") };
      const current = sumWindow(history, windows.current);
      const previous = sumWindow(history, windows.previous);
      if (successes.current.total === null || successes.previous.total === null || trials.current.total === null || trials.previous.total === null) {
        return { period, current, previous, test: null, sentence: incomplete(indicator, areaName, phrase, trials.current, trials.previous) };
      }
      const a = { successes: successes.current.total, trials: trials.current.total };
      const b = { successes: successes.previous.total, trials: trials.previous.total };
      return {
        period,
        current,
        previous,
        test: { kind: "proportions" as const, ...compareProportions(a, b) },
        sentence: describeProportionChange({ indicatorName: indicator.name, areaName, current: a, previous: b, comparison: phrase }),
      };
    }
    const current = sumWindow(history, windows.current);
    const previous = sumWindow(history, windows.previous);
    if (current.total === null || previous.total === null) {
      return { period, current, previous, test: null, sentence: incomplete(indicator, areaName, phrase, current, previous) };
    }
    if (!additive || current.total < 0 || previous.total < 0) {
      const sentence = `${indicator.name} in ${areaName} was ${formatValue(indicator.unit, current.total)} in ${formatMonth(latest.month)} against ${formatValue(indicator.unit, previous.total)} a year earlier.`;
      return { period, current, previous, test: null, sentence };
    }
    return {
      period,
      current,
      previous,
      test: { kind: "counts" as const, ...compareCounts(current.total, previous.total) },
      sentence: describeCountChange({ indicatorName: indicator.name, areaName, current: current.total, previous: previous.total, comparison: phrase }),
    };
  });
}

function sumOf(history: readonly SeriesPoint[], window: MonthWindow, field: "numerator" | "denominator"): WindowTotal {
  return sumWindow(
    history.map((p) => ({ month: p.month, value: p.value === null ? null : (p[field] ?? null) })),
    window,
  );
}

function comparisonPhrase(period: PeriodComparison["period"], windows: PeriodComparisonWindows): string {
  const to = formatMonth(windows.current.to);
  switch (period) {
    case "same month last year":
      return `in ${to} against ${formatMonth(windows.previous.to)}`;
    case "rolling 12 months":
      return `in the 12 months to ${to} against the 12 months before`;
    case "financial year to date":
      return `in the financial year to ${to} against the same months a year earlier`;
  }
}

function incomplete(indicator: Indicator, areaName: string, phrase: string, current: WindowTotal, previous: WindowTotal): string {
  const missing = [...previous.missingMonths, ...current.missingMonths];
  const shown = missing.length > 3 ? `${missing.length} months (${formatMonth(missing[0]!)} to ${formatMonth(missing[missing.length - 1]!)})` : missing.map(formatMonth).join(", ");
  return `${indicator.name} in ${areaName} cannot be compared ${phrase}: ${shown} ${missing.length === 1 ? "is" : "are"} missing.`;
}
