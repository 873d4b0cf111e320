import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "@scrutiny/db";
import { axeViolations } from "./axe";
import { launchBrowser, PAGE_TIMEOUT_MS, settled, watchConsole } from "./browser";
import { SERVER_START_MS, startServer, type RunningServer } from "./server";

/**
 * Every view, for the force and for one district: no accessibility violations at WCAG 2.2 AA, no
 * console errors, no horizontal page scroll from 360 px to 2560 px, and screenshots at 1440 and
 * 390 px plus a printed PDF of the scorecard in test-results/ (git-ignored) for people to look at.
 */
const VIEWS: { name: string; path: string; ready: string }[] = [
  { name: "scorecard-essex", path: "/?area=E23000028", ready: "section.priority" },
  { name: "scorecard-basildon", path: "/?area=E07000066", ready: "section.priority" },
  { name: "scorecard-concern-essex", path: "/?area=E23000028&sort=concern", ready: "section.priority" },
  { name: "indicator-burglary-essex", path: "/indicator/police-uk-burglary?area=E23000028", ready: "[data-testid=fytd]" },
  { name: "indicator-burglary-basildon", path: "/indicator/police-uk-burglary?area=E07000066", ready: "[data-testid=xmr]" },
  { name: "indicator-da-solved-basildon", path: "/indicator/sample-da-solved-rate?area=E07000066", ready: "[data-testid=fytd]" },
  { name: "districts-all-crime-essex", path: "/districts?indicator=police-uk-all-crime&month=2025-12&force=E23000028", ready: "[data-testid=district-table] tbody tr" },
  { name: "districts-satisfaction-basildon", path: "/districts?indicator=sample-satisfaction-whole-experience&force=E23000028&area=E07000066", ready: "[data-testid=district-table] tbody tr" },
  { name: "msg-burglary-essex", path: "/msg?indicator=police-uk-burglary&month=2025-01&average=weighted", ready: "[data-testid=msg-bars] table" },
  { name: "msg-basildon", path: "/msg?area=E07000066", ready: "[data-testid=msg-bars] table" },
  { name: "import", path: "/import", ready: "input[type=file]" },
  { name: "data-status", path: "/status", ready: "[data-testid=status-summary]" },
];

const OUT = join(repoRoot, "test-results", "screenshots");
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  server = await startServer();
  browser = await launchBrowser();
}, SERVER_START_MS + 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openView(path: string, ready: string, width: number): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  const errors = watchConsole(page);
  await page.goto(server.url + path);
  await page.locator(ready).first().waitFor({ state: "attached" });
  // The whole view, not the part that came first: what it measures, checks and photographs.
  await settled(page);
  return { page, errors };
}

describe.each(VIEWS)("$name", ({ name, path, ready }) => {
  it("has no WCAG 2.2 AA violations and no console errors", async () => {
    const { page, errors } = await openView(path, ready, 1440);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(OUT, `${name}-1440.png`), fullPage: true });
    await page.close();
    expect(errors).toEqual([]);
  });

  it.each([360, 390, 2560])("lays out without horizontal page scroll at %i px", async (width) => {
    const { page, errors } = await openView(path, ready, width);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (width === 390) await page.screenshot({ path: join(OUT, `${name}-390.png`), fullPage: true });
    await page.close();
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });
});

describe("printing", () => {
  it("prints the scorecard to a paginated A4 PDF", async () => {
    const { page, errors } = await openView("/?area=E23000028", "section.priority", 1100);
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ path: join(OUT, "scorecard-essex.pdf"), format: "A4", landscape: true, printBackground: true });
    await page.close();
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    expect(errors).toEqual([]);
  });
});
