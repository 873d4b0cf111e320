import { isMonth, monthFromIndex, monthIndex, type Month, type Unit } from "@scrutiny/domain";
import type { Area } from "@scrutiny/db";
import { columnKey, decodeUtf8, readCsv } from "./csv";
import { normaliseAreaName } from "./context";
import type { ImportProblem, ProblemList } from "./errors";
import { nearestMatch } from "./nearest";
import { MAX_CELL_CHARS, MAX_FILE_ROWS } from "./xlsxLimits";
import { columnLetter, Damaged, readSheet } from "./xlsxStream";

export { columnLetter };

/**
 * The force's monthly indicator file (docs/indicator-file-format.md): long form, one row per
 * indicator, area and month, as CSV (UTF-8) or an .xlsx workbook. This module reads a file into
 * rows and checks every cell, reporting each problem with its line, column and value; it writes
 * nothing. Framework-free: the CLI, the API and the tests all call it.
 */
export const MAX_INDICATOR_FILE_BYTES = 20 * 1024 * 1024;

export interface IndicatorFileColumn {
  key: "indicator" | "area" | "month" | "value" | "numerator" | "denominator" | "survey_n" | "status" | "note";
  required: boolean;
  /** Other header spellings accepted for the column (compared by columnKey). */
  aliases: readonly string[];
  description: string;
}

export const INDICATOR_FILE_COLUMNS: readonly IndicatorFileColumn[] = [
  { key: "indicator", required: true, aliases: ["indicator_id"], description: "Indicator id from the catalogue, e.g. da-incidents" },
  { key: "area", required: true, aliases: ["area_code"], description: "ONS code (E23000028, E07000066) or district name (Basildon)" },
  { key: "month", required: true, aliases: ["period"], description: "The month the figure is for, as YYYY-MM text (2025-01)" },
  { key: "value", required: true, aliases: [], description: "The figure: a count, a percentage 0–100, minutes, a rate or pounds" },
  { key: "numerator", required: false, aliases: [], description: "For a percentage or rate: the count on top (crimes solved)" },
  { key: "denominator", required: false, aliases: [], description: "For a percentage or rate: the count below (crimes recorded)" },
  { key: "survey_n", required: false, aliases: ["survey_size", "sample_size"], description: "For survey measures: the number of people surveyed" },
  { key: "status", required: false, aliases: [], description: "provisional or final (empty: not stated)" },
  { key: "note", required: false, aliases: ["notes", "comment"], description: "Free text shown with the figure (at most 500 characters)" },
];

/** Columns the template adds for the reader's benefit; they are read past, never imported. */
export const IGNORED_COLUMNS = ["indicator_name", "unit", "area_name"] as const;

export type ColumnKey = IndicatorFileColumn["key"];

/** A cell as read: CSV gives text; a workbook gives text, numbers, dates or formula errors. */
export type Cell = string | number | Date | { error: string } | null;

export interface IndicatorTable {
  format: "csv" | "xlsx";
  /** Header cells as written in the file. */
  header: string[];
  /** Data rows with the line (CSV) or worksheet row (.xlsx) each is on. */
  rows: { line: number; cells: Cell[] }[];
  /** For .xlsx, the worksheet read. */
  sheet?: string;
}

/**
 * An indicator file's rows once every cell has passed its checks, column by column: row i is
 * `indicatorIds[indicator[i]]`, `areaCodes[area[i]]`, `monthFromIndex(month[i])`, and so on. A
 * 400,000-row file is a few typed arrays (about 20 MB), not 400,000 objects.
 */
export class CheckedRows {
  length = 0;
  line: Int32Array;
  indicator: Int32Array;
  area: Int32Array;
  /** monthIndex of the month. */
  month: Int32Array;
  value: Float64Array;
  /** NaN where the file gives none (numerator, denominator, survey n). */
  numerator: Float64Array;
  denominator: Float64Array;
  surveyN: Float64Array;
  /** 0 none, 1 provisional, 2 final. */
  status: Uint8Array;
  /** Notes by row, only for rows that have one. */
  readonly notes = new Map<number, string>();
  readonly indicatorIds: string[] = [];
  readonly areaCodes: string[] = [];
  private readonly indicatorIndex = new Map<string, number>();
  private readonly areaIndex = new Map<string, number>();
  /** The first line of each key (indicator, area and month as one number) the file names. */
  readonly lineOfKey = new Map<number, number>();

  constructor(capacity: number) {
    this.line = new Int32Array(capacity);
    this.indicator = new Int32Array(capacity);
    this.area = new Int32Array(capacity);
    this.month = new Int32Array(capacity);
    this.value = new Float64Array(capacity);
    this.numerator = new Float64Array(capacity);
    this.denominator = new Float64Array(capacity);
    this.surveyN = new Float64Array(capacity);
    this.status = new Uint8Array(capacity);
  }

  indicatorOf(id: string): number {
    let i = this.indicatorIndex.get(id);
    if (i === undefined) this.indicatorIndex.set(id, (i = this.indicatorIds.push(id) - 1));
    return i;
  }

  areaOf(code: string): number {
    let i = this.areaIndex.get(code);
    if (i === undefined) this.areaIndex.set(code, (i = this.areaCodes.push(code) - 1));
    return i;
  }

  /** The index of an area code the file names, if it names it. */
  knownArea(code: string): number | undefined {
    return this.areaIndex.get(code);
  }

  /** One number per indicator, area and month (months are below 2^17, areas and indicators below 2^18 each). */
  static key(indicator: number, area: number, month: number): number {
    return (indicator * 262_144 + area) * 131_072 + month;
  }

  monthOf(row: number): Month {
    return monthFromIndex(this.month[row]!);
  }

  fields(row: number): { value: number; numerator: number | null; denominator: number | null; survey_n: number | null; status: "provisional" | "final" | null; note: string | null } {
    const orNull = (n: number) => (Number.isNaN(n) ? null : n);
    const status = this.status[row];
    return {
      value: this.value[row]!,
      numerator: orNull(this.numerator[row]!),
      denominator: orNull(this.denominator[row]!),
      survey_n: orNull(this.surveyN[row]!),
      status: status === 1 ? "provisional" : status === 2 ? "final" : null,
      note: this.notes.get(row) ?? null,
    };
  }

  /** The row on a line, if that line's row passed (lines are in file order: a binary search). */
  rowOnLine(line: number): number | undefined {
    let lo = 0;
    let hi = this.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.line[mid]!;
      if (at === line) return mid;
      if (at < line) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}

/** What a file is checked against: the catalogue and areas in the database, and today's month. */
export interface IndicatorFileContext {
  indicators: readonly { id: string; name: string; unit: Unit; source: string; isSample: boolean }[];
  /** Indicators the product computes from public files or generates as sample data: not importable. */
  notImportable: ReadonlyMap<string, string>;
  areas: readonly Area[];
  /** The current calendar month: a figure for a later month is a mistake. */
  currentMonth: Month;
}

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return "";
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === "object") return cell.error;
  return String(cell);
}

/**
 * A file's data rows, read again on demand: CSV rows are split from the file's text each time they
 * are visited (nothing per row is held between visits), a workbook's rows are held as read. A row
 * whose shape is wrong (a missing or extra field, an overlong cell) was reported when the file was
 * opened and is not visited.
 */
export interface IndicatorRows {
  format: "csv" | "xlsx";
  /** Header cells as written in the file. */
  header: string[];
  /** For .xlsx, the worksheet read. */
  sheet?: string;
  /** How many rows `each` visits. */
  count: number;
  /** Visits each data row in file order with the line (CSV) or worksheet row (.xlsx) it is on. */
  each(visit: (line: number, cells: readonly Cell[]) => void): void;
}

/** Opens a CSV or .xlsx indicator file, reporting what makes it unreadable. */
export async function openIndicatorRows(fileName: string, bytes: Uint8Array, problems: ProblemList): Promise<IndicatorRows | undefined> {
  if (bytes.byteLength > MAX_INDICATOR_FILE_BYTES) {
    problems.add({ message: `the file is ${megabytes(bytes.byteLength)}, over the ${megabytes(MAX_INDICATOR_FILE_BYTES)} limit: split it by year` });
    return undefined;
  }
  if (bytes.byteLength === 0) {
    problems.add({ message: "the file is empty (0 bytes)" });
    return undefined;
  }
  const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (/\.xlsx$/i.test(fileName) || isZip) {
    if (!/\.xlsx$/i.test(fileName)) {
      problems.add({ message: "the file is a workbook or zip archive, not CSV text: save it as .xlsx or as CSV UTF-8" });
      return undefined;
    }
    return readWorkbook(bytes, problems);
  }
  if (/\.xls$/i.test(fileName)) {
    problems.add({ message: "old Excel .xls files are not read: save the workbook as .xlsx or as CSV UTF-8" });
    return undefined;
  }
  return openCsvRows(bytes, problems);
}

/** Reads a CSV or .xlsx file (an indicator or catalogue file) into a table of its rows. */
export async function readIndicatorTable(fileName: string, bytes: Uint8Array, problems: ProblemList): Promise<IndicatorTable | undefined> {
  const source = await openIndicatorRows(fileName, bytes, problems);
  if (!source) return undefined;
  const rows: IndicatorTable["rows"] = [];
  source.each((line, cells) => rows.push({ line, cells: [...cells] }));
  return { format: source.format, header: source.header, rows, ...(source.sheet !== undefined ? { sheet: source.sheet } : {}) };
}

function heldRows(table: IndicatorTable): IndicatorRows {
  return {
    format: table.format,
    header: table.header,
    ...(table.sheet !== undefined ? { sheet: table.sheet } : {}),
    count: table.rows.length,
    each: (visit) => {
      for (const r of table.rows) visit(r.line, r.cells);
    },
  };
}

function tooManyRows(count: number): string {
  return `the file has ${count.toLocaleString("en-GB")} rows, over the limit of ${MAX_FILE_ROWS.toLocaleString("en-GB")} rows a file may hold: split it by year`;
}

function tooLongCell(line: number, column: string, text: string) {
  return { line, column, value: `${text.slice(0, 80)}…`, message: `the cell holds ${text.length.toLocaleString("en-GB")} characters, over the limit of ${MAX_CELL_CHARS.toLocaleString("en-GB")} characters a cell may hold` };
}

function megabytes(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Why a CSV record cannot be a row (its fields do not fit the header, or a cell is too long), if so. */
function recordProblem(header: readonly string[], line: number, fields: readonly string[]): Omit<ImportProblem, "file"> | undefined {
  const width = header.length;
  const long = fields.findIndex((f) => f.length > MAX_CELL_CHARS);
  if (long >= 0) return tooLongCell(line, header[long] ?? `field ${long + 1}`, fields[long]!);
  if (fields.length !== width && fields.some((f) => f.trim() !== "")) {
    const short = fields.length < width;
    return {
      line,
      column: short ? header[fields.length] ?? "" : `field ${fields.length}`,
      value: fields.join(","),
      message: short
        ? `the row has ${fields.length} of the header's ${width} fields: the file looks truncated, or a comma is missing`
        : `the row has ${fields.length} fields, the header ${width}: a value with a comma must be in double quotes`,
    };
  }
  return undefined;
}

/**
 * A CSV's rows. A file with no double quote anywhere (what the template and most exports give) has
 * no quoted field, so its records are its non-empty lines split at commas, exactly as csv-parse
 * reads them: they are split again on each visit from the one decoded text, so a 400,000-row file
 * never holds 400,000 arrays of fields. A file with quotes is read whole by csv-parse.
 */
function openCsvRows(bytes: Uint8Array, problems: ProblemList): IndicatorRows | undefined {
  const text = decodeUtf8(bytes, problems);
  if (text === undefined) return undefined;
  if (text.includes('"')) {
    const csv = readCsv(bytes, problems);
    if (!csv) return undefined;
    if (csv.records.length > MAX_FILE_ROWS) {
      problems.add({ message: tooManyRows(csv.records.length) });
      return undefined;
    }
    const rows: IndicatorTable["rows"] = [];
    for (const record of csv.records) {
      const problem = recordProblem(csv.header, record.line, record.fields);
      if (problem) problems.add(problem);
      else rows.push({ line: record.line, cells: record.fields });
    }
    return heldRows({ format: "csv", header: csv.header, rows });
  }
  // Each non-empty line with its 1-based number; what follows a final line break is no line.
  const eachLine = (visit: (lineNo: number, line: string) => void) => {
    let at = 0;
    let lineNo = 0;
    while (at < text.length) {
      let end = text.indexOf("\n", at);
      if (end === -1) end = text.length;
      lineNo++;
      const stop = end > at && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (stop > at) visit(lineNo, text.slice(at, stop));
      at = end + 1;
    }
  };
  let header: string[] | undefined;
  let headerLine = 0;
  let records = 0;
  eachLine((lineNo, line) => {
    if (!header) {
      header = line.split(",").map((h) => h.trim());
      headerLine = lineNo;
    } else records++;
  });
  if (!header) {
    problems.add({ message: "the file is empty" });
    return undefined;
  }
  if (records > MAX_FILE_ROWS) {
    problems.add({ message: tooManyRows(records) });
    return undefined;
  }
  const columns = header;
  // The shape of every record is checked once, here; a record that fails is left out of every visit.
  const refused = new Set<number>();
  eachLine((lineNo, line) => {
    if (lineNo <= headerLine) return;
    const problem = recordProblem(columns, lineNo, line.split(","));
    if (problem) {
      problems.add(problem);
      refused.add(lineNo);
    }
  });
  return {
    format: "csv",
    header: columns,
    count: records - refused.size,
    each: (visit) =>
      eachLine((lineNo, line) => {
        if (lineNo > headerLine && !refused.has(lineNo)) visit(lineNo, line.split(","));
      }),
  };
}

/**
 * A workbook's rows: the sheet is read as it inflates (xlsxStream.ts, decision 114c) into typed
 * columns, and each visit makes the cells of a row again from them.
 */
async function readWorkbook(bytes: Uint8Array, problems: ProblemList): Promise<IndicatorRows | undefined> {
  let read;
  try {
    read = await readSheet(bytes, (p) => problems.add(p), { maxRows: MAX_FILE_ROWS });
  } catch (error) {
    if (!(error instanceof Damaged)) throw error;
    // Where the zip or its XML is broken means nothing to the user: they are told what to do.
    problems.add({ message: "the workbook cannot be read, it may be truncated or damaged: open it in Excel and save it again as .xlsx, or as CSV UTF-8" });
    return undefined;
  }
  if (read === "no sheet") {
    problems.add({ message: "the workbook has no worksheets" });
    return undefined;
  }
  if (read.rowCount > MAX_FILE_ROWS) {
    problems.add({ message: tooManyRows(read.rowCount) });
    return undefined;
  }
  const rows = read.rows;
  if (!rows) {
    problems.add({ message: `the worksheet "${read.sheet}" is empty` });
    return undefined;
  }
  if (rows.header.length === 0) return undefined; // the header row was refused, with its problem
  return { format: "xlsx", header: rows.header, sheet: read.sheet, count: rows.count, each: (visit) => rows.each(visit) };
}

/**
 * Checks every row of the file. Returns the rows that passed (all of them when `problems` stays
 * empty), where each column is, and how many rows had no figure (template rows not filled in).
 */
export function validateIndicatorRows(
  table: IndicatorRows,
  problems: ProblemList,
  context: IndicatorFileContext,
): { checked: CheckedRows; columns: Partial<Record<ColumnKey, number>>; blankRows: number } {
  const columns = locateIndicatorColumns(table.header, problems);
  if (!columns) return { checked: new CheckedRows(0), columns: {}, blankRows: 0 };
  if (table.count === 0) {
    problems.add({ line: 1, message: "the file has a header but no data rows" });
    return { checked: new CheckedRows(0), columns, blankRows: 0 };
  }
  const checked = new CheckedRows(table.count);
  const indicators = new Map(context.indicators.map((i) => [i.id, i]));
  const indicatorIds = context.indicators.filter((i) => !context.notImportable.has(i.id)).map((i) => i.id);
  const areas = areaResolver(context.areas);
  const currentMonth = monthIndex(context.currentMonth);
  // A row with no figure at all (the template's indicator, area and month, nothing filled in) is a
  // row not filled in: skipped and counted, so the preview says how many.
  const figureColumns = INDICATOR_FILE_COLUMNS.filter((c) => !["indicator", "area", "month"].includes(c.key))
    .map((c) => columns[c.key])
    .filter((i): i is number => i !== undefined);
  let blankRows = 0;
  const monthReads = new Map<string, MonthRead>();
  // The first line of each indicator, area and month, to name it when the key comes again.
  const firstLineOfKey = checked.lineOfKey;

  // The row being checked: the helpers below are made once, not once per row.
  let line = 0;
  let cells: readonly Cell[] = [];
  // A workbook may hold several sheets: the one read is named with the cell.
  const sheetRef = table.sheet !== undefined ? ` of the sheet "${table.sheet}"` : "";
  const where = (key: ColumnKey) => {
    const index = columns[key] ?? 0;
    return { line, column: table.header[index] ?? key, value: cellText(cells[index]), cellRef: table.format === "xlsx" ? ` (cell ${columnLetter(index)}${line}${sheetRef})` : "" };
  };
  const problem = (key: ColumnKey, message: string, suggestion?: string) => {
    const { cellRef, ...at } = where(key);
    problems.add({ ...at, message: `${message}${cellRef}`, ...(suggestion ? { suggestion } : {}) });
  };
  const cell = (key: ColumnKey): Cell => {
    const index = columns[key];
    return index === undefined ? null : (cells[index] ?? null);
  };
  const isBlank = (c: Cell | undefined) => c === null || c === undefined || c === "" || cellText(c).trim() === "";
  const noFigure = () => {
    for (const i of figureColumns) if (!isBlank(cells[i])) return false;
    return true;
  };
  table.each((rowLine, rowCells) => {
    line = rowLine;
    cells = rowCells;
    if (noFigure()) {
      blankRows++;
      return;
    }
    const before = problems.total;

    // Indicator
    const indicatorText = cellText(cell("indicator")).trim();
    const indicator = context.notImportable.has(indicatorText) ? undefined : indicators.get(indicatorText);
    if (indicatorText === "") problem("indicator", "the indicator is empty");
    else if (context.notImportable.has(indicatorText)) problem("indicator", context.notImportable.get(indicatorText) ?? "this indicator cannot be set by an indicator file");
    else if (!indicator) {
      const byName = context.indicators.find((i) => normaliseAreaName(i.name) === normaliseAreaName(indicatorText));
      const suggestion = byName?.id ?? nearestMatch(indicatorText, indicatorIds);
      problem("indicator", `unknown indicator${suggestion ? `; did you mean "${suggestion}"?` : ": add it to the catalogue first"}`, suggestion);
    }

    // Area
    const areaText = cellText(cell("area")).trim();
    const area = areas.resolve(areaText);
    if (areaText === "") problem("area", "the area is empty");
    else if (area.kind === "unknown") problem("area", `unknown area${area.suggestion ? `; did you mean "${area.suggestion}"?` : ": give an ONS code or a district name"}`, area.suggestion);
    else if (area.kind === "ambiguous") problem("area", `"${areaText}" names both ${area.candidates.map((a) => `${a.kind === "force" ? "a police force area" : "a district"} (${a.code})`).join(" and ")}: give the ONS code`);

    // Month (a file repeats a handful of months: each distinct text is read once)
    const monthCell = cell("month");
    let month = typeof monthCell === "string" ? monthReads.get(monthCell) : undefined;
    if (!month) {
      month = readMonth(monthCell);
      if (typeof monthCell === "string") monthReads.set(monthCell, month);
    }
    if (month.kind === "error") problem("month", month.message, month.suggestion);
    else if (monthIndex(month.month) > currentMonth) problem("month", `${month.month} is in the future`);

    // Value, numerator, denominator, survey n
    const unit = indicator?.unit;
    const value = readNumber(cell("value"), unit === "percentage");
    if (value.kind === "empty") problem("value", "the value is empty: fill it in, or delete the row if the figure is not available");
    else if (value.kind === "error") problem("value", value.message);
    else if (unit) {
      const unitProblem = checkUnit(unit, value.number);
      if (unitProblem) problem("value", unitProblem);
    }
    const numerator = readNumber(cell("numerator"), false);
    const denominator = readNumber(cell("denominator"), false);
    for (const [key, read] of [["numerator", numerator], ["denominator", denominator]] as const) {
      if (read.kind === "error") problem(key, read.message);
      else if (read.kind === "number" && read.number < 0) problem(key, `the ${key} is negative`);
    }
    if (numerator.kind === "number" && denominator.kind === "empty") problem("denominator", "a numerator is given without its denominator");
    if (denominator.kind === "number" && numerator.kind === "empty") problem("numerator", "a denominator is given without its numerator");
    if (numerator.kind === "number" && denominator.kind === "number" && numerator.number >= 0 && denominator.number >= 0) {
      if (numerator.number > denominator.number) problem("numerator", `the numerator (${numerator.number}) is above its denominator (${denominator.number})`);
      else if (denominator.number === 0) problem("denominator", "the denominator is 0");
      else if (unit === "percentage" && value.kind === "number") {
        const implied = (100 * numerator.number) / denominator.number;
        // Rounded to a whole percent still passes; a figure from another row or swapped columns does not.
        if (Math.abs(implied - value.number) > 0.5) problem("value", `the value does not match numerator ÷ denominator (${implied.toFixed(1)}%)`);
      }
    }
    const surveyN = readNumber(cell("survey_n"), false);
    if (surveyN.kind === "error") problem("survey_n", surveyN.message);
    else if (surveyN.kind === "number" && (surveyN.number < 0 || !Number.isInteger(surveyN.number))) problem("survey_n", "the survey size must be a whole number, 0 or more");

    // Status and note
    const statusText = cellText(cell("status")).trim().toLowerCase();
    if (statusText !== "" && statusText !== "provisional" && statusText !== "final") problem("status", 'the status must be "provisional", "final" or empty');
    const note = cellText(cell("note")).trim();
    if (note.length > 500) problem("note", `the note is ${note.length} characters long, over the 500 allowed`);

    // The same indicator, area and month twice in one file: which is meant?
    let key: number | undefined;
    if (indicator && (area.kind === "area") && month.kind === "month") {
      key = CheckedRows.key(checked.indicatorOf(indicator.id), checked.areaOf(area.area.code), monthIndex(month.month));
      const first = firstLineOfKey.get(key);
      if (first !== undefined) problem("month", `${indicator.id}, ${area.area.name}, ${month.month} is also on line ${first}: each indicator, area and month may appear once`);
      else firstLineOfKey.set(key, line);
    }

    if (problems.total === before && key !== undefined && indicator && area.kind === "area" && month.kind === "month" && value.kind === "number") {
      const row = checked.length++;
      checked.line[row] = line;
      checked.indicator[row] = checked.indicatorOf(indicator.id);
      checked.area[row] = checked.areaOf(area.area.code);
      checked.month[row] = monthIndex(month.month);
      checked.value[row] = value.number;
      checked.numerator[row] = numerator.kind === "number" ? numerator.number : NaN;
      checked.denominator[row] = denominator.kind === "number" ? denominator.number : NaN;
      checked.surveyN[row] = surveyN.kind === "number" ? surveyN.number : NaN;
      checked.status[row] = statusText === "provisional" ? 1 : statusText === "final" ? 2 : 0;
      if (note !== "") checked.notes.set(row, note);
    }
  });
  return { checked, columns, blankRows };
}

/** Finds each column by its name or an alias; an unknown column is an error (a typo would lose data). */
export function locateIndicatorColumns(header: readonly string[], problems: ProblemList): Partial<Record<ColumnKey, number>> | undefined {
  const positions: Partial<Record<ColumnKey, number>> = {};
  let ok = true;
  const known = [...INDICATOR_FILE_COLUMNS.flatMap((c) => [c.key, ...c.aliases]), ...IGNORED_COLUMNS];
  header.forEach((label, index) => {
    const key = columnKey(label);
    const column = INDICATOR_FILE_COLUMNS.find((c) => c.key === key || c.aliases.includes(key));
    if (column) {
      if (positions[column.key] !== undefined) {
        problems.add({ line: 1, column: label, value: label, message: `the column "${column.key}" appears twice in the header` });
        ok = false;
      } else positions[column.key] = index;
    } else if (!(IGNORED_COLUMNS as readonly string[]).includes(key)) {
      const suggestion = nearestMatch(key, known);
      problems.add({
        line: 1,
        column: label,
        value: label,
        message: key === "" ? "a column has no name" : `unknown column${suggestion ? `; did you mean "${suggestion}"?` : ""} (the columns are ${INDICATOR_FILE_COLUMNS.map((c) => c.key).join(", ")})`,
        ...(suggestion ? { suggestion } : {}),
      });
      ok = false;
    }
  });
  // A file naming its areas only in an "area_name" column (the template's reading aid) means them.
  const areaName = header.findIndex((label) => columnKey(label) === "area_name");
  if (positions.area === undefined && areaName !== -1) positions.area = areaName;
  for (const column of INDICATOR_FILE_COLUMNS) {
    if (column.required && positions[column.key] === undefined) {
      problems.add({ line: 1, column: column.key, message: `the header has no "${column.key}" column` });
      ok = false;
    }
  }
  return ok ? positions : undefined;
}

type AreaResolution =
  | { kind: "area"; area: Area }
  | { kind: "unknown"; suggestion?: string }
  | { kind: "ambiguous"; candidates: Area[] };

function areaResolver(areas: readonly Area[]) {
  const byCode = new Map(areas.map((a) => [a.code.toUpperCase(), a]));
  const byName = new Map<string, Area[]>();
  for (const area of areas) {
    const key = normaliseAreaName(area.name);
    byName.set(key, [...(byName.get(key) ?? []), area]);
  }
  const names = [...new Set(areas.map((a) => a.name))];
  const cache = new Map<string, AreaResolution>();
  return {
    resolve(text: string): AreaResolution {
      const cached = cache.get(text);
      if (cached) return cached;
      let result: AreaResolution;
      const byCodeMatch = byCode.get(text.toUpperCase());
      if (byCodeMatch) result = { kind: "area", area: byCodeMatch };
      else {
        const matches = byName.get(normaliseAreaName(text)) ?? [];
        if (matches.length === 1) result = { kind: "area", area: matches[0]! };
        else if (matches.length > 1) result = { kind: "ambiguous", candidates: matches };
        else {
          const suggestion = /^[EWSNK]\d{8}$/i.test(text) ? undefined : nearestMatch(text, names, normaliseAreaName);
          result = suggestion ? { kind: "unknown", suggestion } : { kind: "unknown" };
        }
      }
      cache.set(text, result);
      return result;
    },
  };
}

type MonthRead = { kind: "month"; month: Month } | { kind: "error"; message: string; suggestion?: string };

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * A month is "YYYY-MM" text. Excel turns "2025-01" typed into a cell into the date 1 January 2025
 * (shown as 01/01/2025 or stored as the serial 45658): that is reported as such, with the month it
 * probably meant, rather than guessed, because a day-first/month-first mix-up would move figures.
 */
export function readMonth(cell: Cell): MonthRead {
  const excelHint = 'an Excel date where a month was meant: format the column as Text and write the month as YYYY-MM';
  if (cell instanceof Date) {
    const meant = `${cell.getUTCFullYear()}-${String(cell.getUTCMonth() + 1).padStart(2, "0")}`;
    return { kind: "error", message: `${excelHint} (probably ${meant})`, suggestion: meant };
  }
  if (typeof cell === "number") {
    if (Number.isInteger(cell) && cell > 20000 && cell < 80000) return { kind: "error", message: `${excelHint} (${cell} is a date serial number)` };
    return { kind: "error", message: "not a month: write it as YYYY-MM, e.g. 2025-01" };
  }
  const text = cellText(cell).trim();
  if (text === "") return { kind: "error", message: "the month is empty" };
  if (isMonth(text)) return { kind: "month", month: text };
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(text) || /^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(text) || /^\d{5}$/.test(text)) {
    return { kind: "error", message: `${excelHint}` };
  }
  const named = /^([a-z]{3})[a-z]*[\s-]+(\d{4})$/i.exec(text);
  if (named && MONTH_NAMES.includes(named[1]!.toLowerCase())) {
    const meant = `${named[2]}-${String(MONTH_NAMES.indexOf(named[1]!.toLowerCase()) + 1).padStart(2, "0")}`;
    return { kind: "error", message: `not a month in the form YYYY-MM (write ${meant})`, suggestion: meant };
  }
  return { kind: "error", message: "not a month: write it as YYYY-MM, e.g. 2025-01" };
}

type NumberRead = { kind: "number"; number: number } | { kind: "empty" } | { kind: "error"; message: string };

/** A number as written in a figures file: "1234", "1,234", "-12.5", and "45.2%" for percentages. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function readNumber(cell: Cell, allowPercentSign: boolean): NumberRead {
  const read = readNumberAsWritten(cell, allowPercentSign);
  // "1e400" or 400 digits parse to Infinity: a figure no file can mean (issue 9).
  if (read.kind === "number" && !Number.isFinite(read.number)) return { kind: "error", message: "not a finite number: too large to be any real figure" };
  return read;
}

function readNumberAsWritten(cell: Cell, allowPercentSign: boolean): NumberRead {
  if (typeof cell === "string" && PLAIN_NUMBER.test(cell)) return { kind: "number", number: Number(cell) };
  if (typeof cell === "number") return Number.isFinite(cell) ? { kind: "number", number: cell } : { kind: "error", message: "not a number" };
  if (cell instanceof Date) return { kind: "error", message: "a date where a number was meant" };
  if (cell !== null && typeof cell === "object") return { kind: "error", message: `the spreadsheet shows the error ${cell.error} here, not a number` };
  let text = cellText(cell).trim();
  if (text === "") return { kind: "empty" };
  if (allowPercentSign && text.endsWith("%")) text = text.slice(0, -1).trim();
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) text = text.replace(/,/g, "");
  if (!/^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(text)) return { kind: "error", message: "not a number" };
  return { kind: "number", number: Number(text) };
}

/**
 * The largest figure that could be real for each unit, for one area and one month: a count above
 * 10 million (England and Wales record about 550,000 crimes a month), a rate above 1 million, a
 * time above 30 days (43,200 minutes), a sum above £1 trillion. Beyond these a figure is a typing
 * or export error, rejected with its line and column rather than drawn.
 */
export const PLAUSIBLE_MAXIMUM: Record<Unit, number> = { count: 10_000_000, percentage: 100, rate: 1_000_000, minutes: 43_200, currency: 1_000_000_000_000 };

/** What a value must be for its unit: counts are whole and not negative, percentages 0–100, nothing beyond PLAUSIBLE_MAXIMUM. */
export function checkUnit(unit: Unit, value: number): string | undefined {
  if (!Number.isFinite(value)) return "not a finite number";
  if (unit !== "percentage" && Math.abs(value) > PLAUSIBLE_MAXIMUM[unit]) return `${value} is beyond any real figure ${unit === "minutes" ? "in minutes" : unit === "currency" ? "in money" : `for a ${unit}`} (at most ${PLAUSIBLE_MAXIMUM[unit].toLocaleString("en-GB")})`;
  switch (unit) {
    case "count":
      if (value < 0) return "a count cannot be negative";
      if (!Number.isInteger(value)) return "a count must be a whole number";
      return undefined;
    case "percentage":
      return value < 0 || value > 100 ? "a percentage must be between 0 and 100" : undefined;
    case "rate":
      return value < 0 ? "a rate cannot be negative" : undefined;
    case "minutes":
      return value < 0 ? "a time in minutes cannot be negative" : undefined;
    case "currency":
      return undefined; // an underspend is negative
  }
}
