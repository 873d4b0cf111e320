/**
 * The fast street-file scanner (packages/ingest/src/streetScan.mjs, decision 113e) against the
 * reference reader (readPoliceUkStreetFile): on every file it vouches for, the same tally, counts and
 * notes; on every doubt, it says so and the reference reader names the problem. And through the
 * CLI, where 28 files are scanned on worker threads: a bad record in file 17 is still named by
 * file, line, column and value, and nothing is written.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { createDb, listAreas, repoRoot } from "@scrutiny/db";
import { areaContext, CrimeTally, ProblemList, readPoliceUkStreetFile, readPoliceUkStreetScan, type AreaContext } from "@scrutiny/ingest";
import { scanStreetBytes } from "../../packages/ingest/src/streetScan.mjs";
import { shared, tempDir } from "../support/db";
import { AREA_LOOKUP, dbWithAreas, splitLines, streetFile } from "./helpers";

let areas: AreaContext;
beforeAll(async () => {
  const handle = await dbWithAreas();
  areas = areaContext(await listAreas(handle.db));
  await handle.close();
});

const bytesOf = (text: string) => new TextEncoder().encode(text);

function reference(bytes: Uint8Array) {
  const problems = new ProblemList("f.csv");
  const tally = new CrimeTally();
  const summary = readPoliceUkStreetFile(bytes, problems, areas, tally);
  return { problems: problems.problems, summary, observations: tally.toObservations(), records: [...tally.recordsByAreaMonth()], covered: tally.coveredAreaMonths() };
}

function fast(bytes: Uint8Array) {
  const tally = new CrimeTally();
  const summary = readPoliceUkStreetScan(scanStreetBytes(bytes), areas, tally);
  return summary && { problems: [], summary, observations: tally.toObservations(), records: [...tally.recordsByAreaMonth()], covered: tally.coveredAreaMonths() };
}

const FEB = readFileSync(shared(streetFile("2025-02")), "utf8");
const { header, lines } = splitLines(FEB);
const COLUMNS = header.split(",");
const col = (name: string) => COLUMNS.indexOf(name);
// A crime (not ASB) with a location, well into the file.
const AT = lines.findIndex((l, i) => i >= 98 && l.split(",")[col("Crime type")] !== "Anti-social behaviour" && l.split(",")[col("LSOA code")] !== "");
const ASB_AT = lines.findIndex((l) => l.split(",")[col("Crime type")] === "Anti-social behaviour");
function withField(name: string, value: string, at = AT): string {
  const fields = lines[at]!.split(",");
  fields[col(name)] = value;
  return [header, ...lines.slice(0, at), fields.join(","), ...lines.slice(at + 1)].join("\n") + "\n";
}

describe("the street scanner gives exactly the reference reader's tally", () => {
  const variants: [string, () => string][] = [
    ["2018-01 as published", () => readFileSync(shared(streetFile("2018-01")), "utf8")],
    ["2024-01 as published", () => readFileSync(shared(streetFile("2024-01")), "utf8")],
    ["2025-02 as published", () => FEB],
    ["CRLF line endings and a BOM", () => "\uFEFF" + FEB.replace(/\n/g, "\r\n")],
    ["snake_case header, blank lines, no final newline", () => [header.split(",").map((h) => h.toLowerCase().replace(/ /g, "_")).join(","), "", ...lines.slice(0, 500), "", "\r", ...lines.slice(500)].join("\n").trimEnd()],
    ["an ASB record with an outcome nobody knows (the reference ignores ASB outcomes)", () => withField("Last outcome category", "Something new", ASB_AT)],
    ["a record placed in a district of another force", () => withField("LSOA name", "Camden 001A")],
    ["columns in another order", () => [header, ...lines].map((l) => l.split(",").reverse().join(",")).join("\n")],
  ];
  for (const [name, text] of variants) {
    it(name, () => {
      const bytes = bytesOf(text());
      const expected = reference(bytes);
      expect(expected.problems).toEqual([]);
      expect(expected.summary.rowsRead).toBeGreaterThan(1000);
      expect(fast(bytes)).toEqual(expected);
    });
  }
});

describe("on any doubt the scanner steps aside and the reference reader names the problem", () => {
  const doubts: [string, () => string, string][] = [
    ["a longitude with an exponent", () => withField("Longitude", "1e5"), 'column "Longitude": not a decimal number (value "1e5")'],
    ["a latitude beyond 90", () => withField("Latitude", "91.5"), 'column "Latitude": outside ±90 degrees (value "91.5")'],
    ["an LSOA code one digit short", () => withField("LSOA code", "E0100123"), 'column "LSOA code": not an LSOA code (E01/W01 and six digits) (value "E0100123")'],
    ["an LSOA code without its name", () => withField("LSOA name", ""), 'column "LSOA name": an LSOA code without its name (value "")'],
    ["a month that is not one", () => withField("Month", "2025-13"), 'column "Month": not a month in the form YYYY-MM (value "2025-13")'],
    ["a force that is not one", () => withField("Falls within", "Narnia Police"), 'column "Falls within": not a territorial police force of England and Wales (value "Narnia Police")'],
    ["a misspelt crime type", () => withField("Crime type", "Burglery"), 'column "Crime type": not one of the 14 police.uk crime types (value "Burglery")'],
    ["an unknown outcome of a crime", () => withField("Last outcome category", "Sent to Coventry"), 'column "Last outcome category": not a known police.uk outcome category'],
    ["a row one field short", () => withField("Context", "").replace(/,\n/, "\n"), "fields where the header has"],
    ["a quoted field with a comma inside", () => withField("Location", '"On or near High Street, Basildon"'), 'column "Location"'],
  ];
  for (const [name, text, message] of doubts) {
    it(name, () => {
      const bytes = bytesOf(text());
      expect(fast(bytes)).toBeUndefined();
      const { problems } = reference(bytes);
      if (name.startsWith("a quoted field")) {
        // Quoted properly, the comma is part of the field: the reference reader takes the file.
        expect(problems).toEqual([]);
        expect(scanStreetBytes(bytes)).toEqual({ ok: false, reason: "the file has quoted fields" });
        return;
      }
      expect(problems.length).toBe(1);
      expect(`line ${problems[0]!.line}, column "${problems[0]!.column}": ${problems[0]!.message} (value "${problems[0]!.value}")`).toContain(message);
    });
  }

  it("bytes that are not UTF-8, an empty file, a header alone, a missing column", () => {
    const latin1 = bytesOf(withField("Location", "On or near Caf\u00e9"));
    const at = latin1.indexOf(0xc3);
    const notUtf8 = new Uint8Array([...latin1.subarray(0, at), 0xe9, ...latin1.subarray(at + 2)]);
    expect(scanStreetBytes(notUtf8)).toEqual({ ok: false, reason: "the file is not UTF-8" });
    expect(scanStreetBytes(bytesOf(""))).toEqual({ ok: false, reason: "the file is empty" });
    expect(scanStreetBytes(bytesOf(`${header}\n`))).toEqual({ ok: false, reason: "no records" });
    expect(scanStreetBytes(bytesOf([header.replace("Crime type", "Crime kind"), ...lines].join("\n")))).toEqual({ ok: false, reason: 'no "crime_type" column' });
  });
});

describe("`npm run import`, 28 files scanned on worker threads", () => {
  it("a bad record in file 17 of 28: exit 1, file, line, column and value named, nothing written", async () => {
    const dir = tempDir();
    const folder = join(dir, "essex_street");
    mkdirSync(folder);
    const source = shared("police_uk/essex_street");
    const names = readdirSync(source).filter((n) => n.endsWith(".csv")).sort();
    expect(names.length).toBe(28);
    const bad = names[16]!;
    for (const name of names) if (name !== bad) symlinkSync(join(source, name), join(folder, name));
    const badLines = readFileSync(join(source, bad), "utf8").split("\n");
    const line = 2 + badLines.slice(1).findIndex((l, i) => i > 2000 && l.split(",")[col("Crime type")] === "Burglary");
    const fields = badLines[line - 1]!.split(",");
    fields[col("Crime type")] = "Burglery";
    badLines[line - 1] = fields.join(",");
    writeFileSync(join(folder, bad), badLines.join("\n"));

    const env = { ...process.env, DATABASE_URL: `sqlite:${join(dir, "x.sqlite")}` };
    // `npm run import`: the bundled CLI (scripts/import.mjs), as a user runs it.
    const cli = (...args: string[]) => spawnSync(process.execPath, ["scripts/import.mjs", ...args], { cwd: repoRoot, env, encoding: "utf8", timeout: 120_000 });
    expect(cli("areas", shared(AREA_LOOKUP)).status).toBe(0);
    const run = cli("police-uk-street", folder);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim()).toBe(`Import rejected, nothing was changed:\n${bad}, line ${line}, column "Crime type": not one of the 14 police.uk crime types (value "Burglery")`);
    expect(run.status).toBe(1);

    const { db, close } = createDb({ kind: "sqlite", file: join(dir, "x.sqlite") });
    try {
      expect(await db.selectFrom("import_batches").select(["kind"]).execute()).toEqual([{ kind: "areas" }]);
      expect(await db.selectFrom("observations").select("indicator_id").execute()).toEqual([]);
    } finally {
      await close();
    }
  });
});
