import { forceByHomeOfficeName } from "@scrutiny/domain";
import { locateColumns, readCsv } from "./csv";
import { type ProblemList } from "./errors";
import type { ObservationDraft } from "./observations";

const COLUMNS = {
  periodEnd: "12 months ending",
  pfa: "PFA",
  offence: "Offence",
  total: "Rolling year total number of offences",
} as const;

/** National fraud reporting bodies and BTP appear in the table but are not police force areas. */
const NOT_FORCE_AREAS = new Set(["Action Fraud", "CIFAS", "UK Finance", "British Transport Police"]);

/** Offence groups of the Home Office police recorded crime tables, by PFA. */
export const HOME_OFFICE_OFFENCES = [
  "All other theft offences",
  "Bicycle theft",
  "Criminal damage and arson",
  "Death or serious injury caused by illegal driving",
  "Domestic burglary",
  "Drug offences",
  "Fraud offences",
  "Homicide",
  "Miscellaneous crimes against society",
  "Non-domestic burglary",
  "Non-residential burglary",
  "Possession of weapons offences",
  "Public order offences",
  "Residential burglary",
  "Robbery",
  "Sexual offences",
  "Shoplifting",
  "Stalking and harassment",
  "Theft from the person",
  "Vehicle offences",
  "Violence with injury",
  "Violence without injury",
] as const;

export const homeOfficeIndicatorId = {
  offence: (offence: string) => `ho-${offence.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/-$/, "")}`,
  /** Fraud moved from forces to Action Fraud during 2011–2013, so the comparable total leaves it out. */
  allCrimeExcludingFraud: "ho-all-crime-excl-fraud",
};

export interface RecordedCrimeSummary {
  rowsRead: number;
  rowsAccepted: number;
  rowsSkipped: number;
  negativeTotals: number;
}

/**
 * Home Office recorded crime by police force area: rolling 12-month totals at each quarter end.
 * Each value is stored against the last month of its 12-month window.
 */
export function readHomeOfficeRecordedCrimeFile(
  bytes: Uint8Array,
  problems: ProblemList,
): { observations: ObservationDraft[]; summary: RecordedCrimeSummary } {
  const summary: RecordedCrimeSummary = { rowsRead: 0, rowsAccepted: 0, rowsSkipped: 0, negativeTotals: 0 };
  const observations: ObservationDraft[] = [];
  const table = readCsv(bytes, problems);
  if (!table) return { observations, summary };
  const at = locateColumns(table.header, COLUMNS, problems);
  if (!at) return { observations, summary };
  if (table.records.length === 0) problems.add({ line: 2, message: "the file has a header but no records" });
  const totals = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const { line, fields } of table.records) {
    summary.rowsRead++;
    const field = (column: keyof typeof COLUMNS) => fields[at[column]] ?? "";
    const bad = (column: keyof typeof COLUMNS, message: string) =>
      problems.add({ line, column: COLUMNS[column], value: field(column), message });
    const date = /^(\d{2})-(\d{2})-(\d{4})$/.exec(field("periodEnd"));
    if (!date || !isCalendarDate(Number(date[3]), Number(date[2]), Number(date[1]))) {
      bad("periodEnd", "not a date in the form DD-MM-YYYY");
      continue;
    }
    const month = `${date[3]}-${date[2]}`;
    if (NOT_FORCE_AREAS.has(field("pfa"))) {
      summary.rowsSkipped++;
      continue;
    }
    const force = forceByHomeOfficeName(field("pfa"));
    if (!force) {
      bad("pfa", "not a police force area name");
      continue;
    }
    const offence = field("offence");
    if (!(HOME_OFFICE_OFFENCES as readonly string[]).includes(offence)) {
      bad("offence", "not a Home Office offence group");
      continue;
    }
    const text = field("total");
    // The published tables hold a few small negative totals (offences reclassified out after the
    // period closed); they are kept as published and counted in the import notes.
    if (!/^-?\d+$/.test(text)) {
      bad("total", "not a whole number of offences");
      continue;
    }
    // 12 months of one offence group in one force: the Met records about 900,000 crimes of all kinds a year.
    if (!Number.isSafeInteger(Number(text)) || Math.abs(Number(text)) > 10_000_000) {
      bad("total", "beyond any real 12-month total for a force (at most 10,000,000)");
      continue;
    }
    if (text.startsWith("-")) summary.negativeTotals++;
    const key = `${force.code}|${month}|${offence}`;
    const firstLine = seen.get(key);
    if (firstLine !== undefined) {
      bad("offence", `a second total for this force, period and offence (first on line ${firstLine})`);
      continue;
    }
    seen.set(key, line);
    const value = Number(text);
    summary.rowsAccepted++;
    observations.push({ indicatorId: homeOfficeIndicatorId.offence(offence), areaCode: force.code, month, value, numerator: null, denominator: null });
    if (offence !== "Fraud offences") {
      const totalKey = `${force.code}|${month}`;
      totals.set(totalKey, (totals.get(totalKey) ?? 0) + value);
    }
  }
  for (const [key, value] of totals) {
    const [areaCode, month] = key.split("|") as [string, string];
    observations.push({ indicatorId: homeOfficeIndicatorId.allCrimeExcludingFraud, areaCode, month, value, numerator: null, denominator: null });
  }
  return { observations, summary };
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
