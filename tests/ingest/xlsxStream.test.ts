import { readFileSync } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { createDeflateRaw, deflateRawSync, inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScrutinyDb } from "@scrutiny/db";
import { FORCE_CATALOGUE_FILE, importIndicatorCatalogue, importIndicatorCatalogueFile, importIndicatorFile, LimitExceeded, MAX_XLSX_UNCOMPRESSED_BYTES, type ImportProblem } from "@scrutiny/ingest";
import { Damaged, readSheet, type XlsxCell } from "../../packages/ingest/src/xlsxStream";
import { benchIndicatorFiles } from "../../scripts/benchIndicatorFiles";
import { tempDir } from "../support/db";
import { zipOfDeflated } from "../support/zip";
import { dbWithAreas, expectRejected } from "./helpers";

/**
 * The streaming workbook reader (decision 114c): the same cells as exceljs's whole-workbook load
 * read before, a sheet past the old 64 MB that now imports, and a bomb stopped while it inflates.
 */
let handle: ScrutinyDb;
const NOW = new Date("2026-02-15T12:00:00Z");
const dir = tempDir("scrutiny-xlsx-");

beforeAll(async () => {
  handle = await dbWithAreas();
});
afterAll(() => handle?.close());

/** What exceljs's whole-workbook load gave for a cell, by the rules the reader had before (the oracle). */
function loadedCell(value: unknown, numFmt: string | undefined): XlsxCell {
  const toCell = (v: unknown): XlsxCell => {
    if (v === null || v === undefined) return null;
    if (typeof v === "string" || typeof v === "number" || v instanceof Date) return v;
    if (typeof v === "boolean") return String(v);
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: string; formula?: string; sharedFormula?: string };
    if (o.error !== undefined) return { error: String(o.error) };
    if (o.formula !== undefined || o.sharedFormula !== undefined) return toCell(o.result);
    if (o.richText) return o.richText.map((r) => r.text).join("");
    if (o.text !== undefined) return String(o.text);
    return String(v);
  };
  const cell = toCell(value);
  return typeof cell === "number" && /%/.test(numFmt ?? "") ? Number((cell * 100).toPrecision(12)) : cell;
}

async function loadedRows(bytes: Uint8Array, sheetName: string): Promise<{ line: number; cells: XlsxCell[] }[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as never);
  const sheet = book.getWorksheet(sheetName)!;
  const rows: { line: number; cells: XlsxCell[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: XlsxCell[] = [];
    row.eachCell({ includeEmpty: true }, (c, column) => (cells[column - 1] = loadedCell(c.value, c.numFmt)));
    for (let i = 0; i < cells.length; i++) cells[i] ??= null;
    rows.push({ line, cells });
  });
  return rows;
}

async function streamedRows(bytes: Uint8Array) {
  const problems: unknown[] = [];
  const read = await readSheet(bytes, (p) => problems.push(p), { maxRows: 1000 });
  if (read === "no sheet") throw new Error("no sheet");
  const rows: { line: number; cells: XlsxCell[] }[] = [];
  rows.push({ line: 1, cells: [...read.rows!.header] });
  read.rows!.each((line, cells) => rows.push({ line, cells: [...cells] }));
  return { read, rows, problems };
}

const trimTrailingNulls = (cells: XlsxCell[]) => {
  const out = [...cells];
  while (out.length > 0 && out[out.length - 1] === null) out.pop();
  return out;
};

describe("cells read as exceljs's whole-workbook load read them", () => {
  it("shared and rich text, numbers, dates (1900 and 1904), percentages, booleans, errors, formulas, empty and styled cells", async () => {
    for (const date1904 of [false, true]) {
      const book = new ExcelJS.Workbook();
      book.properties.date1904 = date1904;
      book.addWorksheet("Notes").addRow(["read me first"]);
      const sheet = book.addWorksheet("Indicators");
      sheet.addRow(["indicator", "area", "month", "value", "note"]);
      sheet.addRow(["da-incidents", "Basildon", "2025-11", 231, "plain & <escaped> \"text\" — ünïcödé 😀"]);
      sheet.addRow(["da-incidents", { richText: [{ text: "Bas" }, { font: { bold: true }, text: "ildon" }] }, new Date(Date.UTC(2025, 10, 1)), 12.5, true]);
      sheet.addRow(["da-solved-rate", "Harlow", "2025-11", 0.452, false]);
      sheet.getCell("D4").numFmt = "0.0%";
      sheet.addRow(["x", "y", "z", { formula: "1/0", result: { error: "#DIV/0!" } }, { formula: "A2&\"!\"", result: "da-incidents!" }]);
      sheet.addRow(["x", "y", "z", { formula: "2*3", result: 6 }, { error: "#N/A" }]);
      sheet.addRow([]); // an empty row is no row
      sheet.getCell("F8").numFmt = "0.00"; // a styled cell with no value
      sheet.addRow(["x", null, "z", 45962, null]);
      sheet.getCell("D9").numFmt = "dd/mm/yyyy";
      sheet.getCell("B9").value = "   ";
      const bytes = new Uint8Array(await book.xlsx.writeBuffer());
      const expected = await loadedRows(bytes, "Indicators");
      const { read, rows, problems } = await streamedRows(bytes);
      expect(read.sheet).toBe("Indicators");
      expect(problems).toEqual([]);
      expect(rows.map((r) => r.line)).toEqual(expected.map((r) => r.line));
      expect(rows.map((r) => trimTrailingNulls(r.cells))).toEqual(expected.map((r, i) => (i === 0 ? r.cells.map((c) => String(c)) : trimTrailingNulls(r.cells))));
      // Values the oracle and the reader must both give, written out.
      expect(rows[2]!.cells.slice(0, 5)).toEqual(["da-incidents", "Basildon", new Date(Date.UTC(2025, 10, 1)), 12.5, "true"]);
      expect(rows[3]!.cells[3]).toBe(45.2);
      expect(rows[4]!.cells.slice(3, 5)).toEqual([{ error: "#DIV/0!" }, "da-incidents!"]);
    }
  });

  it("text written in the sheet (no shared strings: t=str, and inline rich text), and the first tab when none is named Indicators", async () => {
    const path = join(dir, "inline.xlsx");
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: true });
    const sheet = book.addWorksheet("Figures");
    sheet.addRow(["indicator", "area", "month", "value"]).commit();
    sheet.addRow(["da-incidents", "Basildon", "2025-11", 231]).commit();
    const row = sheet.addRow(["da-incidents", { richText: [{ text: "Harlow " }, { font: { italic: true }, text: "& Epping" }] }, "2025-11", 0.5]);
    row.getCell(4).numFmt = "0%";
    row.commit();
    sheet.commit();
    book.addWorksheet("Other").addRow(["not read"]).commit();
    await book.commit();
    const bytes = new Uint8Array(readFileSync(path));
    const xml = partText(bytes, "xl/worksheets/sheet1.xml");
    expect(xml).toContain('<c r="B2" t="str"><v>Basildon</v></c>');
    expect(xml).toMatch(/<c r="B3" t="inlineStr"><is><r>.*Harlow .*&amp; Epping.*<\/is><\/c>/);
    const { read, rows } = await streamedRows(bytes);
    expect(read.sheet).toBe("Figures");
    expect(rows).toEqual(await loadedRows(bytes, "Figures"));
    expect(rows[2]!.cells).toEqual(["da-incidents", "Harlow & Epping", "2025-11", 50]);
  });
});

describe("errors name the file, the sheet, the row, the column and the value", () => {
  it("a bad value, a bad month and an overlong cell, each at its cell of the sheet read", async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet("Read me");
    const sheet = book.addWorksheet("Indicators");
    sheet.addRow(["indicator", "area", "month", "value", "note"]);
    sheet.addRow(["da-incidents", "Basildon", "2025-11", -4]);
    sheet.addRow(["da-incidents", "Harlow", "Nov 2025", 12]);
    sheet.addRow(["da-incidents", "Maldon", "2025-11", 3, "x".repeat(2500)]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    await importIndicatorCatalogueFile(handle.db, FORCE_CATALOGUE_FILE);
    const problems: readonly ImportProblem[] = await expectRejected(
      handle.db,
      () => importIndicatorFile(handle.db, { fileName: "nov.xlsx", bytes }, { now: NOW }),
      (before, after) => expect(after).toBe(before),
    );
    expect(problems.map((p) => [p.file, p.line, p.column, p.value, p.message])).toEqual([
      ["nov.xlsx", 4, "E", `${"x".repeat(80)}…`, "the cell holds 2,500 characters, over the limit of 2,000 characters a cell may hold"],
      ["nov.xlsx", 2, "value", "-4", 'a count cannot be negative (cell D2 of the sheet "Indicators")'],
      ["nov.xlsx", 3, "month", "Nov 2025", 'not a month in the form YYYY-MM (write 2025-11) (cell C3 of the sheet "Indicators")'],
    ]);
  });
});

describe("a sheet past the old 64 MB limit", () => {
  it("imports: 100,800 rows whose sheet unpacks to more than 64 MB", async () => {
    // The bench's rows, with a long indicator_name (a column read past) written inline in every row.
    const bench = benchIndicatorFiles({ indicators: 60, years: 10, from: "2015-01" });
    await importIndicatorCatalogue(handle.db, bench.catalogue);
    const path = join(dir, "big.xlsx");
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false, useStyles: false });
    const sheet = book.addWorksheet("Indicators");
    const lines = new TextDecoder().decode(bench.figures.bytes).trimEnd().split("\n");
    const padding = ` — ${"a long description of the indicator ".repeat(17)}`;
    lines.forEach((line, i) => {
      const [id, area, month, value, numerator, denominator] = line.split(",");
      if (i === 0) sheet.addRow([id, "indicator_name", area, month, value, numerator, denominator]).commit();
      else sheet.addRow([id, `${id}${padding}`, area, month, Number(value), numerator === "" ? null : Number(numerator), denominator === "" ? null : Number(denominator)]).commit();
    });
    sheet.commit();
    await book.commit();
    const bytes = new Uint8Array(readFileSync(path));
    expect(uncompressedSize(bytes, "xl/worksheets/sheet1.xml")).toBeGreaterThan(64 * 1024 * 1024);
    const result = await importIndicatorFile(handle.db, { fileName: "big.xlsx", bytes }, { now: NOW });
    expect(result).toMatchObject({ status: "imported", counts: { created: 100_800, revised: 0, unchanged: 0 } });
    // The last row of the file, read back.
    const [id, area, month, value] = lines[lines.length - 1]!.split(",");
    const held = await handle.db.selectFrom("observations").select(["value"]).where("indicator_id", "=", id!).where("area_code", "=", area!).where("month", "=", month!).executeTakeFirstOrThrow();
    expect(held.value).toBe(Number(value));
  }, 120_000);
});

describe("a zip bomb is stopped while it inflates", () => {
  it(`a worksheet unpacking past ${MAX_XLSX_UNCOMPRESSED_BYTES / 2 ** 20} MB is refused with the limit's message, nothing written`, async () => {
    // Spaces inside the sheet's data: nothing to read, a thousandfold to inflate.
    const bomb = await workbookWithSheet(MAX_XLSX_UNCOMPRESSED_BYTES + 8 * 2 ** 20, " ");
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const before = await handle.db.selectFrom("import_batches").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const error = await importIndicatorFile(handle.db, { fileName: "bomb.xlsx", bytes: bomb }, { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LimitExceeded);
    expect((error as Error).message).toBe("The workbook unpacks to more than 512 MB, the limit for a workbook: it is not read. Remove unused sheets or very long cells, or save it as CSV UTF-8.");
    const after = await handle.db.selectFrom("import_batches").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  }, 120_000);

  it("stops at the limit given, whatever the zip declares: rows before it are read, none after", async () => {
    // 4 MB of rows under a 1 MB limit: refused; under a 5 MB limit: every row.
    const bomb = await workbookWithSheet(4 * 2 ** 20);
    const seen: number[] = [];
    await expect(readSheet(bomb, () => undefined, { maxRows: 1_000_000, limit: 2 ** 20 })).rejects.toThrow("The workbook unpacks to more than 1 MB");
    const read = await readSheet(bomb, () => undefined, { maxRows: 1_000_000, limit: 5 * 2 ** 20 });
    if (read === "no sheet") throw new Error("no sheet");
    read.rows!.each((line) => seen.push(line));
    expect(seen.length).toBe(read.rowCount - 1);
    expect(seen.length).toBeGreaterThan(50_000);
  });

  it("a sheet that ends inside a row, or whose rows never reach </sheetData>, is damaged: its last row does not vanish unread", async () => {
    const rowLeftOpen = await workbookWithSheet(0, undefined, '<row r="2"><c r="A2"><v>12</v></c>');
    await expect(readSheet(rowLeftOpen, () => undefined, { maxRows: 10 })).rejects.toThrow(Damaged);
    const cutAfterRows = await workbookWithSheet(0, undefined, '<row r="2"><c r="A2"><v>12</v></c></row><row r="3"><c r="A3"><v>1', "");
    await expect(readSheet(cutAfterRows, () => undefined, { maxRows: 10 })).rejects.toThrow(Damaged);
    const complete = await workbookWithSheet(0, undefined, '<row r="2"><c r="A2"><v>12</v></c></row>');
    const read = await readSheet(complete, () => undefined, { maxRows: 10 });
    if (read === "no sheet") throw new Error("no sheet");
    const lines: number[] = [];
    read.rows!.each((line) => lines.push(line));
    expect(lines).toEqual([2]);
  });

  it("a list of more than 65,536 cell styles is refused, not cut short (a style past the cut would read 45.2% as 0.452)", async () => {
    const xfs = '<xf numFmtId="0"/>'.repeat(65_537);
    const styles = Buffer.from(`<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="65537">${xfs}</cellXfs></styleSheet>`);
    const bytes = await workbookWithSheet(0, undefined, '<row r="2"><c r="A2"><v>1</v></c></row>', undefined, [["xl/styles.xml", styles]]);
    await expect(readSheet(bytes, () => undefined, { maxRows: 10 })).rejects.toThrow("The workbook lists more than 65,536 <xf> entries in one part: it is not read. Save it as CSV UTF-8.");
  });

  it("keeps at most the cells given: a sheet of small cells is refused there, however few bytes its XML takes", async () => {
    const bytes = await workbookWithSheet(2 ** 20);
    await expect(readSheet(bytes, () => undefined, { maxRows: 1_000_000, maxCells: 10_000 })).rejects.toThrow(
      "The workbook's sheet holds more than 10,000 cells with a value after its header",
    );
    const read = await readSheet(bytes, () => undefined, { maxRows: 1_000_000, maxCells: 100_000 });
    if (read === "no sheet") throw new Error("no sheet");
    expect(read.rowCount).toBeGreaterThan(10_000);
  });

  it("a row that never closes is refused at 16 MB, not held", async () => {
    const bytes = await workbookWithSheet(20 * 2 ** 20, "a", '<row r="2"><c r="A2" t="inlineStr"><is><t>');
    await expect(readSheet(bytes, () => undefined, { maxRows: 10 })).rejects.toThrow("One row of the workbook unpacks to more than 16 MB");
  });
});

/** Where a zip's central directory lists an entry: its declared uncompressed size and its inflated text. */
function centralEntry(bytes: Uint8Array, name: string) {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = view.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let offset = view.readUInt32LE(eocd + 16);
  for (let i = 0; i < view.readUInt16LE(eocd + 10); i++) {
    const nameLength = view.readUInt16LE(offset + 28);
    if (view.toString("utf8", offset + 46, offset + 46 + nameLength) === name) {
      const local = view.readUInt32LE(offset + 42);
      const start = local + 30 + view.readUInt16LE(local + 26) + view.readUInt16LE(local + 28);
      return { size: view.readUInt32LE(offset + 24), data: view.subarray(start, start + view.readUInt32LE(offset + 20)) };
    }
    offset += 46 + nameLength + view.readUInt16LE(offset + 30) + view.readUInt16LE(offset + 32);
  }
  throw new Error(`no ${name}`);
}
const uncompressedSize = (bytes: Uint8Array, name: string) => centralEntry(bytes, name).size;
const partText = (bytes: Uint8Array, name: string) => inflateRawSync(centralEntry(bytes, name).data).toString("utf8");

/**
 * A minimal workbook whose one sheet holds a header and then `bytes` bytes of numbered rows, or
 * of `filler` repeated after `prefix` (deflated as they are made, so no test holds the sheet).
 */
async function workbookWithSheet(bytes: number, filler?: string, prefix = "", end = "</sheetData></worksheet>", extraParts: [string, Buffer][] = []): Promise<Uint8Array> {
  const parts: [string, Buffer][] = [
    ...extraParts,
    ["[Content_Types].xml", Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')],
    ["xl/workbook.xml", Buffer.from('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Indicators" sheetId="1" r:id="rId1"/></sheets></workbook>')],
    ["xl/_rels/workbook.xml.rels", Buffer.from('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')],
  ];
  const deflated = parts.map(([name, data]) => [name, deflateRawSync(data)] as [string, Buffer]);
  const head = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>indicator</t></is></c></row>';
  const deflate = createDeflateRaw({ level: 6 });
  const chunks: Buffer[] = [];
  deflate.on("data", (c: Buffer) => chunks.push(c));
  deflate.write(head + prefix);
  const fillerBlock = filler === undefined ? "" : filler.repeat(Math.ceil((1 << 20) / filler.length));
  let written = 0;
  let line = 2;
  while (written < bytes) {
    let block = fillerBlock;
    while (block.length < 1 << 20) block += `<row r="${line}"><c r="A${line++}"><v>1</v></c></row>`;
    if (!deflate.write(block)) await once(deflate, "drain");
    written += block.length;
  }
  deflate.end(end);
  await once(deflate, "end");
  deflated.push(["xl/worksheets/sheet1.xml", Buffer.concat(chunks)]);
  return zipOfDeflated(deflated);
}
