/**
 * One plain sentence per result, for a Police and Crime Commissioner to read aloud and for the
 * text summary beside every chart (STYLE.md). The wording follows METHODS.md: percentage points
 * for rates and percentages, no headline % change on a base under 20, the exact test's p.
 */
import { compareCounts, compareProportions, type CountComparisonOptions, type ProportionInput } from "./changes";
import type { MsgComparison } from "./msg";
import { ordinal } from "./msg";
import type { Direction } from "../indicators";
import { formatMonth, type Month } from "../months";
import { maxOf, minOf } from "../extent";
import { hasSpcReading, MIN_SPC_POINTS, SIDE_PRIORITY, type SpcRule, type XmrResult } from "./spc";

const numberFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 1 });

/** 1234.56 → "1,234.6": one decimal at most, thousands separated, as on a briefing page. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

const smallRateFormat = new Intl.NumberFormat("en-GB", { maximumSignificantDigits: 3 });
const largeRateFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });

/**
 * A rate per 1,000 to three significant figures: a month's burglary rate is 0.283, and "0.3"
 * would hide the differences between forces that the sentence is about.
 */
export function formatRate(value: number): string {
  return Math.abs(value) >= 100 ? largeRateFormat.format(value) : smallRateFormat.format(value);
}

/**
 * "p = 0.10", "p = 0.003", "p < 0.001". Two significant figures, a third only when rounding would
 * carry a p-value across 0.05 (0.0496 is not written "0.050"), so the words never contradict the test.
 */
export function formatPValue(p: number): string {
  if (p < 0.001) return "p < 0.001";
  let text = p >= 0.1 ? p.toFixed(2) : p.toPrecision(2);
  if (p < 0.05 !== Number(text) < 0.05) text = p.toPrecision(3);
  return `p = ${text}`;
}

function formatPercentChange(percent: number): string {
  const rounded = Math.abs(percent) < 10 ? Number(percent.toFixed(1)) : Math.round(percent);
  return `${rounded > 0 ? "+" : ""}${formatNumber(rounded)}%`;
}

function chancePhrase(significant: boolean, pValue: number): string {
  return significant
    ? `more than chance alone would explain (${formatPValue(pValue)})`
    : `within what chance would explain (${formatPValue(pValue)})`;
}

export interface CountChangeWording extends CountComparisonOptions {
  indicatorName: string;
  areaName: string;
  current: number;
  previous: number;
  /** How the periods relate; default "against the same month last year". */
  comparison?: string;
}

/**
 * "Burglary in Basildon rose from 96 to 121 (+26%) against the same month last year, within what
 * chance would explain (p = 0.10)." Uses the exact conditional test (`compareCounts`); on a base
 * under 20 the percentage is left out ("was up from 9 to 14"), as METHODS.md asks.
 */
export function describeCountChange(input: CountChangeWording): string {
  const { indicatorName, areaName, current, previous, comparison = "against the same month last year" } = input;
  const result = compareCounts(current, previous, input);
  const subject = `${indicatorName} in ${areaName}`;
  if (current === previous) return `${subject} stayed at ${formatNumber(current)} ${comparison}.`;
  const from = `from ${formatNumber(previous)} to ${formatNumber(current)}`;
  const movement =
    result.smallNumbers || result.percentChange === null
      ? `was ${current > previous ? "up" : "down"} ${from}`
      : `${current > previous ? "rose" : "fell"} ${from} (${formatPercentChange(result.percentChange)})`;
  return `${subject} ${movement} ${comparison}, ${chancePhrase(result.significant, result.pValue)}.`;
}

export interface ProportionChangeWording {
  indicatorName: string;
  areaName: string;
  current: ProportionInput;
  previous: ProportionInput;
  comparison?: string;
  level?: number;
}

function formatPercent(proportion: number): string {
  return `${formatNumber(proportion * 100)}%`;
}

/**
 * "The solved rate in Essex fell 6.9 percentage points, from 19.4% of 1,200 to 12.5% of 1,150,
 * against the same month last year, more than chance alone would explain (p < 0.001)."
 * Percentage points, never %, and always n (METHODS.md "Changes").
 */
export function describeProportionChange(input: ProportionChangeWording): string {
  const { indicatorName, areaName, current, previous, comparison = "against the same month last year" } = input;
  const result = compareProportions(current, previous, input.level);
  const subject = `${indicatorName} in ${areaName}`;
  const a = result.current.proportion;
  const b = result.previous.proportion;
  if (a === null || b === null || result.differencePoints === null) {
    return `${subject} cannot be compared ${comparison}: there were no cases in one of the periods.`;
  }
  const points = Number(result.differencePoints.toFixed(1));
  const detail = `from ${formatPercent(b)} of ${formatNumber(previous.trials)} to ${formatPercent(a)} of ${formatNumber(current.trials)}`;
  const movement =
    points === 0
      ? `was unchanged, ${detail},`
      : `${points > 0 ? "rose" : "fell"} ${formatNumber(Math.abs(points))} percentage points, ${detail},`;
  const test = result.pValue === null ? "" : `, ${chancePhrase(result.significant, result.pValue)}`;
  return `${subject} ${movement} ${comparison}${test}.`;
}

const RULE_WORDS: Record<SpcRule, (high: boolean) => string> = {
  "outside-limits": (high) => `${high ? "above the upper" : "below the lower"} process limit`,
  run: (high) => `part of a run of 7 or more points ${high ? "above" : "below"} the average`,
  trend: (high) => `part of a trend of 7 or more points each ${high ? "higher" : "lower"} than the last`,
  "two-of-three": (high) => `one of 2 in 3 points close to the ${high ? "upper" : "lower"} process limit`,
};

function joinWithAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? "";
  return `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

/**
 * Decimal places the figures themselves carry, at most `max`: whole counts give 0, so limits are
 * read as "10,077 to 13,923", not "10,077.4 to 13,923.4" (issue 9, "round to the precision of the data").
 */
export function decimalsOf(values: readonly (number | null | undefined)[], max = 1): number {
  let decimals = 0;
  for (const v of values) {
    if (v == null || !Number.isFinite(v)) continue;
    for (let d = decimals; d < max && Math.abs(v * 10 ** d - Math.round(v * 10 ** d)) > 1e-9; d++) decimals = d + 1;
    if (decimals >= max) return max;
  }
  return decimals;
}

/** A number to a fixed number of decimals at most, thousands separated. */
export function formatToDecimals(value: number, decimals: number): string {
  return new Intl.NumberFormat("en-GB", { maximumFractionDigits: decimals, minimumFractionDigits: 0 }).format(value);
}

/**
 * One sentence for an XmR chart: what the latest point shows (Making Data Count's variation icon),
 * why (each rule in its own direction, in METHODS.md's priority order), whether the limits are
 * provisional, and the assurance against a target when there is one. Limits and values are
 * rounded to the precision of the data (`decimals`, default: what the values carry).
 */
export function describeSpc(result: XmrResult, words: { indicatorName: string; areaName: string; pointName?: string; decimals?: number }): string {
  const { indicatorName, areaName, pointName = "month" } = words;
  const decimals = words.decimals ?? decimalsOf(result.points.map((p) => p.value));
  const formatNumber = (v: number) => formatToDecimals(v, decimals);
  // Limits of small whole counts keep one decimal ("7.9 to 15.1"): rounded to whole numbers they
  // would move by up to half an event; from 100 up the data's own precision reads aloud better.
  const limitDecimals = decimals === 0 && Math.abs(result.mean ?? 0) < 100 ? 1 : decimals;
  const formatLimit = (v: number) => formatToDecimals(v, limitDecimals);
  const subject = `${indicatorName} in ${areaName}`;
  const latest = result.latestIndex === null ? undefined : result.points[result.latestIndex];
  if (!latest || latest.value === null) return `${subject} has no data to chart yet.`;
  if (!hasSpcReading(result)) {
    const held = result.points.filter((p) => p.segment === latest.segment && p.value !== null).length;
    return `${subject} has too few ${pointName}s (${held}) for a statistical process control reading: at least ${MIN_SPC_POINTS} are needed.`;
  }
  const trial = result.trialLimits ? ` (limits are provisional: fewer than 12 ${pointName}s)` : "";
  const assurance =
    result.assurance === null || result.target === null
      ? ""
      : `; against the target of ${formatNumber(result.target)} it ${
          result.assurance === "consistently passing"
            ? "will consistently pass"
            : result.assurance === "consistently failing"
              ? "will consistently fail"
              : "will hit and miss"
        } unless the process changes`;
  const value = formatNumber(latest.value);
  if (latest.specialCause) {
    const kind =
      latest.variation === "improvement"
        ? "special cause variation: an improvement"
        : latest.variation === "concern"
          ? "special cause variation: a concern"
          : `special cause variation (${latest.side === "high" ? "high" : "low"})`;
    const ordered = SIDE_PRIORITY.filter((rule) => latest.rules.includes(rule));
    const reasons = joinWithAnd(ordered.map((rule) => RULE_WORDS[rule]((latest.ruleSides[rule] ?? latest.side) === "high")));
    return `${subject} shows ${kind}; the latest ${pointName} (${value}) is ${reasons}${trial}${assurance}.`;
  }
  const { mean, lowerProcessLimit: lower, upperProcessLimit: upper } = latest;
  const range =
    mean === null || lower === null || upper === null
      ? ""
      : `, within the limits of ${formatLimit(lower)} to ${formatLimit(upper)} around an average of ${formatLimit(mean)}`;
  return `${subject} shows only common cause variation; the latest ${pointName} (${value}) is what the process would be expected to produce${range}${trial}${assurance}.`;
}

/**
 * "Essex is 5th of 8 in its most similar group for burglary (5.2 per 1,000 people), not
 * significantly different from the MSG average (weighted by population) of 4.9."
 */
export function describeMsgPosition(
  result: MsgComparison,
  words: { indicatorName: string; forceName: string; perWhat?: string },
): string {
  const { indicatorName, forceName, perWhat = "people" } = words;
  const { force } = result;
  const position =
    result.direction === "neither"
      ? `${ordinal(force.position)} highest of ${force.of}`
      : `${ordinal(force.position)} of ${force.of}`;
  const rate = `${formatRate(force.rate)} per ${formatNumber(result.per)} ${perWhat}`;
  const averageName = result.averageLabel.replace(/^MSG average/, "the MSG average");
  const comparison =
    force.significance === "not significant"
      ? `not significantly different from ${averageName} of ${formatRate(result.average)}`
      : `significantly ${force.significance} than ${averageName} of ${formatRate(result.average)}`;
  return `${forceName} is ${position} in its most similar group for ${indicatorName} (${rate}), ${comparison}.`;
}

export interface FinancialYearToDateWording {
  /** What is counted, plural: "crimes", "burglaries"; with `areaName` it reads "110,004 crimes in Essex". */
  noun: string;
  areaName?: string;
  /** This financial year's total to the month. */
  current: number;
  /** The same months a year earlier; null when that total is not complete. */
  previous: number | null;
  /** "Apr 2025 – Dec 2025": the months counted, so the figure is never shown without its period. */
  window: string;
  /** Months missing from last year's window, when `previous` is null. */
  missingPrevious?: readonly string[];
}

/**
 * "110,004 crimes so far this financial year (Apr 2025 – Dec 2025), 2,300 more than by this point
 * last year." (issue 12: the FYTD total in words). When last year's window lacks months the
 * difference is not given, and the sentence says why.
 */
export function describeFinancialYearToDate(input: FinancialYearToDateWording): string {
  const { noun, areaName, current, previous, window, missingPrevious = [] } = input;
  const head = `${formatNumber(current)} ${noun}${areaName ? ` in ${areaName}` : ""} so far this financial year (${window})`;
  if (previous === null) {
    const missing = missingPrevious.length === 0 ? "" : missingPrevious.length > 3 ? `: ${missingPrevious.length} of its months are missing` : `: ${missingPrevious.join(", ")} ${missingPrevious.length === 1 ? "is" : "are"} missing`;
    return `${head}; the same point last year has no complete figure${missing}.`;
  }
  const difference = current - previous;
  if (difference === 0) return `${head}, the same as by this point last year.`;
  return `${head}, ${formatNumber(Math.abs(difference))} ${difference > 0 ? "more" : "fewer"} than by this point last year (${formatNumber(previous)}).`;
}

/**
 * What one unit of a count indicator is, plural, for "110,004 crimes so far…": "crimes" for all
 * crime, "burglary crimes" for a police.uk crime type, the name itself when it already names what
 * is counted ("crimes solved", "domestic abuse incidents").
 */
export function countNounOf(indicator: { id: string; name: string; source: string }): string {
  if (/^(police-uk|ho)-all-crime$/.test(indicator.id)) return "crimes";
  if (indicator.id === "police-uk-anti-social-behaviour") return "anti-social behaviour incidents";
  const name = indicator.name.replace(/\s*\((rolling 12 months|excl\. ASB)\)$/, "");
  const first = name.split(/\s/)[0] ?? "";
  const inSentence = first.length > 1 && first === first.toUpperCase() ? name : name.charAt(0).toLowerCase() + name.slice(1);
  if (/(crimes|incidents|cases|reports|charged|offences)\b/i.test(name)) return inSentence;
  if (indicator.source === "data.police.uk" || indicator.source === "Home Office") return `${inSentence} crimes`;
  return `${inSentence} (count)`;
}

// ---- A force's MSG position over time ----------------------------------------------------------

/** Why a month has (or has no) position. */
export type MsgHistoryStatus =
  /** Every member had a figure and a population: ranked. */
  | "ranked"
  /** At least one member had no figure (or no population): not ranked. */
  | "member missing"
  /** No Most Similar Group is recorded for the force in this month (membership is dated). */
  | "no group"
  /** No population estimate covers the period (ONS mid-year estimates held start in 2011). */
  | "no population";

/** What the sentence needs of each month of the MSG history (GET /api/compare/msg/history's points). */
export interface MsgHistoryWordsPoint {
  month: Month;
  status: MsgHistoryStatus;
  position: number | null;
  /** "3rd of 8", or why the month is not ranked. */
  note: string;
}

const MONTH_SPAN = (points: readonly MsgHistoryWordsPoint[]) =>
  points.length === 0 ? "" : `${formatMonth(points[0]!.month)} to ${formatMonth(points[points.length - 1]!.month)}`;

/**
 * "Essex was ranked in 21 of the 52 quarters held (Mar 2003 to Dec 2018): 5th of 8 in Dec 2018,
 * between 2nd and 6th (1st = lowest rate); the other 31 could not be ranked (…)."
 */
export function describeMsgHistory(points: readonly MsgHistoryWordsPoint[], words: { forceName: string; indicatorName: string; step: "month" | "quarter"; direction: Direction }): string {
  const { forceName, indicatorName, step, direction } = words;
  const plural = (n: number) => `${n} ${step}${n === 1 ? "" : "s"}`;
  if (points.length === 0) return `No figures for ${indicatorName} are held for ${forceName}.`;
  const ranked = points.filter((p) => p.status === "ranked");
  const reasons = (["member missing", "no group", "no population"] as const)
    .map((status) => [status, points.filter((p) => p.status === status).length] as const)
    .filter(([, n]) => n > 0)
    .map(([status, n]) =>
      status === "member missing" ? `${n} with a member's figure missing` : status === "no group" ? `${n} before its Most Similar Group was recorded` : `${n} with no population estimate`,
    );
  const unranked = points.length - ranked.length;
  const notRanked = unranked === 0 ? "" : `; the other ${unranked} could not be ranked (${reasons.join(", ")})`;
  const latest = ranked[ranked.length - 1];
  if (!latest) return `${forceName} could not be ranked in its most similar group for ${indicatorName} in any of the ${plural(points.length)} held (${MONTH_SPAN(points)}): ${reasons.join(", ")}.`;
  const positions = ranked.map((p) => p.position ?? 0);
  const best = minOf(positions)!;
  const worst = maxOf(positions)!;
  const sense = direction === "lower" ? "1st = lowest rate" : direction === "higher" ? "1st = highest rate" : "1st = highest rate; no better or worse";
  const range = best === worst ? `${ordinal(best)} every time` : `between ${ordinal(best)} and ${ordinal(worst)}`;
  return `${forceName} was ranked in its most similar group for ${indicatorName} in ${ranked.length} of the ${plural(points.length)} held (${MONTH_SPAN(points)}): ${latest.note} in ${formatMonth(latest.month)}, ${range} (${sense})${notRanked}.`;
}
