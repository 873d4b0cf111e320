/**
 * Implausible figures (issue 9, part "Implausible figures"): a negative count, or a count that
 * collapses to zero because a category ended, is a data issue or a discontinued series — never a
 * change to be tested or ranked.
 */
import { formatMonth, type Month } from "./months";
import type { Unit } from "./indicators";

export interface SeriesIssue {
  kind: "negative count" | "discontinued";
  /** The first month the issue shows. */
  since: Month;
  text: string;
}

/** A series that held at least this many a period before falling to zero and staying there has ended. */
const DISCONTINUED_FROM_AT_LEAST = 20;

export function seriesIssue(points: readonly { month: Month; value: number | null }[], unit: Unit): SeriesIssue | null {
  if (unit !== "count") return null;
  const held = points.filter((p): p is { month: Month; value: number } => p.value !== null);
  const latest = held.at(-1);
  if (!latest) return null;
  if (latest.value < 0) {
    return { kind: "negative count", since: latest.month, text: `${formatMonth(latest.month)} holds a negative count (${latest.value}): a data issue (reclassifications netted off), not a change.` };
  }
  if (latest.value !== 0) return null;
  // Zero since some month, after a series that was clearly running.
  let i = held.length - 1;
  while (i >= 0 && held[i]!.value <= 0) i--;
  const before = i >= 0 ? held[i]! : null;
  if (!before || before.value < DISCONTINUED_FROM_AT_LEAST) return null;
  const since = held[i + 1]!.month;
  return { kind: "discontinued", since, text: `Zero since ${formatMonth(since)} after ${before.value.toLocaleString("en-GB")} in ${formatMonth(before.month)}: the category ended (a discontinued series), not a fall to zero.` };
}
