/**
 * npm run data:build — rebuilds data/default/ from the raw public files in ../shared/data with the
 * project's own import pipeline. Raw files are read, never copied.
 */
import { rm } from "node:fs/promises";
import { createDb, defaultDatasetDir, migrateToLatest, sharedDataDir } from "@scrutiny/db";
import { buildDefaultDataset, exportDataset } from "@scrutiny/ingest";

const { db, close } = createDb({ kind: "sqlite", file: ":memory:" });
try {
  await migrateToLatest(db);
  await buildDefaultDataset(db, sharedDataDir, console.log);
  await rm(defaultDatasetDir, { recursive: true, force: true });
  const counts = await exportDataset(db, defaultDatasetDir);
  console.log(`wrote ${defaultDatasetDir}: ${JSON.stringify(counts)}`);
} finally {
  await close();
}
