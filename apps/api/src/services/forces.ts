import type { Kysely } from "kysely";
import {
  compareForceFigures,
  comparisonPeriodLabel,
  comparisonPeriodWindow,
  formatMonth,
  isRollingTwelveMonthTotal,
  nameInSentence,
  populationYearFor,
  positionLabel,
  windowFigure,
  type ComparisonMeasure,
  type ComparisonPeriod,
  type ForceFigure,
  type Indicator,
  type Month,
  type MonthWindow,
  type MsgAverageMethod,
  type PopulationYear,
  type Significance,
} from "@scrutiny/domain";
import { comparisonGroupsFor, findBatches, latestMonthFor, listAreas, observationsInWindow, populationsFor, type Database } from "@scrutiny/db";
import { BadRequestError, NotFoundError } from "../errors";
import { requireForce, requireIndicator } from "./series";

/**
 * Comparing forces on one indicator and period: any forces the user picks (or a saved peer group),
 * or every force area with a figure, ranked (the national "ski-slope"). Counts are compared as
 * rates per 1,000 population, percentages (solved rates) as proportions with Wilson intervals.
 */

export interface PeriodInfo {
  kind: ComparisonPeriod;
  from: Month;
  to: Month;
  /** "Dec 2025", "12 months to Dec 2025", "financial year 2025/26 to date (Apr 2025 – Dec 2025)" */
  label: string;
}

export interface FiguresForWindow {
  measure: ComparisonMeasure;
  figures: Map<string, ForceFigure & { complete: boolean; missingMonths: Month[] }>;
  population: PopulationYear | null;
  batchIds: Set<string>;
}

export function measureOf(indicator: Indicator): ComparisonMeasure {
  if (indicator.unit === "count") return "rate";
  if (indicator.unit === "percentage") return "proportion";
  throw new BadRequestError(`indicator: forces are compared on counts (per 1,000 population) or percentages with a numerator and denominator; ${indicator.name} is in ${indicator.unit}`);
}

/** The window a period covers, refusing periods the indicator cannot be summed over. */
export function periodFor(indicator: Indicator, month: Month, period: ComparisonPeriod): PeriodInfo {
  if (period !== "month" && isRollingTwelveMonthTotal(indicator)) {
    throw new BadRequestError(`period: ${indicator.name} is published as rolling 12-month totals at each quarter end; compare it with period=month (each figure already covers 12 months)`);
  }
  const window = comparisonPeriodWindow(month, period);
  const covered = isRollingTwelveMonthTotal(indicator) ? comparisonPeriodWindow(month, "rolling-12") : window;
  return { kind: period, from: covered.from, to: covered.to, label: isRollingTwelveMonthTotal(indicator) ? comparisonPeriodLabel(month, "rolling-12") : comparisonPeriodLabel(month, period) };
}

/** Each area's numerator and denominator over the window (population for counts), with what is missing. */
export async function figuresForWindow(db: Kysely<Database>, indicator: Indicator, codes: readonly string[], month: Month, window: MonthWindow): Promise<FiguresForWindow> {
  const measure = measureOf(indicator);
  // A Home Office figure is stored at the window's last month and already covers the 12 months.
  const stored = isRollingTwelveMonthTotal(indicator) ? { from: month, to: month } : window;
  const observations = await observationsInWindow(db, { indicatorId: indicator.id, from: stored.from, to: stored.to, areaCodes: codes });
  const byArea = new Map<string, typeof observations>();
  const batchIds = new Set<string>();
  for (const o of observations) {
    const list = byArea.get(o.area_code) ?? [];
    list.push(o);
    byArea.set(o.area_code, list);
    batchIds.add(o.batch_id);
  }
  let population: PopulationYear | null = null;
  let populations = new Map<string, number>();
  if (measure === "rate") {
    const rows = await populationsFor(db, codes);
    const years = [...new Set(rows.map((r) => r.year))];
    population = populationYearFor(window, years);
    populations = new Map(rows.filter((r) => r.year === population?.year).map((r) => [r.area_code, r.value]));
  }
  const figures = new Map<string, ForceFigure & { complete: boolean; missingMonths: Month[] }>();
  for (const code of codes) {
    const total = windowFigure(byArea.get(code) ?? [], stored, measure);
    figures.set(code, {
      code,
      numerator: total.numerator,
      denominator: measure === "rate" ? (populations.get(code) ?? null) : total.denominator,
      complete: total.complete,
      missingMonths: total.missingMonths,
    });
  }
  return { measure, figures, population, batchIds };
}

export interface ComparedForceRow {
  code: string;
  name: string;
  /** Rate per 1,000 or percentage; null when the force has no complete figure for the period. */
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** Count, or successes for a percentage. */
  numerator: number | null;
  /** Population, or n (the denominator) for a percentage. */
  denominator: number | null;
  position: number | null;
  of: number;
  positionLabel: string | null;
  significance: Significance | null;
  isForce: boolean;
  inMsg: boolean;
  /** False when a month of the period has no figure: the total is then not shown. */
  complete: boolean;
  missingMonths: Month[];
}

export interface ForcesResponse {
  indicator: Indicator;
  month: Month;
  period: PeriodInfo;
  measure: "per 1,000 population" | "percentage";
  /** The highlighted force. */
  force: { code: string; name: string };
  /** The force's Most Similar Group valid at the month (highlighted), when one is recorded. */
  group: { id: string; name: string; validFrom: string; validTo: string | null; members: string[] } | null;
  /** "national" when no forces were given: every force area, ranked. */
  scope: "chosen" | "national";
  averageLabel: string;
  average: number | null;
  range: { lowest: { value: number; forces: { code: string; name: string }[] }; highest: { value: number; forces: { code: string; name: string }[] } } | null;
  median: number | null;
  /** Ranked first (position order), then the forces without a figure. */
  forces: ComparedForceRow[];
  /** Forces asked for (or every force area, nationally) with no complete figure for the period, and why. */
  missing: { code: string; name: string; reason: string }[];
  population: PopulationYear | null;
  sources: { batchId: string; fileName: string }[];
  sentence: string;
}

const MAX_FORCES = 60;

export async function compareForces(
  db: Kysely<Database>,
  query: { indicator: string; month?: Month; period: ComparisonPeriod; forces?: string[]; force: string; average: MsgAverageMethod },
): Promise<ForcesResponse> {
  const indicator = await requireIndicator(db, query.indicator);
  const measure = measureOf(indicator);
  const force = await requireForce(db, query.force);
  const areas = await listAreas(db);
  const forceAreas = areas.filter((a) => a.kind === "force");
  const nameOf = new Map(areas.map((a) => [a.code, a.name]));
  let codes: string[];
  if (query.forces && query.forces.length > 0) {
    if (query.forces.length > MAX_FORCES) throw new BadRequestError(`forces: at most ${MAX_FORCES} forces`);
    codes = [...new Set(query.forces)];
    for (const code of codes) {
      const area = areas.find((a) => a.code === code);
      if (!area) throw new NotFoundError(`No area with code "${code}"`);
      if (area.kind !== "force") throw new BadRequestError(`forces: ${code} (${area.name}) is a district, not a force area`);
    }
  } else {
    codes = forceAreas.map((a) => a.code);
  }
  const month = query.month ?? ((await latestMonthFor(db, indicator.id, force.code)) as Month | undefined);
  if (!month) throw new NotFoundError(`No figures for indicator "${indicator.id}" in ${force.name}`);
  const period = periodFor(indicator, month, query.period);
  const { figures, population, batchIds } = await figuresForWindow(db, indicator, codes, month, { from: period.from, to: period.to });
  const group = (await comparisonGroupsFor(db, force.code)).find((g) => g.valid_from <= month && (g.valid_to === null || g.valid_to >= month)) ?? null;
  const msg = new Set(group?.members ?? []);
  const scope = query.forces && query.forces.length > 0 ? "chosen" : "national";

  const usable = codes.map((c) => figures.get(c)!).filter((f) => f.complete);
  const comparison = compareForceFigures({
    figures: usable,
    measure,
    direction: indicator.direction,
    average: query.average,
    groupLabel: scope === "national" ? "Average of all forces with a figure" : "Average of the forces shown",
  });
  const compared = new Map(comparison.forces.map((f) => [f.code, f]));
  const rows: ComparedForceRow[] = codes.map((code) => {
    const figure = figures.get(code)!;
    const c = compared.get(code);
    return {
      code,
      name: nameOf.get(code) ?? code,
      value: c?.value ?? null,
      lower: c?.lower ?? null,
      upper: c?.upper ?? null,
      numerator: figure.numerator,
      denominator: figure.denominator,
      position: c?.position ?? null,
      of: comparison.forces.length,
      positionLabel: c ? positionLabel(c.position, c.of) : null,
      significance: c?.significance ?? null,
      isForce: code === force.code,
      inMsg: msg.has(code),
      complete: figure.complete && c !== undefined,
      missingMonths: figure.missingMonths,
    };
  });
  rows.sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || a.name.localeCompare(b.name));
  const missing = rows
    .filter((r) => r.value === null)
    .map((r) => {
      const f = figures.get(r.code)!;
      const reason = !f.complete
        ? f.missingMonths.length === monthCount(period)
          ? `no figure for ${period.label}`
          : `no figure for ${f.missingMonths.map((m) => formatMonth(m)).join(", ")}, so the ${period.label} total is incomplete`
        : measure === "rate"
          ? "no population estimate for the period"
          : "no numerator and denominator";
      return { code: r.code, name: r.name, reason };
    });
  const named = (list: string[]) => list.map((code) => ({ code, name: nameOf.get(code) ?? code }));
  const range = comparison.range
    ? { lowest: { value: comparison.range.lowest.value, forces: named(comparison.range.lowest.codes) }, highest: { value: comparison.range.highest.value, forces: named(comparison.range.highest.codes) } }
    : null;
  const batches = await findBatches(db, [...batchIds]);
  const result: ForcesResponse = {
    indicator,
    month,
    period,
    measure: measure === "rate" ? "per 1,000 population" : "percentage",
    force: { code: force.code, name: force.name },
    group: group ? { id: group.id, name: group.name, validFrom: group.valid_from, validTo: group.valid_to, members: group.members } : null,
    scope,
    averageLabel: comparison.averageLabel,
    average: comparison.forces.length > 0 ? comparison.average : null,
    range,
    median: comparison.median,
    forces: rows,
    missing,
    population,
    sources: batches.map((b) => ({ batchId: b.id, fileName: b.file_name })),
    sentence: "",
  };
  result.sentence = describeForces(result);
  return result;
}

function monthCount(period: PeriodInfo): number {
  const [fy, fm] = period.from.split("-").map(Number) as [number, number];
  const [ty, tm] = period.to.split("-").map(Number) as [number, number];
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** A figure in the comparison's measure: "14.7%" or "3.21 per 1,000". */
export function formatComparedValue(value: number, measure: ForcesResponse["measure"]): string {
  return measure === "percentage" ? `${value.toFixed(1)}%` : `${value.toFixed(2)} per 1,000`;
}

/** One sentence: the force's figure and position, the range with its forces, the median, who is missing. */
export function describeForces(r: ForcesResponse): string {
  const name = nameInSentence(r.indicator.name);
  const row = r.forces.find((f) => f.isForce);
  const fmt = (v: number) => formatComparedValue(v, r.measure);
  const parts: string[] = [];
  const scopeWords = r.scope === "national" ? "force areas with a figure" : "forces shown";
  if (row && row.value !== null && row.positionLabel) {
    const n = r.measure === "percentage" && row.denominator !== null ? ` (n = ${row.denominator.toLocaleString("en-GB")})` : "";
    parts.push(`In ${r.period.label}, ${row.name}'s ${name} was ${fmt(row.value)}${n}, ${row.positionLabel} ${scopeWords}${r.indicator.direction === "neither" ? " (1st = highest)" : ""}`);
  } else if (row) {
    parts.push(`In ${r.period.label}, ${row.name} has no complete figure for ${name}`);
  } else {
    parts.push(`In ${r.period.label}, ${name} across the ${scopeWords}`);
  }
  if (r.range) {
    const who = (list: { name: string }[]) => list.map((f) => f.name).join(" and ");
    parts.push(`the range was ${fmt(r.range.lowest.value)} (${who(r.range.lowest.forces)}) to ${fmt(r.range.highest.value)} (${who(r.range.highest.forces)})${r.median !== null ? `, median ${fmt(r.median)}` : ""}`);
  }
  let sentence = parts.join("; ") + ".";
  if (r.missing.length > 0) sentence += ` No complete figure for ${r.missing.map((m) => m.name).join(", ")}.`;
  return sentence;
}

export interface NationalPosition {
  position: number;
  /** Forces ranked (those with a figure). */
  of: number;
  /** Force areas in England and Wales (43): `of` is smaller when some have no figure. */
  forceAreas: number;
  /** "7th of 43", or "12th of 39 forces with a figure" when some have none. */
  label: string;
  month: Month;
  /** "Dec 2025" or "12 months to Dec 2018". */
  period: string;
}

/**
 * The force's position among every force area with a figure in the month (1st = best), for the
 * scorecard and the indicator page; null for districts, other units, or when the force has none.
 */
export async function nationalPositionFor(db: Kysely<Database>, indicator: Indicator, forceCode: string, month: Month): Promise<NationalPosition | null> {
  if (indicator.unit !== "count" && indicator.unit !== "percentage") return null;
  const forceAreas = (await listAreas(db)).filter((a) => a.kind === "force").map((a) => a.code);
  if (!forceAreas.includes(forceCode)) return null;
  const period = periodFor(indicator, month, "month");
  const { figures } = await figuresForWindow(db, indicator, forceAreas, month, { from: period.from, to: period.to });
  const comparison = compareForceFigures({ figures: [...figures.values()].filter((f) => f.complete), measure: measureOf(indicator), direction: indicator.direction });
  const row = comparison.forces.find((f) => f.code === forceCode);
  // A position among one force says nothing (the shipped sample series are Essex's alone).
  if (!row || row.of < 2) return null;
  const all = row.of === forceAreas.length;
  return {
    position: row.position,
    of: row.of,
    forceAreas: forceAreas.length,
    label: all ? row.positionLabel : `${row.positionLabel} forces with a figure`,
    month,
    period: period.label,
  };
}
