import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@scrutiny/db";
import { runUserCommand } from "../../apps/api/src/userCli";
import { launchBrowser, watchConsole } from "./browser";
import { SERVER_START_MS, startServer, type RunningServer } from "./server";

/**
 * Issue 11 in the browser, with sign-in required: each role sees exactly what it may. The public
 * cannot open an unpublished indicator's page; a member reads it but is offered no change; an
 * analyst may annotate but not publish; an admin publishes, and then the public sees it.
 */
let server: RunningServer | undefined;
let browser: Browser | undefined;
const dir = mkdtempSync(join(tmpdir(), "scrutiny-published-"));
const file = join(dir, "published.sqlite");
const PASSWORD = "correct horse battery";
const UNPUBLISHED = "/indicator/sample-da-incidents?area=E23000028";
const PUBLISHED = "/indicator/police-uk-burglary?area=E23000028";

beforeAll(async () => {
  server = await startServer({ SCRUTINY_AUTH: "required", DATABASE_URL: `sqlite:${file}` });
  const handle = createDb({ kind: "sqlite", file });
  for (const role of ["member", "analyst", "admin"]) await runUserCommand(handle.db, ["add", `${role}@opcc.example`, "--role", role, "--password", PASSWORD]);
  await handle.close();
  browser = await launchBrowser();
}, SERVER_START_MS + 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A fresh browser context (its own cookies), signed in through the form unless public. */
async function pageAs(role: "public" | "member" | "analyst" | "admin"): Promise<{ page: Page; errors: string[] }> {
  const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = watchConsole(page);
  if (role !== "public") {
    await page.goto(`${server!.url}/sign-in`);
    await page.getByLabel("Email").fill(`${role}@opcc.example`);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
  }
  return { page, errors };
}
const heading = async (page: Page) => (await page.getByRole("heading", { level: 1 }).textContent())?.trim();
/** The one console error an unpublished page may cause: the browser logging the API's 404. */
const besides404 = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 404/.test(e));

describe("each role in the browser", () => {
  it("the public sees a published indicator's page, and 'not found' for an unpublished one", async () => {
    const { page, errors } = await pageAs("public");
    await page.goto(server!.url + PUBLISHED);
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await heading(page)).toBe("Burglary in Essex");
    expect(await page.getByTestId("publish-control").count()).toBe(0);
    expect(await page.locator("form.annotate-form").count()).toBe(0);
    await page.goto(server!.url + UNPUBLISHED);
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toBe('No indicator with id "sample-da-incidents"');
    expect(await page.getByText("Domestic abuse").count()).toBe(0);
    expect(besides404(errors)).toEqual([]);
    await page.context().close();
  });

  it("a member reads the unpublished indicator but is offered no change", async () => {
    const { page, errors } = await pageAs("member");
    await page.goto(server!.url + UNPUBLISHED, { waitUntil: "networkidle" });
    expect(await heading(page)).toMatch(/^Domestic abuse.* in Essex$/);
    expect(await page.getByTestId("publish-control").count()).toBe(0);
    expect(await page.locator("form.annotate-form").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("an analyst may annotate but not publish; an admin publishes and the public then sees the page", async () => {
    const analyst = await pageAs("analyst");
    await analyst.page.goto(server!.url + UNPUBLISHED, { waitUntil: "networkidle" });
    // networkidle can come while the view's code is still being run on a loaded machine: wait for the form itself (folded: attached, not shown).
    await analyst.page.locator("form.annotate-form").waitFor({ state: "attached" });
    expect(await analyst.page.locator("form.annotate-form").count()).toBe(1);
    expect(await analyst.page.getByTestId("publish-control").count()).toBe(0);
    expect(analyst.errors).toEqual([]);
    await analyst.page.context().close();

    const admin = await pageAs("admin");
    await admin.page.goto(server!.url + UNPUBLISHED, { waitUntil: "networkidle" });
    const control = admin.page.getByTestId("publish-control");
    expect(await control.textContent()).toContain("Not published");
    await control.getByRole("button", { name: "Publish" }).click();
    await admin.page.getByRole("button", { name: "Unpublish" }).waitFor();
    expect(await control.textContent()).toContain("Published: anyone can see");
    expect(admin.errors).toEqual([]);

    const open = await pageAs("public");
    await open.page.goto(server!.url + UNPUBLISHED, { waitUntil: "networkidle" });
    expect(await heading(open.page)).toMatch(/^Domestic abuse.* in Essex$/);
    expect(open.errors).toEqual([]);

    await admin.page.getByRole("button", { name: "Unpublish" }).click();
    await admin.page.getByRole("button", { name: "Publish" }).waitFor();
    await open.page.reload();
    await open.page.getByRole("alert").waitFor();
    expect(await open.page.getByRole("alert").textContent()).toBe('No indicator with id "sample-da-incidents"');
    await admin.page.context().close();
    await open.page.context().close();
  });
});
