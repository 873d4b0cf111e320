/**
 * The dashboard's speed targets (issue: initial JS ≤ 250 KB gzipped, first chart < 1.5 s from a
 * cold load, area/indicator changes < 200 ms with data cached), measured in headless Chromium on
 * localhost against the real server, and appended to docs/benchmarks.md after `scripts/bench.ts`.
 */
import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { repoRoot } from "@scrutiny/db";
import { launchBrowser } from "../tests/e2e/browser";
import { startServer } from "../tests/e2e/server";

const dist = join(repoRoot, "apps", "web", "dist");
const html = readFileSync(join(dist, "index.html"), "utf8");
// What the browser must fetch before the first render: the entry script and its modulepreloads.
const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
const initialGzip = initial.reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file))).length, 0);

const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const server = await startServer();
const browser = await launchBrowser();
const firstChart: number[] = [];
const areaChange: number[] = [];
const indicatorChange: number[] = [];
const indicatorChangeAll: number[] = [];
try {
  for (let run = 0; run < RUNS; run++) {
    // A new context is a cold cache: no HTTP cache, no react-query cache.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/indicator/police-uk-burglary?area=E23000028`, { waitUntil: "commit" });
    await page.locator("[data-testid=trend] .recharts-line-curve").first().waitFor({ state: "attached" });
    firstChart.push(await page.evaluate(() => performance.now()));

    // Warm the cache for Basildon and for a second indicator, then time switching back to each.
    const select = page.getByLabel("Area", { exact: true });
    const heading = page.getByRole("heading", { level: 1 });
    await select.selectOption("E07000066");
    await heading.filter({ hasText: "in Basildon" }).waitFor();
    await page.locator("[data-testid=xmr] .recharts-line-curve").first().waitFor({ state: "attached" });
    await select.selectOption("E23000028");
    await heading.filter({ hasText: "in Essex" }).waitFor();
    await page.locator("[data-testid=xmr] .recharts-line-curve").first().waitFor({ state: "attached" });
    let started = performance.now();
    await select.selectOption("E07000066");
    await heading.filter({ hasText: "in Basildon" }).waitFor();
    await page.locator("[data-testid=xmr] .recharts-line-curve").first().waitFor({ state: "attached" });
    areaChange.push(performance.now() - started);

    await page.goto(`${server.url}/?area=E07000066`);
    await page.getByRole("link", { name: "Shoplifting", exact: true }).click();
    await page.locator("[data-testid=xmr] .recharts-line-curve").first().waitFor({ state: "attached" });
    await page.goBack();
    await page.getByRole("link", { name: "Shoplifting", exact: true }).waitFor();
    started = performance.now();
    await page.getByRole("link", { name: "Shoplifting", exact: true }).click();
    await heading.filter({ hasText: "Shoplifting" }).waitFor();
    await page.locator("[data-testid=trend] .recharts-line-curve").first().waitFor({ state: "attached" });
    indicatorChange.push(performance.now() - started);
    await page.locator("[data-testid=fytd] .recharts-line-curve").first().waitFor({ state: "attached" });
    indicatorChangeAll.push(performance.now() - started);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}

const lines = [
  "",
  `Dashboard in headless Chromium (Debian ${"chromium"}) against the server on localhost, median of ${RUNS} cold loads:`,
  "",
  "| measure | result | target |",
  "|---|---|---|",
  `| initial JavaScript (${initial.length} files, gzipped) | ${(initialGzip / 1024).toFixed(1)} KB | ≤ 250 KB |`,
  `| first chart drawn, cold load of an indicator page | ${median(firstChart).toFixed(0)} ms | < 1,500 ms |`,
  `| change of area, data cached (until the charts are redrawn) | ${median(areaChange).toFixed(0)} ms | < 200 ms |`,
  `| change of indicator, data cached: readings and first chart drawn | ${median(indicatorChange).toFixed(0)} ms | < 200 ms |`,
  `| change of indicator, data cached: all four charts drawn | ${median(indicatorChangeAll).toFixed(0)} ms | |`,
  "",
];
appendFileSync(join(repoRoot, "docs", "benchmarks.md"), lines.join("\n"));
console.log(lines.join("\n"));
