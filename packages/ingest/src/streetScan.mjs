/**
 * The fast reader of data.police.uk street-level files (decision 113e), plain JavaScript with
 * Node's built-ins only, so that a worker thread starts it in milliseconds (no TypeScript loader, no
 * package): it reads the file, takes its SHA-256 in the same pass, and counts its records by (month,
 * "Falls within", crime type, last outcome, LSOA name) straight from the bytes, without a string per
 * field, then sums those counts by the district each LSOA name names (decision 114a).
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
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { districtNameOfLsoa } from "./lsoaName.mjs";

/** The columns the street reader needs, by the key csv.ts columnKey gives their header names. */
const COLUMN_KEYS = ["month", "falls_within", "longitude", "latitude", "location", "lsoa_code", "lsoa_name", "crime_type", "last_outcome_category"];
const [MONTH, FALLS_WITHIN, LONGITUDE, LATITUDE, , LSOA_CODE, LSOA_NAME, CRIME_TYPE, LAST_OUTCOME] = COLUMN_KEYS.map((_, i) => i);

/** More distinct values than this in a column means the file is not a plain police.uk file: read it the slow way. */
const MAX_DISTINCT = { month: 1024, force: 1024, crimeType: 64, outcome: 256, lsoaName: (1 << 18) - 1 };

/** As csv.ts columnKey: "Crime ID" and "crime_id" name the same column. */
function columnKey(header) {
  return header
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/**
 * The engine's own search of a typed array (a builtin the optimising compiler calls directly), not
 * Buffer's JavaScript wrapper, which it would inline into the record loop at every call site.
 */
const indexOfByte = Uint8Array.prototype.indexOf;

/** A copy of an Int32Array with room for `size` values. */
function grownTo(array, size) {
  const grown = new Int32Array(size);
  grown.set(array);
  return grown;
}

/**
 * Distinct byte strings of one column, each given a small id (first seen, first numbered): an
 * open-addressing table of their hashes, and the bytes themselves, which are always compared (a
 * hash only finds the candidates).
 */
class Interner {
  constructor(limit, firstId = 0) {
    this.limit = limit;
    this.firstId = firstId;
    this.values = [];
    this.mask = 63;
    this.slots = new Int32Array(64); // id - firstId + 1, 0 when empty
    this.slotHash = new Int32Array(64);
    this.pool = new Uint8Array(4096);
    this.poolUsed = 0;
    this.starts = new Int32Array(64);
    this.ends = new Int32Array(64);
  }

  /** The id of bytes[start, end) with hash h, or -1 when the column holds more distinct values than the limit. */
  id(bytes, start, end, h) {
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const entry = slots[i];
      if (entry === 0) break;
      if (this.slotHash[i] === h) {
        const from = this.starts[entry - 1];
        const to = this.ends[entry - 1];
        if (to - from === end - start) {
          const pool = this.pool;
          let k = 0;
          const n = to - from;
          while (k < n && pool[from + k] === bytes[start + k]) k++;
          if (k === n) return this.firstId + entry - 1;
        }
      }
      i = (i + 1) & mask;
    }
    return this.add(bytes, start, end, h, i);
  }

  /** A value not seen before, placed at slot i. */
  add(bytes, start, end, h, i) {
    const n = this.values.length;
    if (n >= this.limit) return -1;
    const length = end - start;
    if (this.poolUsed + length > this.pool.length) {
      const pool = new Uint8Array(Math.max(2 * this.pool.length, this.poolUsed + length));
      pool.set(this.pool.subarray(0, this.poolUsed));
      this.pool = pool;
    }
    if (n === this.starts.length) {
      this.starts = grownTo(this.starts, 2 * n);
      this.ends = grownTo(this.ends, 2 * n);
    }
    const from = this.poolUsed;
    for (let k = 0; k < length; k++) this.pool[from + k] = bytes[start + k];
    this.poolUsed += length;
    this.starts[n] = from;
    this.ends[n] = from + length;
    this.values.push(Buffer.from(this.pool.buffer, this.pool.byteOffset + from, length).toString("utf8"));
    this.slots[i] = n + 1;
    this.slotHash[i] = h;
    if (2 * (n + 1) > this.mask) this.grow();
    return this.firstId + n;
  }

  grow() {
    const size = 2 * (this.mask + 1);
    const mask = size - 1;
    const slots = new Int32Array(size);
    const slotHash = new Int32Array(size);
    for (let i = 0; i <= this.mask; i++) {
      const entry = this.slots[i];
      if (entry === 0) continue;
      const h = this.slotHash[i];
      let j = h & mask;
      while (slots[j] !== 0) j = (j + 1) & mask;
      slots[j] = entry;
      slotHash[j] = h;
    }
    this.slots = slots;
    this.slotHash = slotHash;
    this.mask = mask;
  }
}

/**
 * Record counts by two integer keys, in the order each pair was first seen: an open-addressing
 * table over typed arrays, so counting a record allocates nothing.
 */
class PairCounts {
  constructor() {
    this.size = 0;
    this.mask = 1023;
    this.slots = new Int32Array(1024); // entry + 1, 0 when empty
    this.first = new Int32Array(512);
    this.second = new Int32Array(512);
    this.counts = new Int32Array(512);
  }

  add(a, b, count = 1) {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    const mask = this.mask;
    const slots = this.slots;
    let i = h & mask;
    for (;;) {
      const entry = slots[i];
      if (entry === 0) break;
      if (this.first[entry - 1] === a && this.second[entry - 1] === b) {
        this.counts[entry - 1] += count;
        return;
      }
      i = (i + 1) & mask;
    }
    this.insert(a, b, count, i);
  }

  insert(a, b, count, i) {
    const n = this.size;
    if (n === this.first.length) {
      this.first = grownTo(this.first, 2 * n);
      this.second = grownTo(this.second, 2 * n);
      this.counts = grownTo(this.counts, 2 * n);
    }
    this.first[n] = a;
    this.second[n] = b;
    this.counts[n] = count;
    this.slots[i] = n + 1;
    this.size = n + 1;
    if (2 * this.size > this.mask) this.rehash();
  }

  rehash() {
    const size = 2 * (this.mask + 1);
    const mask = size - 1;
    const slots = new Int32Array(size);
    for (let e = 0; e < this.size; e++) {
      const a = this.first[e];
      const b = this.second[e];
      let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
      h ^= h >>> 15;
      let j = h & mask;
      while (slots[j] !== 0) j = (j + 1) & mask;
      slots[j] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
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
 * Int32Array of [districtName (0 = no LSOA code), month, fallsWithin, crimeType, lastOutcome, count]
 * rows, where districtName n ≥ 1 is districtNames[n - 1], the district named by the records' LSOA
 * names (districtNameOfLsoa).
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

  const table = {
    months: new Interner(MAX_DISTINCT.month),
    forces: new Interner(MAX_DISTINCT.force),
    crimeTypes: new Interner(MAX_DISTINCT.crimeType),
    outcomes: new Interner(MAX_DISTINCT.outcome),
    lsoaNames: new Interner(MAX_DISTINCT.lsoaName, 1),
    counts: new PairCounts(),
    rowsRead: 0,
  };
  const doubt = countRecords(bytes, at, width, wanted, table);
  if (doubt !== undefined) return notSure(doubt);
  if (table.rowsRead === 0) return notSure("no records");

  // The counts by LSOA name, summed by the district each name says it lies in (districtNameOfLsoa,
  // as the reference reader places it): a few hundred groups for the main thread, not thousands.
  const districtNames = [];
  const districtOfName = new Map();
  const districtOfLsoa = new Int32Array(table.lsoaNames.values.length + 1);
  table.lsoaNames.values.forEach((lsoaName, i) => {
    const name = districtNameOfLsoa(lsoaName);
    let id = districtOfName.get(name);
    if (id === undefined) districtOfName.set(name, (id = districtNames.push(name)));
    districtOfLsoa[i + 1] = id;
  });
  const { counts } = table;
  const byDistrict = new PairCounts();
  for (let e = 0; e < counts.size; e++) {
    const a = counts.first[e];
    byDistrict.add(districtOfLsoa[a & 0x3ffff] + (a & ~0x3ffff), counts.second[e], counts.counts[e]);
  }
  const groups = new Int32Array(byDistrict.size * 6);
  for (let e = 0, g = 0; e < byDistrict.size; e++, g += 6) {
    const a = byDistrict.first[e];
    const b = byDistrict.second[e];
    groups[g] = a & 0x3ffff; // district name
    groups[g + 1] = b & 1023; // month
    groups[g + 2] = (b >>> 10) & 1023; // "Falls within"
    groups[g + 3] = a >>> 18; // crime type
    groups[g + 4] = b >>> 20; // last outcome
    groups[g + 5] = byDistrict.counts[e];
  }
  return {
    ok: true,
    rowsRead: table.rowsRead,
    months: table.months.values,
    forces: table.forces.values,
    crimeTypes: table.crimeTypes.values,
    outcomes: table.outcomes.values,
    districtNames,
    groups,
  };
}

/**
 * The records from byte `at` on, counted into `table`; a reason when a record is not plainly
 * valid (the caller then steps aside), undefined otherwise. Its own function, so that the JIT
 * optimises this loop alone.
 */
function countRecords(bytes, at, width, wanted, table) {
  const { months, forces, crimeTypes, outcomes, lsoaNames, counts } = table;
  const length = bytes.length;
  const starts = new Int32Array(COLUMN_KEYS.length);
  const ends = new Int32Array(COLUMN_KEYS.length);
  const hashes = new Int32Array(COLUMN_KEYS.length);
  let rowsRead = 0;
  while (at < length) {
    // One line: [at, lineEnd), less a final CR.
    let lineEnd = indexOfByte.call(bytes, 10, at);
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
        end = indexOfByte.call(bytes, 44, i);
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
    if (field !== width) return `a row with ${field} fields where the header has ${width}`;
    if (!plainCoordinate(bytes, starts[LONGITUDE], ends[LONGITUDE], 180)) return "a longitude";
    if (!plainCoordinate(bytes, starts[LATITUDE], ends[LATITUDE], 90)) return "a latitude";
    let lsoa = 0;
    if (starts[LSOA_CODE] !== ends[LSOA_CODE]) {
      if (!plainLsoaCode(bytes, starts[LSOA_CODE], ends[LSOA_CODE])) return "an LSOA code";
      if (starts[LSOA_NAME] === ends[LSOA_NAME]) return "an LSOA code without its name";
      lsoa = lsoaNames.id(bytes, starts[LSOA_NAME], ends[LSOA_NAME], hashes[LSOA_NAME]);
    }
    const month = months.id(bytes, starts[MONTH], ends[MONTH], hashes[MONTH]);
    const force = forces.id(bytes, starts[FALLS_WITHIN], ends[FALLS_WITHIN], hashes[FALLS_WITHIN]);
    const crimeType = crimeTypes.id(bytes, starts[CRIME_TYPE], ends[CRIME_TYPE], hashes[CRIME_TYPE]);
    const outcome = outcomes.id(bytes, starts[LAST_OUTCOME], ends[LAST_OUTCOME], hashes[LAST_OUTCOME]);
    if (lsoa < 0 || month < 0 || force < 0 || crimeType < 0 || outcome < 0) return "too many distinct values in a column";
    // Two keys below 2^31: LSOA name (< 2^18) and crime type (< 2^6); month, force (< 2^10 each) and outcome (< 2^8).
    counts.add(lsoa + crimeType * 0x40000, month + force * 1024 + outcome * 0x100000);
    at = next;
  }
  table.rowsRead = rowsRead;
  return undefined;
}

/** The bytes of the last file read, kept for the next one (see readWhole). */
let buffer = Buffer.allocUnsafe(0);

/**
 * Reads a file into one buffer kept for the next file, taking its SHA-256 a megabyte at a time as
 * each piece arrives (while the piece is still in the processor's cache), and returns the file's
 * bytes (a view of the buffer, valid until the next call) and checksum. A new buffer per file
 * (readFileSync) cost more than the reading itself: every page of a fresh 3 MB allocation is
 * faulted in by the kernel, ~0.1–0.4 s of CPU over the 28 Essex files against ~0.01 s for the reads.
 */
function readWhole(path) {
  const fd = openSync(path, "r");
  try {
    const hash = createHash("sha256");
    const size = fstatSync(fd).size;
    if (buffer.length < size + 1) buffer = Buffer.allocUnsafe(Math.max(size + 1, 2 * buffer.length));
    let length = 0;
    for (;;) {
      // A file that grew since fstat: a larger buffer, the bytes so far kept.
      if (length === buffer.length) {
        const larger = Buffer.allocUnsafe(2 * buffer.length);
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const read = readSync(fd, buffer, length, Math.min(READ_PIECE, buffer.length - length), null);
      if (read === 0) break;
      hash.update(buffer.subarray(length, length + read));
      length += read;
    }
    return { bytes: buffer.subarray(0, length), checksum: hash.digest("hex") };
  } finally {
    closeSync(fd);
  }
}

const READ_PIECE = 1 << 20;

/** Reads a file and scans it: its checksum (as pipeline.ts checksumOf) and what scanStreetBytes says. */
export function scanStreetFile(path) {
  const { bytes, checksum } = readWhole(path);
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
