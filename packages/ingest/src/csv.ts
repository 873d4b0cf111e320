import { CsvError, parse } from "csv-parse/sync";
import { ProblemList } from "./errors";

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
  let rows: { record: string[]; info: { lines: number } }[];
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

function decodeUtf8(bytes: Uint8Array, problems: ProblemList): string | undefined {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Find the line of the first invalid byte so the officer can look at it.
    const lossy = new TextDecoder("utf-8").decode(bytes);
    const at = lossy.indexOf("\uFFFD");
    const line = at === -1 ? undefined : lossy.slice(0, at).split("\n").length;
    problems.add({ line, message: "the file is not UTF-8 text (save it as CSV UTF-8)" });
    return undefined;
  }
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
