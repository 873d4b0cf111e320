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
import { seedExampleActions } from "./services/exampleActions";
import { readEnv } from "./env";

const env = readEnv(process.env);
const config = databaseConfigFromEnv(process.env, defaultSqliteFile);
if (config.kind === "sqlite") mkdirSync(dirname(config.file), { recursive: true });
const { db, kind, close } = createDb(config);
await migrateToLatest(db);
if (await seedIfEmpty(db, defaultDatasetDir)) {
  console.log(`Seeded the ${kind} database with the default dataset from data/default`);
  const examples = await seedExampleActions(db);
  if (examples > 0) console.log(`Added ${examples} example actions from the public minutes to the empty action log`);
}

const webDir = join(repoRoot, "apps", "web", "dist");
if (!existsSync(join(webDir, "index.html"))) console.warn("The dashboard is not built (npm run build); serving the API only.");
const app = createApp(db, kind, existsSync(webDir) ? { webDir } : {});

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(`Scrutiny is running on http://localhost:${info.port} (${kind} database${config.kind === "sqlite" ? ` ${config.file}` : ""})`);
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    server.close();
    void close().then(() => process.exit(0));
  });
}
