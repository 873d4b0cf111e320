import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@scrutiny/db";
import { settled } from "./browser";
import { browserSession } from "./session";

/** A chart's data table keeps each month ("May 2025") on one line, and the page still fits 360 px. */
const session = browserSession();
const OUT = join(repoRoot, "test-results", "screenshots");

describe("month cells in chart data tables", () => {
  it.each([360, 1440])("stay on one line at %i px, and the page does not scroll sideways", async (width) => {
    const page = await session.open("/indicator/police-uk-burglary?area=E23000028&from=2023-01&to=2025-12", width);
    const cells = page.locator("[data-testid=trend] table tbody [data-key=month]");
    await cells.first().waitFor();
    // Lines are counted in the shipped font, once it is in (a fallback font has other widths).
    await settled(page);
    const lines = await cells.evaluateAll((ths) =>
      ths.map((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        return { text: th.textContent, lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
      }),
    );
    expect(lines).toHaveLength(36);
    expect(lines.find((l) => l.text === "May 2025")).toEqual({ text: "May 2025", lines: 1 });
    expect(lines.filter((l) => l.lines !== 1)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    mkdirSync(OUT, { recursive: true });
    await page.locator("[data-testid=trend] .chart-table").screenshot({ path: join(OUT, `trend-table-${width}.png`) });
  });
});
