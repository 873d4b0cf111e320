/**
 * npm run screenshots — starts the server and saves screenshots of the main views into
 * test-results/screenshots (git-ignored), to look at the dashboard as a user would.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "@scrutiny/db";
import { launchBrowser, watchConsole } from "../tests/e2e/browser";
import { startServer } from "../tests/e2e/server";

const VIEWS: [string, string][] = [
  ["overview-essex", "/?area=E23000028"],
  ["overview-basildon", "/?area=E07000066"],
  ["indicator-burglary-basildon", "/indicator/police-uk-burglary?area=E07000066"],
  ["indicator-da-essex", "/indicator/sample-da-incidents?area=E23000028"],
  ["msg-all-crime-essex", "/msg?indicator=police-uk-all-crime&month=2025-12&average=weighted"],
  ["msg-ho-essex", "/msg?indicator=ho-all-crime-excl-fraud&month=2018-12&average=simple"],
  ["msg-burglary-missing-member", "/msg?indicator=police-uk-burglary&month=2025-06&area=E07000066"],
  ["districts-burglary-essex", "/districts?indicator=police-uk-burglary&month=2025-12&force=E23000028"],
  ["districts-solved-basildon", "/districts?indicator=police-uk-all-crime-solved-rate&month=2025-06&area=E07000066"],
  ["import", "/import"],
  ["data-status", "/status"],
];
const WIDTHS = [1440, 390];

const out = join(repoRoot, "test-results", "screenshots");
mkdirSync(out, { recursive: true });
const server = await startServer();
const browser = await launchBrowser();
try {
  for (const width of WIDTHS) {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const errors = watchConsole(page);
    for (const [name, path] of VIEWS) {
      await page.goto(server.url + path);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(300);
      const file = join(out, `${name}-${width}.png`);
      await page.screenshot({ path: file, fullPage: true });
      console.log(file);
    }
    if (errors.length) console.error("Console errors:", errors);
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
