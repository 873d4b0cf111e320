import { stringify } from "csv-stringify/browser/esm/sync";

/**
 * The data behind a chart, once: the chart draws it, the accessible table lists it, and the CSV
 * download writes it, so the three cannot disagree.
 */
export interface TableColumn<Row> {
  key: string;
  label: string;
  /** The raw value written to the CSV (numbers unformatted, null as empty). */
  value: (row: Row) => string | number | null;
  /** How the table shows it; defaults to the raw value. */
  display?: (row: Row) => string;
  numeric?: boolean;
}

export function toCsv<Row>(columns: readonly TableColumn<Row>[], rows: readonly Row[]): string {
  return stringify(
    rows.map((row) => columns.map((c) => c.value(row) ?? "")),
    { header: true, columns: columns.map((c) => c.label), record_delimiter: "\n" },
  );
}

export function fileSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
