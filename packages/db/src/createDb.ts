import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresAdapter, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationProvider } from "kysely";
import * as initial from "./migrations/0001_initial";
import * as indicatorImports from "./migrations/0002_indicator_imports";
import * as trust from "./migrations/0003_trust";
import * as speed from "./migrations/0004_speed";
import * as annotations from "./migrations/0005_annotations";
import * as peerGroups from "./migrations/0007_peer_groups";
import * as rollingTotals from "./migrations/0008_rolling_totals";
import * as meetings from "./migrations/0006_meetings";
import * as published from "./migrations/0010_published";
import * as essexAsbBreak from "./migrations/0013_essex_asb_break";
import type { Database } from "./schema";
import { registerSqliteDataVersionReader } from "./repositories/dataVersion";
import { registerSqliteHandle } from "./repositories/bulk";
import { postgresDriver } from "./pg";

export type DatabaseConfig = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

export interface ScrutinyDb {
  db: Kysely<Database>;
  kind: DatabaseConfig["kind"];
  close(): Promise<void>;
}

export function createDb(config: DatabaseConfig): ScrutinyDb {
  if (config.kind === "sqlite") {
    const sqlite = new SQLite(config.file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("foreign_keys = ON");
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    registerSqliteDataVersionReader(db, sqlite);
    registerSqliteHandle(db, sqlite);
    return { db, kind: "sqlite", close: () => db.destroy() };
  }
  const pool = new (postgresDriver().Pool)({ connectionString: config.url, max: 10 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: "postgres", close: () => db.destroy() };
}

/** DATABASE_URL=postgres://… selects PostgreSQL; otherwise the embedded SQLite file. */
export function databaseConfigFromEnv(env: NodeJS.ProcessEnv, defaultSqliteFile: string): DatabaseConfig {
  const url = env.DATABASE_URL;
  if (url && /^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  if (url && url.startsWith("sqlite:")) return { kind: "sqlite", file: url.slice("sqlite:".length) };
  if (url) throw new Error(`DATABASE_URL must start with postgres://, postgresql:// or sqlite: (got "${url}")`);
  return { kind: "sqlite", file: defaultSqliteFile };
}

const MIGRATIONS: Record<string, Migration> = {
  "0001_initial": initial,
  "0002_indicator_imports": indicatorImports,
  "0003_trust": trust,
  "0004_speed": speed,
  "0005_annotations": annotations,
  "0007_peer_groups": peerGroups,
  "0006_meetings": meetings,
  "0010_published": published,
  "0008_rolling_totals": rollingTotals,
  "0013_essex_asb_break": essexAsbBreak,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  // On PostgreSQL, keep Kysely's own migration tables in the schema the database works in:
  // unqualified, the migrator's existence check sees another schema's tables and skips creating its own.
  const schema =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ""} failed: ${String(error)}`);
  }
}
