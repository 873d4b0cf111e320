import { Hono } from "hono";
import { z } from "zod";
import { ACTION_STATUSES, ASSURANCE_GRADES, formatMonth, isIsoDate, MEETING_KINDS, QUESTION_STATUSES } from "@scrutiny/domain";
import { recordAudit, setPackPublished } from "@scrutiny/db";
import { NotFoundError } from "../errors";
import type { AppEnv } from "../context";
import { questionsCsv, questionsDocx, questionsMarkdown } from "../services/questionExport";
import {
  addQuestion,
  createMeeting,
  getActions,
  getMeeting,
  getMeetings,
  getPack,
  getQuestions,
  gradeItem,
  issuePack,
  mattersArising,
  patchAction,
  patchMeeting,
  patchQuestion,
  questionsToExport,
  raiseAction,
} from "../services/meetings";
import { importActionLog } from "../services/actionImport";
import { validForm, validJson, validQuery } from "../validation";
import { monthParam } from "./schemas";

/**
 * The meeting cycle's API: meetings and their packs, questions and the action log. Every body is
 * checked here (400 naming the field) before a service writes anything.
 */
const date = z.string().refine(isIsoDate, { message: "must be a date in the form YYYY-MM-DD, e.g. 2026-01-29" });
const text = (max: number) => z.string().trim().min(1, { message: "must not be empty" }).max(max, { message: `must be at most ${max} characters` });
// Owners as the minutes write them: initials ("WK", "SH/LW") or a name.
const owner = z
  .string()
  .trim()
  .min(1, { message: "must not be empty" })
  .max(80)
  .regex(/^[\p{L}][\p{L} .'’\-/&]*$/u, { message: "must be initials or a name, e.g. WK or SH/LW" });
const id = z.string().regex(/^[a-z][0-9a-f]{12}$/, { message: "must be an id such as m1a2b3c4d5e6f" });
const indicatorId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, { message: "must be an indicator id such as police-uk-burglary" });

const NewMeeting = z.object({
  date,
  title: text(200),
  kind: z.enum(MEETING_KINDS, { message: `must be one of: ${MEETING_KINDS.join(", ")}` }),
  month: monthParam,
  papersDue: date.optional(),
});


export const meetingRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json(await getMeetings(c.var.db)))
  .post("/", validJson(NewMeeting), async (c) => c.json(await createMeeting(c.var.db, c.req.valid("json"), c.var.force), 201))
  .get("/:id", async (c) => c.json(await getMeeting(c.var.db, c.req.param("id"))))
  .patch("/:id", validJson(z.object({ papersDue: date.optional(), title: text(200).optional() })), async (c) => c.json(await patchMeeting(c.var.db, c.req.param("id"), c.req.valid("json"))))
  .get("/:id/pack", async (c) => c.json(await getPack(c.var.db, c.req.param("id"), { publishedOnly: !c.var.seesUnpublished })))
  // An admin publishes or unpublishes an issued pack (audited, decision 110a).
  .put("/:id/pack/published", validJson(z.object({ published: z.boolean() })), async (c) => {
    const id = c.req.param("id");
    if (!(await setPackPublished(c.var.db, id, c.req.valid("json").published, c.var.user.name))) throw new NotFoundError(`No issued pack for meeting ${id}`);
    return c.json(await getPack(c.var.db, id));
  })
  // Members' only, published or not (the public reads a published pack's page). The issued pack printed by headless Chromium from the pack page (decision 109a); 503 naming what is missing.
  .get("/:id/pack.pdf", async (c) => {
    const meeting = await getMeeting(c.var.db, c.req.param("id"));
    const pack = await getPack(c.var.db, meeting.id);
    const bytes = await c.var.pdf.render({ meetingId: meeting.id, title: meeting.title, month: formatMonth(pack.month), cookie: c.req.header("cookie") });
    return c.body(bytes as unknown as ArrayBuffer, 200, { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="briefing-pack-${meeting.date}.pdf"` });
  })
  .post("/:id/pack", async (c) => c.json(await issuePack(c.var.db, c.req.param("id"), c.var.user.name), 201))
  .put("/:id/pack/assurance", validJson(z.object({ key: z.string().min(1).max(300), grade: z.enum(ASSURANCE_GRADES, { message: `must be one of: ${ASSURANCE_GRADES.join(", ")}` }), note: z.string().trim().max(2000) })), async (c) =>
    c.json(await gradeItem(c.var.db, c.req.param("id"), c.req.valid("json").key, c.req.valid("json"), c.var.user.name)),
  )
  .get("/:id/matters-arising", async (c) => c.json(await mattersArising(c.var.db, c.req.param("id"))))
  .get("/:id/questions.csv", async (c) => {
    const data = await questionsToExport(c.var.db, c.req.param("id"));
    return c.body(questionsCsv(data), 200, { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="questions-${data.meeting.date}.csv"` });
  })
  .get("/:id/questions.md", async (c) => {
    const data = await questionsToExport(c.var.db, c.req.param("id"));
    return c.body(questionsMarkdown(data), 200, { "Content-Type": "text/markdown; charset=utf-8", "Content-Disposition": `attachment; filename="questions-${data.meeting.date}.md"` });
  })
  .get("/:id/questions.docx", async (c) => {
    const data = await questionsToExport(c.var.db, c.req.param("id"));
    const bytes = await questionsDocx(data);
    return c.body(bytes as unknown as ArrayBuffer, 200, {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="questions-${data.meeting.date}.docx"`,
    });
  });

/** Naming an owner who is not yet on the log or among the accounts (decision 109b). */
const newOwner = z.boolean().optional();
const NewQuestion = z.object({ meetingId: id, indicatorId: indicatorId.optional(), text: text(2000), owner: owner.optional(), newOwner, answerDue: date.optional() });
const QuestionPatch = z.object({
  text: text(2000).optional(),
  status: z.enum(QUESTION_STATUSES, { message: `must be one of: ${QUESTION_STATUSES.join(", ")}` }).optional(),
  owner: owner.nullable().optional(),
  newOwner,
  indicatorId: indicatorId.nullable().optional(),
  sentOn: date.optional(),
  answerDue: date.optional(),
  answer: text(5000).optional(),
});

export const questionRoutes = new Hono<AppEnv>()
  .get("/", validQuery(z.object({ meeting: id.optional(), status: z.enum(QUESTION_STATUSES).optional() })), async (c) => {
    const { meeting, status } = c.req.valid("query");
    return c.json(await getQuestions(c.var.db, { meetingId: meeting, status }));
  })
  .post("/", validJson(NewQuestion), async (c) => c.json(await addQuestion(c.var.db, c.req.valid("json")), 201))
  .patch("/:id", validJson(QuestionPatch), async (c) => c.json(await patchQuestion(c.var.db, c.req.param("id"), c.req.valid("json"))));

const NewAction = z.object({
  text: text(2000),
  owner,
  newOwner,
  dueDate: date.optional(),
  meetingId: id.optional(),
  indicatorId: indicatorId.optional(),
  reference: z.string().max(20).optional(),
});
const ActionPatch = z.object({
  status: z.enum(ACTION_STATUSES, { message: `must be one of: ${ACTION_STATUSES.join(", ")}` }).optional(),
  note: z.string().trim().max(2000).optional(),
  text: text(2000).optional(),
  owner: owner.optional(),
  newOwner,
  dueDate: date.nullable().optional(),
  meetingId: id.optional(),
});

export const actionRoutes = new Hono<AppEnv>()
  .get("/", validQuery(z.object({ status: z.enum(ACTION_STATUSES).optional(), owner: z.string().max(80).optional(), overdue: z.enum(["1", "true"]).optional(), meeting: id.optional(), indicator: indicatorId.optional() })), async (c) => {
    const q = c.req.valid("query");
    return c.json(await getActions(c.var.db, { status: q.status, owner: q.owner, overdue: q.overdue !== undefined, meetingId: q.meeting, indicatorId: q.indicator }));
  })
  // An existing log from CSV, references kept; all or nothing (400 with each problem's line, column and value).
  .post("/import", validForm(z.object({ file: z.instanceof(File, { message: 'attach the CSV as the multipart form field "file"' }) })), async (c) => {
    const file = c.req.valid("form").file;
    const result = await importActionLog(c.var.db, new Uint8Array(await file.arrayBuffer()), file.name || "actions.csv");
    await recordAudit(c.var.db, { actor: c.var.user.name, action: "actions.import", subject: result.file, after: result });
    return c.json(result, 201);
  })
  .post("/", validJson(NewAction), async (c) => {
    // Audited in the action's own transaction (issue 11).
    const action = await raiseAction(c.var.db, c.req.valid("json"), (trx, row) => recordAudit(trx, { actor: c.var.user.name, action: "action.raise", subject: row.id, after: row }));
    return c.json(action, 201);
  })
  .patch("/:id", validJson(ActionPatch), async (c) => {
    const change = c.req.valid("json");
    const action = await patchAction(c.var.db, c.req.param("id"), change, (trx, row) => recordAudit(trx, { actor: c.var.user.name, action: "action.change", subject: row.id, after: { change, action: row } }));
    return c.json(action);
  });
