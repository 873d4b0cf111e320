import { accessSync, constants } from "node:fs";
import { ServiceUnavailableError } from "../errors";

/**
 * The issued pack as a paginated PDF, printed by headless Chromium from the dashboard's own pack
 * page, as Grafana's image renderer prints a dashboard (docs/decisions/109a-pack-pdf-by-headless-chromium.md).
 * Bounded: one render at a time, at most three more queued (a further one is a 503), and
 * each render stopped after the timeout.
 */
export interface PdfSettings {
  /** The Chromium binary (SCRUTINY_CHROMIUM; default /usr/bin/chromium). */
  chromiumPath: string;
  /** Where Chromium reaches this server's dashboard, e.g. http://127.0.0.1:8787; null: API only. */
  baseUrl: string | null;
  timeoutMs?: number;
}

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] as const;
/** One printing and up to three waiting. */
const MAX_PENDING = 4;
const DEFAULT_TIMEOUT_MS = 60_000;

export interface PackPdfRequest {
  meetingId: string;
  /** Printed in every page's header: the meeting and the pack's reporting month. */
  title: string;
  month: string;
  /** The requester's Cookie header: the pack page is read as the user who asked (sign-in required mode). */
  cookie?: string | undefined;
}

export interface PdfRenderer {
  render(request: PackPdfRequest): Promise<Uint8Array>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function createPdfRenderer(settings: PdfSettings): PdfRenderer {
  let queue: Promise<unknown> = Promise.resolve();
  let waiting = 0;
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  function check(): string {
    try {
      accessSync(settings.chromiumPath, constants.X_OK);
    } catch {
      throw new ServiceUnavailableError(
        `The pack PDF needs Chromium, and there is none at ${settings.chromiumPath} on this server (install it, or set SCRUTINY_CHROMIUM to its path). Meanwhile use the pack page's Print button (Print › Save as PDF).`,
        "pdf_unavailable",
      );
    }
    if (!settings.baseUrl) throw new ServiceUnavailableError("The pack PDF is printed from the dashboard's pack page, and this server is not serving the dashboard (build it with npm run build). Use the pack page's Print button instead.", "pdf_unavailable");
    return settings.baseUrl;
  }

  async function print(baseUrl: string, request: PackPdfRequest): Promise<Uint8Array> {
    // Loaded on the first print, not at start-up: the library is large and only printing needs it
    // (node caches the module, so later prints do not load it again).
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath: settings.chromiumPath, args: [...CHROMIUM_FLAGS], timeout: timeoutMs });
    const timer = setTimeout(() => void browser.close(), timeoutMs);
    try {
      // bypassCSP: the page forbids inline styles, and the print adds one (the margin boxes below).
      const page = await browser.newPage({ viewport: { width: 1024, height: 1400 }, bypassCSP: true, ...(request.cookie ? { extraHTTPHeaders: { cookie: request.cookie } } : {}) });
      const origin = new URL(baseUrl).origin;
      // Only this server is reached: nothing else is fetched while printing.
      await page.route("**/*", (route) => (new URL(route.request().url()).origin === origin ? route.continue() : route.abort()));
      page.setDefaultTimeout(timeoutMs);
      await page.goto(`${baseUrl}/meetings/${encodeURIComponent(request.meetingId)}/pack`, { waitUntil: "networkidle" });
      await page.locator("#exceptions-heading").waitFor();
      await page.emulateMedia({ media: "print" });
      // Print media narrows the page to A4's printable width: let the responsive charts redraw at it first (docs/decisions/100p-charts-in-print.md).
      await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
      // The page's own margin boxes give way to Chromium's header and footer templates.
      await page.addStyleTag({ content: "@page { @bottom-right { content: none } @bottom-left { content: none } }" });
      const small = 'style="font-size:8pt;font-family:sans-serif;width:100%;margin:0 14mm;display:flex;justify-content:space-between;color:#333"';
      const pdf = await page.pdf({
        format: "A4",
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: `<div ${small}><span>Briefing pack: ${escapeHtml(request.title)}</span><span>Reporting month ${escapeHtml(request.month)}</span></div>`,
        footerTemplate: `<div ${small}><span>Scrutiny briefing pack</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`,
        margin: { top: "18mm", bottom: "18mm", left: "14mm", right: "14mm" },
      });
      return new Uint8Array(pdf);
    } catch (error) {
      throw new ServiceUnavailableError(`The pack could not be printed to PDF (${error instanceof Error ? error.message.split("\n")[0] : String(error)}). Use the pack page's Print button instead.`, "pdf_failed");
    } finally {
      clearTimeout(timer);
      await browser.close().catch(() => undefined);
    }
  }

  return {
    render(request) {
      const baseUrl = check();
      if (waiting >= MAX_PENDING) throw new ServiceUnavailableError(`The server prints one pack at a time and ${waiting} are waiting: try again in a minute.`, "pdf_busy");
      waiting++;
      const run = queue.then(() => print(baseUrl, request)).finally(() => waiting--);
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
