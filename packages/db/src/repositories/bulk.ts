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
