import { FORCES } from "@scrutiny/domain";
import type { Area } from "@scrutiny/db";
import { locateColumns, readCsv } from "./csv";
import { type ProblemList } from "./errors";

const COLUMNS = { ladCode: "LAD23CD", ladName: "LAD23NM", pfaCode: "PFA23CD", pfaName: "PFA23NM" } as const;

/**
 * Force areas and their districts from the ONS "Local Authority District to Community Safety
 * Partnership to Police Force Area" lookup. Force names follow the product's force list
 * ("City of London" rather than ONS's "London, City of").
 */
export function readOnsAreaLookup(bytes: Uint8Array, problems: ProblemList): { areas: Area[]; rowsRead: number } {
  const table = readCsv(bytes, problems);
  if (!table) return { areas: [], rowsRead: 0 };
  const at = locateColumns(table.header, COLUMNS, problems);
  if (!at) return { areas: [], rowsRead: 0 };
  const forces = new Map<string, Area>();
  const districts = new Map<string, Area>();
  for (const { line, fields } of table.records) {
    const field = (column: keyof typeof COLUMNS) => (fields[at[column]] ?? "").trim();
    const ladCode = field("ladCode");
    const pfaCode = field("pfaCode");
    if (!/^[EW]0[6789]\d{6}$/.test(ladCode)) {
      problems.add({ line, column: COLUMNS.ladCode, value: ladCode, message: "not a local authority district code" });
      continue;
    }
    if (!/^[EW]23\d{6}$|^W15\d{6}$/.test(pfaCode)) {
      problems.add({ line, column: COLUMNS.pfaCode, value: pfaCode, message: "not a police force area code" });
      continue;
    }
    const knownForce = FORCES.find((f) => f.code === pfaCode);
    forces.set(pfaCode, { code: pfaCode, name: knownForce?.name ?? field("pfaName"), kind: "force", parent_code: null });
    districts.set(ladCode, { code: ladCode, name: field("ladName"), kind: "district", parent_code: pfaCode });
  }
  return { areas: [...forces.values(), ...districts.values()], rowsRead: table.records.length };
}
