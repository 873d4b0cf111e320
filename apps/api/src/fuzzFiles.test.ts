import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { apiOnDefaultDataset } from "../../../tests/support/api";

/**
 * Issue 11: random and malformed files thrown at the import API (preview and import): never a 500,
 * never a hang (each answer within a time limit), and never a partial write — a file that is not
 * imported (any answer but 201) leaves every row count as it was.
 */
const api = apiOnDefaultDataset();
const LIMIT_MS = 15_000;
let template: Uint8Array;

beforeAll(async () => {
  const response = await api.app.request("/api/imports/template.xlsx?month=2025-11");
  expect(response.status).toBe(200);
  template = new Uint8Array(await response.arrayBuffer());
});

async function counts() {
  const db = api.handle.db;
  const out: Record<string, number> = {};
  for (const table of ["import_batches", "observations", "observation_revisions", "audit_log", "indicators", "batch_coverage", "replaced_observations"] as const) {
    out[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  }
  return out;
}

const cell = fc.oneof(
  fc.constantFrom("da-incidents", "sample-da-incidents", "police-uk-burglary", "Basildon", "Essex", "E23000028", "E07000066", "2025-11", "2025-13", "0000-01", "231", "-1", "1e308", "NaN", "", '"', '""', "=cmd|' /C calc'!A0", "\u0000", "é", "😀"),
  fc.string({ maxLength: 30 }),
  fc.double().map(String),
);
const header = fc.oneof(
  fc.constant("indicator,area,month,value"),
  fc.constant("indicator,area,month,value,numerator,denominator,survey_n,status,note"),
  fc.array(fc.constantFrom("indicator", "area", "month", "value", "numerator", "x", "", "value"), { minLength: 1, maxLength: 8 }).map((h) => h.join(",")),
);
const csvText = fc
  .tuple(header, fc.array(fc.array(cell, { minLength: 0, maxLength: 10 }), { maxLength: 30 }), fc.constantFrom("\n", "\r\n", "\r", ";"))
  .map(([h, rows, eol]) => [h, ...rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","))].join(eol));
const encoder = new TextEncoder();

/** A file: random bytes, CSV-like text, or the real template damaged (cut short, bytes flipped). */
const file = fc.oneof(
  fc.tuple(fc.uint8Array({ maxLength: 4096 }), fc.constantFrom("x.csv", "x.xlsx", "x.txt", "", "x")).map(([bytes, name]) => ({ bytes, name })),
  fc.tuple(csvText, fc.constantFrom("november.csv", "november.xlsx", "november.txt")).map(([text, name]) => ({ bytes: encoder.encode(text), name })),
  fc
    .tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 20 }), fc.boolean())
    .map(([cut, flips, shorten]) => {
      const bytes = template.slice(0, shorten ? cut % template.length : template.length);
      for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
      return { bytes, name: "template.xlsx" };
    }),
  fc.uint8Array({ maxLength: 2048 }).map((tail) => ({ bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...tail]), name: "zip.xlsx" })),
);

function upload(path: string, f: { bytes: Uint8Array; name: string }) {
  const form = new FormData();
  form.set("file", new File([f.bytes as Uint8Array<ArrayBuffer>], f.name));
  return api.app.request(path, { method: "POST", body: form, headers: { "X-Scrutiny-Csrf": "1" } });
}

describe("the import API under random and malformed files", () => {
  it("never answers 500 or hangs, and a file not imported writes nothing", async () => {
    const statuses = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(file, async (f) => {
        const before = await counts();
        for (const path of ["/api/imports/preview", "/api/imports"]) {
          const started = performance.now();
          const response = await upload(path, f);
          const elapsed = performance.now() - started;
          const body = (await response.json()) as { code?: string; message?: string; requestId?: string };
          statuses.set(`${path} ${response.status}`, (statuses.get(`${path} ${response.status}`) ?? 0) + 1);
          expect(response.status, JSON.stringify(body).slice(0, 300)).not.toBe(500);
          expect([200, 201, 400, 413, 415, 422]).toContain(response.status);
          expect(elapsed).toBeLessThan(LIMIT_MS);
          if (response.status >= 400) expect(body.requestId).toMatch(/.+/);
          // Preview never writes; an import writes only when it answers 201.
          if (path === "/api/imports/preview" || response.status !== 201) expect(await counts()).toEqual(before);
        }
      }),
      { numRuns: 150 },
    );
    // The runs reached the parser's refusals, not only the upload checks.
    expect([...statuses.keys()].some((k) => k.endsWith(" 422"))).toBe(true);
  }, 300_000);
});
