import autocannon from "autocannon";
import { afterAll, describe, expect, it } from "vitest";
import { serversForTests } from "../support/servers";

/**
 * Issue 11, item 8: the busiest endpoints under 100 connections, on loopback, on both databases.
 * Each server gets 60 s of load (three endpoints × 20 s, one after the other, so the two servers never
 * compete for the two cores); every request must answer 200 (or 304), with no error and no timeout.
 * The requests/s and p99 are printed so CI's log shows them.
 */
const ENDPOINTS = [
  "/api/overview?area=E23000028",
  "/api/series?indicator=police-uk-burglary&area=E07000066",
  "/api/compare/districts?indicator=police-uk-all-crime",
];
const CONNECTIONS = 100;
const SECONDS_PER_ENDPOINT = 20;

const [postgres, sqlite] = serversForTests(["postgres", "sqlite"], "load");
const rows: string[] = [];

afterAll(() => {
  if (rows.length) {
    console.log(
      [`Load test: ${CONNECTIONS} connections, ${SECONDS_PER_ENDPOINT} s per endpoint, loopback`, "database  | endpoint | requests | req/s | p50 ms | p99 ms | max ms", ...rows].join("\n"),
    );
  }
});

describe.each([
  ["sqlite", sqlite],
  ["postgres", postgres],
] as const)("under load on %s", (database, server) => {
  it.each(ENDPOINTS)(`%s answers ${CONNECTIONS} connections with no error, no timeout and only 200/304`, async (path) => {
    const base = server.url;
    // Warm: the first answer may be computed; the load measures what users hit afterwards.
    expect((await fetch(base + path)).status).toBe(200);
    const result = await autocannon({ url: base + path, connections: CONNECTIONS, duration: SECONDS_PER_ENDPOINT, timeout: 10 });
    const statuses = Object.keys(result.statusCodeStats ?? {}).sort();
    rows.push(
      `${database.padEnd(9)} | ${path} | ${result.requests.total} | ${Math.round(result.requests.average)} | ${result.latency.p50} | ${result.latency.p99} | ${result.latency.max}`,
    );
    expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx - (result["3xx"] ?? 0) }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
    expect(statuses.every((code) => code === "200" || code === "304")).toBe(true);
    expect(result["3xx"] - (result.statusCodeStats?.["304"]?.count ?? 0)).toBe(0);
    expect(result.requests.total).toBeGreaterThan(SECONDS_PER_ENDPOINT); // it really served under load
  }, (SECONDS_PER_ENDPOINT + 60) * 1000);
});
