import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Kysely } from "kysely";
import type { Database } from "@scrutiny/db";
import { ImportRejected, LimitExceeded } from "./errors";
import { importIndicatorCatalogueFile } from "./indicatorCatalogue";
import { importerName, importIndicatorFile, planIndicatorImport, rollbackIndicatorBatch } from "./indicatorImport";

/**
 * The CLI's indicator kinds. Several indicator files are all checked before any is imported: one
 * bad file rejects the run and nothing is written. Each file then becomes its own batch.
 */
export async function importIndicatorFiles(db: Kysely<Database>, kind: "indicators" | "indicator-catalogue", paths: readonly string[], by: string | undefined): Promise<string[]> {
  const lines: string[] = [];
  if (kind === "indicator-catalogue") {
    for (const path of paths) {
      const r = await importIndicatorCatalogueFile(db, path);
      lines.push(`catalogue ${r.file}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged`);
    }
    return lines;
  }
  const inputs = await Promise.all(paths.map(async (path) => ({ fileName: basename(path), bytes: new Uint8Array(await readFile(path)) })));
  // Several files are all checked before the first is imported; one file is checked by its import.
  if (inputs.length > 1) {
    const problems = [];
    for (const input of inputs) for (const problem of (await naming(input.fileName, () => planIndicatorImport(db, input))).problems) problems.push(problem);
    if (problems.length > 0) throw new ImportRejected(problems);
  }
  for (const input of inputs) {
    const r = await naming(input.fileName, () => importIndicatorFile(db, input, { importedBy: importerName(by) }));
    const counts = `${r.counts.created} created, ${r.counts.revised} revised, ${r.counts.unchanged} unchanged`;
    lines.push(r.status === "imported" ? `imported  ${r.file}: batch ${r.batchId}, ${counts}, by ${r.importedBy}` : `unchanged ${r.file}: ${r.notes.join("; ")}`);
  }
  return lines;
}

/** A workbook over a size limit is refused with its file's name, like any other problem of a file. */
async function naming<T>(fileName: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof LimitExceeded) throw new LimitExceeded(error.limit, `${fileName}: ${error.message}`);
    throw error;
  }
}

export async function rollbackFromCli(db: Kysely<Database>, batchId: string, by: string | undefined): Promise<string[]> {
  const r = await rollbackIndicatorBatch(db, batchId, { by: importerName(by) });
  return [`rolled back ${r.file} (batch ${r.batchId}): ${r.deleted} observations deleted, ${r.restored} restored to their previous values, by ${r.rolledBackBy}`];
}
