import { describe, expect, it } from "vitest";
import { ESSEX_FORCE_CODE } from "@scrutiny/domain";
import { apiOnDefaultDataset } from "../../../tests/support/api";
import { createApp } from "./app";
import { addAccount } from "./auth/accounts";

/** Published or not (issue 11, decision 110a): what each role sees, by list and by id. */
const CSRF = { "X-Scrutiny-Csrf": "1" };
const JSON_HEADERS = { ...CSRF, "Content-Type": "application/json" };
const api = apiOnDefaultDataset();
const PASSWORD = "correct horse battery";
let required: ReturnType<typeof createApp> | undefined;
const app = () => (required ??= createApp(api.handle.db, "sqlite", { authMode: "required" }));
const cookies = new Map<string, string>();
async function as(role: "member" | "analyst" | "admin"): Promise<Record<string, string>> {
  let cookie = cookies.get(role);
  if (!cookie) {
    await addAccount(api.handle.db, { email: `${role}@opcc.example`, role, password: PASSWORD, by: "test" });
    const response = await app().request("/api/session", { method: "POST", body: JSON.stringify({ email: `${role}@opcc.example`, password: PASSWORD }), headers: JSON_HEADERS });
    expect(response.status).toBe(200);
    cookie = response.headers.get("Set-Cookie")!.split(";")[0]!;
    cookies.set(role, cookie);
  }
  return { Cookie: cookie };
}
const get = (path: string, headers: Record<string, string> = {}) => app().request(path, { headers });
const ids = async (response: Response) => ((await response.json()) as { id: string }[]).map((i) => i.id);
const rowIds = async (response: Response) => ((await response.json()) as { rows: { indicator: { id: string } }[] }).rows.map((r) => r.indicator.id);
const publish = async (id: string, published: boolean, headers: Record<string, string>) =>
  app().request(`/api/indicators/${id}/published`, { method: "PUT", body: JSON.stringify({ published }), headers: { ...JSON_HEADERS, ...headers } });

const SAMPLE = "sample-da-incidents";
/** The force's own indicator of the same name, from its catalogue: no figures yet, unpublished. */
const FORCE_OWN = "da-incidents";
const PUBLIC = "police-uk-burglary";
const BY_ID = [
  `/api/series?indicator=${SAMPLE}&area=${ESSEX_FORCE_CODE}`,
  `/api/annotations?indicator=${SAMPLE}`,
  `/api/compare/districts?indicator=${SAMPLE}`,
  `/api/compare/districts/series?indicator=${SAMPLE}`,
  `/api/compare/forces?indicator=${SAMPLE}`,
  `/api/compare/msg?indicator=${SAMPLE}`,
  `/api/compare/msg/history?indicator=${SAMPLE}`,
];

describe("published or not", () => {
  it("by default the public sees the police.uk and Home Office series only; a member sees every indicator", async () => {
    const member = await get("/api/indicators", await as("member"));
    const all = (await member.json()) as { id: string; source: string; isSample: boolean; published: boolean }[];
    expect(all.find((i) => i.id === SAMPLE)).toMatchObject({ isSample: true, published: false });
    expect(all.find((i) => i.id === FORCE_OWN)).toMatchObject({ isSample: false, published: false });
    expect(all.find((i) => i.id === PUBLIC)).toMatchObject({ source: "data.police.uk", published: true });
    const seen = await ids(await get("/api/indicators"));
    expect(seen).toEqual(all.filter((i) => i.source === "data.police.uk" || i.source === "Home Office").map((i) => i.id));
    expect(seen.length).toBeGreaterThan(20);
    expect(all.length).toBeGreaterThan(seen.length);
  });

  it("an unpublished indicator's figures are 'not found' to the public by id, exactly like an indicator that does not exist", async () => {
    const member = await as("member");
    for (const path of BY_ID) {
      const hidden = await get(path);
      expect(hidden.status, path).toBe(404);
      expect(((await hidden.json()) as { message: string }).message).toBe(`No indicator with id "${SAMPLE}"`);
      expect((await get(path, member)).status, path).toBe(200);
    }
    const missing = await get(`/api/series?indicator=no-such-thing&area=${ESSEX_FORCE_CODE}`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { message: string }).message).toBe(`No indicator with id "no-such-thing"`);
    // The public series of the same area is there.
    expect((await get(`/api/series?indicator=${PUBLIC}&area=${ESSEX_FORCE_CODE}`)).status).toBe(200);
  });

  it("lists leave unpublished indicators out for the public: scorecard, data status, district indicators", async () => {
    const member = await as("member");
    for (const path of [`/api/overview?area=${ESSEX_FORCE_CODE}`]) {
      expect(await rowIds(await get(path, member))).toContain(SAMPLE);
      const publicRows = await rowIds(await get(path));
      expect(publicRows).toContain(PUBLIC);
      expect(publicRows).not.toContain(SAMPLE);
    }
    const status = async (headers?: Record<string, string>) => ((await (await get(`/api/imports/status?force=${ESSEX_FORCE_CODE}`, headers)).json()) as { sources: { rows: { indicator: { id: string } }[] }[] }).sources.flatMap((s) => s.rows.map((r) => r.indicator.id));
    expect(await status(member)).toContain(SAMPLE);
    expect(await status()).not.toContain(SAMPLE);
    expect(await status()).toContain(PUBLIC);
    const districts = async (headers?: Record<string, string>) => ((await (await get(`/api/compare/districts/indicators?force=${ESSEX_FORCE_CODE}`, headers)).json()) as { indicator: { id: string } }[]).map((r) => r.indicator.id);
    expect(await districts(member)).toContain(SAMPLE);
    expect(await districts()).not.toContain(SAMPLE);
  });

  it("the answer cache never serves the public a member's cached answer", async () => {
    const member = await as("member");
    const path = `/api/overview?area=${ESSEX_FORCE_CODE}&month=2025-06`;
    // The member's answer is computed and cached first; the public asks for the very same URL.
    const first = await get(path, member);
    expect(first.status).toBe(200);
    const etag = first.headers.get("ETag")!;
    expect(await rowIds(first)).toContain(SAMPLE);
    expect(await rowIds(await get(path, member))).toContain(SAMPLE);
    const publicAnswer = await get(path);
    expect(publicAnswer.status).toBe(200);
    expect(publicAnswer.headers.get("ETag")).not.toBe(etag);
    expect(await rowIds(publicAnswer)).not.toContain(SAMPLE);
    // Nor by revalidation with the member's ETag.
    const revalidated = await get(path, { "If-None-Match": etag });
    expect(revalidated.status).toBe(200);
    expect(await rowIds(revalidated)).not.toContain(SAMPLE);
    // And the same the other way round for the catalogue.
    expect(await ids(await get("/api/indicators", member))).toContain(SAMPLE);
    expect(await ids(await get("/api/indicators"))).not.toContain(SAMPLE);
  });

  it("only an admin publishes and unpublishes; each is audited with old and new, and the public sees the change at once", async () => {
    expect((await publish(SAMPLE, true, {})).status).toBe(401);
    expect((await publish(SAMPLE, true, await as("member"))).status).toBe(403);
    expect((await publish(SAMPLE, true, await as("analyst"))).status).toBe(403);
    const admin = await as("admin");
    expect((await publish("no-such-thing", true, admin)).status).toBe(404);
    const series = `/api/series?indicator=${SAMPLE}&area=${ESSEX_FORCE_CODE}`;
    expect((await get(series)).status).toBe(404);
    const done = await publish(SAMPLE, true, admin);
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ id: SAMPLE, published: true });
    expect((await get(series)).status).toBe(200);
    expect(await rowIds(await get(`/api/overview?area=${ESSEX_FORCE_CODE}&month=2025-06`))).toContain(SAMPLE);

    // A public series unpublished: gone from the public's lists, its figures and the crime tree.
    expect((await get(`/api/crime-tree?area=${ESSEX_FORCE_CODE}`)).status).toBe(200);
    expect((await publish(PUBLIC, false, admin)).status).toBe(200);
    expect((await get(`/api/series?indicator=${PUBLIC}&area=${ESSEX_FORCE_CODE}`)).status).toBe(404);
    expect(await ids(await get("/api/indicators"))).not.toContain(PUBLIC);
    expect((await get(`/api/crime-tree?area=${ESSEX_FORCE_CODE}`)).status).toBe(404);
    expect((await get(`/api/crime-tree?area=${ESSEX_FORCE_CODE}`, await as("member"))).status).toBe(200);

    const audit = (await (await get("/api/audit?action=indicator.unpublish", admin)).json()) as { actor: string; subject: string; before: unknown; after: unknown }[];
    expect(audit).toEqual([expect.objectContaining({ actor: "admin@opcc.example", subject: PUBLIC, before: { published: true }, after: { published: false } })]);
    const published = (await (await get("/api/audit?action=indicator.publish", admin)).json()) as { subject: string; before: unknown; after: unknown }[];
    expect(published).toEqual([expect.objectContaining({ subject: SAMPLE, before: { published: false }, after: { published: true } })]);
    // Back as they were for the other tests.
    expect((await publish(PUBLIC, true, admin)).status).toBe(200);
    expect((await publish(SAMPLE, false, admin)).status).toBe(200);
  });

  it("/api/health counts the figures the asker may see: published ones for the public, all for a member, analyst, admin or the local user", async () => {
    const db = api.handle.db;
    const count = async (where?: (id: string) => boolean) => {
      const rows = await db.selectFrom("observations").select(["indicator_id"]).select((eb) => eb.fn.countAll<number>().as("n")).groupBy("indicator_id").execute();
      return rows.filter((r) => !where || where(r.indicator_id)).reduce((n, r) => n + Number(r.n), 0);
    };
    const health = async (headers: Record<string, string> = {}, target = app()) => ((await (await target.request("/api/health", { headers })).json()) as { observations: number }).observations;
    const published = new Set(await ids(await get("/api/indicators")));
    const all = await count();
    const visible = await count((id) => published.has(id));
    const sampleFigures = await count((id) => id === SAMPLE);
    expect(sampleFigures).toBeGreaterThan(0);
    expect(visible).toBeLessThanOrEqual(all - sampleFigures);
    expect(await health()).toBe(visible);
    for (const role of ["member", "analyst", "admin"] as const) expect(await health(await as(role)), role).toBe(all);
    expect(await health({}, api.app)).toBe(all);
    // Publishing the sample series adds its figures to the public's count, and only to it.
    const admin = await as("admin");
    expect((await publish(SAMPLE, true, admin)).status).toBe(200);
    expect(await health()).toBe(visible + sampleFigures);
    expect(await health(admin)).toBe(all);
    expect((await publish(SAMPLE, false, admin)).status).toBe(200);
    expect(await health()).toBe(visible);
  });

  it("a briefing pack is the members' until an admin publishes it; the rest of the meeting cycle is members' only", async () => {
    const analyst = await as("analyst");
    const created = await app().request("/api/meetings", { method: "POST", headers: { ...JSON_HEADERS, ...analyst }, body: JSON.stringify({ date: "2026-01-20", title: "Performance scrutiny", kind: "performance scrutiny", month: "2025-11" }) });
    expect(created.status).toBe(201);
    const meeting = ((await created.json()) as { id: string }).id;
    expect((await app().request(`/api/meetings/${meeting}/pack`, { method: "POST", headers: { ...CSRF, ...analyst } })).status).toBe(201);
    const pack = `/api/meetings/${meeting}/pack`;
    const member = await as("member");
    expect(await (await get(pack, member)).json()).toMatchObject({ meetingId: meeting, published: false });
    const hidden = await get(pack);
    expect(hidden.status).toBe(404);
    expect(((await hidden.json()) as { message: string }).message).toBe(`No meeting ${meeting}`);
    expect((await get("/api/meetings/nothing-here/pack")).status).toBe(404);
    for (const path of ["/api/meetings", `/api/meetings/${meeting}`, "/api/questions", "/api/actions"]) expect((await get(path)).status, path).toBe(401);

    const setPublished = (published: boolean, headers: Record<string, string>) => app().request(`${pack}/published`, { method: "PUT", body: JSON.stringify({ published }), headers: { ...JSON_HEADERS, ...headers } });
    expect((await setPublished(true, analyst)).status).toBe(403);
    const admin = await as("admin");
    expect((await setPublished(true, admin)).status).toBe(200);
    const shown = await get(pack);
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({ meetingId: meeting, published: true, month: "2025-11" });
    expect((await setPublished(false, admin)).status).toBe(200);
    expect((await get(pack)).status).toBe(404);
    const audit = (await (await get(`/api/audit?subject=${meeting}`, admin)).json()) as { action: string; before: unknown; after: unknown }[];
    expect(audit.map((a) => [a.action, a.before, a.after])).toEqual([
      ["pack.unpublish", { published: true }, { published: false }],
      ["pack.publish", { published: false }, { published: true }],
      // Issuing the pack is audited too (with what it held), newest first.
      ["pack.issue", null, expect.objectContaining({ month: "2025-11" })],
    ]);
  });
});
