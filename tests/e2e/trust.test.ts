import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@scrutiny/db";
import { runUserCommand } from "../../apps/api/src/userCli";
import { axeViolations } from "./axe";
import { launchBrowser, watchConsole } from "./browser";
import { SERVER_START_MS, startServer, type RunningServer } from "./server";

/**
 * Issue 11 in the browser: the dashboard runs under the strict Content-Security-Policy with no
 * violation (a violation is a console error, which fails the test); local mode says so in the
 * header; with sign-in required, an analyst signs in through the form and out again.
 */
let local: RunningServer | undefined;
let required: RunningServer | undefined;
let browser: Browser | undefined;
const dir = mkdtempSync(join(tmpdir(), "scrutiny-trust-"));
const requiredDb = join(dir, "required.sqlite");

beforeAll(async () => {
  // One after the other: two seeding servers at once take too long on a loaded machine.
  local = await startServer();
  required = await startServer({ SCRUTINY_AUTH: "required", DATABASE_URL: `sqlite:${requiredDb}` });
  const handle = createDb({ kind: "sqlite", file: requiredDb });
  await runUserCommand(handle.db, ["add", "analyst@opcc.example", "--role", "analyst", "--password", "correct horse battery"]);
  await handle.close();
  browser = await launchBrowser();
}, 2 * SERVER_START_MS + 60_000);
afterAll(async () => {
  await browser?.close();
  await Promise.all([local?.stop(), required?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

describe("local mode", () => {
  it("serves every view under the CSP with no violation, and shows the Local mode marker", async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchConsole(page);
    const response = await page.goto(`${local!.url}/`);
    expect(response!.headers()["content-security-policy"]).toContain("script-src 'self'");
    expect(response!.headers()["x-content-type-options"]).toBe("nosniff");
    await page.getByTestId("session-status").waitFor();
    expect(await page.getByTestId("session-status").textContent()).toBe("Local mode");
    for (const path of ["/indicator/police-uk-burglary", "/districts", "/msg", "/import", "/status", "/sign-in"]) {
      await page.goto(local!.url + path, { waitUntil: "networkidle" });
    }
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await page.getByText("runs in local mode").waitFor();
    expect(await page.getByText("runs in local mode").count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("sign-in required", () => {
  it("signs an analyst in through the form and out again, with no accessibility violation", async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = watchConsole(page);
    await page.goto(`${required!.url}/`);
    await page.getByRole("link", { name: "Sign in" }).click();
    await page.getByLabel("Email").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Email").fill("analyst@opcc.example");
    await page.getByLabel("Password").fill("correct horse battery");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    expect(await page.getByTestId("session-status").textContent()).toBe("analyst@opcc.example (analyst) Sign out");
    const cookie = (await page.context().cookies()).find((c) => c.name === "scrutiny_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    expect((await page.context().cookies()).find((c) => c.name === "scrutiny_session")).toBeUndefined();
    expect(errors).toEqual([]);
    await page.close();
  });
});
