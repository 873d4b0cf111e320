import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { Hono } from "hono";
import { afterAll, describe, expect, it } from "vitest";
import { ESSEX_FORCE_CODE, FIRST_DATA_ID } from "@scrutiny/domain";
import { apiOnDefaultDataset } from "../../../tests/support/api";
import { createApp } from "./app";
import { addAccount } from "./auth/accounts";
import { firstDataScript, firstVisitPage } from "./firstVisit";

/**
 * The scorecard's page with the answers of its first view in it (decision 115e): the same answers
 * the API gives that visitor, nothing an unpublished indicator would show the public, composed
 * afresh when the data change, and never able to end its own element.
 */
const api = apiOnDefaultDataset();
const webDir = mkdtempSync(join(tmpdir(), "scrutiny-first-visit-"));
const INDEX = `<!doctype html><html><head><title>Scrutiny</title></head><body><div id="root"><main>Loading…</main></div></body></html>`;
writeFileSync(join(webDir, "index.html"), INDEX);
afterAll(() => rmSync(webDir, { recursive: true, force: true }));
const CSRF = { "X-Scrutiny-Csrf": "1" };
const JSON_HEADERS = { ...CSRF, "Content-Type": "application/json" };
let apps: { local: ReturnType<typeof createApp>; required: ReturnType<typeof createApp> } | undefined;
const app = () => (apps ??= { local: createApp(api.handle.db, "sqlite", { webDir }), required: createApp(api.handle.db, "sqlite", { webDir, authMode: "required" }) });
const local = { request: (...args: Parameters<ReturnType<typeof createApp>["request"]>) => app().local.request(...args) };
const required = { request: (...args: Parameters<ReturnType<typeof createApp>["request"]>) => app().required.request(...args) };

/** The answers written into a page, by path. */
function embedded(html: string): Record<string, unknown> {
  const match = new RegExp(`<script type="application/json" id="${FIRST_DATA_ID}">(.*?)</script>`, "s").exec(html);
  if (!match) throw new Error("the page has no first-data element");
  return JSON.parse(match[1]!) as Record<string, unknown>;
}
const overviewPath = `/api/overview?area=${ESSEX_FORCE_CODE}`;

describe("the scorecard's page", () => {
  it("carries the deployment, the session, the area list and the scorecard exactly as the API answers them", async () => {
    const response = await local.request(`/?area=${ESSEX_FORCE_CODE}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
    expect(response.headers.get("vary")).toBe("Accept-Encoding, Cookie");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await response.text();
    expect(html.startsWith(INDEX.slice(0, INDEX.indexOf("</body>")))).toBe(true);
    const answers = embedded(html);
    expect(Object.keys(answers)).toEqual(["/api/health", "/api/session", "/api/areas", overviewPath]);
    for (const path of Object.keys(answers)) expect(answers[path], path).toEqual(await (await local.request(path)).json());
    expect((answers[overviewPath] as { rows: unknown[] }).rows.length).toBeGreaterThan(30);
  });

  it("names the month when the URL does, and the deployment's force when the URL names no area", async () => {
    expect(Object.keys(embedded(await (await local.request("/")).text()))).toContain(overviewPath);
    const answers = embedded(await (await local.request(`/?area=E07000066&month=2025-06`)).text());
    expect((answers["/api/overview?area=E07000066&month=2025-06"] as { month: string; area: { name: string } })).toMatchObject({ month: "2025-06", area: { name: "Basildon" } });
    // A month that is not one is left to the dashboard (it asks for the latest).
    expect(Object.keys(embedded(await (await local.request(`/?area=${ESSEX_FORCE_CODE}&month=2025-13`)).text()))).toContain(overviewPath);
  });

  it("leaves out an unknown area's scorecard (the dashboard asks for it and shows the API's error)", async () => {
    const answers = embedded(await (await local.request("/?area=E99999999")).text());
    expect(Object.keys(answers)).toEqual(["/api/health", "/api/session", "/api/areas"]);
  });

  it("gives the public the public's scorecard, and a signed-in member the member's", async () => {
    const publicAnswers = embedded(await (await required.request(`/?area=${ESSEX_FORCE_CODE}`)).text());
    const publicIds = (publicAnswers[overviewPath] as { rows: { indicator: { id: string; isSample: boolean } }[] }).rows.map((r) => r.indicator);
    expect(publicIds.length).toBeGreaterThan(5);
    expect(publicIds.filter((i) => i.isSample)).toEqual([]);
    expect(publicAnswers["/api/session"]).toMatchObject({ mode: "required", user: null });

    await addAccount(api.handle.db, { email: "member@opcc.example", role: "member", password: "correct horse battery", by: "test" });
    const signIn = await required.request("/api/session", { method: "POST", body: JSON.stringify({ email: "member@opcc.example", password: "correct horse battery" }), headers: JSON_HEADERS });
    const cookie = signIn.headers.get("Set-Cookie")!.split(";")[0]!;
    const memberAnswers = embedded(await (await required.request(`/?area=${ESSEX_FORCE_CODE}`, { headers: { Cookie: cookie } })).text());
    const memberRows = (memberAnswers[overviewPath] as { rows: { indicator: { isSample: boolean } }[] }).rows;
    expect(memberRows.filter((r) => r.indicator.isSample).length).toBeGreaterThan(5);
    expect(memberRows.length).toBeGreaterThan(publicIds.length);
    expect(memberAnswers["/api/session"]).toMatchObject({ user: { email: "member@opcc.example", role: "member" } });
    // And the public's page, asked for again, is still the public's.
    const again = embedded(await (await required.request(`/?area=${ESSEX_FORCE_CODE}`)).text());
    expect((again[overviewPath] as { rows: unknown[] }).rows).toHaveLength(publicIds.length);
  });

  it("never revalidates a member's page for the public, and is never stored by a browser once it holds a signed-in user", async () => {
    await addAccount(api.handle.db, { email: "analyst@opcc.example", role: "analyst", password: "correct horse battery", by: "test" });
    const signIn = await required.request("/api/session", { method: "POST", body: JSON.stringify({ email: "analyst@opcc.example", password: "correct horse battery" }), headers: JSON_HEADERS });
    const cookie = signIn.headers.get("Set-Cookie")!.split(";")[0]!;
    const member = await required.request(`/?area=${ESSEX_FORCE_CODE}`, { headers: { Cookie: cookie } });
    expect(member.headers.get("cache-control")).toBe("private, no-store");
    const etag = member.headers.get("etag")!;
    // The public, sending the member's ETag, gets the public's page (200), not a 304 keeping the member's.
    const asPublic = await required.request(`/?area=${ESSEX_FORCE_CODE}`, { headers: { "If-None-Match": etag } });
    expect(asPublic.status).toBe(200);
    expect(asPublic.headers.get("cache-control")).toBe("private, no-cache");
    expect(embedded(await asPublic.text())["/api/session"]).toMatchObject({ user: null });
    // A cookie that names no session is the public.
    const stale = embedded(await (await required.request(`/?area=${ESSEX_FORCE_CODE}`, { headers: { Cookie: "scrutiny_session=expired-or-made-up" } })).text());
    expect(stale["/api/session"]).toMatchObject({ user: null });
    // The member's own ETag, weak or in a list, is a 304.
    expect((await required.request(`/?area=${ESSEX_FORCE_CODE}`, { headers: { Cookie: cookie, "If-None-Match": `"x", W/${etag}` } })).status).toBe(304);
  });

  it("is still the dashboard's page when an answer cannot be had, and when HEAD is asked", async () => {
    const failing = new Hono().get("/", async (c, next) =>
      (await firstVisitPage({ webDir, force: ESSEX_FORCE_CODE, ask: (request) => (new URL(request.url).pathname === "/api/overview" ? Promise.reject(new Error("database down")) : app().local.fetch(request)) })(c)) ?? next(),
    );
    const response = await failing.request(`/?area=${ESSEX_FORCE_CODE}`);
    expect(response.status).toBe(200);
    expect(Object.keys(embedded(await response.text()))).toEqual(["/api/health", "/api/session", "/api/areas"]);
    const head = await local.request(`/?area=${ESSEX_FORCE_CODE}`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
  });

  it("is sent compressed, revalidates to a 304, and is composed afresh when the figures change", async () => {
    const first = await local.request(`/?area=${ESSEX_FORCE_CODE}`, { headers: { "Accept-Encoding": "gzip" } });
    expect(first.headers.get("content-encoding")).toBe("gzip");
    const html = gunzipSync(Buffer.from(await first.arrayBuffer())).toString("utf8");
    const br = await local.request(`/?area=${ESSEX_FORCE_CODE}`, { headers: { "Accept-Encoding": "br, gzip" } });
    expect(br.headers.get("content-encoding")).toBe("br");
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString("utf8")).toBe(html);
    const etag = first.headers.get("etag")!;
    expect((await local.request(`/?area=${ESSEX_FORCE_CODE}`, { headers: { "If-None-Match": etag } })).status).toBe(304);

    // An annotation changes the data version: the next page carries the new scorecard.
    const note = await local.request("/api/annotations", {
      method: "POST",
      headers: JSON_HEADERS,
      body: JSON.stringify({ indicator: "police-uk-burglary", area: null, month: "2025-11", kind: "note", text: "First-visit test note", source: "test" }),
    });
    expect(note.status).toBe(201);
    const after = await local.request(`/?area=${ESSEX_FORCE_CODE}`);
    expect(after.headers.get("etag")).not.toBe(etag);
    const rows = (embedded(await after.text())[overviewPath] as { rows: { indicator: { id: string }; annotations: { text: string }[] }[] }).rows;
    expect(rows.find((r) => r.indicator.id === "police-uk-burglary")?.annotations.map((a) => a.text)).toContain("First-visit test note");
  });

  it("writes no '<' inside its element, so no answer can close it or open a comment", () => {
    const script = firstDataScript(new Map([["/api/x", JSON.stringify({ text: "</script><script>alert(1)</script><!--" })]]));
    expect(script.indexOf("<", 1)).toBe(script.lastIndexOf("</script>"));
    const inner = script.slice(script.indexOf(">") + 1, script.lastIndexOf("</script>"));
    expect(JSON.parse(inner)).toEqual({ "/api/x": { text: "</script><script>alert(1)</script><!--" } });
  });
});
