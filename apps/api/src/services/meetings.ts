import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import {
  eventsOf,
  findAction,
  findIndicator,
  findMeeting,
  findPack,
  findQuestion,
  gradesOf,
  insertActionNumbered,
  insertMeeting,
  insertPack,
  insertQuestions,
  listActions,
  listMeetings,
  listQuestions,
  openActionsBefore,
  previousMeeting,
  previousPack,
  ownerNamesHeld,
  recordAudit,
  updateAction,
  updateMeeting,
  updateQuestion,
  upsertGrade,
  DuplicateReferenceError,
  type ActionRow,
  type Database,
  type Meeting,
  type Question,
  type AuditHook,
} from "@scrutiny/db";
import {
  actionReference,
  daysUntil,
  defaultPapersDue,
  isOverdue,
  monthOfDate,
  parseActionReference,
  ownerNamesOfEmail,
  ownerParts,
  unknownOwnerParts,
  ESSEX_FORCE_CODE,
  type ActionStatus,
  type AssuranceGradeName,
  type MeetingKind,
  type Month,
  type QuestionStatus,
} from "@scrutiny/domain";
import { BadRequestError, NotFoundError } from "../errors";
import { changesSince, selectExceptions, type PackBody, type PackItem } from "./pack";

/**
 * The meeting cycle: meetings, the issued (frozen) briefing pack with its assurance grades, the
 * questions drafted from it, and the action log with matters arising. Validation of shapes is at
 * the routes (zod); the checks that need the database are here, before anything is written.
 */
const newId = (prefix: string) => `${prefix}${randomBytes(6).toString("hex")}`;
const now = () => new Date().toISOString();
export const today = () => now().slice(0, 10);

export interface MeetingView {
  id: string;
  date: string;
  title: string;
  kind: MeetingKind;
  month: Month;
  papersDue: string;
  force: string;
  createdAt: string;
  packIssuedAt: string | null;
  /** Days from today to the papers-due date (negative once past). */
  daysToPapersDue: number;
}

function toMeetingView(m: Meeting, packIssuedAt: string | null): MeetingView {
  return {
    id: m.id,
    date: m.date,
    title: m.title,
    kind: m.kind,
    month: m.month as Month,
    papersDue: m.papers_due,
    force: m.force_code,
    createdAt: m.created_at,
    packIssuedAt,
    daysToPapersDue: daysUntil(m.papers_due, today()),
  };
}

async function requireMeeting(db: Kysely<Database>, id: string): Promise<Meeting> {
  const meeting = await findMeeting(db, id);
  if (!meeting) throw new NotFoundError(`No meeting ${id}`);
  return meeting;
}

export async function createMeeting(db: Kysely<Database>, input: { date: string; title: string; kind: MeetingKind; month: Month; papersDue?: string | undefined }, forceCode: string = ESSEX_FORCE_CODE): Promise<MeetingView> {
  const papersDue = input.papersDue ?? defaultPapersDue(input.date);
  if (papersDue > input.date) throw new BadRequestError(`papersDue: must be on or before the meeting date ${input.date}`);
  const meeting: Meeting = { id: newId("m"), date: input.date, title: input.title, kind: input.kind, month: input.month, papers_due: papersDue, force_code: forceCode, created_at: now() };
  await insertMeeting(db, meeting);
  return toMeetingView(meeting, null);
}

export async function getMeetings(db: Kysely<Database>): Promise<MeetingView[]> {
  const meetings = await listMeetings(db);
  const out: MeetingView[] = [];
  for (const m of meetings) out.push(toMeetingView(m, (await findPack(db, m.id))?.issued_at ?? null));
  return out;
}

export async function getMeeting(db: Kysely<Database>, id: string): Promise<MeetingView & { previous: { id: string; title: string; date: string } | null }> {
  const m = await requireMeeting(db, id);
  const previous = await previousMeeting(db, m.date, m.id);
  return { ...toMeetingView(m, (await findPack(db, m.id))?.issued_at ?? null), previous: previous ? { id: previous.id, title: previous.title, date: previous.date } : null };
}

export async function patchMeeting(db: Kysely<Database>, id: string, patch: { papersDue?: string | undefined; title?: string | undefined }): Promise<MeetingView> {
  const m = await requireMeeting(db, id);
  if (patch.papersDue !== undefined && patch.papersDue > m.date) throw new BadRequestError(`papersDue: must be on or before the meeting date ${m.date}`);
  await updateMeeting(db, id, { ...(patch.papersDue !== undefined ? { papers_due: patch.papersDue } : {}), ...(patch.title !== undefined ? { title: patch.title } : {}) });
  return getMeeting(db, id);
}

// ---- The pack ---------------------------------------------------------------------------------------

export interface PackView extends PackBody {
  meetingId: string;
  issuedAt: string;
  month: Month;
  /** Whether an admin has published it: the public sees published packs only (decision 110a). */
  published: boolean;
  items: (PackItem & { assurance: Grade | null; previousAssurance: (Grade & { meetingId: string }) | null })[];
}

interface Grade {
  grade: AssuranceGradeName;
  note: string;
  gradedAt: string;
}

/** Issues the pack: exceptions selected now, frozen as issued; drafted questions added to the meeting. */
export async function issuePack(db: Kysely<Database>, meetingId: string, issuedBy: string | null): Promise<PackView> {
  const meeting = await requireMeeting(db, meetingId);
  if (await findPack(db, meetingId)) throw new BadRequestError(`meeting: the pack for ${meeting.title} was already issued; an issued pack is not changed`);
  const month = meeting.month as Month;
  const { cover, items } = await selectExceptions(db, { force: meeting.force_code, month, asOf: monthOfDate(new Date(`${meeting.papers_due}T12:00:00Z`)) });
  const prev = await previousPack(db, meeting.date, meeting.id);
  const changes = await changesSince(db, prev ? { meetingId: prev.meeting_id, title: prev.title, date: prev.date, month: prev.month as Month, body: JSON.parse(prev.body) as PackBody } : null, items);
  const body: PackBody = { cover, items, changes };
  const issuedAt = now();
  await db.transaction().execute(async (trx) => {
    await insertPack(trx, { meeting_id: meetingId, issued_at: issuedAt, issued_by: issuedBy, month, body: JSON.stringify(body) });
    await insertQuestions(
      trx,
      items.map((item, i) => ({
        id: newId("q"),
        meeting_id: meetingId,
        indicator_id: item.indicator.id,
        item_key: item.key,
        text: item.question,
        owner: null,
        origin: "drafted" as const,
        status: "draft" as const,
        sent_on: null,
        answer_due: null,
        answer: null,
        // Keeps the pack's order when listed.
        created_at: `${issuedAt}#${String(i).padStart(4, "0")}`,
        updated_at: issuedAt,
      })),
    );
    // Audited in the pack's own transaction (issue 11): what was issued, for which month, by whom.
    await recordAudit(trx, {
      actor: issuedBy,
      action: "pack.issue",
      subject: meetingId,
      after: { month, exceptions: items.map((item) => item.key), questions: items.length, changes: { new: changes.newExceptions.length, cleared: changes.cleared.length, revised: changes.revised.length } },
    });
  });
  return getPack(db, meetingId);
}

export async function getPack(db: Kysely<Database>, meetingId: string, options: { publishedOnly?: boolean } = {}): Promise<PackView> {
  const pack = await findPack(db, meetingId);
  // To the public an unpublished pack is no different from a meeting that does not exist.
  if (options.publishedOnly && pack?.published !== 1) throw new NotFoundError(`No meeting ${meetingId}`);
  const meeting = await requireMeeting(db, meetingId);
  if (!pack) throw new NotFoundError(`The pack for ${meeting.title} has not been issued yet`);
  const body = JSON.parse(pack.body) as PackBody;
  const grades = new Map((await gradesOf(db, meetingId)).map((g) => [g.item_key, { grade: g.grade, note: g.note, gradedAt: g.graded_at }]));
  const prevMeetingId = body.changes.previous?.meetingId ?? null;
  const prevGrades = new Map(prevMeetingId ? (await gradesOf(db, prevMeetingId)).map((g) => [g.item_key, { grade: g.grade, note: g.note, gradedAt: g.graded_at, meetingId: prevMeetingId }]) : []);
  return {
    meetingId,
    issuedAt: pack.issued_at,
    month: pack.month as Month,
    published: pack.published === 1,
    cover: body.cover,
    changes: body.changes,
    items: body.items.map((item) => ({ ...item, assurance: grades.get(item.key) ?? null, previousAssurance: prevGrades.get(item.key) ?? null })),
  };
}

/** Grades one exception of an issued pack; audited with the grade it replaces, in the same transaction (issue 11). */
export async function gradeItem(db: Kysely<Database>, meetingId: string, key: string, input: { grade: AssuranceGradeName; note: string }, actor: string | null): Promise<PackView> {
  const pack = await getPack(db, meetingId);
  if (!pack.items.some((i) => i.key === key)) throw new BadRequestError(`key: the pack has no exception "${key}"`);
  await db.transaction().execute(async (trx) => {
    const previous = (await gradesOf(trx, meetingId)).find((g) => g.item_key === key);
    await upsertGrade(trx, { meeting_id: meetingId, item_key: key, grade: input.grade, note: input.note, graded_at: now() });
    await recordAudit(trx, {
      actor,
      action: "pack.grade",
      subject: meetingId,
      before: previous ? { key, grade: previous.grade, note: previous.note } : null,
      after: { key, grade: input.grade, note: input.note },
    });
  });
  return getPack(db, meetingId);
}

// ---- Questions ----------------------------------------------------------------------------------------

export interface QuestionView {
  id: string;
  meetingId: string | null;
  indicatorId: string | null;
  itemKey: string | null;
  text: string;
  owner: string | null;
  origin: "drafted" | "added";
  status: QuestionStatus;
  sentOn: string | null;
  answerDue: string | null;
  answer: string | null;
  updatedAt: string;
}

function toQuestionView(q: Question): QuestionView {
  return { id: q.id, meetingId: q.meeting_id, indicatorId: q.indicator_id, itemKey: q.item_key, text: q.text, owner: q.owner, origin: q.origin, status: q.status, sentOn: q.sent_on, answerDue: q.answer_due, answer: q.answer, updatedAt: q.updated_at };
}

/**
 * An owner must be someone known (decision 109b): named already on the action log or a question,
 * or one of the office's accounts (email, or the initials of its local part). `newOwner` says the
 * caller means to name someone for the first time.
 */
export async function checkOwner(db: Kysely<Database>, owner: string | null | undefined, field: string, newOwner: boolean | undefined): Promise<void> {
  if (!owner || newOwner) return;
  const held = await ownerNamesHeld(db);
  const known = new Set<string>();
  for (const o of held.owners) for (const p of ownerParts(o)) known.add(p);
  for (const e of held.emails) for (const n of ownerNamesOfEmail(e)) known.add(n);
  const unknown = unknownOwnerParts(owner, known);
  if (unknown.length > 0)
    throw new BadRequestError(`${field}: ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} not on the action log or among the office's accounts; check the initials, or say it is a new owner (newOwner: true)`);
}

async function checkIndicator(db: Kysely<Database>, id: string | null | undefined, field = "indicatorId"): Promise<void> {
  if (id && !(await findIndicator(db, id))) throw new BadRequestError(`${field}: no indicator "${id}"`);
}

export async function getQuestions(db: Kysely<Database>, query: { meetingId?: string | undefined; status?: QuestionStatus | undefined }): Promise<QuestionView[]> {
  if (query.meetingId) await requireMeeting(db, query.meetingId);
  return (await listQuestions(db, query)).map(toQuestionView);
}

export async function addQuestion(db: Kysely<Database>, input: { meetingId: string; indicatorId?: string | undefined; text: string; owner?: string | undefined; newOwner?: boolean | undefined; answerDue?: string | undefined }): Promise<QuestionView> {
  await requireMeetingField(db, input.meetingId);
  await checkIndicator(db, input.indicatorId);
  await checkOwner(db, input.owner, "owner", input.newOwner);
  const at = now();
  const question: Question = {
    id: newId("q"),
    meeting_id: input.meetingId,
    indicator_id: input.indicatorId ?? null,
    item_key: null,
    text: input.text,
    owner: input.owner ?? null,
    origin: "added",
    status: "draft",
    sent_on: null,
    answer_due: input.answerDue ?? null,
    answer: null,
    created_at: at,
    updated_at: at,
  };
  await insertQuestions(db, [question]);
  return toQuestionView(question);
}

async function requireMeetingField(db: Kysely<Database>, id: string): Promise<Meeting> {
  const meeting = await findMeeting(db, id);
  if (!meeting) throw new BadRequestError(`meetingId: no meeting "${id}"`);
  return meeting;
}

export async function patchQuestion(
  db: Kysely<Database>,
  id: string,
  patch: { text?: string | undefined; status?: QuestionStatus | undefined; owner?: string | null | undefined; newOwner?: boolean | undefined; indicatorId?: string | null | undefined; sentOn?: string | undefined; answerDue?: string | undefined; answer?: string | undefined },
): Promise<QuestionView> {
  const q = await findQuestion(db, id);
  if (!q) throw new NotFoundError(`No question ${id}`);
  await checkIndicator(db, patch.indicatorId);
  if (patch.owner !== q.owner) await checkOwner(db, patch.owner, "owner", patch.newOwner);
  const sentOn = patch.sentOn ?? q.sent_on;
  const answerDue = patch.answerDue ?? q.answer_due;
  if (sentOn && answerDue && answerDue < sentOn) throw new BadRequestError(`answerDue: must be on or after the date the question was sent (${sentOn})`);
  let status = patch.status;
  // Sending and answering are recorded by their dates and answer as well as by status.
  if (status === undefined && patch.answer !== undefined) status = "answered";
  else if (status === undefined && patch.sentOn !== undefined && q.status !== "answered") status = "sent";
  if (status === "sent" && !sentOn) throw new BadRequestError("sentOn: give the date the question was sent to the force");
  if (status === "answered" && !(patch.answer ?? q.answer)) throw new BadRequestError("answer: record the force's answer");
  await updateQuestion(db, id, {
    ...(patch.text !== undefined ? { text: patch.text } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(patch.owner !== undefined ? { owner: patch.owner } : {}),
    ...(patch.indicatorId !== undefined ? { indicator_id: patch.indicatorId } : {}),
    ...(patch.sentOn !== undefined ? { sent_on: patch.sentOn } : {}),
    ...(patch.answerDue !== undefined ? { answer_due: patch.answerDue } : {}),
    ...(patch.answer !== undefined ? { answer: patch.answer } : {}),
    updated_at: now(),
  });
  return toQuestionView((await findQuestion(db, id))!);
}

/** Questions to put to the force: accepted, sent or answered (not drafts, not dismissed). */
export async function questionsToExport(db: Kysely<Database>, meetingId: string): Promise<{ meeting: MeetingView; questions: (QuestionView & { indicatorName: string | null })[] }> {
  const meeting = await getMeeting(db, meetingId);
  const questions = (await listQuestions(db, { meetingId })).filter((q) => q.status === "accepted" || q.status === "sent" || q.status === "answered");
  const out: (QuestionView & { indicatorName: string | null })[] = [];
  for (const q of questions) out.push({ ...toQuestionView(q), indicatorName: q.indicator_id ? ((await findIndicator(db, q.indicator_id))?.name ?? null) : null });
  return { meeting, questions: out };
}

// ---- Actions --------------------------------------------------------------------------------------------

export interface ActionView {
  id: string;
  reference: string;
  text: string;
  owner: string;
  dueDate: string | null;
  status: ActionStatus;
  meetingId: string | null;
  indicatorId: string | null;
  isExample: boolean;
  overdue: boolean;
  createdAt: string;
  /** The date it was raised: its meeting's date, else the date it was entered (an example's minutes date). */
  raisedOn: string;
  /** The data month it answers to: the reporting month of the meeting that raised it, else the month it was raised. */
  month: Month;
  history: { at: string; status: string; note: string; meetingId: string | null }[];
}

async function toActionViews(db: Kysely<Database>, rows: readonly ActionRow[]): Promise<ActionView[]> {
  const events = await eventsOf(db, rows.map((r) => r.id));
  const byAction = new Map<string, ActionView["history"]>();
  for (const e of events) {
    const list = byAction.get(e.action_id) ?? [];
    list.push({ at: e.at, status: e.status, note: e.note, meetingId: e.meeting_id });
    byAction.set(e.action_id, list);
  }
  const day = today();
  const meetings = new Map<string, Meeting | undefined>();
  for (const r of rows) if (r.meeting_id && !meetings.has(r.meeting_id)) meetings.set(r.meeting_id, await findMeeting(db, r.meeting_id));
  return rows.map((r) => {
    const meeting = r.meeting_id ? meetings.get(r.meeting_id) : undefined;
    const raisedOn = meeting?.date ?? (byAction.get(r.id)?.[0]?.at ?? r.created_at).slice(0, 10);
    return {
    id: r.id,
    reference: r.reference,
    text: r.text,
    owner: r.owner,
    dueDate: r.due_date,
    status: r.status,
    meetingId: r.meeting_id,
    indicatorId: r.indicator_id,
    isExample: r.is_example === 1,
    overdue: isOverdue({ status: r.status, dueDate: r.due_date }, day),
    createdAt: r.created_at,
    raisedOn,
    month: (meeting?.month ?? raisedOn.slice(0, 7)) as Month,
    history: byAction.get(r.id) ?? [],
    };
  });
}

export async function raiseAction(
  db: Kysely<Database>,
  input: { text: string; owner: string; newOwner?: boolean | undefined; dueDate?: string | undefined; meetingId?: string | undefined; indicatorId?: string | undefined; reference?: string | undefined; isExample?: boolean },
  audit?: AuditHook<ActionRow>,
): Promise<ActionView> {
  const meeting = input.meetingId ? await requireMeetingField(db, input.meetingId) : null;
  await checkIndicator(db, input.indicatorId);
  await checkOwner(db, input.owner, "owner", input.newOwner);
  if (meeting && input.dueDate && input.dueDate < meeting.date) throw new BadRequestError(`dueDate: must be on or after the meeting that raised it (${meeting.date})`);
  const given = input.reference !== undefined ? parseActionReference(input.reference) : null;
  if (input.reference !== undefined && !given) throw new BadRequestError(`reference: "${input.reference}" is not a reference such as 89/14`);
  const year = given?.year ?? Number((meeting?.date ?? today()).slice(0, 4));
  try {
    const row = await insertActionNumbered(
      db,
      {
        id: newId("a"),
        year,
        ...(given ? { number: given.number } : {}),
        text: input.text,
        owner: input.owner,
        due_date: input.dueDate ?? null,
        status: "open",
        meeting_id: meeting?.id ?? null,
        indicator_id: input.indicatorId ?? null,
        is_example: input.isExample ? 1 : 0,
        created_at: now(),
      },
      actionReference,
      { at: now(), note: meeting ? `Raised at ${meeting.title}` : "Raised" },
      audit,
    );
    return (await toActionViews(db, [row]))[0]!;
  } catch (error) {
    if (error instanceof DuplicateReferenceError) throw new BadRequestError(`reference: ${error.message} is already in the action log`);
    throw error;
  }
}

export async function getActions(db: Kysely<Database>, query: { status?: ActionStatus | undefined; owner?: string | undefined; overdue?: boolean | undefined; meetingId?: string | undefined; indicatorId?: string | undefined }): Promise<ActionView[]> {
  const views = await toActionViews(db, await listActions(db, query));
  return query.overdue ? views.filter((a) => a.overdue) : views;
}

export async function patchAction(
  db: Kysely<Database>,
  id: string,
  patch: { status?: ActionStatus | undefined; note?: string | undefined; text?: string | undefined; owner?: string | undefined; newOwner?: boolean | undefined; dueDate?: string | null | undefined; meetingId?: string | undefined },
  audit?: AuditHook<ActionRow>,
): Promise<ActionView> {
  const action = await findAction(db, id);
  if (!action) throw new NotFoundError(`No action ${id}`);
  if (patch.meetingId) await requireMeetingField(db, patch.meetingId);
  if (patch.owner !== undefined && patch.owner !== action.owner) await checkOwner(db, patch.owner, "owner", patch.newOwner);
  if (patch.dueDate && action.meeting_id) {
    const raisedAt = await findMeeting(db, action.meeting_id);
    if (raisedAt && patch.dueDate < raisedAt.date) throw new BadRequestError(`dueDate: must be on or after the meeting that raised it (${raisedAt.date})`);
  }
  const statusChanged = patch.status !== undefined && patch.status !== action.status;
  const event = statusChanged || patch.note ? { at: now(), status: patch.status ?? action.status, note: patch.note ?? "", meeting_id: patch.meetingId ?? null } : null;
  await updateAction(
    db,
    id,
    {
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.text !== undefined ? { text: patch.text } : {}),
      ...(patch.owner !== undefined ? { owner: patch.owner } : {}),
      ...(patch.dueDate !== undefined ? { due_date: patch.dueDate } : {}),
    },
    event,
    audit,
  );
  return (await toActionViews(db, [(await findAction(db, id))!]))[0]!;
}

/** Every open or carried-forward action raised before this meeting, oldest first, overdue ones flagged. */
export async function mattersArising(db: Kysely<Database>, meetingId: string): Promise<{ meetingId: string; actions: (ActionView & { raisedAt: { title: string; date: string } | null })[] }> {
  const meeting = await requireMeeting(db, meetingId);
  const rows = await openActionsBefore(db, meeting.date);
  const views = await toActionViews(db, rows);
  return {
    meetingId,
    actions: views.map((v, i) => {
      const r = rows[i]!;
      return { ...v, raisedAt: r.meeting_title && r.meeting_date ? { title: r.meeting_title, date: r.meeting_date } : null };
    }),
  };
}
