import { describe, expect, it } from "vitest";
import type { RunningServer } from "../e2e/server";
import { serversForTests } from "../support/servers";

/**
 * Issue 11: two API processes on one PostgreSQL database (as behind a load balancer) serve the same
 * answers, and actions raised through both at once get unique, consecutive numbers.
 */
// The first seeds the empty database; the second finds it seeded.
const [a, b] = serversForTests(["postgres", "postgres"], "two");

const json = async (server: RunningServer, path: string) => (await fetch(server.url + path)).json();

describe("two API processes on one PostgreSQL", () => {
  it.each(["/api/series?indicator=police-uk-burglary&area=E07000066", "/api/overview?area=E23000028&month=2025-06", "/api/compare/msg?indicator=police-uk-burglary&month=2025-01", "/api/imports/status?asOf=2026-01"])(
    "answer %s the same",
    async (path) => {
      const [fromA, fromB] = await Promise.all([json(a, path), json(b, path)]);
      expect(fromA).toEqual(fromB);
    },
  );

  it("number actions raised through both at once uniquely and consecutively", async () => {
    const raise = (server: RunningServer, i: number) =>
      fetch(`${server.url}/api/actions`, { method: "POST", headers: { "Content-Type": "application/json", "X-Scrutiny-Csrf": "1" }, body: JSON.stringify({ text: `Concurrent action ${i}`, owner: "JW", newOwner: true }) });
    const responses = await Promise.all(Array.from({ length: 24 }, (_, i) => raise(i % 2 === 0 ? a : b, i)));
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 24 }, () => 201));
    const raised = (await Promise.all(responses.map((r) => r.json()))) as { reference: string }[];
    const references = raised.map((r) => r.reference);
    expect(new Set(references).size).toBe(24);
    const numbers = references.map((r) => Number(r.split("/")[0])).sort((x, y) => x - y);
    expect(numbers.at(-1)! - numbers[0]! + 1).toBe(24);
    // Both processes list the same log.
    const [listA, listB] = await Promise.all([json(a, "/api/actions"), json(b, "/api/actions")]);
    expect(listA).toEqual(listB);
  }, 120_000);
});
