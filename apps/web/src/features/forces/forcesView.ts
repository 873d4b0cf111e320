/**
 * Pure mappers for the forces comparison: the URL state and the ranked rows the ski-slope chart,
 * its table and its CSV all draw from.
 */
import { isMonth, type Month } from "@scrutiny/domain";

export const PERIODS = [
  ["month", "Month"],
  ["rolling-12", "Rolling 12 months"],
  ["fytd", "Financial year to date"],
] as const;
export type PeriodKind = (typeof PERIODS)[number][0];

export interface ForcesViewState {
  indicator: string;
  month: Month | null;
  period: PeriodKind;
  /** Force codes chosen; empty = every force (the national ranking). */
  forces: string[];
  average: "weighted" | "simple";
}

export const DEFAULT_FORCES_INDICATOR = "police-uk-all-crime-solved-rate";

export function readForcesState(params: URLSearchParams): ForcesViewState {
  const indicator = params.get("indicator");
  const month = params.get("month");
  const period = params.get("period");
  const forces = (params.get("forces") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => /^[EW]\d{8}$/.test(s))
    .slice(0, 60);
  return {
    indicator: indicator && /^[a-z0-9][a-z0-9-]{0,99}$/.test(indicator) ? indicator : DEFAULT_FORCES_INDICATOR,
    month: month && isMonth(month) ? month : null,
    period: PERIODS.some(([p]) => p === period) ? (period as PeriodKind) : "month",
    forces: [...new Set(forces)],
    average: params.get("average") === "simple" ? "simple" : "weighted",
  };
}

export function writeForcesState(previous: URLSearchParams, state: ForcesViewState): URLSearchParams {
  const next = new URLSearchParams(previous);
  next.set("indicator", state.indicator);
  if (state.month) next.set("month", state.month);
  else next.delete("month");
  next.set("period", state.period);
  if (state.forces.length > 0) next.set("forces", state.forces.join(","));
  else next.delete("forces");
  next.set("average", state.average);
  return next;
}

export interface SkiRow {
  code: string;
  name: string;
  /** 1…n along the slope, best first (ties keep the API's order). */
  x: number;
  value: number;
  lower: number;
  upper: number;
  /** [value − lower, upper − value] for the whiskers. */
  whisker: [number, number];
  position: number;
  of: number;
  isForce: boolean;
  inMsg: boolean;
  kind: "force" | "msg" | "other";
}

/** The ranked forces with a figure, best first, as the ski-slope draws them. */
export function skiSlopeRows(forces: readonly { code: string; name: string; value: number | null; lower: number | null; upper: number | null; position: number | null; of: number; isForce: boolean; inMsg: boolean }[]): SkiRow[] {
  const ranked = forces.filter((f) => f.value !== null && f.lower !== null && f.upper !== null && f.position !== null);
  return ranked
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.position! - b.f.position! || a.i - b.i)
    .map(({ f }, i) => ({
      code: f.code,
      name: f.name,
      x: i + 1,
      value: f.value!,
      lower: f.lower!,
      upper: f.upper!,
      whisker: [f.value! - f.lower!, f.upper! - f.value!] as [number, number],
      position: f.position!,
      of: f.of,
      isForce: f.isForce,
      inMsg: f.inMsg,
      kind: f.isForce ? "force" : f.inMsg ? "msg" : "other",
    }));
}

/** "14.7%" or "3.21": the comparison's measure, with enough digits to tell forces apart. */
export function formatMeasure(value: number | null | undefined, measure: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return measure === "percentage" ? `${value.toFixed(1)}%` : value.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
