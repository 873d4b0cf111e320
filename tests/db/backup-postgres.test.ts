import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, defaultDatasetDir, migrateToLatest, repoRoot, type ScrutinyDb } from "@scrutiny/db";
import { loadDataset } from "@scrutiny/ingest";
import { createApp } from "../../apps/api/src/app";
import { postgresSchema, tempDir } from "../support/db";

/**
 * Issue 11: `npm run backup -- FILE` and `npm run restore -- FILE` on PostgreSQL (pg_dump and
 * pg_restore of the schema the server works in): the restored copy passes the integrity check and
 * serves the same figures as before the damage it undoes.
 */
let place: Awaited<ReturnType<typeof postgresSchema>>;
const dir = tempDir("scrutiny-pg-backup-");
let handle: ScrutinyDb;
const PATHS = ["/api/series?indicator=police-uk-burglary&area=E07000066", "/api/overview?area=E23000028&month=2025-06", "/api/compare/districts?indicator=police-uk-all-crime&month=2025-06"];

const npmRun = (command: "backup" | "restore", file: string) =>
  promisify(execFile)("npx", ["tsx", "scripts/backup.ts", command, file], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: place.url }, timeout: 120_000 });
async function answers(): Promise<unknown[]> {
  // A new app each time: nothing cached from before the restore.
  const app = createApp(handle.db, "postgres");
  const out: unknown[] = [];
  for (const path of PATHS) {
    const response = await app.request(path);
    expect(response.status, path).toBe(200);
    out.push(await response.json());
  }
  return out;
}

beforeAll(async () => {
  place = await postgresSchema("backup");
  handle = createDb({ kind: "postgres", url: place.url });
  await migrateToLatest(handle.db);
  await loadDataset(handle.db, defaultDatasetDir);
}, 240_000);
afterAll(async () => {
  await handle?.close();
  await place?.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("npm run backup / restore on PostgreSQL", () => {
  it("backs up, and a restore undoes damage: integrity ok, the same figures served", async () => {
    const before = await answers();
    const observations = Number((await handle.db.selectFrom("observations").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
    const file = join(dir, "scrutiny.dump");
    const backup = await npmRun("backup", file);
    expect(backup.stdout.trim()).toBe(`Backed up schema ${place.schema} to ${file}: integrity ok, ${observations} observations.`);
    // A second backup never overwrites the first.
    await expect(npmRun("backup", file)).rejects.toMatchObject({ stderr: `${file} already exists: choose a new file name for the backup\n` });

    // Damage: a series deleted, an indicator renamed.
    await handle.db.deleteFrom("observations").where("indicator_id", "=", "police-uk-burglary").execute();
    await handle.db.updateTable("indicators").set({ name: "Broken" }).where("id", "=", "police-uk-all-crime").execute();
    expect(await answers()).not.toEqual(before);

    await handle.close();
    const restore = await npmRun("restore", file);
    expect(restore.stdout.trim()).toBe(`Restored schema ${place.schema} from ${file}: integrity ok, ${observations} observations.`);
    handle = createDb({ kind: "postgres", url: place.url });
    expect(await answers()).toEqual(before);
  }, 240_000);

  it("a missing backup is one clear line, and the database is left as it was", async () => {
    const missing = join(dir, "nothing.dump");
    await expect(npmRun("restore", missing)).rejects.toMatchObject({ stderr: `There is no backup at ${missing}\n` });
    expect((await answers()).length).toBe(PATHS.length);
  }, 120_000);
});
