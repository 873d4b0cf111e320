import type { Insertable, Selectable } from "kysely";

/**
 * One Database interface for SQLite and PostgreSQL. Types are kept to what both store the same
 * way: text, integers, double precision. Booleans are stored as 0/1 integers and months as
 * "YYYY-MM" text (they sort and compare correctly as text).
 */
export interface Database {
  areas: AreaTable;
  indicators: IndicatorTable;
  import_batches: ImportBatchTable;
  observations: ObservationTable;
  populations: PopulationTable;
  comparison_groups: ComparisonGroupTable;
  comparison_group_members: ComparisonGroupMemberTable;
}

export interface AreaTable {
  /** ONS code: E23… police force area, E06/E07/E08/E09/W06… local authority district. */
  code: string;
  name: string;
  kind: "force" | "district";
  parent_code: string | null;
}

export interface IndicatorTable {
  id: string;
  name: string;
  unit: string;
  direction: string;
  priority: string;
  source: string;
  cadence: string;
  definition: string;
  is_sample: number;
}

export interface ImportBatchTable {
  id: string;
  kind: string;
  file_name: string;
  /** sha256 of the file's bytes: the same file imported again is recognised and changes nothing. */
  checksum: string;
  rows_read: number;
  rows_accepted: number;
  imported_at: string;
}

export interface ObservationTable {
  indicator_id: string;
  area_code: string;
  month: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  batch_id: string;
}

export interface PopulationTable {
  area_code: string;
  /** Mid-year (30 June) of the estimate. */
  year: number;
  value: number;
  batch_id: string;
}

export interface ComparisonGroupTable {
  id: string;
  force_code: string;
  name: string;
  /** First month the membership applies to (YYYY-MM). */
  valid_from: string;
  /** Last month it applies to, null while current. */
  valid_to: string | null;
  source: string;
}

export interface ComparisonGroupMemberTable {
  group_id: string;
  member_code: string;
}

export type Area = Selectable<AreaTable>;
export type IndicatorRow = Selectable<IndicatorTable>;
export type ImportBatch = Selectable<ImportBatchTable>;
export type NewImportBatch = Insertable<ImportBatchTable>;
export type Observation = Selectable<ObservationTable>;
export type NewObservation = Insertable<ObservationTable>;
export type Population = Selectable<PopulationTable>;
export type NewPopulation = Insertable<PopulationTable>;
export type ComparisonGroup = Selectable<ComparisonGroupTable>;
