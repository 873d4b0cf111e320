import { queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { client, unwrap } from "../../api/client";

type ForcesEndpoint = typeof client.api.compare.forces.$get;
/** GET /api/compare/forces: forces compared on one indicator and period. */
export type ForcesComparison = InferResponseType<ForcesEndpoint, 200>;
export type ForceRow = ForcesComparison["forces"][number];
export type PeerGroup = InferResponseType<typeof client.api["peer-groups"]["$get"], 200>[number];

export const forcesQuery = (query: { indicator: string; month?: string; period: string; forces?: string; force: string; average: string }) =>
  queryOptions({
    queryKey: ["compare-forces", query],
    queryFn: async () => {
      const q: Record<string, string> = { indicator: query.indicator, period: query.period, force: query.force, average: query.average };
      if (query.month) q.month = query.month;
      if (query.forces) q.forces = query.forces;
      return unwrap(await client.api.compare.forces.$get({ query: q as never }));
    },
    staleTime: 5 * 60_000,
  });

export const peerGroupsQuery = () =>
  queryOptions({
    queryKey: ["peer-groups"],
    queryFn: async () => unwrap(await client.api["peer-groups"].$get()),
    staleTime: 60_000,
  });

/** Saves a peer group (state-changing: sends the CSRF header every POST carries). */
export async function savePeerGroup(body: { name: string; members: string[] }): Promise<PeerGroup> {
  return unwrap(await client.api["peer-groups"].$post({ json: body }, { headers: { "X-Scrutiny-Csrf": "1" } })) as Promise<PeerGroup>;
}
