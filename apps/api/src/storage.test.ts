import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { apiOnDefaultDataset } from "../../../tests/support/api";

/**
 * Issue 11: a database that cannot be written answers one clear sentence (503), not a 500 with a
 * stack trace, and nothing is half-written. Simulated honestly inside SQLite itself: a full disk by
 * capping the file at its current size (PRAGMA max_page_count: SQLite's own SQLITE_FULL, the error
 * a full disk raises), a read-only database with PRAGMA query_only (SQLITE_READONLY).
 */
const api = apiOnDefaultDataset();
const CSV = ["indicator,area,month,value", ...["Basildon", "Braintree", "Brentwood", "Castle Point", "Chelmsford", "Colchester", "Epping Forest", "Harlow", "Maldon", "Rochford", "Tendring", "Uttlesford"].flatMap((d) => ["2025-09", "2025-10", "2025-11"].map((m, i) => `da-incidents,${d},${m},${200 + i}`))].join("\n");
function upload() {
  const form = new FormData();
  form.set("file", new File([CSV], "november.csv"));
  return api.app.request("/api/imports", { method: "POST", body: form, headers: { "X-Scrutiny-Csrf": "1" } });
}
const batches = async () => Number((await api.handle.db.selectFrom("import_batches").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

describe("a database that cannot be written", () => {
  it("full disk: 503 with one sentence, nothing written, and the server keeps answering", async () => {
    const before = await batches();
    const { page_count } = (await sql<{ page_count: number }>`pragma page_count`.execute(api.handle.db)).rows[0]!;
    await sql.raw(`pragma max_page_count = ${page_count}`).execute(api.handle.db);
    try {
      const response = await upload();
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ code: "disk_full", message: "The disk holding the database is full: changes cannot be saved until space is freed. Nothing was changed." });
    } finally {
      await sql.raw("pragma max_page_count = 1073741823").execute(api.handle.db);
    }
    expect(await batches()).toBe(before);
    expect((await api.app.request("/api/health")).status).toBe(200);
  });

  it("read-only: 503 with one sentence, and reads still answer", async () => {
    await sql`pragma query_only = on`.execute(api.handle.db);
    try {
      const response = await upload();
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ code: "database_read_only", message: expect.stringMatching(/^The database is read-only: changes cannot be saved/) });
      expect((await api.app.request("/api/series?indicator=police-uk-burglary&area=E23000028")).status).toBe(200);
    } finally {
      await sql`pragma query_only = off`.execute(api.handle.db);
    }
    expect((await upload()).status).toBe(201);
  });
});
