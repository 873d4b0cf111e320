import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScrutinyDb } from "@scrutiny/db";
import { FORCE_CATALOGUE_FILE, importIndicatorCatalogueFile, importIndicatorFile, indicatorTemplate, templateCsv, templateXlsx, type ImportProblem } from "@scrutiny/ingest";
import { snapshot } from "../support/db";
import { BASILDON, dbWithAreas, expectRejected } from "./helpers";

/**
 * The bad-file corpus: one file per way an indicator file can be wrong, and combinations. Each must
 * be rejected with the exact line, column and value of every problem, and leave the database
 * byte-for-byte as it was. The files are written here, not read from fixtures, so each test shows
 * the whole file it feeds.
 */
let handle: ScrutinyDb;
const NOW = new Date("2026-02-15T12:00:00Z");

beforeAll(async () => {
  handle = await dbWithAreas();
  await importIndicatorCatalogueFile(handle.db, FORCE_CATALOGUE_FILE);
  // Something to revise, so that "unchanged" is also proved for a database that holds figures.
  await importIndicatorFile(handle.db, { fileName: "seed.csv", bytes: utf8(csv(["da-incidents,Basildon,2025-10,200,,,,,"])) }, { now: NOW });
});
afterAll(() => handle?.close());

const HEADER = "indicator,area,month,value,numerator,denominator,survey_n,status,note";
const csv = (rows: string[], header = HEADER) => [header, ...rows].join("\n") + "\n";
const utf8 = (text: string) => new TextEncoder().encode(text);

type Position = [line: number | undefined, column: string | undefined, value: string | undefined];
const positions = (problems: readonly ImportProblem[]): Position[] => problems.map((p) => [p.line, p.column, p.value]);

async function rejected(fileName: string, bytes: Uint8Array): Promise<readonly ImportProblem[]> {
  return expectRejected(
    handle.db,
    () => importIndicatorFile(handle.db, { fileName, bytes }, { now: NOW }),
    (before, after) => expect(after === before, "the database changed").toBe(true),
  );
}

describe("a file with one kind of mistake is rejected with its position, and changes nothing", () => {
  it.each<[string, string[], Position[], RegExp]>([
    ["unknown indicator, nearest suggested", ["da-incidnts,Basildon,2025-11,231,,,,,"], [[2, "indicator", "da-incidnts"]], /unknown indicator; did you mean "da-incidents"\?/],
    ["unknown area, nearest suggested", ["da-incidents,Basildn,2025-11,231,,,,,"], [[2, "area", "Basildn"]], /unknown area; did you mean "Basildon"\?/],
    ["unknown ONS code", ["da-incidents,E07999999,2025-11,231,,,,,"], [[2, "area", "E07999999"]], /unknown area: give an ONS code or a district name/],
    ["area name that is a force and a district", ["da-incidents,Dorset,2025-11,231,,,,,"], [[2, "area", "Dorset"]], /names both .* give the ONS code/],
    ["month 13", ["da-incidents,Basildon,2025-13,231,,,,,"], [[2, "month", "2025-13"]], /not a month/],
    ["month in words", ["da-incidents,Basildon,Nov 2025,231,,,,,"], [[2, "month", "Nov 2025"]], /write 2025-11/],
    ["month in the future", ["da-incidents,Basildon,2026-05,231,,,,,"], [[2, "month", "2026-05"]], /in the future/],
    ["Excel date (dd/mm/yyyy) in the month column", ["da-incidents,Basildon,01/11/2025,231,,,,,"], [[2, "month", "01/11/2025"]], /an Excel date where a month was meant/],
    ["Excel date serial in the month column", ["da-incidents,Basildon,45962,231,,,,,"], [[2, "month", "45962"]], /an Excel date where a month was meant/],
    ["value not a number", ["da-incidents,Basildon,2025-11,23l,,,,,"], [[2, "value", "23l"]], /not a number/],
    ["value empty with a note", ["da-incidents,Basildon,2025-11,,,,,,awaiting figures"], [[2, "value", ""]], /the value is empty/],
    ["negative count", ["da-incidents,Basildon,2025-11,-12,,,,,"], [[2, "value", "-12"]], /a count cannot be negative/],
    // Issue 9: 1e400 was stored as Infinity and shown as a missing month.
    ["value that is not finite (1e400)", ["da-incidents,Basildon,2025-11,1e400,,,,,"], [[2, "value", "1e400"]], /not a finite number: too large to be any real figure/],
    ["count beyond any real figure", ["da-incidents,Basildon,2025-11,12000000000,,,,,"], [[2, "value", "12000000000"]], /beyond any real figure for a count \(at most 10,000,000\)/],
    ["response time beyond any real figure", ["emergency-response-time,Essex,2025-11,99999999,,,,,"], [[2, "value", "99999999"]], /beyond any real figure in minutes \(at most 43,200\)/],
    ["count with a fraction", ["da-incidents,Basildon,2025-11,12.5,,,,,"], [[2, "value", "12.5"]], /whole number/],
    ["percentage over 100", ["satisfaction-treatment,Essex,2025-11,101.5,,,,,"], [[2, "value", "101.5"]], /between 0 and 100/],
    ["percentage below 0", ["da-solved-rate,Essex,2025-11,-1,,,,,"], [[2, "value", "-1"]], /between 0 and 100/],
    ["numerator above its denominator", ["da-solved-rate,Essex,2025-11,25,450,400,,,"], [[2, "numerator", "450"]], /numerator \(450\) is above its denominator \(400\)/],
    ["value that does not match numerator ÷ denominator", ["da-solved-rate,Essex,2025-11,52,100,400,,,"], [[2, "value", "52"]], /25\.0%/],
    ["numerator without denominator", ["da-solved-rate,Essex,2025-11,25,100,,,,"], [[2, "denominator", ""]], /without its denominator/],
    ["survey n not whole", ["satisfaction-treatment,Essex,2025-11,90,360,400,400.5,,"], [[2, "survey_n", "400.5"]], /whole number/],
    ["status not provisional or final", ["da-incidents,Basildon,2025-11,231,,,,draft,"], [[2, "status", "draft"]], /"provisional", "final" or empty/],
    ["sample indicator", ["sample-da-incidents,Basildon,2025-11,231,,,,,"], [[2, "indicator", "sample-da-incidents"]], /synthetic sample data; send the force's own indicator \(da-incidents\)/],
    ["public indicator", ["police-uk-burglary,Basildon,2025-11,231,,,,,"], [[2, "indicator", "police-uk-burglary"]], /computed from data\.police\.uk/],
    [
      "duplicate key within the file (names the first line)",
      ["da-incidents,Basildon,2025-11,231,,,,,", "da-incidents,Harlow,2025-11,90,,,,,", "da-incidents,E07000066,2025-11,232,,,,,"],
      [[4, "month", "2025-11"]],
      /also on line 2/,
    ],
  ])("%s", async (_name, rows, expected, message) => {
    const problems = await rejected("nov.csv", utf8(csv(rows)));
    expect(positions(problems)).toEqual(expected);
    expect(problems[0]?.message).toMatch(message);
  });

  it("unknown column (a typo would lose data), nearest suggested", async () => {
    const problems = await rejected("nov.csv", utf8(csv(["da-incidents,Basildon,2025-11,231,1"], "indicator,area,month,value,numerater")));
    expect(positions(problems)).toEqual([[1, "numerater", "numerater"]]);
    expect(problems[0]?.suggestion).toBe("numerator");
  });

  it("missing required column", async () => {
    expect(positions(await rejected("nov.csv", utf8(csv(["da-incidents,Basildon,231"], "indicator,area,value"))))).toEqual([[1, "month", undefined]]);
  });

  it("not UTF-8: the line, column and value of the first bad byte", async () => {
    const text = csv(["da-incidents,Basildon,2025-11,231,,,,,ok", "budget-variance,Essex,2025-11,-12000,,,,,£12k underspend"]);
    const latin1 = Uint8Array.from([...text].map((c) => c.charCodeAt(0)));
    const problems = await rejected("nov.csv", latin1);
    expect(positions(problems)).toEqual([[3, "note", "\uFFFD12k underspend"]]);
    expect(problems[0]?.message).toMatch(/not UTF-8.*CSV UTF-8/);
  });

  it("UTF-16 (Excel's 'Unicode text')", async () => {
    const text = csv(["da-incidents,Basildon,2025-11,231,,,,,"]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, "utf16le"))]);
    const problems = await rejected("nov.csv", utf16);
    expect(positions(problems)).toEqual([[1, undefined, undefined]]);
    expect(problems[0]?.message).toMatch(/UTF-16/);
  });

  it("empty file", async () => {
    expect((await rejected("nov.csv", new Uint8Array())).map((p) => p.message)).toEqual(["the file is empty (0 bytes)"]);
  });

  it("header but no data rows", async () => {
    expect(positions(await rejected("nov.csv", utf8(`${HEADER}\n`)))).toEqual([[1, undefined, undefined]]);
  });

  it("truncated CSV: the last row cut short", async () => {
    const whole = csv(["da-incidents,Basildon,2025-11,231,,,,,", "da-incidents,Harlow,2025-11,90,,,,,"]);
    const problems = await rejected("nov.csv", utf8(whole.slice(0, whole.length - 12)));
    expect(positions(problems)).toEqual([[3, "value", "da-incidents,Harlow,2025"]]);
    expect(problems[0]?.message).toMatch(/truncated/);
  });

  it("truncated CSV: cut inside a quoted note", async () => {
    const problems = await rejected("nov.csv", utf8(`${HEADER}\nda-incidents,Basildon,2025-11,231,,,,,"figures awaited from`));
    expect(problems.map((p) => p.line)).toEqual([2]);
    expect(problems[0]?.message).toMatch(/not valid CSV/);
  });

  it("over the size limit", async () => {
    const problems = await rejected("big.csv", new Uint8Array(20 * 1024 * 1024 + 1).fill(0x41));
    expect(problems.map((p) => p.message)).toEqual(["the file is 20.0 MB, over the 20.0 MB limit: split it by year"]);
  });
});

async function workbook(rows: unknown[][], configure?: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Indicators");
  sheet.addRow(HEADER.split(","));
  for (const row of rows) sheet.addRow(row);
  configure?.(sheet);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe(".xlsx files", () => {
  it("an Excel date where a month was meant, with the month it probably meant and the cell", async () => {
    const bytes = await workbook([["da-incidents", "Basildon", new Date(Date.UTC(2025, 10, 1)), 231]]);
    const problems = await rejected("nov.xlsx", bytes);
    expect(positions(problems)).toEqual([[2, "month", "2025-11-01"]]);
    expect(problems[0]).toMatchObject({ suggestion: "2025-11", message: expect.stringMatching(/Excel date.*probably 2025-11.*cell C2/) });
  });

  it("a formula error and a text value, each at its cell", async () => {
    const bytes = await workbook([
      ["da-incidents", "Basildon", "2025-11", { formula: "1/0", result: { error: "#DIV/0!" } }],
      ["da-incidents", "Harlow", "2025-11", "n/a"],
    ]);
    const problems = await rejected("nov.xlsx", bytes);
    expect(positions(problems)).toEqual([
      [2, "value", "#DIV/0!"],
      [3, "value", "n/a"],
    ]);
    expect(problems[0]?.message).toMatch(/#DIV\/0! .*cell D2/);
  });

  it("a truncated workbook", async () => {
    const bytes = await workbook([["da-incidents", "Basildon", "2025-11", 231]]);
    const problems = await rejected("nov.xlsx", bytes.slice(0, Math.floor(bytes.length / 2)));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toMatch(/cannot be read, it may be truncated or damaged/);
  });

  it("a workbook renamed .csv", async () => {
    const bytes = await workbook([["da-incidents", "Basildon", "2025-11", 231]]);
    expect((await rejected("nov.csv", bytes))[0]?.message).toMatch(/not CSV text/);
  });

  it("reads a percentage-formatted cell as the percentage it shows", async () => {
    const before = await snapshot(handle.db);
    const bytes = await workbook([["satisfaction-treatment", "E23000028", "2025-11", 0.9, 360, 400, 400, "final"]], (sheet) => {
      sheet.getCell("D2").numFmt = "0.0%";
    });
    const result = await importIndicatorFile(handle.db, { fileName: "pct.xlsx", bytes }, { now: NOW });
    expect(result.counts.created).toBe(1);
    const row = await handle.db.selectFrom("observations").selectAll().where("indicator_id", "=", "satisfaction-treatment").executeTakeFirstOrThrow();
    expect(row).toMatchObject({ value: 90, numerator: 360, denominator: 400, survey_n: 400, status: "final" });
    expect(await snapshot(handle.db)).not.toBe(before);
  });
});

describe("combinations", () => {
  it("reports every problem in every row, in file order, and imports none of the good rows", async () => {
    const rows = [
      "da-incidents,Basildon,2025-11,231,,,,,", // good
      "da-incidnts,Basildn,2025-13,-4,,,,,", // indicator, area, month (value unchecked: unit unknown)
      "da-incidents,Harlow,2025-11,-4,,,,maybe,", // negative count, status
      "da-solved-rate,Essex,Nov-25,101,450,400,,,", // month, percentage, numerator
      "da-incidents,Basildon,2025-11,231,,,,,", // duplicate of line 2
    ];
    const problems = await rejected("nov.csv", utf8(csv(rows)));
    expect(positions(problems)).toEqual([
      [3, "indicator", "da-incidnts"],
      [3, "area", "Basildn"],
      [3, "month", "2025-13"],
      [4, "value", "-4"],
      [4, "status", "maybe"],
      [5, "month", "Nov-25"],
      [5, "value", "101"],
      [5, "numerator", "450"],
      [6, "month", "2025-11"],
    ]);
    const held = await handle.db.selectFrom("observations").select("value").where("indicator_id", "=", "da-incidents").where("area_code", "=", BASILDON).where("month", "=", "2025-11").execute();
    expect(held).toEqual([]);
  });

  it("a good file after a bad one imports normally", async () => {
    const result = await importIndicatorFile(handle.db, { fileName: "nov.csv", bytes: utf8(csv(["da-incidents,Basildon,2025-11,231,,,,,", "da-incidents,Basildon,2025-10,200,,,,,"])) }, { now: NOW });
    expect(result).toMatchObject({ status: "imported", counts: { created: 1, revised: 0, unchanged: 1 } });
  });
});

describe("the template, filled in", () => {
  it("imports as CSV: filled rows are new values, rows left blank are skipped", async () => {
    const template = await indicatorTemplate(handle.db, { forceCode: "E23000028", month: "2025-09" });
    const text = templateCsv(template);
    const lines = text.trimEnd().split("\n");
    // Fill in domestic abuse incidents for every area; leave the rest blank.
    const filled = lines.map((line) => (line.startsWith("da-incidents,") ? line.replace(/,2025-09,,/, ",2025-09,123,") : line));
    const result = await importIndicatorFile(handle.db, { fileName: "template.csv", bytes: utf8(filled.join("\n") + "\n") }, { now: NOW });
    expect(result).toMatchObject({ status: "imported", counts: { created: 15, revised: 0, unchanged: 0 } });
    expect(result.notes).toEqual([`${lines.length - 1 - 15} rows with no figure skipped`]);
  });

  it("imports as .xlsx, the month column kept as text", async () => {
    const template = await indicatorTemplate(handle.db, { forceCode: "E23000028", month: "2025-09" });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await templateXlsx(template)) as never);
    const sheet = book.getWorksheet("Indicators")!;
    sheet.eachRow((row, n) => {
      if (n > 1 && row.getCell(1).value === "call-101-wait" && row.getCell(4).value === "E23000028") row.getCell(7).value = 4.5;
    });
    const result = await importIndicatorFile(handle.db, { fileName: "template.xlsx", bytes: new Uint8Array(await book.xlsx.writeBuffer()) }, { now: NOW });
    expect(result).toMatchObject({ status: "imported", counts: { created: 1, revised: 0, unchanged: 0 } });
  });
});
