import { addMonths, changeBetween, formatChange, formatMonth, formatValue, type Change, type Month, type Unit } from "@scrutiny/domain";

export interface TrendRow {
  month: Month;
  label: string;
  value: number | null;
  /** The same month a year earlier, for the overlay and the table. */
  previousYear: number | null;
  change: Change | null;
  /** Outcomes still immature (METHODS.md): drawn hollow, said in the table and the sentence. */
  provisional: string | null;
  /** Breaks and notes dated this month, in words ("Break: …"). */
  annotation: string | null;
  /** Actions from the log linked to this indicator, at the reporting month they answer to ("1/26 (open, WK): …"). */
  actions: string | null;
}

/** An action on the log as the charts mark it (ActionView's fields that matter here). */
export interface ActionMarkLike {
  reference: string;
  text: string;
  owner: string;
  status: string;
  month: string;
}

/** "1/26 (open, WK): OPCC to be provided with …" for each action of a month, joined. */
export function actionText(actions: readonly ActionMarkLike[], month: string): string | null {
  const here = actions.filter((a) => a.month === month);
  return here.length === 0 ? null : here.map((a) => `Action ${a.reference} (${a.status}, ${a.owner}): ${a.text}`).join(" ");
}

/** " Marked on the chart: Dec 2025: Action 1/26 (open, WK): …" for the months with actions; "" when none. Said by every chart that marks them. */
export function actionSentence(rows: readonly { label: string; actions: string | null }[]): string {
  const acted = rows.filter((r) => r.actions);
  return acted.length > 0 ? ` Marked on the chart: ${acted.map((r) => `${r.label}: ${r.actions}`).join(" ")}` : "";
}

export interface AnnotationLike {
  month: string;
  kind: "note" | "break";
  text: string;
}

/** "Break: …" / "Note: …" for each annotation of a month, joined. */
export function annotationText(annotations: readonly AnnotationLike[], month: string): string | null {
  const here = annotations.filter((a) => a.month === month);
  return here.length === 0 ? null : here.map((a) => `${a.kind === "break" ? "Break" : "Note"}: ${a.text}`).join(" ");
}

/**
 * Rows for the trend chart and its table: the months from `from` to `to`, each with the value of
 * the same month a year earlier (the series is fetched from twelve months before `from`).
 */
export function toTrendRows(
  points: readonly { month: string; value: number | null; provisional?: boolean; provisionalReason?: string }[],
  from: Month,
  to: Month,
  unit: Unit,
  annotations: readonly AnnotationLike[] = [],
  actions: readonly ActionMarkLike[] = [],
): TrendRow[] {
  const byMonth = new Map(points.map((p) => [p.month, p.value]));
  const provisional = new Map(points.filter((p) => p.provisional).map((p) => [p.month, p.provisionalReason ?? "outcomes still immature"]));
  const rows: TrendRow[] = [];
  for (let month = from; month <= to; month = addMonths(month, 1)) {
    const value = byMonth.get(month) ?? null;
    const previousYear = byMonth.get(addMonths(month, -12)) ?? null;
    rows.push({
      month,
      label: formatMonth(month),
      value,
      previousYear,
      change: value !== null && previousYear !== null ? changeBetween(unit, value, previousYear) : null,
      provisional: value === null ? null : (provisional.get(month) ?? null),
      annotation: annotationText(annotations, month),
      actions: actionText(actions, month),
    });
  }
  return rows;
}

/** One sentence beside the chart: the latest month, its change on a year earlier, and what is missing. */
export function trendSummary(rows: readonly TrendRow[], indicatorName: string, areaName: string, unit: Unit): string {
  const held = rows.filter((r) => r.value !== null);
  const latest = held[held.length - 1];
  if (!latest) return `No figures are held for ${indicatorName} in ${areaName} in this period.`;
  const missing = rows.length - held.length;
  const comparison =
    latest.previousYear === null
      ? `no figure is held for ${formatMonth(addMonths(latest.month, -12))}`
      : `against ${formatValue(unit, latest.previousYear)} in ${formatMonth(addMonths(latest.month, -12))}: ${formatChange(unit, latest.change)}`;
  const gaps = missing > 0 ? ` ${missing} of the ${rows.length} months shown are missing.` : "";
  const provisional = held.filter((r) => r.provisional);
  const immature = provisional.length > 0 ? ` ${provisional.map((r) => r.label).join(", ")} ${provisional.length === 1 ? "is" : "are"} provisional: outcomes still immature (drawn hollow).` : "";
  const marked = rows.filter((r) => r.annotation);
  const notes = marked.length > 0 ? ` ${marked.map((r) => `${r.label}: ${r.annotation}`).join(" ")}` : "";
  const actionNotes = actionSentence(rows);
  const latestProvisional = latest.provisional ? " (provisional)" : "";
  return `${indicatorName} in ${areaName}: ${formatValue(unit, latest.value)} in ${latest.label}${latestProvisional}, ${comparison}.${gaps}${immature}${notes}${actionNotes}`;
}
