import type { Kysely } from "kysely";
import {
  addMonths,
  trendWindowFrom,
  seriesIssue,
  type Annotation,
  type SeriesIssue,
  changeBetween,
  monthlySeries,
  sameMonthLastYear,
  type Indicator,
  type Month,
  type SeriesPoint,
} from "@scrutiny/domain";
import {
  annotationsFor,
  findArea,
  findBatches,
  findIndicator,
  latestMonthFor,
  firstMonthFor,
  observationsFor,
  type Area,
  type Database,
  type Observation,
} from "@scrutiny/db";
import { BadRequestError, NotFoundError } from "../errors";
import { latestComparisons, spcOverlay, type PeriodComparison, type SpcOverlay } from "./readings";
import { hasMaturingOutcomes, maturityForArea, provisionalMonths } from "./maturity";

/** A month of a series; `provisional` when its outcomes are still immature (METHODS.md), with the reason. */
export type SeriesPointOut = SeriesPoint & { provisional?: true; provisionalReason?: string; pendingShare?: number };

const COMPARISON_HISTORY_MONTHS = 24;

export interface AreaSummary {
  code: string;
  name: string;
  kind: "force" | "district";
  parentCode: string | null;
}

export function toAreaSummary(area: Area): AreaSummary {
  return { code: area.code, name: area.name, kind: area.kind, parentCode: area.parent_code };
}

/** Where the figures of a series came from: every number on screen traces to a file and a period. */
export interface SeriesSource {
  batchId: string;
  kind: string;
  fileName: string;
  importedAt: string;
  firstMonth: string;
  lastMonth: string;
}

export interface SeriesResponse {
  indicator: Indicator;
  area: AreaSummary;
  from: Month | null;
  to: Month | null;
  /** The first and last month held for the indicator in the area: the whole history a trend window can reach (issue 12). */
  held: { first: Month | null; last: Month | null };
  points: SeriesPointOut[];
  sources: SeriesSource[];
  /** XmR reading of the months shown (Making Data Count), rebased at breaks; null with too few points. */
  spc: SpcOverlay | null;
  /** Why there is no SPC reading, when there is none. */
  spcNote: string | null;
  /** Breaks and notes on the indicator for this area (and for every area), oldest first. */
  annotations: Annotation[];
  /** A negative count or a collapse to zero: a data issue, not a change. */
  dataIssue: SeriesIssue | null;
  /** The latest month shown against last year: same month, rolling 12 months, financial year to date. */
  comparisons: PeriodComparison[];
}

export async function requireIndicator(db: Kysely<Database>, id: string): Promise<Indicator> {
  const indicator = await findIndicator(db, id);
  if (!indicator) throw new NotFoundError(`No indicator with id "${id}"`);
  return indicator;
}

export async function requireArea(db: Kysely<Database>, code: string): Promise<Area> {
  const area = await findArea(db, code);
  if (!area) throw new NotFoundError(`No area with code "${code}"`);
  return area;
}

/** A police force area, or the one answer for a district given as a force (400, every comparison alike). */
export async function requireForce(db: Kysely<Database>, code: string): Promise<Area> {
  const force = await requireArea(db, code);
  if (force.kind !== "force") throw new BadRequestError(`force: ${force.code} is a district, not a force area`);
  return force;
}

/**
 * One point per month between from and to (default: the 36 months to the latest month held),
 * null where the month is missing.
 */
export async function getSeries(
  db: Kysely<Database>,
  query: { indicator: string; area: string; from?: Month; to?: Month },
): Promise<SeriesResponse> {
  const [indicator, area] = await Promise.all([requireIndicator(db, query.indicator), requireArea(db, query.area)]);
  const [latest, first] = (await Promise.all([latestMonthFor(db, indicator.id, area.code), firstMonthFor(db, indicator.id, area.code)])) as [Month | undefined, Month | undefined];
  const held = { first: first ?? null, last: latest ?? null };
  const to = query.to ?? latest ?? null;
  const from = query.from ?? (to ? trendWindowFrom(to) : null);
  const annotations = await annotationsFor(db, { indicatorId: indicator.id, areaCode: area.code });
  if (!from || !to) return { indicator, area: toAreaSummary(area), from: null, to: null, held, points: [], sources: [], spc: null, spcNote: null, annotations, dataIssue: null, comparisons: [] };
  // Two years before the period too: the rolling-12 and financial-year comparisons reach back that far.
  const historyFrom = addMonths(from, -COMPARISON_HISTORY_MONTHS);
  const observations = await observationsFor(db, { indicatorId: indicator.id, areaCode: area.code, from: historyFrom, to });
  const history = monthlySeries(observations.map(toMonthlyValue), historyFrom, to);
  const matures = hasMaturingOutcomes(indicator);
  const maturity = matures ? await maturityForArea(db, area.code) : null;
  const provisional = maturity ? provisionalMonths(maturity) : new Map<Month, string>();
  const shares = new Map(maturity?.months.map((m) => [m.month, m.pendingShare]) ?? []);
  const points: SeriesPointOut[] = history.slice(COMPARISON_HISTORY_MONTHS).map((p) => {
    if (!matures || p.value === null) return p;
    const reason = provisional.get(p.month);
    const share = shares.get(p.month);
    return { ...p, ...(share != null ? { pendingShare: share } : {}), ...(reason ? { provisional: true as const, provisionalReason: reason } : {}) };
  });
  const shown = observations.filter((o) => o.month >= from);
  const dataIssue = seriesIssue(history, indicator.unit);
  const spc = points.some((p) => p.value !== null) && !dataIssue ? spcOverlay(indicator, area.name, points, annotations) : null;
  const heldCount = points.filter((p) => p.value !== null).length;
  const spcNote = dataIssue
    ? `No SPC reading: ${dataIssue.text}`
    : spc === null && heldCount > 0
      ? `${indicator.name} in ${area.name} has too few months (${heldCount}${annotations.some((a) => a.kind === "break") ? " since its last series break" : " in the months shown"}) for a statistical process control reading: at least 7 are needed.`
      : null;
  let comparisons = latestComparisons(indicator, area.name, history, { annotations, ...(matures ? { provisional } : {}) });
  if (dataIssue) comparisons = comparisons.map((c) => ({ ...c, comparability: "not comparable" as const, comparabilityReason: dataIssue.text, significantChange: null, sentence: `${indicator.name} in ${area.name} is not compared: ${dataIssue.text}` }));
  return {
    indicator,
    area: toAreaSummary(area),
    from,
    to,
    held,
    points,
    sources: await sourcesOf(db, shown),
    spc,
    spcNote,
    annotations,
    dataIssue,
    comparisons,
  };
}

export function toMonthlyValue(o: Observation) {
  return { month: o.month as Month, value: o.value, numerator: o.numerator, denominator: o.denominator };
}

export async function sourcesOf(db: Kysely<Database>, observations: readonly Observation[]): Promise<SeriesSource[]> {
  const months = new Map<string, { first: string; last: string }>();
  for (const o of observations) {
    const span = months.get(o.batch_id);
    if (!span) months.set(o.batch_id, { first: o.month, last: o.month });
    else {
      if (o.month < span.first) span.first = o.month;
      if (o.month > span.last) span.last = o.month;
    }
  }
  const batches = await findBatches(db, [...months.keys()]);
  return batches
    .map((b) => ({
      batchId: b.id,
      kind: b.kind,
      fileName: b.file_name,
      importedAt: b.imported_at,
      firstMonth: months.get(b.id)?.first ?? "",
      lastMonth: months.get(b.id)?.last ?? "",
    }))
    .sort((a, b) => a.firstMonth.localeCompare(b.firstMonth));
}

export function yearOnYear(indicator: Indicator, points: readonly SeriesPoint[]) {
  const latest = [...points].reverse().find((p) => p.value !== null);
  if (!latest || latest.value === null) return { latest: null, previous: null, change: null };
  const previousMonth = sameMonthLastYear(latest.month);
  const previous = points.find((p) => p.month === previousMonth && p.value !== null) ?? null;
  return {
    latest,
    previous,
    change: previous && previous.value !== null ? changeBetween(indicator.unit, latest.value, previous.value) : null,
  };
}
