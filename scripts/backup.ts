/**
 * npm run backup -- FILE    a consistent copy of the embedded database, checked (server may run)
 * npm run restore -- FILE   puts a checked backup back (stop the server first)
 * The database is the server's: DATABASE_URL=sqlite:… or the default file, or postgres://… (then
 * pg_dump/pg_restore of the schema it works in; stop every API process before restoring).
 */
import { resolve } from "node:path";
import { backupPostgres, backupSqlite, databaseConfigFromEnv, defaultSqliteFile, restorePostgres, restoreSqlite } from "@scrutiny/db";

const [command, file] = process.argv.slice(2);
try {
  if ((command !== "backup" && command !== "restore") || !file) throw new Error("Usage: npm run backup -- FILE   or   npm run restore -- FILE");
  const config = databaseConfigFromEnv(process.env, defaultSqliteFile);
  if (config.kind === "postgres") {
    const result = command === "backup" ? await backupPostgres(config.url, resolve(file)) : await restorePostgres(resolve(file), config.url);
    console.log(`${command === "backup" ? "Backed up schema" : "Restored schema"} ${result.schema} ${command === "backup" ? "to" : "from"} ${result.file}: integrity ${result.integrity}, ${result.observations} observations.`);
  } else {
    const result = command === "backup" ? await backupSqlite(config.file, resolve(file)) : await restoreSqlite(resolve(file), config.file);
    console.log(`${command === "backup" ? "Backed up" : "Restored"} ${command === "backup" ? config.file : file} to ${result.file}: ${result.pages} pages, integrity ${result.integrity}, ${result.observations} observations.`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
