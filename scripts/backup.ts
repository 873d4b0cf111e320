/**
 * npm run backup -- FILE    a consistent copy of the embedded database, checked (server may run)
 * npm run restore -- FILE   puts a checked backup back (stop the server first)
 * The database is the server's: DATABASE_URL=sqlite:… or the default file. For PostgreSQL, use
 * pg_dump and pg_restore (docs/deployment.md).
 */
import { resolve } from "node:path";
import { backupSqlite, databaseConfigFromEnv, defaultSqliteFile, restoreSqlite } from "@scrutiny/db";

const [command, file] = process.argv.slice(2);
try {
  if ((command !== "backup" && command !== "restore") || !file) throw new Error("Usage: npm run backup -- FILE   or   npm run restore -- FILE");
  const config = databaseConfigFromEnv(process.env, defaultSqliteFile);
  if (config.kind !== "sqlite") throw new Error("This database is PostgreSQL: back it up with pg_dump and restore it with pg_restore (docs/deployment.md).");
  const result = command === "backup" ? await backupSqlite(config.file, resolve(file)) : await restoreSqlite(resolve(file), config.file);
  console.log(`${command === "backup" ? "Backed up" : "Restored"} ${command === "backup" ? config.file : file} to ${result.file}: ${result.pages} pages, integrity ${result.integrity}, ${result.observations} observations.`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
