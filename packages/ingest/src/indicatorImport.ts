import type { Kysely } from "kysely";
import { monthFromIndex, monthIndex, monthOfDate, type Month } from "@scrutiny/domain";
import {
  type AuditHook,
  allRevisionsOfBatch,
  bumpDataVersion,
  coverageOfBatch,
  observationsAt,
  replacedByBatch,
  deleteObservationsOfBatch,
  findActiveBatchByChecksum,
  findBatch,
  insertBatches,
  insertNewObservations,
  insertRevisions,
  listAreas,
  listBatchesOfKind,
  listIndicators,
  markBatchRolledBack,
  observationAt,
  observationsOfIndicatorInMonths,
  readyForRollback,
  recordCreatedRevisions,
  revisionCounts,
  revisionsOfObservation,
  rollbackBlockers,
  updateObservations,
  upsertObservations,
  type Database,
  type ImportBatch,
  type NewObservation,
  type NewObservationRevision,
  type Observation,
  type RevisionCounts,
  type RevisionWithBatch,
} from "@scrutiny/db";
import { homeOfficeIndicators, policeUkIndicators } from "./catalogue";
import { ImportRejected, ProblemList, type ImportProblem } from "./errors";
import { cellText, CheckedRows, openIndicatorRows, validateIndicatorRows, type IndicatorFileContext, type IndicatorRows } from "./indicatorFile";
import { batchIdFor, checksumOf, freeBatchId } from "./pipeline";
import { sampleIndicators } from "./sample";

/**
 * Importing the force's monthly indicator file: all or nothing, revisions instead of overwrites,
 * and batches that can be rolled back (docs/decisions/010-indicator-revisions-and-rollback.md).
 *
 * Every observation the file names is compared with what is held: "created" (new key), "revised"
 * (any of value, numerator, denominator, survey n, status, note differs) or "unchanged". A file
 * that creates or revises nothing changes nothing, not even the batch list. Otherwise one batch
 * records the file, and one revision per row records what was held before and what was written.
 */
export const INDICATOR_FILE_KIND = "indicators";
export const DEFAULT_IMPORTED_BY = "scrutiny officer";
const WRITE_SLICE = 10_000;

export interface IndicatorFileInput {
  fileName: string;
  bytes: Uint8Array;
}

export type ObservationFields = Pick<Observation, "value" | "numerator" | "denominator" | "survey_n" | "status" | "note">;

/** What the file does to each figure: 0 creates it, 1 revises it, 2 states it again unchanged. */
export const CHANGES = ["created", "revised", "unchanged"] as const;

/**
 * The held figure each checked row replaces (rows that create a figure have none), column by
 * column like CheckedRows: a whole file re-sent holds a few typed arrays, not an object per row.
 */
export class HeldFigures {
  readonly value: Float64Array;
  readonly numerator: Float64Array;
  readonly denominator: Float64Array;
  readonly surveyN: Float64Array;
  readonly status: (string | null)[];
  readonly batch: (string | null)[];
  readonly notes = new Map<number, string>();
  private readonly texts = new Map<string, string>();

  constructor(length: number) {
    this.value = new Float64Array(length);
    this.numerator = new Float64Array(length);
    this.denominator = new Float64Array(length);
    this.surveyN = new Float64Array(length);
    this.status = new Array<string | null>(length).fill(null);
    this.batch = new Array<string | null>(length).fill(null);
  }

  /** One copy of each status and batch id (every row read from the database brings its own). */
  private intern(text: string | null): string | null {
    if (text === null) return null;
    let held = this.texts.get(text);
    if (held === undefined) this.texts.set(text, (held = text));
    return held;
  }

  set(row: number, o: Observation): void {
    this.value[row] = o.value;
    this.numerator[row] = o.numerator ?? NaN;
    this.denominator[row] = o.denominator ?? NaN;
    this.surveyN[row] = o.survey_n ?? NaN;
    this.status[row] = this.intern(o.status);
    this.batch[row] = this.intern(o.batch_id);
    if (o.note !== null) this.notes.set(row, o.note);
  }

  fields(row: number): ObservationFields & { batch_id: string | null } {
    const orNull = (n: number) => (Number.isNaN(n) ? null : n);
    return {
      value: this.value[row]!,
      numerator: orNull(this.numerator[row]!),
      denominator: orNull(this.denominator[row]!),
      survey_n: orNull(this.surveyN[row]!),
      status: this.status[row] ?? null,
      note: this.notes.get(row) ?? null,
      batch_id: this.batch[row] ?? null,
    };
  }
}

export interface IndicatorImportPlan {
  file: string;
  checksum: string;
  sizeBytes: number;
  /** The file's rows, to be visited again (the preview shows some); dropped for the import. */
  source: IndicatorRows | undefined;
  rowsRead: number;
  blankRows: number;
  problems: ImportProblem[];
  problemTotal: number;
  /** The active batch that imported these exact bytes before, if any. */
  alreadyImported: ImportBatch | undefined;
  /** The rows that passed every check (all of them when there are no problems). */
  checked: CheckedRows;
  /** By checked row: an index into CHANGES. */
  change: Uint8Array;
  /** By checked row: what is held now, for rows that revise or restate a figure. */
  previous: HeldFigures;
  counts: RevisionCounts;
}

/** Indicators the product makes itself: an indicator file must not overwrite them. */
export function notImportableIndicators(): Map<string, string> {
  const out = new Map<string, string>();
  for (const i of policeUkIndicators()) out.set(i.id, `"${i.id}" is computed from data.police.uk files; an indicator file cannot set it`);
  for (const i of homeOfficeIndicators()) out.set(i.id, `"${i.id}" is computed from Home Office tables; an indicator file cannot set it`);
  for (const i of sampleIndicators()) out.set(i.id, `"${i.id}" is synthetic sample data; send the force's own indicator (${i.id.replace(/^sample-/, "")}) instead`);
  return out;
}

async function fileContext(db: Kysely<Database>, now: Date): Promise<IndicatorFileContext> {
  const [indicators, areas] = await Promise.all([listIndicators(db), listAreas(db)]);
  return { indicators, areas, notImportable: notImportableIndicators(), currentMonth: monthOfDate(now) };
}

function sameFields(a: ObservationFields, held: ObservationFields): boolean {
  return a.value === held.value && a.numerator === held.numerator && a.denominator === held.denominator && a.survey_n === held.survey_n && a.status === held.status && a.note === held.note;
}

/**
 * Compares the checked rows with what is held, one indicator at a time: each indicator's figures
 * in the file's months are read in one query (chunked by 500 months) and matched to the file's row
 * by key, so memory holds one indicator's figures at most, never one object per held figure.
 */
async function compareWithHeld(db: Kysely<Database>, checked: CheckedRows): Promise<{ change: Uint8Array; previous: HeldFigures; counts: RevisionCounts }> {
  const change = new Uint8Array(checked.length);
  const previous = new HeldFigures(checked.length);
  const monthsOf = new Map<number, Set<number>>();
  for (let row = 0; row < checked.length; row++) {
    const indicator = checked.indicator[row]!;
    let months = monthsOf.get(indicator);
    if (!months) monthsOf.set(indicator, (months = new Set()));
    months.add(checked.month[row]!);
  }
  for (const [indicator, months] of monthsOf) {
    const held = await observationsOfIndicatorInMonths(db, checked.indicatorIds[indicator]!, [...months].map(monthFromIndex));
    for (const o of held) {
      const area = checked.knownArea(o.area_code);
      if (area === undefined) continue;
      const line = checked.lineOfKey.get(CheckedRows.key(indicator, area, monthIndex(o.month as Month)));
      const row = line === undefined ? undefined : checked.rowOnLine(line);
      if (row === undefined) continue;
      previous.set(row, o);
      change[row] = sameFields(checked.fields(row), o) ? 2 : 1;
    }
  }
  const counts = { created: 0, revised: 0, unchanged: 0 };
  for (let row = 0; row < checked.length; row++) counts[CHANGES[change[row]!]!]++;
  return { change, previous, counts };
}

/**
 * Reads, checks and compares a file with the database; writes nothing. The same plan backs the
 * preview and, inside the import's transaction, the import itself (which needs neither the file's
 * rows once checked, nor a comparison when the same bytes are already imported).
 */
export async function planIndicatorImport(db: Kysely<Database>, input: IndicatorFileInput, options: { now?: Date; forImport?: boolean } = {}): Promise<IndicatorImportPlan> {
  const now = options.now ?? new Date();
  const problems = new ProblemList(input.fileName);
  const checksum = checksumOf(input.bytes);
  const source = await openIndicatorRows(input.fileName, input.bytes, problems);
  const { checked, blankRows } = source ? validateIndicatorRows(source, problems, await fileContext(db, now)) : { checked: new CheckedRows(0), blankRows: 0 };
  const base = {
    file: input.fileName,
    checksum,
    sizeBytes: input.bytes.byteLength,
    source: options.forImport && problems.isEmpty ? undefined : source,
    rowsRead: source?.count ?? 0,
    blankRows,
    problems: problems.problems,
    problemTotal: problems.total,
    checked,
    change: new Uint8Array(0),
    previous: new HeldFigures(0),
    counts: { created: 0, revised: 0, unchanged: 0 },
  };
  if (!problems.isEmpty) return { ...base, alreadyImported: undefined };
  if (checked.length === 0) {
    problems.add({ message: "no row has a figure: nothing to import" });
    return { ...base, problems: problems.problems, problemTotal: problems.total, alreadyImported: undefined };
  }
  const alreadyImported = await findActiveBatchByChecksum(db, INDICATOR_FILE_KIND, checksum);
  if (alreadyImported && options.forImport) return { ...base, alreadyImported };
  return { ...base, alreadyImported, ...(await compareWithHeld(db, checked)) };
}

export type PreviewStatus = "invalid" | "already imported" | "no changes" | "ready";

export interface PreviewRow {
  line: number;
  /** Cells as written in the file, in the header's order. */
  cells: string[];
  change: (typeof CHANGES)[number] | null;
  previous: ObservationFields | null;
  problems: { column: string; message: string; suggestion?: string }[];
}

export interface IndicatorFilePreview {
  file: string;
  checksum: string;
  sizeBytes: number;
  format: "csv" | "xlsx" | null;
  header: string[];
  rowsRead: number;
  blankRows: number;
  status: PreviewStatus;
  problemTotal: number;
  problems: ImportProblem[];
  counts: RevisionCounts;
  alreadyImported: { batchId: string; importedAt: string; importedBy: string | null } | null;
  /** Rows with problems, revised rows and the first rows, in file order; at most PREVIEW_ROWS. */
  rows: PreviewRow[];
  rowsOmitted: number;
}

const PREVIEW_ROWS = 600;

function previewStatus(plan: IndicatorImportPlan): PreviewStatus {
  if (plan.problemTotal > 0) return "invalid";
  if (plan.alreadyImported) return "already imported";
  if (plan.counts.created + plan.counts.revised === 0) return "no changes";
  return "ready";
}

/** What the import would do, for the preview: rows with their problems in place, and changes. */
export async function previewIndicatorFile(db: Kysely<Database>, input: IndicatorFileInput, options: { now?: Date } = {}): Promise<IndicatorFilePreview> {
  const plan = await planIndicatorImport(db, input, options);
  const status = previewStatus(plan);
  const problemsByLine = new Map<number, ImportProblem[]>();
  for (const p of plan.problems) if (p.line !== undefined) problemsByLine.set(p.line, [...(problemsByLine.get(p.line) ?? []), p]);
  const { checked, change, previous } = plan;
  // Which rows to show: every row with a problem, the revisions, then the first rows for context.
  const chosen = new Set<number>();
  for (const line of problemsByLine.keys()) if (line > 1 && chosen.size < PREVIEW_ROWS) chosen.add(line);
  for (let row = 0; row < change.length && chosen.size < PREVIEW_ROWS * 0.8; row++) if (change[row] === 1) chosen.add(checked.line[row]!);
  const rows: PreviewRow[] = [];
  const width = plan.source?.header.length ?? 0;
  let visited = 0;
  // The file's rows are visited again, and only the chosen ones are kept.
  plan.source?.each((line, cells) => {
    if (!chosen.has(line)) {
      if (chosen.size >= PREVIEW_ROWS || chosen.size >= 100 + problemsByLine.size) return;
      chosen.add(line);
    }
    visited++;
    const row = checked.rowOnLine(line);
    const rowChange = row === undefined || row >= change.length ? null : CHANGES[change[row]!]!;
    const held = row !== undefined && rowChange !== null && rowChange !== "created" ? previous.fields(row) : undefined;
    rows.push({
      line,
      cells: Array.from({ length: Math.max(width, cells.length) }, (_, i) => cellText(cells[i])),
      change: rowChange,
      previous: held ? { value: held.value, numerator: held.numerator, denominator: held.denominator, survey_n: held.survey_n, status: held.status, note: held.note } : null,
      problems: (problemsByLine.get(line) ?? []).map((q) => ({ column: q.column ?? "", message: q.message, ...(q.suggestion ? { suggestion: q.suggestion } : {}) })),
    });
  });
  return {
    file: plan.file,
    checksum: plan.checksum,
    sizeBytes: plan.sizeBytes,
    format: plan.source?.format ?? null,
    header: plan.source?.header ?? [],
    rowsRead: plan.rowsRead,
    blankRows: plan.blankRows,
    status,
    problemTotal: plan.problemTotal,
    problems: plan.problems,
    counts: plan.counts,
    alreadyImported: plan.alreadyImported ? { batchId: plan.alreadyImported.id, importedAt: plan.alreadyImported.imported_at, importedBy: plan.alreadyImported.imported_by } : null,
    rows,
    rowsOmitted: (plan.source?.count ?? 0) - visited,
  };
}

export interface IndicatorImportResult {
  file: string;
  status: "imported" | "unchanged";
  batchId: string | null;
  rowsRead: number;
  counts: RevisionCounts;
  importedAt: string | null;
  importedBy: string;
  notes: string[];
}

/** A name for the record: trimmed, at most 100 characters, the default when none is given. */
export function importerName(name: string | undefined | null): string {
  const trimmed = (name ?? "").trim().slice(0, 100);
  return trimmed === "" ? DEFAULT_IMPORTED_BY : trimmed;
}

/**
 * Imports one indicator file in one transaction: checked and compared inside it, so that what is
 * written is exactly what was compared. Throws ImportRejected (nothing written) on any problem.
 */
export async function importIndicatorFile(
  db: Kysely<Database>,
  input: IndicatorFileInput,
  options: { importedBy?: string; now?: Date; audit?: AuditHook<IndicatorImportResult> } = {},
): Promise<IndicatorImportResult> {
  return db.transaction().execute(async (trx) => {
    try {
      const result = await importInTransaction(trx, input, options);
      // Recorded only when something was written, in the same transaction as the writing.
      if (result.status === "imported") await options.audit?.(trx, result);
      return result;
    } catch (error) {
      readyForRollback(trx);
      throw error;
    }
  });
}

async function importInTransaction(trx: Kysely<Database>, input: IndicatorFileInput, options: { importedBy?: string; now?: Date }): Promise<IndicatorImportResult> {
  const now = options.now ?? new Date();
  const importedBy = importerName(options.importedBy);
  {
    const plan = await planIndicatorImport(trx, input, { now, forImport: true });
    if (plan.problemTotal > 0) throw new ImportRejected(plan.problems);
    const base = { file: plan.file, rowsRead: plan.rowsRead, counts: plan.counts, importedBy };
    if (plan.alreadyImported) {
      return { ...base, status: "unchanged" as const, batchId: plan.alreadyImported.id, importedAt: null, counts: { created: 0, revised: 0, unchanged: 0 }, notes: [`the same file was imported on ${plan.alreadyImported.imported_at} by ${plan.alreadyImported.imported_by ?? "the data build"}`] };
    }
    if (plan.counts.created + plan.counts.revised === 0) {
      return { ...base, status: "unchanged" as const, batchId: null, importedAt: null, notes: ["every value in the file is already held: nothing was recorded"] };
    }
    const importedAt = now.toISOString();
    const batchId = await freeBatchId(trx, batchIdFor(INDICATOR_FILE_KIND, plan.checksum));
    await insertBatches(trx, [
      { id: batchId, kind: INDICATOR_FILE_KIND, file_name: plan.file, checksum: plan.checksum, rows_read: plan.rowsRead, rows_accepted: plan.checked.length, imported_at: importedAt, imported_by: importedBy, status: "active" },
    ]);
    const { checked, change, previous } = plan;
    const observation = (row: number): NewObservation => ({
      indicator_id: checked.indicatorIds[checked.indicator[row]!]!,
      area_code: checked.areaCodes[checked.area[row]!]!,
      month: checked.monthOf(row),
      ...checked.fields(row),
      batch_id: batchId,
    });
    // New figures first, written a slice at a time (never an object per row of the whole file);
    // their "created" revisions are then made by one statement from what names the new batch.
    let slice: NewObservation[] = [];
    for (let row = 0; row < checked.length; row++) {
      if (change[row] !== 0) continue;
      slice.push(observation(row));
      if (slice.length === WRITE_SLICE) {
        await insertNewObservations(trx, slice);
        slice = [];
      }
    }
    await insertNewObservations(trx, slice);
    if (plan.counts.created > 0) await recordCreatedRevisions(trx, batchId);
    // Then the held figures it revises or restates, each revision with what was held before.
    slice = [];
    let revisions: NewObservationRevision[] = [];
    const flush = async () => {
      await updateObservations(trx, slice);
      await insertRevisions(trx, revisions);
      slice = [];
      revisions = [];
    };
    for (let row = 0; row < checked.length; row++) {
      if (change[row] === 0) continue;
      const o = observation(row);
      const old = previous.fields(row);
      slice.push(o);
      revisions.push({
        batch_id: batchId,
        indicator_id: o.indicator_id,
        area_code: o.area_code,
        month: o.month,
        change: CHANGES[change[row]!]!,
        old_value: old.value,
        old_numerator: old.numerator,
        old_denominator: old.denominator,
        old_survey_n: old.survey_n,
        old_status: old.status,
        old_note: old.note,
        old_batch_id: old.batch_id,
        new_value: o.value,
        new_numerator: o.numerator ?? null,
        new_denominator: o.denominator ?? null,
        new_survey_n: o.survey_n ?? null,
        new_status: o.status ?? null,
        new_note: o.note ?? null,
      });
      if (slice.length === WRITE_SLICE) await flush();
    }
    await flush();
    await bumpDataVersion(trx);
    const notes = plan.blankRows > 0 ? [`${plan.blankRows} rows with no figure skipped`] : [];
    return { ...base, status: "imported" as const, batchId, importedAt, notes };
  }
}


/** Why a rollback was refused, in the officer's terms. */
export class RollbackRefused extends Error {
  constructor(
    readonly reason: "not found" | "not an indicator file" | "already rolled back" | "later imports" | "not recorded",
    message: string,
    readonly laterBatches: { batchId: string | null; fileName: string | null; values: number }[] = [],
  ) {
    super(message);
    this.name = "RollbackRefused";
  }
}

export interface RollbackResult {
  batchId: string;
  file: string;
  deleted: number;
  restored: number;
  rolledBackAt: string;
  rolledBackBy: string;
}

/**
 * Rolls a batch back in one transaction: observations it created are deleted, the ones it revised
 * or restated get back exactly what they held before (value, numerator, denominator, survey n,
 * status, note and source batch). Only a batch that is still the latest to have written each of
 * its values can be rolled back; otherwise the later batches are named, to be rolled back first.
 */
export async function rollbackIndicatorBatch(db: Kysely<Database>, batchId: string, options: { by?: string; now?: Date; audit?: AuditHook<RollbackResult> } = {}): Promise<RollbackResult> {
  return db.transaction().execute(async (trx) => {
    const result = await rollbackInTransaction(trx, batchId, options);
    await options.audit?.(trx, result);
    return result;
  });
}

async function rollbackInTransaction(trx: Kysely<Database>, batchId: string, options: { by?: string; now?: Date }): Promise<RollbackResult> {
  const by = importerName(options.by);
  const at = (options.now ?? new Date()).toISOString();
  {
    const batch = await findBatch(trx, batchId);
    if (!batch) throw new RollbackRefused("not found", `No import batch ${batchId}`);
    const policeUk = POLICE_UK_KINDS.includes(batch.kind);
    if (batch.kind !== INDICATOR_FILE_KIND && !policeUk) throw new RollbackRefused("not an indicator file", `Batch ${batchId} is a ${batch.kind} import; only indicator files and police.uk files can be rolled back`);
    if (batch.status !== "active") throw new RollbackRefused("already rolled back", `${batch.file_name} was already rolled back on ${batch.rolled_back_at} by ${batch.rolled_back_by}`);
    if (policeUk) return rollbackPoliceUkBatch(trx, batch, by, at);
    const blockers = await rollbackBlockers(trx, batchId);
    if (blockers.length > 0) {
      const later = await Promise.all(
        blockers.map(async (b) => ({ batchId: b.batch_id, fileName: b.batch_id ? ((await findBatch(trx, b.batch_id))?.file_name ?? null) : null, values: b.n })),
      );
      const named = later.map((l) => (l.fileName ? `${l.fileName} (${l.values} values)` : `${l.values} values since removed`)).join(", ");
      throw new RollbackRefused("later imports", `${batch.file_name} cannot be rolled back: a later import wrote some of its values. Roll back ${named} first.`, later);
    }
    const revisions = await allRevisionsOfBatch(trx, batchId);
    const restored = revisions.filter((r) => r.change !== "created");
    await upsertObservations(
      trx,
      restored.map((r) => ({
        indicator_id: r.indicator_id,
        area_code: r.area_code,
        month: r.month,
        value: r.old_value ?? 0,
        numerator: r.old_numerator,
        denominator: r.old_denominator,
        survey_n: r.old_survey_n,
        status: r.old_status,
        note: r.old_note,
        batch_id: r.old_batch_id ?? batchId,
      })),
    );
    // What still names the batch now is exactly what it created.
    const deleted = await deleteObservationsOfBatch(trx, batchId);
    await markBatchRolledBack(trx, batch, by, at);
    await bumpDataVersion(trx);
    return { batchId, file: batch.file_name, deleted: Number(deleted.numDeletedRows), restored: restored.length, rolledBackAt: at, rolledBackBy: by };
  }
}

const POLICE_UK_KINDS: readonly string[] = ["police-uk-street", "police-uk-counts"];

/**
 * A police.uk batch replaced every police.uk figure at the area-months it covers: rolling it back
 * deletes its figures there and puts back exactly what it replaced (value and source batch), so the
 * month shows what it showed before. Refused while a later batch covers any of those area-months
 * (named, to be rolled back first), and for batches imported before replacements were recorded.
 */
async function rollbackPoliceUkBatch(trx: Kysely<Database>, batch: ImportBatch, by: string, at: string): Promise<RollbackResult> {
  const coverage = await coverageOfBatch(trx, batch.id);
  if (coverage.length === 0) {
    throw new RollbackRefused("not recorded", `${batch.file_name} was imported before police.uk imports recorded what they replace, so there is nothing to restore; import the corrected file instead`);
  }
  const indicatorIds = policeUkIndicators().map((i) => i.id);
  const held = await observationsAt(trx, indicatorIds, coverage);
  const laterCounts = new Map<string, number>();
  for (const o of held) if (o.batch_id !== batch.id) laterCounts.set(o.batch_id, (laterCounts.get(o.batch_id) ?? 0) + 1);
  if (laterCounts.size > 0) {
    const later = await Promise.all([...laterCounts].map(async ([id, values]) => ({ batchId: id as string | null, fileName: (await findBatch(trx, id))?.file_name ?? null, values })));
    const named = later.map((l) => `${l.fileName ?? l.batchId} (${l.values} values)`).join(", ");
    throw new RollbackRefused("later imports", `${batch.file_name} cannot be rolled back: a later import replaced some of its months. Roll back ${named} first.`, later);
  }
  const deleted = await deleteObservationsOfBatch(trx, batch.id);
  const restored = await replacedByBatch(trx, batch.id);
  await upsertObservations(trx, restored);
  await markBatchRolledBack(trx, batch, by, at);
  await bumpDataVersion(trx);
  return { batchId: batch.id, file: batch.file_name, deleted: Number(deleted.numDeletedRows), restored: restored.length, rolledBackAt: at, rolledBackBy: by };
}

export interface ImportHistoryEntry {
  batchId: string;
  file: string;
  checksum: string;
  importedAt: string;
  importedBy: string | null;
  rowsRead: number;
  status: "active" | "rolled back";
  rolledBackAt: string | null;
  rolledBackBy: string | null;
  counts: RevisionCounts;
}

export function toHistoryEntry(batch: ImportBatch, counts: RevisionCounts | undefined): ImportHistoryEntry {
  return {
    batchId: batch.id,
    file: batch.file_name,
    checksum: batch.checksum.slice(0, 64),
    importedAt: batch.imported_at,
    importedBy: batch.imported_by,
    rowsRead: batch.rows_read,
    status: batch.status === "rolled back" ? "rolled back" : "active",
    rolledBackAt: batch.rolled_back_at,
    rolledBackBy: batch.rolled_back_by,
    counts: counts ?? { created: 0, revised: 0, unchanged: 0 },
  };
}

/** The indicator-file imports, newest first, with what each created, revised and restated. */
export async function indicatorImportHistory(db: Kysely<Database>): Promise<ImportHistoryEntry[]> {
  const batches = await listBatchesOfKind(db, INDICATOR_FILE_KIND);
  const counts = await revisionCounts(db, batches.map((b) => b.id));
  return batches.map((b) => toHistoryEntry(b, counts.get(b.id)));
}

export interface ObservationHistory {
  key: { indicatorId: string; areaCode: string; month: Month };
  current: (ObservationFields & { batchId: string }) | null;
  revisions: RevisionWithBatch[];
}

/** One figure's history: what is shown now, and every file that wrote it, oldest first. */
export async function observationHistory(db: Kysely<Database>, key: { indicatorId: string; areaCode: string; month: Month }): Promise<ObservationHistory> {
  const [current, revisions] = await Promise.all([
    observationAt(db, key),
    revisionsOfObservation(db, key),
  ]);
  return {
    key,
    current: current ? { value: current.value, numerator: current.numerator, denominator: current.denominator, survey_n: current.survey_n, status: current.status, note: current.note, batchId: current.batch_id } : null,
    revisions,
  };
}
