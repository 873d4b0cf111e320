import type { Kysely } from "kysely";
import {
  nameInSentence,
  isRollingTwelveMonthTotal,
  periodCoveredBy,
  formatMonth,
  compareWithGroup,
  averageLabelFor,
  ordinal,
  populationYearFor,
  type Indicator,
  type Month,
  type MonthWindow,
  type MsgAverageMethod,
  type MsgHistoryStatus,
  type PopulationYear,
  type Significance,
  describeMsgHistory,
} from "@scrutiny/domain";
import { comparisonGroupsFor, findBatches, listAreas, observationsFor, populationsFor, type ComparisonGroupWithMembers, type Database } from "@scrutiny/db";
import { requireForce, requireIndicator } from "./series";
import { measureOf } from "./forces";

/**
 * A force's position in its Most Similar Group month by month (METHODS.md "MSG comparison"):
 * for every month the indicator is held for the force, the group valid in that month, each
 * member's rate per 1,000, the MSG average and the force's position. A month where a member has
 * no figure (or no population) is reported as such and not ranked: ranking on seven forces and
 * calling it "of 8" would silently change the league.
 */

export interface MsgHistoryPoint {
  month: Month;
  /** The months the figure covers: the month itself, or the 12 months to it for rolling totals. */
  period: MonthWindow;
  status: MsgHistoryStatus;
  groupId: string | null;
  /** Members of the group valid that month (the force included). */
  membersInGroup: number;
  /** Members with both a figure and a population that month. */
  membersWithFigures: number;
  /** Names of members without a figure or population: why the month is not ranked. */
  missing: string[];
  /** The force's own count and rate per 1,000 (with its 95% interval) when it has them. */
  count: number | null;
  rate: number | null;
  lower95: number | null;
  upper95: number | null;
  /** Only when ranked. */
  average: number | null;
  position: number | null;
  of: number | null;
  positionLabel: string | null;
  significance: Significance | null;
  /** The force's position among all forces of England and Wales, when every force has a figure. */
  national: { position: number; of: number; positionLabel: string } | null;
  population: PopulationYear | null;
  /** One short phrase for the table: "3rd of 8", "not ranked: no figure for Avon and Somerset". */
  note: string;
}

export interface MsgHistoryResponse {
  indicator: Indicator;
  force: { code: string; name: string };
  averageMethod: MsgAverageMethod;
  averageLabel: string;
  /** 1,000 for rates per 1,000 population, 100 for percentages. */
  per: number;
  unit: "per 1,000 population" | "percentage";
  /** "month" for monthly counts; "rolling 12 months" for the Home Office totals stored at a window's last month. */
  measure: "month" | "rolling 12 months";
  /** "month" or "quarter": how often the indicator is published, for the words around the chart. */
  step: "month" | "quarter";
  groups: { id: string; name: string; validFrom: string; validTo: string | null; source: string; members: { code: string; name: string }[] }[];
  points: MsgHistoryPoint[];
  sources: { batchId: string; fileName: string }[];
  sentence: string;
}

/**
 * Home Office recorded crime is published as rolling 12-month totals stored against the window's
 * last month (docs/decisions/008): its rate divides by the population of the year containing the
 * window's mid-point (METHODS.md "Rates per 1,000 population"), not of the last month's year.
 */
/** Kept under their first names for this module's callers; the definition lives in the domain. */
export const isRollingTwelveMonths = isRollingTwelveMonthTotal;
export const periodOf = periodCoveredBy;

/** The group whose dated membership covers `month` (valid_to inclusive, open when null). */
export function groupValidAt<G extends { valid_from: string; valid_to: string | null }>(groups: readonly G[], month: Month): G | undefined {
  return groups.find((g) => g.valid_from <= month && (g.valid_to === null || g.valid_to >= month));
}

export interface MsgMonthInput {
  month: Month;
  period: MonthWindow;
  forceCode: string;
  group: { id: string; members: readonly string[] } | undefined;
  /** Count per force area code in this month. */
  counts: ReadonlyMap<string, number>;
  /** The population year for the period (null when none covers it) and each area's population in it. */
  population: PopulationYear | null;
  populations: ReadonlyMap<string, number>;
  /** Every force area of England and Wales, for the national position. */
  allForces: readonly string[];
  nameOf: (code: string) => string;
  direction: Indicator["direction"];
  average: MsgAverageMethod;
  /** "proportion": `counts` are numerators and `populations` the month's denominators (n); no population estimate is needed. */
  measure?: "rate" | "proportion";
}

/** One month's position, or the reason there is none: pure, so the rules are tested directly. */
export function msgMonth(input: MsgMonthInput): MsgHistoryPoint {
  const { month, period, forceCode, group, counts, population, populations, nameOf } = input;
  const forceCount = counts.get(forceCode) ?? null;
  const forcePopulation = populations.get(forceCode) ?? null;
  const base: MsgHistoryPoint = {
    month,
    period,
    status: "ranked",
    groupId: group?.id ?? null,
    membersInGroup: group?.members.length ?? 0,
    membersWithFigures: 0,
    missing: [],
    count: forceCount,
    rate: forceCount !== null && forcePopulation ? (forceCount / forcePopulation) * 1000 : null,
    lower95: null,
    upper95: null,
    average: null,
    position: null,
    of: null,
    positionLabel: null,
    significance: null,
    national: null,
    population,
    note: "",
  };
  if (!group) {
    const alsoPopulation = population ? "" : " (nor a population estimate)";
    return { ...base, status: "no group", note: `not ranked: no Most Similar Group is recorded for ${formatMonth(month)}${alsoPopulation}` };
  }
  // The same comparison as GET /api/compare/msg for one month (compareWithGroup in the domain).
  const proportion = input.measure === "proportion";
  const ranked = compareWithGroup({
    forceCode,
    groupMembers: group.members,
    figureOf: (code) => ({ count: counts.get(code), population: populations.get(code) }),
    allForces: input.allForces,
    measure: proportion ? "proportion" : "rate",
    direction: input.direction,
    average: input.average,
  });
  const missing = ranked.missing.map(nameOf);
  const counted = { ...base, membersWithFigures: ranked.withFigures.length, missing };
  if (!population && !proportion) return { ...counted, status: "no population", note: "not ranked: no population estimate is held for the period" };
  if (!ranked.comparison) return { ...counted, status: "member missing", note: `not ranked: no figure for ${missing.join(", ")}` };
  const comparison = ranked.comparison;
  const { force } = comparison;
  return {
    ...counted,
    rate: force.rate,
    lower95: force.lower,
    upper95: force.upper,
    average: comparison.average,
    position: force.position,
    of: force.of,
    positionLabel: force.positionLabel,
    significance: force.significance,
    national: comparison.national,
    note: input.direction === "neither" ? `${ordinal(force.position)} highest of ${force.of}` : force.positionLabel,
  };
}

export async function msgHistory(db: Kysely<Database>, query: { indicator: string; force: string; average: MsgAverageMethod; from?: Month; to?: Month }): Promise<MsgHistoryResponse> {
  const indicator = await requireIndicator(db, query.indicator);
  const force = await requireForce(db, query.force);
  const measure = measureOf(indicator);

  const areas = await listAreas(db);
  const forceCodes = areas.filter((a) => a.kind === "force").map((a) => a.code);
  const nameOf = new Map(areas.map((a) => [a.code, a.name]));
  const groups: ComparisonGroupWithMembers[] = await comparisonGroupsFor(db, force.code);
  // One query per force area (43): the repositories answer per area, and each is a short index scan.
  const observations = (await Promise.all(forceCodes.map((code) => observationsFor(db, { indicatorId: indicator.id, areaCode: code })))).flat();
  const countsByMonth = new Map<string, Map<string, number>>();
  // Proportions: numerator and denominator (n) of each force in each month.
  const denominatorsByMonth = new Map<string, Map<string, number>>();
  for (const o of observations) {
    const numerator = measure === "rate" ? o.value : o.numerator;
    if (numerator == null) continue;
    if (measure === "proportion") {
      if (o.denominator == null || !(o.denominator > 0)) continue;
      denominatorsByMonth.set(o.month, (denominatorsByMonth.get(o.month) ?? new Map<string, number>()).set(o.area_code, o.denominator));
    }
    const month = countsByMonth.get(o.month) ?? new Map<string, number>();
    month.set(o.area_code, numerator);
    countsByMonth.set(o.month, month);
  }
  const populationRows = await populationsFor(db, forceCodes);
  const years = [...new Set(populationRows.map((r) => r.year))];
  const populationsByYear = new Map<number, Map<string, number>>();
  for (const r of populationRows) populationsByYear.set(r.year, (populationsByYear.get(r.year) ?? new Map()).set(r.area_code, r.value));

  const forceMonths = observations.filter((o) => o.area_code === force.code && o.value !== null).map((o) => o.month as Month)
    .filter((month) => (!query.from || month >= query.from) && (!query.to || month <= query.to))
    .sort();
  const points = forceMonths.map((month) => {
    const period = periodOf(indicator, month);
    const population = populationYearFor(period, years);
    const group = groupValidAt(groups, month);
    return msgMonth({
      month,
      period,
      forceCode: force.code,
      group: group && { id: group.id, members: group.members },
      counts: countsByMonth.get(month) ?? new Map(),
      population: measure === "rate" ? population : null,
      populations: measure === "proportion" ? (denominatorsByMonth.get(month) ?? new Map()) : ((population && populationsByYear.get(population.year)) ?? new Map()),
      measure,
      allForces: forceCodes,
      nameOf: (code) => nameOf.get(code) ?? code,
      direction: indicator.direction,
      average: query.average,
    });
  });

  const memberCodes = new Set(groups.flatMap((g) => g.members));
  const batchIds = [...new Set(observations.filter((o) => memberCodes.has(o.area_code) || o.area_code === force.code).map((o) => o.batch_id))];
  const batches = await findBatches(db, batchIds);
  const step = indicator.cadence === "quarterly" ? "quarter" : "month";
  return {
    indicator,
    force: { code: force.code, name: force.name },
    averageMethod: query.average,
    averageLabel: averageLabelFor(measure, query.average),
    per: measure === "rate" ? 1000 : 100,
    unit: measure === "rate" ? "per 1,000 population" : "percentage",
    measure: isRollingTwelveMonths(indicator) ? "rolling 12 months" : "month",
    step,
    groups: groups.map((g) => ({
      id: g.id,
      name: g.name,
      validFrom: g.valid_from,
      validTo: g.valid_to,
      source: g.source,
      members: g.members.map((code) => ({ code, name: nameOf.get(code) ?? code })),
    })),
    points,
    sources: batches.map((b) => ({ batchId: b.id, fileName: b.file_name })),
    sentence: describeMsgHistory(points, { forceName: force.name, indicatorName: nameInSentence(indicator.name), step, direction: indicator.direction }),
  };
}
