// exceljs is loaded when a workbook is read or written: it takes about a second to load, and most imports and every start-up need it not (issue 13).
import { readCsv } from "./csv";
import { type ProblemList } from "./errors";
import type { AreaContext } from "./context";

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
  const rows = /\.xlsx$/i.test(fileName) ? await readMye4Worksheet(bytes, problems) : readCsvRows(bytes, problems);
  return rows ? populationsFromRows(rows, problems, areas) : { populations: [], summary: { rowsRead: 0, rowsAccepted: 0, rowsSkipped: 0 } };
}

type SheetRow = { line: number; cells: string[] };

function readCsvRows(bytes: Uint8Array, problems: ProblemList): SheetRow[] | undefined {
  const table = readCsv(bytes, problems);
  if (!table) return undefined;
  return [{ line: 1, cells: table.header }, ...table.records.map((r) => ({ line: r.line, cells: r.fields }))];
}

async function readMye4Worksheet(bytes: Uint8Array, problems: ProblemList): Promise<SheetRow[] | undefined> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    problems.add({ message: `the file is not a readable .xlsx workbook (${(error as Error).message})` });
    return undefined;
  }
  const sheet = workbook.getWorksheet("MYE4");
  if (!sheet) {
    problems.add({ message: `the workbook has no "MYE4" worksheet (it has: ${workbook.worksheets.map((w) => w.name).join(", ")})` });
    return undefined;
  }
  const rows: SheetRow[] = [];
  sheet.eachRow((row, line) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push({ line, cells: values.map((v) => (v == null ? "" : typeof v === "object" ? String((v as { text?: unknown }).text ?? "") : String(v))) });
  });
  return rows;
}

function populationsFromRows(rows: SheetRow[], problems: ProblemList, areas: AreaContext) {
  const summary: PopulationSummary = { rowsRead: 0, rowsAccepted: 0, rowsSkipped: 0 };
  const populations: PopulationDraft[] = [];
  // The table starts at the row whose first cell is "Code" (the workbook has notes above it).
  const headerAt = rows.findIndex((r) => r.cells[0]?.trim().toLowerCase() === "code");
  const header = rows[headerAt];
  if (!header) {
    problems.add({ message: 'no header row starting with "Code" was found' });
    return { populations, summary };
  }
  const yearColumns = header.cells
    .map((label, index) => ({ index, label, year: Number(/^mid[-_ ]?(\d{4})$/i.exec(label.trim())?.[1]) }))
    .filter((c) => Number.isInteger(c.year));
  if (yearColumns.length === 0) {
    problems.add({ line: header.line, message: 'the header has no "Mid-YYYY" columns' });
    return { populations, summary };
  }
  const districtTotals = new Map<string, number>();
  for (const { line, cells } of rows.slice(headerAt + 1)) {
    const code = cells[0]?.trim() ?? "";
    if (code === "") continue;
    summary.rowsRead++;
    const area = areas.areasByCode.get(code);
    if (!area || area.kind !== "district") {
      summary.rowsSkipped++;
      continue;
    }
    summary.rowsAccepted++;
    for (const { index, label, year } of yearColumns) {
      const text = (cells[index] ?? "").trim().replace(/,/g, "");
      if (!/^\d+$/.test(text)) {
        problems.add({ line, column: label, value: cells[index] ?? "", message: "not a whole number of people" });
        continue;
      }
      const value = Number(text);
      if (!Number.isSafeInteger(value) || value > 100_000_000) {
        problems.add({ line, column: label, value: cells[index] ?? "", message: "beyond any real population for a district (at most 100,000,000)" });
        continue;
      }
      populations.push({ areaCode: code, year, value });
      if (area.parent_code) {
        const key = `${area.parent_code}|${year}`;
        districtTotals.set(key, (districtTotals.get(key) ?? 0) + value);
      }
    }
  }
  for (const [key, value] of districtTotals) {
    const [areaCode, year] = key.split("|") as [string, string];
    populations.push({ areaCode, year: Number(year), value });
  }
  return { populations, summary };
}
