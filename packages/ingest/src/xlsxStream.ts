import { StringDecoder } from "node:string_decoder";
import { createInflateRaw } from "node:zlib";
import { LimitExceeded } from "./errors";
import {
  MAX_CELL_CHARS,
  MAX_FILE_ROWS,
  MAX_XLSX_CELLS_PER_ROW,
  MAX_XLSX_COLUMNS,
  MAX_XLSX_ENTRIES,
  MAX_XLSX_HELD_PART_BYTES,
  MAX_XLSX_KEPT_CELLS,
  MAX_XLSX_PENDING_CHARS,
  MAX_XLSX_TAGS,
  MAX_XLSX_UNCOMPRESSED_BYTES,
} from "./xlsxLimits";

/**
 * A streaming reader of one worksheet of an .xlsx (decision 114c). The zip's central directory is
 * read from the upload's bytes; only the parts a sheet's values need are inflated (workbook,
 * relationships, shared strings, styles, the one worksheet), each through a zlib stream whose
 * output is counted as it comes and stopped at the limit, so a zip bomb costs at most the limit in
 * time and a chunk in memory. The worksheet's XML is scanned row by row as it inflates and never
 * held whole; the values are kept as a few typed arrays.
 *
 * Cell rules are those of exceljs's `workbook.xlsx.load`, which read workbooks before: shared and
 * inline strings (rich text joined), numbers, a number styled with a date format as a Date (1900
 * or 1904 system), booleans as "true"/"false", errors as `{ error }`, a formula as its cached
 * result; a row is the worksheet's row number; the sheet is "Indicators" or else the first tab.
 */

export type XlsxCell = string | number | Date | { error: string } | null;

export interface XlsxProblem {
  line?: number;
  column?: string;
  value?: string;
  message: string;
}

interface ZipEntry {
  method: number;
  compressedSize: number;
  localOffset: number;
}

export class Damaged extends Error {}

/** Reads the zip's central directory; undefined when the bytes are not a readable zip. */
function zipEntries(view: Buffer): Map<string, ZipEntry> | undefined {
  const stop = Math.max(0, view.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = view.length - 22; i >= stop; i--) {
    if (view.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return undefined;
  const count = view.readUInt16LE(eocd + 10);
  if (count > MAX_XLSX_ENTRIES) throw new LimitExceeded("xlsx entries", `The workbook holds ${count} parts, over the limit of ${MAX_XLSX_ENTRIES}: save it again from Excel, or as CSV UTF-8.`);
  let offset = view.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (offset + 46 > view.length || view.readUInt32LE(offset) !== 0x02014b50) return undefined;
    const nameLength = view.readUInt16LE(offset + 28);
    const name = view.toString("utf8", offset + 46, offset + 46 + nameLength);
    entries.set(name, { method: view.readUInt16LE(offset + 10), compressedSize: view.readUInt32LE(offset + 20), localOffset: view.readUInt32LE(offset + 42) });
    offset += 46 + nameLength + view.readUInt16LE(offset + 30) + view.readUInt16LE(offset + 32);
  }
  return entries;
}

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Inflated bytes counted across the workbook's parts, refused past the limit. */
class InflateBudget {
  total = 0;
  constructor(readonly limit: number) {}
  add(n: number): void {
    this.total += n;
    if (this.total > this.limit) {
      throw new LimitExceeded(
        "xlsx uncompressed size",
        `The workbook unpacks to more than ${mb(this.limit)}, the limit for a workbook: it is not read. Remove unused sheets or very long cells, or save it as CSV UTF-8.`,
      );
    }
  }
}

/**
 * Inflates one part chunk by chunk, handing each decoded piece of text to `take`; stops (and
 * throws LimitExceeded) as soon as the workbook's total or this part's own cap is passed.
 */
async function inflatePart(view: Buffer, name: string, entry: ZipEntry, budget: InflateBudget, partCap: number, take: (text: string) => void, encoding: "utf8" | "latin1" = "utf8"): Promise<void> {
  const at = entry.localOffset;
  if (at + 30 > view.length || view.readUInt32LE(at) !== 0x04034b50) throw new Damaged(name);
  const start = at + 30 + view.readUInt16LE(at + 26) + view.readUInt16LE(at + 28);
  const data = view.subarray(start, Math.min(view.length, start + entry.compressedSize));
  // "latin1" gives a character per byte (no sequence is ever cut between pieces, and it is several
  // times faster): the streamed parts are scanned so, and only their text values decoded (rawText).
  const decoder = encoding === "latin1" ? { write: (chunk: Buffer) => chunk.toString("latin1"), end: () => "" } : new StringDecoder(encoding);
  let own = 0;
  const count = (n: number) => {
    own += n;
    if (own > partCap) throw new LimitExceeded("xlsx part size", `The workbook's part ${name} unpacks to more than ${mb(partCap)}, the limit for a part held while the sheet is read: it is not read. Save it as CSV UTF-8.`);
    budget.add(n);
  };
  if (entry.method === 0) {
    for (let i = 0; i < data.length; i += 1 << 17) {
      const chunk = data.subarray(i, Math.min(data.length, i + (1 << 17)));
      count(chunk.length);
      take(decoder.write(chunk));
    }
  } else if (entry.method === 8) {
    const inflate = createInflateRaw({ chunkSize: 1 << 20 });
    inflate.end(data);
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) {
        count(chunk.length);
        take(decoder.write(chunk));
      }
    } catch (error) {
      inflate.destroy();
      // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR: a cut or corrupt stream) mean a damaged part.
      if (/^Z_/.test(String((error as { code?: unknown }).code ?? ""))) throw new Damaged(name);
      throw error;
    }
  } else throw new Damaged(name);
  take(decoder.end());
}

async function wholePart(view: Buffer, entries: Map<string, ZipEntry>, name: string, budget: InflateBudget): Promise<string | undefined> {
  const entry = entries.get(name);
  if (!entry) return undefined;
  const pieces: string[] = [];
  await inflatePart(view, name, entry, budget, MAX_XLSX_HELD_PART_BYTES, (text) => pieces.push(text));
  return pieces.join("");
}

/**
 * Calls `visit` with each complete element `<tag …>…</tag>` (or `<tag …/>`) of a part as its text
 * streams in. An element cut at a piece's end waits, its pieces kept in a list and only the new
 * piece searched for its end (each byte is searched once, however long the element), up to
 * MAX_XLSX_PENDING_CHARS.
 */
function elementScanner(part: string, tag: string, visit: (xml: string, start: number, end: number) => void, stopAt?: string) {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  const keep = Math.max(open.length, stopAt?.length ?? 0);
  let pending = "";
  let parts: string[] = [];
  let partsLength = 0;
  /** What the element cut short waits for: the end of its start tag, or its end tag. */
  let waitFor: string | undefined;
  let stopped = false;
  let visited = false;
  const tooLong = () =>
    new LimitExceeded("xlsx element size", `One ${tag === "row" ? "row" : "element"} of the workbook unpacks to more than ${mb(MAX_XLSX_PENDING_CHARS)}: it is not read. Save it as CSV UTF-8.`);
  const push = (text: string) => {
    if (stopped) return;
    if (waitFor !== undefined) {
      const last = parts.length > 0 ? parts[parts.length - 1]! : pending;
      const probe = last.slice(Math.max(0, last.length - waitFor.length + 1)) + text;
      if (probe.indexOf(waitFor) === -1) {
        parts.push(text);
        partsLength += text.length;
        if (pending.length + partsLength > MAX_XLSX_PENDING_CHARS) throw tooLong();
        return;
      }
      parts.push(text);
      text = parts.join("");
      parts = [];
      partsLength = 0;
      waitFor = undefined;
    }
    const xml = pending === "" ? text : pending + text;
    pending = "";
    let pos = 0;
    // Searched once a piece: searching at each element would read the piece again each time.
    const stop = stopAt === undefined ? -1 : xml.indexOf(stopAt);
    for (;;) {
      const start = xml.indexOf(open, pos);
      if (stop !== -1 && (start === -1 || stop < start)) {
        stopped = true;
        return;
      }
      if (start === -1) {
        // Keep only what could begin a tag cut at the piece's end.
        pending = xml.slice(Math.max(pos, xml.length - keep));
        return;
      }
      const after = xml.charCodeAt(start + open.length);
      if (Number.isNaN(after)) {
        pending = xml.slice(start);
        return;
      }
      if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
        pos = start + open.length; // <rowBreaks, <cols, <sheetPr …
        continue;
      }
      const tagEnd = xml.indexOf(">", start);
      if (tagEnd === -1) {
        pending = xml.slice(start);
        waitFor = ">";
        break;
      }
      if (xml.charCodeAt(tagEnd - 1) === 47) {
        visited = true;
        visit(xml, start, tagEnd + 1);
        pos = tagEnd + 1;
        continue;
      }
      const end = xml.indexOf(close, tagEnd);
      if (end === -1) {
        pending = xml.slice(start);
        waitFor = close;
        break;
      }
      visited = true;
      visit(xml, start, end + close.length);
      pos = end + close.length;
    }
    if (pending.length > MAX_XLSX_PENDING_CHARS) throw tooLong();
  };
  /** After the part's last piece: an element left open, or a stop tag never seen, is a damaged part (its last row would otherwise vanish unread). */
  const finish = () => {
    if (stopped) return;
    if (waitFor !== undefined || pending.startsWith(open) || (stopAt !== undefined && visited)) throw new Damaged(part);
  };
  return { push, finish };
}

const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** A text value of a part scanned as latin1 (a character per byte): its UTF-8 decoded, then its entities. */
function rawText(bytes: string): string {
  return xmlText(NON_ASCII.test(bytes) ? Buffer.from(bytes, "latin1").toString("utf8") : bytes);
}
const NON_ASCII = /[\x80-\xff]/;

function xmlText(text: string): string {
  if (text.indexOf("&") === -1) return text;
  return text.replace(ENTITY, (_, e: string) => {
    if (e.charCodeAt(0) !== 35) return NAMED[e]!;
    const code = e.charCodeAt(1) === 120 ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

/** The value of an attribute in a start tag's text, entity-decoded, or undefined. */
function attribute(tagText: string, name: string): string | undefined {
  const re = new RegExp(`[\\s]${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
  const m = re.exec(tagText);
  return m ? xmlText(m[1] ?? m[2] ?? "") : undefined;
}

/** Each start tag `<name …>` of a part's text, as the text of the tag. */
function startTags(xml: string, name: string): string[] {
  const out: string[] = [];
  const re = new RegExp(`<${name}[\\s/>][^>]*>?`, "g");
  for (let m = re.exec(xml); m !== null; m = re.exec(xml)) {
    // Excel allows 64,000 cell styles: a longer list is refused, never cut short (a style past the cut would read a percentage as a fraction).
    if (out.length >= MAX_XLSX_TAGS) throw new LimitExceeded("xlsx part size", `The workbook lists more than ${MAX_XLSX_TAGS.toLocaleString("en-GB")} <${name}> entries in one part: it is not read. Save it as CSV UTF-8.`);
    out.push(m[0]);
  }
  return out;
}

/** The text of every `<t>` within `xml[start, end)` (scanned as latin1), joined, leaving out phonetic runs (`<rPh>`). */
function textRuns(xml: string, start: number, end: number): string {
  let out = "";
  let pos = start;
  const phonetic = xml.indexOf("<rPh", start);
  const hasPhonetic = phonetic !== -1 && phonetic < end;
  for (;;) {
    const t = xml.indexOf("<t", pos);
    if (t === -1 || t >= end) return out;
    const after = xml.charCodeAt(t + 2);
    if (after !== 62 && after !== 32 && after !== 47) {
      pos = t + 2;
      continue;
    }
    const rph = hasPhonetic ? xml.lastIndexOf("<rPh", t) : -1;
    if (rph >= start && xml.lastIndexOf("</rPh>", t) < rph) {
      const closeRph = xml.indexOf("</rPh>", t);
      pos = closeRph === -1 ? end : closeRph + 6;
      continue;
    }
    const tagEnd = xml.indexOf(">", t);
    if (tagEnd === -1 || tagEnd >= end) return out;
    if (xml.charCodeAt(tagEnd - 1) === 47) {
      pos = tagEnd + 1;
      continue;
    }
    const close = xml.indexOf("</t>", tagEnd);
    if (close === -1 || close > end) return out;
    out += rawText(xml.slice(tagEnd + 1, close));
    pos = close + 4;
  }
}

/** exceljs's default number formats by id (lib/xlsx/defaultnumformats.js, the locale-free ones). */
const BUILT_IN_FORMATS: Record<number, string> = {
  1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??", 14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy",
  18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: 'm/d/yy "h":mm', 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00 ;(#,##0.00)",
  40: "#,##0.00 ;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
};

/** exceljs's utils.isDateFmt: a format with a date or time letter outside quotes and brackets. */
function isDateFormat(format: string): boolean {
  return /[ymdhMsb]+/.test(format.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** For each cell style (the `s` of a cell): 1 a date format, 2 a percentage format, 0 neither. */
function styleKinds(stylesXml: string | undefined): Uint8Array {
  if (!stylesXml) return new Uint8Array(0);
  const formats = new Map<number, string>();
  for (const tag of startTags(stylesXml, "numFmt")) {
    const id = Number(attribute(tag, "numFmtId"));
    const code = attribute(tag, "formatCode");
    if (Number.isInteger(id) && code !== undefined) formats.set(id, code);
  }
  const xfsStart = stylesXml.indexOf("<cellXfs");
  const xfsEnd = stylesXml.indexOf("</cellXfs>", xfsStart);
  if (xfsStart === -1 || xfsEnd === -1) return new Uint8Array(0);
  const xfs = startTags(stylesXml.slice(xfsStart, xfsEnd), "xf");
  const kinds = new Uint8Array(xfs.length);
  xfs.forEach((tag, i) => {
    const id = Number(attribute(tag, "numFmtId") ?? 0);
    if (!id) return;
    const format = formats.get(id) ?? BUILT_IN_FORMATS[id];
    if (format === undefined) return;
    kinds[i] = isDateFormat(format) ? 1 : /%/.test(format) ? 2 : 0;
  });
  return kinds;
}

/** Column index (0-based) of a cell reference such as "AB12"; -1 when it has no letters. */
function columnOf(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return i === 0 || n > 16384 ? -1 : n - 1;
}

/** Growable typed column. */
function grow<T extends Int32Array | Float64Array | Uint8Array | Uint16Array>(array: T, need: number): T {
  if (need <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(Math.max(need, array.length * 2));
  next.set(array);
  return next;
}

const NUMBER = 1;
const STRING = 2;
const DATE = 3;
const ERROR = 4;

/**
 * A worksheet's non-empty rows after its header: the cells holding a value, a row after another,
 * as typed columns (column, kind, number or index of the text), read back into cells on each visit.
 */
export class SheetRows {
  count = 0;
  /** The worksheet row the header is on. */
  headerLine = 0;
  private cells = 0;
  private rowLine = new Int32Array(1024);
  private rowStart = new Int32Array(1024);
  private cellColumn = new Uint16Array(4096);
  private cellKind = new Uint8Array(4096);
  private cellNumber = new Float64Array(4096);
  readonly texts: string[] = [];
  private readonly textIndex = new Map<string, number>();

  constructor(
    readonly header: string[],
    private readonly date1904: boolean,
    private readonly maxCells: number = MAX_XLSX_KEPT_CELLS,
  ) {}

  text(value: string): number {
    let i = this.textIndex.get(value);
    if (i === undefined) this.textIndex.set(value, (i = this.texts.push(value) - 1));
    return i;
  }

  startRow(line: number): void {
    const row = this.count++;
    if (row + 2 > this.rowStart.length) {
      this.rowLine = grow(this.rowLine, row + 1);
      this.rowStart = grow(this.rowStart, row + 2);
    }
    this.rowLine[row] = line;
    this.rowStart[row] = this.cells;
    this.rowStart[row + 1] = this.cells;
  }

  add(column: number, kind: number, number: number): void {
    const at = this.cells++;
    if (at >= this.maxCells)
      throw new LimitExceeded(
        "xlsx cells",
        `The workbook's sheet holds more than ${this.maxCells.toLocaleString("en-GB")} cells with a value after its header (the limit is ${MAX_FILE_ROWS.toLocaleString("en-GB")} rows of ${MAX_XLSX_CELLS_PER_ROW} cells): it is not read. Remove the columns the template does not have, or split the file by year.`,
      );
    if (at >= this.cellKind.length) {
      this.cellColumn = grow(this.cellColumn, at + 1);
      this.cellKind = grow(this.cellKind, at + 1);
      this.cellNumber = grow(this.cellNumber, at + 1);
    }
    this.cellColumn[at] = column;
    this.cellKind[at] = kind;
    this.cellNumber[at] = number;
    this.rowStart[this.count] = this.cells;
  }

  /** Forgets the row just started (it held nothing). */
  dropRow(): void {
    this.count--;
    this.cells = this.rowStart[this.count]!;
  }

  each(visit: (line: number, cells: readonly XlsxCell[]) => void): void {
    const width = this.header.length;
    for (let row = 0; row < this.count; row++) {
      const from = this.rowStart[row]!;
      const to = this.rowStart[row + 1]!;
      const cells: XlsxCell[] = new Array<XlsxCell>(width).fill(null);
      for (let i = from; i < to; i++) {
        const n = this.cellNumber[i]!;
        switch (this.cellKind[i]) {
          case NUMBER:
            cells[this.cellColumn[i]!] = n;
            break;
          case STRING:
            cells[this.cellColumn[i]!] = this.texts[n]!;
            break;
          case DATE:
            cells[this.cellColumn[i]!] = excelDate(n, this.date1904);
            break;
          case ERROR:
            cells[this.cellColumn[i]!] = { error: this.texts[n]! };
            break;
        }
      }
      visit(this.rowLine[row]!, cells);
    }
  }
}

/** exceljs's utils.excelToDate. */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

export interface SheetRead {
  sheet: string;
  /** Undefined when no row holds any text (the sheet is empty). */
  rows?: SheetRows;
  /** Every row holding a value, the header included (as exceljs counted them). */
  rowCount: number;
}

/**
 * Reads the sheet "Indicators" (or the first tab) of a workbook, or the sheet `options.sheet` names
 * (a workbook without it gives a problem listing its sheets, and "no sheet"). Problems with cells
 * (too long) go to `problem`; a workbook that is not a readable .xlsx throws Damaged; one past a
 * limit throws LimitExceeded; `maxRows` stops keeping rows (they are still counted) past that many.
 * The header is the first row holding text, or, with `isHeader`, the first such row it accepts
 * (rows above it, notes and titles, are counted and not kept).
 */
export async function readSheet(
  bytes: Uint8Array,
  problem: (p: XlsxProblem) => void,
  options: { maxRows: number; limit?: number; maxCells?: number; sheet?: string; isHeader?: (cells: readonly string[]) => boolean },
): Promise<SheetRead | "no sheet"> {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = zipEntries(view);
  if (!entries) throw new Damaged("zip");
  const budget = new InflateBudget(options.limit ?? MAX_XLSX_UNCOMPRESSED_BYTES);

  // Shared strings first: they are the largest part held whole, and a bomb is most often there.
  const shared: string[] = [];
  const sharedEntry = entries.get("xl/sharedStrings.xml");
  if (sharedEntry) {
    const strings = elementScanner("xl/sharedStrings.xml", "si", (xml, start, end) => {
      // The string alone: textRuns's searches (<rPh, <t) would otherwise run on to the piece's end for each string.
      shared.push(textRuns(xml.slice(start, end), 0, end - start));
    });
    await inflatePart(view, "xl/sharedStrings.xml", sharedEntry, budget, MAX_XLSX_HELD_PART_BYTES, strings.push, "latin1");
    strings.finish();
  }
  const workbookXml = await wholePart(view, entries, "xl/workbook.xml", budget);
  const relsXml = await wholePart(view, entries, "xl/_rels/workbook.xml.rels", budget);
  if (workbookXml === undefined || relsXml === undefined) throw new Damaged("xl/workbook.xml");
  const stylesXml = await wholePart(view, entries, "xl/styles.xml", budget);
  const kinds = styleKinds(stylesXml);
  const workbookPr = startTags(workbookXml, "workbookPr")[0];
  const date1904Attribute = workbookPr && attribute(workbookPr, "date1904");
  const date1904 = date1904Attribute === "1" || date1904Attribute === "true";

  const sheets = startTags(workbookXml, "sheet").map((tag) => ({ name: attribute(tag, "name") ?? "", rel: attribute(tag, "r:id") }));
  const chosen = options.sheet !== undefined ? sheets.find((s) => s.name === options.sheet) : (sheets.find((s) => s.name === "Indicators") ?? sheets[0]);
  if (!chosen) {
    if (options.sheet !== undefined) problem({ message: `the workbook has no "${options.sheet}" worksheet (it has: ${sheets.slice(0, 20).map((s) => s.name).join(", ")}${sheets.length > 20 ? ", …" : ""})` });
    return "no sheet";
  }
  const rel = startTags(relsXml, "Relationship").find((tag) => attribute(tag, "Id") === chosen.rel);
  const target = rel && attribute(rel, "Target");
  if (!target) throw new Damaged("xl/_rels/workbook.xml.rels");
  const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, "/");
  const sheetEntry = entries.get(path);
  if (!sheetEntry) throw new Damaged(path);

  let header: string[] | undefined;
  let rows: SheetRows | undefined;
  let rowCount = 0;
  let lastLine = 0;
  // One row's cells while it is read (index = column).
  const rowColumns: number[] = [];
  const rowCells: XlsxCell[] = [];

  const cellValue = (cellXml: string, tagText: string, cellStart: number, cellEnd: number): XlsxCell => {
    // The cell's content alone, so that no search below runs on past it.
    const xml = cellXml.slice(cellStart, cellEnd);
    const start = 0;
    const end = xml.length;
    const type = attribute0(tagText, "t");
    const style = Number(attribute0(tagText, "s") ?? 0);
    const kind = style ? (kinds[style] ?? 0) : 0;
    let v: string | undefined;
    const vAt = xml.indexOf("<v", start);
    if (vAt !== -1 && vAt < end) {
      const vEnd = xml.indexOf(">", vAt);
      if (xml.charCodeAt(vEnd - 1) !== 47) {
        const close = xml.indexOf("</v>", vEnd);
        if (close !== -1 && close < end) v = rawText(xml.slice(vEnd + 1, close));
      } else v = "";
    }
    const fAt = xml.indexOf("<f", start);
    const isFormula = fAt !== -1 && fAt < end && isFormulaTag(xml, fAt, end);
    if (isFormula) {
      if (v === undefined || v === "") return null;
      if (type === "str") return v;
      if (type === "b") return String(parseInt(v, 10) !== 0);
      if (type === "e") return { error: v };
      const n = parseFloat(v);
      return kind === 1 ? excelDate(n, date1904) : kind === 2 ? percent(n) : n;
    }
    if (type === "inlineStr") {
      const isAt = xml.indexOf("<is", start);
      if (isAt === -1 || isAt >= end) return v ?? null;
      return textRuns(xml, isAt, end);
    }
    if (v === undefined) return null;
    switch (type) {
      case "s":
        return shared[parseInt(v, 10)] ?? null;
      case "str":
        return v;
      case "b":
        return String(parseInt(v, 10) !== 0);
      case "e":
        return { error: v };
      default: {
        const n = parseFloat(v);
        return kind === 1 ? excelDate(n, date1904) : kind === 2 ? percent(n) : n;
      }
    }
  };

  const visitRow = (partXml: string, rowStart: number, rowEnd: number) => {
    if (rowCount >= options.maxRows) {
      // Past the limit the file is refused: its rows holding a value are only counted, for the message.
      const row = partXml.slice(rowStart, rowEnd);
      if (row.includes("<v") || row.includes("<is")) rowCount++;
      return;
    }
    // The row alone, so that no search below runs on into the rest of the piece.
    const xml = partXml.slice(rowStart, rowEnd);
    const start = 0;
    const end = xml.length;
    const tagEnd = xml.indexOf(">", start);
    const rowTag = xml.slice(start, tagEnd);
    const r = attribute0(rowTag, "r");
    const line = r !== undefined && /^\d+$/.test(r) ? Number(r) : lastLine + 1;
    lastLine = line;
    rowColumns.length = 0;
    rowCells.length = 0;
    let width = 0;
    let hasValue = false;
    let hasText = false;
    let column = -1;
    let pos = tagEnd + 1;
    for (;;) {
      const c = xml.indexOf("<c", pos);
      if (c === -1 || c >= end) break;
      const after = xml.charCodeAt(c + 2);
      if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
        pos = c + 2;
        continue;
      }
      const cTagEnd = xml.indexOf(">", c);
      const selfClosing = xml.charCodeAt(cTagEnd - 1) === 47;
      const tagText = xml.slice(c, selfClosing ? cTagEnd - 1 : cTagEnd);
      const ref = attribute0(tagText, "r");
      const at = ref !== undefined ? columnOf(ref) : column + 1;
      if (at < 0) throw new Damaged("sheet");
      column = at;
      width = Math.max(width, at + 1);
      if (selfClosing) {
        pos = cTagEnd + 1;
        continue;
      }
      const close = xml.indexOf("</c>", cTagEnd);
      const cEnd = close === -1 || close > end ? end : close;
      pos = cEnd + 4;
      let cell = cellValue(xml, tagText, cTagEnd + 1, cEnd);
      if (cell === null) continue;
      hasValue = true;
      if (typeof cell === "string" && cell.length > MAX_CELL_CHARS) {
        problem({ line, column: columnLetter(at), value: `${cell.slice(0, 80)}…`, message: `the cell holds ${cell.length.toLocaleString("en-GB")} characters, over the limit of ${MAX_CELL_CHARS.toLocaleString("en-GB")} characters a cell may hold` });
        cell = null;
      }
      if (cell === null) continue;
      if (!hasText && textOf(cell).trim() !== "") hasText = true;
      rowColumns.push(at);
      rowCells.push(cell);
    }
    if (!hasValue) return;
    if (++rowCount > options.maxRows) return;
    if (!hasText) return;
    if (!header) {
      if (options.isHeader) {
        const cells = new Array<string>(Math.min(width, MAX_XLSX_COLUMNS)).fill("");
        for (let i = 0; i < rowColumns.length; i++) if (rowColumns[i]! < cells.length) cells[rowColumns[i]!] = textOf(rowCells[i]!).trim();
        if (!options.isHeader(cells)) return;
      }
      if (width > MAX_XLSX_COLUMNS) {
        problem({ line, column: columnLetter(width - 1), message: `the header row spans ${width.toLocaleString("en-GB")} columns, over the limit of ${MAX_XLSX_COLUMNS}: delete the columns after the last one named` });
        header = [];
        rows = new SheetRows(header, date1904, options.maxCells ?? MAX_XLSX_KEPT_CELLS);
        return;
      }
      const cells = new Array<string>(width).fill("");
      rowColumns.forEach((at, i) => (cells[at] = textOf(rowCells[i]!).trim()));
      header = cells;
      rows = new SheetRows(header, date1904, options.maxCells ?? MAX_XLSX_KEPT_CELLS);
      rows.headerLine = line;
      return;
    }
    const sheetRows = rows!;
    sheetRows.startRow(line);
    // A value right of the header's last column has no column to be read as: it is not kept.
    for (let i = 0; i < rowColumns.length && rowColumns[i]! < header.length; i++) {
      const cell = rowCells[i]!;
      if (typeof cell === "number") sheetRows.add(rowColumns[i]!, NUMBER, cell);
      else if (typeof cell === "string") sheetRows.add(rowColumns[i]!, STRING, sheetRows.text(cell));
      else if (cell instanceof Date) sheetRows.add(rowColumns[i]!, DATE, dateSerial(cell, date1904));
      else if (cell !== null) sheetRows.add(rowColumns[i]!, ERROR, sheetRows.text(cell.error));
    }
  };

  const sheetScan = elementScanner(path, "row", visitRow, "</sheetData>");
  await inflatePart(view, path, sheetEntry, budget, Number.POSITIVE_INFINITY, sheetScan.push, "latin1");
  sheetScan.finish();
  return { sheet: chosen.name, ...(rows ? { rows } : {}), rowCount };
}

/** The serial a Date read from a cell came from (the Date is made again on each visit). */
function dateSerial(date: Date, date1904: boolean): number {
  return date.getTime() / (24 * 3600 * 1000) + 25569 - (date1904 ? 1462 : 0);
}

function percent(n: number): number {
  // A cell formatted as a percentage holds 0.452 and shows 45.2%: the file means 45.2.
  return Number((n * 100).toPrecision(12));
}

function textOf(cell: XlsxCell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === "object") return cell.error;
  return String(cell);
}

/** `<f…>` that makes a formula: exceljs treats a cell as one when the formula has text or a type. */
function isFormulaTag(xml: string, at: number, end: number): boolean {
  const after = xml.charCodeAt(at + 2);
  if (after !== 32 && after !== 62 && after !== 47) return false;
  const tagEnd = xml.indexOf(">", at);
  if (tagEnd === -1 || tagEnd >= end) return false;
  const tagText = xml.slice(at, tagEnd);
  if (attribute0(tagText, "t") !== undefined) return true;
  if (xml.charCodeAt(tagEnd - 1) === 47) return false;
  const close = xml.indexOf("</f>", tagEnd);
  return close > tagEnd + 1 && close <= end;
}

/**
 * A cell's or row's attribute (r, t, s) without a regular expression: these tags are read a few
 * million times. Values of these attributes hold no entity.
 */
function attribute0(tagText: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const at = tagText.indexOf(name, from);
    if (at === -1) return undefined;
    from = at + name.length;
    const before = tagText.charCodeAt(at - 1);
    if (before !== 32 && before !== 9 && before !== 10 && before !== 13) continue;
    let i = at + name.length;
    while (tagText.charCodeAt(i) === 32) i++;
    if (tagText.charCodeAt(i) !== 61) continue;
    i++;
    while (tagText.charCodeAt(i) === 32) i++;
    const quote = tagText.charCodeAt(i);
    if (quote !== 34 && quote !== 39) continue;
    const close = tagText.indexOf(quote === 34 ? '"' : "'", i + 1);
    if (close === -1) return undefined;
    return tagText.slice(i + 1, close);
  }
}

/** Column letters for a .xlsx position (0-based): 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
