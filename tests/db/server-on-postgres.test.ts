import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@scrutiny/db";
import { startServer, type RunningServer } from "../e2e/server";

/**
 * The server as `DATABASE_URL=postgres://… npm start` runs it: migrates and seeds an empty
 * PostgreSQL database on first start, then serves the same figures as the embedded database.
 */
const url = process.env.TEST_DATABASE_URL;
const schema = `server_${process.pid}`;
let postgres: RunningServer;
let sqlite: RunningServer;

beforeAll(async () => {
  if (!url) throw new Error("TEST_DATABASE_URL is not set: run the tests with `npm test`, which starts PostgreSQL");
  const admin = createDb({ kind: "postgres", url });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const separator = url.includes("?") ? "&" : "?";
  [postgres, sqlite] = await Promise.all([
    // Local mode on both, so both answer the same reader (PostgreSQL alone would require sign-in,
    // and the public does not see unpublished series such as the sample ones).
    startServer({
      DATABASE_URL: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      SCRUTINY_AUTH: "local",
    }),
    startServer(),
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all([postgres?.stop(), sqlite?.stop()]);
  if (url) {
    const admin = createDb({ kind: "postgres", url });
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(admin.db);
    await admin.close();
  }
});

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
