import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@scrutiny/db";
import { chartDrawn, settled } from "./browser";
import { browserSession } from "./session";

/**
 * Every chart prints within the paper: A4 portrait less the print stylesheet's 14 mm side margins
 * (182 mm, 687.9 CSS px). The page is opened at a wide screen (1280 px), so a chart drawn for the
 * screen is wider than the paper; under print media each chart's svg must lie within the printable
 * width, and the latest month's point (where the action markers sit) inside what is drawn.
 */
const session = browserSession();
const OUT = join(repoRoot, "test-results", "screenshots");
const PRINTABLE_PX = (182 / 25.4) * 96;

/** Every chart svg on the page (legend swatches and icons excluded) under print media, left and right relative to the printed column. */
async function printedCharts(p: Page) {
  await p.emulateMedia({ media: "print" });
  // The responsive charts redraw at the printed width a frame or two after the media change.
  await p.waitForFunction((limit) => [...document.querySelectorAll(".chart svg")].every((svg) => svg.getBoundingClientRect().width <= limit + 1), PRINTABLE_PX);
  return p.evaluate(() => {
    const column = document.querySelector("main")!.getBoundingClientRect();
    return [...document.querySelectorAll(".chart svg")]
      .map((svg) => ({ svg, r: svg.getBoundingClientRect() }))
      .filter(({ r }) => r.width > 60 && r.height > 60)
      .map(({ svg, r }) => ({ chart: svg.closest("[data-testid]")?.getAttribute("data-testid") ?? "?", left: r.left - column.left, right: r.right - column.left, width: r.width, height: r.height }));
  });
}

describe("charts in print", () => {
  it("the indicator page's charts fit A4, and the latest month is drawn inside the trend chart", async () => {
    const p = await session.open("/indicator/police-uk-burglary?area=E23000028&to=2025-12");
    await p.getByTestId("trend").locator("table").waitFor();
    for (const chart of ["trend", "xmr", "seasonal", "fytd"]) await chartDrawn(p.getByTestId(chart));
    const screenWidth = await p.getByTestId("trend").locator(".chart svg.recharts-surface").evaluate((svg) => svg.getBoundingClientRect().width);
    expect(screenWidth).toBeGreaterThan(PRINTABLE_PX + 100);

    const charts = await printedCharts(p);
    expect(charts.map((c) => c.chart)).toEqual(expect.arrayContaining(["trend", "xmr", "seasonal", "fytd"]));
    for (const c of charts) {
      expect(c.left, `${c.chart} left`).toBeGreaterThanOrEqual(-0.5);
      expect(c.right, `${c.chart} right`).toBeLessThanOrEqual(PRINTABLE_PX + 0.5);
      // Not blanked: a drawn chart as wide as most of the paper.
      expect(c.width, `${c.chart} width`).toBeGreaterThan(PRINTABLE_PX * 0.9);
      expect(c.height, `${c.chart} height`).toBeGreaterThan(150);
    }

    // The latest month (Dec 2025): its point and its axis label lie inside the drawn svg and the paper.
    const latest = await p.getByTestId("trend").evaluate((frame) => {
      const svg = frame.querySelector(".chart svg.recharts-surface")!.getBoundingClientRect();
      const column = document.querySelector("main")!.getBoundingClientRect();
      let dot: DOMRect | null = null;
      for (const c of frame.querySelectorAll('circle[name="This period"]')) {
        const r = c.getBoundingClientRect();
        if (!dot || r.right > dot.right) dot = r;
      }
      const ticks = [...frame.querySelectorAll(".recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value")];
      const last = ticks[ticks.length - 1]!;
      const tick = last.getBoundingClientRect();
      return { svgRight: svg.right - column.left, dotRight: dot!.right - column.left, tickLabel: last.textContent, tickRight: tick.right - column.left };
    });
    expect(latest.tickLabel).toBe("Dec 2025");
    expect(latest.dotRight).toBeLessThanOrEqual(latest.svgRight);
    expect(latest.tickRight).toBeLessThanOrEqual(latest.svgRight + 0.5);
    expect(latest.svgRight).toBeLessThanOrEqual(PRINTABLE_PX + 0.5);
    // The point is at the right end of the plot, not squeezed into the middle.
    expect(latest.dotRight).toBeGreaterThan(PRINTABLE_PX * 0.9);

    // The PDF as the server's pack print makes it (emulated print media, then page.pdf at A4 with 14 mm sides).
    mkdirSync(OUT, { recursive: true });
    const pdf = join(OUT, "indicator-print.pdf");
    writeFileSync(pdf, await p.pdf({ format: "A4", printBackground: true, margin: { top: "18mm", bottom: "18mm", left: "14mm", right: "14mm" } }));
    execFileSync("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "3", pdf, join(OUT, "indicator-print")]);
    // Every word on every page lies within the paper's printable width (595.3 pt less 14 mm a side).
    const words = [...execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" }).matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</g)];
    expect(words.length).toBeGreaterThan(100);
    const margin = (14 / 25.4) * 72;
    for (const [, xMin, xMax, text] of words) {
      expect(Number(xMin), text).toBeGreaterThanOrEqual(margin - 1);
      expect(Number(xMax), text).toBeLessThanOrEqual(595.28 - margin + 1);
    }
    expect(words.some(([, , , text]) => text === "Dec")).toBe(true);
  }, 180_000);

  it("the browser's own print (no redraw) scales the charts to the paper", async () => {
    // page.pdf without emulated media: Chromium lays out the print at the paper's width and no chart redraws first.
    const p = await session.open("/indicator/police-uk-burglary?area=E23000028&to=2025-12");
    await p.getByTestId("trend").locator("table").waitFor();
    for (const chart of ["trend", "xmr", "seasonal", "fytd"]) await chartDrawn(p.getByTestId(chart));
    await settled(p);
    mkdirSync(OUT, { recursive: true });
    const pdf = join(OUT, "indicator-browser-print.pdf");
    writeFileSync(pdf, await p.pdf({ format: "A4", printBackground: true }));
    execFileSync("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "3", pdf, join(OUT, "indicator-browser-print")]);
    const words = [...execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" }).matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</g)];
    expect(words.length).toBeGreaterThan(100);
    for (const [, xMin, xMax, text] of words) {
      expect(Number(xMin), text).toBeGreaterThanOrEqual(0);
      expect(Number(xMax), text).toBeLessThanOrEqual(595.28);
    }
    // The trend chart's last axis label is printed (not cut off the right edge).
    expect(words.filter(([, , , text]) => text === "2025").length).toBeGreaterThan(3);
  }, 180_000);

  it("the districts funnel plot and map fit A4", async () => {
    const p = await session.open("/districts?indicator=police-uk-burglary&month=2025-12&force=E23000028");
    await p.locator("[data-testid=district-table] tbody tr").first().waitFor();
    await chartDrawn(p.getByTestId("district-funnel"));
    await chartDrawn(p.getByTestId("district-map"));
    const charts = await printedCharts(p);
    expect(charts.map((c) => c.chart)).toEqual(expect.arrayContaining(["district-funnel", "district-map"]));
    for (const c of charts) {
      expect(c.left, `${c.chart} left`).toBeGreaterThanOrEqual(-0.5);
      expect(c.right, `${c.chart} right`).toBeLessThanOrEqual(PRINTABLE_PX + 0.5);
      expect(c.height, `${c.chart} height`).toBeGreaterThan(150);
    }
    const funnel = charts.find((c) => c.chart === "district-funnel")!;
    expect(funnel.width).toBeGreaterThan(PRINTABLE_PX * 0.9);
    // The funnel's largest district (rightmost point) is inside the drawn plot.
    const rightmost = await p.getByTestId("district-funnel").evaluate((frame) => {
      // The plot's surface, not the legend's small icon svgs (also recharts-surface).
      let svg = new DOMRect();
      for (const s of frame.querySelectorAll(".chart svg.recharts-surface")) if (s.getBoundingClientRect().width > svg.width) svg = s.getBoundingClientRect();
      let right = 0;
      for (const s of frame.querySelectorAll(".recharts-scatter-symbol")) right = Math.max(right, s.getBoundingClientRect().right);
      return { right, svgRight: svg.right };
    });
    expect(rightmost.right).toBeGreaterThan(0);
    expect(rightmost.right).toBeLessThanOrEqual(rightmost.svgRight);
  }, 180_000);

  it("the most-similar-group, forces and crime tree charts fit A4, in the browser's print and in emulated print", async () => {
    for (const [path, ready] of [
      ["/msg?indicator=police-uk-all-crime-solved-rate&month=2025-12&average=weighted", ".chart svg"],
      ["/forces?indicator=police-uk-all-crime-solved-rate&month=2025-12&period=month", ".chart svg"],
      ["/crime-tree", "svg[data-chart]"],
    ] as const) {
      const p = await session.open(path);
      await p.locator(ready).first().waitFor();
      await settled(p);
      const pdf = join(OUT, "print-check.pdf");
      mkdirSync(OUT, { recursive: true });
      writeFileSync(pdf, await p.pdf({ format: "A4", printBackground: true }));
      const words = [...execFileSync("pdftotext", ["-bbox", pdf, "-"], { encoding: "utf8" }).matchAll(/<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</g)];
      expect(words.length, path).toBeGreaterThan(100);
      expect(words.filter(([, xMin, xMax]) => Number(xMin) < 0 || Number(xMax) > 595.28).map((w) => w[3]), path).toEqual([]);
      const svgs = await p.emulateMedia({ media: "print" }).then(() =>
        p.waitForFunction((limit) => {
          const column = document.querySelector("main")!.getBoundingClientRect();
          const drawn = [...document.querySelectorAll("main svg")].map((svg) => svg.getBoundingClientRect()).filter((r) => r.width > 60 && r.height > 60);
          return drawn.length > 0 && drawn.every((r) => r.left >= column.left - 0.5 && r.right - column.left <= limit + 0.5) ? drawn.length : 0;
        }, PRINTABLE_PX),
      );
      expect(await svgs.jsonValue(), path).toBeGreaterThan(0);
    }
  }, 240_000);
});
