/**
 * npm run bench — measures what the issues set targets for, and writes docs/benchmarks.md.
 * Import throughput: the 28 Essex police.uk street files (~410,000 rows) into a fresh embedded
 * database, best of 3 runs; and first-start seeding of the default dataset.
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { createDb, defaultDatasetDir, migrateToLatest, repoRoot, sharedDataDir } from "@scrutiny/db";
import { importFiles, loadDataset } from "@scrutiny/ingest";

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
const streetMs = Math.min(...streetRuns);
const rowsPerSecond = Math.round(street.result.rows / (streetMs / 1000));

const seed = await timeIt(3, async () => {
  const handle = createDb({ kind: "sqlite", file: ":memory:" });
  await migrateToLatest(handle.db);
  const counts = await loadDataset(handle.db, defaultDatasetDir);
  await handle.close();
  return counts.observations;
});

const lines = [
  "# Benchmarks",
  "",
  `Written by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "unknown"}), ${Math.round(totalmem() / 2 ** 30)} GiB. Best of 3 runs.`,
  "",
  "| measure | result |",
  "|---|---|",
  `| police.uk street import, Essex (${street.result.files} files, ${street.result.rows.toLocaleString("en-GB")} rows → ${street.result.observations.toLocaleString("en-GB")} observations, embedded SQLite) | ${(streetMs / 1000).toFixed(2)} s, **${rowsPerSecond.toLocaleString("en-GB")} rows/s** |`,
  `| first-start seeding of the default dataset (${seed.result.toLocaleString("en-GB")} observations) | ${(seed.best / 1000).toFixed(2)} s |`,
  "",
];
writeFileSync(join(repoRoot, "docs", "benchmarks.md"), lines.join("\n"));
console.log(lines.join("\n"));
