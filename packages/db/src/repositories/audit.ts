import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { AuditEntryRow, Database } from "../schema";

export interface AuditEntry {
  /** Who: an account's email, the local user's name in local mode, null for the system. */
  actor: string | null;
  action: string;
  subject: string;
  before?: unknown;
  after?: unknown;
  at?: Date;
}

/**
 * Writes a change's audit entry with the transaction that makes the change, given what it did: the
 * entry and the change commit together or not at all (issue 11).
 */
export type AuditHook<R> = (trx: Kysely<Database>, result: R) => Promise<void>;

/** Appends one entry to the audit log; before and after are stored as JSON. */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto("audit_log")
    .values({
      id: randomUUID(),
      at: (entry.at ?? new Date()).toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      before_json: entry.before === undefined ? null : JSON.stringify(entry.before),
      after_json: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

/** The newest entries first, at most `limit`, optionally of one action or subject. */
export function listAudit(db: Kysely<Database>, query: { limit: number; offset: number; action?: string; subject?: string }): Promise<AuditEntryRow[]> {
  let q = db.selectFrom("audit_log").selectAll();
  if (query.action) q = q.where("action", "=", query.action);
  if (query.subject) q = q.where("subject", "=", query.subject);
  return q.orderBy("at", "desc").orderBy("id").limit(query.limit).offset(query.offset).execute();
}
