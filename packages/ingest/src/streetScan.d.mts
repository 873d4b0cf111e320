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
      /** The name of LSOA name id n (n ≥ 1) is lsoaNames[n - 1]; id 0 is a record with no LSOA code. */
      lsoaNames: string[];
      /** Rows of six: LSOA name id (0 = no LSOA code), month, "Falls within", crime type, last outcome, count. */
      groups: Int32Array;
    };

export function scanStreetBytes(bytes: Uint8Array): StreetScan;
export function scanStreetFile(path: string): StreetScan & { checksum: string };
