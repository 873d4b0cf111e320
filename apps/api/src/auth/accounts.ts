import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import {
  deleteSession,
  deleteSessionsOf,
  findAccountByEmail,
  findSessionAccount,
  insertAccount,
  insertSession,
  listAccounts,
  recordAudit,
  updateAccount,
  type Database,
  type Role,
} from "@scrutiny/db";
import { BadRequestError, ConflictError, LockedError, NotFoundError, UnauthorizedError } from "../errors";
import { hashPassword, passwordProblem, verifyNothing, verifyPassword } from "./passwords";

/**
 * Accounts and sessions, framework-free so that the API and the `npm run user` command share them.
 * Five failed sign-ins in a row lock an account for fifteen minutes; a session lasts twelve hours.
 */
export const ROLES = ["public", "member", "analyst", "admin"] as const satisfies readonly Role[];
export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;
export const SESSION_HOURS = 12;

export interface SignedInUser {
  /** The name recorded on what the user changes: the account's email, or the local user's name. */
  name: string;
  email: string | null;
  role: Role;
  accountId: string | null;
}

export const PUBLIC_USER: SignedInUser = { name: "public", email: null, role: "public", accountId: null };

const EMAIL = /^[^\s@]{1,100}@[^\s@]{1,150}$/;

export function tokenHash(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

export async function addAccount(db: Kysely<Database>, input: { email: string; role: Role; password: string; by: string | null; now?: Date }) {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw new BadRequestError(`email: "${input.email.slice(0, 100)}" is not an email address`);
  if (!ROLES.includes(input.role)) throw new BadRequestError(`role: must be one of ${ROLES.join(", ")}`);
  const problem = passwordProblem(input.password);
  if (problem) throw new BadRequestError(`password: ${problem}`);
  if (await findAccountByEmail(db, email)) throw new ConflictError(`An account for ${email} already exists`);
  const passwordHash = await hashPassword(input.password);
  // Every change to an account is written with its audit entry in one transaction (issue 11).
  return db.transaction().execute(async (trx) => {
    const account = await insertAccount(trx, { email, role: input.role, passwordHash, now: input.now ?? new Date() });
    await recordAudit(trx, { actor: input.by, action: "user.add", subject: email, after: { email, role: input.role, disabled: false } });
    return account;
  });
}

async function accountOrThrow(db: Kysely<Database>, email: string) {
  const account = await findAccountByEmail(db, email);
  if (!account) throw new NotFoundError(`No account for ${email.trim().toLowerCase()}`);
  return account;
}

export async function setAccountDisabled(db: Kysely<Database>, email: string, disabled: boolean, by: string | null) {
  const account = await accountOrThrow(db, email);
  await db.transaction().execute(async (trx) => {
    await updateAccount(trx, account.id, { disabled: disabled ? 1 : 0 });
    if (disabled) await deleteSessionsOf(trx, account.id);
    await recordAudit(trx, { actor: by, action: disabled ? "user.disable" : "user.enable", subject: account.email, before: { disabled: account.disabled === 1 }, after: { disabled } });
  });
}

export async function resetPassword(db: Kysely<Database>, email: string, password: string, by: string | null) {
  const account = await accountOrThrow(db, email);
  const problem = passwordProblem(password);
  if (problem) throw new BadRequestError(`password: ${problem}`);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await updateAccount(trx, account.id, { password_hash: passwordHash, failed_attempts: 0, locked_until: null });
    await deleteSessionsOf(trx, account.id);
    await recordAudit(trx, { actor: by, action: "user.reset-password", subject: account.email });
  });
}

export async function setAccountRole(db: Kysely<Database>, email: string, role: Role, by: string | null) {
  const account = await accountOrThrow(db, email);
  if (!ROLES.includes(role)) throw new BadRequestError(`role: must be one of ${ROLES.join(", ")}`);
  await db.transaction().execute(async (trx) => {
    await updateAccount(trx, account.id, { role });
    await recordAudit(trx, { actor: by, action: "user.role", subject: account.email, before: { role: account.role }, after: { role } });
  });
}

export async function accountList(db: Kysely<Database>, now = new Date()) {
  return (await listAccounts(db)).map((a) => ({
    email: a.email,
    role: a.role,
    disabled: a.disabled === 1,
    lockedUntil: a.locked_until && a.locked_until > now.toISOString() ? a.locked_until : null,
    createdAt: a.created_at,
  }));
}

/**
 * Checks an email and password. On success returns a new session token (the caller sets it as a
 * cookie) and its expiry; the database keeps only the token's hash. The fifth failure in a row
 * locks the account for LOCK_MINUTES and is written to the audit log.
 */
export async function signIn(db: Kysely<Database>, email: string, password: string, now = new Date()) {
  const wrong = new UnauthorizedError("The email or password is wrong.");
  const account = await findAccountByEmail(db, email);
  if (!account || account.disabled === 1) {
    await verifyNothing(password);
    throw wrong;
  }
  if (account.locked_until && account.locked_until > now.toISOString()) {
    throw new LockedError(`The account is locked after ${MAX_FAILED_SIGN_INS} failed sign-ins until ${account.locked_until.slice(11, 16)} UTC; an admin can reset the password.`);
  }
  if (!(await verifyPassword(password, account.password_hash))) {
    const failed = account.failed_attempts + 1;
    if (failed >= MAX_FAILED_SIGN_INS) {
      const lockedUntil = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
      await db.transaction().execute(async (trx) => {
        await updateAccount(trx, account.id, { failed_attempts: 0, locked_until: lockedUntil });
        await recordAudit(trx, { actor: null, action: "user.lockout", subject: account.email, after: { lockedUntil, failedSignIns: failed }, at: now });
      });
      throw new LockedError(`The account is locked for ${LOCK_MINUTES} minutes after ${MAX_FAILED_SIGN_INS} failed sign-ins.`);
    }
    await updateAccount(db, account.id, { failed_attempts: failed });
    throw wrong;
  }
  await updateAccount(db, account.id, { failed_attempts: 0, locked_until: null });
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3600_000);
  await insertSession(db, { tokenHash: tokenHash(token), accountId: account.id, now, expiresAt });
  return { token, expiresAt, user: { name: account.email, email: account.email, role: account.role, accountId: account.id } satisfies SignedInUser };
}

export async function userOfToken(db: Kysely<Database>, token: string | undefined, now = new Date()): Promise<SignedInUser | undefined> {
  if (!token || token.length > 100) return undefined;
  const account = await findSessionAccount(db, tokenHash(token), now);
  if (!account || account.disabled === 1) return undefined;
  return { name: account.email, email: account.email, role: account.role, accountId: account.id };
}

export async function signOut(db: Kysely<Database>, token: string | undefined): Promise<void> {
  if (token) await deleteSession(db, tokenHash(token));
}
