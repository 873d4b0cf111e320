/** Types of streetScan.mjs (plain JavaScript so that a worker thread runs it without a TypeScript loader). */
export type StreetScan =
  | { ok: false; reason: string }
  | {
      ok: true;
      rowsRead: number;
      months: string[];
      forces: string[];
      crimeTypes: string[];
      outcomes: string[];
      /** District name id n (n ≥ 1) is districtNames[n - 1], districtNameOfLsoa of the records' LSOA names; id 0 is a record with no LSOA code. */
      districtNames: string[];
      /** Rows of six: district name id (0 = no LSOA code), month, "Falls within", crime type, last outcome, count. */
      groups: Int32Array;
    };

export function scanStreetBytes(bytes: Uint8Array): StreetScan;
export function scanStreetFile(path: string): StreetScan & { checksum: string };
