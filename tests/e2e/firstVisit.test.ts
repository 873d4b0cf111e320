import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIRST_DATA_ID } from "@scrutiny/domain";
import { FOOTER_TEXT, NAV_ITEMS } from "../../apps/web/src/app/shell";
import { chartDrawn, launchBrowser, PAGE_TIMEOUT_MS, settled, watchConsole } from "./browser";
import { SERVER_START_MS, startServer, type RunningServer } from "./server";

/**
 * Issue 13, the scorecard's first visit (decision 113g): the page frame is in index.html, so it
 * paints before any script; nothing moves while the scripts, the font and the data arrive; each
 * piece of data is asked for once.
 */
const ESSEX = "E23000028";
let server: RunningServer;
let browser: Browser;
beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, SERVER_START_MS + 60_000);

/** A page at `width` that adds up its layout shifts (as CLS does: not those just after input) from its first paint. */
async function pageCountingShifts(width: number): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(PAGE_TIMEOUT_MS);
  const errors = watchConsole(page);
  await page.addInitScript(() => {
    const w = window as unknown as { layoutShift: number };
    w.layoutShift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) w.layoutShift += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  return { page, errors };
}

/**
 * The layout shift once the page has nothing left to arrive: no loading message, the fonts in, no
 * request for half a second (Playwright's networkidle), and two frames drawn so that the observer
 * has been told of every shift.
 */
async function shiftOnceLoaded(page: Page): Promise<number> {
  await settled(page);
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  return page.evaluate(() => (window as unknown as { layoutShift: number }).layoutShift);
}
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe("the scorecard's first visit", () => {
  it("shows the page frame (navigation, footer, a loading message) before any script runs", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/?area=${ESSEX}`);
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link").allTextContents()).toEqual(NAV_ITEMS.map((item) => item.label));
    expect(await page.getByRole("link", { name: "Scrutiny" }).getAttribute("href")).toBe("/");
    expect(await page.getByRole("status").textContent()).toBe("Loading…");
    expect(await page.locator("footer").textContent()).toBe(FOOTER_TEXT.before + FOOTER_TEXT.emphasised + FOOTER_TEXT.after);
    await context.close();
  });

  it.each([1440, 390])("moves nothing while it loads, and asks for none of its first answers: they come in the page (%i px)", async (width) => {
    const { page, errors } = await pageCountingShifts(width);
    const asked: string[] = [];
    page.on("request", (request) => asked.push(new URL(request.url()).pathname));
    await page.goto(`${server.url}/?area=${ESSEX}`);
    await page.locator("table.scorecard tbody tr").first().waitFor();
    await page.getByRole("combobox", { name: "Area", exact: true }).locator("option", { hasText: "Basildon" }).waitFor({ state: "attached" });
    const shift = await shiftOnceLoaded(page);
    // The scorecard, the deployment, the session and the areas are in the page (decision 115e): none is asked for.
    for (const path of ["/api/overview", "/api/health", "/api/session", "/api/areas"]) expect(asked.filter((p) => p === path), path).toEqual([]);
    expect(await page.getByTestId("session-status").textContent()).toBe("Local mode");
    // The figures drawn are the API's: the first row's latest value.
    const api = (await (await fetch(`${server.url}/api/overview?area=${ESSEX}`)).json()) as { rows: { indicator: { id: string }; latest: { value: number } | null }[] };
    const first = page.locator("table.scorecard tbody tr").first();
    const id = await first.getAttribute("data-indicator");
    expect(await first.locator("td[data-key=latest]").getAttribute("data-value")).toBe(String(api.rows.find((r) => r.indicator.id === id)?.latest?.value ?? ""));
    // One font file: the latin subset the page preloads.
    expect(asked.filter((p) => p.endsWith(".woff2"))).toEqual([expect.stringMatching(/^\/assets\/scrutiny-sans-latin-wght-[\w-]+\.woff2$/)]);
    expect(shift).toBeLessThan(0.01);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("the scorecard's page carries its answers (decision 115e)", () => {
  it.each(["/", "/?area=E07000066&month=2025-06"])("%s: the page finds every answer it needs in the page, and asks for none", async (path) => {
    const { page, errors } = await pageCountingShifts(1440);
    const asked: string[] = [];
    page.on("request", (request) => asked.push(new URL(request.url()).pathname));
    await page.goto(`${server.url}${path}`);
    await page.locator("table.scorecard tbody tr").first().waitFor();
    await settled(page);
    expect(asked.filter((p) => p.startsWith("/api/"))).toEqual([]);
    const banner = (await page.getByTestId("reporting-banner").textContent()) ?? "";
    expect(banner).toContain(path === "/" ? "Dec 2025" : "Jun 2025");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(`Performance overview: ${path === "/" ? "Essex" : "Basildon"}`);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe("an indicator page's first visit", () => {
  // A district's page (its rate and rank among the force's districts) and the force's (its national position).
  it.each([
    ["Basildon", "E07000066", 1440],
    ["Basildon", "E07000066", 390],
    ["Essex", ESSEX, 1440],
    ["Essex", ESSEX, 390],
  ] as const)("moves nothing while the readings, the charts and their tables arrive (%s %s, %i px)", async (name, area, width) => {
    const { page, errors } = await pageCountingShifts(width);
    await page.goto(`${server.url}/indicator/police-uk-burglary?area=${area}`);
    await page.getByRole("heading", { level: 1, name: `Burglary in ${name}` }).waitFor();
    for (const chart of ["trend", "xmr", "seasonal", "fytd", ...(area === ESSEX ? [] : ["district-rank"])]) await chartDrawn(page.getByTestId(chart));
    if (area === ESSEX) await page.getByTestId("indicator-national-position").waitFor();
    const shift = await shiftOnceLoaded(page);
    expect(shift).toBeLessThan(0.01);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("names the force in the area select before the area list arrives, and nothing moves when the list arrives late", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const errors = watchConsole(page);
    let releaseAreas: () => void = () => {};
    const areasHeld = new Promise<void>((resolve) => (releaseAreas = resolve));
    // The page without the answers the server puts in it (as when one was refused): the dashboard asks for them.
    await page.route(`${server.url}/?area=${ESSEX}`, async (route) => {
      const response = await route.fetch();
      const html = await response.text();
      expect(html).toContain(`<script type="application/json" id="${FIRST_DATA_ID}">`);
      await route.fulfill({ response, body: html.replace(new RegExp(`<script type="application/json" id="${FIRST_DATA_ID}">.*?</script>`, "s"), "") });
    });
    await page.route("**/api/areas*", async (route) => {
      await areasHeld;
      await route.continue();
    });
    await page.goto(`${server.url}/?area=${ESSEX}`);
    await page.locator("table.scorecard tbody tr").first().waitFor();
    const area = page.getByRole("combobox", { name: "Area", exact: true });
    // The deployment's force is named from /api/health while the area list is held back.
    expect(await area.locator("option:checked").textContent()).toBe("Essex (force area)");
    // Left, top, width and height of the filters, the lede and the first table.
    const box = () => page.evaluate(() => [".filters", "p.lede", "table.scorecard"].flatMap((s) => { const r = document.querySelector(s)!.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; }));
    const before = await box();
    expect(await page.getByTestId("concern-count").textContent()).toMatch(/\d+ indicators? shows? a special-cause concern/);
    releaseAreas();
    await area.locator("option", { hasText: "Basildon" }).waitFor({ state: "attached" });
    // Within half a pixel (the districts' names change the select's width by a fraction of one).
    const after = await box();
    after.forEach((value, i) => expect(value, `measure ${i}`).toBeCloseTo(before[i]!, 0));
    expect(errors).toEqual([]);
    await context.close();
  });
});
