import { isUtf8 } from "node:buffer";
import { createRequire } from "node:module";
import type * as CsvParseSync from "csv-parse/sync";
import type * as CsvStringifySync from "csv-stringify/sync";
import type { CsvError } from "csv-parse/sync";
import { type ProblemList } from "./errors";

let csvParse: typeof CsvParseSync | undefined;
/**
 * csv-parse, loaded the first time it is needed: a file with quotes (most files have none), the
 * default dataset loaded into an empty database, an action log imported. A start on a database
 * that holds data never loads it (~35 ms of start-up, decision 114a; apps/api/src/startupImports.test.ts).
 */
export function csvParser(): typeof CsvParseSync {
  return (csvParse ??= createRequire(import.meta.url)("csv-parse/sync") as typeof CsvParseSync);
}

let csvStringify: typeof CsvStringifySync | undefined;
/** csv-stringify, loaded the first time a CSV is written (a template, questions, the dataset's export): never at start-up. */
export function csvStringifier(): typeof CsvStringifySync {
  return (csvStringify ??= createRequire(import.meta.url)("csv-stringify/sync") as typeof CsvStringifySync);
}

export interface CsvTable {
  /** Header names as written in the file (BOM removed). */
  header: string[];
  /** Data records with the 1-based line each starts on. */
  records: { line: number; fields: string[] }[];
}

/**
 * Reads a whole CSV file: UTF-8 with or without BOM, CRLF or LF, RFC 4180 quoting.
 * A malformed file (unclosed quote, invalid UTF-8) is reported with its line instead of thrown.
 */
export function readCsv(bytes: Uint8Array, problems: ProblemList): CsvTable | undefined {
  const text = decodeUtf8(bytes, problems);
  if (text === undefined) return undefined;
  if (!text.includes('"')) return splitUnquotedCsv(text, problems);
  let rows: { record: string[]; info: { lines: number } }[];
  const { CsvError, parse } = csvParser();
  try {
    rows = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      // csv-parse reports an unclosed quote where it gave up (the end of the file); the officer
      // needs the line where the quote was opened.
      if (error.code === "CSV_QUOTE_NOT_CLOSED") {
        problems.add({ line: lineOfUnclosedQuote(text), message: "the file is not valid CSV: a quoted field opens on this line and is never closed" });
      } else {
        const line = (error as CsvError & { lines?: number }).lines;
        problems.add({ line, message: `the file is not valid CSV: ${error.message.replace(/^Invalid [^:]*: /, "")}` });
      }
      return undefined;
    }
    throw error;
  }
  const [first, ...rest] = rows;
  if (!first) {
    problems.add({ message: "the file is empty" });
    return undefined;
  }
  // `info.lines` is the line a record ends on; a record spanning lines (a quoted newline) is rare,
  // and the end line is still where an editor finds it.
  return { header: first.record.map((h) => h.trim()), records: rest.map((r) => ({ line: r.info.lines, fields: r.record })) };
}

/** A CSV read record by record: the header, then each record handed over as it is split. */
export interface CsvScan {
  header: string[];
  /** Calls `visit` with each data record and the 1-based line it starts on; returns how many. */
  each(visit: (line: number, fields: string[]) => void): number;
}

/**
 * Like readCsv, without holding every record at once: a file with no double quote is split one
 * line at a time as it is visited (no array of 400,000 records for the garbage collector), same
 * lines and fields as splitUnquotedCsv; a file with quotes goes through csv-parse as in readCsv.
 */
export function scanCsv(bytes: Uint8Array, problems: ProblemList): CsvScan | undefined {
  const text = decodeUtf8(bytes, problems);
  if (text === undefined) return undefined;
  if (text.includes('"')) {
    const table = readCsv(bytes, problems);
    if (!table) return undefined;
    return {
      header: table.header,
      each: (visit) => {
        for (const r of table.records) visit(r.line, r.fields);
        return table.records.length;
      },
    };
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let at = 0;
  let lineNo = 0;
  const nextLine = (): string | undefined => {
    // Past the end (what follows a final line break is the empty line split("\n") would give: skipped).
    if (at >= body.length) return undefined;
    let end = body.indexOf("\n", at);
    if (end === -1) end = body.length;
    let line = body.slice(at, end);
    at = end + 1;
    lineNo++;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    return line;
  };
  let header: string[] | undefined;
  for (let line = nextLine(); line !== undefined; line = nextLine()) {
    if (line === "") continue;
    header = line.split(",").map((h) => h.trim());
    break;
  }
  if (!header) {
    problems.add({ message: "the file is empty" });
    return undefined;
  }
  return {
    header,
    each: (visit) => {
      let count = 0;
      for (let line = nextLine(); line !== undefined; line = nextLine()) {
        if (line === "") continue;
        count++;
        visit(lineNo, line.split(","));
      }
      return count;
    },
  };
}

/** The line on which the last, never-closed quoted field opens (quotes inside fields are doubled). */
export function lineOfUnclosedQuote(text: string): number | undefined {
  let line = 1;
  let inQuotes = false;
  let openedOn: number | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34) {
      inQuotes = !inQuotes;
      if (inQuotes) openedOn = line;
    }
  }
  return inQuotes ? openedOn : undefined;
}

/**
 * A file that is not UTF-8 (most often Windows-1252 from "CSV (Comma delimited)", where £ and
 * accented names become single bytes, or UTF-16 from "Unicode text") is refused with the line,
 * column and value of the first bad byte, shown with U+FFFD where the byte could not be read.
 */
export function decodeUtf8(bytes: Uint8Array, problems: ProblemList): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    problems.add({ line: 1, message: 'the file is UTF-16 ("Unicode text"), not UTF-8: in Excel choose Save As "CSV UTF-8 (Comma delimited)"' });
    return undefined;
  }
  // isUtf8 checks the bytes natively (vectorised), several times faster than a fatal TextDecoder.
  if (isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
    // As TextDecoder does: a byte-order mark is not text.
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
  {
    const lossy = new TextDecoder("utf-8").decode(bytes);
    const at = lossy.indexOf("\uFFFD");
    const lines = lossy.split(/\r?\n/);
    const line = lossy.slice(0, at).split("\n").length;
    const header = (lines[0] ?? "").replace(/^\uFEFF/, "").split(",");
    const fields = (lines[line - 1] ?? "").split(",");
    const fieldIndex = fields.findIndex((f) => f.includes("\uFFFD"));
    problems.add({
      line,
      column: header[fieldIndex]?.trim() ?? "",
      value: fields[fieldIndex] ?? "",
      message: 'the file is not UTF-8 text (this byte is not valid UTF-8): in Excel choose Save As "CSV UTF-8 (Comma delimited)"',
    });
    return undefined;
  }
}

/**
 * A CSV without a double quote anywhere has no quoted fields, so splitting at line breaks and commas
 * reads it exactly as csv-parse would (BOM dropped, CRLF or LF, empty lines skipped), about ten
 * times faster. Files with quotes go through csv-parse.
 */
export function splitUnquotedCsv(text: string, problems: ProblemList): CsvTable | undefined {
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  const records: CsvTable["records"] = [];
  let header: string[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    if (line === "") continue;
    if (!header) header = line.split(",").map((h) => h.trim());
    else records.push({ line: i + 1, fields: line.split(",") });
  }
  if (!header) {
    problems.add({ message: "the file is empty" });
    return undefined;
  }
  return { header, records };
}

/** "Crime ID" and "crime_id" name the same column: police.uk files come in both spellings. */
export function columnKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/**
 * Finds the position of each required column by its key; reports missing ones on line 1.
 * Returns undefined when any is missing.
 */
export function locateColumns<K extends string>(
  header: readonly string[],
  required: Record<K, string>,
  problems: ProblemList,
): Record<K, number> | undefined {
  const keys = header.map(columnKey);
  const positions = {} as Record<K, number>;
  let missing = false;
  for (const [name, label] of Object.entries(required) as [K, string][]) {
    const at = keys.indexOf(columnKey(label));
    if (at === -1) {
      problems.add({ line: 1, column: label, message: `the header has no "${label}" column` });
      missing = true;
    } else positions[name] = at;
  }
  return missing ? undefined : positions;
}
