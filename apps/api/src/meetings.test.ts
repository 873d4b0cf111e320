import { describe, expect, it } from "vitest";
import { importIndicatorFile } from "@scrutiny/ingest";
import { apiOnDefaultDataset } from "../../../tests/support/api";
import type { ActionView, MeetingView, OverviewResponse, PackView, QuestionView } from "./index";

const api = apiOnDefaultDataset();

async function send<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await api.app.request(path, {
    method,
    headers: { "Content-Type": "application/json", "X-Scrutiny-Csrf": "1" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

const KSI_MONTHS = (() => {
  const months: string[] = [];
  for (let y = 2023; y <= 2025; y++) for (let m = 1; m <= 12; m++) months.push(`${y}-${String(m).padStart(2, "0")}`);
  return months;
})();

/** The force's own KSI file: 50 a month for two years, then 90 a month in 2025 (a real rise). */
function ksiFile(overrides: Record<string, number> = {}): { fileName: string; bytes: Uint8Array } {
  const rows = KSI_MONTHS.map((m) => `ksi-casualties,E23000028,${m},${overrides[m] ?? (m >= "2025-01" ? 90 : 50)}`);
  return { fileName: "ksi.csv", bytes: new TextEncoder().encode(["indicator,area,month,value", ...rows].join("\n")) };
}

describe("meetings", () => {
  it("creates a meeting with papers due a week before, and reads it back", async () => {
    const created = await send<MeetingView>("POST", "/api/meetings", { date: "2026-01-29", title: "Performance and Resources Scrutiny Board", kind: "performance scrutiny", month: "2025-12" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ date: "2026-01-29", kind: "performance scrutiny", month: "2025-12", papersDue: "2026-01-22", packIssuedAt: null });
    const read = await api.get<MeetingView>(`/api/meetings/${created.body.id}`);
    expect(read.body).toMatchObject({ id: created.body.id, papersDue: "2026-01-22" });
    const edited = await send<MeetingView>("PATCH", `/api/meetings/${created.body.id}`, { papersDue: "2026-01-20" });
    expect(edited.body.papersDue).toBe("2026-01-20");
  });

  it("rejects a meeting without a month, a bad date or papers due after it, naming the field, and writes nothing", async () => {
    const before = (await api.get<MeetingView[]>("/api/meetings")).body.length;
    const cases: [unknown, RegExp][] = [
      [{ date: "2026-01-29", title: "x", kind: "performance scrutiny" }, /^month: /],
      [{ date: "2026-02-30", title: "x", kind: "performance scrutiny", month: "2026-01" }, /^date: must be a date/],
      [{ date: "2026-02-26", title: "x", kind: "board", month: "2026-01" }, /^kind: must be one of/],
      [{ date: "2026-02-26", title: " ", kind: "performance scrutiny", month: "2026-01" }, /^title: must not be empty/],
      [{ date: "2026-02-26", title: "x", kind: "performance scrutiny", month: "2026-01", papersDue: "2026-03-01" }, /^papersDue: must be on or before/],
    ];
    for (const [body, message] of cases) {
      const response = await send<{ code: string; message: string }>("POST", "/api/meetings", body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.message).toMatch(message);
    }
    expect((await api.get<MeetingView[]>("/api/meetings")).body).toHaveLength(before);
    expect((await api.get<{ code: string }>("/api/meetings/m000000000000")).status).toBe(404);
  });
});

describe("action log", () => {
  it("numbers actions NN/YY in the year of the meeting, lists matters arising at the next meeting, and records completion", async () => {
    const first = (await send<MeetingView>("POST", "/api/meetings", { date: "2015-01-29", title: "Force Performance Scrutiny Meeting", kind: "performance scrutiny", month: "2014-12" })).body;
    const next = (await send<MeetingView>("POST", "/api/meetings", { date: "2015-03-26", title: "Force Performance Scrutiny Meeting", kind: "performance scrutiny", month: "2015-02" })).body;
    const imported = await send<ActionView>("POST", "/api/actions", { text: "SH to draft paper for Strategic Domestic Abuse Board on DHRs", owner: "SH", newOwner: true, reference: "16/15", dueDate: "2015-04-30" });
    expect(imported.body.reference).toBe("16/15");
    const raised = await send<ActionView>("POST", "/api/actions", { text: "CF to clarify with WK", owner: "CF/WK", newOwner: true, meetingId: first.id, dueDate: "2015-02-28", indicatorId: "sample-da-solved-rate" });
    expect(raised.status).toBe(201);
    expect(raised.body).toMatchObject({ reference: "17/15", status: "open", owner: "CF/WK", raisedOn: "2015-01-29", month: "2014-12" });
    // The indicator's actions, for the markers on its charts: at the reporting month of the meeting that raised them.
    expect((await api.get<ActionView[]>("/api/actions?indicator=sample-da-solved-rate")).body.map((a) => [a.reference, a.month])).toEqual([["17/15", "2014-12"]]);
    expect(imported.body).toMatchObject({ raisedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    // Two at once get different numbers.
    const pair = await Promise.all([0, 1].map((i) => send<ActionView>("POST", "/api/actions", { text: `Action ${i}`, owner: "JW", newOwner: true, meetingId: first.id })));
    expect(pair.map((r) => r.body.reference).sort()).toEqual(["18/15", "19/15"]);
    const duplicate = await send<{ message: string }>("POST", "/api/actions", { text: "again", owner: "SH", reference: "16/15" });
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.message).toMatch(/^reference: 16\/15 is already in the action log/);
    for (const [body, message] of [
      [{ text: "", owner: "SH" }, /^text: must not be empty/],
      [{ text: "x", owner: "SH", indicatorId: "no-such-indicator" }, /^indicatorId: no indicator/],
      [{ text: "x", owner: "SH", meetingId: first.id, dueDate: "2015-01-01" }, /^dueDate: must be on or after/],
      [{ text: "x", owner: "12" }, /^owner: must be initials or a name/],
      // Known owners are those on the log (SH, CF, WK, JW so far) and the office's accounts (decision 109b).
      [{ text: "x", owner: "WKK" }, /^owner: WKK is not on the action log or among the office's accounts/],
      [{ text: "x", owner: "SH/LW" }, /^owner: LW is not on the action log/],
    ] as const) {
      const before = (await api.get<ActionView[]>("/api/actions")).body.length;
      const r = await send<{ message: string }>("POST", "/api/actions", body);
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(message);
      expect((await api.get<ActionView[]>("/api/actions")).body, "nothing half-written").toHaveLength(before);
    }
    // A joint owner of known people, in any case, is known; an account's initials are known.
    expect((await send<ActionView>("POST", "/api/actions", { text: "Joint", owner: "sh/wk", meetingId: first.id })).status).toBe(201);
    const { addAccount } = await import("./auth/accounts");
    await addAccount(api.handle.db, { email: "lucy.west@opcc.example", role: "analyst", password: "a long enough secret phrase", by: "test" });
    expect((await send<ActionView>("POST", "/api/actions", { text: "Lucy's", owner: "SH/LW", meetingId: first.id })).status).toBe(201);
    // A change of due date before the meeting that raised it, or to an unknown owner, is refused too; nothing changes.
    const badDue = await send<{ message: string }>("PATCH", `/api/actions/${raised.body.id}`, { dueDate: "2015-01-02" });
    expect([badDue.status, badDue.body.message]).toEqual([400, "dueDate: must be on or after the meeting that raised it (2015-01-29)"]);
    const badOwner = await send<{ message: string }>("PATCH", `/api/actions/${raised.body.id}`, { owner: "ZZ", status: "complete" });
    expect(badOwner.status).toBe(400);
    expect(badOwner.body.message).toMatch(/^owner: ZZ is not on the action log/);
    expect((await api.get<ActionView[]>(`/api/actions?meeting=${first.id}`)).body.find((a) => a.id === raised.body.id)).toMatchObject({ owner: "CF/WK", dueDate: "2015-02-28", status: "open" });

    const arising = (await api.get<{ actions: (ActionView & { raisedAt: { date: string } | null })[] }>(`/api/meetings/${next.id}/matters-arising`)).body.actions;
    expect(arising.map((a) => a.reference)).toEqual(["16/15", "17/15", "18/15", "19/15", "20/15", "21/15"]);
    expect(arising.find((a) => a.reference === "17/15")).toMatchObject({ overdue: true, raisedAt: { date: "2015-01-29" } });
    // Nothing raised at the next meeting itself counts as arising there.
    expect((await api.get<{ actions: ActionView[] }>(`/api/meetings/${first.id}/matters-arising`)).body.actions.map((a) => a.reference)).toEqual(["16/15"]);

    const done = await send<ActionView>("PATCH", `/api/actions/${raised.body.id}`, { status: "complete", note: "Clarified: the DAAT figures are financial year to date", meetingId: next.id });
    expect(done.body.status).toBe("complete");
    expect(done.body.history.map((h) => [h.status, h.note])).toEqual([
      ["open", "Raised at Force Performance Scrutiny Meeting"],
      ["complete", "Clarified: the DAAT figures are financial year to date"],
    ]);
    const after = (await api.get<{ actions: ActionView[] }>(`/api/meetings/${next.id}/matters-arising`)).body.actions.map((a) => a.reference);
    expect(after).toEqual(["16/15", "18/15", "19/15", "20/15", "21/15"]);
    expect((await api.get<ActionView[]>("/api/actions?status=complete")).body.map((a) => a.reference)).toEqual(["17/15"]);
    expect((await api.get<ActionView[]>("/api/actions?owner=SH")).body.map((a) => a.reference)).toEqual(["16/15"]);
  });

  it("refuses an empty question, an unknown indicator, meeting or owner, naming the field, and writes nothing", async () => {
    const meeting = (await send<MeetingView>("POST", "/api/meetings", { date: "2016-06-30", title: "Questions", kind: "performance scrutiny", month: "2016-05" })).body;
    const cases: [unknown, RegExp][] = [
      [{ meetingId: meeting.id, text: "   " }, /^text: must not be empty/],
      [{ meetingId: meeting.id, text: "Why?", indicatorId: "no-such-indicator" }, /^indicatorId: no indicator "no-such-indicator"/],
      [{ meetingId: "m000000000000", text: "Why?" }, /^meetingId: no meeting/],
      [{ meetingId: meeting.id, text: "Why?", owner: "QQ" }, /^owner: QQ is not on the action log/],
    ];
    for (const [body, message] of cases) {
      const r = await send<{ message: string }>("POST", "/api/questions", body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.message).toMatch(message);
    }
    expect((await api.get<QuestionView[]>(`/api/questions?meeting=${meeting.id}`)).body).toEqual([]);
    const added = await send<QuestionView>("POST", "/api/questions", { meetingId: meeting.id, text: "Why?", owner: "QQ", newOwner: true });
    expect(added.status).toBe(201);
    const emptied = await send<{ message: string }>("PATCH", `/api/questions/${added.body.id}`, { text: "" });
    expect([emptied.status, emptied.body.message]).toEqual([400, "text: must not be empty"]);
    expect((await api.get<QuestionView[]>(`/api/questions?meeting=${meeting.id}`)).body.map((q) => [q.text, q.owner])).toEqual([["Why?", "QQ"]]);
  });
});

describe("briefing pack", () => {
  it("issues a frozen pack of the statistics' exceptions, drafts questions, and lists revisions in the next pack", async () => {
    await importIndicatorFile(api.handle.db, ksiFile(), { importedBy: "test", now: new Date("2026-01-15T00:00:00Z") });
    const meeting = (await send<MeetingView>("POST", "/api/meetings", { date: "2026-01-29", title: "Performance scrutiny, January", kind: "performance scrutiny", month: "2025-12" })).body;
    expect((await api.get<{ message: string }>(`/api/meetings/${meeting.id}/pack`)).status).toBe(404);
    const issued = await send<PackView>("POST", `/api/meetings/${meeting.id}/pack`);
    expect(issued.status).toBe(201);
    const pack = issued.body;
    expect(pack.month).toBe("2025-12");
    expect(pack.changes.previous).toBeNull();

    // Every significant change in the pack is one the scorecard reports as significant and worse.
    const overview = (await api.get<OverviewResponse>("/api/overview?area=E23000028")).body;
    const kept = pack.items.find((i) => i.key === "significant change|sample-satisfaction-kept-informed|E23000028");
    const keptRow = overview.rows.find((r) => r.indicator.id === "sample-satisfaction-kept-informed")!;
    const rolling = keptRow.comparisons.find((c) => c.period === "rolling 12 months")!;
    expect(rolling.test?.significant).toBe(true);
    expect(kept).toMatchObject({ kind: "significant change", evidence: rolling.sentence, dataMonth: "2025-12", area: { name: "Essex" } });
    expect(kept?.question).toBe(
      "Victim satisfaction: kept informed in Essex fell 2.6 percentage points in the 12 months to Dec 2025 against the 12 months before, more than chance would explain: what is driving the fall, and what is the plan to recover it?",
    );
    // The DA solved rate's special cause, the force's own KSI rise, and no improvement or neutral series.
    expect(pack.items.some((i) => i.key === "special cause|sample-da-solved-rate|E23000028")).toBe(true);
    const ksi = pack.items.find((i) => i.key === "significant change|ksi-casualties|E23000028")!;
    expect(ksi.figures).toEqual([{ indicator: "ksi-casualties", area: "E23000028", month: "2025-12", value: 90, label: "Essex, Dec 2025: 90" }]);
    expect(pack.items.some((i) => i.indicator.id === "sample-da-incidents")).toBe(false);
    // Funnel exceptions follow the adjusted limits where districts are over-dispersed (all crime,
    // Dec 2025: 9 of 14 outside the unadjusted limits, none outside the adjusted), as the districts view.
    const allCrime = (await api.get<{ funnel: { adjustedCurve: unknown[] | null; outside: { unadjusted: number; adjusted: number | null } } }>("/api/compare/districts?indicator=police-uk-all-crime&month=2025-12&force=E23000028")).body;
    expect(allCrime.funnel.adjustedCurve).not.toBeNull();
    expect(allCrime.funnel.outside).toMatchObject({ unadjusted: 9, adjusted: 0 });
    expect(pack.items.some((i) => i.key === "district beyond funnel limit|police-uk-all-crime|E23000028")).toBe(false);
    for (const item of pack.items.filter((i) => i.kind === "district beyond funnel limit")) expect(item.evidence).toMatch(/99\.8% funnel limit( adjusted for over-dispersion)? around/);
    // Ordered by plan priority, then severity.
    const priorities = pack.items.map((i) => i.indicator.priority);
    expect(priorities[0]).toBe("Domestic abuse");
    expect(priorities.indexOf("Road safety")).toBeGreaterThan(priorities.lastIndexOf("Supporting victims"));
    expect(pack.cover.sources.find((s) => s.source === "data.police.uk")?.runsTo).toBe("2025-12");
    // Issued once only; its drafted questions are on the meeting.
    expect((await send<{ message: string }>("POST", `/api/meetings/${meeting.id}/pack`)).status).toBe(400);
    const questions = (await api.get<QuestionView[]>(`/api/questions?meeting=${meeting.id}`)).body;
    expect(questions.map((q) => q.text)).toEqual(pack.items.map((i) => i.question));

    // Assurance grade, shown in the pack.
    const graded = await send<PackView>("PUT", `/api/meetings/${meeting.id}/pack/assurance`, { key: ksi.key, grade: "partly assured", note: "Plan seen; no date for the campaign" });
    expect(graded.body.items.find((i) => i.key === ksi.key)?.assurance).toMatchObject({ grade: "partly assured", note: "Plan seen; no date for the campaign" });
    expect((await send<{ message: string }>("PUT", `/api/meetings/${meeting.id}/pack/assurance`, { key: ksi.key, grade: "fine", note: "" })).body.message).toMatch(/^grade: must be one of/);

    // The force revises December: the issued pack keeps 90; the next pack lists 90 → 97.
    await importIndicatorFile(api.handle.db, ksiFile({ "2025-12": 97 }), { importedBy: "test", now: new Date("2026-02-10T00:00:00Z") });
    const again = (await api.get<PackView>(`/api/meetings/${meeting.id}/pack`)).body;
    expect(again.items.find((i) => i.key === ksi.key)?.figures[0]?.value).toBe(90);
    expect(again.items.find((i) => i.key === ksi.key)?.evidence).toBe(ksi.evidence);
    const following = (await send<MeetingView>("POST", "/api/meetings", { date: "2026-02-26", title: "Performance scrutiny, February", kind: "performance scrutiny", month: "2025-12" })).body;
    const next = (await send<PackView>("POST", `/api/meetings/${following.id}/pack`)).body;
    expect(next.changes.previous?.meetingId).toBe(meeting.id);
    expect(next.changes.revised).toContainEqual({ indicator: "KSI casualties", area: "Essex", month: "2025-12", old: 90, new: 97, unit: "count" });
    // The grade is carried into the next pack.
    expect(next.items.find((i) => i.key === ksi.key)?.previousAssurance).toMatchObject({ grade: "partly assured", meetingId: meeting.id });
  }, 180_000);
});

describe("example actions from the public minutes", () => {
  it("load into an empty log with their references, owners and recorded statuses, and never arise at a new meeting", async () => {
    const { createDb, migrateToLatest, defaultDatasetDir } = await import("@scrutiny/db");
    const { loadDataset } = await import("@scrutiny/ingest");
    const { seedExampleActions } = await import("./services/exampleActions");
    const { createApp } = await import("./app");
    const handle = createDb({ kind: "sqlite", file: ":memory:" });
    try {
      await migrateToLatest(handle.db);
      await loadDataset(handle.db, defaultDatasetDir);
      expect(await seedExampleActions(handle.db)).toBe(30);
      expect(await seedExampleActions(handle.db)).toBe(0);
      const app = createApp(handle.db, "sqlite");
      const actions = (await (await app.request("/api/actions")).json()) as ActionView[];
      expect(actions.every((a) => a.isExample)).toBe(true);
      expect(actions.find((a) => a.reference === "17/15")).toMatchObject({ owner: "SH", dueDate: "2015-04-30", status: "open", text: "SH to draft paper for Strategic Domestic Abuse Board on DHRs" });
      expect(actions.find((a) => a.reference === "91/14")?.status).toBe("carried forward");
      const meeting = (await (await app.request("/api/meetings", { method: "POST", headers: { "Content-Type": "application/json", "X-Scrutiny-Csrf": "1" }, body: JSON.stringify({ date: "2016-12-15", title: "t", kind: "performance scrutiny", month: "2016-11" }) })).json()) as MeetingView;
      const arising = (await (await app.request(`/api/meetings/${meeting.id}/matters-arising`)).json()) as { actions: ActionView[] };
      expect(arising.actions).toEqual([]);
    } finally {
      await handle.close();
    }
  }, 180_000);
});

describe("the pack as PDF", () => {
  it("is 404 before issue, and 503 naming what is missing where Chromium or the dashboard is absent", async () => {
    const { createApp } = await import("./app");
    const meeting = (await send<MeetingView>("POST", "/api/meetings", { date: "2026-03-26", title: "Performance scrutiny, March", kind: "performance scrutiny", month: "2025-12" })).body;
    const before = await api.get<{ code: string; message: string }>(`/api/meetings/${meeting.id}/pack.pdf`);
    expect(before.status).toBe(404);
    expect(before.body.message).toBe("The pack for Performance scrutiny, March has not been issued yet");
    expect((await send("POST", `/api/meetings/${meeting.id}/pack`)).status).toBe(201);
    const noChromium = createApp(api.handle.db, "sqlite", { pdf: { chromiumPath: "/nonexistent/chromium", baseUrl: "http://127.0.0.1:9" } });
    const missing = await noChromium.request(`/api/meetings/${meeting.id}/pack.pdf`);
    expect(missing.status).toBe(503);
    const body = (await missing.json()) as { code: string; message: string; requestId: string };
    expect(body.code).toBe("pdf_unavailable");
    expect(body.message).toMatch(/^The pack PDF needs Chromium, and there is none at \/nonexistent\/chromium on this server \(install it, or set SCRUTINY_CHROMIUM/);
    expect(body.message).toContain("Print button");
    expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // The default app (tests, API only) serves no dashboard to print from: said so.
    const noDashboard = await api.get<{ code: string; message: string }>(`/api/meetings/${meeting.id}/pack.pdf`);
    expect(noDashboard.status).toBe(503);
    expect(noDashboard.body.message).toMatch(/not serving the dashboard/);
  }, 120_000);
});

describe("importing an existing action log", () => {
  async function upload(csv: string, name = "log.csv") {
    const body = new FormData();
    body.set("file", new File([csv], name, { type: "text/csv" }));
    const response = await api.app.request("/api/actions/import", { method: "POST", headers: { "X-Scrutiny-Csrf": "1" }, body });
    return { status: response.status, body: (await response.json()) as { message: string; imported?: number; references?: string[]; problems?: { line: number; column: string; value: string; message: string }[] } };
  }
  const header = "reference,meeting,meeting_date,text,owner,due_date,status,note,indicator";

  it("keeps the references, owners, statuses and linked indicators, and is audited", async () => {
    const csv = [
      header,
      "12/13,Force Performance Meeting,2013-05-30,Report on repeat victims of DA,JW,2013-06-27,open,,sample-da-solved-rate",
      '13/13,Force Performance Meeting,2013-05-30,"Breakdown by district, with rates",TP/SH,,complete,Provided in June,',
    ].join("\n");
    const result = await upload(csv, "old-log.csv");
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ imported: 2, references: ["12/13", "13/13"] });
    const all = (await api.get<ActionView[]>("/api/actions")).body;
    expect(all.find((a) => a.reference === "12/13")).toMatchObject({ owner: "JW", dueDate: "2013-06-27", status: "open", indicatorId: "sample-da-solved-rate", month: "2013-05", raisedOn: "2013-05-30", isExample: false });
    const done = all.find((a) => a.reference === "13/13")!;
    expect(done).toMatchObject({ text: "Breakdown by district, with rates", owner: "TP/SH", status: "complete" });
    expect(done.history.map((h) => [h.status, h.note])).toEqual([
      ["open", "Raised at the Force Performance Meeting, 2013-05-30 (imported from old-log.csv)"],
      ["complete", "Provided in June"],
    ]);
    // The next action raised in 2013 follows the imported numbers.
    expect((await send<ActionView>("POST", "/api/actions", { text: "Next", owner: "JW", reference: "14/13" })).body.reference).toBe("14/13");
    const audit = (await api.get<{ action: string; subject: string; after: { imported: number } }[]>("/api/audit?action=actions.import")).body;
    expect(audit[0]).toMatchObject({ action: "actions.import", subject: "old-log.csv", after: { imported: 2 } });
  });

  it("refuses the whole file on any problem, each with its line, column and value; a duplicate reference names the field", async () => {
    const before = (await api.get<ActionView[]>("/api/actions")).body.length;
    const bad = await upload([header, "30/13,M,2013-07-25,Fine,JW,,open,,", "31/13,M,2013-07-25,Bad date,JW,2013-02-30,open,,", "31/13,M,2013-07-25,Twice,JW,,done,,no-such-indicator", "x,M,2013-07-25,,12,2013-07-01,open,,"].join("\n"));
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('due_date: line 3: must be a date in the form YYYY-MM-DD (value "2013-02-30") (and 7 more problems; nothing was imported)');
    expect(bad.body.problems).toEqual([
      { line: 3, column: "due_date", value: "2013-02-30", message: "must be a date in the form YYYY-MM-DD" },
      { line: 4, column: "reference", value: "31/13", message: "31/13 is also on line 3: a reference is used once" },
      { line: 4, column: "status", value: "done", message: "must be one of: open, complete, carried forward, closed" },
      { line: 4, column: "indicator", value: "no-such-indicator", message: 'no indicator "no-such-indicator"' },
      { line: 5, column: "reference", value: "x", message: "not a reference such as 89/14" },
      { line: 5, column: "text", value: "", message: "must not be empty" },
      { line: 5, column: "owner", value: "12", message: "must be initials or a name, e.g. WK or SH/LW" },
      { line: 5, column: "due_date", value: "2013-07-01", message: "must be on or after the meeting that raised it (2013-07-25)" },
    ]);
    // A reference already on the log: 400 naming reference, and the good rows before it are not written either.
    const dup = await upload([header, "40/13,M,2013-09-26,New one,JW,,open,,", "12/13,M,2013-09-26,Again,JW,,open,,"].join("\n"));
    expect(dup.status).toBe(400);
    expect(dup.body.message).toBe('reference: line 3: 12/13 is already in the action log (value "12/13") (nothing was imported)');
    const noColumn = await upload("reference,text\n41/13,No owner column");
    expect(noColumn.body.message).toMatch(/^owner: line 1: the header has no "owner" column/);
    expect((await api.get<ActionView[]>("/api/actions")).body).toHaveLength(before);
  });
});
