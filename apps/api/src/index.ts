export type { AppType } from "./app";
export type { SeriesResponse, SeriesSource, AreaSummary } from "./services/series";
export type { OverviewResponse, OverviewRow, HistoricalRow } from "./services/overview";
export type { ErrorBody } from "./errors";
export type { DistrictComparison, DistrictRow, MsgResponse } from "./services/compare";
export type { SpcOverlay, PeriodComparison } from "./services/readings";
export type { DistrictIndicator, DistrictSeries, DistrictSeriesPoint, DistrictSeriesResponse } from "./services/districts";
export type { DataStatusResponse, DataStatusRow, DataStatusSource } from "./services/dataStatus";
export type { IndicatorFilePreview, PreviewRow, ImportHistoryEntry, IndicatorImportResult, ObservationHistory, RollbackResult } from "@scrutiny/ingest";
