import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { apiOnDefaultDataset } from "../../../tests/support/api";

/**
 * Issue 11: an audit entry is written in the same transaction as the change it records. With the
 * audit log made to refuse every insert, each change fails and leaves nothing behind (no change
 * without its entry); a refused change writes no entry (no entry without its change).
 */
const api = apiOnDefaultDataset();
const JSON_HEADERS = { "X-Scrutiny-Csrf": "1", "Content-Type": "application/json" };
const CSV = ["indicator,area,month,value", "da-incidents,Basildon,2025-11,231"].join("\n");

function upload(text: string, name = "november.csv") {
  const form = new FormData();
  form.set("file", new File([text], name));
  return api.app.request("/api/imports", { method: "POST", body: form, headers: { "X-Scrutiny-Csrf": "1" } });
}
const post = (path: string, body: unknown, method = "POST") => api.app.request(path, { method, body: JSON.stringify(body), headers: JSON_HEADERS });

async function counts() {
  const db = api.handle.db;
  const n = async (table: "import_batches" | "observations" | "observation_revisions" | "annotations" | "actions" | "action_events" | "audit_log" | "peer_groups") =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
  const indicator = await db.selectFrom("indicators").select(["direction", "published"]).where("id", "=", "da-incidents").executeTakeFirstOrThrow();
  const activeBatches = Number((await db.selectFrom("import_batches").select((eb) => eb.fn.countAll().as("n")).where("status", "=", "active").executeTakeFirstOrThrow()).n);
  return {
    batches: await n("import_batches"),
    activeBatches,
    observations: await n("observations"),
    revisions: await n("observation_revisions"),
    annotations: await n("annotations"),
    actions: await n("actions"),
    actionEvents: await n("action_events"),
    peerGroups: await n("peer_groups"),
    audit: await n("audit_log"),
    direction: indicator.direction,
    published: indicator.published,
  };
}
const refuseAudit = () => sql`create trigger audit_refused before insert on audit_log begin select raise(abort, 'audit log refused'); end`.execute(api.handle.db);
const allowAudit = () => sql`drop trigger audit_refused`.execute(api.handle.db);

describe("audit entries commit with their change", () => {
  it("no change without its entry: with the audit log refusing, every change fails and writes nothing", async () => {
    const before = await counts();
    await refuseAudit();
    try {
      expect((await upload(CSV)).status).toBe(500);
      expect((await post("/api/annotations", { indicator: "police-uk-burglary", month: "2025-06", kind: "note", text: "Operation started", source: "Force press release" })).status).toBe(500);
      expect((await post("/api/actions", { text: "Report back on burglary", owner: "JW", newOwner: true })).status).toBe(500);
      expect((await post("/api/indicators/da-incidents/published", { published: true }, "PUT")).status).toBe(500);
      expect((await post("/api/peer-groups", { name: "Essex and Kent", members: ["E23000028", "E23000032"] })).status).toBe(500);
      const indicators = (await (await api.app.request("/api/indicators")).json()) as { id: string; name: string; unit: string; direction: string; priority: string; source: string; cadence: string; definition: string }[];
      const da = indicators.find((i) => i.id === "da-incidents")!;
      const row = [da.id, da.name, da.unit, da.direction === "lower" ? "higher" : "lower", da.priority, da.source, da.cadence, "1", da.definition].map((v) => `"${v.replace(/"/g, '""')}"`).join(",");
      const form = new FormData();
      form.set("file", new File([`id,name,unit,direction,priority,source,cadence,expected_lag_months,definition\n${row}\n`], "catalogue.csv"));
      expect((await api.app.request("/api/imports/catalogue", { method: "POST", body: form, headers: { "X-Scrutiny-Csrf": "1" } })).status).toBe(500);
    } finally {
      await allowAudit();
    }
    expect(await counts()).toEqual(before);
  });

  it("a change that goes through has exactly its entry; a rollback refused by the audit log leaves the batch active", async () => {
    const before = await counts();
    const imported = await upload(CSV);
    expect(imported.status).toBe(201);
    const { batchId } = (await imported.json()) as { batchId: string };
    const afterImport = await counts();
    expect(afterImport).toMatchObject({ batches: before.batches + 1, audit: before.audit + 1, observations: before.observations + 1 });
    const entries = await api.handle.db.selectFrom("audit_log").selectAll().where("subject", "=", batchId).execute();
    expect(entries.map((e) => e.action)).toEqual(["import"]);

    await refuseAudit();
    try {
      expect((await post(`/api/imports/${batchId}/rollback`, {})).status).toBe(500);
    } finally {
      await allowAudit();
    }
    expect(await counts()).toEqual(afterImport);
    expect((await post(`/api/imports/${batchId}/rollback`, {})).status).toBe(200);
    expect(await counts()).toEqual({ ...before, batches: before.batches + 1, revisions: before.revisions + 1, audit: before.audit + 2 });
  });

  it("no entry without its change: a refused import or an unchanged re-import writes no entry", async () => {
    const before = await counts();
    expect((await upload("indicator,area,month,value\nno-such-indicator,Basildon,2025-11,1\n", "bad.csv")).status).toBe(422);
    expect((await upload(CSV)).status).toBe(201);
    const afterImport = await counts();
    expect(afterImport.audit).toBe(before.audit + 1);
    // The same file again changes nothing and records nothing.
    expect((await upload(CSV)).status).toBe(200);
    expect(await counts()).toEqual(afterImport);
  });
  it("issuing a pack and grading its assurance: refused with the audit log, nothing written; through, exactly one entry each (before and after)", async () => {
    const db = api.handle.db;
    const meeting = (await (await post("/api/meetings", { date: "2026-01-29", title: "Audit of the pack", kind: "performance scrutiny", month: "2025-12" })).json()) as { id: string };
    const packRows = async () => ({
      packs: Number((await db.selectFrom("meeting_packs").select((eb) => eb.fn.countAll().as("n")).where("meeting_id", "=", meeting.id).executeTakeFirstOrThrow()).n),
      questions: Number((await db.selectFrom("questions").select((eb) => eb.fn.countAll().as("n")).where("meeting_id", "=", meeting.id).executeTakeFirstOrThrow()).n),
      grades: await db.selectFrom("assurance_grades").select(["item_key", "grade", "note"]).where("meeting_id", "=", meeting.id).execute(),
      audit: await db.selectFrom("audit_log").select(["action", "actor", "before_json", "after_json"]).where("subject", "=", meeting.id).orderBy("at").execute(),
    });
    const nothing = { packs: 0, questions: 0, grades: [], audit: [] };
    expect(await packRows()).toEqual(nothing);

    await refuseAudit();
    try {
      expect((await post(`/api/meetings/${meeting.id}/pack`, {})).status).toBe(500);
    } finally {
      await allowAudit();
    }
    expect(await packRows()).toEqual(nothing);

    const issued = await post(`/api/meetings/${meeting.id}/pack`, {});
    expect(issued.status).toBe(201);
    const pack = (await issued.json()) as { month: string; items: { key: string }[] };
    expect(pack.items.length).toBeGreaterThan(0);
    const afterIssue = await packRows();
    expect(afterIssue).toMatchObject({ packs: 1, questions: pack.items.length, grades: [] });
    expect(afterIssue.audit).toHaveLength(1);
    expect(afterIssue.audit[0]).toMatchObject({ action: "pack.issue", actor: "local user", before_json: null });
    expect(JSON.parse(afterIssue.audit[0]!.after_json!)).toMatchObject({ month: "2025-12", exceptions: pack.items.map((i) => i.key), questions: pack.items.length });

    const key = pack.items[0]!.key;
    const grade = (g: string, note: string) => post(`/api/meetings/${meeting.id}/pack/assurance`, { key, grade: g, note }, "PUT");
    await refuseAudit();
    try {
      expect((await grade("assured", "Plan seen")).status).toBe(500);
    } finally {
      await allowAudit();
    }
    expect(await packRows()).toEqual(afterIssue);

    expect((await grade("partly assured", "Plan seen; no date")).status).toBe(200);
    expect((await grade("assured", "Date given: March")).status).toBe(200);
    // A refused grade (no such exception) writes no entry.
    expect((await post(`/api/meetings/${meeting.id}/pack/assurance`, { key: "no such exception", grade: "assured", note: "" }, "PUT")).status).toBe(400);
    const graded = await packRows();
    expect(graded.grades).toEqual([{ item_key: key, grade: "assured", note: "Date given: March" }]);
    expect(graded.audit.map((e) => [e.action, e.before_json && JSON.parse(e.before_json), e.after_json && JSON.parse(e.after_json).grade])).toEqual([
      ["pack.issue", null, undefined],
      ["pack.grade", null, "partly assured"],
      ["pack.grade", { key, grade: "partly assured", note: "Plan seen; no date" }, "assured"],
    ]);
  });
});
