import type { Kysely } from "kysely";
import { outcomeMaturity, policeUkIndicatorId, type Indicator, type Month, type OutcomeMaturity } from "@scrutiny/domain";
import { observationsFor, type Database } from "@scrutiny/db";

/**
 * Outcome maturity for an area (METHODS.md "Seasonality and maturity"): each month's share of
 * crimes whose last police.uk outcome is still pending, against the median of the area's months.
 * Applies to the police.uk solved rates and outcome counts; other series have no outcomes to mature.
 */
export function hasMaturingOutcomes(indicator: Pick<Indicator, "id" | "source">): boolean {
  if (indicator.source !== "data.police.uk") return false;
  return indicator.id.endsWith("-solved-rate") || Object.values({ s: policeUkIndicatorId.outcome("solved"), n: policeUkIndicatorId.outcome("not solved"), p: policeUkIndicatorId.outcome("pending") }).includes(indicator.id);
}

export async function maturityForArea(db: Kysely<Database>, areaCode: string): Promise<OutcomeMaturity> {
  const [all, pending] = await Promise.all([
    observationsFor(db, { indicatorId: policeUkIndicatorId.allCrime, areaCode }),
    observationsFor(db, { indicatorId: policeUkIndicatorId.outcome("pending"), areaCode }),
  ]);
  const pendingByMonth = new Map(pending.map((o) => [o.month, o.value]));
  return outcomeMaturity(all.filter((o) => pendingByMonth.has(o.month)).map((o) => ({ month: o.month as Month, pending: pendingByMonth.get(o.month)!, total: o.value })));
}

/** Provisional months with their reasons, for the comparisons and the series points. */
export function provisionalMonths(maturity: OutcomeMaturity): Map<Month, string> {
  const out = new Map<Month, string>();
  for (const m of maturity.months) if (m.provisional && m.reason) out.set(m.month, m.reason);
  return out;
}
