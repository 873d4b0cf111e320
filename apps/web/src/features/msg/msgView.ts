/**
 * Pure mappers for the Most Similar Group view: the URL state, the bars, and position over time.
 * The components only draw what these return, so the table, the CSV and the chart agree.
 */
import { formatMonth, isMonth, monthFromIndex, monthIndex, type Month } from "@scrutiny/domain";
import type { AverageMethod } from "./queries";

export const DEFAULT_INDICATOR = "police-uk-all-crime";
/** The long view: Home Office recorded crime, rolling 12 months, quarterly 2003–2018. */
export const LONG_VIEW_INDICATOR = "ho-all-crime-excl-fraud";

export interface MsgViewState {
  indicator: string;
  /** null: not chosen yet (the latest month held is filled in and written to the URL). */
  month: Month | null;
  average: AverageMethod;
}

/** Reads ?indicator=&month=&average= leniently: a malformed value falls back to the default. */
export function readMsgState(params: URLSearchParams): MsgViewState {
  const indicator = params.get("indicator");
  const month = params.get("month");
  const average = params.get("average");
  return {
    indicator: indicator && /^[a-z0-9][a-z0-9-]{0,99}$/.test(indicator) ? indicator : DEFAULT_INDICATOR,
    month: month && isMonth(month) ? month : null,
    average: average === "simple" ? "simple" : "weighted",
  };
}

/** The URL for a state, keeping parameters other views own (?area=). */
export function writeMsgState(previous: URLSearchParams, state: MsgViewState): URLSearchParams {
  const next = new URLSearchParams(previous);
  next.set("indicator", state.indicator);
  if (state.month) next.set("month", state.month);
  else next.delete("month");
  next.set("average", state.average);
  return next;
}

/**
 * Rates per 1,000 in one month are small (burglary ≈ 0.2): two decimals keep the forces apart;
 * rolling 12-month rates (≈ 60) read the same way.
 */
export function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return value.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** "Dec 2025", or "12 months to Dec 2018" for a rolling total. */
export function periodLabel(month: Month, measure: string): string {
  return measure === "rolling 12 months" ? `12 months to ${formatMonth(month)}` : formatMonth(month);
}

export interface SnapshotInput {
  comparison: {
    average: number;
    averageLabel: string;
    forceCode: string;
    members: { code: string; count: number; population: number; rate: number; lower: number; upper: number; position: number; of: number; significance: string }[];
  } | null;
  forces: { code: string; name: string; count: number | null; population: number | null }[];
}

export interface MsgBarRow {
  code: string;
  name: string;
  isForce: boolean;
  count: number;
  population: number;
  rate: number;
  lower95: number;
  upper95: number;
  /** [rate − lower, upper − rate] for the chart's whiskers. */
  whisker: [number, number];
  position: number;
  of: number;
  /** Against the MSG average: "higher", "lower" or "not significant". */
  significance: string;
}

/** One row per member, best position first (the order the bars are drawn and the table lists). */
export function toMsgBarRows(snapshot: SnapshotInput): MsgBarRow[] {
  const { comparison } = snapshot;
  if (!comparison) return [];
  const nameOf = new Map(snapshot.forces.map((f) => [f.code, f.name]));
  return comparison.members
    .map((m) => ({
      code: m.code,
      name: nameOf.get(m.code) ?? m.code,
      isForce: m.code === comparison.forceCode,
      count: m.count,
      population: m.population,
      rate: m.rate,
      lower95: m.lower,
      upper95: m.upper,
      whisker: [m.rate - m.lower, m.upper - m.rate] as [number, number],
      position: m.position,
      of: m.of,
      significance: m.significance,
    }))
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}

export function significanceWords(significance: string): string {
  return significance === "higher" ? "significantly higher" : significance === "lower" ? "significantly lower" : "not significantly different";
}

export interface HistoryPointInput {
  month: string;
  status: string;
  position: number | null;
  of: number | null;
  rate: number | null;
  average: number | null;
  membersInGroup: number;
  membersWithFigures: number;
  missing: string[];
  national: { positionLabel: string } | null;
  significance: string | null;
  note: string;
}

export interface PositionRow {
  /** Month index (year × 12 + month − 1): the chart's x, so gaps in time show as gaps. */
  x: number;
  month: Month;
  label: string;
  /** null: not ranked (a member missing, no group, no population), or a break between runs. */
  position: number | null;
  of: number | null;
  rate: number | null;
  average: number | null;
  members: string;
  national: string;
  status: string;
  note: string;
  /** True for the points inserted where no figure is held at all, so the line breaks. */
  isBreak: boolean;
}

/**
 * Position over time: one row per month held, plus a break row wherever the next month held is
 * further away than the publication step (police.uk holds 2018–19, 2024 and 2025; the Home Office
 * tables were annual before 2007), so the line never joins months that are not there.
 */
export function toPositionRows(points: readonly HistoryPointInput[], measure: string, step: "month" | "quarter"): PositionRow[] {
  const stepMonths = step === "quarter" ? 3 : 1;
  const rows: PositionRow[] = [];
  let previous: number | null = null;
  for (const p of points) {
    if (!isMonth(p.month)) continue;
    const x = monthIndex(p.month);
    if (previous !== null && x - previous > stepMonths) {
      const gapMonth = monthFromIndex(Math.round((previous + x) / 2));
      rows.push({ x: (previous + x) / 2, month: gapMonth, label: "", position: null, of: null, rate: null, average: null, members: "", national: "", status: "not held", note: "", isBreak: true });
    }
    rows.push({
      x,
      month: p.month,
      label: periodLabel(p.month, measure),
      position: p.status === "ranked" ? p.position : null,
      of: p.of,
      rate: p.rate,
      average: p.average,
      members: `${p.membersWithFigures} of ${p.membersInGroup}`,
      national: p.national?.positionLabel ?? "",
      status: p.status,
      // A ranked month's position has its own column: the note says how it stands against the average.
      note: p.status === "ranked" && p.significance ? `${significanceWords(p.significance)} ${p.significance === "not significant" ? "from" : "than"} the MSG average` : p.note,
      isBreak: false,
    });
    previous = x;
  }
  return rows;
}

/** The rows for the table and CSV: the months held, without the chart's break rows. */
export function positionTableRows(rows: readonly PositionRow[]): PositionRow[] {
  return rows.filter((r) => !r.isBreak);
}

/** Year ticks (January of each year) across the rows, thinned to at most `max`. */
export function yearTicks(rows: readonly PositionRow[], max = 10): number[] {
  if (rows.length === 0) return [];
  return yearTicksBetween(rows[0]!.x, rows[rows.length - 1]!.x, max);
}

/** The position chart's x-axis: the window shown (?from= to ?to=, or the last three years) when there is one, the months held otherwise. */
export function positionAxis(rows: readonly PositionRow[], window?: { from: Month; to: Month } | null): { domain: [number, number]; ticks: number[] } {
  let first = window ? monthIndex(window.from) : (rows[0]?.x ?? 0);
  let last = window ? monthIndex(window.to) : (rows[rows.length - 1]?.x ?? 0);
  // A month held outside the window (none, as the API answers for the window) still lies on the axis.
  if (rows.length > 0) {
    first = Math.min(first, rows[0]!.x);
    last = Math.max(last, rows[rows.length - 1]!.x);
  }
  return { domain: [first - 1, last + 1], ticks: yearTicksBetween(first, last) };
}

function yearTicksBetween(firstX: number, lastX: number, max = 10): number[] {
  const first = Math.ceil(firstX / 12);
  const last = Math.floor(lastX / 12);
  const years: number[] = [];
  for (let y = first; y <= last; y++) years.push(y);
  const every = Math.max(1, Math.ceil(years.length / max));
  return years.filter((_, i) => i % every === 0).map((y) => y * 12);
}
