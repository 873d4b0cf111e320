/**
 * Comparing a force with its most similar group (MSG) of forces and ranking areas
 * (METHODS.md "Comparing areas").
 */
import { fsum, mean } from "d3-array";
import type { Direction } from "../indicators";
import { byarInterval, type RateInterval } from "./rates";

export interface RankedArea {
  code: string;
  value: number | null;
  /** 1 = best in the improvement direction (highest first when the indicator has no direction); null when value is missing. */
  position: number | null;
  /** How many areas have a value and were ranked. */
  of: number;
}

/**
 * Ranks areas for a league position ("5th of 8"; district rank, national position of 43).
 * 1st = best in the improvement direction (METHODS.md): highest first when higher is better,
 * lowest first when lower is better, highest first when the indicator has no direction (then
 * the position says "highest", not "best"). Ties share a position and the next is skipped
 * (1, 2, 2, 4), as league tables do. Areas without a value are not ranked.
 */
export function rankAreas(areas: readonly { code: string; value: number | null }[], direction: Direction): RankedArea[] {
  const ranked = areas.filter((a): a is { code: string; value: number } => a.value != null && !Number.isNaN(a.value));
  const better = (x: number, y: number) => (direction === "lower" ? x < y : x > y);
  const of = ranked.length;
  return areas.map(({ code, value }) => {
    if (value == null || Number.isNaN(value)) return { code, value: null, position: null, of };
    return { code, value, position: 1 + ranked.filter((other) => better(other.value, value)).length, of };
  });
}

/** 1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd". */
export function ordinal(n: number): string {
  const lastTwo = n % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

/** "5th of 8". */
export function positionLabel(position: number, of: number): string {
  return `${ordinal(position)} of ${of}`;
}

export interface MsgMember {
  code: string;
  count: number;
  population: number;
}

export type MsgAverageMethod = "weighted" | "simple";

export type Significance = "higher" | "lower" | "not significant";

export interface MsgForceRow extends Omit<RateInterval, "method"> {
  code: string;
  /** "wilson" when the row is a proportion (count = successes, population = n, per = 100). */
  method: RateInterval["method"] | "wilson";
  position: number;
  of: number;
  positionLabel: string;
  /** Compared with the MSG average: "higher" when the 95% interval lies wholly above it. */
  significance: Significance;
}

export interface MsgComparison {
  forceCode: string;
  direction: Direction;
  averageMethod: MsgAverageMethod;
  /** "MSG average (weighted by population)" or "MSG average (simple mean of rates)": show it beside the number. */
  averageLabel: string;
  /** Rate per `per`. */
  average: number;
  per: number;
  level: number;
  /** The chosen force. */
  force: MsgForceRow;
  /** Every member, in the order given. */
  members: MsgForceRow[];
  /** The force's position nationally, when national figures were given. */
  national: { position: number; of: number; positionLabel: string } | null;
}

export interface MsgComparisonOptions {
  forceCode: string;
  /** The MSG's forces including the force itself (8 in the HMICFRS groups). */
  members: readonly MsgMember[];
  direction: Direction;
  /** "weighted" (default): Σcount ÷ Σpopulation. "simple": mean of the members' rates. */
  average?: MsgAverageMethod;
  per?: number;
  level?: number;
  /** All forces (43 in England and Wales), to add the national position. */
  national?: readonly MsgMember[];
}

/**
 * A force against its most similar group (METHODS.md "MSG comparison"). MSG average =
 * Σcounts ÷ Σpopulation of the group including the force (weighted, default), or the simple mean
 * of the members' rates; the result says which. Each force's rate carries a Byar / exact Poisson
 * interval (see `byarInterval`); "significantly higher/lower" means that interval excludes the
 * average, with strict comparisons. Position 1 = best in the improvement direction.
 */
export function msgComparison(options: MsgComparisonOptions): MsgComparison {
  const { forceCode, members, direction, average: averageMethod = "weighted", per = 1000, level = 0.95 } = options;
  if (!members.some((m) => m.code === forceCode)) {
    throw new RangeError(`force ${forceCode} is not among the MSG members given`);
  }
  const intervals = members.map((m) => byarInterval(m.count, m.population, { per, level }));
  const average =
    averageMethod === "weighted"
      ? (fsum(members, (m) => m.count) / fsum(members, (m) => m.population)) * per
      : (mean(intervals, (i) => i.rate) ?? Number.NaN);
  const ranks = rankAreas(
    members.map((m, i) => ({ code: m.code, value: intervals[i]!.rate })),
    direction,
  );
  const rows: MsgForceRow[] = members.map((m, i) => {
    const interval = intervals[i]!;
    const rank = ranks[i]!;
    const position = rank.position ?? rank.of;
    return {
      ...interval,
      code: m.code,
      position,
      of: rank.of,
      positionLabel: positionLabel(position, rank.of),
      significance: interval.lower > average ? "higher" : interval.upper < average ? "lower" : "not significant",
    };
  });
  return {
    forceCode,
    direction,
    averageMethod,
    averageLabel:
      averageMethod === "weighted" ? "MSG average (weighted by population)" : "MSG average (simple mean of rates)",
    average,
    per,
    level,
    force: rows.find((r) => r.code === forceCode)!,
    members: rows,
    national: options.national ? nationalPosition(forceCode, options.national, direction, per) : null,
  };
}

function nationalPosition(
  forceCode: string,
  forces: readonly MsgMember[],
  direction: Direction,
  per: number,
): MsgComparison["national"] {
  const ranks = rankAreas(
    forces.map((f) => ({ code: f.code, value: f.population > 0 ? (f.count / f.population) * per : null })),
    direction,
  );
  const rank = ranks.find((r) => r.code === forceCode);
  if (!rank || rank.position === null) return null;
  return { position: rank.position, of: rank.of, positionLabel: positionLabel(rank.position, rank.of) };
}
