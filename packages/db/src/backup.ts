import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import SQLite from "better-sqlite3";
import { postgresDriver } from "./pg";

/**
 * Backup and restore of the embedded database with SQLite's online backup API: a consistent copy
 * while the server keeps running, checked with PRAGMA integrity_check before it is trusted.
 * PostgreSQL is backed up with its own tools, pg_dump and pg_restore (below).
 */
export interface BackupResult {
  file: string;
  pages: number;
  integrity: "ok";
  observations: number;
}

function checkCopy(file: string): { integrity: "ok"; observations: number } {
  const copy = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = copy.pragma("integrity_check") as { integrity_check: string }[];
    const result = rows.map((r) => r.integrity_check).join("; ");
    if (result !== "ok") throw new Error(`${file} fails the integrity check: ${result.slice(0, 200)}`);
    const hasTables = copy.prepare("select count(*) as n from sqlite_master where type = 'table' and name in ('observations', 'indicators', 'kysely_migration')").get() as { n: number };
    if (hasTables.n < 3) throw new Error(`${file} is not a Scrutiny database (no observations, indicators or migrations table)`);
    const { n } = copy.prepare("select count(*) as n from observations").get() as { n: number };
    return { integrity: "ok", observations: n };
  } finally {
    copy.close();
  }
}

/** Copies the live database `from` to `to` (which must not exist yet) and checks the copy. */
export async function backupSqlite(from: string, to: string): Promise<BackupResult> {
  if (!existsSync(from)) throw new Error(`There is no database at ${from}`);
  if (existsSync(to)) throw new Error(`${to} already exists: choose a new file name for the backup`);
  const live = new SQLite(from, { fileMustExist: true });
  try {
    const { totalPages } = await live.backup(to);
    return { file: to, pages: totalPages, ...checkCopy(to) };
  } finally {
    live.close();
  }
}

/**
 * Replaces the database at `to` with the backup `from`, after checking the backup. Uses the backup
 * API into the live file, so a server holding it open sees either the old or the restored data;
 * stop the server first all the same, so no request writes in between.
 */
export async function restoreSqlite(from: string, to: string): Promise<BackupResult> {
  checkCopy(from);
  const backup = new SQLite(from, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await backup.backup(to);
    return { file: to, pages: totalPages, ...checkCopy(to) };
  } finally {
    backup.close();
  }
}

// ---- PostgreSQL ------------------------------------------------------------------------------------

/** pg_dump and pg_restore of the newest PostgreSQL installed (scripts/system-deps.sh installs 15), else from PATH. */
function pgTool(name: "pg_dump" | "pg_restore"): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const path = join(root, version, "bin", name);
    if (existsSync(path)) return path;
  }
  return name;
}

function run(tool: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    execFile(tool, args, { maxBuffer: 16 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return done();
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return fail(new Error(`${tool} is not installed: install PostgreSQL's client tools (bash scripts/system-deps.sh)`));
      // The tool's own first line says what went wrong (connection refused, no such file, ...).
      fail(new Error(`${tool.split("/").at(-1)} failed: ${String(stderr).trim().split("\n")[0] ?? error.message}`));
    });
  });
}

export interface PostgresBackupResult {
  file: string;
  schema: string;
  integrity: "ok";
  observations: number;
}

/** The schema the database works in (the URL may set search_path) and a check that it holds Scrutiny's tables. */
async function checkPostgres(url: string): Promise<{ schema: string; integrity: "ok"; observations: number }> {
  const pool = new (postgresDriver().Pool)({ connectionString: url, max: 1 });
  try {
    const schema = String((await pool.query<{ schema: string }>("select current_schema() as schema")).rows[0]?.schema ?? "public");
    const tables = await pool.query<{ n: string }>("select count(*) as n from information_schema.tables where table_schema = $1 and table_name in ('observations', 'indicators', 'kysely_migration')", [schema]);
    if (Number(tables.rows[0]?.n) < 3) throw new Error(`Schema ${schema} is not a Scrutiny database (no observations, indicators or migrations table)`);
    // Every foreign key holds and every table can be read through (amcheck is not always installed).
    const orphans = await pool.query<{ n: string }>("select count(*) as n from observations o left join indicators i on i.id = o.indicator_id left join import_batches b on b.id = o.batch_id where i.id is null or b.id is null");
    if (Number(orphans.rows[0]?.n) > 0) throw new Error(`Schema ${schema} fails the integrity check: ${orphans.rows[0]?.n} observations without their indicator or batch`);
    const observations = Number((await pool.query<{ n: string }>("select count(*) as n from observations")).rows[0]?.n);
    return { schema, integrity: "ok", observations };
  } finally {
    await pool.end();
  }
}

/** pg_dump of the database's schema to `to` (custom format, which must not exist yet), checked first. */
export async function backupPostgres(url: string, to: string): Promise<PostgresBackupResult> {
  if (existsSync(to)) throw new Error(`${to} already exists: choose a new file name for the backup`);
  const checked = await checkPostgres(url);
  await run(pgTool("pg_dump"), ["--format=custom", "--no-owner", `--schema=${checked.schema}`, `--file=${to}`, `--dbname=${url}`]);
  return { file: to, ...checked };
}

/**
 * pg_restore of a backup into the database's schema, replacing what is there (--clean), in one
 * transaction: a failed restore leaves the database as it was. Checked after. Stop the servers first.
 */
export async function restorePostgres(from: string, url: string): Promise<PostgresBackupResult> {
  if (!existsSync(from)) throw new Error(`There is no backup at ${from}`);
  await run(pgTool("pg_restore"), ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error", `--dbname=${url}`, from]);
  return { file: from, ...(await checkPostgres(url)) };
}
