import type { Kysely } from "kysely";
import { currentValues, type Database } from "@scrutiny/db";
import {
  addMonths,
  capitalise,
  comparePackItems,
  draftQuestion,
  formatMonth,
  formatValue,
  isSignificantlyWorseThanAverage,
  significantChange,
  monthsBetween,
  type ExceptionKind,
  type Indicator,
  type Month,
  type QuestionSignal,
} from "@scrutiny/domain";
import { compareDistricts } from "./compare";
import { getDataStatus } from "./dataStatus";
import { districtIndicators } from "./districts";
import { getOverview, type OverviewRow } from "./overview";
import type { PeriodComparison } from "./readings";

/**
 * The briefing pack: the exceptions worth the PCC's time, chosen by the statistics the other
 * views already compute — the scorecard's rows (SPC, the three comparisons with last year, MSG
 * position), the district comparison's funnel bands and the data-status freshness. This file
 * only selects and words; it calls those services rather than repeating them, so that an
 * improvement there (reporting month, breaks, maturity) reaches the pack too.
 */
export interface PackFigure {
  indicator: string;
  area: string;
  month: Month;
  value: number;
  /** "Essex, Dec 2025: 67.4%" */
  label: string;
}

export interface PackItem {
  /** Stable across packs: kind, indicator and area. */
  key: string;
  indicator: { id: string; name: string; priority: string; unit: string; source: string; isSample: boolean };
  area: { code: string; name: string };
  kind: ExceptionKind;
  severity: number;
  evidence: string;
  question: string;
  source: string;
  dataMonth: Month;
  figures: PackFigure[];
  /** The months to the data month, for the item's chart (frozen with the pack). */
  series: { month: Month; value: number | null }[];
}

export interface PackCover {
  month: Month;
  force: { code: string; name: string };
  /** What each source runs to, and how many of its indicators are late. */
  sources: { source: string; isSample: boolean; runsTo: Month | null; late: number; noData: number }[];
  /** "KSI casualties: sample data has not sent Nov 2025" */
  missing: string[];
  /** Indicators whose latest month is not the reporting month: their signals are not in this pack. */
  notCurrent: { indicator: string; runsTo: Month }[];
}

export interface PackChanges {
  previous: { meetingId: string; title: string; date: string; month: Month } | null;
  newExceptions: { key: string; indicator: string; kind: ExceptionKind }[];
  cleared: { key: string; indicator: string; kind: ExceptionKind; evidence: string }[];
  revised: { indicator: string; area: string; month: Month; old: number; new: number; unit: string }[];
}

export interface PackBody {
  cover: PackCover;
  items: PackItem[];
  changes: PackChanges;
}

const SEVERITY = { specialCause: 5, rolling: 4, sameMonth: 3, fytd: 3, funnel: 3, msg: 2, late: 1 } as const;
/** A series more than a year behind is discontinued history (e.g. Home Office tables to 2018), not late. */
const LATE_HORIZON_PERIODS = 12;

function indicatorInfo(indicator: Indicator): PackItem["indicator"] {
  return { id: indicator.id, name: indicator.name, priority: indicator.priority, unit: indicator.unit, source: indicator.source, isSample: indicator.isSample };
}

function delta(c: PeriodComparison): number | null {
  const test = c.test;
  if (!test || !test.significant) return null;
  return test.kind === "counts" ? test.absoluteChange : (test.differencePoints ?? null);
}

const AGAINST: Record<PeriodComparison["period"], (month: Month) => string> = {
  "same month last year": (m) => `in ${formatMonth(m)} against the same month last year`,
  "rolling 12 months": (m) => `in the 12 months to ${formatMonth(m)} against the 12 months before`,
  "financial year to date": (m) => `in the financial year to ${formatMonth(m)} against the same months a year earlier`,
};

function changeWords(c: PeriodComparison, d: number): string {
  const verb = d > 0 ? "rose" : "fell";
  const test = c.test!;
  if (test.kind === "counts") return `${verb} from ${formatValue("count", test.previous)} to ${formatValue("count", test.current)}${test.percentChange === null ? "" : ` (${d > 0 ? "+" : ""}${Number(test.percentChange.toPrecision(2))}%)`}`;
  return `${verb} ${Number(Math.abs(d).toFixed(1))} percentage points`;
}

function figureOf(row: OverviewRow, areaCode: string, areaName: string): PackFigure[] {
  const latest = row.latest;
  if (!latest || latest.value === null) return [];
  return [{ indicator: row.indicator.id, area: areaCode, month: latest.month, value: latest.value, label: `${areaName}, ${formatMonth(latest.month)}: ${formatValue(row.indicator.unit, latest.value)}` }];
}

/** The exceptions for a reporting month, in pack order, and the cover. */
export async function selectExceptions(db: Kysely<Database>, query: { force: string; month: Month; asOf: Month }): Promise<{ cover: PackCover; items: PackItem[] }> {
  const overview = await getOverview(db, query.force, query.month);
  const force = overview.area;
  const items: PackItem[] = [];
  const notCurrent: PackCover["notCurrent"] = [];
  const seriesOf = (row: OverviewRow) => row.sparkline.filter((p) => p.month <= query.month).slice(-24).map((p) => ({ month: p.month, value: p.value }));
  const base = (row: OverviewRow, kind: ExceptionKind) => ({
    key: `${kind}|${row.indicator.id}|${force.code}`,
    indicator: indicatorInfo(row.indicator),
    area: { code: force.code, name: force.name },
    kind,
    source: row.indicator.isSample ? `${row.indicator.source} (synthetic)` : row.indicator.source,
    dataMonth: query.month,
    figures: figureOf(row, force.code, force.name),
    series: seriesOf(row),
  });

  for (const row of overview.rows) {
    const indicator = row.indicator;
    const latestMonth = row.latest?.month ?? null;
    if (latestMonth !== query.month) {
      if (latestMonth) notCurrent.push({ indicator: indicator.name, runsTo: latestMonth });
      continue;
    }
    const subject = `${indicator.name} in ${force.name}`;
    if (row.variation === "concern") {
      items.push({
        ...base(row, "special cause"),
        severity: SEVERITY.specialCause,
        evidence: `${subject} shows special-cause variation of concern in ${formatMonth(query.month)} on the XmR chart of the 36 months to it (Making Data Count rules).`,
        question: draftQuestion({ kind: "special cause", subject, month: formatMonth(query.month), rules: "special-cause variation of concern on the XmR chart" }),
      });
    }
    const order: [PeriodComparison["period"], number][] = [
      ["rolling 12 months", SEVERITY.rolling],
      ["same month last year", SEVERITY.sameMonth],
      ["financial year to date", SEVERITY.fytd],
    ];
    for (const [period, severity] of order) {
      const c = row.comparisons.find((x) => x.period === period);
      const d = c ? delta(c) : null;
      if (!c || d === null || significantChange(indicator.direction, c.test) !== "worse") continue;
      const signal: QuestionSignal = { kind: "significant change", subject: capitalise(subject), change: changeWords(c, d), against: AGAINST[period](query.month), movement: d > 0 ? "rise" : "fall", worse: true };
      items.push({ ...base(row, "significant change"), severity, evidence: c.sentence, question: draftQuestion(signal) });
      break;
    }
    const msg = row.msg;
    if (msg && msg.significance !== "not significant" && indicator.direction !== "neither") {
      const higherOrLower = msg.significance === "higher" ? "higher" : "lower";
      if (isSignificantlyWorseThanAverage(indicator.direction, higherOrLower)) {
        items.push({
          ...base(row, "MSG difference"),
          severity: SEVERITY.msg,
          evidence: `${subject} per 1,000 population is significantly ${higherOrLower} than the ${msg.averageLabel} in ${formatMonth(query.month)}, ${msg.label} in its most similar group.`,
          question: draftQuestion({ kind: "MSG difference", subject: capitalise(`${indicator.name} per 1,000 population in ${force.name}`), higherOrLower, averageLabel: msg.averageLabel, position: msg.label }),
        });
      }
    }
  }

  // Districts beyond the 99.8% funnel limit, on the worse side, in the reporting month.
  const rowsById = new Map(overview.rows.map((r) => [r.indicator.id, r]));
  for (const { indicator, months } of await districtIndicators(db, force.code)) {
    if (!months.includes(query.month) || indicator.direction === "neither") continue;
    let comparison;
    try {
      comparison = await compareDistricts(db, { indicator: indicator.id, month: query.month, force: force.code });
    } catch (error) {
      // The districts view cannot compare this month (e.g. no district has a denominator): no funnel signal.
      if (error instanceof RangeError) continue;
      throw error;
    }
    const worseBand = indicator.direction === "lower" ? "above 99.8%" : "below 99.8%";
    // Where districts differ more than chance allows (over-dispersion), only the adjusted limits
    // say which are truly unusual: the pack follows them, as the districts view does (METHODS.md).
    const adjusted = comparison.funnel.adjustedCurve !== null;
    const outliers = comparison.districts.filter((d) => (adjusted ? d.adjustedBand : d.band) === worseBand);
    const limit = adjusted ? "99.8% funnel limit adjusted for over-dispersion" : "99.8% funnel limit";
    if (outliers.length === 0) continue;
    const measure = comparison.measure === "percentage" ? "" : " per 1,000 population";
    const format = (v: number | null) => (comparison.measure === "percentage" ? formatValue("percentage", v) : v === null ? "—" : String(Number(v.toPrecision(3))));
    const row = rowsById.get(indicator.id);
    items.push({
      key: `district beyond funnel limit|${indicator.id}|${force.code}`,
      indicator: indicatorInfo(indicator),
      area: { code: force.code, name: force.name },
      kind: "district beyond funnel limit",
      severity: SEVERITY.funnel,
      evidence: `${outliers.map((d) => `${d.name} (${format(d.value)})`).join(", ")} ${outliers.length === 1 ? "is" : "are"} ${worseBand === "above 99.8%" ? "above" : "below"} the ${limit} around ${force.name}'s ${format(comparison.force.value)}${measure} for ${indicator.name} in ${formatMonth(query.month)}.`,
      question: draftQuestion({ kind: "district beyond funnel limit", subject: `${indicator.name}${measure}`, districts: outliers.map((d) => d.name), month: formatMonth(query.month), higherOrLower: worseBand === "above 99.8%" ? "higher" : "lower" }),
      source: comparison.sources.map((s) => s.fileName).join(", ") || indicator.source,
      dataMonth: query.month,
      figures: outliers.flatMap((d) => {
        const value = comparison.measure === "percentage" ? d.value : d.count;
        return value === null ? [] : [{ indicator: indicator.id, area: d.code, month: query.month, value, label: `${d.name}, ${formatMonth(query.month)}: ${formatValue(indicator.unit, value)}` }];
      }),
      series: row ? seriesOf(row) : [],
    });
  }

  // Late or missing months, as the data-status view sees them when the papers are due.
  const status = await getDataStatus(db, { force: force.code, asOf: query.asOf });
  const missing: string[] = [];
  for (const source of status.sources) {
    for (const r of source.rows) {
      const f = r.freshness;
      if (f.latestHeld === null || f.periodsBehind > LATE_HORIZON_PERIODS) continue;
      const late = f.status === "late" ? monthsBetween(addMonths(f.latestHeld, 1), f.expectedLatest).filter((m) => m <= query.month) : [];
      const gaps = f.missing.filter((m) => m <= query.month && m > addMonths(query.month, -12));
      const months = [...gaps, ...late];
      if (months.length === 0) continue;
      const named = months.map((m) => formatMonth(m));
      const sentence = `${r.indicator.name}: ${r.indicator.source} has not sent ${named.length > 3 ? `${named.length} months (${named[0]} to ${named[named.length - 1]})` : named.join(", ")}.`;
      missing.push(sentence);
      items.push({
        key: `late or missing|${r.indicator.id}|${force.code}`,
        indicator: { id: r.indicator.id, name: r.indicator.name, priority: r.indicator.priority, unit: r.indicator.unit, source: r.indicator.source, isSample: r.indicator.isSample },
        area: { code: force.code, name: force.name },
        kind: "late or missing",
        severity: SEVERITY.late,
        evidence: sentence,
        question: draftQuestion({ kind: "late or missing", subject: r.indicator.name, sender: r.indicator.source, months: named.length > 3 ? [`${named.length} months from ${named[0]} to ${named[named.length - 1]}`] : named }),
        source: r.indicator.source,
        dataMonth: f.latestHeld,
        figures: [],
        series: [],
      });
    }
  }

  items.sort((a, b) => comparePackItems({ priority: a.indicator.priority, severity: a.severity, name: a.indicator.name }, { priority: b.indicator.priority, severity: b.severity, name: b.indicator.name }));
  const cover: PackCover = {
    month: query.month,
    force: { code: force.code, name: force.name },
    sources: status.sources.map((s) => {
      let runsTo: Month | null = null;
      for (const r of s.rows) if (r.freshness.latestHeld && (runsTo === null || r.freshness.latestHeld > runsTo)) runsTo = r.freshness.latestHeld;
      return { source: s.source, isSample: s.isSample, runsTo, late: s.counts.late, noData: s.counts.noData };
    }),
    missing,
    notCurrent,
  };
  return { cover, items };
}

/** What changed since the previous pack: exceptions new and cleared, and figures the force has since revised. */
export async function changesSince(db: Kysely<Database>, previous: { meetingId: string; title: string; date: string; month: Month; body: PackBody } | null, items: readonly PackItem[]): Promise<PackChanges> {
  if (!previous) return { previous: null, newExceptions: [], cleared: [], revised: [] };
  const before = new Map(previous.body.items.map((i) => [i.key, i]));
  const now = new Set(items.map((i) => i.key));
  const figures = new Map<string, PackFigure & { unit: string; name: string }>();
  for (const item of previous.body.items) for (const f of item.figures) figures.set(`${f.indicator}|${f.area}|${f.month}`, { ...f, unit: item.indicator.unit, name: item.indicator.name });
  const held = await currentValues(db, [...figures.values()]);
  const revised: PackChanges["revised"] = [];
  for (const [key, f] of figures) {
    const value = held.get(key);
    if (value !== undefined && Math.abs(value - f.value) > 1e-9) revised.push({ indicator: f.name, area: f.label.split(",")[0] ?? f.area, month: f.month, old: f.value, new: value, unit: f.unit });
  }
  return {
    previous: { meetingId: previous.meetingId, title: previous.title, date: previous.date, month: previous.month },
    newExceptions: items.filter((i) => !before.has(i.key)).map((i) => ({ key: i.key, indicator: i.indicator.name, kind: i.kind })),
    cleared: previous.body.items.filter((i) => !now.has(i.key)).map((i) => ({ key: i.key, indicator: i.indicator.name, kind: i.kind, evidence: i.evidence })),
    revised,
  };
}
