/**
 * The ONS population workbook is read by the same streaming reader as indicator workbooks
 * (xlsxStream.ts, decision 114c), under the same limits: a zip bomb is refused while it inflates,
 * naming the file and the limit, and nothing is written; the sheet "MYE4" is found by name and its
 * table by its "Code" header row, below the notes.
 */
import { once } from "node:events";
import { createDeflateRaw, deflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScrutinyDb } from "@scrutiny/db";
import { importFiles, LimitExceeded, MAX_XLSX_HELD_PART_BYTES, MAX_XLSX_UNCOMPRESSED_BYTES } from "@scrutiny/ingest";
import { shared, snapshot, tempDir } from "../support/db";
import { zipOfDeflated } from "../support/zip";
import { countRows, dbWithAreas, expectRejected, writeFile } from "./helpers";

const EXTRACT = "ons/population/mye4_population_lad23_2011_2023_wide.csv";
const BASILDON = "E07000066";
const dir = tempDir("scrutiny-population-xlsx-");
let handle: ScrutinyDb;

beforeAll(async () => {
  handle = await dbWithAreas();
  // Populations already held: a refused workbook must leave them as they are.
  await importFiles(handle.db, "ons-population", [shared(EXTRACT)]);
});
afterAll(() => handle?.close());

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

/** A workbook of the named sheets (all the same XML), with shared strings if given, every part deflated by hand. */
function workbook(sheetNames: string[], sheetXml: Buffer, sharedStrings?: Buffer): Uint8Array {
  const sheets = sheetNames.map((name, i) => `<sheet name="${name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("");
  const rels = sheetNames
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join("");
  const parts: [string, Buffer][] = [
    ["[Content_Types].xml", deflateRawSync('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')],
    ["xl/workbook.xml", deflateRawSync(`<?xml version="1.0"?><workbook ${MAIN}><sheets>${sheets}</sheets></workbook>`)],
    ["xl/_rels/workbook.xml.rels", deflateRawSync(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`)],
    ...sheetNames.map((_, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml] as [string, Buffer]),
  ];
  if (sharedStrings) parts.push(["xl/sharedStrings.xml", sharedStrings]);
  return zipOfDeflated(parts);
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
/** MYE4 as ONS lays it out: a title and a note above the table, then Code, Name, Geography, Mid-YYYY… */
const MYE4_HEAD = `<?xml version="1.0"?><worksheet ${MAIN}><sheetData><row r="1">${inline("A1", "MYE4: Population estimates: Summary for the UK, mid-2011 to mid-2023")}</row><row r="2">${inline("A2", "This worksheet contains one table.")}</row><row r="5">${inline("A5", "Code")}${inline("B5", "Name")}${inline("C5", "Geography")}${inline("D5", "Mid-2023")}${inline("E5", "Mid-2022")}</row>`;
const END = "</sheetData></worksheet>";

/** Deflates `head`, then `bytes` bytes of `filler` made as they are deflated (no test holds them), then `end`. */
async function deflatedBomb(head: string, filler: string, bytes: number, end: string): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 6 });
  const chunks: Buffer[] = [];
  deflate.on("data", (c: Buffer) => chunks.push(c));
  deflate.write(head);
  const block = filler.repeat(Math.ceil((1 << 20) / filler.length));
  for (let written = 0; written < bytes; written += block.length) if (!deflate.write(block)) await once(deflate, "drain");
  deflate.end(end);
  await once(deflate, "end");
  return Buffer.concat(chunks);
}

async function refusedWith(name: string, bytes: Uint8Array): Promise<LimitExceeded> {
  const before = await snapshot(handle.db);
  const error = await importFiles(handle.db, "ons-population", [writeFile(dir, name, bytes)]).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(LimitExceeded);
  // Nothing written: the populations imported before are all there, unchanged, and no batch was added.
  expect(await snapshot(handle.db)).toBe(before);
  expect(await countRows(handle.db, "populations")).toBe((318 + 43) * 13);
  return error as LimitExceeded;
}

describe("a population workbook that is a zip bomb is refused while it inflates, nothing written", () => {
  it(`the sheet MYE4 unpacking past ${MAX_XLSX_UNCOMPRESSED_BYTES / 2 ** 20} MB`, async () => {
    // Spaces between the rows: nothing to read, a thousandfold to inflate.
    const sheet = await deflatedBomb(MYE4_HEAD, " ", MAX_XLSX_UNCOMPRESSED_BYTES + 8 * 2 ** 20, END);
    const bytes = workbook(["Cover sheet", "MYE4"], sheet);
    expect(bytes.byteLength).toBeLessThan(2 * 1024 * 1024);
    const error = await refusedWith("mye4-bomb.xlsx", bytes);
    expect(error.limit).toBe("xlsx uncompressed size");
    expect(error.message).toBe(
      "mye4-bomb.xlsx: The workbook unpacks to more than 512 MB, the limit for a workbook: it is not read. Remove unused sheets or very long cells, or save it as CSV UTF-8.",
    );
  }, 120_000);

  it(`shared strings unpacking past ${MAX_XLSX_HELD_PART_BYTES / 2 ** 20} MB, the limit for a part held whole`, async () => {
    // Many short strings, as a real table's are (one string past 16 MB is refused sooner, as an element).
    const strings = await deflatedBomb('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', `<si><t>${"a".repeat(100)}</t></si>`, MAX_XLSX_HELD_PART_BYTES + 2 ** 20, "</sst>");
    const bytes = workbook(["MYE4"], deflateRawSync(MYE4_HEAD + END), strings);
    expect(bytes.byteLength).toBeLessThan(1024 * 1024);
    const error = await refusedWith("strings-bomb.xlsx", bytes);
    expect(error.limit).toBe("xlsx part size");
    expect(error.message).toBe(
      "strings-bomb.xlsx: The workbook's part xl/sharedStrings.xml unpacks to more than 64 MB, the limit for a part held while the sheet is read: it is not read. Save it as CSV UTF-8.",
    );
  }, 60_000);
});

describe("the sheet MYE4 read by the streaming reader", () => {
  it("a workbook without MYE4 is rejected naming the sheets it has", async () => {
    const bytes = workbook(["Cover sheet", "MYE2 - Persons"], deflateRawSync(MYE4_HEAD + END));
    const problems = await expectRejected(handle.db, () => importFiles(handle.db, "ons-population", [writeFile(dir, "no-mye4.xlsx", bytes)]), (before, after) => expect(after).toBe(before));
    expect(problems).toEqual([{ file: "no-mye4.xlsx", message: 'the workbook has no "MYE4" worksheet (it has: Cover sheet, MYE2 - Persons)' }]);
  });

  it("the table below the notes: a bad figure is named by its line, column, value and cell", async () => {
    const rows = `<row r="6">${inline("A6", BASILDON)}${inline("B6", "Basildon")}${inline("C6", "Non-metropolitan District")}<c r="D6"><v>190001</v></c>${inline("E6", "about 189,000")}</row>`;
    const bytes = workbook(["Cover sheet", "MYE4"], deflateRawSync(MYE4_HEAD + rows + END));
    const problems = await expectRejected(handle.db, () => importFiles(handle.db, "ons-population", [writeFile(dir, "bad-figure.xlsx", bytes)]), (before, after) => expect(after).toBe(before));
    expect(problems).toEqual([{ file: "bad-figure.xlsx", line: 6, column: "Mid-2022", value: "about 189,000", message: 'not a whole number of people (cell E6 of the sheet "MYE4")' }]);
  });

  it("a workbook with no Code header row, or a damaged one, is rejected saying so", async () => {
    const noHeader = workbook(["MYE4"], deflateRawSync(`<?xml version="1.0"?><worksheet ${MAIN}><sheetData><row r="1">${inline("A1", "Area")}${inline("B1", "Mid-2023")}</row>${END}`));
    const damaged = workbook(["MYE4"], deflateRawSync(MYE4_HEAD + END)).slice(0, 300);
    const a = await expectRejected(handle.db, () => importFiles(handle.db, "ons-population", [writeFile(dir, "no-header.xlsx", noHeader)]), (before, after) => expect(after).toBe(before));
    const b = await expectRejected(handle.db, () => importFiles(handle.db, "ons-population", [writeFile(dir, "damaged.xlsx", damaged)]), (before, after) => expect(after).toBe(before));
    expect(a).toEqual([{ file: "no-header.xlsx", message: 'no header row starting with "Code" was found in the worksheet "MYE4"' }]);
    expect(b).toEqual([{ file: "damaged.xlsx", message: "the workbook cannot be read, it may be truncated or damaged: open it in Excel and save it again as .xlsx, or as CSV UTF-8" }]);
  });
});
