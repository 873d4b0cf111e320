import { crimeTypeByName, forceByPoliceUkName, isMonth, outcomeGroupOf, ANTI_SOCIAL_BEHAVIOUR } from "@scrutiny/domain";
import type { Area } from "@scrutiny/db";
import { locateColumns, scanCsv } from "./csv";
import { type ProblemList } from "./errors";
import { type CrimeTally } from "./crimeCounts";
import { districtNameOfLsoa, normaliseAreaName, type AreaContext } from "./context";

/** The published header; the snake_case spelling some redistributions use is accepted too. */
const STREET_COLUMNS = {
  month: "Month",
  fallsWithin: "Falls within",
  longitude: "Longitude",
  latitude: "Latitude",
  location: "Location",
  lsoaCode: "LSOA code",
  lsoaName: "LSOA name",
  crimeType: "Crime type",
  lastOutcome: "Last outcome category",
} as const;

const LSOA_CODE = /^[EW]01\d{6}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

export interface StreetFileSummary {
  rowsRead: number;
  /** Rows with no LSOA ("No location"): counted for the force, not for a district. */
  rowsWithoutLocation: number;
  /** Rows located in a district outside the force area: counted for the force only. */
  rowsOutsideForceArea: number;
  months: string[];
  forces: string[];
}

/**
 * Reads one data.police.uk street-level crime file into the tally. Every record is one crime or
 * ASB incident: exact duplicate rows are separate records and are all counted.
 * Problems are added to `problems`; the tally is only meaningful when there are none.
 */
export function readPoliceUkStreetFile(
  bytes: Uint8Array,
  problems: ProblemList,
  areas: AreaContext,
  tally: CrimeTally,
): StreetFileSummary {
  const summary: StreetFileSummary = { rowsRead: 0, rowsWithoutLocation: 0, rowsOutsideForceArea: 0, months: [], forces: [] };
  const table = scanCsv(bytes, problems);
  if (!table) return summary;
  const at = locateColumns(table.header, STREET_COLUMNS, problems);
  if (!at) return summary;

  const months = new Set<string>();
  const forces = new Set<string>();
  // A file names a few thousand LSOAs over and over: each is placed in its district once.
  const districtOfLsoaName = new Map<string, Area | null>();
  const width = table.header.length;
  const records = table.each((line, fields) => {
    summary.rowsRead++;
    if (fields.length !== width) {
      problems.add({ line, message: `the row has ${fields.length} fields where the header has ${width}` });
      return;
    }
    const field = (column: keyof typeof STREET_COLUMNS) => fields[at[column]] ?? "";
    const bad = (column: keyof typeof STREET_COLUMNS, message: string) =>
      problems.add({ line, column: STREET_COLUMNS[column], value: field(column), message });

    const month = field("month");
    if (!isMonth(month)) {
      bad("month", "not a month in the form YYYY-MM");
      return;
    }
    const force = forceByPoliceUkName(field("fallsWithin"));
    if (!force) {
      bad("fallsWithin", "not a territorial police force of England and Wales");
      return;
    }
    const crimeType = crimeTypeByName(field("crimeType"));
    if (!crimeType) {
      bad("crimeType", "not one of the 14 police.uk crime types");
      return;
    }
    let outcome = null;
    if (crimeType.name !== ANTI_SOCIAL_BEHAVIOUR) {
      outcome = outcomeGroupOf(field("lastOutcome"));
      if (!outcome) {
        bad("lastOutcome", "not a known police.uk outcome category (see docs/decisions/004-police-uk-outcome-groups.md)");
        return;
      }
    }
    for (const coordinate of ["longitude", "latitude"] as const) {
      const text = field(coordinate);
      if (text === "") continue;
      const limit = coordinate === "longitude" ? 180 : 90;
      if (!DECIMAL.test(text)) bad(coordinate, "not a decimal number");
      else if (Math.abs(Number(text)) > limit) bad(coordinate, `outside ±${limit} degrees`);
    }
    const lsoaCode = field("lsoaCode");
    if (lsoaCode !== "" && !LSOA_CODE.test(lsoaCode)) {
      bad("lsoaCode", "not an LSOA code (E01/W01 and six digits)");
      return;
    }
    if (lsoaCode !== "" && field("lsoaName") === "") {
      bad("lsoaName", "an LSOA code without its name");
      return;
    }

    months.add(month);
    forces.add(force.code);
    tally.add(force.code, month, crimeType.name, outcome);

    if (lsoaCode === "") {
      summary.rowsWithoutLocation++;
      return;
    }
    const lsoaName = field("lsoaName");
    let district = districtOfLsoaName.get(lsoaName);
    if (district === undefined) {
      district = areas.districtsByName.get(normaliseAreaName(districtNameOfLsoa(lsoaName))) ?? null;
      districtOfLsoaName.set(lsoaName, district);
    }
    if (district && district.parent_code === force.code) tally.add(district.code, month, crimeType.name, outcome);
    else summary.rowsOutsideForceArea++;
  });
  if (records === 0) problems.add({ line: 2, message: "the file has a header but no records" });
  // Every district of the force gets every crime type for every month of the file (zero when none).
  for (const forceCode of forces) {
    for (const month of months) {
      tally.cover(forceCode, month);
      for (const district of areas.districtsOfForce(forceCode)) tally.cover(district.code, month);
    }
  }
  summary.months = [...months].sort();
  summary.forces = [...forces].sort();
  return summary;
}
