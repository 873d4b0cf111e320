import { useQuery } from "@tanstack/react-query";
import { type Freshness } from "@scrutiny/domain";
import { useDeployment } from "../../app/deployment";
import { dataStatusQuery } from "../../api/queries";

/**
 * Each indicator's freshness for a force, by indicator id: for putting the same late / no data flag
 * beside an indicator wherever it is shown (the scorecard, the briefing pack) as on the status view.
 * One request, shared through the query cache with the data-status page.
 */
export function useFreshness(force?: string): ReadonlyMap<string, Freshness> {
  const deployment = useDeployment();
  const { data } = useQuery(dataStatusQuery({ force: force ?? deployment.code }));
  const byIndicator = new Map<string, Freshness>();
  for (const source of data?.sources ?? []) for (const row of source.rows) byIndicator.set(row.indicator.id, row.freshness);
  return byIndicator;
}
