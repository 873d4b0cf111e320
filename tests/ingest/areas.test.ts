/**
 * The ONS LAD → CSP → PFA lookup (Dec 2023): force areas and their districts.
 */
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORCES } from "@scrutiny/domain";
import { importFiles, type FileImportResult } from "@scrutiny/ingest";
import type { Area } from "@scrutiny/db";
import { memoryDb, shared, tempDir } from "../support/db";
import { AREA_LOOKUP, ESSEX, ESSEX_DISTRICTS, expectRejected, splitLines, writeFile } from "./helpers";

const raw = parse(readFileSync(shared(AREA_LOOKUP)), { columns: true, bom: true }) as Record<string, string>[];

let handle: Awaited<ReturnType<typeof memoryDb>>;
let result: FileImportResult;
let areas: Area[];

beforeAll(async () => {
  handle = await memoryDb();
  [result] = (await importFiles(handle.db, "areas", [shared(AREA_LOOKUP)])) as [FileImportResult];
  areas = await handle.db.selectFrom("areas").selectAll().orderBy("code").execute();
});
afterAll(() => handle?.close());

describe("areas from the ONS lookup", () => {
  it("43 force areas, each with the product's name for it", () => {
    const forces = areas.filter((a) => a.kind === "force");
    expect(forces).toHaveLength(43);
    expect(forces.map((f) => [f.code, f.name, f.parent_code])).toEqual(
      [...FORCES].sort((a, b) => a.code.localeCompare(b.code)).map((f) => [f.code, f.name, null]),
    );
    expect(forces.find((f) => f.code === "E23000034")?.name).toBe("City of London");
  });

  it("every district of the lookup, under its force; 318 in all", () => {
    const districts = areas.filter((a) => a.kind === "district");
    const expected = new Map(raw.map((r) => [r.LAD23CD!, { code: r.LAD23CD!, name: r.LAD23NM!, kind: "district", parent_code: r.PFA23CD! }]));
    expect(districts).toHaveLength(318);
    expect(districts).toEqual([...expected.values()].sort((a, b) => a.code.localeCompare(b.code)));
    expect(result).toMatchObject({ status: "imported", areas: 361, rowsRead: raw.length });
    expect(result.notes).toEqual(["43 force areas and 318 districts"]);
  });

  it("Essex (E23000028) has exactly its 14 districts", () => {
    const essex = areas.filter((a) => a.parent_code === ESSEX);
    expect(essex.map((a) => a.name).sort()).toEqual(
      ["Basildon", "Braintree", "Brentwood", "Castle Point", "Chelmsford", "Colchester", "Epping Forest", "Harlow", "Maldon", "Rochford", "Tendring", "Uttlesford", "Southend-on-Sea", "Thurrock"].sort(),
    );
    expect(essex.map((a) => ({ code: a.code, name: a.name })).sort((a, b) => a.code.localeCompare(b.code))).toEqual(
      [...ESSEX_DISTRICTS].sort((a, b) => a.code.localeCompare(b.code)),
    );
    expect(areas.find((a) => a.code === ESSEX)).toEqual({ code: ESSEX, name: "Essex", kind: "force", parent_code: null });
  });

  it.each([
    ["LAD23CD", "E0700006", "not a local authority district code"],
    ["PFA23CD", "E22000028", "not a police force area code"],
  ])("a bad %s (%s) is reported with its line and nothing changes", async (column, bad, message) => {
    const { header, lines } = splitLines(readFileSync(shared(AREA_LOOKUP), "utf8"));
    const at = header.replace(/^\uFEFF/, "").split(",").indexOf(column);
    const rows = [...lines];
    const fields = rows[10]!.split(",");
    fields[at] = bad;
    rows[10] = fields.join(",");
    const path = writeFile(tempDir(), "lookup-bad.csv", [header, ...rows, ""].join("\n"));
    const { db, close } = await memoryDb();
    try {
      const problems = await expectRejected(
        db,
        () => importFiles(db, "areas", [path]),
        (before, after) => expect(after).toBe(before),
      );
      expect(problems).toEqual([{ file: "lookup-bad.csv", line: 12, column, value: bad, message }]);
    } finally {
      await close();
    }
  });
});
