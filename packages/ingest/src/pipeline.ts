import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Kysely } from "kysely";
import { policeUkIndicatorId, type Indicator } from "@scrutiny/domain";

const ANTI_SOCIAL_BEHAVIOUR_SLUG = "anti-social-behaviour";
import {
  findBatchByChecksum,
  insertBatches,
  listAreas,
  upsertAreas,
  upsertComparisonGroup,
  upsertIndicators,
  upsertObservations,
  insertNewObservations,
  upsertPopulations,
  deleteObservationsAt,
  bumpDataVersion,
  existingBatchIds,
  observationsAt,
  populationsFor,
  recordReplacement,
  type Area,
  type Database,
  type NewImportBatch,
} from "@scrutiny/db";
import { homeOfficeIndicators, policeUkIndicators } from "./catalogue";
import { areaContext, type AreaContext } from "./context";
import { CrimeTally } from "./crimeCounts";
import { ImportRejected, ProblemList } from "./errors";
import { readHomeOfficeRecordedCrimeFile } from "./homeOfficeRecordedCrime";
import type { ObservationDraft } from "./observations";
import { readOnsAreaLookup } from "./onsAreas";
import { readOnsPopulationFile, type PopulationDraft } from "./onsPopulation";
import { readPoliceUkCountsFile } from "./policeUkCounts";
import { expandPaths, type ImportKind } from "./paths";
import { readPoliceUkStreetFile, readPoliceUkStreetScan, type StreetFileSummary } from "./policeUkStreet";
import { startStreetScans, type StreetFileScan, type StreetScans } from "./streetScanPool";
import { MOST_SIMILAR_GROUPS } from "./comparisonGroups";
import { SAMPLE_SEED, sampleIndicators, sampleObservations } from "./sample";

export { IMPORT_KINDS, expandPaths, type ImportKind } from "./paths";

export interface FileImportResult {
  file: string;
  status: "imported" | "unchanged";
  batchId: string;
  rowsRead: number;
  rowsAccepted: number;
  observations: number;
  populations: number;
  areas: number;
  /** What a careful reader should know: rows skipped or counted at force level only, and why. */
  notes: string[];
}

/** What one file contributes, once parsed and validated, before anything is written. */
interface ParsedFile {
  file: string;
  checksum: string;
  rowsRead: number;
  rowsAccepted: number;
  observations: ObservationDraft[];
  populations: PopulationDraft[];
  areas: Area[];
  notes: string[];
  /**
   * Figures the file replaces wholesale: a corrected police.uk file may leave a crime type with no
   * crimes in a district, and its old solved rate must go rather than outlive the correction.
   */
  replaces?: { indicatorIds: string[]; areaMonths: { areaCode: string; month: string }[] };
  /** police.uk files: how many records the file holds for each area-month it covers ("area|month"). */
  records?: Map<string, number>;
}

/**
 * A police.uk file holding fewer than this share of the records behind a force-month already held
 * is taken for part of the month and refused unless the user asks to replace the month.
 */
export const PARTIAL_MONTH_SHARE = 0.9;

export function checksumOf(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function batchIdFor(kind: string, checksum: string): string {
  return `${kind}:${checksum.slice(0, 16)}`;
}

/**
 * Imports files of one kind, all or nothing: every file is read and checked first; if any has a
 * problem, ImportRejected lists them all and the database is not touched. A file imported before
 * (same kind, same bytes) is reported "unchanged" and skipped.
 */
export async function importFiles(
  db: Kysely<Database>,
  kind: ImportKind,
  paths: readonly string[],
  options: { now?: Date; replace?: boolean; streetScans?: StreetScans } = {},
): Promise<FileImportResult[]> {
  const files = await expandPaths(kind, paths);
  // Street files are read and counted on worker threads (decision 113e); the CLI starts them earlier.
  const scans = kind !== "police-uk-street" ? undefined : files.every((f) => options.streetScans?.has(f)) ? options.streetScans : startStreetScans(files);
  const areas = areaContext(await listAreas(db));
  const results: FileImportResult[] = [];
  const parsed: ParsedFile[] = [];
  const problems: ProblemList[] = [];
  const checksumsInThisImport = new Map<string, string>();
  for (const path of files) {
    const scan = await scans?.get(path);
    const bytes = scan ? undefined : new Uint8Array(await readFile(path));
    const checksum = scan?.checksum ?? checksumOf(bytes!);
    const file = basename(path);
    const sameAs = checksumsInThisImport.get(checksum);
    if (sameAs !== undefined) {
      results.push({ file, status: "unchanged", batchId: batchIdFor(kind, checksum), rowsRead: 0, rowsAccepted: 0, observations: 0, populations: 0, areas: 0, notes: [`the same bytes as ${sameAs} in this import`] });
      continue;
    }
    checksumsInThisImport.set(checksum, file);
    const previous = await findBatchByChecksum(db, kind, checksum);
    if (previous) {
      results.push({ file, status: "unchanged", batchId: previous.id, rowsRead: previous.rows_read, rowsAccepted: previous.rows_accepted, observations: 0, populations: 0, areas: 0, notes: [`already imported on ${previous.imported_at}`] });
      continue;
    }
    const fileProblems = new ProblemList(file);
    problems.push(fileProblems);
    const result = (scan && streetFileFromScan(scan, areas)) || (await parseFile(kind, file, bytes ?? new Uint8Array(await readFile(path)), fileProblems, areas));
    checkAreasKnown(result, fileProblems, areas);
    if (fileProblems.isEmpty && result.records) await checkWholeMonths(db, result as ParsedFile, fileProblems, areas, options.replace ?? false);
    parsed.push({ ...result, file, checksum });
  }
  const all = problems.flatMap((p) => p.problems);
  if (all.length > 0) throw new ImportRejected(all);

  const importedAt = (options.now ?? new Date()).toISOString();
  await db.transaction().execute(async (trx) => {
    const indicators = indicatorsFor(kind);
    if (indicators.length > 0) await upsertIndicators(trx, indicators);
    for (const file of parsed) {
      const batch: NewImportBatch = {
        id: await freeBatchId(trx, batchIdFor(kind, file.checksum)),
        kind,
        file_name: file.file,
        checksum: file.checksum,
        rows_read: file.rowsRead,
        rows_accepted: file.rowsAccepted,
        imported_at: importedAt,
      };
      await insertBatches(trx, [batch]);
      if (file.areas.length > 0) await upsertAreas(trx, file.areas);
      if (file.replaces) {
        // What the file replaces is kept, so that the batch can be rolled back (decision 104b).
        await recordReplacement(trx, batch.id, file.replaces.areaMonths, await observationsAt(trx, file.replaces.indicatorIds, file.replaces.areaMonths));
        await deleteObservationsAt(trx, file.replaces.indicatorIds, file.replaces.areaMonths);
      }
      const rows = file.observations.map((o) => toObservationRow(o, batch.id));
      // Where the file replaces whole area-months, nothing is held at its keys any more (deleted
      // just above; toObservations gives each key once): a plain insert, about four times cheaper
      // on SQLite than an upsert (decision 114a).
      if (file.replaces && coversItsFigures(file)) await insertNewObservations(trx, rows);
      else await upsertObservations(trx, rows);
      await upsertPopulations(trx, file.populations.map((p) => ({ area_code: p.areaCode, year: p.year, value: p.value, batch_id: batch.id })));
      results.push({
        file: file.file,
        status: "imported",
        batchId: batch.id,
        rowsRead: file.rowsRead,
        rowsAccepted: file.rowsAccepted,
        observations: file.observations.length,
        populations: file.populations.length,
        areas: file.areas.length,
        notes: file.notes,
      });
    }
    await bumpDataVersion(trx);
  });
  return results;
}

/** A batch id not taken yet: a file imported again after its batch was rolled back gets "-2", "-3"… */
export async function freeBatchId(db: Kysely<Database>, base: string): Promise<string> {
  const taken = await existingBatchIds(db, base);
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * A police.uk file replaces every police.uk figure of each force-month it covers. One that holds
 * far fewer records for a force-month than the figures held there came from is most likely part of
 * the month (a few hundred records of a download cut short): refused, both counts named, unless
 * the user asks to replace the month. Records are counted as all crime plus anti-social behaviour
 * at force level, which is what every police.uk record adds to.
 */
async function checkWholeMonths(db: Kysely<Database>, file: ParsedFile, problems: ProblemList, areas: AreaContext, replace: boolean): Promise<void> {
  const records = file.records ?? new Map<string, number>();
  const forceMonths = (file.replaces?.areaMonths ?? []).filter((am) => areas.areasByCode.get(am.areaCode)?.kind === "force");
  const countIds = [policeUkIndicatorId.allCrime, policeUkIndicatorId.crimeType(ANTI_SOCIAL_BEHAVIOUR_SLUG)];
  const held = new Map<string, { records: number; batchId: string }>();
  for (const o of await observationsAt(db, countIds, forceMonths)) {
    const key = `${o.area_code}|${o.month}`;
    const entry = held.get(key) ?? { records: 0, batchId: o.batch_id };
    entry.records += o.value;
    held.set(key, entry);
  }
  for (const { areaCode, month } of forceMonths) {
    const before = held.get(`${areaCode}|${month}`);
    const now = records.get(`${areaCode}|${month}`) ?? 0;
    if (!before || before.records <= 0 || now >= PARTIAL_MONTH_SHARE * before.records) continue;
    const force = areas.areasByCode.get(areaCode)?.name ?? areaCode;
    const share = `${now.toLocaleString("en-GB")} records for ${force} in ${month}, where the figures held for that month come from ${before.records.toLocaleString("en-GB")} records (batch ${before.batchId})`;
    if (replace) {
      file.notes.push(`replaced ${force} ${month} at the user's request: ${share}; districts with no record in the file now show 0`);
      continue;
    }
    problems.add({
      message: `the file holds only ${share}: it looks like part of the month, and importing it would replace the whole month (districts it does not mention would fall to 0). Nothing was imported. If the month really has this few records, import it again with --replace.`,
    });
  }
}

/** Every figure of the file lies in an area-month it replaces (so none is held when it is written). */
function coversItsFigures(file: ParsedFile): boolean {
  const replaced = new Set((file.replaces?.areaMonths ?? []).map((am) => `${am.areaCode}|${am.month}`));
  const indicatorIds = new Set(file.replaces?.indicatorIds);
  return file.observations.every((o) => replaced.has(`${o.areaCode}|${o.month}`) && indicatorIds.has(o.indicatorId));
}

function policeUkReplaces(tally: CrimeTally): ParsedFile["replaces"] {
  return { indicatorIds: policeUkIndicators().map((i) => i.id), areaMonths: tally.coveredAreaMonths() };
}

function toObservationRow(o: ObservationDraft, batchId: string) {
  return { indicator_id: o.indicatorId, area_code: o.areaCode, month: o.month, value: o.value, numerator: o.numerator, denominator: o.denominator, batch_id: batchId };
}

function indicatorsFor(kind: ImportKind): Indicator[] {
  switch (kind) {
    case "police-uk-street":
    case "police-uk-counts":
      return policeUkIndicators();
    case "home-office-recorded-crime":
      return homeOfficeIndicators();
    default:
      return [];
  }
}

async function parseFile(
  kind: ImportKind,
  file: string,
  bytes: Uint8Array,
  problems: ProblemList,
  areas: AreaContext,
): Promise<Omit<ParsedFile, "file" | "checksum">> {
  const empty = { observations: [], populations: [], areas: [], notes: [] as string[] };
  switch (kind) {
    case "areas": {
      const result = readOnsAreaLookup(bytes, problems);
      const forces = result.areas.filter((a) => a.kind === "force").length;
      return { ...empty, rowsRead: result.rowsRead, rowsAccepted: result.rowsRead, areas: result.areas, notes: [`${forces} force areas and ${result.areas.length - forces} districts`] };
    }
    case "police-uk-street": {
      const tally = new CrimeTally();
      const summary = readPoliceUkStreetFile(bytes, problems, areas, tally);
      return streetFileResult(summary, tally, problems.isEmpty);
    }
    case "police-uk-counts": {
      const tally = new CrimeTally();
      const summary = readPoliceUkCountsFile(bytes, problems, tally);
      const notes = summary.rowsSkipped > 0 ? [`${summary.rowsSkipped} rows for forces without a police force area (BTP, PSNI) skipped`] : [];
      return { ...empty, rowsRead: summary.rowsRead, rowsAccepted: summary.rowsAccepted, observations: problems.isEmpty ? tally.toObservations() : [], notes, replaces: policeUkReplaces(tally), records: tally.recordsByAreaMonth() };
    }
    case "home-office-recorded-crime": {
      const { observations, summary } = readHomeOfficeRecordedCrimeFile(bytes, problems);
      const notes = summary.rowsSkipped > 0 ? [`${summary.rowsSkipped} rows for bodies that are not force areas (Action Fraud, CIFAS, UK Finance, BTP) skipped`] : [];
      if (summary.negativeTotals > 0) notes.push(`${summary.negativeTotals} negative totals kept as published (reclassifications)`);
      return { ...empty, rowsRead: summary.rowsRead, rowsAccepted: summary.rowsAccepted, observations, notes };
    }
    case "ons-population": {
      const { populations, summary } = await readOnsPopulationFile(file, bytes, problems, areas);
      if (problems.isEmpty && populations.length === 0) {
        problems.add({ message: "no row is a district in the database: import the ONS area lookup first (npm run import -- areas <file>)" });
      }
      return { ...empty, rowsRead: summary.rowsRead, rowsAccepted: summary.rowsAccepted, populations, notes: [`${summary.rowsSkipped} rows for countries, regions and counties skipped`] };
    }
  }
}

/**
 * A street file from its worker-thread scan, or undefined when the scan is not sure of it: the
 * file is then read again by readPoliceUkStreetFile, which names every problem's line, column and value.
 */
function streetFileFromScan(scan: StreetFileScan, areas: AreaContext): Omit<ParsedFile, "file" | "checksum"> | undefined {
  const tally = new CrimeTally();
  const summary = readPoliceUkStreetScan(scan, areas, tally);
  return summary && streetFileResult(summary, tally, true);
}

function streetFileResult(summary: StreetFileSummary, tally: CrimeTally, valid: boolean): Omit<ParsedFile, "file" | "checksum"> {
  const notes = [`months ${summary.months.join(", ")}`];
  if (summary.rowsWithoutLocation > 0) notes.push(`${summary.rowsWithoutLocation} rows with no location counted for the force only`);
  if (summary.rowsOutsideForceArea > 0) notes.push(`${summary.rowsOutsideForceArea} rows located outside the force area counted for the force only`);
  return { observations: valid ? tally.toObservations() : [], populations: [], areas: [], rowsRead: summary.rowsRead, rowsAccepted: summary.rowsRead, notes, replaces: policeUkReplaces(tally), records: tally.recordsByAreaMonth() };
}

function checkAreasKnown(result: { observations: ObservationDraft[]; populations: PopulationDraft[] }, problems: ProblemList, areas: AreaContext): void {
  const unknown = new Set<string>();
  for (const o of result.observations) if (!areas.areasByCode.has(o.areaCode)) unknown.add(o.areaCode);
  for (const p of result.populations) if (!areas.areasByCode.has(p.areaCode)) unknown.add(p.areaCode);
  if (unknown.size > 0) {
    problems.add({ message: `areas ${[...unknown].sort().join(", ")} are not in the database: import the ONS area lookup first (npm run import -- areas <file>)` });
  }
}

/**
 * The synthetic sample series for one force and its districts, as an import batch of its own so
 * every sample figure is traceable to "sample data" and can be rolled back like any import.
 */
export async function importSampleSeries(db: Kysely<Database>, forceCode: string, options: { now?: Date; seed?: number } = {}): Promise<FileImportResult> {
  const seed = options.seed ?? SAMPLE_SEED;
  const districts = (await listAreas(db)).filter((a) => a.kind === "district" && a.parent_code === forceCode);
  // Oldest year first, so each district keeps its latest population.
  const latest = new Map<string, number>();
  for (const p of await populationsFor(db, districts.map((d) => d.code))) latest.set(p.area_code, p.value);
  if (districts.length === 0 || districts.some((d) => !latest.has(d.code))) {
    throw new ImportRejected([{ file: "sample generator", message: `force ${forceCode} needs its districts and their populations imported first` }]);
  }
  const observations = sampleObservations(
    forceCode,
    districts.map((d) => ({ code: d.code, name: d.name, population: latest.get(d.code) ?? 0 })),
    seed,
  );
  const checksum = checksumOf(new TextEncoder().encode(JSON.stringify(observations)));
  const file = `sample generator (force ${forceCode}, seed ${seed})`;
  const previous = await findBatchByChecksum(db, "sample", checksum);
  if (previous) return { file, status: "unchanged", batchId: previous.id, rowsRead: 0, rowsAccepted: 0, observations: 0, populations: 0, areas: 0, notes: [] };
  const batchId = batchIdFor("sample", checksum);
  await db.transaction().execute(async (trx) => {
    await upsertIndicators(trx, sampleIndicators());
    await insertBatches(trx, [{ id: batchId, kind: "sample", file_name: file, checksum, rows_read: observations.length, rows_accepted: observations.length, imported_at: (options.now ?? new Date()).toISOString() }]);
    await upsertObservations(trx, observations.map((o) => toObservationRow(o, batchId)));
    await bumpDataVersion(trx);
  });
  return { file, status: "imported", batchId, rowsRead: observations.length, rowsAccepted: observations.length, observations: observations.length, populations: 0, areas: 0, notes: ["synthetic sample series, labelled as such"] };
}

export async function importMostSimilarGroups(db: Kysely<Database>): Promise<number> {
  await db.transaction().execute(async (trx) => {
    for (const group of MOST_SIMILAR_GROUPS) await upsertComparisonGroup(trx, group);
    await bumpDataVersion(trx);
  });
  return MOST_SIMILAR_GROUPS.length;
}
