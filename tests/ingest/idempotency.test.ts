/**
 * Importing a file a second time changes nothing: the pipeline recognises the bytes (sha256) and
 * reports the file "unchanged".
 */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "@scrutiny/ingest";
import { shared, snapshot, tempDir } from "../support/db";
import { AREA_LOOKUP, countRows, dbWithAreas, streetFile } from "./helpers";

const FILE = streetFile("2025-03");

describe("importing the same file twice", () => {
  let handle: Awaited<ReturnType<typeof dbWithAreas>>;
  beforeAll(async () => {
    handle = await dbWithAreas();
  });
  afterAll(() => handle?.close());

  it("police.uk street file: second import is unchanged; observation count and snapshot are identical", async () => {
    const { db } = handle;
    const [first] = await importFiles(db, "police-uk-street", [shared(FILE)]);
    expect(first).toMatchObject({ file: "2025-03-essex-street.csv", status: "imported", rowsRead: 13341 });
    const count = await countRows(db, "observations");
    expect(count).toBe(first!.observations);
    const before = await snapshot(db);

    const [second] = await importFiles(db, "police-uk-street", [shared(FILE)], { now: new Date("2030-01-01T00:00:00Z") });
    expect(second).toMatchObject({ file: "2025-03-essex-street.csv", status: "unchanged", batchId: first!.batchId, rowsRead: 13341, observations: 0 });
    expect(second!.notes).toEqual([expect.stringMatching(/^already imported on \d{4}-\d\d-\d\dT/)]);
    expect(await countRows(db, "observations")).toBe(count);
    expect(await snapshot(db)).toBe(before);
    expect(await countRows(db, "import_batches")).toBe(2); // the areas lookup and this file
  });

  it("the same bytes under another file name are recognised as well", async () => {
    const { db } = handle;
    const before = await snapshot(db);
    const copy = join(tempDir(), "renamed.csv");
    copyFileSync(shared(FILE), copy);
    const [result] = await importFiles(db, "police-uk-street", [copy]);
    expect(result).toMatchObject({ file: "renamed.csv", status: "unchanged" });
    expect(await snapshot(db)).toBe(before);
  });

  it("the area lookup imported again is unchanged too", async () => {
    const { db } = handle;
    const before = await snapshot(db);
    const [result] = await importFiles(db, "areas", [shared(AREA_LOOKUP)]);
    expect(result).toMatchObject({ status: "unchanged", areas: 0 });
    expect(await snapshot(db)).toBe(before);
  });

  it("home office and population files: second import unchanged, snapshot identical", async () => {
    const { db } = handle;
    const files = [
      ["ons-population", "ons/population/mye4_population_lad23_2011_2023_wide.csv"],
      ["home-office-recorded-crime", "home_office/rec-crime-pfa.csv"],
    ] as const;
    for (const [kind, file] of files) {
      const [first] = await importFiles(db, kind, [shared(file)]);
      expect(first!.status).toBe("imported");
      const before = await snapshot(db);
      const [second] = await importFiles(db, kind, [shared(file)]);
      expect(second).toMatchObject({ status: "unchanged", batchId: first!.batchId });
      expect(await snapshot(db)).toBe(before);
    }
  });

  // Regression: two files with the same bytes in ONE import (a folder holding a file and its copy)
  // used to be both inserted under one batch id, failing with a raw "SqliteError: UNIQUE constraint
  // failed: import_batches.kind, import_batches.checksum" (fixed in pipeline.ts, importFiles).
  it("a folder holding the same file twice imports it once; the copy is unchanged", async () => {
    const { db, close } = await dbWithAreas();
    try {
      const dir = tempDir();
      copyFileSync(shared(FILE), join(dir, "a.csv"));
      copyFileSync(shared(FILE), join(dir, "b.csv"));
      const results = await importFiles(db, "police-uk-street", [dir]);
      const byFile = new Map(results.map((r) => [r.file, r]));
      expect([...byFile.keys()].sort()).toEqual(["a.csv", "b.csv"]);
      expect(byFile.get("a.csv")).toMatchObject({ status: "imported", rowsRead: 13341 });
      expect(byFile.get("b.csv")).toMatchObject({ status: "unchanged", batchId: byFile.get("a.csv")!.batchId, observations: 0 });
      expect(byFile.get("b.csv")!.notes).toEqual(["the same bytes as a.csv in this import"]);
      const batches = await db.selectFrom("import_batches").select(["kind", "file_name"]).where("kind", "=", "police-uk-street").execute();
      expect(batches).toEqual([{ kind: "police-uk-street", file_name: "a.csv" }]);
      expect(await countRows(db, "observations")).toBe(byFile.get("a.csv")!.observations);
    } finally {
      await close();
    }
  });
});
