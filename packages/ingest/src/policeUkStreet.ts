import { crimeTypeByName, forceByPoliceUkName, isMonth, outcomeGroupOf, ANTI_SOCIAL_BEHAVIOUR } from "@scrutiny/domain";
import type { Area } from "@scrutiny/db";
import { locateColumns, scanCsv } from "./csv";
import type { StreetScan } from "./streetScan.mjs";
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
  return finish(summary, months, forces, areas, tally);
}

/** Every district of the force gets every crime type for every month of the file (zero when none). */
function finish(summary: StreetFileSummary, months: Set<string>, forces: Set<string>, areas: AreaContext, tally: CrimeTally): StreetFileSummary {
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

/**
 * The same file, from the counts the fast scanner (streetScan.mjs, decision 113e) took of its
 * records: the same tally and summary as readPoliceUkStreetFile, by the same rules. Returns
 * undefined when the scanner was not sure of the file or any counted value fails a check here
 * (month, force, crime type, outcome): the caller then reads the file with readPoliceUkStreetFile,
 * which names the line, column and value of every problem. Nothing is added to `tally` then.
 */
export function readPoliceUkStreetScan(scan: StreetScan, areas: AreaContext, tally: CrimeTally): StreetFileSummary | undefined {
  if (!scan.ok) return undefined;
  const monthOk = scan.months.map((m) => isMonth(m));
  const forceOf = scan.forces.map((name) => forceByPoliceUkName(name));
  const crimeTypeOf = scan.crimeTypes.map((name) => crimeTypeByName(name));
  const outcomeOf = scan.outcomes.map((name) => outcomeGroupOf(name));
  const { groups } = scan;
  const rows = groups.length / 6;
  // Every counted value is checked before anything is tallied: a file is taken whole or not at all.
  for (let r = 0; r < rows; r++) {
    const at = r * 6;
    const crimeType = crimeTypeOf[groups[at + 3]!];
    if (!monthOk[groups[at + 1]!] || !forceOf[groups[at + 2]!] || !crimeType) return undefined;
    if (crimeType.name !== ANTI_SOCIAL_BEHAVIOUR && !outcomeOf[groups[at + 4]!]) return undefined;
  }
  const summary: StreetFileSummary = { rowsRead: scan.rowsRead, rowsWithoutLocation: 0, rowsOutsideForceArea: 0, months: [], forces: [] };
  // The scan's groups are by district name and raw outcome; they are summed by area and outcome group
  // first (a number per key), so the tally sees a few thousand additions, not one per group.
  const areaCodes: string[] = [];
  const areaSlot = new Map<string, number>();
  const slotOf = (code: string) => {
    let slot = areaSlot.get(code);
    if (slot === undefined) areaSlot.set(code, (slot = areaCodes.push(code) - 1));
    return slot;
  };
  const OUTCOME_INDEX = { solved: 1, "not solved": 2, pending: 3 } as const;
  const OUTCOME_OF_INDEX = [null, "solved", "not solved", "pending"] as const;
  const sums = new Map<number, number>();
  const sum = (slot: number, monthId: number, crimeTypeId: number, outcome: number, count: number) => {
    const key = ((slot * 1024 + monthId) * 64 + crimeTypeId) * 4 + outcome;
    sums.set(key, (sums.get(key) ?? 0) + count);
  };
  const districtOfName: (Area | null | undefined)[] = [];
  const months = new Set<string>();
  const forces = new Set<string>();
  for (let r = 0; r < rows; r++) {
    const at = r * 6;
    const named = groups[at]!; // the district named by the LSOA (0: no LSOA code)
    const monthId = groups[at + 1]!;
    const crimeTypeId = groups[at + 3]!;
    const outcomeId = groups[at + 4]!;
    const count = groups[at + 5]!;
    const force = forceOf[groups[at + 2]!]!;
    const outcomeGroup = crimeTypeOf[crimeTypeId]!.name === ANTI_SOCIAL_BEHAVIOUR ? null : outcomeOf[outcomeId]!;
    const outcome = outcomeGroup === null ? 0 : OUTCOME_INDEX[outcomeGroup];
    months.add(scan.months[monthId]!);
    forces.add(force.code);
    sum(slotOf(force.code), monthId, crimeTypeId, outcome, count);
    if (named === 0) {
      summary.rowsWithoutLocation += count;
      continue;
    }
    let district = districtOfName[named];
    if (district === undefined) {
      // The worker has applied districtNameOfLsoa to the LSOA names already (streetScan.mjs).
      district = areas.districtsByName.get(normaliseAreaName(scan.districtNames[named - 1]!)) ?? null;
      districtOfName[named] = district;
    }
    if (district && district.parent_code === force.code) sum(slotOf(district.code), monthId, crimeTypeId, outcome, count);
    else summary.rowsOutsideForceArea += count;
  }
  for (const [key, count] of sums) {
    const outcome = key % 4;
    let rest = (key - outcome) / 4;
    const crimeTypeId = rest % 64;
    rest = (rest - crimeTypeId) / 64;
    const monthId = rest % 1024;
    const slot = (rest - monthId) / 1024;
    tally.add(areaCodes[slot]!, scan.months[monthId]!, crimeTypeOf[crimeTypeId]!.name, OUTCOME_OF_INDEX[outcome] ?? null, count);
  }
  return finish(summary, months, forces, areas, tally);
}
