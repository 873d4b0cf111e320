import { CompiledQuery, PostgresAdapter, type Kysely } from "kysely";
import type { Database } from "../schema";

/**
 * Many-row inserts without the query builder: building a 1,000-row, 10,000-parameter statement
 * through Kysely's AST costs ~40 ms, which made a 400,000-row indicator file spend 30 s composing
 * SQL. The statement text is made once per chunk size and the values are bound as parameters, so
 * nothing from a file is ever spliced into SQL. Columns are fixed names from this module.
 */
export async function bulkInsert<T extends Record<string, unknown>>(
  db: Kysely<Database>,
  table: string,
  columns: readonly (keyof T & string)[],
  rows: readonly T[],
  options: { onConflict?: string } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const direct = directStatement(db, table, columns, options.onConflict);
  if (direct) {
    for (const row of rows) direct.run(columns.map((column) => row[column] ?? null));
    return;
  }
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // Under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
  const perChunk = Math.max(1, Math.floor(30_000 / columns.length));
  const statements = new Map<number, string>();
  const statementFor = (n: number) => {
    let text = statements.get(n);
    if (!text) {
      const tuples: string[] = [];
      let p = 0;
      for (let r = 0; r < n; r++) tuples.push(`(${columns.map(() => (postgres ? `$${++p}` : "?")).join(", ")})`);
      text = `insert into ${table} (${columns.join(", ")}) values ${tuples.join(", ")}${options.onConflict ? ` ${options.onConflict}` : ""}`;
      statements.set(n, text);
    }
    return text;
  };
  for (let start = 0; start < rows.length; start += perChunk) {
    const end = Math.min(rows.length, start + perChunk);
    const params: unknown[] = [];
    for (let r = start; r < end; r++) {
      const row = rows[r]!;
      for (const column of columns) params.push(row[column] ?? null);
    }
    await db.executeQuery(CompiledQuery.raw(statementFor(end - start), params));
  }
}

/** The part of a better-sqlite3 handle used here. */
interface SqliteHandle {
  inTransaction: boolean;
  prepare(sql: string): PreparedStatement;
  exec(sql: string): unknown;
}

/** A statement prepared on the embedded database's handle (better-sqlite3). */
export interface PreparedStatement {
  run(params: unknown[]): unknown;
  all(params: unknown[]): unknown[];
}

/** The embedded database's handle, by the Kysely adapter its transactions share (set by createDb). */
const sqliteHandles = new WeakMap<object, { handle: SqliteHandle; statements: Map<string, PreparedStatement> }>();

export function registerSqliteHandle(db: Kysely<Database>, handle: SqliteHandle): void {
  sqliteHandles.set(db.getExecutor().adapter, { handle, statements: new Map() });
}

/**
 * Inside a Kysely transaction on the embedded database, one single-row statement prepared once and
 * run per row on the transaction's own connection (better-sqlite3 is synchronous and the
 * transaction holds the only connection, so nothing else can interleave): about ten times faster
 * than 3,000-row statements, which Kysely's driver prepares again on every call. Values are bound
 * as parameters exactly as on the other path.
 */
function directStatement(db: Kysely<Database>, table: string, columns: readonly string[], onConflict: string | undefined) {
  return preparedInTransaction(db, `insert into ${table} (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})${onConflict ? ` ${onConflict}` : ""}`);
}

/**
 * The statement prepared once on the embedded database's handle, when `db` is a transaction on it
 * (see directStatement); undefined elsewhere (PostgreSQL, or outside a transaction). The text is a
 * fixed statement of this folder's repositories with `?` parameters.
 */
export function preparedInTransaction(db: Kysely<Database>, text: string): PreparedStatement | undefined {
  if (!db.isTransaction) return undefined;
  const entry = sqliteHandles.get(db.getExecutor().adapter);
  if (!entry?.handle.inTransaction) return undefined;
  let statement = entry.statements.get(text);
  if (!statement) entry.statements.set(text, (statement = entry.handle.prepare(text)));
  return statement;
}

/**
 * Call when a statement inside a transaction failed, before rethrowing. On the embedded database
 * some errors (SQLITE_FULL, SQLITE_IOERR) make SQLite roll the whole transaction back itself; the
 * transaction's own rollback then fails with "cannot rollback - no transaction is active" and that
 * error replaces the one the user must be told (a full disk). An empty transaction is opened for
 * that rollback to end. Nothing is written either way.
 */
export function readyForRollback(db: Kysely<Database>): void {
  if (!db.isTransaction) return;
  const entry = sqliteHandles.get(db.getExecutor().adapter);
  if (entry && !entry.handle.inTransaction) entry.handle.exec("begin");
}
