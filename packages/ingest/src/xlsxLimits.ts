import { inflateRawSync } from "node:zlib";
import { LimitExceeded } from "./errors";

/**
 * Limits on what a workbook may inflate to before ExcelJS sees it. A 522 KB .xlsx holding one
 * 500 MB cell once took 3.8 GB of memory: an .xlsx is a zip, and a zip's entries can inflate a
 * thousandfold. Every entry is inflated here with a hard output cap (the sizes the zip declares
 * are not trusted), so a bomb costs at most the limit, and the caller gets a 413 naming it.
 */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;
export const MAX_XLSX_ENTRIES = 2000;
/** Rows and characters per cell any indicator or catalogue file may hold (CSV or .xlsx). 420,000 rows
 * is the documented maximum of a force file (issue 13: ten years of district figures); a bigger
 * history is split by year. */
export const MAX_FILE_ROWS = 420_000;
export const MAX_CELL_CHARS = 2000;

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/**
 * Walks the zip's central directory and inflates each entry with a cap on the running total.
 * Throws LimitExceeded when the workbook would inflate past MAX_XLSX_UNCOMPRESSED_BYTES or holds
 * more than MAX_XLSX_ENTRIES entries. A damaged zip is left to the workbook reader to report.
 */
export function checkXlsxInflatedSize(bytes: Uint8Array): void {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  if (eocd < 0) return;
  const entries = view.readUInt16LE(eocd + 10);
  let offset = view.readUInt32LE(eocd + 16);
  if (entries > MAX_XLSX_ENTRIES) throw new LimitExceeded("xlsx entries", `The workbook holds ${entries} parts, over the limit of ${MAX_XLSX_ENTRIES}: save it again from Excel, or as CSV UTF-8.`);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > view.length || view.readUInt32LE(offset) !== 0x02014b50) return;
    const method = view.readUInt16LE(offset + 10);
    const compressedSize = view.readUInt32LE(offset + 20);
    const nameLength = view.readUInt16LE(offset + 28);
    const extraLength = view.readUInt16LE(offset + 30);
    const commentLength = view.readUInt16LE(offset + 32);
    const localOffset = view.readUInt32LE(offset + 42);
    offset += 46 + nameLength + extraLength + commentLength;
    if (localOffset + 30 > view.length || view.readUInt32LE(localOffset) !== 0x04034b50) return;
    const dataStart = localOffset + 30 + view.readUInt16LE(localOffset + 26) + view.readUInt16LE(localOffset + 28);
    const data = view.subarray(dataStart, Math.min(view.length, dataStart + compressedSize));
    const room = MAX_XLSX_UNCOMPRESSED_BYTES - total;
    let inflated: number;
    if (method === 0) inflated = data.length;
    else if (method === 8) {
      try {
        inflated = inflateRawSync(data, { maxOutputLength: room + 1 }).length;
      } catch (error) {
        if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") inflated = room + 1;
        else return; // damaged: the workbook reader says so in the users' terms
      }
    } else return;
    total += inflated;
    if (total > MAX_XLSX_UNCOMPRESSED_BYTES) {
      throw new LimitExceeded(
        "xlsx uncompressed size",
        `The workbook unpacks to more than ${mb(MAX_XLSX_UNCOMPRESSED_BYTES)}, the limit for a workbook: it is not read. Remove unused sheets or very long cells, or save it as CSV UTF-8.`,
      );
    }
  }
}

function findEndOfCentralDirectory(view: Buffer): number {
  // The record is 22 bytes plus a comment of at most 65,535: search only that tail.
  const stop = Math.max(0, view.length - 22 - 0xffff);
  for (let i = view.length - 22; i >= stop; i--) if (view.readUInt32LE(i) === 0x06054b50) return i;
  return -1;
}
