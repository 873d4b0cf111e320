/**
 * Limits on what a workbook may inflate to. A 522 KB .xlsx holding one 500 MB cell once took
 * 3.8 GB of memory: an .xlsx is a zip, and a zip's entries can inflate a thousandfold. The reader
 * (xlsxStream.ts, decision 114c) inflates each part it reads through a stream and counts the bytes
 * as they come (the sizes the zip declares are not trusted), so a bomb is stopped at the limit
 * having cost a chunk of memory, and the caller gets a 413 naming the limit.
 *
 * The worksheet itself is never held: 512 MB in all admits a 420,000-row sheet (the bench's
 * 399,840 rows are 83 MB of XML; Excel's own, with a style on every cell, about twice that) and
 * bounds the time a bomb can take. The parts that are held whole while the sheet is read (shared
 * strings, styles, the workbook and its relationships) keep the old 64 MB each, and one row or
 * shared string 16 MB.
 */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024;
export const MAX_XLSX_HELD_PART_BYTES = 64 * 1024 * 1024;
export const MAX_XLSX_PENDING_CHARS = 16 * 1024 * 1024;
export const MAX_XLSX_ENTRIES = 2000;
/** Columns a workbook's header row may span: the template has 12. */
export const MAX_XLSX_COLUMNS = 256;
/** Rows and characters per cell any indicator or catalogue file may hold (CSV or .xlsx). 420,000 rows
 * is the documented maximum of a force file (issue 13: ten years of district figures); a bigger
 * history is split by year. */
export const MAX_FILE_ROWS = 420_000;
export const MAX_CELL_CHARS = 2000;
/** Entries a list in a held part may hold (cell styles, number formats, sheets, relationships):
 * Excel allows 64,000 cell styles. A longer list is refused, never cut short. */
export const MAX_XLSX_TAGS = 65_536;
/** Cells with a value a sheet may keep after its header: 420,000 rows of 24 (the template has 12).
 * Counting XML bytes alone does not bound memory: 512 MB of the smallest cells (`<c><v>1</v></c>`)
 * would be 35 million cells, about 1 GB held. */
export const MAX_XLSX_CELLS_PER_ROW = 24;
export const MAX_XLSX_KEPT_CELLS = MAX_FILE_ROWS * MAX_XLSX_CELLS_PER_ROW;
