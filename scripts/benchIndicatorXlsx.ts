import ExcelJS from "exceljs";

/**
 * Writes the bench's indicator rows (a CSV from benchIndicatorFiles) as an .xlsx at `path`, the
 * way a spreadsheet would hold them: one "Indicators" sheet, text in shared strings, figures as
 * numbers, empty cells left out. exceljs's streaming writer, so the workbook is never whole in memory.
 */
export async function writeBenchIndicatorXlsx(csv: Uint8Array, path: string): Promise<void> {
  const text = new TextDecoder().decode(csv);
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: false });
  const sheet = book.addWorksheet("Indicators");
  let at = 0;
  let first = true;
  while (at < text.length) {
    let end = text.indexOf("\n", at);
    if (end === -1) end = text.length;
    const line = text.slice(at, end);
    at = end + 1;
    if (line === "") continue;
    const fields = line.split(",");
    // Text for the header and the indicator, area and month; numbers for the figures.
    sheet.addRow(first ? fields : fields.map((f, i) => (i < 3 || f === "" ? (f === "" ? null : f) : Number(f)))).commit();
    first = false;
  }
  sheet.commit();
  await book.commit();
}
