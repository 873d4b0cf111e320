import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { findIndicator, insertActionLog, DuplicateReferenceError, type Database } from "@scrutiny/db";
import { actionReference, isIsoDate, parseActionReference, ACTION_STATUSES, type ActionStatus } from "@scrutiny/domain";
import { csvParser } from "@scrutiny/ingest";
import { FileRejectedError } from "../errors";

/**
 * An existing action log imported from CSV, keeping its references ("89/14"): every row checked
 * first, each problem with its line, column and value; then all written in one transaction, or
 * nothing. Columns as the example log (data/examples/actions-from-public-minutes.csv):
 * reference, text, owner required; meeting, meeting_date, due_date, status, note, indicator optional.
 * The import brings its own owners (decision 109b): the log is the record of who owns what.
 */
export const ACTION_LOG_COLUMNS = ["reference", "meeting", "meeting_date", "text", "owner", "due_date", "status", "note", "indicator"] as const;
const REQUIRED = ["reference", "text", "owner"] as const;
export const MAX_ACTION_ROWS = 2000;

type Problem = { line: number; column: string; value: string; message: string };

export async function importActionLog(db: Kysely<Database>, bytes: Uint8Array, fileName: string, now = new Date()): Promise<{ file: string; imported: number; references: string[] }> {
  const problems: Problem[] = [];
  let records: string[][];
  try {
    records = csvParser().parse(Buffer.from(bytes), { bom: true, relax_column_count: true, skip_empty_lines: true, to_line: MAX_ACTION_ROWS + 2 }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    throw new FileRejectedError([{ line, column: "file", value: "", message: `not readable as CSV: ${(error as Error).message.split("\n")[0]}` }]);
  }
  const header = (records[0] ?? []).map((h) => h.trim().toLowerCase().replace(/\s+/g, "_"));
  for (const name of REQUIRED) if (!header.includes(name)) problems.push({ line: 1, column: name, value: header.join(","), message: `the header has no "${name}" column (expected ${ACTION_LOG_COLUMNS.join(", ")})` });
  for (const name of header) if (name && !(ACTION_LOG_COLUMNS as readonly string[]).includes(name)) problems.push({ line: 1, column: name, value: name, message: `unknown column (expected ${ACTION_LOG_COLUMNS.join(", ")})` });
  if (problems.length > 0) throw new FileRejectedError(problems);
  const rows = records.slice(1);
  if (rows.length === 0) throw new FileRejectedError([{ line: 2, column: "reference", value: "", message: "the file has no actions" }]);
  if (rows.length > MAX_ACTION_ROWS) throw new FileRejectedError([{ line: MAX_ACTION_ROWS + 2, column: "reference", value: "", message: `at most ${MAX_ACTION_ROWS} actions in one file` }]);

  const seen = new Map<string, number>();
  const indicators = new Map<string, boolean>();
  const entries: Parameters<typeof insertActionLog>[1][number][] = [];
  const at = now.toISOString();
  for (let i = 0; i < rows.length; i++) {
    const line = i + 2;
    const cell = (name: (typeof ACTION_LOG_COLUMNS)[number]) => {
      const index = header.indexOf(name);
      return index < 0 ? "" : (rows[i]![index] ?? "").trim();
    };
    const before = problems.length;
    const problem = (column: string, value: string, message: string) => problems.push({ line, column, value, message });
    const ref = parseActionReference(cell("reference"));
    if (!ref) problem("reference", cell("reference"), "not a reference such as 89/14");
    else {
      const key = actionReference(ref.number, ref.year);
      const first = seen.get(key);
      if (first !== undefined) problem("reference", cell("reference"), `${key} is also on line ${first}: a reference is used once`);
      else seen.set(key, line);
    }
    const text = cell("text");
    if (!text) problem("text", "", "must not be empty");
    else if (text.length > 2000) problem("text", text, "must be at most 2000 characters");
    const owner = cell("owner");
    if (!owner) problem("owner", "", "must not be empty");
    else if (owner.length > 80 || !/^[\p{L}][\p{L} .'’\-/&]*$/u.test(owner)) problem("owner", owner, "must be initials or a name, e.g. WK or SH/LW");
    const meetingDate = cell("meeting_date");
    if (meetingDate && !isIsoDate(meetingDate)) problem("meeting_date", meetingDate, "must be a date in the form YYYY-MM-DD");
    const due = cell("due_date");
    if (due && !isIsoDate(due)) problem("due_date", due, "must be a date in the form YYYY-MM-DD");
    else if (due && meetingDate && isIsoDate(meetingDate) && due < meetingDate) problem("due_date", due, `must be on or after the meeting that raised it (${meetingDate})`);
    const status = (cell("status") || "open").toLowerCase();
    if (!(ACTION_STATUSES as readonly string[]).includes(status)) problem("status", cell("status"), `must be one of: ${ACTION_STATUSES.join(", ")}`);
    const indicator = cell("indicator");
    if (indicator) {
      if (!indicators.has(indicator)) indicators.set(indicator, Boolean(await findIndicator(db, indicator)));
      if (!indicators.get(indicator)) problem("indicator", indicator, `no indicator "${indicator}"`);
    }
    if (problems.length > 200) break;
    if (problems.length > before || !ref) continue;
    const reference = actionReference(ref.number, ref.year);
    const raisedAt = meetingDate ? `${meetingDate}T09:00:00.000Z` : at;
    const meeting = cell("meeting");
    const events = [{ at: raisedAt, status: "open", note: `Raised${meeting ? ` at the ${meeting}` : ""}${meetingDate ? `, ${meetingDate}` : ""} (imported from ${fileName})` }];
    if (status !== "open" || cell("note")) events.push({ at, status, note: cell("note") });
    entries.push({
      action: {
        id: `a${randomBytes(6).toString("hex")}`,
        year: ref.year,
        number: ref.number,
        reference,
        text,
        owner,
        due_date: due || null,
        status: status as ActionStatus,
        meeting_id: null,
        indicator_id: indicator || null,
        is_example: 0,
        created_at: raisedAt,
      },
      events,
    });
  }
  if (problems.length > 0) throw new FileRejectedError(problems);
  try {
    await insertActionLog(db, entries);
  } catch (error) {
    if (error instanceof DuplicateReferenceError) {
      const line = seen.get(error.message) ?? 2;
      throw new FileRejectedError([{ line, column: "reference", value: error.message, message: `${error.message} is already in the action log` }]);
    }
    throw error;
  }
  return { file: fileName, imported: entries.length, references: entries.map((e) => e.action.reference) };
}
