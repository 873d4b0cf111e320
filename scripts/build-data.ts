/**
 * npm run data:build — rebuilds data/default/ from the raw public files in ../shared/data with the
 * project's own import pipeline. Raw files are read, never copied.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { ESSEX_FORCE_CODE } from "@scrutiny/domain";
import { createDb, defaultDatasetDir, migrateToLatest, sharedDataDir } from "@scrutiny/db";
import { exportDataset, importFiles, importMostSimilarGroups, importSampleSeries, type ImportKind } from "@scrutiny/ingest";

const SOURCES: [ImportKind, string][] = [
  ["areas", "ons/lookups/LAD23_CSP23_PFA23_lookup_EW.csv"],
  ["ons-population", "ons/population/LAD23_Mid_Year_pop_2011_to_2023.xlsx"],
  ["police-uk-counts", "police_uk/derived/street_monthly_counts_by_force_crimetype_outcome.csv"],
  ["police-uk-street", "police_uk/essex_street"],
  ["police-uk-street", "police_uk/peers_street"],
  ["home-office-recorded-crime", "home_office/rec-crime-pfa.csv"],
];

const { db, close } = createDb({ kind: "sqlite", file: ":memory:" });
try {
  await migrateToLatest(db);
  for (const [kind, path] of SOURCES) {
    const started = performance.now();
    const results = await importFiles(db, kind, [join(sharedDataDir, path)]);
    const observations = results.reduce((n, r) => n + r.observations, 0);
    console.log(`${kind} ${path}: ${results.length} files, ${observations} observations (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  await importMostSimilarGroups(db);
  const sample = await importSampleSeries(db, ESSEX_FORCE_CODE);
  console.log(`sample series: ${sample.observations} observations`);
  await rm(defaultDatasetDir, { recursive: true, force: true });
  const counts = await exportDataset(db, defaultDatasetDir);
  console.log(`wrote ${defaultDatasetDir}:`, counts);
} finally {
  await close();
}
