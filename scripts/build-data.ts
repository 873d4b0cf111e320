/**
 * npm run data:build — rebuilds data/default/ from the raw public files in ../shared/data with the
 * project's own import pipeline. Raw files are read, never copied.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { createDb, defaultDatasetDir, listAreas, migrateToLatest, sharedDataDir } from "@scrutiny/db";
import { BOUNDARY_SOURCE, buildDefaultDataset, defaultBoundariesFile, exportDataset, writeDistrictBoundaries } from "@scrutiny/ingest";

const { db, close } = createDb({ kind: "sqlite", file: ":memory:" });
try {
  await migrateToLatest(db);
  await buildDefaultDataset(db, sharedDataDir, console.log);
  await rm(defaultDatasetDir, { recursive: true, force: true });
  const counts = await exportDataset(db, defaultDatasetDir);
  console.log(`wrote ${defaultDatasetDir}: ${JSON.stringify(counts)}`);
  // District boundaries for the map, for the districts of each force area now in the database.
  const boundaries = await writeDistrictBoundaries(join(sharedDataDir, BOUNDARY_SOURCE), await listAreas(db), defaultBoundariesFile);
  console.log(`wrote ${defaultBoundariesFile}: ${JSON.stringify(boundaries)}`);
} finally {
  await close();
}
