import { addMonths, financialYearOf, financialYearWindow, formatMonth, monthIndex, type Month, type Unit } from "@scrutiny/domain";
import type { SpcOverlay } from "@scrutiny/api";
import { actionText, annotationText, type ActionMarkLike, type AnnotationLike } from "./trendRows";

/** Pure mappers from API series to the rows each indicator-page chart draws and tabulates. */

export interface XmrRow {
  month: Month;
  label: string;
  value: number | null;
  mean: number | null;
  upperProcessLimit: number | null;
  lowerProcessLimit: number | null;
  upperTwoSigma: number | null;
  lowerTwoSigma: number | null;
  variation: SpcOverlay["points"][number]["variation"];
  rules: string[];
  /** High or low, for the Making Data Count icon's H / L; null for common cause. */
  side: "high" | "low" | null;
  provisional: string | null;
  annotation: string | null;
  /** Actions from the log at the month they answer to, as on the monthly trend. */
  actions: string | null;
}

export function toXmrRows(
  points: readonly { month: string; value: number | null; provisional?: boolean; provisionalReason?: string }[],
  spc: SpcOverlay,
  annotations: readonly AnnotationLike[] = [],
  actions: readonly ActionMarkLike[] = [],
): XmrRow[] {
  const byMonth = new Map(spc.points.map((p) => [p.month, p]));
  return points.map((point) => {
    const s = byMonth.get(point.month as Month);
    return {
      month: point.month as Month,
      label: formatMonth(point.month as Month),
      value: point.value,
      mean: s?.mean ?? null,
      upperProcessLimit: s?.upperProcessLimit ?? null,
      lowerProcessLimit: s?.lowerProcessLimit ?? null,
      upperTwoSigma: s?.upperTwoSigma ?? null,
      lowerTwoSigma: s?.lowerTwoSigma ?? null,
      variation: s?.variation ?? "common",
      rules: s?.rules ?? [],
      side: s?.side ?? null,
      provisional: point.value !== null && point.provisional ? (point.provisionalReason ?? "outcomes still immature") : null,
      annotation: annotationText(annotations, point.month),
      actions: actionText(actions, point.month),
    };
  });
}

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export interface SeasonalRow {
  /** Jan..Dec */
  label: string;
  /** One value per calendar year, keyed "y2024"; null when the month is missing. */
  [year: `y${number}`]: number | null;
}

/**
 * Each calendar year as one line over Jan..Dec, for the last `years` years that hold any value:
 * seasonality at a glance (domestic abuse at Christmas, KSI in summer).
 */
export function toSeasonalRows(points: readonly { month: string; value: number | null }[], years = 3): { years: number[]; rows: SeasonalRow[] } {
  const held = points.filter((p) => p.value !== null);
  const allYears = [...new Set(held.map((p) => Number(p.month.slice(0, 4))))].sort((a, b) => a - b).slice(-years);
  const byMonth = new Map(points.map((p) => [p.month, p.value]));
  const rows = MONTH_NAMES.map((label, i) => {
    const row: SeasonalRow = { label };
    for (const year of allYears) row[`y${year}`] = byMonth.get(`${year}-${String(i + 1).padStart(2, "0")}`) ?? null;
    return row;
  });
  return { years: allYears, rows };
}

export interface CumulativeRow {
  /** Apr..Mar */
  label: string;
  current: number | null;
  previous: number | null;
}

/**
 * Financial year to date, cumulative, against the same months of the previous financial year.
 * Counts add up; percentages are Σnumerator ÷ Σdenominator to date. A missing month stops the
 * running total (it is never treated as zero).
 */
export function toCumulativeRows(
  points: readonly { month: string; value: number | null; numerator?: number | null; denominator?: number | null }[],
  latest: Month,
  unit: Unit,
): CumulativeRow[] | null {
  if (unit !== "count" && unit !== "percentage") return null;
  const byMonth = new Map(points.map((p) => [p.month, p]));
  const running = (firstMonth: Month, through: number) => {
    let total = 0;
    let numerator = 0;
    let denominator = 0;
    const out: (number | null)[] = [];
    let broken = false;
    for (let i = 0; i < 12; i++) {
      const point = byMonth.get(addMonths(firstMonth, i));
      if (i > through || broken || !point || point.value === null) {
        broken = broken || i <= through;
        out.push(null);
        continue;
      }
      if (unit === "count") {
        total += point.value;
        out.push(total);
      } else if (point.numerator != null && point.denominator != null) {
        numerator += point.numerator;
        denominator += point.denominator;
        out.push(denominator > 0 ? (100 * numerator) / denominator : null);
      } else {
        broken = true;
        out.push(null);
      }
    }
    return out;
  };
  const start = financialYearWindow(financialYearOf(latest)).from;
  const monthsIn = monthIndex(latest) - monthIndex(start);
  const current = running(start, monthsIn);
  const previous = running(addMonths(start, -12), 11);
  return ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"].map((label, i) => ({ label, current: current[i] ?? null, previous: previous[i] ?? null }));
}
