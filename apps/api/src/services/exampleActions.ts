import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Kysely } from "kysely";
import { insertActionNumbered, listActions, repoRoot, updateAction, type Database } from "@scrutiny/db";
import { actionReference, parseActionReference, type ActionStatus } from "@scrutiny/domain";
import { csvParser } from "@scrutiny/ingest";

/**
 * Example data, clearly labelled: the actions recorded in the five public minutes in
 * ../shared/seeds (owners by their initials, references as written), loaded into an empty action
 * log on first start so that a new user sees the log working. Marked is_example; they are listed
 * in the action log but never arise at a new meeting (docs/decisions/106b-example-actions.md).
 */
export const EXAMPLE_ACTIONS_FILE = join(repoRoot, "data", "examples", "actions-from-public-minutes.csv");

export async function seedExampleActions(db: Kysely<Database>, file = EXAMPLE_ACTIONS_FILE): Promise<number> {
  if ((await listActions(db)).length > 0) return 0;
  const rows = csvParser().parse(await readFile(file), { columns: true, bom: true }) as Record<string, string>[];
  let added = 0;
  for (const row of rows.slice(0, 500)) {
    const ref = parseActionReference(row.reference ?? "");
    if (!ref) throw new Error(`${file}: "${row.reference}" is not a reference such as 89/14`);
    const at = `${row.meeting_date}T09:00:00.000Z`;
    const action = await insertActionNumbered(
      db,
      {
        id: `a${ref.year}${String(ref.number).padStart(8, "0")}`,
        year: ref.year,
        number: ref.number,
        text: row.text ?? "",
        owner: row.owner ?? "",
        due_date: row.due_date || null,
        status: "open",
        meeting_id: null,
        indicator_id: null,
        is_example: 1,
        created_at: at,
      },
      actionReference,
      { at, note: `Raised at the ${row.meeting}, ${row.meeting_date} (example from the public minutes)` },
    );
    const status = row.status as ActionStatus;
    if (status !== "open" || row.note) await updateAction(db, action.id, { status }, { at, status, note: row.note ?? "", meeting_id: null });
    added++;
  }
  return added;
}
