/**
 * The labelled synthetic sample series (importSampleSeries): deterministic, complete for Essex and
 * its 14 districts, internally consistent, and flagged as sample data everywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFiles, importSampleSeries, ImportRejected } from "@scrutiny/ingest";
import { memoryDb, shared, snapshot } from "../support/db";
import { AREA_LOOKUP, ESSEX, ESSEX_DISTRICTS, dbWithAreas, observationRows } from "./helpers";

const POPULATION = "ons/population/mye4_population_lad23_2011_2023_wide.csv";
const NOW = new Date("2026-01-01T00:00:00Z");

// 2014-04 .. 2025-12, written out independently of the generator.
const MONTHS: string[] = [];
for (let y = 2014; y <= 2025; y++) for (let m = y === 2014 ? 4 : 1; m <= 12; m++) MONTHS.push(`${y}-${String(m).padStart(2, "0")}`);

const SAMPLE_IDS = [
  "sample-da-incidents",
  "sample-da-solved-rate",
  "sample-satisfaction-ease-of-contact",
  "sample-satisfaction-actions-taken",
  "sample-satisfaction-kept-informed",
  "sample-satisfaction-treatment",
  "sample-satisfaction-whole-experience",
  "sample-101-call-wait",
  "sample-emergency-response-time",
  "sample-ksi-casualties",
];
const COUNTS = ["sample-da-incidents", "sample-ksi-casualties"];
const SHARES = SAMPLE_IDS.filter((id) => id.includes("solved-rate") || id.includes("satisfaction"));

async function sampleDb(seed?: number) {
  const handle = await memoryDb();
  await importFiles(handle.db, "areas", [shared(AREA_LOOKUP)], { now: NOW });
  await importFiles(handle.db, "ons-population", [shared(POPULATION)], { now: NOW });
  const result = await importSampleSeries(handle.db, ESSEX, { now: NOW, ...(seed === undefined ? {} : { seed }) });
  return { ...handle, result };
}

let a: Awaited<ReturnType<typeof sampleDb>>;
let b: Awaited<ReturnType<typeof sampleDb>>;
let rows: Awaited<ReturnType<typeof observationRows>>;

beforeAll(async () => {
  [a, b] = await Promise.all([sampleDb(), sampleDb()]);
  rows = await observationRows(a.db);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe("sample series", () => {
  it("MONTHS spans 2014-04..2025-12 (141 months)", () => {
    expect(MONTHS).toHaveLength(141);
    expect([MONTHS[0], MONTHS.at(-1)]).toEqual(["2014-04", "2025-12"]);
  });

  it("is deterministic: the same seed gives identical observations and an identical database", async () => {
    expect(a.result).toEqual(b.result);
    expect(a.result.status).toBe("imported");
    expect(rows.length).toBe(a.result.observations);
    expect(await observationRows(b.db)).toEqual(rows);
    expect(await snapshot(b.db)).toBe(await snapshot(a.db));
  });

  it("a different seed gives different figures", async () => {
    const c = await sampleDb(7);
    try {
      const other = await observationRows(c.db);
      expect(other.length).toBeGreaterThan(0);
      expect(other).not.toEqual(rows);
    } finally {
      await c.close();
    }
  });

  it("imported again with the same seed, it is unchanged", async () => {
    const before = await snapshot(a.db);
    const again = await importSampleSeries(a.db, ESSEX, { now: NOW });
    expect(again).toMatchObject({ status: "unchanged", batchId: a.result.batchId });
    expect(await snapshot(a.db)).toBe(before);
  });

  it("covers every month 2014-04..2025-12 for Essex (every indicator) and all 14 districts (every district indicator)", () => {
    const months = new Map<string, Set<string>>();
    for (const r of rows) {
      const key = `${r.indicator_id}|${r.area_code}`;
      if (!months.has(key)) months.set(key, new Set());
      months.get(key)!.add(r.month);
    }
    for (const id of SAMPLE_IDS) expect([...(months.get(`${id}|${ESSEX}`) ?? [])].sort(), `${id} Essex`).toEqual(MONTHS);
    for (const d of ESSEX_DISTRICTS) {
      // The 101 service is one force-wide call centre; the DA solved rate needs crimes in the month.
      for (const id of SAMPLE_IDS.filter((i) => i !== "sample-101-call-wait" && i !== "sample-da-solved-rate")) {
        expect([...(months.get(`${id}|${d.code}`) ?? [])].sort(), `${id} ${d.name}`).toEqual(MONTHS);
      }
      expect(months.has(`sample-101-call-wait|${d.code}`)).toBe(false);
    }
    const areas = new Set(rows.map((r) => r.area_code));
    expect([...areas].sort()).toEqual([ESSEX, ...ESSEX_DISTRICTS.map((d) => d.code)].sort());
    expect(rows.every((r) => r.month >= "2014-04" && r.month <= "2025-12")).toBe(true);
  });

  it("force counts equal the sum of district counts, and force shares are the pooled district shares", () => {
    const at = new Map(rows.map((r) => [`${r.indicator_id}|${r.area_code}|${r.month}`, r]));
    for (const month of MONTHS) {
      for (const id of COUNTS) {
        const sum = ESSEX_DISTRICTS.reduce((s, d) => s + at.get(`${id}|${d.code}|${month}`)!.value, 0);
        expect(at.get(`${id}|${ESSEX}|${month}`)!.value, `${id} ${month}`).toBe(sum);
      }
      for (const id of SHARES) {
        const parts = ESSEX_DISTRICTS.map((d) => at.get(`${id}|${d.code}|${month}`)).filter((o) => o !== undefined);
        const force = at.get(`${id}|${ESSEX}|${month}`)!;
        expect(force.numerator, `${id} ${month}`).toBe(parts.reduce((s, o) => s + o.numerator!, 0));
        expect(force.denominator, `${id} ${month}`).toBe(parts.reduce((s, o) => s + o.denominator!, 0));
      }
    }
  });

  it("percentages lie within 0–100, with numerator ≤ denominator and value = 100 × numerator / denominator", () => {
    const shares = rows.filter((r) => SHARES.includes(r.indicator_id));
    expect(shares.length).toBeGreaterThan(141 * 15 * 5);
    for (const r of shares) {
      expect(r.value).toBeGreaterThanOrEqual(0);
      expect(r.value).toBeLessThanOrEqual(100);
      expect(Number.isInteger(r.numerator) && Number.isInteger(r.denominator)).toBe(true);
      expect(r.denominator).toBeGreaterThan(0);
      expect(r.numerator!).toBeLessThanOrEqual(r.denominator!);
      expect(r.value).toBe((100 * r.numerator!) / r.denominator!);
    }
    for (const r of rows.filter((o) => COUNTS.includes(o.indicator_id))) {
      expect(Number.isInteger(r.value) && r.value >= 0).toBe(true);
    }
  });

  it("every sample indicator, and every indicator the sample batch uses, is flagged isSample", async () => {
    const indicators = await a.db.selectFrom("indicators").select(["id", "is_sample", "source"]).orderBy("id").execute();
    expect(indicators.map((i) => i.id)).toEqual([...SAMPLE_IDS].sort());
    for (const i of indicators) expect(i, i.id).toMatchObject({ is_sample: 1, source: "sample data" });
    const used = new Set(rows.map((r) => r.indicator_id));
    expect([...used].sort()).toEqual([...SAMPLE_IDS].sort());
    const batches = await a.db.selectFrom("import_batches").select(["id", "kind"]).where("kind", "=", "sample").execute();
    expect(batches).toEqual([{ id: a.result.batchId, kind: "sample" }]);
    const batchIds = await a.db.selectFrom("observations").select("batch_id").distinct().execute();
    expect(batchIds).toEqual([{ batch_id: a.result.batchId }]);
  });

  it("is refused for a force whose districts have no populations yet", async () => {
    const handle = await dbWithAreas();
    try {
      const before = await snapshot(handle.db);
      await expect(importSampleSeries(handle.db, ESSEX)).rejects.toBeInstanceOf(ImportRejected);
      expect(await snapshot(handle.db)).toBe(before);
    } finally {
      await handle.close();
    }
  });
});
