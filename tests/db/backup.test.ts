import { existsSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { backupSqlite, createDb, defaultDatasetDir, migrateToLatest, restoreSqlite } from "@scrutiny/db";
import { loadDataset } from "@scrutiny/ingest";
import { createApp } from "../../apps/api/src/app";
import { tempDir } from "../support/db";

const dir = tempDir("scrutiny-backup-");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PATHS = [
  "/api/health",
  "/api/series?indicator=police-uk-burglary&area=E07000066&from=2024-01&to=2025-12",
  "/api/overview?area=E23000028",
  "/api/compare/districts?indicator=police-uk-all-crime&month=2025-12",
];

async function answers(file: string) {
  const handle = createDb({ kind: "sqlite", file });
  const app = createApp(handle.db, "sqlite");
  const out: unknown[] = [];
  for (const path of PATHS) out.push(await (await app.request(path)).json());
  await handle.close();
  return out;
}

describe("npm run backup / restore (SQLite)", () => {
  it("backs up a live database and restores a copy that passes the integrity check and serves the same figures", async () => {
    const live = join(dir, "live.sqlite");
    const handle = createDb({ kind: "sqlite", file: live });
    await migrateToLatest(handle.db);
    await loadDataset(handle.db, defaultDatasetDir);
    // The backup runs while the server's connection is open.
    const backup = await backupSqlite(live, join(dir, "backup.sqlite"));
    await handle.close();
    expect(backup.integrity).toBe("ok");
    expect(backup.observations).toBeGreaterThan(100_000);

    const restoredFile = join(dir, "restored.sqlite");
    const restored = await restoreSqlite(backup.file, restoredFile);
    expect(restored.observations).toBe(backup.observations);
    const [original, copy] = [await answers(live), await answers(restoredFile)];
    expect(copy).toEqual(original);
    expect((copy[1] as { points: unknown[] }).points).toHaveLength(24);
  }, 180_000);

  it("refuses to overwrite an existing backup file and to restore a file that is not a Scrutiny database", async () => {
    const existing = join(dir, "exists.sqlite");
    writeFileSync(existing, "x");
    await expect(backupSqlite(join(dir, "live.sqlite"), existing)).rejects.toThrow(/already exists/);
    const notOurs = join(dir, "other.sqlite");
    createDb({ kind: "sqlite", file: notOurs }).close();
    const target = join(dir, "target.sqlite");
    await expect(restoreSqlite(notOurs, target)).rejects.toThrow(/not a Scrutiny database/);
    expect(existsSync(target)).toBe(false);
  });
});
