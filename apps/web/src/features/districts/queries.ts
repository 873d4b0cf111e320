import { queryOptions } from "@tanstack/react-query";
import { client, unwrap } from "../../api/client";

/** The districts view's resources, one queryOptions factory each. */
export const districtIndicatorsQuery = (force: string) =>
  queryOptions({
    queryKey: ["district-indicators", force],
    queryFn: async () => unwrap(await client.api.compare.districts.indicators.$get({ query: { force } })),
    staleTime: 5 * 60_000,
  });

export const districtComparisonQuery = (query: { indicator: string; month: string; force: string; period?: "month" | "rolling-12" | "fytd" }) =>
  queryOptions({
    queryKey: ["compare-districts", query],
    queryFn: async () => unwrap(await client.api.compare.districts.$get({ query })),
    staleTime: 5 * 60_000,
  });

export const districtSeriesQuery = (query: { indicator: string; force: string; from: string; to: string }) =>
  queryOptions({
    queryKey: ["district-series", query],
    queryFn: async () => unwrap(await client.api.compare.districts.series.$get({ query })),
    staleTime: 5 * 60_000,
  });

export const boundariesQuery = (force: string) =>
  queryOptions({
    queryKey: ["boundaries", force],
    queryFn: async () => unwrap(await client.api.boundaries.$get({ query: { force } })),
    staleTime: Infinity,
  });
