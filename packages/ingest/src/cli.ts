#!/usr/bin/env node
/**
 * npm run import -- <kind> <file or folder...>
 * Imports into the database named by DATABASE_URL, or the embedded SQLite database.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
// Only what every command needs is imported here; the rest when its command runs (a police.uk
// import loads neither zod nor the indicator-file code), and street files start scanning on worker
// threads before the database code has loaded (decision 113e).
import { ImportRejected, LimitExceeded } from "./errors";
import { IMPORT_KINDS, expandPaths, type ImportKind } from "./paths";
import { startStreetScans } from "./streetScanPool";

const usage = (defaultSqliteFile: string) => `Usage: npm run import -- <kind> <file or folder...>
Kinds:
  areas                       ONS LAD→CSP→PFA lookup CSV (import first)
  police-uk-street            data.police.uk street-level crime CSVs (a file or a folder); a file with far
                              fewer records for a force-month than are held is refused unless --replace
  police-uk-counts            monthly counts by force, crime type and outcome (all forces)
  home-office-recorded-crime  Home Office recorded crime by police force area (rolling 12 months)
  ons-population              ONS mid-year estimates, MYE4 (.xlsx workbook or CSV extract)
  sample <force code>         the labelled synthetic sample series for a force and its districts
  indicators                  the force's monthly indicator files, CSV or .xlsx (docs/indicator-file-format.md);
                              each file is one batch, revisions recorded; --by <name> says who imports
  indicator-catalogue         add or change indicators in the catalogue (id, name, unit, direction, priority,
                              source, cadence, expected_lag_months, definition)
  rollback <batch id>         roll an indicator-file or police.uk batch back (--by <name>)
The database is DATABASE_URL (postgres://… or sqlite:<file>), else ${defaultSqliteFile}.`;

async function main(args: string[]): Promise<number> {
  const replace = args.includes("--replace");
  args = args.filter((a) => a !== "--replace");
  const byAt = args.indexOf("--by");
  const by = byAt === -1 ? undefined : args[byAt + 1];
  const [kind, ...paths] = byAt === -1 ? args : [...args.slice(0, byAt), ...args.slice(byAt + 2)];
  const ownKinds = ["sample", "indicators", "indicator-catalogue", "rollback"];
  if (!kind || paths.length === 0 || (!ownKinds.includes(kind) && !(IMPORT_KINDS as readonly string[]).includes(kind))) {
    console.error(usage((await import("@scrutiny/db")).defaultSqliteFile));
    return 2;
  }
  let streetScans;
  try {
    streetScans = kind === "police-uk-street" ? startStreetScans(await expandPaths(kind, paths)) : undefined;
  } catch (error) {
    if (!(error instanceof ImportRejected)) throw error;
    console.error(error.message);
    return 1;
  }
  const { createDb, databaseConfigFromEnv, defaultSqliteFile, migrateToLatest } = await import("@scrutiny/db");
  const config = databaseConfigFromEnv(process.env, defaultSqliteFile);
  if (config.kind === "sqlite") mkdirSync(dirname(config.file), { recursive: true });
  const { db, close } = createDb(config);
  try {
    await migrateToLatest(db);
    const started = performance.now();
    if (kind === "indicators" || kind === "indicator-catalogue" || kind === "rollback") {
      const { importIndicatorFiles, rollbackFromCli } = await import("./indicatorCli");
      const lines = kind === "rollback" ? await rollbackFromCli(db, paths[0] ?? "", by) : await importIndicatorFiles(db, kind, await expandPaths("ons-population", paths) /* a folder gives its .csv and .xlsx files */, by);
      for (const line of lines) console.log(line);
      console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return 0;
    }
    const { importFiles, importSampleSeries } = await import("./pipeline");
    const results = kind === "sample" ? [await importSampleSeries(db, paths[0] ?? "")] : await importFiles(db, kind as ImportKind, paths, { replace, streetScans });
    for (const r of results) {
      const detail = r.status === "imported" ? `${r.rowsAccepted}/${r.rowsRead} rows, ${r.observations} observations, ${r.populations} populations, ${r.areas} areas` : "nothing changed";
      console.log(`${r.status.padEnd(9)} ${r.file}: ${detail}${r.notes.length ? ` (${r.notes.join("; ")})` : ""}`);
    }
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } catch (error) {
    if (error instanceof ImportRejected || error instanceof LimitExceeded || (error instanceof Error && error.name === "RollbackRefused" && error instanceof (await import("./indicatorImport")).RollbackRefused)) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await close();
  }
}

process.exitCode = await main(process.argv.slice(2));
