export type { AppType } from "./app";
export type { SeriesResponse, SeriesSource, AreaSummary } from "./services/series";
export type { OverviewResponse, OverviewRow } from "./services/overview";
export type { ErrorBody } from "./errors";
