import type { SeriesResponse } from "@scrutiny/api";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@scrutiny/db";
import { axeViolations } from "./axe";
import { browserSession } from "./session";

/**
 * Issue 9 in Chromium against the real server: the words a PCC would read aloud on the scorecard,
 * on an indicator page with a series break, and on the districts page; screenshots at 1440 and
 * 390 px in test-results/screenshots for people to look at.
 */
const ESSEX = "E23000028";
const OUT = join(repoRoot, "test-results", "screenshots");
const session = browserSession({ before: () => void mkdirSync(OUT, { recursive: true }) });

describe("the scorecard for a reporting month", () => {
  it.each([1440, 390])("says what the figures run to, keeps historical series apart, and flags nothing late (%i px)", async (width) => {
    const page = await session.open(`/?area=${ESSEX}&sort=concern`, width);
    const banner = page.getByTestId("reporting-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/^Figures to Dec 2025, imported \d{1,2} \w{3} \d{4}\.$/);
    expect(await page.locator("select").nth(1).inputValue()).toBe("2025-12");
    // Historical Home Office series: folded apart, with the month they end, never in the ranked table.
    const historical = page.getByTestId("historical");
    expect(await historical.locator("summary").textContent()).toMatch(/^Historical series \(23\): ended more than 12 months before Dec 2025, not compared$/);
    expect(await historical.getAttribute("open")).toBeNull();
    expect(await page.locator("section.priority tr[data-indicator^=ho-]").count()).toBe(0);
    expect(await historical.locator("tr[data-indicator=ho-domestic-burglary] td").nth(1).textContent()).toBe("Dec 2018");
    // Late is judged for Dec 2025: nothing is.
    expect(await page.locator("section.priority [data-freshness=late]").count()).toBe(0);
    // The Making Data Count icons are graphics with text alternatives.
    const icons = page.locator("section.priority svg.variation-icon");
    expect(await icons.count()).toBeGreaterThan(20);
    expect(await icons.first().getAttribute("aria-label")).toMatch(/^(Common cause variation|Special cause variation: (improvement|concern|neither improvement nor concern) \((high|low)\))$/);
    if (width === 1440) expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(OUT, `issue9-scorecard-${width}.png`), fullPage: true });
  });

  it("answers for another month chosen in the URL; its provisional outcomes are said", async () => {
    const page = await session.open(`/?area=${ESSEX}&month=2024-04`);
    await page.getByTestId("reporting-banner").waitFor();
    expect(await page.getByTestId("reporting-banner").textContent()).toMatch(/^Figures to Apr 2024/);
    const solved = page.locator("section.priority tr[data-indicator=police-uk-all-crime-solved-rate]");
    expect(await solved.locator(".badge-provisional").textContent()).toBe("Provisional: outcomes immature");
    expect(await solved.locator("[data-key=latest] .month").textContent()).toBe("Apr 2024 (provisional)");
  });
});

describe("an indicator page with a series break", () => {
  it.each([1440, 390])("shows the break as a marker, in the table and in the sentences (%i px)", async (width) => {
    const page = await session.open(`/indicator/police-uk-anti-social-behaviour?area=${ESSEX}&to=2025-12`, width);
    await page.getByTestId("readings").waitFor();
    const readings = await page.getByTestId("readings").locator("li").allTextContents();
    expect(readings).toContainEqual(expect.stringMatching(/^Series break, Jan 2024: Anti-social behaviour recording changed between Feb 2019 and Jan 2024/));
    expect(readings[0]).toMatch(/^Anti-social behaviour in Essex shows .* within the limits of [\d,]+ to [\d,]+ around an average of [\d,]+\.$|^Anti-social behaviour in Essex shows special cause/);
    const trend = page.getByTestId("trend");
    expect(await trend.getByTestId("trend-summary").textContent()).toContain("Jan 2024: Break: Anti-social behaviour recording changed");
    expect(await trend.locator("tr", { hasText: "Jan 2024" }).locator("td").last().textContent()).toMatch(/^Break: Anti-social behaviour recording changed/);
    expect(await trend.locator(".chart-legend").textContent()).toContain("Vertical line: series break (solid) or note (dotted)");
    await page.getByTestId("xmr").waitFor();
    expect(await page.getByTestId("xmr").locator(".chart-legend").textContent()).toContain("Process limits: mean ± 2.66 × mean moving range");
    // The form analysts add notes and breaks with.
    await page.getByRole("heading", { name: "Add a note or a series break" }).waitFor();
    expect(await page.getByRole("heading", { name: "Add a note or a series break" }).count()).toBe(1);
    if (width === 1440) expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(OUT, `issue9-indicator-break-${width}.png`), fullPage: true });
  });

  it("an analyst adds a break and the comparison across it becomes not comparable", async () => {
    const page = await session.open(`/indicator/police-uk-shoplifting?area=${ESSEX}&to=2025-12`);
    await page.getByTestId("readings").waitFor();
    await page.getByText("Add a note or a series break").click();
    await page.getByLabel(/^Month/).fill("2025-06");
    await page.locator("input[name=kind][value=break]").check();
    await page.getByLabel("What happened").fill("New crime recording system (Athena) went live");
    await page.getByLabel("Source", { exact: true }).fill("Force change notice, June 2025");
    await page.getByRole("button", { name: "Add" }).click();
    await page.getByText("Added.").waitFor();
    await page.getByText("Series break, Jun 2025: New crime recording system (Athena) went live (Source: Force change notice, June 2025.)").waitFor();
    // Every comparison to Dec 2025 straddles Jun 2025 now: none may be called a change.
    const series = await session.api<SeriesResponse>(`/api/series?indicator=police-uk-shoplifting&area=${ESSEX}&to=2025-12`);
    expect(series.comparisons.map((c) => [c.comparability, c.significantChange])).toEqual([
      ["not comparable", null],
      ["not comparable", null],
      ["not comparable", null],
    ]);
    expect(series.comparisons[0]?.comparabilityReason).toMatch(/^a series break in Jun 2025: New crime recording system \(Athena\) went live/);
  });
});

describe("the districts page", () => {
  it.each([1440, 390])("reads the adjusted funnel, the crimes with no location (%i px)", async (width) => {
    const page = await session.open(`/districts?indicator=police-uk-all-crime&month=2025-12&force=${ESSEX}`, width);
    await page.locator("[data-testid=district-table] tbody tr").first().waitFor();
    await page.getByTestId("district-funnel-summary").waitFor();
    const summary = await page.getByTestId("district-funnel-summary").textContent();
    expect(summary).toMatch(/^In Dec 2025 the districts differ more than chance allows for all crime \(excl\. ASB\) rate per 1,000, so the 99\.8% funnel limits are also shown adjusted for over-dispersion \(additive random effects, Spiegelhalter 2005\)\. \d+ of 14 Essex districts lie outside the unadjusted limits; \d+ lie outside the adjusted limits/);
    expect(await page.getByTestId("unlocated").textContent()).toMatch(/^[\d,]+ of [\d,]+ all crime \(excl\. ASB\) records in Essex \(\d+\.\d%\) have no location or are located outside its districts: they count for the force only\.$/);
    expect(await page.locator("[data-testid=district-table] thead").textContent()).toContain("Adjusted for over-dispersion");
    if (width === 1440) expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(OUT, `issue9-districts-${width}.png`), fullPage: true });
  });

  it("satisfaction is 'satisfied / surveyed'", async () => {
    const page = await session.open(`/districts?indicator=sample-satisfaction-whole-experience&month=2025-12&force=${ESSEX}`);
    await page.locator("[data-testid=district-table] tbody tr").first().waitFor();
    const head = await page.locator("[data-testid=district-table] thead").textContent();
    expect(head).toContain("Satisfied");
    expect(head).toContain("Surveyed");
    expect(head).not.toContain("Solved");
  });
});
