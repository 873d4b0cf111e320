/**
 * The DuckDB side of the police.uk import benchmark, as a whole process: reads the street files of
 * a folder and aggregates them the way the import does (month, force, district named by the LSOA,
 * crime type, last outcome → count). Plain JavaScript run by Node itself, so the floor pays no
 * TypeScript loader, as `npm run import` does not (decision 113e). Usage: node scripts/bench-duckdb.mjs <folder>
 */
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { DuckDBInstance } from "@duckdb/node-api";

const folder = process.argv[2];
const started = performance.now();
const instance = await DuckDBInstance.create(":memory:");
const connection = await instance.connect();
const glob = join(folder, "*.csv").replace(/'/g, "''");
const reader = await connection.runAndReadAll(`
  select "Month" as month, "Falls within" as force, regexp_replace(coalesce("LSOA name", ''), ' [0-9]{3}[A-Z]$', '') as district,
         "Crime type" as crime_type, coalesce("Last outcome category", '') as outcome, count(*) as n
  from read_csv('${glob}', header = true, all_varchar = true)
  group by all`);
const rows = reader.getRows();
let records = 0n;
for (const row of rows) records += BigInt(row[5]);
console.log(JSON.stringify({ groups: rows.length, records: Number(records), ms: Math.round(performance.now() - started) }));
