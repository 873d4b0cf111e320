import { formatChange, formatValue, significantChange, type Direction, type Unit, type Variation } from "@scrutiny/domain";
import type { OverviewRow, PeriodComparison } from "@scrutiny/api";

/** What one comparison cell of the scorecard says, and how it should be marked. */
export interface ComparisonCell {
  text: string;
  /** "worse" / "better" only when the change is statistically significant and the indicator has a direction. */
  judgement: "worse" | "better" | "no significant change" | "no direction" | "not comparable" | "not like for like";
  /** The full sentence, for the cell's description. */
  sentence: string;
}

export function comparisonCell(unit: Unit, direction: Direction, comparison: PeriodComparison | undefined): ComparisonCell {
  if (!comparison) return { text: "—", judgement: "not comparable", sentence: "Not compared for this indicator." };
  const { current, previous, test, sentence } = comparison;
  if (current.total === null || previous.total === null) {
    const missing = current.missingMonths.length + previous.missingMonths.length;
    return { text: `${missing} month${missing === 1 ? "" : "s"} missing`, judgement: "not comparable", sentence };
  }
  if (comparison.comparability === "not comparable") return { text: "Not comparable", judgement: "not comparable", sentence };
  const delta = current.total - previous.total;
  let text: string;
  if (test?.kind === "proportions") text = formatChange("percentage", { absolute: test.differencePoints ?? 0, percent: null, percentagePoints: test.differencePoints ?? 0 });
  else if (test?.kind === "counts") text = test.smallNumbers ? `${formatValue(unit, previous.total)} → ${formatValue(unit, current.total)}` : formatChange(unit, { absolute: delta, percent: test.percentChange, percentagePoints: null });
  else text = formatChange(unit, { absolute: delta, percent: previous.total === 0 ? null : (delta / previous.total) * 100, percentagePoints: null });
  if (comparison.comparability === "not like for like") return { text: `${text} (not like for like)`, judgement: "not like for like", sentence };
  if (!test) return { text, judgement: direction === "neither" ? "no direction" : "no significant change", sentence };
  if (!test.significant) return { text, judgement: "no significant change", sentence };
  if (direction === "neither") return { text, judgement: "no direction", sentence };
  // Worse / better by the one rule (packages/domain change.ts) the API's significantChange follows too.
  return { text, judgement: significantChange(direction, test) ?? "no significant change", sentence };
}

/** Making Data Count's variation icon in words and a symbol that survives greyscale. */
export function variationLabel(variation: Variation | null, trialLimits: boolean): { symbol: string; text: string } {
  const trial = trialLimits ? " (provisional limits)" : "";
  switch (variation) {
    case "concern":
      return { symbol: "▲!", text: `Special cause: concern${trial}` };
    case "improvement":
      return { symbol: "▲✓", text: `Special cause: improvement${trial}` };
    case "neutral":
      return { symbol: "◆", text: `Special cause: neither better nor worse${trial}` };
    case "common":
      return { symbol: "~", text: `Common cause variation${trial}` };
    default:
      return { symbol: "—", text: "No SPC reading: too few months" };
  }
}

export type ScorecardSort = "priority" | "concern";

/** Rows in priority order, or the most concerning first (ties keep priority order). */
export function sortRows(rows: readonly OverviewRow[], sort: ScorecardSort): OverviewRow[] {
  const ordered = [...rows];
  if (sort === "concern") ordered.sort((a, b) => b.concern - a.concern);
  return ordered;
}
