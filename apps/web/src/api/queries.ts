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

/** The scorecard for a reporting month (default: the latest month of the force's own police.uk figures). */
export const overviewQuery = (area: string, month?: string) =>
  queryOptions({
    queryKey: ["overview", area, month ?? ""],
    queryFn: async () => unwrap(await client.api.overview.$get({ query: { area, ...(month ? { month } : {}) } })),
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

/** Indicator-file imports, newest first, with what each created, revised and restated. */
export const importHistoryQuery = () =>
  queryOptions({
    queryKey: ["imports"],
    queryFn: async () => unwrap(await client.api.imports.$get()),
  });

export const importBatchQuery = (batchId: string) =>
  queryOptions({
    queryKey: ["imports", "batch", batchId],
    queryFn: async () => unwrap(await client.api.imports[":batchId"].$get({ param: { batchId }, query: {} })),
  });

/** One figure's history: the value shown now and every file that wrote it. */
export const observationHistoryQuery = (key: { indicator: string; area: string; month: string }) =>
  queryOptions({
    queryKey: ["imports", "revisions", key],
    queryFn: async () => unwrap(await client.api.imports.revisions.$get({ query: key })),
  });

/** What is late or missing, by source, for a force (as of a month; default the current one). */
export const dataStatusQuery = (query: { force?: string; asOf?: string } = {}) =>
  queryOptions({
    queryKey: ["data-status", query],
    queryFn: async () => unwrap(await client.api.imports.status.$get({ query })),
    staleTime: 5 * 60_000,
  });

/** An indicator's annotations (breaks and notes) for an area. */
export const annotationsQuery = (query: { indicator: string; area: string }) =>
  queryOptions({
    queryKey: ["annotations", query],
    queryFn: async () => unwrap(await client.api.annotations.$get({ query })),
  });

/** Who is signed in and the mode: "local" (one local user) or "required" (sign-in). */
export const sessionQuery = () =>
  queryOptions({
    queryKey: ["session"],
    queryFn: async () => unwrap(await client.api.session.$get()),
    staleTime: 60_000,
  });

/** The deployment as /api/health reports it: its force (SCRUTINY_FORCE) and what exists only for Essex. Loaded once. */
export const healthQuery = () =>
  queryOptions({
    queryKey: ["health"],
    queryFn: async () => unwrap(await client.api.health.$get()),
    staleTime: Infinity,
  });
