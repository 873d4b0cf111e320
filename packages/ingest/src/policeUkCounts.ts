import { crimeTypeByName, forceByPoliceUkSlug, isMonth, outcomeGroupOf, ANTI_SOCIAL_BEHAVIOUR } from "@scrutiny/domain";
import { locateColumns, readCsv } from "./csv";
import { type ProblemList } from "./errors";
import { type CrimeTally } from "./crimeCounts";

const COUNT_COLUMNS = {
  month: "month",
  forceSlug: "force_slug",
  crimeType: "crime_type",
  lastOutcome: "last_outcome_category",
  count: "count",
} as const;

/** police.uk publishes these too, but they have no police force area to compare. */
const NON_TERRITORIAL_FORCES = new Set(["btp", "northern-ireland"]);

export interface CountsFileSummary {
  rowsRead: number;
  rowsAccepted: number;
  /** Rows for British Transport Police and PSNI, which have no police force area. */
  rowsSkipped: number;
}

/**
 * Reads the all-forces monthly count file (street records counted by month, force, crime type and
 * last outcome) into the same tally the street files use. Force level only: it carries no LSOA.
 */
export function readPoliceUkCountsFile(bytes: Uint8Array, problems: ProblemList, tally: CrimeTally): CountsFileSummary {
  const summary: CountsFileSummary = { rowsRead: 0, rowsAccepted: 0, rowsSkipped: 0 };
  const table = readCsv(bytes, problems);
  if (!table) return summary;
  const at = locateColumns(table.header, COUNT_COLUMNS, problems);
  if (!at) return summary;
  if (table.records.length === 0) problems.add({ line: 2, message: "the file has a header but no records" });
  const width = table.header.length;
  for (const { line, fields } of table.records) {
    summary.rowsRead++;
    if (fields.length !== width) {
      problems.add({ line, message: `the row has ${fields.length} fields where the header has ${width}` });
      continue;
    }
    const field = (column: keyof typeof COUNT_COLUMNS) => fields[at[column]] ?? "";
    const bad = (column: keyof typeof COUNT_COLUMNS, message: string) =>
      problems.add({ line, column: COUNT_COLUMNS[column], value: field(column), message });
    const month = field("month");
    if (!isMonth(month)) {
      bad("month", "not a month in the form YYYY-MM");
      continue;
    }
    const slug = field("forceSlug");
    if (NON_TERRITORIAL_FORCES.has(slug)) {
      summary.rowsSkipped++;
      continue;
    }
    const force = forceByPoliceUkSlug(slug);
    if (!force) {
      bad("forceSlug", "not a police.uk force slug");
      continue;
    }
    const crimeType = crimeTypeByName(field("crimeType"));
    if (!crimeType) {
      bad("crimeType", "not one of the 14 police.uk crime types");
      continue;
    }
    let outcome = null;
    if (crimeType.name !== ANTI_SOCIAL_BEHAVIOUR) {
      outcome = outcomeGroupOf(field("lastOutcome"));
      if (!outcome) {
        bad("lastOutcome", "not a known police.uk outcome category");
        continue;
      }
    }
    const count = Number(field("count"));
    if (!/^\d+$/.test(field("count")) || !Number.isSafeInteger(count)) {
      bad("count", "not a whole number of records");
      continue;
    }
    if (count > 10_000_000) {
      bad("count", "beyond any real monthly count for a force (at most 10,000,000)");
      continue;
    }
    summary.rowsAccepted++;
    tally.cover(force.code, month);
    tally.add(force.code, month, crimeType.name, outcome, count);
  }
  return summary;
}
