import { queryOptions } from "@tanstack/react-query";
import type { InferResponseType } from "hono/client";
import { client, unwrap } from "../../api/client";

export type AverageMethod = "weighted" | "simple";

type HistoryEndpoint = typeof client.api.compare.msg.history.$get;
type SnapshotEndpoint = typeof client.api.compare.msg.$get;

/** GET /api/compare/msg/history: the force's MSG position for every month held. */
export type MsgHistory = InferResponseType<HistoryEndpoint, 200>;
export type MsgHistoryPoint = MsgHistory["points"][number];
/** GET /api/compare/msg: the force and its group for one month. */
export type MsgSnapshot = InferResponseType<SnapshotEndpoint, 200>;

export const msgHistoryQuery = (query: { indicator: string; force: string; average: AverageMethod; from?: string; to?: string }) =>
  queryOptions({
    queryKey: ["msg-history", query],
    queryFn: async () => unwrap(await client.api.compare.msg.history.$get({ query })),
    staleTime: 5 * 60_000,
  });

export const msgSnapshotQuery = (query: { indicator: string; force: string; month: string; average: AverageMethod; period?: "month" | "rolling-12" | "fytd" }) =>
  queryOptions({
    queryKey: ["msg", query],
    queryFn: async () => unwrap(await client.api.compare.msg.$get({ query })),
    staleTime: 5 * 60_000,
  });
