import { describe, expect, it } from "vitest";
import { apiOnDefaultDataset } from "../../../tests/support/api";
import { createApp } from "./app";
import { addAccount, LOCK_MINUTES } from "./auth/accounts";
import { requiredRole } from "./auth/middleware";
import { authModeOf, readEnv } from "./env";
import { runUserCommand } from "./userCli";

const CSRF = { "X-Scrutiny-Csrf": "1" };
const api = apiOnDefaultDataset();
const PASSWORD = "correct horse battery";

type App = ReturnType<typeof createApp>;
let required: App | undefined;
const app = () => (required ??= createApp(api.handle.db, "sqlite", { authMode: "required" }));
const accounts = new Set<string>();
async function account(email: string, role: "member" | "analyst" | "admin") {
  if (!accounts.has(email)) await addAccount(api.handle.db, { email, role, password: PASSWORD, by: "test" });
  accounts.add(email);
}

async function signIn(email: string, password = PASSWORD, headers: Record<string, string> = {}) {
  return app().request("/api/session", { method: "POST", body: JSON.stringify({ email, password }), headers: { ...CSRF, "Content-Type": "application/json", ...headers } });
}
async function cookieOf(email: string) {
  const response = await signIn(email);
  expect(response.status).toBe(200);
  return response.headers.get("Set-Cookie")!.split(";")[0]!;
}
function csvForm(name: string, text: string) {
  const form = new FormData();
  form.set("file", new File([text], name));
  form.set("user", "Somebody Typed This");
  return form;
}
const batchCount = async () => Number((await api.handle.db.selectFrom("import_batches").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const NOV = ["indicator,area,month,value", "da-incidents,Basildon,2025-11,231"].join("\n");

describe("modes", () => {
  it("local mode: one local user with every right, said by GET /api/session", async () => {
    const body = await (await api.app.request("/api/session")).json();
    expect(body).toEqual({ mode: "local", user: { name: "local user", email: null, role: "admin" }, role: "admin" });
  });

  it("required mode: nobody is signed in at first", async () => {
    expect(await (await app().request("/api/session")).json()).toEqual({ mode: "required", user: null, role: "public" });
  });

  it("requires sign-in by default beyond loopback or on PostgreSQL, local mode otherwise", () => {
    expect(authModeOf(readEnv({}))).toBe("local");
    expect(authModeOf(readEnv({ HOST: "0.0.0.0" }))).toBe("required");
    expect(authModeOf(readEnv({ HOST: "192.168.1.20" }))).toBe("required");
    expect(authModeOf(readEnv({ DATABASE_URL: "postgres://db/scrutiny" }))).toBe("required");
    expect(authModeOf(readEnv({ DATABASE_URL: "sqlite:/tmp/x.sqlite" }))).toBe("local");
    expect(authModeOf(readEnv({ HOST: "0.0.0.0", SCRUTINY_AUTH: "local" }))).toBe("local");
    expect(authModeOf(readEnv({ SCRUTINY_AUTH: "required" }))).toBe("required");
    expect(readEnv({}).HOST).toBe("127.0.0.1");
  });
});

describe("sign-in", () => {
  it("sets an HttpOnly, SameSite, expiring cookie, Secure only over HTTPS, and signs out", async () => {
    await account("member@opcc.example", "member");
    const response = await signIn("Member@OPCC.example");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ mode: "required", user: { email: "member@opcc.example", role: "member" } });
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^scrutiny_session=[\w-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toMatch(/Max-Age=4319\d/);
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain("Secure");
    const behindTls = await signIn("member@opcc.example", PASSWORD, { "X-Forwarded-Proto": "https" });
    expect(behindTls.headers.get("Set-Cookie")).toContain("Secure");

    const session = cookie.split(";")[0]!;
    expect(await (await app().request("/api/session", { headers: { Cookie: session } })).json()).toMatchObject({ user: { email: "member@opcc.example" }, role: "member" });
    // The token is stored only as a hash.
    const stored = await api.handle.db.selectFrom("sessions").select("token_hash").execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(session.split("=")[1]);

    const out = await app().request("/api/session", { method: "DELETE", headers: { ...CSRF, Cookie: session } });
    expect(out.status).toBe(200);
    expect(out.headers.get("Set-Cookie")).toMatch(/scrutiny_session=;.*Max-Age=0/);
    expect(await (await app().request("/api/session", { headers: { Cookie: session } })).json()).toMatchObject({ user: null, role: "public" });
  });

  it("refuses a wrong password and an unknown email with the same 401", async () => {
    await account("member@opcc.example", "member");
    const wrong = await signIn("member@opcc.example", "not the password");
    const unknown = await signIn("nobody@opcc.example", "not the password");
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect((await wrong.json()).message).toBe((await unknown.json()).message);
  });

  it("locks the account for 15 minutes after five failed sign-ins, and audits the lockout", async () => {
    await account("locked@opcc.example", "analyst");
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn("locked@opcc.example", `wrong ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 423]);
    const withRightPassword = await signIn("locked@opcc.example");
    expect(withRightPassword.status).toBe(423);
    expect((await withRightPassword.json()).message).toMatch(/locked/);
    const row = await api.handle.db.selectFrom("accounts").select("locked_until").where("email", "=", "locked@opcc.example").executeTakeFirstOrThrow();
    const minutes = (Date.parse(row.locked_until!) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(LOCK_MINUTES - 1);
    expect(minutes).toBeLessThanOrEqual(LOCK_MINUTES);
    const audit = await api.handle.db.selectFrom("audit_log").selectAll().where("action", "=", "user.lockout").execute();
    expect(audit.map((a) => a.subject)).toEqual(["locked@opcc.example"]);
    // When the lock has passed, the right password works again.
    await api.handle.db.updateTable("accounts").set({ locked_until: new Date(Date.now() - 1000).toISOString() }).where("email", "=", "locked@opcc.example").execute();
    expect((await signIn("locked@opcc.example")).status).toBe(200);
  });

  it("needs the CSRF header to sign in too", async () => {
    const response = await app().request("/api/session", { method: "POST", body: JSON.stringify({ email: "member@opcc.example", password: PASSWORD }), headers: { "Content-Type": "application/json" } });
    expect(response.status).toBe(403);
  });
});

describe("roles", () => {
  it("decides the least role per request before any handler", () => {
    expect(requiredRole("GET", "/api/series")).toBe("public");
    expect(requiredRole("GET", "/api/imports")).toBe("member");
    expect(requiredRole("GET", "/api/imports/abc")).toBe("member");
    expect(requiredRole("GET", "/api/imports/status")).toBe("public");
    expect(requiredRole("GET", "/api/audit")).toBe("admin");
    expect(requiredRole("POST", "/api/imports")).toBe("analyst");
    expect(requiredRole("POST", "/api/imports/abc/rollback")).toBe("analyst");
    expect(requiredRole("POST", "/api/imports/catalogue")).toBe("admin");
    expect(requiredRole("POST", "/api/some-future-write")).toBe("analyst");
    expect(requiredRole("POST", "/api/annotations")).toBe("analyst");
    expect(requiredRole("POST", "/api/peer-groups")).toBe("admin");
    expect(requiredRole("GET", "/api/peer-groups")).toBe("public");
    expect(requiredRole("POST", "/api/comparison-groups")).toBe("admin");
    expect(requiredRole("POST", "/api/comparison-groups/import")).toBe("admin");
    expect(requiredRole("DELETE", "/api/session")).toBe("public");
  });

  it("public reads figures but not the import records, and changes nothing", async () => {
    expect((await app().request("/api/indicators")).status).toBe(200);
    expect((await app().request("/api/imports")).status).toBe(401);
    expect((await app().request("/api/audit")).status).toBe(401);
    const before = await batchCount();
    const post = await app().request("/api/imports", { method: "POST", body: csvForm("nov.csv", NOV), headers: CSRF });
    expect(post.status).toBe(401);
    expect(await batchCount()).toBe(before);
  });

  it("member reads everything but may not import", async () => {
    await account("member@opcc.example", "member");
    const Cookie = await cookieOf("member@opcc.example");
    expect((await app().request("/api/imports", { headers: { Cookie } })).status).toBe(200);
    expect((await app().request("/api/imports/status", { headers: { Cookie } })).status).toBe(200);
    const before = await batchCount();
    const post = await app().request("/api/imports", { method: "POST", body: csvForm("nov.csv", NOV), headers: { ...CSRF, Cookie } });
    expect(post.status).toBe(403);
    expect(await batchCount()).toBe(before);
    expect((await app().request("/api/audit", { headers: { Cookie } })).status).toBe(403);
  });

  it("analyst imports and rolls back under their own name, never a typed one, and both are audited", async () => {
    await account("analyst@opcc.example", "analyst");
    const Cookie = await cookieOf("analyst@opcc.example");
    const imported = await app().request("/api/imports", { method: "POST", body: csvForm("nov.csv", NOV), headers: { ...CSRF, Cookie, "X-Scrutiny-User": "Typed Header" } });
    expect(imported.status).toBe(201);
    const result = (await imported.json()) as { batchId: string; importedBy: string };
    expect(result.importedBy).toBe("analyst@opcc.example");
    const rollback = await app().request(`/api/imports/${encodeURIComponent(result.batchId)}/rollback`, { method: "POST", body: JSON.stringify({ user: "Typed Name" }), headers: { ...CSRF, Cookie, "Content-Type": "application/json" } });
    expect(rollback.status).toBe(200);
    expect(await rollback.json()).toMatchObject({ rolledBackBy: "analyst@opcc.example" });
    const catalogue = await app().request("/api/imports/catalogue", { method: "POST", body: csvForm("catalogue.csv", "id\n"), headers: { ...CSRF, Cookie } });
    expect(catalogue.status).toBe(403);
    const audit = await api.handle.db.selectFrom("audit_log").selectAll().where("subject", "=", result.batchId).orderBy("at").execute();
    expect(audit.map((a) => [a.action, a.actor])).toEqual([["import", "analyst@opcc.example"], ["rollback", "analyst@opcc.example"]]);
  });

  it("admin changes the catalogue; the audit log keeps the old and the new definition; GET /api/audit is admins' only", async () => {
    await account("admin@opcc.example", "admin");
    const Cookie = await cookieOf("admin@opcc.example");
    const indicators = (await (await app().request("/api/indicators", { headers: { Cookie } })).json()) as { id: string; name: string; unit: string; direction: string; priority: string; source: string; cadence: string; expectedLagMonths?: number; definition: string }[];
    const da = indicators.find((i) => i.id === "da-incidents")!;
    const flipped = da.direction === "lower" ? "higher" : "lower";
    const row = [da.id, da.name, da.unit, flipped, da.priority, da.source, da.cadence, String(da.expectedLagMonths ?? 1), da.definition].map((v) => `"${v.replace(/"/g, '""')}"`).join(",");
    const csv = `id,name,unit,direction,priority,source,cadence,expected_lag_months,definition\n${row}\n`;
    const changed = await app().request("/api/imports/catalogue", { method: "POST", body: csvForm("catalogue.csv", csv), headers: { ...CSRF, Cookie } });
    expect(changed.status).toBe(200);
    const audit = (await (await app().request("/api/audit?action=catalogue.change", { headers: { Cookie } })).json()) as { actor: string; subject: string; before: { direction: string }; after: { direction: string } }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "admin@opcc.example", subject: "da-incidents", before: { direction: da.direction }, after: { direction: flipped } });
    expect((await (await app().request("/api/indicators", { headers: { Cookie } })).json()).find((i: { id: string }) => i.id === "da-incidents").direction).toBe(flipped);
  });
});

describe("npm run user", () => {
  it("adds, lists, disables (signing out), re-enables and resets a password", async () => {
    const db = api.handle.db;
    expect(await runUserCommand(db, ["add", "Chief@OPCC.example", "--role", "admin", "--password", "a long enough secret"])).toEqual(["Added chief@opcc.example (admin)."]);
    await expect(runUserCommand(db, ["add", "chief@opcc.example", "--role", "admin", "--password", "a long enough secret"])).rejects.toThrow(/already exists/);
    await expect(runUserCommand(db, ["add", "x@opcc.example", "--role", "boss", "--password", "a long enough secret"])).rejects.toThrow(/role: must be one of public, member, analyst, admin/);
    await expect(runUserCommand(db, ["add", "y@opcc.example", "--role", "member", "--password", "short"])).rejects.toThrow(/at least 10 characters/);
    expect((await runUserCommand(db, ["list"])).find((l) => l.startsWith("chief@"))).toBe("chief@opcc.example\tadmin");

    const signedIn = await signIn("chief@opcc.example", "a long enough secret");
    expect(signedIn.status).toBe(200);
    const Cookie = signedIn.headers.get("Set-Cookie")!.split(";")[0]!;
    expect(await runUserCommand(db, ["disable", "chief@opcc.example"])).toEqual(["Disabled chief@opcc.example and signed it out."]);
    expect(await (await app().request("/api/session", { headers: { Cookie } })).json()).toMatchObject({ role: "public" });
    expect((await signIn("chief@opcc.example", "a long enough secret")).status).toBe(401);
    expect((await runUserCommand(db, ["list"])).find((l) => l.startsWith("chief@"))).toBe("chief@opcc.example\tadmin\tdisabled");

    await runUserCommand(db, ["enable", "chief@opcc.example"]);
    expect(await runUserCommand(db, ["reset-password", "chief@opcc.example", "--password", "another long secret"])).toEqual(["Reset the password of chief@opcc.example, unlocked it and signed it out."]);
    expect((await signIn("chief@opcc.example", "a long enough secret")).status).toBe(401);
    expect((await signIn("chief@opcc.example", "another long secret")).status).toBe(200);
    const actions = (await db.selectFrom("audit_log").select(["action", "actor"]).where("subject", "=", "chief@opcc.example").orderBy("at").execute()).map((a) => a.action);
    expect(actions).toEqual(["user.add", "user.disable", "user.enable", "user.reset-password"]);
    await expect(runUserCommand(db, ["frobnicate"])).rejects.toThrow(/Usage: npm run user/);
  });
});
