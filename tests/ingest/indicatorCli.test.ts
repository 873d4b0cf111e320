import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb, repoRoot } from "@scrutiny/db";
import { snapshot, sqliteFileWithCatalogue, tempDir } from "../support/db";

/** npm run import -- indicators | rollback: the same pipeline as the dashboard, from the command line. */
const dir = tempDir("scrutiny-cli-");
const file = join(dir, "cli.sqlite");
const HEADER = "indicator,area,month,value,numerator,denominator,survey_n,status,note";

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", join(repoRoot, "packages/ingest/src/cli.ts"), ...args], {
    cwd: repoRoot,
    env: { ...process.env, DATABASE_URL: `sqlite:${file}` },
    encoding: "utf8",
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(async () => {
  await sqliteFileWithCatalogue(file);
  writeFileSync(join(dir, "good.csv"), `${HEADER}\nda-incidents,Basildon,2025-10,231,,,,,\nda-incidents,Harlow,2025-10,90,,,,,\n`);
  writeFileSync(join(dir, "bad.csv"), `${HEADER}\nda-incidents,Basildon,2025-10,-1,,,,,\n`);
});

const dump = async () => {
  const handle = createDb({ kind: "sqlite", file });
  try {
    return await snapshot(handle.db);
  } finally {
    await handle.close();
  }
};

describe("npm run import -- indicators", () => {
  let batchId = "";

  it("rejects a run with a bad file, naming its line, column and value, and writes nothing (not even the good file)", async () => {
    const before = await dump();
    const run = cli("indicators", join(dir, "good.csv"), join(dir, "bad.csv"));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('bad.csv, line 2, column "value": a count cannot be negative (value "-1")');
    expect(await dump()).toBe(before);
  });

  it("refuses a workbook over a size limit with one line naming the file, no stack trace, and writes nothing", async () => {
    const zip = new JSZip();
    for (let i = 0; i <= 2000; i++) zip.file(`xl/part${i}.xml`, "<x/>", { createFolders: false });
    writeFileSync(join(dir, "many-parts.xlsx"), await zip.generateAsync({ type: "uint8array" }));
    const before = await dump();
    const run = cli("indicators", join(dir, "good.csv"), join(dir, "many-parts.xlsx"));
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe("many-parts.xlsx: The workbook holds 2001 parts, over the limit of 2000: save it again from Excel, or as CSV UTF-8.");
    expect(await dump()).toBe(before);
  });

  it("imports a file as a batch, recording who", () => {
    const run = cli("indicators", join(dir, "good.csv"), "--by", "Jo Bloggs");
    expect(run.status).toBe(0);
    const line = run.stdout.split("\n").find((l) => l.startsWith("imported"));
    expect(line).toMatch(/^imported {2}good\.csv: batch (indicators:[0-9a-f]{16}), 2 created, 0 revised, 0 unchanged, by Jo Bloggs$/);
    batchId = /batch (\S+),/.exec(line ?? "")?.[1] ?? "";
    expect(cli("indicators", join(dir, "good.csv")).stdout).toMatch(/^unchanged good\.csv: the same file was imported on .* by Jo Bloggs$/m);
  });

  it("rolls the batch back", () => {
    const run = cli("rollback", batchId);
    expect(run.stdout).toMatch(new RegExp(`^rolled back good\\.csv \\(batch ${batchId}\\): 2 observations deleted, 0 restored to their previous values, by scrutiny officer$`, "m"));
  });
});
