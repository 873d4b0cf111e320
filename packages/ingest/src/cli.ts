#!/usr/bin/env node
/**
 * npm run import -- <kind> <file or folder...>
 * Imports into the database named by DATABASE_URL, or the embedded SQLite database.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createDb, databaseConfigFromEnv, defaultSqliteFile, migrateToLatest } from "@scrutiny/db";
import { ImportRejected } from "./errors";
import { IMPORT_KINDS, importFiles, importSampleSeries, type ImportKind } from "./pipeline";

const USAGE = `Usage: npm run import -- <kind> <file or folder...>
Kinds:
  areas                       ONS LAD→CSP→PFA lookup CSV (import first)
  police-uk-street            data.police.uk street-level crime CSVs (a file or a folder)
  police-uk-counts            monthly counts by force, crime type and outcome (all forces)
  home-office-recorded-crime  Home Office recorded crime by police force area (rolling 12 months)
  ons-population              ONS mid-year estimates, MYE4 (.xlsx workbook or CSV extract)
  sample <force code>         the labelled synthetic sample series for a force and its districts
The database is DATABASE_URL (postgres://… or sqlite:<file>), else ${defaultSqliteFile}.`;

async function main(args: string[]): Promise<number> {
  const [kind, ...paths] = args;
  if (!kind || paths.length === 0 || (kind !== "sample" && !(IMPORT_KINDS as readonly string[]).includes(kind))) {
    console.error(USAGE);
    return 2;
  }
  const config = databaseConfigFromEnv(process.env, defaultSqliteFile);
  if (config.kind === "sqlite") mkdirSync(dirname(config.file), { recursive: true });
  const { db, close } = createDb(config);
  try {
    await migrateToLatest(db);
    const started = performance.now();
    const results = kind === "sample" ? [await importSampleSeries(db, paths[0] ?? "")] : await importFiles(db, kind as ImportKind, paths);
    for (const r of results) {
      const detail = r.status === "imported" ? `${r.rowsAccepted}/${r.rowsRead} rows, ${r.observations} observations, ${r.populations} populations, ${r.areas} areas` : "nothing changed";
      console.log(`${r.status.padEnd(9)} ${r.file}: ${detail}${r.notes.length ? ` (${r.notes.join("; ")})` : ""}`);
    }
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    if (error instanceof ImportRejected) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await close();
  }
}

process.exitCode = await main(process.argv.slice(2));
