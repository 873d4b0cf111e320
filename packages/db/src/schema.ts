import type { Generated, Insertable, Selectable } from "kysely";

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
  observation_revisions: ObservationRevisionTable;
  data_version: DataVersionTable;
  batch_coverage: BatchCoverageTable;
  replaced_observations: ReplacedObservationTable;
  annotations: AnnotationTable;
  peer_groups: PeerGroupTable;
  accounts: AccountTable;
  sessions: SessionTable;
  audit_log: AuditLogTable;
  meetings: MeetingTable;
  meeting_packs: MeetingPackTable;
  assurance_grades: AssuranceGradeTable;
  questions: QuestionTable;
  actions: ActionTable;
  action_events: ActionEventTable;
}

/** Dated notes and series breaks on an indicator, optionally one area (migration 0005). */
export interface AnnotationTable {
  id: string;
  indicator_id: string;
  /** null: every area. */
  area_code: string | null;
  month: string;
  kind: "note" | "break";
  text: string;
  source: string;
  created_by: string | null;
  created_at: string;
}

/** A saved set of forces to compare (migration 0007): members are force codes, comma-separated. */
export interface PeerGroupTable {
  id: string;
  name: string;
  members: string;
  created_by: string;
  created_at: string;
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
  /** Months after a period ends by which its figures are due (migration 0002). */
  expected_lag_months: Generated<number>;
  /** 1 published, 0 not; null: as its source says (migration 0010, decision 110a). */
  published: Generated<number | null>;
  /** 1 when a figure at a month is the total of the 12 months to it (migration 0008). */
  rolling_12_months: Generated<number>;
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
  /** "active", or "rolled back" (migration 0002). */
  status: Generated<string>;
  /** Who imported the file; null for the public files built into the default dataset. */
  imported_by: string | null;
  rolled_back_at: string | null;
  rolled_back_by: string | null;
}

export interface ObservationTable {
  indicator_id: string;
  area_code: string;
  month: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  batch_id: string;
  /** Survey size behind a satisfaction rate, from a force's indicator file (migration 0002). */
  survey_n: number | null;
  /** "provisional" or "final", as the force states it. */
  status: string | null;
  note: string | null;
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

/**
 * What one import batch did to one observation: created it, revised it, or stated it again
 * unchanged. The old side (null when created) is what a rollback restores, batch id included.
 */
export interface ObservationRevisionTable {
  batch_id: string;
  indicator_id: string;
  area_code: string;
  month: string;
  change: "created" | "revised" | "unchanged";
  old_value: number | null;
  old_numerator: number | null;
  old_denominator: number | null;
  old_survey_n: number | null;
  old_status: string | null;
  old_note: string | null;
  old_batch_id: string | null;
  new_value: number;
  new_numerator: number | null;
  new_denominator: number | null;
  new_survey_n: number | null;
  new_status: string | null;
  new_note: string | null;
}

/** One row (id 1): bumped with every change to the data, so caches know when they are stale (migration 0004). */
export interface DataVersionTable {
  id: number;
  version: number;
}

/** The area-months a police.uk batch covers (migration 0004). */
export interface BatchCoverageTable {
  batch_id: string;
  area_code: string;
  month: string;
}

/** A figure a police.uk batch replaced, exactly as it was held: its rollback restores it (migration 0004). */
export interface ReplacedObservationTable {
  batch_id: string;
  indicator_id: string;
  area_code: string;
  month: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  survey_n: number | null;
  status: string | null;
  note: string | null;
  old_batch_id: string;
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
export type ObservationRevision = Selectable<ObservationRevisionTable>;
export type NewObservationRevision = Insertable<ObservationRevisionTable>;
export type AnnotationRow = Selectable<AnnotationTable>;
export type NewAnnotationRow = Insertable<AnnotationTable>;

/** Roles, least to most: public reads published figures; member reads all; analyst imports; admin manages. */
export type Role = "public" | "member" | "analyst" | "admin";

export interface AccountTable {
  id: string;
  /** Lower-case; the sign-in name and the name recorded on what the account changes. */
  email: string;
  role: Role;
  /** scrypt$N$r$p$salt$hash (base64), see apps/api/src/auth/passwords.ts. */
  password_hash: string;
  disabled: Generated<number>;
  failed_attempts: Generated<number>;
  locked_until: string | null;
  created_at: string;
}

export interface SessionTable {
  /** SHA-256 of the cookie's random token: the token itself is never stored. */
  token_hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  /** The account's email, "local user …" in local mode, null for the system. */
  actor: string | null;
  /** e.g. "import", "rollback", "catalogue.change", "user.add", "user.lockout". */
  action: string;
  /** What was changed: a batch id, an indicator id, an email. */
  subject: string;
  before_json: string | null;
  after_json: string | null;
}

export type Account = Selectable<AccountTable>;
export type AuditEntryRow = Selectable<AuditLogTable>;

// ---- The meeting cycle (migration 0006) ---------------------------------------------------------

export interface MeetingTable {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  title: string;
  kind: "performance scrutiny" | "joint performance and resources";
  /** The reporting month the meeting reviews (YYYY-MM). */
  month: string;
  /** YYYY-MM-DD: a week before the meeting unless set. */
  papers_due: string;
  force_code: string;
  created_at: string;
}

export interface MeetingPackTable {
  meeting_id: string;
  issued_at: string;
  issued_by: string | null;
  month: string;
  /** JSON: cover, items (figures and sentences as issued) and changes since the previous pack. */
  body: string;
  /** 1 once an admin has published it (migration 0010); unpublished packs are members' only. */
  published: Generated<number>;
}

export interface AssuranceGradeTable {
  meeting_id: string;
  item_key: string;
  grade: "assured" | "partly assured" | "not assured";
  note: string;
  graded_at: string;
}

export interface QuestionTable {
  id: string;
  meeting_id: string | null;
  indicator_id: string | null;
  /** The pack exception it was drafted from. */
  item_key: string | null;
  text: string;
  owner: string | null;
  origin: "drafted" | "added";
  status: "draft" | "accepted" | "dismissed" | "sent" | "answered";
  sent_on: string | null;
  answer_due: string | null;
  answer: string | null;
  created_at: string;
  updated_at: string;
}

export interface ActionTable {
  id: string;
  year: number;
  number: number;
  /** "89/14" */
  reference: string;
  text: string;
  owner: string;
  due_date: string | null;
  status: "open" | "complete" | "carried forward" | "closed";
  meeting_id: string | null;
  indicator_id: string | null;
  /** 1 for the example actions transcribed from the public minutes. */
  is_example: Generated<number>;
  created_at: string;
}

export interface ActionEventTable {
  action_id: string;
  seq: number;
  at: string;
  status: string;
  note: string;
  meeting_id: string | null;
}

export type Meeting = Selectable<MeetingTable>;
export type MeetingPack = Selectable<MeetingPackTable>;
export type AssuranceGrade = Selectable<AssuranceGradeTable>;
export type Question = Selectable<QuestionTable>;
export type ActionRow = Selectable<ActionTable>;
export type ActionEvent = Selectable<ActionEventTable>;

/** Tables the meeting cycle's users write: not part of the default dataset export. */
export type MeetingCycleTables = "meetings" | "meeting_packs" | "assurance_grades" | "questions" | "actions" | "action_events";
