export type { AppType } from "./app";
export type { SeriesResponse, SeriesSource, AreaSummary } from "./services/series";
export type { OverviewResponse, OverviewRow } from "./services/overview";
export type { ErrorBody } from "./errors";
export type { DistrictComparison, DistrictRow, MsgResponse } from "./services/compare";
export type { SpcOverlay, PeriodComparison } from "./services/readings";
