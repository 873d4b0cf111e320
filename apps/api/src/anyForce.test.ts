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
  it("shows Essex's anti-social behaviour series break on Essex and its districts only (migration 0013), not on Hampshire", async () => {
    type Series = { annotations: { id: string; area: string | null; kind: string }[] };
    const asb = "police-uk-anti-social-behaviour";
    const hampshire = await get<Series>(`/api/series?indicator=${asb}&area=${HAMPSHIRE}`);
    expect(hampshire.status).toBe(200);
    expect(hampshire.body.annotations).toEqual([]);
    const southampton = await get<Series>(`/api/series?indicator=${asb}&area=E06000045`);
    expect(southampton.body.annotations).toEqual([]);
    const essex = await get<Series>(`/api/series?indicator=${asb}&area=E23000028`);
    expect(essex.body.annotations.map((a) => [a.id, a.area, a.kind])).toEqual([["seed-police-uk-anti-social-behaviour-2024-01", "E23000028", "break"]]);
    // A district of Essex (Chelmsford) inherits its force's break.
    const chelmsford = await get<Series>(`/api/series?indicator=${asb}&area=E07000070`);
    expect(chelmsford.body.annotations.map((a) => a.id)).toEqual(["seed-police-uk-anti-social-behaviour-2024-01"]);
    const overview = await get<OverviewResponse>(`/api/overview?area=${HAMPSHIRE}&month=2025-06`);
    expect(overview.body.rows.find((r) => r.indicator.id === asb)?.annotations).toEqual([]);
    // Breaks for every force still apply to Hampshire: the April 2017 burglary regrouping.
    const burglary = await get<Series>(`/api/series?indicator=ho-residential-burglary&area=${HAMPSHIRE}`);
    expect(burglary.body.annotations.map((a) => a.id)).toEqual(["seed-ho-residential-burglary-2017-04"]);
  });

  it("lists no 'Essex Police' source on Hampshire's data status (nothing of it held there), but does for Essex", async () => {
    type Status = { force: { code: string }; counts: { late: number; noData: number; onTime: number }; sources: { source: string; rows: unknown[] }[] };
    const hampshire = await get<Status>("/api/imports/status?asOf=2026-01");
    expect(hampshire.body.force.code).toBe(HAMPSHIRE);
    const sources = hampshire.body.sources.map((s) => s.source);
    expect(sources).not.toContain("Essex Police");
    expect(sources).toEqual(expect.arrayContaining(["data.police.uk", "Home Office"]));
    // The page's totals count only the rows it lists.
    const listed = hampshire.body.sources.reduce((n, s) => n + s.rows.length, 0);
    expect(hampshire.body.counts.late + hampshire.body.counts.noData + hampshire.body.counts.onTime).toBe(listed);
    const essex = await get<Status>("/api/imports/status?asOf=2026-01&force=E23000028");
    expect(essex.body.sources.find((s) => s.source === "Essex Police")?.rows).toHaveLength(19);
  });
});
