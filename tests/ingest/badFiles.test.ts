/**
 * A corpus of bad police.uk street files, each made in a temp dir by altering one row of a real
 * file. Each import must be rejected with the exact position of the problem (file, line, column,
 * value) and leave the database byte-for-byte as it was.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFiles, type ImportProblem } from "@scrutiny/ingest";
import { createDb, repoRoot } from "@scrutiny/db";
import { shared, snapshot, tempDir } from "../support/db";
import { AREA_LOOKUP, dbWithAreas, expectRejected, splitLines, streetFile, writeFile } from "./helpers";

const SOURCE = streetFile("2025-02");
const original = readFileSync(shared(SOURCE), "utf8");
const { header, lines } = splitLines(original);
const COLUMNS = header.split(",");
const col = (name: string) => {
  const at = COLUMNS.indexOf(name);
  if (at === -1) throw new Error(`no column ${name}`);
  return at;
};

// The row altered in every case: the first located crime (not ASB) from line 100 on.
const AT = lines.findIndex((l, i) => i >= 98 && l.split(",")[col("Crime type")] !== "Anti-social behaviour" && l.split(",")[col("LSOA code")] !== "");
const LINE = AT + 2; // the header is line 1
const ROW = lines[AT]!.split(",");

/** The real file with the row at LINE replaced. */
function withRow(change: (fields: string[]) => string[] | string): string {
  const changed = change([...ROW]);
  const copy = [...lines];
  copy[AT] = typeof changed === "string" ? changed : changed.join(",");
  return [header, ...copy, ""].join("\n");
}
const setField = (name: string, value: string) => (fields: string[]) => {
  fields[col(name)] = value;
  return fields;
};

type BadCase = { name: string; content: string | Uint8Array; problems: Omit<ImportProblem, "file">[] };

const CASES: BadCase[] = [
  {
    name: "unknown crime type",
    content: withRow(setField("Crime type", "Burglery")),
    problems: [{ line: LINE, column: "Crime type", value: "Burglery", message: "not one of the 14 police.uk crime types" }],
  },
  ...["2025-2", "2025-13", "02/2025", "2025-02-01", ""].map((month) => ({
    name: `month "${month}" not YYYY-MM`,
    content: withRow(setField("Month", month)),
    problems: [{ line: LINE, column: "Month", value: month, message: "not a month in the form YYYY-MM" }],
  })),
  ...["Case closed", ""].map((outcome) => ({
    name: `unknown outcome category "${outcome}"`,
    content: withRow(setField("Last outcome category", outcome)),
    problems: [
      {
        line: LINE,
        column: "Last outcome category",
        value: outcome,
        message: "not a known police.uk outcome category (see docs/decisions/004-police-uk-outcome-groups.md)",
      },
    ],
  })),
  {
    name: "a row with a missing field (11 columns)",
    content: withRow((fields) => fields.slice(0, -1)),
    problems: [{ line: LINE, message: "the row has 11 fields where the header has 12" }],
  },
  {
    name: "a row with an extra field (13 columns)",
    content: withRow((fields) => [...fields, "extra"]),
    problems: [{ line: LINE, message: "the row has 13 fields where the header has 12" }],
  },
  ...["E0102988", "X01029880", "E010298801", "e01029880"].map((code) => ({
    name: `bad LSOA code "${code}"`,
    content: withRow(setField("LSOA code", code)),
    problems: [{ line: LINE, column: "LSOA code", value: code, message: "not an LSOA code (E01/W01 and six digits)" }],
  })),
  {
    name: "an LSOA code without its name",
    content: withRow(setField("LSOA name", "")),
    problems: [{ line: LINE, column: "LSOA name", value: "", message: "an LSOA code without its name" }],
  },
  ...[
    ["Longitude", "0.47x"],
    ["Longitude", "east"],
    ["Latitude", "51.5.1"],
  ].map(([column, text]) => ({
    name: `non-numeric ${column!.toLowerCase()} "${text}"`,
    content: withRow(setField(column!, text!)),
    problems: [{ line: LINE, column: column!, value: text!, message: "not a decimal number" }],
  })),
  {
    name: "a force that is not a territorial force of England and Wales",
    content: withRow(setField("Falls within", "Police Scotland")),
    problems: [{ line: LINE, column: "Falls within", value: "Police Scotland", message: "not a territorial police force of England and Wales" }],
  },
  {
    name: "a quote in the middle of a field",
    content: withRow((fields) => {
      fields[col("Location")] = `On or near "The Street`;
      return fields;
    }),
    problems: [{ line: LINE, message: expect.stringMatching(/^the file is not valid CSV: .*line 100/) as unknown as string }],
  },
  {
    name: "not UTF-8 (latin-1 é, byte 0xE9)",
    content: Buffer.from(withRow(setField("Location", "On or near Caf\u00e9 Parade")), "latin1"),
    problems: [
      {
        line: LINE,
        column: "Location",
        value: "On or near Caf\uFFFD Parade",
        message: 'the file is not UTF-8 text (this byte is not valid UTF-8): in Excel choose Save As "CSV UTF-8 (Comma delimited)"',
      },
    ],
  },
  { name: "an empty file", content: "", problems: [{ message: "the file is empty" }] },
  { name: "a file of blank lines (LF)", content: "\n\n\n", problems: [{ message: "the file is empty" }] },
  { name: "a file of blank lines (CRLF)", content: "\r\n\r\n", problems: [{ message: "the file is empty" }] },
  { name: "a UTF-8 BOM and nothing else", content: "\uFEFF", problems: [{ message: "the file is empty" }] },
  { name: "header only", content: `${header}\n`, problems: [{ line: 2, message: "the file has a header but no records" }] },
  {
    name: "a missing required column (Crime type renamed)",
    content: [header.replace("Crime type", "Crime category"), ...lines, ""].join("\n"),
    problems: [{ line: 1, column: "Crime type", message: 'the header has no "Crime type" column' }],
  },
];

describe("bad police.uk street files are rejected with the exact position, and nothing changes", () => {
  let handle: Awaited<ReturnType<typeof dbWithAreas>>;
  const dir = tempDir();

  beforeAll(async () => {
    // A database that already holds something, so that "nothing changed" is a real claim.
    handle = await dbWithAreas();
    await importFiles(handle.db, "police-uk-street", [shared(streetFile("2025-01"))]);
  });
  afterAll(() => handle?.close());

  it("the altered row is a located crime on line 100", () => {
    expect(LINE).toBe(100);
    expect(ROW).toHaveLength(12);
  });

  it.each(CASES)("$name", async ({ name, content, problems }) => {
    const fileName = `${name.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "")}.csv`;
    const path = writeFile(dir, fileName, content);
    const reported = await expectRejected(
      handle.db,
      () => importFiles(handle.db, "police-uk-street", [path]),
      (before, after) => expect(after).toBe(before),
    );
    expect(reported).toEqual(problems.map((p) => ({ file: fileName, ...p })));
  });

  const unclosedQuote = () =>
    withRow((fields) => {
      fields[col("Location")] = `"On or near The Street`;
      return fields;
    });

  // Regression: csv-parse reports an unclosed quote where it gave up (the last line of the file,
  // here 11275); the problem must point at the line where the quote opens (fixed in csv.ts).
  it("an unclosed quote is reported on the line where the quote opens", async () => {
    const path = writeFile(dir, "unclosed-quote.csv", unclosedQuote());
    const reported = await expectRejected(
      handle.db,
      () => importFiles(handle.db, "police-uk-street", [path]),
      (before, after) => expect(after).toBe(before),
    );
    expect(reported).toHaveLength(1);
    expect(reported[0]).toMatchObject({ file: "unclosed-quote.csv", line: LINE, message: expect.stringMatching(/^the file is not valid CSV: /) });
  });

  // Regression test for a bug found in review (fixed).
  it("the unclosed-quote message does not name a different line than the problem's line", async () => {
    const path = writeFile(dir, "unclosed-quote-message.csv", unclosedQuote());
    const reported = await expectRejected(
      handle.db,
      () => importFiles(handle.db, "police-uk-street", [path]),
      (before, after) => expect(after).toBe(before),
    );
    const mentioned = [...reported[0]!.message.matchAll(/line (\d+)/g)].map((m) => Number(m[1]));
    expect(mentioned.filter((n) => n !== LINE)).toEqual([]);
  });

  it("a folder where one of two files is bad: neither is imported, the bad one is named", async () => {
    const folder = join(dir, "folder");
    mkdirSync(folder);
    copyFileSync(shared(streetFile("2025-03")), join(folder, "2025-03-essex-street.csv"));
    writeFile(folder, "2025-04-essex-street.csv", withRow(setField("Crime type", "Burglery")));
    const reported = await expectRejected(
      handle.db,
      () => importFiles(handle.db, "police-uk-street", [folder]),
      (before, after) => expect(after).toBe(before),
    );
    expect(reported).toEqual([
      { file: "2025-04-essex-street.csv", line: LINE, column: "Crime type", value: "Burglery", message: "not one of the 14 police.uk crime types" },
    ]);
    // The good file was not recorded as imported: on its own it imports now.
    const [result] = await importFiles(handle.db, "police-uk-street", [join(folder, "2025-03-essex-street.csv")]);
    expect(result!.status).toBe("imported");
  });

  it("a folder of two bad files: problems of both are listed, in file order", async () => {
    const folder = join(dir, "two-bad");
    mkdirSync(folder);
    writeFile(folder, "a.csv", withRow(setField("Month", "2025/02")));
    writeFile(folder, "b.csv", withRow(setField("LSOA code", "E0102988")));
    const reported = await expectRejected(
      handle.db,
      () => importFiles(handle.db, "police-uk-street", [folder]),
      (before, after) => expect(after).toBe(before),
    );
    expect(reported.map((p) => [p.file, p.line, p.column, p.value])).toEqual([
      ["a.csv", LINE, "Month", "2025/02"],
      ["b.csv", LINE, "LSOA code", "E0102988"],
    ]);
  });

  it("a path that does not exist is rejected by name", async () => {
    const missing = join(dir, "no-such-file.csv");
    const reported = await expectRejected(
      handle.db,
      () => importFiles(handle.db, "police-uk-street", [missing]),
      (before, after) => expect(after).toBe(before),
    );
    expect(reported).toEqual([{ file: missing, message: "no such file or folder" }]);
  });
});

describe("the import CLI with a bad file", () => {
  it("exits non-zero, names the file, line and column on stderr, and changes nothing", async () => {
    const dir = tempDir();
    const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, "x.sqlite")}` };
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "packages/ingest/src/cli.ts", ...args], { cwd: repoRoot, env, encoding: "utf8", timeout: 30_000 });

    const areas = cli("areas", shared(AREA_LOOKUP));
    expect(areas.stderr).toBe("");
    expect(areas.status).toBe(0);
    expect(areas.stdout).toMatch(/^imported {2}LAD23_CSP23_PFA23_lookup_EW\.csv: .*\(43 force areas and 318 districts\)/);

    const bad = writeFile(dir, "bad-crime-type.csv", withRow(setField("Crime type", "Burglery")));
    const run = cli("police-uk-street", bad);
    expect(run.status).not.toBe(0);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('bad-crime-type.csv, line 100, column "Crime type": not one of the 14 police.uk crime types (value "Burglery")');
    expect(run.stdout).toBe("");

    // The database file holds the areas and nothing from the rejected file.
    const { db, close } = createDb({ kind: "sqlite", file: join(dir, "x.sqlite") });
    try {
      const batches = await db.selectFrom("import_batches").select(["kind", "file_name"]).execute();
      expect(batches).toEqual([{ kind: "areas", file_name: "LAD23_CSP23_PFA23_lookup_EW.csv" }]);
      expect(await db.selectFrom("observations").selectAll().execute()).toEqual([]);
      expect((await snapshot(db)).length).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });
});
