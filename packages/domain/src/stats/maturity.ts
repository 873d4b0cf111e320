/**
 * Outcome maturity (METHODS.md "Seasonality and maturity"): police.uk outcomes are assigned over
 * months, so a month published soon after it ends carries many "Under investigation" and its
 * solved rate is provisional. Judged from the data, never from a fixed count of months: a month's
 * pending share (its crimes whose last outcome is still pending, by the product's outcome mapping,
 * packages/domain/src/policeUk.ts) against the median pending share of the same area's months.
 * By default a month is provisional when its share is above BOTH twice the median AND the median
 * plus 5 percentage points (Essex: 2018-07 45% pending, 2024-04 59%, most 2025 months 3–6%).
 */
import { median } from "d3-array";
import type { Month } from "../months";

export interface MonthOutcomes {
  month: Month;
  /** Crimes of the month whose last outcome is still pending. */
  pending: number;
  /** Crimes of the month with any outcome (pending included). */
  total: number;
}

export interface MaturityOptions {
  /** Provisional above this multiple of the median pending share. Default 2. */
  factor?: number;
  /** …and above the median plus this many percentage points. Default 5. */
  marginPoints?: number;
}

export interface MonthMaturity {
  month: Month;
  /** pending ÷ total, 0–1; null when the month has no crimes. */
  pendingShare: number | null;
  provisional: boolean;
  /** Why, in words, when provisional: "45% of its crimes still awaited an outcome against a median of 4% for the area's months". */
  reason: string | null;
}

export interface OutcomeMaturity {
  /** Median pending share of the area's months, 0–1; null without months. */
  medianShare: number | null;
  /** A month above this share is provisional. */
  threshold: number | null;
  months: MonthMaturity[];
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

export function outcomeMaturity(months: readonly MonthOutcomes[], options: MaturityOptions = {}): OutcomeMaturity {
  const { factor = 2, marginPoints = 5 } = options;
  const shares = months.map((m) => (m.total > 0 ? m.pending / m.total : null));
  const medianShare = median(shares.filter((s): s is number => s !== null)) ?? null;
  const threshold = medianShare === null ? null : Math.max(factor * medianShare, medianShare + marginPoints / 100);
  return {
    medianShare,
    threshold,
    months: months.map((m, i) => {
      const pendingShare = shares[i] ?? null;
      const provisional = pendingShare !== null && threshold !== null && pendingShare > threshold;
      return {
        month: m.month,
        pendingShare,
        provisional,
        reason: provisional
          ? `outcomes still immature: ${percent(pendingShare!)} of the month's crimes still awaited an outcome, against a median of ${percent(medianShare!)} for the area's months`
          : null,
      };
    }),
  };
}
