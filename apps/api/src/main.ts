/**
 * The one process: migrates and (on first start) seeds the database, then serves the API and the
 * built dashboard on http://localhost:$PORT.
 */
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { serve } from "@hono/node-server";
import { createDb, databaseConfigFromEnv, defaultDatasetDir, defaultSqliteFile, migrateToLatest, repoRoot } from "@scrutiny/db";
import { seedIfEmpty } from "@scrutiny/ingest";
import { createApp } from "./app";
import { userInfo } from "node:os";
import { authModeOf, isLoopback, readEnv, renderBaseUrl } from "./env";
import { seedExampleActions } from "./services/exampleActions";
import { storageProblem } from "./errors";

const env = readEnv(process.env);
const config = databaseConfigFromEnv(process.env, defaultSqliteFile);
if (config.kind === "sqlite") mkdirSync(dirname(config.file), { recursive: true });
const { db, kind, close } = createDb(config);
try {
  await migrateToLatest(db);
  if (await seedIfEmpty(db, defaultDatasetDir)) {
    console.log(`Seeded the ${kind} database with the default dataset from data/default`);
    const examples = await seedExampleActions(db);
    if (examples > 0) console.log(`Added ${examples} example actions from the public minutes to the empty action log`);
  }
} catch (error) {
  // One clear line, not a stack trace: a read-only database, a full disk, an unreachable server.
  const where = config.kind === "sqlite" ? config.file : "PostgreSQL";
  const storage = storageProblem(error) ?? storageProblem((error as { cause?: unknown }).cause);
  const message = storage ? storage.message : `the database (${where}) could not be prepared: ${String((error as Error).message ?? error).split("\n")[0]}`;
  console.error(`Scrutiny cannot start: ${message}`);
  process.exit(1);
}

const webDir = join(repoRoot, "apps", "web", "dist");
if (!existsSync(join(webDir, "index.html"))) console.warn("The dashboard is not built (npm run build); serving the API only.");
const allowedHosts = [...env.SCRUTINY_ALLOWED_HOSTS.split(",").map((h) => h.trim()).filter(Boolean), ...(["0.0.0.0", "::"].includes(env.HOST) ? [] : [env.HOST])];
const authMode = authModeOf(env);
const localUserName = env.SCRUTINY_LOCAL_USER?.trim() || `local user ${safeUserName()}`.trim();
if (authMode === "local" && !isLoopback(env.HOST)) console.warn(`Warning: local mode (no sign-in) while listening on ${env.HOST}: anyone who can reach it has every right.`);
const served = existsSync(join(webDir, "index.html"));
const app = createApp(db, kind, { ...(existsSync(webDir) ? { webDir } : {}), allowedHosts, authMode, localUserName, force: env.SCRUTINY_FORCE, pdf: { chromiumPath: env.SCRUTINY_CHROMIUM, baseUrl: served ? renderBaseUrl(env) : null } });

function safeUserName(): string {
  try {
    return userInfo().username.slice(0, 60);
  } catch {
    return "";
  }
}

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  const shown = ["127.0.0.1", "::1", "0.0.0.0", "::"].includes(env.HOST) ? "localhost" : env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST;
  console.log(`Scrutiny is running on http://${shown}:${info.port} (${kind} database${config.kind === "sqlite" ? ` ${config.file}` : ""}; listening on ${env.HOST}; ${authMode === "local" ? `local mode, changes recorded as "${localUserName}"` : "sign-in required"})`);
});

// One clear line, not a stack trace, when the port is taken or the address is not this computer's.
server.on("error", (error: NodeJS.ErrnoException) => {
  const why =
    error.code === "EADDRINUSE" ? `port ${env.PORT} is already in use on ${env.HOST}: stop the other process or set PORT` :
    error.code === "EADDRNOTAVAIL" ? `${env.HOST} is not an address of this computer: set HOST` :
    error.code === "EACCES" ? `no permission to listen on port ${env.PORT}: use a port above 1023` : `the server could not start (${error.code ?? error.message})`;
  console.error(`Scrutiny cannot start: ${why}.`);
  process.exit(1);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void close().then(() => process.exit(0));
  });
}
