import { queryOptions } from "@tanstack/react-query";
import { client, unwrap } from "./client";

/** One queryOptions factory per resource: the same key and fetcher wherever the data is used. */
export const areasQuery = () =>
  queryOptions({
    queryKey: ["areas"],
    queryFn: async () => unwrap(await client.api.areas.$get({ query: {} })),
    staleTime: Infinity,
  });

export const indicatorsQuery = () =>
  queryOptions({
    queryKey: ["indicators"],
    queryFn: async () => unwrap(await client.api.indicators.$get()),
    staleTime: Infinity,
  });

export const overviewQuery = (area: string) =>
  queryOptions({
    queryKey: ["overview", area],
    queryFn: async () => unwrap(await client.api.overview.$get({ query: { area } })),
    staleTime: 5 * 60_000,
  });

export const seriesQuery = (query: { indicator: string; area: string; from?: string; to?: string }) =>
  queryOptions({
    queryKey: ["series", query],
    queryFn: async () =>
      unwrap(
        await client.api.series.$get({
          query: { indicator: query.indicator, area: query.area, ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) },
        }),
      ),
    staleTime: 5 * 60_000,
  });
