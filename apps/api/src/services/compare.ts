import type { Kysely } from "kysely";
import { byarInterval, classifyFunnelPoint, describeMsgPosition, funnelDenominators, funnelLimits, msgComparison, periodCoveredBy, nameInSentence, populationYearFor, positionLabel, rankAreas, wilsonInterval, formatMonth, type FunnelBand, type FunnelLimitRow, type Indicator, type Month, type MsgAverageMethod, type MsgComparison, type PopulationYear, maxOf, minOf } from "@scrutiny/domain";
import { comparisonGroupsFor, findBatches, latestMonthFor, listAreas, observationsInMonth, populationsFor, type Area, type ComparisonGroupWithMembers, type Database, type Observation, type Population } from "@scrutiny/db";
import { BadRequestError, NotFoundError } from "../errors";
import { requireArea, requireIndicator } from "./series";

/**
 * Comparing areas for one indicator and month: the districts of a force (rate per 1,000 with
 * intervals, rank, funnel plot around the force rate), and a force against its Most Similar Group.
 */
export interface DistrictRow {
  code: string;
  name: string;
  /** Count (or successes, for a percentage). */
  count: number | null;
  /** Population (or trials, for a percentage). */
  denominator: number | null;
  /** Per 1,000 population for counts; percentage for proportions. */
  value: number | null;
  lower95: number | null;
  upper95: number | null;
  lower998: number | null;
  upper998: number | null;
  position: number | null;
  of: number;
  positionLabel: string | null;
  /** Where the district falls on the funnel around the force value. */
  band: FunnelBand | null;
}

export interface DistrictComparison {
  indicator: Indicator;
  month: Month;
  /** "per 1,000 population" for counts, "percentage" for proportions. */
  measure: "per 1,000 population" | "percentage";
  force: DistrictRow;
  districts: DistrictRow[];
  population: PopulationYear | null;
  funnel: { kind: "poisson" | "binomial"; target: number; curve: FunnelLimitRow[] };
  sources: { batchId: string; fileName: string }[];
  sentence: string;
}

async function monthFor(db: Kysely<Database>, indicatorId: string, areaCode: string, month: Month | undefined): Promise<Month> {
  if (month) return month;
  const latest = await latestMonthFor(db, indicatorId, areaCode);
  if (!latest) throw new NotFoundError(`No figures for indicator "${indicatorId}" in area ${areaCode}`);
  return latest as Month;
}

/** Populations for a set of areas in the year METHODS.md prescribes for the period a figure covers. */
async function populationsAt(db: Kysely<Database>, codes: readonly string[], period: { from: Month; to: Month }) {
  return populationsInYear(await populationsFor(db, codes), period);
}

function populationsInYear(rows: readonly Population[], period: { from: Month; to: Month }) {
  const years = [...new Set(rows.map((r) => r.year))];
  const year = populationYearFor(period, years);
  const byArea = new Map(rows.filter((r) => r.year === year?.year).map((r) => [r.area_code, r.value]));
  return { year, byArea };
}

export async function compareDistricts(db: Kysely<Database>, query: { indicator: string; month?: Month; force: string }): Promise<DistrictComparison> {
  const indicator = await requireIndicator(db, query.indicator);
  const force = await requireArea(db, query.force);
  if (force.kind !== "force") throw new BadRequestError(`force: ${force.code} is a district, not a force area`);
  const month = await monthFor(db, indicator.id, force.code, query.month);
  const districts = (await listAreas(db)).filter((a) => a.parent_code === force.code).sort((a, b) => a.name.localeCompare(b.name));
  const codes = [force.code, ...districts.map((d) => d.code)];
  const observations = new Map((await observationsInMonth(db, { indicatorId: indicator.id, month, areaCodes: codes })).map((o) => [o.area_code, o]));
  const forceObservation = observations.get(force.code);
  if (!forceObservation) throw new NotFoundError(`No figure for ${nameInSentence(indicator.name)} in ${force.name} in ${formatMonth(month)}`);

  let rows: DistrictRow[];
  let forceRow: DistrictRow;
  let funnel: DistrictComparison["funnel"];
  let population: PopulationYear | null = null;
  let measure: DistrictComparison["measure"];
  if (indicator.unit === "count") {
    measure = "per 1,000 population";
    const populations = await populationsAt(db, codes, periodCoveredBy(indicator, month));
    population = populations.year;
    const rateRow = (code: string, name: string): DistrictRow => {
      const count = observations.get(code)?.value ?? null;
      const denominator = populations.byArea.get(code) ?? null;
      if (count === null || denominator === null) return emptyRow(code, name);
      const i95 = byarInterval(count, denominator, { per: 1000, level: 0.95 });
      const i998 = byarInterval(count, denominator, { per: 1000, level: 0.998 });
      return { ...emptyRow(code, name), count, denominator, value: i95.rate, lower95: i95.lower, upper95: i95.upper, lower998: i998.lower, upper998: i998.upper };
    };
    forceRow = rateRow(force.code, force.name);
    rows = districts.map((d) => rateRow(d.code, d.name));
    const target = forceRow.value ?? 0;
    funnel = { kind: "poisson", target, curve: [] };
    rows = rows.map((r) => (r.count === null || r.denominator === null ? r : { ...r, band: classifyFunnelPoint({ count: r.count, denominator: r.denominator }, { kind: "poisson", target, per: 1000 }).band }));
  } else if (indicator.unit === "percentage") {
    measure = "percentage";
    const proportionRow = (code: string, name: string): DistrictRow => {
      const o = observations.get(code);
      if (!o || o.numerator == null || o.denominator == null || o.denominator <= 0) return emptyRow(code, name);
      const w95 = wilsonInterval(o.numerator, o.denominator, 0.95);
      const w998 = wilsonInterval(o.numerator, o.denominator, 0.998);
      const pct = (x: number | null | undefined) => (x == null ? null : x * 100);
      return { ...emptyRow(code, name), count: o.numerator, denominator: o.denominator, value: o.value, lower95: pct(w95.lower), upper95: pct(w95.upper), lower998: pct(w998.lower), upper998: pct(w998.upper) };
    };
    forceRow = proportionRow(force.code, force.name);
    if (forceRow.count === null || forceRow.denominator === null) throw new BadRequestError(`indicator: ${indicator.name} has no numerator and denominator to compare districts with`);
    const target = forceRow.count / forceRow.denominator;
    funnel = { kind: "binomial", target, curve: [] };
    rows = districts.map((d) => proportionRow(d.code, d.name)).map((r) =>
      r.count === null || r.denominator === null ? r : { ...r, band: classifyFunnelPoint({ count: r.count, denominator: r.denominator }, { kind: "binomial", target }).band },
    );
  } else {
    throw new BadRequestError(`indicator: districts are compared on counts (per 1,000 population) or percentages; ${indicator.name} is in ${indicator.unit}`);
  }

  const ranks = rankAreas(rows.map((r) => ({ code: r.code, value: r.value })), indicator.direction);
  rows = rows.map((r, i) => {
    const rank = ranks[i]!;
    return { ...r, position: rank.position, of: rank.of, positionLabel: rank.position === null ? null : positionLabel(rank.position, rank.of) };
  });
  const denominators = rows.map((r) => r.denominator).filter((d): d is number => d !== null && d > 0);
  if (denominators.length > 0 && funnel.target > 0) {
    const curveOptions = funnel.kind === "poisson" ? { kind: "poisson" as const, target: funnel.target, per: 1000 } : { kind: "binomial" as const, target: funnel.target };
    const points = funnelDenominators(minOf(denominators)! * 0.8, maxOf(denominators)! * 1.1, 60).map((d) => (funnel.kind === "binomial" ? Math.max(1, Math.round(d)) : d));
    funnel.curve = funnelLimits({ ...curveOptions, denominators: points }).map((row) =>
      funnel.kind === "binomial" ? { ...row, lower95: row.lower95 * 100, upper95: row.upper95 * 100, lower998: row.lower998 * 100, upper998: row.upper998 * 100 } : row,
    );
    if (funnel.kind === "binomial") funnel.target *= 100;
  }
  const outside = rows.filter((r) => r.band === "above 99.8%" || r.band === "below 99.8%");
  const sentence =
    outside.length === 0
      ? `In ${formatMonth(month)} no ${force.name} district's ${nameInSentence(indicator.name)} ${measure === "percentage" ? "rate" : "rate per 1,000"} lies outside the 99.8% funnel limits around the force figure.`
      : `In ${formatMonth(month)}, ${outside.map((r) => `${r.name} (${r.band})`).join(", ")} ${outside.length === 1 ? "lies" : "lie"} outside the 99.8% funnel limits around the ${force.name} figure for ${nameInSentence(indicator.name)}.`;
  const batches = await findBatches(db, [...new Set([...observations.values()].map((o: Observation) => o.batch_id))]);
  return {
    indicator,
    month,
    measure,
    force: forceRow,
    districts: rows,
    population,
    funnel,
    sources: batches.map((b) => ({ batchId: b.id, fileName: b.file_name })),
    sentence,
  };
}

function emptyRow(code: string, name: string): DistrictRow {
  return { code, name, count: null, denominator: null, value: null, lower95: null, upper95: null, lower998: null, upper998: null, position: null, of: 0, positionLabel: null, band: null };
}

export interface MsgResponse {
  indicator: Indicator;
  month: Month;
  group: { id: string; name: string; validFrom: string; validTo: string | null; source: string };
  comparison: MsgComparison | null;
  forces: { code: string; name: string; count: number | null; population: number | null }[];
  /** Members with no figure that month: the comparison is not computed without them. */
  missing: string[];
  population: PopulationYear | null;
  sentence: string;
}

/**
 * What every MSG comparison of one force shares, whatever the indicator and month: the areas, the
 * force's groups and every force's populations. Read once per request (the scorecard compares
 * each count indicator), not once per comparison.
 */
export interface MsgShared {
  forceCode: string;
  forces: Area[];
  nameOf: Map<string, string>;
  groups: ComparisonGroupWithMembers[];
  populations: Population[];
}

export async function loadMsgShared(db: Kysely<Database>, forceCode: string): Promise<MsgShared> {
  const areas = await listAreas(db);
  const forces = areas.filter((a) => a.kind === "force");
  const [groups, populations] = await Promise.all([comparisonGroupsFor(db, forceCode), populationsFor(db, forces.map((f) => f.code))]);
  return { forceCode, forces, nameOf: new Map(areas.map((a) => [a.code, a.name])), groups, populations };
}

export async function compareMsg(db: Kysely<Database>, query: { indicator: string; month?: Month; force: string; average: MsgAverageMethod }): Promise<MsgResponse> {
  const indicator = await requireIndicator(db, query.indicator);
  const force = await requireArea(db, query.force);
  if (indicator.unit !== "count") throw new BadRequestError(`indicator: forces are compared on counts per 1,000 population; ${indicator.name} is in ${indicator.unit}`);
  const month = await monthFor(db, indicator.id, force.code, query.month);
  return msgComparisonFor(db, { indicator, force, month, average: query.average }, await loadMsgShared(db, force.code));
}

/** One force against its MSG for one count indicator and month, from figures already loaded. */
export async function msgComparisonFor(
  db: Kysely<Database>,
  query: { indicator: Indicator; force: Area; month: Month; average: MsgAverageMethod },
  shared: MsgShared,
): Promise<MsgResponse> {
  const { indicator, force, month } = query;
  const group = shared.groups.find((g) => g.valid_from <= month && (g.valid_to === null || g.valid_to >= month));
  if (!group) throw new NotFoundError(`No Most Similar Group is recorded for ${force.name} in ${formatMonth(month)}`);
  const { forces, nameOf } = shared;
  const observations = new Map((await observationsInMonth(db, { indicatorId: indicator.id, month, areaCodes: forces.map((f) => f.code) })).map((o) => [o.area_code, o.value]));
  const { year, byArea } = populationsInYear(shared.populations, periodCoveredBy(indicator, month));
  const member = (code: string) => ({ code, name: nameOf.get(code) ?? code, count: observations.get(code) ?? null, population: byArea.get(code) ?? null });
  const members = group.members.map(member);
  const missing = members.filter((m) => m.count === null || m.population === null).map((m) => m.name);
  const groupInfo = { id: group.id, name: group.name, validFrom: group.valid_from, validTo: group.valid_to, source: group.source };
  if (missing.length > 0) {
    return {
      indicator,
      month,
      group: groupInfo,
      comparison: null,
      forces: members,
      missing,
      population: year,
      sentence: `${force.name} cannot be compared with its most similar group for ${nameInSentence(indicator.name)} in ${formatMonth(month)}: no figure for ${missing.join(", ")}.`,
    };
  }
  const national = forces.map((f) => member(f.code)).filter((m) => m.count !== null && m.population !== null) as { code: string; count: number; population: number }[];
  const comparison = msgComparison({
    forceCode: force.code,
    members: members as { code: string; count: number; population: number }[],
    direction: indicator.direction,
    average: query.average,
    // The national position is only given when every force area has a figure.
    ...(national.length === forces.length ? { national } : {}),
  });
  return {
    indicator,
    month,
    group: groupInfo,
    comparison,
    forces: members,
    missing,
    population: year,
    sentence: describeMsgPosition(comparison, { indicatorName: nameInSentence(indicator.name), forceName: force.name }),
  };
}
