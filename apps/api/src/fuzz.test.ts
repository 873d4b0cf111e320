import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { apiOnDefaultDataset } from "../../../tests/support/api";

/**
 * Random and malformed query parameters thrown at every GET endpoint: never a 500, never a hang
 * (each answer within a time limit), and every error body says what went wrong with its request id.
 */
const api = apiOnDefaultDataset();

const ENDPOINTS: { path: string; params: string[] }[] = [
  { path: "/api/areas", params: ["force"] },
  { path: "/api/overview", params: ["area"] },
  { path: "/api/series", params: ["indicator", "area", "from", "to"] },
  { path: "/api/comparison-groups", params: ["force"] },
  { path: "/api/compare/districts", params: ["indicator", "month", "force"] },
  { path: "/api/compare/msg", params: ["indicator", "month", "force", "average"] },
  { path: "/api/compare/msg/history", params: ["indicator", "force", "average"] },
  { path: "/api/compare/districts/series", params: ["indicator", "force", "from", "to"] },
  { path: "/api/compare/districts/indicators", params: ["force"] },
  { path: "/api/boundaries", params: ["force"] },
  { path: "/api/imports/status", params: ["force", "asOf"] },
  { path: "/api/imports/revisions", params: ["indicator", "area", "month"] },
  { path: "/api/imports/template.csv", params: ["force", "month"] },
  { path: "/api/imports", params: [] },
  { path: "/api/audit", params: ["limit", "offset", "action"] },
];

// Values near the valid ones (so that handlers run, not only validation) and hostile ones.
const value = fc.oneof(
  fc.constantFrom("E23000028", "E07000066", "E99999999", "police-uk-burglary", "da-incidents", "sample-da-solved-rate", "police-uk-all-crime", "weighted", "simple"),
  fc.tuple(fc.integer({ min: -1, max: 10000 }), fc.integer({ min: -1, max: 14 })).map(([y, m]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`),
  fc.constantFrom("0000-01", "1990-01", "2100-12", "2101-01", "9999-12", "2025-00", "2025-13", "NaN", "-1", "1e308", "", " ", "%00", "../../etc/passwd", "<script>", "'; drop table observations; --"),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.integer().map(String),
  fc.constant("9".repeat(5000)),
);

describe("GET endpoints under random query parameters", () => {
  it("never answer 500 and always answer quickly", async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        fc.array(fc.tuple(fc.nat(), value), { maxLength: 5 }),
        async (endpoint, pairs) => {
          const query = new URLSearchParams();
          for (const [i, v] of pairs) query.append(endpoint.params.length > 0 ? endpoint.params[i % endpoint.params.length]! : `p${i % 3}`, v);
          const started = performance.now();
          const response = await api.app.request(`${endpoint.path}?${query}`);
          const elapsed = performance.now() - started;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect(response.status, `${endpoint.path}?${query}`).toBeLessThan(500);
          expect([200, 400, 404]).toContain(response.status);
          if (response.status !== 200) {
            const body = (await response.json()) as { code: string; message: string; requestId: string };
            expect(body.requestId).toMatch(/\S/);
            expect(body.message).not.toMatch(/at \w+ \(|node_modules|SQLITE_|TypeError|RangeError/);
          } else await response.arrayBuffer();
          expect(elapsed, `${endpoint.path}?${query}`).toBeLessThan(5000);
        },
      ),
      { numRuns: 200, seed: 11 },
    );
    // The generator reaches the handlers, not only the validation: some answers are figures.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(10);
    expect(statuses.get(400) ?? 0).toBeGreaterThan(10);
  }, 300_000);

  it("a path parameter of any shape is a 400 or 404, never a 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (id) => {
        const response = await api.app.request(`/api/imports/${encodeURIComponent(id)}`);
        expect([200, 400, 404]).toContain(response.status);
      }),
      { numRuns: 100, seed: 11 },
    );
  });
});
