import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { launchBrowser, PAGE_TIMEOUT_MS, watchConsole } from "./browser";
import { SERVER_START_MS, startServer, type RunningServer } from "./server";

/**
 * One real server and one Chromium for a test file: started before its tests, stopped after them;
 * each test opens its page with `open`, and a test fails if its page logged any console error.
 */
export function browserSession(options: { before?: () => void | Promise<void>; env?: Record<string, string> } = {}) {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  // Every page a test opened, with its console errors: all are closed and checked after the test.
  let pages: { page: Page; errors: string[] }[] = [];

  beforeAll(async () => {
    await options.before?.();
    server = await startServer(options.env);
    browser = await launchBrowser();
  }, SERVER_START_MS + 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });
  afterEach(async () => {
    const opened = pages;
    pages = [];
    await Promise.all(opened.map(({ page }) => page.close()));
    expect(opened.flatMap(({ errors }) => errors)).toEqual([]);
  });

  const running = () => {
    if (!server || !browser) throw new Error("the browser session is not ready yet: use it inside a test");
    return { server, browser };
  };
  return {
    get url(): string {
      return running().server.url;
    },
    /** Opens a page at `path` (1280 px wide unless said) and watches its console. */
    async open(path: string, width = 1280): Promise<Page> {
      const page = await running().browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
      // Every wait for an element or a state may take a minute on a loaded machine (Playwright's default is 30 s).
      page.setDefaultTimeout(PAGE_TIMEOUT_MS);
      pages.push({ page, errors: watchConsole(page) });
      await page.goto(running().server.url + path);
      return page;
    },
    /** The API's JSON answer, for asserting what the page shows against it. */
    async api<T>(path: string, init?: RequestInit): Promise<T> {
      return (await (await fetch(running().server.url + path, init)).json()) as T;
    },
  };
}
