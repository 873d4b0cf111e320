/**
 * Accounts from the command line (the first admin is made here):
 *   npm run user -- add EMAIL --role admin --password SECRET
 *   npm run user -- list
 *   npm run user -- disable EMAIL | enable EMAIL
 *   npm run user -- reset-password EMAIL --password SECRET
 *   npm run user -- role EMAIL --role analyst
 * The database is the server's (DATABASE_URL, or the embedded file). Changes are audited as "command line".
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import type { Kysely } from "kysely";
import { createDb, databaseConfigFromEnv, defaultSqliteFile, migrateToLatest, type Database, type Role } from "@scrutiny/db";
import { accountList, addAccount, resetPassword, ROLES, setAccountDisabled, setAccountRole } from "./auth/accounts";

const USAGE = `Usage: npm run user -- add EMAIL --role ${ROLES.join("|")} --password SECRET
       npm run user -- list | disable EMAIL | enable EMAIL | reset-password EMAIL --password SECRET | role EMAIL --role ROLE`;
const BY = "command line";

export class UsageError extends Error {}

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function required(value: string | undefined, what: string): string {
  if (!value || value.startsWith("--")) throw new UsageError(`${what} is missing.\n${USAGE}`);
  return value;
}

/** Runs one command; returns the lines to print. */
export async function runUserCommand(db: Kysely<Database>, args: readonly string[]): Promise<string[]> {
  const [command, email] = args;
  switch (command) {
    case "add": {
      const role = required(option(args, "role"), "--role") as Role;
      const account = await addAccount(db, { email: required(email, "EMAIL"), role, password: required(option(args, "password"), "--password"), by: BY });
      return [`Added ${account.email} (${account.role}).`];
    }
    case "list": {
      const accounts = await accountList(db);
      if (accounts.length === 0) return ["No accounts yet: add the first admin with npm run user -- add EMAIL --role admin --password SECRET"];
      return accounts.map((a) => `${a.email}\t${a.role}${a.disabled ? "\tdisabled" : ""}${a.lockedUntil ? `\tlocked until ${a.lockedUntil}` : ""}`);
    }
    case "disable":
    case "enable":
      await setAccountDisabled(db, required(email, "EMAIL"), command === "disable", BY);
      return [`${command === "disable" ? "Disabled" : "Enabled"} ${email!.trim().toLowerCase()}${command === "disable" ? " and signed it out" : ""}.`];
    case "reset-password":
      await resetPassword(db, required(email, "EMAIL"), required(option(args, "password"), "--password"), BY);
      return [`Reset the password of ${email!.trim().toLowerCase()}, unlocked it and signed it out.`];
    case "role":
      await setAccountRole(db, required(email, "EMAIL"), required(option(args, "role"), "--role") as Role, BY);
      return [`${email!.trim().toLowerCase()} is now ${option(args, "role")}.`];
    default:
      throw new UsageError(USAGE);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const config = databaseConfigFromEnv(process.env, defaultSqliteFile);
  if (config.kind === "sqlite") mkdirSync(dirname(config.file), { recursive: true });
  const handle = createDb(config);
  try {
    await migrateToLatest(handle.db);
    for (const line of await runUserCommand(handle.db, process.argv.slice(2))) console.log(line);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
}
