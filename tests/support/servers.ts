import { afterAll, beforeAll } from "vitest";
import { SERVER_START_MS, startServer, type RunningServer } from "../e2e/server";
import { postgresSchema } from "./db";

export type ServerDatabase = "postgres" | "sqlite";

/**
 * Real servers (apps/api/src/main.ts) for a test file: every "postgres" one on the same fresh
 * PostgreSQL schema (the first to start migrates and seeds it), every "sqlite" one on its own fresh
 * embedded database; all in local sign-in mode, so they answer the same reader (PostgreSQL alone
 * would require sign-in, and the public does not see unpublished series such as the sample ones).
 * They start one after the other: two first starts side by side on a loaded two-core machine can
 * exceed startServer's limit. Stopped, and the schema dropped, after the file's tests. The handles
 * returned can be held from the start; their urls are known once the servers are up.
 */
export function serversForTests<const D extends readonly ServerDatabase[]>(databases: D, prefix: string): { [K in keyof D]: RunningServer } {
  const servers: RunningServer[] = [];
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    let postgresUrl: string | undefined;
    if (databases.includes("postgres")) {
      const place = await postgresSchema(prefix);
      drop = place.drop;
      postgresUrl = place.url;
    }
    for (const database of databases) {
      servers.push(await startServer(database === "postgres" ? { DATABASE_URL: postgresUrl!, SCRUTINY_AUTH: "local" } : { SCRUTINY_AUTH: "local" }));
    }
  }, (SERVER_START_MS + 30_000) * databases.length);
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await drop?.();
  });
  const started = (i: number) => {
    const server = servers[i];
    if (!server) throw new Error("the servers are not started yet: use them inside a test");
    return server;
  };
  return databases.map((_, i) => ({
    get url() {
      return started(i).url;
    },
    stop: () => started(i).stop(),
  })) as { [K in keyof D]: RunningServer };
}
