/**
 * npm run bench — measures what the issues set targets for, and writes docs/benchmarks.md.
 * Import throughput: the 28 Essex police.uk street files (~410,000 rows) into a fresh embedded
 * database, best of 3 runs; the force's monthly indicator file at 100,800 rows (import and rollback,
 * target under 5 s); and first-start seeding of the default dataset.
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { createDb, defaultDatasetDir, migrateToLatest, repoRoot, sharedDataDir } from "@scrutiny/db";
import { importFiles, importIndicatorCatalogue, importIndicatorFile, loadDataset, rollbackIndicatorBatch } from "@scrutiny/ingest";
import { minOf } from "@scrutiny/domain";
import { benchIndicatorFiles } from "./benchIndicatorFiles";

async function timeIt<T>(runs: number, task: () => Promise<T>): Promise<{ best: number; result: T }> {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = await task();
    best = Math.min(best, performance.now() - started);
  }
  return { best, result };
}

async function freshDbWithAreas() {
  const handle = createDb({ kind: "sqlite", file: ":memory:" });
  await migrateToLatest(handle.db);
  await importFiles(handle.db, "areas", [join(sharedDataDir, "ons/lookups/LAD23_CSP23_PFA23_lookup_EW.csv")]);
  return handle;
}

const streetRuns: number[] = [];
// Timed inside, so that creating the database and importing the areas are not counted.
const street = await timeIt(3, async () => {
  const handle = await freshDbWithAreas();
  const started = performance.now();
  const results = await importFiles(handle.db, "police-uk-street", [join(sharedDataDir, "police_uk/essex_street")]);
  const elapsed = performance.now() - started;
  streetRuns.push(elapsed);
  await handle.close();
  return { rows: results.reduce((n, r) => n + r.rowsRead, 0), files: results.length, observations: results.reduce((n, r) => n + r.observations, 0), elapsed };
});
const streetMs = minOf(streetRuns)!;
const rowsPerSecond = Math.round(street.result.rows / (streetMs / 1000));

const seed = await timeIt(3, async () => {
  const handle = createDb({ kind: "sqlite", file: ":memory:" });
  await migrateToLatest(handle.db);
  const counts = await loadDataset(handle.db, defaultDatasetDir);
  await handle.close();
  return counts.observations;
});

// The force's monthly indicator file: 10 years × 14 districts × 60 indicators in one CSV, checked,
// compared and written with a revision per row; then the batch rolled back.
const indicatorFiles = benchIndicatorFiles();
const indicatorRuns: { importMs: number; rollbackMs: number }[] = [];
for (let i = 0; i < 3; i++) {
  const handle = await freshDbWithAreas();
  await importIndicatorCatalogue(handle.db, indicatorFiles.catalogue);
  let started = performance.now();
  const result = await importIndicatorFile(handle.db, indicatorFiles.figures);
  const importMs = performance.now() - started;
  if (result.counts.created !== indicatorFiles.rows) throw new Error(`the benchmark file imported ${result.counts.created} of ${indicatorFiles.rows} rows`);
  started = performance.now();
  await rollbackIndicatorBatch(handle.db, result.batchId ?? "");
  indicatorRuns.push({ importMs, rollbackMs: performance.now() - started });
  await handle.close();
}
const indicatorImportMs = minOf(indicatorRuns.map((r) => r.importMs))!;
const indicatorRollbackMs = minOf(indicatorRuns.map((r) => r.rollbackMs))!;

const lines = [
  "# Benchmarks",
  "",
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown"}), ${Math.round(totalmem() / 2 ** 30)} GiB. Best of 3 runs.`,
  "",
  "| measure | result |",
  "|---|---|",
  `| police.uk street import, Essex (${street.result.files} files, ${street.result.rows.toLocaleString("en-GB")} rows → ${street.result.observations.toLocaleString("en-GB")} observations, embedded SQLite) | ${(streetMs / 1000).toFixed(2)} s, **${rowsPerSecond.toLocaleString("en-GB")} rows/s** |`,
  `| indicator file import: 10 years × 14 districts × 60 indicators (${indicatorFiles.rows.toLocaleString("en-GB")} rows, ${(indicatorFiles.figures.bytes.length / 1024 / 1024).toFixed(1)} MB CSV; checked, compared, written with a revision per row; target < 5 s) | **${(indicatorImportMs / 1000).toFixed(2)} s**, ${Math.round(indicatorFiles.rows / (indicatorImportMs / 1000)).toLocaleString("en-GB")} rows/s |`,
  `| rolling that batch back (${indicatorFiles.rows.toLocaleString("en-GB")} observations deleted) | ${(indicatorRollbackMs / 1000).toFixed(2)} s |`,
  `| first-start seeding of the default dataset (${seed.result.toLocaleString("en-GB")} observations) | ${(seed.best / 1000).toFixed(2)} s |`,
  "",
];
writeFileSync(join(repoRoot, "docs", "benchmarks.md"), lines.join("\n"));
console.log(lines.join("\n"));
