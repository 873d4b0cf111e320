/**
 * Comparing any set of forces on one figure: a rate per 1,000 (counts over population) or a
 * proportion (numerator over denominator, e.g. the solved rate), with intervals, ranks, the
 * group's average, range and median (METHODS.md "Comparing areas", "Changes" → proportions).
 *
 * - Counts: rate per `per` with Byar / exact Poisson limits (`byarInterval`).
 * - Proportions: percentage with the Wilson score interval (`wilsonInterval`), always with n.
 * - Average: "weighted" = Σnumerator ÷ Σdenominator (for proportions this is the pooled rate;
 *   for counts the population-weighted rate), or "simple" = mean of the members' values; the
 *   result says which in `averageLabel`.
 * - Significance: "higher"/"lower" when the member's 95% interval lies wholly above/below the
 *   average, strict comparisons, as for the MSG comparison.
 * - Position: 1 = best in the improvement direction; ties share (rankAreas).
 */
import { fsum, mean, median as d3median } from "d3-array";
import type { Direction } from "../indicators";
import { formatMonth, monthsBetween, type Month } from "../months";
import { financialYearOf, financialYearToDate, rollingTwelveMonths, type MonthWindow } from "./periods";
import { wilsonInterval } from "./changes";
import { msgComparison, positionLabel, rankAreas, type MsgAverageMethod, type MsgComparison, type MsgMember, type Significance } from "./msg";
import { byarInterval } from "./rates";

export type ComparisonMeasure = "rate" | "proportion";

export interface ForceFigure {
  code: string;
  /** Events (counts) or successes (proportions); null when the force has no figure. */
  numerator: number | null;
  /** Population (counts) or trials, n (proportions); null when unknown. */
  denominator: number | null;
}

export interface ComparedForce {
  code: string;
  numerator: number;
  denominator: number;
  /** Rate per `per` (counts) or percentage (proportions). */
  value: number;
  lower: number;
  upper: number;
  method: "byar" | "exact" | "wilson";
  position: number;
  of: number;
  positionLabel: string;
  significance: Significance;
}

export interface RangeEnd {
  value: number;
  /** Every force at that value (ties), in the order given. */
  codes: string[];
}

export interface ForceComparison {
  measure: ComparisonMeasure;
  /** 1,000 for rates, 100 for percentages. */
  per: number;
  level: number;
  direction: Direction;
  averageMethod: MsgAverageMethod;
  averageLabel: string;
  average: number;
  /** Lowest and highest value with which forces; null when no force has a figure. */
  range: { lowest: RangeEnd; highest: RangeEnd } | null;
  median: number | null;
  /** Compared forces (those with a figure), in the order given. */
  forces: ComparedForce[];
  /** Codes given without a usable figure (no numerator, or no positive denominator). */
  missing: string[];
}

export interface ForceComparisonOptions {
  figures: readonly ForceFigure[];
  measure: ComparisonMeasure;
  direction: Direction;
  average?: MsgAverageMethod;
  level?: number;
  /** The group's name for the average's label: "MSG average", "Average of the forces shown". */
  groupLabel?: string;
}

export function averageLabelFor(measure: ComparisonMeasure, method: MsgAverageMethod, groupLabel = "MSG average"): string {
  if (method === "simple") return `${groupLabel} (simple mean of ${measure === "rate" ? "rates" : "percentages"})`;
  return measure === "rate" ? `${groupLabel} (weighted by population)` : `${groupLabel} (pooled: total solved ÷ total recorded)`;
}

/** Compares forces on a rate per 1,000 or a proportion; see the module comment for the methods. */
export function compareForceFigures(options: ForceComparisonOptions): ForceComparison {
  const { figures, measure, direction, average: averageMethod = "weighted", level = 0.95, groupLabel = "MSG average" } = options;
  const per = measure === "rate" ? 1000 : 100;
  const usable: { code: string; numerator: number; denominator: number }[] = [];
  const missing: string[] = [];
  for (const f of figures) {
    if (f.numerator == null || f.denominator == null || !(f.denominator > 0) || Number.isNaN(f.numerator) || (measure === "proportion" && f.numerator > f.denominator)) missing.push(f.code);
    else usable.push({ code: f.code, numerator: f.numerator, denominator: f.denominator });
  }
  const intervals = usable.map((f) => {
    if (measure === "rate") {
      const i = byarInterval(f.numerator, f.denominator, { per, level });
      return { value: i.rate, lower: i.lower, upper: i.upper, method: i.method };
    }
    const w = wilsonInterval(f.numerator, f.denominator, level);
    return { value: (f.numerator / f.denominator) * per, lower: (w.lower ?? 0) * per, upper: (w.upper ?? 0) * per, method: "wilson" as const };
  });
  const average =
    usable.length === 0
      ? Number.NaN
      : averageMethod === "weighted"
        ? (fsum(usable, (f) => f.numerator) / fsum(usable, (f) => f.denominator)) * per
        : (mean(intervals, (i) => i.value) ?? Number.NaN);
  const ranks = rankAreas(
    usable.map((f, i) => ({ code: f.code, value: intervals[i]!.value })),
    direction,
  );
  const forces: ComparedForce[] = usable.map((f, i) => {
    const interval = intervals[i]!;
    const rank = ranks[i]!;
    const position = rank.position ?? rank.of;
    return {
      ...f,
      ...interval,
      position,
      of: rank.of,
      positionLabel: positionLabel(position, rank.of),
      significance: interval.lower > average ? "higher" : interval.upper < average ? "lower" : "not significant",
    };
  });
  return {
    measure,
    per,
    level,
    direction,
    averageMethod,
    averageLabel: averageLabelFor(measure, averageMethod, groupLabel),
    average,
    range: rangeOf(forces),
    median: forces.length === 0 ? null : (d3median(forces, (f) => f.value) ?? null),
    forces,
    missing,
  };
}

/** Lowest and highest value and which forces hold them (all of them on a tie). */
export function rangeOf(rows: readonly { code: string; value: number }[]): { lowest: RangeEnd; highest: RangeEnd } | null {
  if (rows.length === 0) return null;
  let low = rows[0]!.value;
  let high = rows[0]!.value;
  for (const r of rows) {
    if (r.value < low) low = r.value;
    if (r.value > high) high = r.value;
  }
  return {
    lowest: { value: low, codes: rows.filter((r) => r.value === low).map((r) => r.code) },
    highest: { value: high, codes: rows.filter((r) => r.value === high).map((r) => r.code) },
  };
}

/** The periods comparisons offer (METHODS.md "Periods"). */
export const COMPARISON_PERIODS = ["month", "rolling-12", "fytd"] as const;
export type ComparisonPeriod = (typeof COMPARISON_PERIODS)[number];

/** The months a comparison period ending at `month` covers. */
export function comparisonPeriodWindow(month: Month, period: ComparisonPeriod): MonthWindow {
  if (period === "rolling-12") return rollingTwelveMonths(month).current;
  if (period === "fytd") return financialYearToDate(month).current;
  return { from: month, to: month };
}

/** "Dec 2025", "12 months to Dec 2025", "financial year 2025/26 to date (Apr 2025 – Dec 2025)". */
export function comparisonPeriodLabel(month: Month, period: ComparisonPeriod): string {
  if (period === "rolling-12") return `12 months to ${formatMonth(month)}`;
  if (period === "fytd") {
    const window = comparisonPeriodWindow(month, period);
    return `financial year ${financialYearOf(month)} to date (${formatMonth(window.from)} – ${formatMonth(month)})`;
  }
  return formatMonth(month);
}

export interface WindowFigure {
  /** Σ values (counts) or Σ numerators (proportions); null unless every month has a figure. */
  numerator: number | null;
  /** Σ denominators (proportions only); null for counts or when a month lacks one. */
  denominator: number | null;
  complete: boolean;
  /** Months of the window without a figure, oldest first: a total lacking one is not shown as complete. */
  missingMonths: Month[];
  monthCount: number;
}

/**
 * One area's total over a window: counts sum their values; proportions sum numerators and
 * denominators (the period's rate is Σsolved ÷ Σrecorded, not a mean of monthly rates). A missing
 * month is missing, never zero: the total is then null and the months are listed.
 */
export function windowFigure(
  rows: readonly { month: string; value: number | null; numerator?: number | null; denominator?: number | null }[],
  window: MonthWindow,
  measure: ComparisonMeasure,
): WindowFigure {
  const byMonth = new Map<string, (typeof rows)[number]>();
  for (const r of rows) byMonth.set(r.month, r);
  const months = monthsBetween(window.from, window.to);
  const missingMonths: Month[] = [];
  const numerators: number[] = [];
  const denominators: number[] = [];
  for (const m of months) {
    const r = byMonth.get(m);
    const numerator = measure === "rate" ? r?.value : r?.numerator;
    const denominator = measure === "rate" ? 0 : r?.denominator;
    if (numerator == null || denominator == null || Number.isNaN(numerator)) missingMonths.push(m);
    else {
      numerators.push(numerator);
      denominators.push(denominator);
    }
  }
  const complete = months.length > 0 && missingMonths.length === 0;
  return {
    numerator: complete ? fsum(numerators) : null,
    denominator: complete && measure === "proportion" ? fsum(denominators) : null,
    complete,
    missingMonths,
    monthCount: months.length,
  };
}

/** The median of the values (d3-array's, the mean of the middle two for an even count); null for none. */
export function medianValue(values: readonly number[]): number | null {
  return values.length === 0 ? null : (d3median(values) ?? null);
}

/**
 * A force against its MSG on a proportion (solved rate), in the MsgComparison shape so the MSG
 * views draw both alike (count = successes, population = n, per = 100). */
export function proportionMsgComparison(
  forceCode: string,
  members: readonly { code: string; count: number; population: number }[],
  direction: Direction,
  average: MsgAverageMethod,
  national: readonly { code: string; count: number; population: number }[] | null,
): MsgComparison {
  const level = 0.95;
  const c = compareForceFigures({ figures: members.map((m) => ({ code: m.code, numerator: m.count, denominator: m.population })), measure: "proportion", direction, average, level });
  const rows = c.forces.map((f) => ({
    code: f.code,
    count: f.numerator,
    population: f.denominator,
    per: 100,
    level,
    rate: f.value,
    lower: f.lower,
    upper: f.upper,
    method: f.method,
    position: f.position,
    of: f.of,
    positionLabel: f.positionLabel,
    significance: f.significance,
  }));
  let nationalPosition: MsgComparison["national"] = null;
  if (national) {
    const all = compareForceFigures({ figures: national.map((m) => ({ code: m.code, numerator: m.count, denominator: m.population })), measure: "proportion", direction });
    const row = all.forces.find((f) => f.code === forceCode);
    if (row) nationalPosition = { position: row.position, of: row.of, positionLabel: row.positionLabel };
  }
  return {
    forceCode,
    direction,
    averageMethod: average,
    averageLabel: c.averageLabel,
    average: c.average,
    per: 100,
    level,
    force: rows.find((r) => r.code === forceCode)!,
    members: rows,
    national: nationalPosition,
  };
}


/**
 * A force against its Most Similar Group for one month or period: the one rule that
 * GET /api/compare/msg and the MSG history (GET /api/compare/msg/history) both follow.
 * `figureOf` gives each force's count (numerator) and population (denominator, n, for a
 * percentage). A member without both, or with no population, is missing: then nothing is ranked
 * (ranking seven forces and calling it "of 8" would silently change the league). The national
 * position is given only when every force area of England and Wales has a figure.
 */
export function compareWithGroup(input: {
  forceCode: string;
  groupMembers: readonly string[];
  figureOf: (code: string) => { count: number | null | undefined; population: number | null | undefined };
  allForces: readonly string[];
  measure: ComparisonMeasure;
  direction: Direction;
  average: MsgAverageMethod;
}): { withFigures: MsgMember[]; missing: string[]; comparison: MsgComparison | null } {
  const member = (code: string): MsgMember | null => {
    const { count, population } = input.figureOf(code);
    return count == null || population == null || !(population > 0) ? null : { code, count, population };
  };
  const members = input.groupMembers.map((code) => ({ code, figures: member(code) }));
  const withFigures = members.flatMap((m) => (m.figures ? [m.figures] : []));
  const missing = members.filter((m) => !m.figures).map((m) => m.code);
  if (missing.length > 0) return { withFigures, missing, comparison: null };
  const national = input.allForces.map(member);
  const everyForce = national.every((n) => n !== null);
  const comparison =
    input.measure === "proportion"
      ? proportionMsgComparison(input.forceCode, withFigures, input.direction, input.average, everyForce ? (national as MsgMember[]) : null)
      : msgComparison({ forceCode: input.forceCode, members: withFigures, direction: input.direction, average: input.average, ...(everyForce ? { national: national as MsgMember[] } : {}) });
  return { withFigures, missing, comparison };
}
