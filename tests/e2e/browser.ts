import { chromium, type Browser, type Locator, type Page } from "playwright-core";

/** Debian's Chromium; browser downloads are not possible here (docs/decisions/005-browser-tests.md). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Collects console errors, warnings and page errors: a test fails on any of them. */
export function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    const type = message.type();
    if (type === "error" || type === "warning") errors.push(`${type}: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** How long a page may take to show what a test waits for (set on every page the tests open). */
export const PAGE_TIMEOUT_MS = 60_000;

/**
 * Waits until the page has finished loading what it shows: no "Loading …" message left (the
 * static frame's, a lazy view's or a query's) and the fonts in. For checks of the whole page
 * (axe, overflow, screenshots) that must not run on a page still filling in.
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => ![...document.querySelectorAll("[role=status]")].some((el) => /^Loading\b/.test(el.textContent ?? "")), undefined, { timeout: PAGE_TIMEOUT_MS });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/**
 * Waits until a chart frame's chart is drawn: an svg at least 100 × 100 px in its `.chart`. The
 * responsive charts draw only once they have measured their container, a frame or more after the
 * frame's heading and table are there; a legend's small icons are not the chart.
 */
export async function chartDrawn(frame: Locator): Promise<void> {
  await frame.locator(".chart").first().waitFor();
  const handle = await frame.locator(".chart").first().elementHandle();
  await frame.page().waitForFunction(
    (chart) => [...(chart?.querySelectorAll("svg") ?? [])].some((svg) => svg.getBoundingClientRect().width >= 100 && svg.getBoundingClientRect().height >= 100),
    handle,
    { timeout: PAGE_TIMEOUT_MS },
  );
}
