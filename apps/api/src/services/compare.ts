import type { Kysely } from "kysely";
import {
  adjustedFunnelLimitsAt,
  overdispersion,
  type AdjustedLimitRow,
  type Overdispersion,
  byarInterval,
  classifyFunnelPoint,
  funnelBand,
  describeMsgPosition,
  funnelDenominators,
  funnelLimits,
  compareWithGroup,
  nameInSentence,
  populationYearFor,
  positionLabel,
  rankAreas,
  wilsonInterval,
  formatMonth,
  type FunnelBand,
  type FunnelLimitRow,
  type Indicator,
  type Month,
  type MsgAverageMethod,
  type MsgComparison,
  type PopulationYear,
  rangeOf,
  medianValue,
  ordinal,
  type ComparisonPeriod,
  maxOf,
  minOf,
  windowFigure,
} from "@scrutiny/domain";
import { figuresForWindow, measureOf, periodFor, type PeriodInfo } from "./forces";
import { comparisonGroupsFor, findBatches, latestMonthFor, listAreas, observationsInMonth, observationsInWindow, populationsFor, type Database, type Observation, type Population } from "@scrutiny/db";
import { BadRequestError, NotFoundError } from "../errors";
import { requireForce, requireIndicator } from "./series";

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
  /** Where it falls against the limits adjusted for over-dispersion; null when no adjustment is needed. */
  adjustedBand: FunnelBand | null;
  /** A rank on a small survey (fewer than 100 asked) is shaky: the caution to show beside it. */
  rankCaution: string | null;
}

/** Surveys smaller than this carry a caution beside a district's rank (METHODS.md: "a survey of 80 people is not a census"). */
export const SMALL_SURVEY = 100;

export interface DistrictComparison {
  indicator: Indicator;
  month: Month;
  /** The month, the 12 months to it or the financial year to date (`period=`). */
  period: PeriodInfo;
  /** Areas whose rolling-12 or FYTD window lacks a month: not shown as complete (no figure). */
  incomplete: { code: string; name: string; missingMonths: Month[] }[];
  /** "per 1,000 population" for counts, "percentage" for proportions. */
  measure: "per 1,000 population" | "percentage";
  force: DistrictRow;
  districts: DistrictRow[];
  population: PopulationYear | null;
  funnel: {
    kind: "poisson" | "binomial";
    target: number;
    curve: FunnelLimitRow[];
    /**
     * Over-dispersion (METHODS.md, Spiegelhalter 2005): the test, and limits adjusted by additive
     * random effects beside the unadjusted ones (null when the districts are not over-dispersed).
     */
    overdispersion: (Pick<Overdispersion, "phi" | "tau2" | "overDispersed" | "rough" | "units"> & { method: "additive" }) | null;
    adjustedCurve: AdjustedLimitRow[] | null;
    /** Districts outside each 99.8% limit: unadjusted, and adjusted when adjusted limits are drawn. */
    outside: { unadjusted: number; adjusted: number | null };
  };
  /** "satisfied / surveyed" for satisfaction, "solved / recorded" for solved rates, "count / population" for counts. */
  labels: { count: string; denominator: string };
  /** Crimes counted for the force but in no district (no location, or located outside the force's districts). */
  unlocated: { count: number; share: number; sentence: string } | null;
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

export async function compareDistricts(db: Kysely<Database>, query: { indicator: string; month?: Month; force: string; period?: ComparisonPeriod }): Promise<DistrictComparison> {
  const indicator = await requireIndicator(db, query.indicator);
  const force = await requireForce(db, query.force);
  const month = await monthFor(db, indicator.id, force.code, query.month);
  const districts = (await listAreas(db)).filter((a) => a.parent_code === force.code).sort((a, b) => a.name.localeCompare(b.name));
  const codes = [force.code, ...districts.map((d) => d.code)];
  const periodKind = query.period ?? "month";
  const period = periodFor(indicator, month, periodKind);
  // One figure per area: the month's, or the window's total (counts summed; numerators and
  // denominators summed for a percentage). An area whose window lacks a month has no figure.
  const observations = new Map<string, { value: number; numerator: number | null; denominator: number | null; batch_id: string }>();
  const incomplete: DistrictComparison["incomplete"] = [];
  // Every file the window's figures come from (a 12-month total has a file per month).
  const windowBatchIds = new Set<string>();
  if (periodKind === "month") {
    for (const o of await observationsInMonth(db, { indicatorId: indicator.id, month, areaCodes: codes })) observations.set(o.area_code, o);
  } else {
    const windowMeasure = measureOf(indicator);
    const windowRows = await observationsInWindow(db, { indicatorId: indicator.id, from: period.from, to: period.to, areaCodes: codes });
    const byArea = new Map<string, Observation[]>();
    for (const o of windowRows) {
      windowBatchIds.add(o.batch_id);
      const list = byArea.get(o.area_code);
      if (list) list.push(o);
      else byArea.set(o.area_code, [o]);
    }
    for (const code of codes) {
      const list = byArea.get(code) ?? [];
      const total = windowFigure(list, period, windowMeasure);
      const name = code === force.code ? force.name : (districts.find((d) => d.code === code)?.name ?? code);
      if (!total.complete || total.numerator === null) {
        if (list.length > 0) incomplete.push({ code, name, missingMonths: total.missingMonths });
        continue;
      }
      const value = windowMeasure === "rate" ? total.numerator : total.denominator ? (total.numerator / total.denominator) * 100 : Number.NaN;
      observations.set(code, { value, numerator: windowMeasure === "rate" ? null : total.numerator, denominator: total.denominator, batch_id: list[list.length - 1]!.batch_id });
    }
  }
  const forceObservation = observations.get(force.code);
  const forceIncomplete = incomplete.find((a) => a.code === force.code);
  if (!forceObservation && forceIncomplete) {
    // A window the force lacks a month of: answered (not an error), with no figure for anyone and the reason.
    const missing = forceIncomplete.missingMonths;
    const shown = missing.length > 3 ? `${missing.length} months (${formatMonth(missing[0]!)} to ${formatMonth(missing[missing.length - 1]!)})` : missing.map(formatMonth).join(", ");
    return {
      indicator,
      month,
      period,
      incomplete,
      measure: indicator.unit === "percentage" ? "percentage" : "per 1,000 population",
      force: emptyRow(force.code, force.name),
      districts: districts.map((d) => emptyRow(d.code, d.name)),
      population: null,
      funnel: { kind: indicator.unit === "percentage" ? "binomial" : "poisson", target: 0, curve: [], overdispersion: null, adjustedCurve: null, outside: { unadjusted: 0, adjusted: null } },
      labels: indicator.unit === "percentage" ? { count: "Numerator", denominator: "Denominator" } : { count: "Count", denominator: "Population" },
      unlocated: null,
      sources: [],
      sentence: `No complete figure for ${nameInSentence(indicator.name)} in ${force.name} in ${period.label}: ${shown} ${missing.length === 1 ? "is" : "are"} missing, so no district is compared.`,
    };
  }
  if (!forceObservation) throw new NotFoundError(`No ${periodKind === "month" ? "figure" : "complete figure"} for ${nameInSentence(indicator.name)} in ${force.name} in ${period.label}`);

  let rows: DistrictRow[];
  let forceRow: DistrictRow;
  let funnel: DistrictComparison["funnel"];
  let population: PopulationYear | null = null;
  let measure: DistrictComparison["measure"];
  if (indicator.unit === "count") {
    measure = "per 1,000 population";
    const populations = await populationsAt(db, codes, { from: period.from, to: period.to });
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
    funnel = { kind: "poisson", target, curve: [], overdispersion: null, adjustedCurve: null, outside: { unadjusted: 0, adjusted: null } };
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
    funnel = { kind: "binomial", target, curve: [], overdispersion: null, adjustedCurve: null, outside: { unadjusted: 0, adjusted: null } };
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
  // Over-dispersion: test on the districts with figures; adjusted limits when over-dispersed.
  const odOptions = funnel.kind === "poisson" ? { kind: "poisson" as const, target: funnel.target, per: 1000 } : { kind: "binomial" as const, target: funnel.target };
  const placed = rows.filter((r) => r.value !== null && r.denominator !== null && r.denominator > 0);
  const od = placed.length > 1 && funnel.target > 0 ? overdispersion(placed.map((r) => ({ value: funnel.kind === "binomial" ? r.value! / 100 : r.value!, denominator: r.denominator! })), odOptions) : null;
  if (od?.overDispersed) {
    funnel.overdispersion = { method: "additive", phi: od.phi, tau2: od.tau2, overDispersed: true, rough: od.rough, units: od.units };
    rows = rows.map((r) => {
      if (r.value === null || r.denominator === null || r.denominator <= 0) return r;
      const limits = adjustedFunnelLimitsAt(r.denominator, odOptions, od);
      const scale = funnel.kind === "binomial" ? 100 : 1;
      return { ...r, adjustedBand: funnelBand(r.value / scale, { ...limits, expected: 0 }) };
    });
  } else if (od) {
    funnel.overdispersion = { method: "additive", phi: od.phi, tau2: 0, overDispersed: false, rough: od.rough, units: od.units };
  }
  const denominators = rows.map((r) => r.denominator).filter((d): d is number => d !== null && d > 0);
  if (denominators.length > 0 && funnel.target > 0) {
    const curveOptions = funnel.kind === "poisson" ? { kind: "poisson" as const, target: funnel.target, per: 1000 } : { kind: "binomial" as const, target: funnel.target };
    const points = funnelDenominators(minOf(denominators)! * 0.8, maxOf(denominators)! * 1.1, 60).map((d) => (funnel.kind === "binomial" ? Math.max(1, Math.round(d)) : d));
    funnel.curve = funnelLimits({ ...curveOptions, denominators: points }).map((row) =>
      funnel.kind === "binomial" ? { ...row, lower95: row.lower95 * 100, upper95: row.upper95 * 100, lower998: row.lower998 * 100, upper998: row.upper998 * 100 } : row,
    );
    if (od?.overDispersed) {
      const scale = funnel.kind === "binomial" ? 100 : 1;
      funnel.adjustedCurve = points.map((d) => {
        const row = adjustedFunnelLimitsAt(d, odOptions, od);
        return { denominator: d, lower95: row.lower95 * scale, upper95: row.upper95 * scale, lower998: row.lower998 * scale, upper998: row.upper998 * scale };
      });
    }
    if (funnel.kind === "binomial") funnel.target *= 100;
  }
  const beyond = (band: FunnelBand | null) => band === "above 99.8%" || band === "below 99.8%";
  const outside = rows.filter((r) => beyond(r.band));
  const outsideAdjusted = funnel.adjustedCurve ? rows.filter((r) => beyond(r.adjustedBand)) : null;
  funnel.outside = { unadjusted: outside.length, adjusted: outsideAdjusted?.length ?? null };
  const what = `${nameInSentence(indicator.name)} ${measure === "percentage" ? "rate" : "rate per 1,000"}`;
  const of = `${placed.length} ${force.name} districts`;
  const names = (list: DistrictRow[]) => (list.length === 0 ? "" : ` (${list.map((r) => `${r.name}, ${r.band === "above 99.8%" || r.adjustedBand === "above 99.8%" ? "high" : "low"}`).join("; ")})`);
  let sentence: string;
  if (outsideAdjusted) {
    const rough = funnel.overdispersion?.rough ? " With so few districts the adjustment is a rough estimate." : "";
    sentence =
      `In ${period.label} the districts differ more than chance allows for ${what}, so the 99.8% funnel limits are also shown adjusted for over-dispersion (additive random effects, Spiegelhalter 2005). ` +
      `${outside.length} of ${of} lie outside the unadjusted limits; ${outsideAdjusted.length} lie outside the adjusted limits${names(outsideAdjusted)}.${rough}`;
  } else {
    sentence =
      outside.length === 0
        ? `In ${period.label} none of ${of} lies outside the 99.8% funnel limits around the ${force.name} figure for ${what}.`
        : `In ${period.label} ${outside.length} of ${of} ${outside.length === 1 ? "lies" : "lie"} outside the 99.8% funnel limits around the ${force.name} figure for ${what}${names(outside)}.`;
  }
  // Counts: what the force holds that no district does (no location, or located outside its districts).
  let unlocated: DistrictComparison["unlocated"] = null;
  if (indicator.unit === "count" && forceRow.count !== null && rows.every((r) => r.count !== null)) {
    let inDistricts = 0;
    for (const r of rows) inDistricts += r.count ?? 0;
    const count = forceRow.count - inDistricts;
    if (count > 0) {
      const share = count / forceRow.count;
      unlocated = {
        count,
        share,
        sentence: `${count.toLocaleString("en-GB")} of ${forceRow.count.toLocaleString("en-GB")} ${nameInSentence(indicator.name)} records in ${force.name} (${(share * 100).toFixed(1)}%) have no location or are located outside its districts: they count for the force only.`,
      };
    }
  }
  const survey = /satisfaction/i.test(indicator.id) || /satisf/i.test(indicator.name);
  const labels =
    indicator.unit === "count"
      ? { count: "Count", denominator: "Population" }
      : survey
        ? { count: "Satisfied", denominator: "Surveyed" }
        : /solved/i.test(indicator.id)
          ? { count: "Solved", denominator: "Recorded" }
          : { count: "Numerator", denominator: "Denominator" };
  if (survey) {
    rows = rows.map((r) =>
      r.denominator !== null && r.denominator < SMALL_SURVEY && r.position !== null
        ? { ...r, rankCaution: `Only ${r.denominator} surveyed: this rank could change with a handful of answers.` }
        : r,
    );
  }
  const batches = await findBatches(db, [...new Set([...observations.values()].map((o) => o.batch_id)), ...windowBatchIds]);
  return {
    indicator,
    month,
    period,
    incomplete,
    measure,
    force: forceRow,
    districts: rows,
    population,
    funnel,
    labels,
    unlocated,
    sources: batches.map((b) => ({ batchId: b.id, fileName: b.file_name })),
    sentence,
  };
}

function emptyRow(code: string, name: string): DistrictRow {
  return { code, name, count: null, denominator: null, value: null, lower95: null, upper95: null, lower998: null, upper998: null, position: null, of: 0, positionLabel: null, band: null, adjustedBand: null, rankCaution: null };
}

export interface MsgResponse {
  indicator: Indicator;
  month: Month;
  /** The period compared: the month, the 12 months to it, or the financial year to date. */
  period: PeriodInfo;
  /** Counts are compared per 1,000 population; percentages (solved rates) as proportions with Wilson intervals. */
  measure: "per 1,000 population" | "percentage";
  group: { id: string; name: string; validFrom: string; validTo: string | null; source: string };
  /**
   * For a percentage each member's `count` is the numerator (e.g. crimes solved), `population` is
   * n (the denominator), `rate` the percentage and `per` 100, with `method` "wilson".
   */
  comparison: MsgComparison | null;
  /** Lowest and highest member with which forces, and the median, when every member has a figure. */
  range: { lowest: { value: number; forces: { code: string; name: string }[] }; highest: { value: number; forces: { code: string; name: string }[] } } | null;
  median: number | null;
  forces: { code: string; name: string; count: number | null; population: number | null }[];
  /** Members with no figure for the period: the comparison is not computed without them. */
  missing: string[];
  population: PopulationYear | null;
  sentence: string;
}

export async function compareMsg(
  db: Kysely<Database>,
  query: { indicator: string; month?: Month; force: string; average: MsgAverageMethod; period?: ComparisonPeriod },
): Promise<MsgResponse> {
  const indicator = await requireIndicator(db, query.indicator);
  // A district has no Most Similar Group: the same 400 as the MSG history, the districts and forces views.
  const force = await requireForce(db, query.force);
  const measure = measureOf(indicator);
  const month = await monthFor(db, indicator.id, force.code, query.month);
  const period = periodFor(indicator, month, query.period ?? "month");
  const group = (await comparisonGroupsFor(db, force.code)).find((g) => g.valid_from <= month && (g.valid_to === null || g.valid_to >= month));
  if (!group) throw new NotFoundError(`No Most Similar Group is recorded for ${force.name} in ${formatMonth(month)}`);
  const areas = await listAreas(db);
  const forces = areas.filter((a) => a.kind === "force");
  const nameOf = new Map(areas.map((a) => [a.code, a.name]));
  const { figures, population: year } = await figuresForWindow(db, indicator, forces.map((f) => f.code), month, { from: period.from, to: period.to });
  const member = (code: string) => {
    const f = figures.get(code);
    return { code, name: nameOf.get(code) ?? code, count: f?.numerator ?? null, population: f?.denominator ?? null };
  };
  const members = group.members.map(member);
  const ranked = compareWithGroup({
    forceCode: force.code,
    groupMembers: group.members,
    figureOf: (code) => ({ count: figures.get(code)?.numerator, population: figures.get(code)?.denominator }),
    allForces: forces.map((f) => f.code),
    measure,
    direction: indicator.direction,
    average: query.average,
  });
  const missing = ranked.missing.map((code) => nameOf.get(code) ?? code);
  const groupInfo = { id: group.id, name: group.name, validFrom: group.valid_from, validTo: group.valid_to, source: group.source };
  const base = { indicator, month, period, measure: measure === "rate" ? ("per 1,000 population" as const) : ("percentage" as const), group: groupInfo, forces: members, missing, population: year };
  if (!ranked.comparison) {
    return {
      ...base,
      comparison: null,
      range: null,
      median: null,
      sentence: `${force.name} cannot be compared with its most similar group for ${nameInSentence(indicator.name)} in ${period.label}: no ${period.kind === "month" ? "figure" : "complete figure"} for ${missing.join(", ")}.`,
    };
  }
  const comparison = ranked.comparison;
  const spread = rangeOf(comparison.members.map((m) => ({ code: m.code, value: m.rate })));
  const named = (codes: string[]) => codes.map((code) => ({ code, name: nameOf.get(code) ?? code }));
  const sentence =
    measure === "rate"
      ? describeMsgPosition(comparison, { indicatorName: nameInSentence(indicator.name), forceName: force.name })
      : describeProportionPosition(comparison, nameInSentence(indicator.name), force.name);
  const rangeWords =
    spread && measure === "proportion"
      ? ` Across the group the ${nameInSentence(indicator.name)} ranged from ${spread.lowest.value.toFixed(1)}% (${named(spread.lowest.codes).map((f) => f.name).join(" and ")}) to ${spread.highest.value.toFixed(1)}% (${named(spread.highest.codes).map((f) => f.name).join(" and ")}).`
      : "";
  return {
    ...base,
    comparison,
    range: spread ? { lowest: { value: spread.lowest.value, forces: named(spread.lowest.codes) }, highest: { value: spread.highest.value, forces: named(spread.highest.codes) } } : null,
    median: medianValue(comparison.members.map((m) => m.rate)),
    sentence: period.kind === "month" ? sentence + rangeWords : `${period.label}: ${sentence}${rangeWords}`,
  };
}

/** "Essex is 5th of 8 in its most similar group for the solved rate (14.7%, n = 11,638), significantly lower than …". */
function describeProportionPosition(c: MsgComparison, indicatorName: string, forceName: string): string {
  const f = c.force;
  const position = c.direction === "neither" ? `${ordinal(f.position)} highest of ${f.of}` : `${ordinal(f.position)} of ${f.of}`;
  const average = `${c.averageLabel.replace(/^MSG average/, "the MSG average")} of ${c.average.toFixed(1)}%`;
  const against = f.significance === "not significant" ? `not significantly different from ${average}` : `significantly ${f.significance} than ${average}`;
  return `${forceName} is ${position} in its most similar group for ${indicatorName} (${f.rate.toFixed(1)}%, n = ${f.population.toLocaleString("en-GB")}), ${against}.`;
}
