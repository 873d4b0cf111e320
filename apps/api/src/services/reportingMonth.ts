import type { Kysely } from "kysely";
import { policeUkIndicatorId, type Month } from "@scrutiny/domain";
import { reportingMonthsOfForce, type Database } from "@scrutiny/db";

/**
 * The months a briefing can answer for: those with the force's own police.uk figures (all crime
 * from its street-level files, else from the all-forces counts), newest first; the default is the
 * newest. Each month carries when its figures were imported, for the banner.
 */
export async function reportingMonths(db: Kysely<Database>, forceCode: string): Promise<{ latest: Month | null; months: Month[]; importedAt: Map<Month, string> }> {
  const rows = await reportingMonthsOfForce(db, { forceCode, indicatorId: policeUkIndicatorId.allCrime });
  const street = rows.filter((r) => r.kind === "police-uk-street");
  const chosen = street.length > 0 ? street : rows;
  const months = chosen.map((r) => r.month as Month).sort().reverse();
  return { latest: months[0] ?? null, months, importedAt: new Map(rows.map((r) => [r.month as Month, r.imported_at])) };
}
