import type { Kysely } from "kysely";
import type { Database } from "@scrutiny/db";

/** What every request handler can reach: the database, set once when the app is created. */
export type AppEnv = { Variables: { db: Kysely<Database>; requestId: string } };
