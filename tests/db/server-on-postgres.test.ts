import { describe, expect, it } from "vitest";
import type { RunningServer } from "../e2e/server";
import { serversForTests } from "../support/servers";

/**
 * The server as `DATABASE_URL=postgres://… npm start` runs it: migrates and seeds an empty
 * PostgreSQL database on first start, then serves the same figures as the embedded database.
 */
const [postgres, sqlite] = serversForTests(["postgres", "sqlite"], "server");

const json = async (server: RunningServer, path: string) => (await fetch(server.url + path)).json();

describe("the server on PostgreSQL", () => {
  it("seeds itself on first start and says which database it runs on", async () => {
    const health = (await json(postgres, "/api/health")) as { database: string; observations: number };
    expect(health.database).toBe("postgres");
    expect(health.observations).toBe(((await json(sqlite, "/api/health")) as { observations: number }).observations);
  });

  it.each([
    "/api/series?indicator=police-uk-burglary&area=E07000066",
    "/api/series?indicator=sample-da-solved-rate&area=E23000028&from=2024-01&to=2025-12",
    "/api/compare/districts?indicator=police-uk-all-crime",
    "/api/compare/msg?indicator=police-uk-burglary&month=2025-01",
  ])("answers %s exactly as the embedded database does", async (path) => {
    const [fromPostgres, fromSqlite] = await Promise.all([json(postgres, path), json(sqlite, path)]);
    expect(fromPostgres).toEqual(fromSqlite);
  });
});
