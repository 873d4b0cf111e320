import { readFileSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chartDrawn } from "./browser";
import { browserSession } from "./session";

/**
 * Chart pictures leave the screen as the chart itself: the PNG is at least the chart's drawn
 * size (read from the PNG header, not trusted from the button), and the SVG carries the title,
 * the period and the source. Recharts draws legend icons as small svgs too; the export once took
 * one of those (a 28 × 28 px picture).
 */
const session = browserSession();

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect(bytes.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The drawn size of the chart's main surface (the largest svg in the frame's chart area). */
async function drawnSize(frame: Locator): Promise<{ width: number; height: number }> {
  return frame.locator(".chart").evaluate((chart) => {
    let best = { width: 0, height: 0 };
    for (const svg of chart.querySelectorAll("svg")) {
      const r = svg.getBoundingClientRect();
      if (r.width * r.height > best.width * best.height) best = { width: r.width, height: r.height };
    }
    return best;
  });
}

async function download(p: Page, frame: Locator, button: "PNG" | "SVG" | "CSV"): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([p.waitForEvent("download"), frame.getByRole("button", { name: button, exact: true }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

async function checkFrame(p: Page, testId: string, title: RegExp, period: string | RegExp, source: string) {
  const frame = p.getByTestId(testId);
  // The chart itself, not the legend's icons that come before it is drawn.
  await chartDrawn(frame);
  const drawn = await drawnSize(frame);
  expect(drawn.width, testId).toBeGreaterThan(250);
  expect(drawn.height, testId).toBeGreaterThan(150);

  const png = await download(p, frame, "PNG");
  expect(png.name).toMatch(/\.png$/);
  const size = pngSize(png.bytes);
  expect(size.width, `${testId} PNG width`).toBeGreaterThanOrEqual(Math.floor(drawn.width));
  expect(size.height, `${testId} PNG height`).toBeGreaterThanOrEqual(Math.floor(drawn.height));

  const svg = (await download(p, frame, "SVG")).bytes.toString("utf8");
  expect(svg).toMatch(/^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!.replace(/&amp;/g, "&"));
  expect(texts.join(" "), `${testId} SVG title`).toMatch(title);
  if (typeof period === "string") expect(texts, `${testId} SVG period`).toContain(period);
  else expect(texts.some((t) => period.test(t)), `${testId} SVG period ${texts.join(" | ")}`).toBe(true);
  expect(texts, `${testId} SVG source`).toContain(`Source: ${source}`);
  const root = /^<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"/.exec(svg);
  expect(Number(root?.[1])).toBe(Math.round(drawn.width));
  expect(Number(root?.[2])).toBeGreaterThan(Math.round(drawn.height));
  return { svg, texts };
}

describe("chart exports", () => {
  it("every chart on the indicator page downloads as itself, with title, period and source", async () => {
    const p = await session.open("/indicator/police-uk-burglary?area=E23000028&to=2025-12");
    await p.getByTestId("trend").locator("table").waitFor();
    const trend = await checkFrame(p, "trend", /Burglary in Essex: monthly, with the previous year/, "Jan 2023 to Dec 2025", "data.police.uk");
    // The legend is redrawn in the picture, not lost with the HTML around the chart.
    expect(trend.texts).toEqual(expect.arrayContaining(["This period", "Same month, previous year"]));
    await p.getByTestId("xmr").waitFor();
    const xmr = await checkFrame(p, "xmr", /statistical process control/, "Jan 2023 to Dec 2025", "data.police.uk");
    // The XmR chart's own HTML legend (every line and marker) is redrawn in the picture.
    expect(xmr.texts).toEqual(expect.arrayContaining(["Mean (centre line)", "Process limits: mean ± 2.66 × mean moving range"]));
    await checkFrame(p, "seasonal", /each year by month/, /^20\d\d to 2025$/, "data.police.uk");
    await checkFrame(p, "fytd", /financial year to date/, "FY 2025/26 to Dec 2025, against FY 2024/25", "data.police.uk");
  }, 180_000);

  it("the funnel plot downloads as the plot, with its month and source", async () => {
    const p = await session.open("/districts?indicator=police-uk-burglary&month=2025-12&force=E23000028");
    await p.locator("[data-testid=district-table] tbody tr").first().waitFor();
    const { texts } = await checkFrame(p, "district-funnel", /Burglary by district: funnel plot/, "Dec 2025", "data.police.uk");
    expect(texts).toContain("Within 95% limits");
  });

  it("says 'Sample data' on the picture of a sample series", async () => {
    const p = await session.open("/indicator/sample-da-incidents?area=E23000028");
    await p.getByTestId("trend").locator("table").waitFor();
    const frame = p.getByTestId("trend");
    const svg = (await download(p, frame, "SVG")).bytes.toString("utf8");
    expect(svg).toMatch(/Sample data \(synthetic figures\)/);
    // The CSV says so in the file itself: a first comment line, then the header and the rows the table shows.
    const csv = (await download(p, frame, "CSV")).bytes.toString("utf8").split("\n");
    expect(csv[0]).toMatch(/^# Sample data: synthetic figures for trying Scrutiny, not published statistics\. [^,]+ in Essex: monthly, with the previous year, [A-Z][a-z]{2} \d{4} to [A-Z][a-z]{2} \d{4}, source: /);
    expect(csv[1]).toMatch(/^Month,/);
    expect(csv.slice(2).filter((line) => line.trim() !== "")).toHaveLength(await frame.locator("table tbody tr").count());
  });

  it("writes no sample line into the CSV of a published series", async () => {
    const p = await session.open("/indicator/police-uk-burglary?area=E23000028&to=2025-12");
    const frame = p.getByTestId("trend");
    await frame.locator("table").waitFor();
    const csv = (await download(p, frame, "CSV")).bytes.toString("utf8");
    expect(csv.startsWith("Month,")).toBe(true);
    expect(csv).not.toContain("Sample data");
  });
});
