import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultDatasetDir, sharedDataDir, type ScrutinyDb } from "@scrutiny/db";
import { buildDefaultDataset, exportDataset } from "@scrutiny/ingest";
import { memoryDb, tempDir } from "../support/db";

/**
 * data/default must be exactly what the pipeline makes of ../shared/data today: a change to an
 * importer that is not followed by `npm run data:build` fails here. Import times are the only
 * column allowed to differ.
 */
let handle: ScrutinyDb;
let rebuilt: string;

beforeAll(async () => {
  handle = await memoryDb();
  await buildDefaultDataset(handle.db, sharedDataDir);
  rebuilt = tempDir("scrutiny-dataset-");
  await exportDataset(handle.db, rebuilt);
}, 180_000);
afterAll(() => handle?.close());

const read = (dir: string, table: string) => readFileSync(join(dir, `${table}.csv`), "utf8");

describe("the committed default dataset", () => {
  it.each(["areas", "indicators", "observations", "populations", "batch_coverage", "replaced_observations", "comparison_groups", "comparison_group_members"])("%s.csv is what the pipeline produces", (table) => {
    const committed = read(defaultDatasetDir, table);
    const fresh = read(rebuilt, table);
    // Compare line counts first for a readable failure, then the exact text.
    expect(committed.split("\n").length).toBe(fresh.split("\n").length);
    expect(committed === fresh).toBe(true);
  });

  it("import_batches.csv names the same files and checksums", () => {
    const withoutTimes = (text: string) => text.split("\n").map((line) => line.replace(/,[^,]*$/, ""));
    expect(withoutTimes(read(defaultDatasetDir, "import_batches"))).toEqual(withoutTimes(read(rebuilt, "import_batches")));
  });
});
