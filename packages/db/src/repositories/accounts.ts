import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Account, Database, Role } from "../schema";

export function findAccountByEmail(db: Kysely<Database>, email: string): Promise<Account | undefined> {
  return db.selectFrom("accounts").selectAll().where("email", "=", email.trim().toLowerCase()).executeTakeFirst();
}

export function listAccounts(db: Kysely<Database>): Promise<Account[]> {
  return db.selectFrom("accounts").selectAll().orderBy("email").execute();
}

export async function insertAccount(db: Kysely<Database>, account: { email: string; role: Role; passwordHash: string; now: Date }): Promise<Account> {
  const row = { id: randomUUID(), email: account.email.trim().toLowerCase(), role: account.role, password_hash: account.passwordHash, disabled: 0, failed_attempts: 0, locked_until: null, created_at: account.now.toISOString() };
  await db.insertInto("accounts").values(row).execute();
  return row;
}

export async function updateAccount(
  db: Kysely<Database>,
  id: string,
  changes: Partial<{ role: Role; password_hash: string; disabled: number; failed_attempts: number; locked_until: string | null }>,
): Promise<void> {
  await db.updateTable("accounts").set(changes).where("id", "=", id).execute();
}

export async function insertSession(db: Kysely<Database>, session: { tokenHash: string; accountId: string; now: Date; expiresAt: Date }): Promise<void> {
  await db.insertInto("sessions").values({ token_hash: session.tokenHash, account_id: session.accountId, created_at: session.now.toISOString(), expires_at: session.expiresAt.toISOString() }).execute();
}

/** The account behind a session token's hash, when the session has not expired. */
export function findSessionAccount(db: Kysely<Database>, tokenHash: string, now: Date): Promise<(Account & { expires_at: string }) | undefined> {
  return db
    .selectFrom("sessions")
    .innerJoin("accounts", "accounts.id", "sessions.account_id")
    .selectAll("accounts")
    .select("sessions.expires_at")
    .where("sessions.token_hash", "=", tokenHash)
    .where("sessions.expires_at", ">", now.toISOString())
    .executeTakeFirst();
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

/** Signs an account out everywhere (disabled, or its password reset). */
export async function deleteSessionsOf(db: Kysely<Database>, accountId: string): Promise<void> {
  await db.deleteFrom("sessions").where("account_id", "=", accountId).execute();
}
