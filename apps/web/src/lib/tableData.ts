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

/**
 * The rows as CSV. A sample (synthetic) series says so in the file itself: a first comment line
 * ("# Sample data: …"), which R's read.csv(comment.char = "#") and pandas' read_csv(comment="#") skip.
 */
export function toCsv<Row>(columns: readonly TableColumn<Row>[], rows: readonly Row[], sample?: { title: string; period: string; source: string }): string {
  const body = stringify(
    rows.map((row) => columns.map((c) => c.value(row) ?? "")),
    { header: true, columns: columns.map((c) => c.label), record_delimiter: "\n" },
  );
  return sample ? `${sampleDataLine(sample)}\n${body}` : body;
}

/** The first line of a sample series' CSV: what it is, and that it is not published data. */
export function sampleDataLine({ title, period, source }: { title: string; period: string; source: string }): string {
  return `# Sample data: synthetic figures for trying Scrutiny, not published statistics. ${title}, ${period}, source: ${source}`.replace(/[\r\n]+/g, " ");
}

export function fileSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
