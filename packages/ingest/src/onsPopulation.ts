import { readCsv } from "./csv";
import { LimitExceeded, type ProblemList } from "./errors";
import type { AreaContext } from "./context";
import { MAX_FILE_ROWS } from "./xlsxLimits";
import { columnLetter, Damaged, readSheet, type XlsxCell } from "./xlsxStream";

export interface PopulationDraft {
  areaCode: string;
  year: number;
  value: number;
}

export interface PopulationSummary {
  rowsRead: number;
  rowsAccepted: number;
  /** Countries, regions, counties and areas outside the areas the product knows. */
  rowsSkipped: number;
}

/**
 * ONS mid-year population estimates, MYE4 table (one row per area, one column per mid-year), from
 * the published workbook (sheet "MYE4") or a CSV extract of it. District estimates are kept as
 * published; a force area's estimate is the sum of its districts (as ONS derives PFA totals).
 */
export async function readOnsPopulationFile(
  fileName: string,
  bytes: Uint8Array,
  problems: ProblemList,
  areas: AreaContext,
): Promise<{ populations: PopulationDraft[]; summary: PopulationSummary }> {
  const table = /\.xlsx$/i.test(fileName) ? await readMye4Worksheet(fileName, bytes, problems) : readCsvTable(bytes, problems);
  return table ? populationsFromTable(table, problems, areas) : { populations: [], summary: { rowsRead: 0, rowsAccepted: 0, rowsSkipped: 0 } };
}

/** The table below its "Code" header row: the header's cells and line, and each row after it. */
interface Table {
  header: readonly string[];
  headerLine: number;
  /** For a workbook, the sheet read (problems name their cell in it). */
  sheet?: string;
  each(visit: (line: number, cells: readonly string[]) => void): void;
}

/** The table starts at the row whose first cell is "Code" (the workbook has notes above it). */
const isHeader = (cells: readonly string[]) => cells[0]?.trim().toLowerCase() === "code";
const NO_HEADER = 'no header row starting with "Code" was found';

function readCsvTable(bytes: Uint8Array, problems: ProblemList): Table | undefined {
  const table = readCsv(bytes, problems);
  if (!table) return undefined;
  const { header, records } = table;
  if (isHeader(header)) return { header, headerLine: 1, each: (visit) => records.forEach((r) => visit(r.line, r.fields)) };
  const at = records.findIndex((r) => isHeader(r.fields));
  if (at === -1) {
    problems.add({ message: NO_HEADER });
    return undefined;
  }
  return {
    header: records[at]!.fields,
    headerLine: records[at]!.line,
    each: (visit) => {
      for (let i = at + 1; i < records.length; i++) visit(records[i]!.line, records[i]!.fields);
    },
  };
}

/**
 * The sheet "MYE4", read as it inflates by the reader the indicator import uses (xlsxStream.ts,
 * decision 114c), under the same limits (xlsxLimits.ts): a workbook past one is refused with a
 * LimitExceeded naming the file and the limit before anything is held or written.
 */
async function readMye4Worksheet(fileName: string, bytes: Uint8Array, problems: ProblemList): Promise<Table | undefined> {
  let read;
  try {
    read = await readSheet(bytes, (p) => problems.add(p), { maxRows: MAX_FILE_ROWS, sheet: "MYE4", isHeader });
  } catch (error) {
    if (error instanceof LimitExceeded) throw new LimitExceeded(error.limit, `${fileName}: ${error.message}`);
    if (!(error instanceof Damaged)) throw error;
    problems.add({ message: "the workbook cannot be read, it may be truncated or damaged: open it in Excel and save it again as .xlsx, or as CSV UTF-8" });
    return undefined;
  }
  if (read === "no sheet") return undefined; // the problem names the sheets the workbook has
  if (read.rowCount > MAX_FILE_ROWS) {
    problems.add({ message: `the worksheet "${read.sheet}" holds ${read.rowCount.toLocaleString("en-GB")} rows, over the limit of ${MAX_FILE_ROWS.toLocaleString("en-GB")}` });
    return undefined;
  }
  const rows = read.rows;
  if (!rows) {
    problems.add({ message: `${NO_HEADER} in the worksheet "${read.sheet}"` });
    return undefined;
  }
  if (rows.header.length === 0) return undefined; // the header row was refused, with its problem
  return { header: rows.header, headerLine: rows.headerLine, sheet: read.sheet, each: (visit) => rows.each((line, cells) => visit(line, cells.map(cellText))) };
}

/** A cell as text, as the rows of the CSV extract are. */
function cellText(cell: XlsxCell): string {
  if (cell === null) return "";
  if (typeof cell === "object" && !(cell instanceof Date)) return cell.error;
  return String(cell);
}

function populationsFromTable(table: Table, problems: ProblemList, areas: AreaContext) {
  const summary: PopulationSummary = { rowsRead: 0, rowsAccepted: 0, rowsSkipped: 0 };
  const populations: PopulationDraft[] = [];
  const yearColumns = table.header
    .map((label, index) => ({ index, label, year: Number(/^mid[-_ ]?(\d{4})$/i.exec(label.trim())?.[1]) }))
    .filter((c) => Number.isInteger(c.year));
  if (yearColumns.length === 0) {
    problems.add({ line: table.headerLine, message: 'the header has no "Mid-YYYY" columns' });
    return { populations, summary };
  }
  const districtTotals = new Map<string, number>();
  const cellRef = (index: number, line: number) => (table.sheet !== undefined ? ` (cell ${columnLetter(index)}${line} of the sheet "${table.sheet}")` : "");
  table.each((line, cells) => {
    const code = cells[0]?.trim() ?? "";
    if (code === "") return;
    summary.rowsRead++;
    const area = areas.areasByCode.get(code);
    if (!area || area.kind !== "district") {
      summary.rowsSkipped++;
      return;
    }
    summary.rowsAccepted++;
    for (const { index, label, year } of yearColumns) {
      const text = (cells[index] ?? "").trim().replace(/,/g, "");
      if (!/^\d+$/.test(text)) {
        problems.add({ line, column: label, value: cells[index] ?? "", message: `not a whole number of people${cellRef(index, line)}` });
        continue;
      }
      const value = Number(text);
      if (!Number.isSafeInteger(value) || value > 100_000_000) {
        problems.add({ line, column: label, value: cells[index] ?? "", message: `beyond any real population for a district (at most 100,000,000)${cellRef(index, line)}` });
        continue;
      }
      populations.push({ areaCode: code, year, value });
      if (area.parent_code) {
        const key = `${area.parent_code}|${year}`;
        districtTotals.set(key, (districtTotals.get(key) ?? 0) + value);
      }
    }
  });
  for (const [key, value] of districtTotals) {
    const [areaCode, year] = key.split("|") as [string, string];
    populations.push({ areaCode, year: Number(year), value });
  }
  return { populations, summary };
}
