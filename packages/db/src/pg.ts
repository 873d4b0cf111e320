import { createRequire } from "node:module";
import type PgModule from "pg";

let loaded: typeof PgModule | undefined;

/**
 * node-postgres, loaded the first time a PostgreSQL database is opened: a process on the embedded
 * database (every `npm run import` by default) does not pay its ~0.1 s of CPU at start-up
 * (decision 114a). node-postgres returns int8 (count(*), sum of integers) and numeric as strings
 * to avoid losing precision; every such number here is far below 2^53, so they are parsed once,
 * globally, here.
 */
export function postgresDriver(): typeof PgModule {
  if (!loaded) {
    const pg = createRequire(import.meta.url)("pg") as typeof PgModule;
    pg.types.setTypeParser(pg.types.builtins.INT8, (text) => Number(text));
    pg.types.setTypeParser(pg.types.builtins.NUMERIC, (text) => Number(text));
    loaded = pg;
  }
  return loaded;
}
