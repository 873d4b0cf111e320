import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, defaultDatasetDir, migrateToLatest, sharedDataDir, type ScrutinyDb } from "@scrutiny/db";
import { loadDataset } from "@scrutiny/ingest";
import { createApp } from "./app";
import { readEnv } from "./env";
import type { DistrictComparison } from "./services/compare";
import type { OverviewResponse } from "./services/overview";

/**
 * Any force's office (issue 8): the app started for Hampshire (SCRUTINY_FORCE=E23000030) over the
 * default dataset answers for Hampshire wherever no force is named, with figures that match the
 * raw police.uk street file, and says plainly that the sample series and the MSG are Essex's only.
 */
const HAMPSHIRE = "E23000030";
let handle: ScrutinyDb;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  handle = createDb({ kind: "sqlite", file: ":memory:" });
  await migrateToLatest(handle.db);
  await loadDataset(handle.db, defaultDatasetDir);
  app = createApp(handle.db, "sqlite", { force: readEnv({ SCRUTINY_FORCE: HAMPSHIRE }).SCRUTINY_FORCE });
});
afterAll(() => handle?.close());

async function get<T>(path: string) {
  const response = await app.request(path);
  return { status: response.status, body: (await response.json()) as T };
}

/** All crime in the raw file: every row but anti-social behaviour, by the district its LSOA's name starts with. */
function rawCounts(): { total: number; byDistrict: Map<string, number> } {
  const rows = parse(readFileSync(join(sharedDataDir, "police_uk/peers_street/2025-06-hampshire-street.csv")), { columns: true }) as Record<string, string>[];
  const crimes = rows.filter((r) => r["Crime type"] !== "Anti-social behaviour");
  const byDistrict = new Map<string, number>();
  for (const r of crimes) {
    const district = (r["LSOA name"] ?? "").replace(/ \w+$/, "");
    byDistrict.set(district, (byDistrict.get(district) ?? 0) + 1);
  }
  return { total: crimes.length, byDistrict };
}

describe("SCRUTINY_FORCE", () => {
  it("is one setting: an ONS force code, Essex by default, anything else refused at start", () => {
    expect(readEnv({}).SCRUTINY_FORCE).toBe("E23000028");
    expect(readEnv({ SCRUTINY_FORCE: HAMPSHIRE }).SCRUTINY_FORCE).toBe(HAMPSHIRE);
    expect(() => readEnv({ SCRUTINY_FORCE: "E07000066" })).toThrow(/SCRUTINY_FORCE/);
  });

  it("is reported by /api/health with what exists only for Essex", async () => {
    const { body } = await get<{ force: { code: string; name: string; essexOnly: string[]; note: string } }>("/api/health");
    expect(body.force).toMatchObject({ code: HAMPSHIRE, name: "Hampshire" });
    expect(body.force.essexOnly).toHaveLength(2);
    expect(body.force.note).toMatch(/exist only for Essex/);
  });

  it("gives Hampshire's districts, with the raw file's counts, when no force is named", async () => {
    const { status, body } = await get<DistrictComparison>("/api/compare/districts?indicator=police-uk-all-crime&month=2025-06");
    expect(status).toBe(200);
    const raw = rawCounts();
    expect(body.force.code).toBe(HAMPSHIRE);
    expect(body.force.count).toBe(raw.total);
    expect(body.force.count).toBe(11416);
    expect(body.districts).toHaveLength(14);
    for (const d of body.districts) expect(d.count, d.name).toBe(raw.byDistrict.get(d.name));
    expect(body.districts.find((d) => d.name === "Southampton")?.count).toBe(2432);
    expect(JSON.stringify(body)).not.toMatch(/Essex/);
  });

  it("walks Hampshire's scorecard: the all-crime count for Jun 2025 is the raw file's", async () => {
    const { status, body } = await get<OverviewResponse>(`/api/overview?area=${HAMPSHIRE}&month=2025-06`);
    expect(status).toBe(200);
    expect(body.area.code).toBe(HAMPSHIRE);
    const allCrime = body.rows.find((r) => r.indicator.id === "police-uk-all-crime");
    expect(allCrime?.latest).toMatchObject({ month: "2025-06", value: rawCounts().total });
  });

  it("says plainly that the Most Similar Group is recorded for Essex only", async () => {
    const { status, body } = await get<{ message: string }>("/api/compare/msg?indicator=police-uk-all-crime&month=2025-06");
    expect(status).toBe(404);
    expect(body.message).toBe("No Most Similar Group is recorded for Hampshire in Jun 2025");
  });
});
