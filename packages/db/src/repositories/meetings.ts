import { PostgresAdapter, sql, type Insertable, type Kysely, type Updateable } from "kysely";

import type {
  ActionEvent,
  ActionRow,
  ActionTable,
  AssuranceGrade,
  Database,
  Meeting,
  MeetingPack,
  MeetingPackTable,
  MeetingTable,
  Question,
  QuestionTable,
} from "../schema";
import { recordAudit, type AuditHook } from "./audit";
import { bumpDataVersion } from "./dataVersion";

/** The advisory lock key (with the year) under which action numbers are taken on PostgreSQL. */
const ACTION_NUMBERING_LOCK = 11_010;

// ---- Meetings ------------------------------------------------------------------------------------

export async function insertMeeting(db: Kysely<Database>, meeting: Insertable<MeetingTable>): Promise<void> {
  await db.insertInto("meetings").values(meeting).execute();
}

export function findMeeting(db: Kysely<Database>, id: string): Promise<Meeting | undefined> {
  return db.selectFrom("meetings").selectAll().where("id", "=", id).executeTakeFirst();
}

export function listMeetings(db: Kysely<Database>): Promise<Meeting[]> {
  return db.selectFrom("meetings").selectAll().orderBy("date", "desc").orderBy("created_at", "desc").limit(500).execute();
}

export async function updateMeeting(db: Kysely<Database>, id: string, patch: Updateable<MeetingTable>): Promise<void> {
  await db.updateTable("meetings").set(patch).where("id", "=", id).execute();
}

/** The latest meeting before `date` (the one whose pack and actions this meeting follows). */
export function previousMeeting(db: Kysely<Database>, date: string, excludeId: string): Promise<Meeting | undefined> {
  return db.selectFrom("meetings").selectAll().where("date", "<", date).where("id", "!=", excludeId).orderBy("date", "desc").orderBy("created_at", "desc").executeTakeFirst();
}

// ---- Packs and assurance --------------------------------------------------------------------------

export function findPack(db: Kysely<Database>, meetingId: string): Promise<MeetingPack | undefined> {
  return db.selectFrom("meeting_packs").selectAll().where("meeting_id", "=", meetingId).executeTakeFirst();
}

/** The most recent pack issued for a meeting held before `date`. */
export function previousPack(db: Kysely<Database>, date: string, excludeId: string): Promise<(MeetingPack & { date: string; title: string }) | undefined> {
  return db
    .selectFrom("meeting_packs")
    .innerJoin("meetings", "meetings.id", "meeting_packs.meeting_id")
    .selectAll("meeting_packs")
    .select(["meetings.date", "meetings.title"])
    .where("meetings.date", "<", date)
    .where("meetings.id", "!=", excludeId)
    .orderBy("meetings.date", "desc")
    .executeTakeFirst();
}

export async function insertPack(db: Kysely<Database>, pack: Insertable<MeetingPackTable>): Promise<void> {
  await db.insertInto("meeting_packs").values(pack).execute();
}

/**
 * Publishes or unpublishes a meeting's issued pack with its audit entry, in one transaction.
 * Undefined when the meeting has no issued pack.
 */
export async function setPackPublished(db: Kysely<Database>, meetingId: string, published: boolean, actor: string | null): Promise<{ before: boolean; after: boolean } | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("meeting_packs").select(["meeting_id", "published"]).where("meeting_id", "=", meetingId).executeTakeFirst();
    if (!row) return undefined;
    const before = row.published === 1;
    await trx.updateTable("meeting_packs").set({ published: published ? 1 : 0 }).where("meeting_id", "=", meetingId).execute();
    await recordAudit(trx, { actor, action: published ? "pack.publish" : "pack.unpublish", subject: meetingId, before: { published: before }, after: { published } });
    await bumpDataVersion(trx);
    return { before, after: published };
  });
}

export function gradesOf(db: Kysely<Database>, meetingId: string): Promise<AssuranceGrade[]> {
  return db.selectFrom("assurance_grades").selectAll().where("meeting_id", "=", meetingId).execute();
}

export async function upsertGrade(db: Kysely<Database>, grade: AssuranceGrade): Promise<void> {
  await db
    .insertInto("assurance_grades")
    .values(grade)
    .onConflict((oc) => oc.columns(["meeting_id", "item_key"]).doUpdateSet({ grade: grade.grade, note: grade.note, graded_at: grade.graded_at }))
    .execute();
}

// ---- Questions -------------------------------------------------------------------------------------

export async function insertQuestions(db: Kysely<Database>, questions: readonly Insertable<QuestionTable>[]): Promise<void> {
  if (questions.length > 0) await db.insertInto("questions").values([...questions]).execute();
}

export function listQuestions(db: Kysely<Database>, query: { meetingId?: string | undefined; status?: string | undefined }): Promise<Question[]> {
  let q = db.selectFrom("questions").selectAll();
  if (query.meetingId) q = q.where("meeting_id", "=", query.meetingId);
  if (query.status) q = q.where("status", "=", query.status as Question["status"]);
  return q.orderBy("created_at").orderBy("id").limit(1000).execute();
}

export function findQuestion(db: Kysely<Database>, id: string): Promise<Question | undefined> {
  return db.selectFrom("questions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updateQuestion(db: Kysely<Database>, id: string, patch: Updateable<QuestionTable>): Promise<void> {
  await db.updateTable("questions").set(patch).where("id", "=", id).execute();
}

// ---- Actions -----------------------------------------------------------------------------------------

export class DuplicateReferenceError extends Error {}

/**
 * Inserts an action with the next free number of its year ("NN/YY"), or with the reference
 * given (an imported log keeps its own), and its first history event, in one transaction. The
 * (year, number) pair is unique: when two people raise an action at once, the second insert
 * fails on it and is retried with the next number (bounded: 5 attempts).
 */
export async function insertActionNumbered(
  db: Kysely<Database>,
  action: Omit<Insertable<ActionTable>, "number" | "reference"> & { number?: number },
  reference: (number: number, year: number) => string,
  event: { at: string; note: string },
  audit?: AuditHook<ActionRow>,
): Promise<ActionRow> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        // On PostgreSQL several API processes raise actions at once: one numbering at a time per
        // year (a lock held to the end of this transaction), so none fails on the unique pair.
        if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${ACTION_NUMBERING_LOCK}, ${action.year})`.execute(trx);
        let number = action.number;
        if (number === undefined) {
          const max = await trx.selectFrom("actions").select((eb) => eb.fn.max("number").as("max")).where("year", "=", action.year).executeTakeFirst();
          number = Number(max?.max ?? 0) + 1;
        } else {
          const taken = await trx.selectFrom("actions").select("id").where("year", "=", action.year).where("number", "=", number).executeTakeFirst();
          if (taken) throw new DuplicateReferenceError(reference(number, action.year));
        }
        const row = { ...action, number, reference: reference(number, action.year) };
        await trx.insertInto("actions").values(row).execute();
        await trx.insertInto("action_events").values({ action_id: action.id, seq: 1, at: event.at, status: action.status, note: event.note, meeting_id: action.meeting_id ?? null }).execute();
        const inserted = (await trx.selectFrom("actions").selectAll().where("id", "=", action.id).executeTakeFirstOrThrow()) as ActionRow;
        await audit?.(trx, inserted);
        return inserted;
      });
    } catch (error) {
      if (error instanceof DuplicateReferenceError || action.number !== undefined || attempt >= 4) throw error;
      // A unique-constraint race with another writer: take the next number.
    }
  }
}

/**
 * An imported action log, all or nothing: every action with its references as written and its
 * history, in one transaction. A reference already on the log throws DuplicateReferenceError
 * (naming it) and nothing is written.
 */
export async function insertActionLog(
  db: Kysely<Database>,
  entries: readonly { action: Insertable<ActionTable> & { year: number; number: number; reference: string }; events: readonly { at: string; status: string; note: string }[] }[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const { action, events } of entries.slice(0, 5000)) {
      const taken = await trx.selectFrom("actions").select("id").where("year", "=", action.year).where("number", "=", action.number).executeTakeFirst();
      if (taken) throw new DuplicateReferenceError(action.reference);
      await trx.insertInto("actions").values(action).execute();
      let seq = 0;
      for (const e of events.slice(0, 20)) await trx.insertInto("action_events").values({ action_id: action.id, seq: ++seq, at: e.at, status: e.status, note: e.note, meeting_id: null }).execute();
    }
  });
}

export function listActions(db: Kysely<Database>, query: { status?: string | undefined; owner?: string | undefined; meetingId?: string | undefined; indicatorId?: string | undefined } = {}): Promise<ActionRow[]> {
  let q = db.selectFrom("actions").selectAll();
  if (query.indicatorId) q = q.where("indicator_id", "=", query.indicatorId);
  if (query.status) q = q.where("status", "=", query.status as ActionRow["status"]);
  if (query.owner) q = q.where("owner", "=", query.owner);
  if (query.meetingId) q = q.where("meeting_id", "=", query.meetingId);
  return q.orderBy("year", "desc").orderBy("number", "desc").limit(2000).execute();
}

export function findAction(db: Kysely<Database>, id: string): Promise<ActionRow | undefined> {
  return db.selectFrom("actions").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Actions raised at meetings held before `date` (or outside any meeting) that are still open or carried forward. */
export function openActionsBefore(db: Kysely<Database>, date: string): Promise<(ActionRow & { meeting_date: string | null; meeting_title: string | null })[]> {
  return db
    .selectFrom("actions")
    .leftJoin("meetings", "meetings.id", "actions.meeting_id")
    .selectAll("actions")
    .select(["meetings.date as meeting_date", "meetings.title as meeting_title"])
    .where("actions.status", "in", ["open", "carried forward"])
    // The labelled examples from the public minutes never arise at a real meeting.
    .where("actions.is_example", "=", 0)
    .where((eb) => eb.or([eb("meetings.date", "<", date), eb("actions.meeting_id", "is", null)]))
    .orderBy("actions.year")
    .orderBy("actions.number")
    .limit(2000)
    .execute();
}

export function eventsOf(db: Kysely<Database>, actionIds: readonly string[]): Promise<ActionEvent[]> {
  if (actionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom("action_events").selectAll().where("action_id", "in", [...actionIds]).orderBy("action_id").orderBy("seq").execute();
}

/** Changes an action's fields and, when its status changes or a note is given, appends to its history; one transaction. */
export async function updateAction(
  db: Kysely<Database>,
  id: string,
  patch: Updateable<ActionTable>,
  event: { at: string; status: string; note: string; meeting_id: string | null } | null,
  audit?: AuditHook<ActionRow>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (Object.keys(patch).length > 0) await trx.updateTable("actions").set(patch).where("id", "=", id).execute();
    if (event) {
      const last = await trx.selectFrom("action_events").select((eb) => eb.fn.max("seq").as("seq")).where("action_id", "=", id).executeTakeFirst();
      await trx.insertInto("action_events").values({ action_id: id, seq: Number(last?.seq ?? 0) + 1, ...event }).execute();
    }
    if (audit) await audit(trx, (await trx.selectFrom("actions").selectAll().where("id", "=", id).executeTakeFirstOrThrow()) as ActionRow);
  });
}

export async function countExampleActions(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("actions").select((eb) => eb.fn.countAll<number>().as("n")).where("is_example", "=", 1).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The figures held now for the (indicator, area, month) keys a pack was issued with. */
export async function currentValues(db: Kysely<Database>, keys: readonly { indicator: string; area: string; month: string }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const key of keys.slice(0, 500)) {
    const row = await db.selectFrom("observations").select("value").where("indicator_id", "=", key.indicator).where("area_code", "=", key.area).where("month", "=", key.month).executeTakeFirst();
    if (row) out.set(`${key.indicator}|${key.area}|${key.month}`, row.value);
  }
  return out;
}

/** Every owner named on the action log or a question, and every enabled account's email (bounded). */
export async function ownerNamesHeld(db: Kysely<Database>): Promise<{ owners: string[]; emails: string[] }> {
  const actions = await db.selectFrom("actions").select("owner").distinct().limit(5000).execute();
  const questions = await db.selectFrom("questions").select("owner").distinct().where("owner", "is not", null).limit(5000).execute();
  const accounts = await db.selectFrom("accounts").select("email").where("disabled", "=", 0).limit(5000).execute();
  return { owners: [...actions.map((a) => a.owner), ...questions.map((q) => q.owner!)], emails: accounts.map((a) => a.email) };
}
