import { CompiledQuery, sql, type Kysely } from "kysely";
import type { Database } from "../schema";

/**
 * The database's data version: one counter row, bumped in the same transaction as every import,
 * rollback, catalogue change or annotation. Caches of computed answers are keyed by it, so every
 * API process sharing the database sees a change on its next request
 * (docs/decisions/104a-cache-keyed-by-data-version.md). Call it with the transaction that writes.
 */
export async function bumpDataVersion(db: Kysely<Database>): Promise<void> {
  await sql`update data_version set version = version + 1 where id = 1`.execute(db);
}

/**
 * The current data version: a single-row primary-key read, cheap enough for every request. The
 * statement is compiled once (no query builder per request: it is on every cached answer's path).
 */
export async function readDataVersion(db: Kysely<Database>): Promise<number> {
  const result = await db.executeQuery<{ version: number }>(READ_VERSION);
  return Number(result.rows[0]?.version ?? 0);
}

const READ_VERSION = CompiledQuery.raw("select version from data_version where id = 1", []);

/** Readers that bypass the query builder, registered by createDb for the embedded database. */
const directReaders = new WeakMap<Kysely<Database>, () => number | undefined>();

/**
 * The embedded database's direct reader: one statement prepared once on the better-sqlite3
 * handle (prepared on first use: the table exists only after migrating), run synchronously in
 * autocommit, so it sees every transaction committed by any process. While this process holds a
 * transaction open on the connection it answers undefined and the caller reads through Kysely,
 * which waits for that transaction to end (an uncommitted bump is never seen).
 */
export function registerSqliteDataVersionReader(db: Kysely<Database>, sqlite: { prepare(sql: string): { get(): unknown }; inTransaction: boolean }): void {
  let statement: { get(): unknown } | undefined;
  directReaders.set(db, () => {
    if (sqlite.inTransaction) return undefined;
    try {
      statement ??= sqlite.prepare("select version from data_version where id = 1");
    } catch {
      return undefined;
    }
    const row = statement.get() as { version: number } | undefined;
    return Number(row?.version ?? 0);
  });
}

/**
 * A reader of the data version for every request (docs/decisions/112a-request-path.md): on the
 * embedded database a synchronous primary-key read (microseconds); otherwise one query per batch
 * of requests — a request joins a read only if that read has not started yet, so every answer is
 * checked against a version read after the request arrived (another process's commit is never
 * missed), and 50 requests arriving together cost one round trip, not 50.
 */
export function dataVersionReader(db: Kysely<Database>): () => number | Promise<number> {
  const direct = directReaders.get(db);
  let waiting: Promise<number> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const batched = (): Promise<number> => {
    if (waiting) return waiting;
    const read = running.then(() => {
      waiting = undefined;
      return readDataVersion(db);
    });
    waiting = read;
    running = read.catch(() => undefined);
    return read;
  };
  return () => direct?.() ?? batched();
}

/**
 * The data version for the answer cache's fast lane (docs/decisions/113a-fast-lane-cost.md): on
 * the embedded database too, one read per batch of requests. The first request to ask schedules
 * the read for the end of this turn of the event loop (setImmediate: after every request Node has
 * parsed in this turn); every request asking until then joins it. So each request is still checked
 * against a version read after it arrived (another process's commit is never missed), but 50
 * requests arriving together cost one read, not 50 (each read begins an SQLite read transaction:
 * a few microseconds, a third of what the rest of a held answer costs). Elsewhere (PostgreSQL)
 * it is dataVersionReader's batched read.
 */
export function batchedDataVersionReader(db: Kysely<Database>): () => Promise<number> {
  const direct = directReaders.get(db);
  const fallback = dataVersionReader(db);
  if (!direct) return () => Promise.resolve(fallback());
  let waiting: Promise<number> | undefined;
  return () =>
    (waiting ??= new Promise<number>((resolve, reject) => {
      setImmediate(() => {
        waiting = undefined;
        try {
          const version = direct();
          // A transaction of this process open on the connection: Kysely's read waits for it.
          resolve(version ?? readDataVersion(db));
        } catch (error) {
          reject(error as Error);
        }
      });
    }));
}
