/**
 * The same police.uk records written in the spellings and encodings they are found in: snake_case
 * header, CRLF or LF, with or without a UTF-8 BOM, quoted or bare fields. Each variant, made in a
 * temp dir from a real file, must give exactly the observations the original file gives.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "@scrutiny/ingest";
import { shared, tempDir } from "../support/db";
import { dbWithAreas, observationRows, splitLines, streetFile, writeFile } from "./helpers";

const SNAKE_HEADER = "crime_id,month,reported_by,falls_within,longitude,latitude,location,lsoa_code,lsoa_name,crime_type,last_outcome_category,context";
const CANONICAL_HEADER = "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context";
const BOM = "\uFEFF";

/** RFC 4180 quoting of every field; an embedded quote is doubled. */
const quoteAll = (line: string) =>
  line
    .split(",")
    .map((f) => `"${f.replace(/"/g, '""')}"`)
    .join(",");

type Variant = { name: string; make: (header: string, lines: string[]) => string };

const VARIANTS: Variant[] = [
  { name: "snake_case header", make: (_h, l) => [SNAKE_HEADER, ...l, ""].join("\n") },
  { name: "CRLF line endings", make: (h, l) => [h, ...l, ""].join("\r\n") },
  { name: "LF line endings", make: (h, l) => [h, ...l, ""].join("\n") },
  { name: "UTF-8 BOM", make: (h, l) => BOM + [h, ...l, ""].join("\n") },
  { name: "every field quoted", make: (h, l) => [h, ...l].map(quoteAll).join("\n") + "\n" },
  { name: "no newline at the end", make: (h, l) => [h, ...l].join("\n") },
  { name: "BOM + snake_case + CRLF + quoted", make: (_h, l) => BOM + [SNAKE_HEADER, ...l].map(quoteAll).join("\r\n") + "\r\n" },
];

// One LF file (2025) and one CRLF file with 2011 LSOA codes (2018).
describe.each(["2025-02", "2018-01"])("street file %s written differently", (month) => {
  const text = readFileSync(shared(streetFile(month)), "utf8");
  const { header, lines } = splitLines(text);
  let expected: Awaited<ReturnType<typeof observationRows>>;
  let expectedRowsRead = 0;
  const dir = tempDir();

  beforeAll(async () => {
    const { db, close } = await dbWithAreas();
    const [result] = await importFiles(db, "police-uk-street", [shared(streetFile(month))]);
    expectedRowsRead = result!.rowsRead;
    expected = await observationRows(db);
    await close();
  });

  it("the original is as PROVENANCE.md describes it (canonical header, no BOM, quoting not needed)", () => {
    expect(header).toBe(CANONICAL_HEADER);
    expect(text.startsWith(BOM)).toBe(false);
    expect(text.includes('"')).toBe(false);
    expect(text.includes("\r\n")).toBe(month === "2018-01");
    expect(expectedRowsRead).toBe(lines.length);
    expect(expected.length).toBeGreaterThan(400);
  });

  // A variant identical to the original (LF for an LF file, CRLF for a CRLF file) would prove nothing.
  const variants = VARIANTS.filter((v) => v.make(header, lines) !== text);

  it("every variant differs from the original file but one line-ending variant", () => {
    expect(variants.map((v) => v.name)).toEqual(VARIANTS.map((v) => v.name).filter((n) => n !== (month === "2018-01" ? "CRLF line endings" : "LF line endings")));
  });

  it.each(variants)("$name gives exactly the same observations", async ({ name, make }) => {
    const content = make(header, lines);
    const path = writeFile(dir, `${month}-${name.replace(/[^a-z0-9]+/gi, "-")}.csv`, content);
    const { db, close } = await dbWithAreas();
    try {
      const [result] = await importFiles(db, "police-uk-street", [path]);
      expect(result).toMatchObject({ status: "imported", rowsRead: expectedRowsRead, rowsAccepted: expectedRowsRead });
      expect(await observationRows(db)).toEqual(expected);
    } finally {
      await close();
    }
  });
});
