import { existsSync } from "node:fs";
import SQLite from "better-sqlite3";

/**
 * Backup and restore of the embedded database with SQLite's online backup API: a consistent copy
 * while the server keeps running, checked with PRAGMA integrity_check before it is trusted.
 * PostgreSQL is backed up with its own tools (pg_dump / pg_restore, docs/deployment.md).
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
