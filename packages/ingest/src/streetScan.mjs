/**
 * The fast reader of data.police.uk street-level files (decision 113e), plain JavaScript with
 * Node's built-ins only, so that a worker thread starts it in milliseconds (no TypeScript loader, no
 * package): it reads the file, takes its SHA-256, and counts its records by (month, "Falls within",
 * crime type, last outcome, LSOA name) straight from the bytes, without a string per field.
 *
 * It only ever says "this file is well formed, here are its counts" or "not sure": every check it
 * makes is the reference reader's (policeUkStreet.ts via csv.ts scanCsv) or stricter, and any record
 * it cannot vouch for (a quote anywhere, bytes that are not UTF-8, a field count that differs from
 * the header's, a coordinate or LSOA code that is not plainly valid, a missing column, no record)
 * gives `ok: false`, and the reference reader reads that file again to name the line, column and
 * value. The categorical values (month, force, crime type, outcome) come back as their distinct
 * strings and are checked by the caller with the domain's own functions.
 *
 * As a worker (workerData.streetScan): receives { id, path } messages, answers { id, result } or
 * { id, error }.
 */
import { Buffer, isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { isMainThread, parentPort, workerData } from "node:worker_threads";

/** The columns the street reader needs, by the key csv.ts columnKey gives their header names. */
const COLUMN_KEYS = ["month", "falls_within", "longitude", "latitude", "location", "lsoa_code", "lsoa_name", "crime_type", "last_outcome_category"];
const [MONTH, FALLS_WITHIN, LONGITUDE, LATITUDE, , LSOA_CODE, LSOA_NAME, CRIME_TYPE, LAST_OUTCOME] = COLUMN_KEYS.map((_, i) => i);

/** More distinct values than this in a column means the file is not a plain police.uk file: read it the slow way. */
const MAX_DISTINCT = { month: 1024, force: 1024, crimeType: 64, outcome: 256, lsoaName: 1 << 18 };

/** As csv.ts columnKey: "Crime ID" and "crime_id" name the same column. */
function columnKey(header) {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/** Distinct byte strings of one column, each given a small id; the bytes are compared, not only hashed. */
class Interner {
  constructor(limit, firstId = 0) {
    this.limit = limit;
    this.byHash = new Map();
    this.values = [];
    this.firstId = firstId;
  }

  /** The id of bytes[start, end) with hash h, or -1 when the column holds more distinct values than the limit. */
  id(bytes, start, end, h) {
    const bucket = this.byHash.get(h);
    if (bucket !== undefined) {
      for (let k = 0; k < bucket.length; k += 2) {
        const copy = bucket[k];
        if (copy.length !== end - start) continue;
        let same = true;
        for (let i = 0; i < copy.length; i++) {
          if (copy[i] !== bytes[start + i]) {
            same = false;
            break;
          }
        }
        if (same) return bucket[k + 1];
      }
    }
    if (this.values.length >= this.limit) return -1;
    const copy = Uint8Array.prototype.slice.call(bytes, start, end);
    const id = this.firstId + this.values.length;
    this.values.push(Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength).toString("utf8"));
    if (bucket === undefined) this.byHash.set(h, [copy, id]);
    else bucket.push(copy, id);
    return id;
  }
}

/** -?\d+(\.\d+)? with |value| below `limit` degrees, or empty; anything else (including exactly the limit) is "not sure". */
function plainCoordinate(bytes, start, end, limit) {
  if (start === end) return true;
  let i = start;
  if (bytes[i] === 45) i++;
  let whole = 0;
  const digitsFrom = i;
  while (i < end && bytes[i] >= 48 && bytes[i] <= 57) {
    if (whole < 1000) whole = whole * 10 + (bytes[i] - 48);
    i++;
  }
  if (i === digitsFrom) return false;
  if (i < end) {
    if (bytes[i] !== 46) return false;
    i++;
    const fractionFrom = i;
    while (i < end && bytes[i] >= 48 && bytes[i] <= 57) i++;
    if (i === fractionFrom || i !== end) return false;
  }
  return whole < limit;
}

/** [EW]01 and six digits. */
function plainLsoaCode(bytes, start, end) {
  if (end - start !== 9) return false;
  if (bytes[start] !== 69 && bytes[start] !== 87) return false;
  if (bytes[start + 1] !== 48 || bytes[start + 2] !== 49) return false;
  for (let i = start + 3; i < end; i++) if (bytes[i] < 48 || bytes[i] > 57) return false;
  return true;
}

/**
 * Counts the records of one street file. Returns { ok: false, reason } when the file needs the
 * reference reader; otherwise ok, rowsRead, the distinct values of each column and `groups`, an
 * Int32Array of [lsoaName (0 = no LSOA code), month, fallsWithin, crimeType, lastOutcome, count] rows.
 */
export function scanStreetBytes(bytes) {
  const notSure = (reason) => ({ ok: false, reason });
  if (bytes.indexOf(34) !== -1) return notSure("the file has quoted fields");
  if (!isUtf8(bytes)) return notSure("the file is not UTF-8");
  let at = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) at = 3;
  if (bytes[at] === 0xef && bytes[at + 1] === 0xbb && bytes[at + 2] === 0xbf) return notSure("two byte-order marks");
  const length = bytes.length;

  // The header: the first non-empty line.
  let header;
  while (at < length) {
    let end = bytes.indexOf(10, at);
    if (end === -1) end = length;
    const next = end + 1;
    if (end > at && bytes[end - 1] === 13) end--;
    if (end > at) header = Buffer.from(bytes.buffer, bytes.byteOffset + at, end - at).toString("utf8").split(",");
    at = next;
    if (header) break;
  }
  if (!header) return notSure("the file is empty");
  const keys = header.map(columnKey);
  const width = header.length;
  // Field position → which needed column (-1: not needed). A needed column is the first header of its key.
  const wanted = new Int8Array(width).fill(-1);
  for (let c = 0; c < COLUMN_KEYS.length; c++) {
    const position = keys.indexOf(COLUMN_KEYS[c]);
    if (position === -1) return notSure(`no "${COLUMN_KEYS[c]}" column`);
    wanted[position] = c;
  }

  const months = new Interner(MAX_DISTINCT.month);
  const forces = new Interner(MAX_DISTINCT.force);
  const crimeTypes = new Interner(MAX_DISTINCT.crimeType);
  const outcomes = new Interner(MAX_DISTINCT.outcome);
  const lsoaNames = new Interner(MAX_DISTINCT.lsoaName, 1);
  const counts = new Map();
  const starts = new Int32Array(COLUMN_KEYS.length);
  const ends = new Int32Array(COLUMN_KEYS.length);
  const hashes = new Int32Array(COLUMN_KEYS.length);
  let rowsRead = 0;

  while (at < length) {
    // One line: [at, lineEnd), less a final CR.
    let lineEnd = bytes.indexOf(10, at);
    if (lineEnd === -1) lineEnd = length;
    const next = lineEnd + 1;
    if (lineEnd > at && bytes[lineEnd - 1] === 13) lineEnd--;
    if (lineEnd === at) {
      at = next;
      continue;
    }
    rowsRead++;
    // The fields: a column not needed is skipped to its comma natively; a needed one is hashed on the way.
    let field = 0;
    for (let i = at; ; field++) {
      const c = field < width ? wanted[field] : -1;
      let end;
      if (c === -1) {
        end = bytes.indexOf(44, i);
        if (end === -1 || end > lineEnd) end = lineEnd;
      } else {
        let h = 0x811c9dc5 | 0;
        end = i;
        while (end < lineEnd && bytes[end] !== 44) h = Math.imul(h ^ bytes[end++], 16777619);
        starts[c] = i;
        ends[c] = end;
        hashes[c] = h;
      }
      if (end === lineEnd) {
        field++;
        break;
      }
      i = end + 1;
    }
    if (field !== width) return notSure(`a row with ${field} fields where the header has ${width}`);
    if (!plainCoordinate(bytes, starts[LONGITUDE], ends[LONGITUDE], 180)) return notSure("a longitude");
    if (!plainCoordinate(bytes, starts[LATITUDE], ends[LATITUDE], 90)) return notSure("a latitude");
    let lsoa = 0;
    if (starts[LSOA_CODE] !== ends[LSOA_CODE]) {
      if (!plainLsoaCode(bytes, starts[LSOA_CODE], ends[LSOA_CODE])) return notSure("an LSOA code");
      if (starts[LSOA_NAME] === ends[LSOA_NAME]) return notSure("an LSOA code without its name");
      lsoa = lsoaNames.id(bytes, starts[LSOA_NAME], ends[LSOA_NAME], hashes[LSOA_NAME]);
    }
    const month = months.id(bytes, starts[MONTH], ends[MONTH], hashes[MONTH]);
    const force = forces.id(bytes, starts[FALLS_WITHIN], ends[FALLS_WITHIN], hashes[FALLS_WITHIN]);
    const crimeType = crimeTypes.id(bytes, starts[CRIME_TYPE], ends[CRIME_TYPE], hashes[CRIME_TYPE]);
    const outcome = outcomes.id(bytes, starts[LAST_OUTCOME], ends[LAST_OUTCOME], hashes[LAST_OUTCOME]);
    if (lsoa < 0 || month < 0 || force < 0 || crimeType < 0 || outcome < 0) return notSure("too many distinct values in a column");
    // Below 2^53: lsoa ≤ 2^18, month and force < 2^10, crime type < 2^6, outcome < 2^8.
    const key = ((((lsoa * 1024 + month) * 1024 + force) * 64 + crimeType) * 256) + outcome;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    at = next;
  }
  if (rowsRead === 0) return notSure("no records");

  const groups = new Int32Array(counts.size * 6);
  let g = 0;
  for (const [key, count] of counts) {
    const outcome = key % 256;
    let rest = (key - outcome) / 256;
    const crimeType = rest % 64;
    rest = (rest - crimeType) / 64;
    const force = rest % 1024;
    rest = (rest - force) / 1024;
    const month = rest % 1024;
    const lsoa = (rest - month) / 1024;
    groups.set([lsoa, month, force, crimeType, outcome, count], g);
    g += 6;
  }
  return {
    ok: true,
    rowsRead,
    months: months.values,
    forces: forces.values,
    crimeTypes: crimeTypes.values,
    outcomes: outcomes.values,
    lsoaNames: lsoaNames.values,
    groups,
  };
}

/** Reads a file and scans it: its checksum (as pipeline.ts checksumOf) and what scanStreetBytes says. */
export function scanStreetFile(path) {
  const bytes = readFileSync(path);
  const checksum = createHash("sha256").update(bytes).digest("hex");
  return { checksum, ...scanStreetBytes(bytes) };
}

if (!isMainThread && workerData?.streetScan === true && parentPort) {
  const port = parentPort;
  port.on("message", (message) => {
    try {
      const result = scanStreetFile(message.path);
      port.postMessage({ id: message.id, result }, result.groups ? [result.groups.buffer] : []);
    } catch (error) {
      port.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
