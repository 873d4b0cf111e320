import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { DistrictComparison, DistrictSeriesResponse } from "@scrutiny/api";
import { axeViolations } from "./axe";
import { browserSession } from "./session";

/**
 * The districts view in Chromium against the real server: table values equal the API's, the sort
 * lives in the URL and works from the keyboard, the CSV download holds the rows shown, the map
 * shows a district's value on keyboard focus and opens its page, and axe finds nothing at WCAG 2.2 AA.
 */
const ESSEX = "E23000028";
const BASILDON = "E07000066";
const VIEW = `/districts?indicator=police-uk-burglary&month=2025-12&force=${ESSEX}`;

const session = browserSession();

async function open(path: string, width = 1280): Promise<Page> {
  const page = await session.open(path, width);
  await page.locator("[data-testid=district-table] tbody tr").first().waitFor();
  return page;
}

async function api<T>(path: string): Promise<T> {
  const response = await fetch(session.url + path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** Each table row's code and the raw values behind its cells. */
async function tableRows(p: Page) {
  return p.locator("[data-testid=district-table] tbody tr").evaluateAll((trs) =>
    trs.map((tr) => {
      const cell = (key: string) => tr.querySelector(`[data-key=${key}]`);
      return {
        code: tr.getAttribute("data-code") ?? "",
        name: tr.querySelector("th")?.textContent ?? "",
        value: cell("value")?.getAttribute("data-value") ?? "",
        count: cell("count")?.getAttribute("data-value") ?? "",
        denominator: cell("denominator")?.getAttribute("data-value") ?? "",
        rank: cell("position")?.textContent ?? "",
        band: cell("band")?.getAttribute("data-value") ?? "",
      };
    }),
  );
}

describe("districts view for the force", () => {
  it("shows every district's rate, count, population, rank and band as the API serves them", async () => {
    const p = await open(VIEW);
    const comparison = await api<DistrictComparison>(`/api/compare/districts?indicator=police-uk-burglary&month=2025-12&force=${ESSEX}`);
    const shown = await tableRows(p);
    expect(shown).toHaveLength(14);
    for (const district of comparison.districts) {
      const row = shown.find((r) => r.code === district.code);
      expect(row, district.name).toEqual({
        code: district.code,
        name: district.name,
        value: String(district.value),
        count: String(district.count),
        denominator: String(district.denominator),
        rank: district.positionLabel,
        band: district.band,
      });
    }
    // Sorted by rank by default, best first.
    expect(shown.map((r) => r.rank)).toEqual([...comparison.districts].sort((a, b) => a.position! - b.position!).map((d) => d.positionLabel));
    await expect(p.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Burglary by district");
    // The population year used is stated: 2023 stands in for 2025.
    await expect(p.locator("[data-testid=district-table] .table-notes").textContent()).resolves.toContain("2023 (latest published, for 2025)");
    // One funnel point and one small-multiple panel per district; one map region per district (each
    // drawn once its own data has arrived and, for the funnel, once it has measured its container).
    await expect.poll(() => p.locator("[data-testid=district-small-multiples] svg g[data-code]").count()).toBe(14);
    await expect.poll(() => p.locator("[data-testid=district-map] path[data-code]").count()).toBe(14);
    await expect.poll(() => p.locator("[data-testid=district-funnel] .recharts-scatter-symbol").count()).toBe(14);
    const series = await api<DistrictSeriesResponse>(`/api/compare/districts/series?indicator=police-uk-burglary&force=${ESSEX}&from=2023-01&to=2025-12`);
    expect(series.districts.every((d) => d.points.length === 36)).toBe(true);
  });

  it("honours ?from=&to= on the small multiples (issue 12), 36 months to the month by default, the month's table unchanged", async () => {
    const seriesMonths = async (p: Page) => {
      await p.locator("[data-testid=district-small-multiples] table tbody tr").first().waitFor({ state: "attached" });
      const months = await p.locator("[data-testid=district-small-multiples] table tbody [data-key=month]").evaluateAll((cells) => cells.map((c) => c.getAttribute("data-value") ?? ""));
      return [...new Set(months)].sort();
    };
    const year2018 = Array.from({ length: 12 }, (_, i) => `2018-${String(i + 1).padStart(2, "0")}`);
    const p = await open(`${VIEW}&from=2018-01&to=2018-12`);
    expect(await seriesMonths(p)).toEqual(year2018);
    await p.getByRole("heading", { level: 1, name: /Dec 2025/ }).waitFor();
    const defaults = await seriesMonths(await open(VIEW));
    expect([defaults.length, defaults[0], defaults[defaults.length - 1]]).toEqual([36, "2023-01", "2025-12"]);
    // The whole history held is one button away; the month of the table stays.
    await p.getByTestId("trend-whole").click();
    await p.waitForURL(/from=2018-01&to=2025-12/);
    await expect.poll(async () => (await seriesMonths(p)).length).toBe(96);
    expect(p.url()).toContain("month=2025-12");
  });

  it("sorts from the header buttons, by mouse and keyboard, and keeps the sort in the URL", async () => {
    const p = await open(VIEW);
    const rateHeader = p.locator("[data-testid=district-table] thead th", { hasText: "Per 1,000" });
    await rateHeader.getByRole("button").click();
    await p.waitForURL(/sort=rate-desc/);
    await expect.poll(() => rateHeader.getAttribute("aria-sort")).toBe("descending");
    const descending = (await tableRows(p)).map((r) => Number(r.value));
    expect(descending).toEqual([...descending].sort((a, b) => b - a));

    await rateHeader.getByRole("button").focus();
    await p.keyboard.press("Enter");
    await p.waitForURL(/sort=rate-asc/);
    await expect.poll(() => rateHeader.getAttribute("aria-sort")).toBe("ascending");
    const ascending = (await tableRows(p)).map((r) => Number(r.value));
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    // The link reproduces the view exactly.
    const again = await session.open(new URL(p.url()).pathname + new URL(p.url()).search);
    await again.locator("[data-testid=district-table] tbody tr").first().waitFor();
    expect((await tableRows(again)).map((r) => r.code)).toEqual((await tableRows(p)).map((r) => r.code));
  });

  it("downloads the table as CSV with the rows shown, in the order shown", async () => {
    const p = await open(`${VIEW}&sort=name-asc`);
    const comparison = await api<DistrictComparison>(`/api/compare/districts?indicator=police-uk-burglary&month=2025-12&force=${ESSEX}`);
    const [download] = await Promise.all([p.waitForEvent("download"), p.getByRole("group", { name: "Download the district table" }).getByRole("button", { name: "CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("burglary-by-district-2025-12.csv");
    const records = parse(readFileSync((await download.path())!), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r["District"])).toEqual(comparison.districts.map((d) => d.name).sort((a, b) => a.localeCompare(b)));
    for (const district of comparison.districts) {
      const record = records.find((r) => r["ONS code"] === district.code)!;
      expect(Number(record["Rate per 1,000 population"])).toBe(district.value);
      expect(Number(record["Count"])).toBe(district.count);
      expect(Number(record["Population"])).toBe(district.denominator);
      expect(Number(record["95% interval lower"])).toBe(district.lower95);
      expect(Number(record["Rank"])).toBe(district.position);
      expect(record["Population year"]).toBe("2023");
      expect(record["Funnel band"]).toBe(district.band);
    }
  });

  it("downloads the map's data as CSV from its chart frame", async () => {
    const p = await open(VIEW);
    const frame = p.getByTestId("district-map");
    const [download] = await Promise.all([p.waitForEvent("download"), frame.getByRole("button", { name: "CSV" }).click()]);
    const records = parse(readFileSync((await download.path())!), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(14);
    expect(records.find((r) => r["ONS code"] === BASILDON)?.["District"]).toBe("Basildon");
  });

  it("shows a district's name and value when the map district has keyboard focus, moves on with Tab, and opens it with Enter", async () => {
    const p = await open(VIEW);
    const comparison = await api<DistrictComparison>(`/api/compare/districts?indicator=police-uk-burglary&month=2025-12&force=${ESSEX}`);
    const shapes = p.locator("[data-testid=district-map] path[data-code]");
    await shapes.first().focus();
    const firstCode = await shapes.first().getAttribute("data-code");
    const first = comparison.districts.find((d) => d.code === firstCode)!;
    const tooltip = p.getByTestId("map-tooltip");
    await expect.poll(() => tooltip.textContent()).toContain(first.name);
    await expect(tooltip.textContent()).resolves.toContain(`${first.value!.toFixed(3)} per 1,000`);

    await p.keyboard.press("Tab");
    const secondCode = await p.evaluate(() => document.activeElement?.getAttribute("data-code"));
    const second = comparison.districts.find((d) => d.code === secondCode)!;
    expect(second).toBeDefined();
    expect(second.code).not.toBe(first.code);
    await expect.poll(() => tooltip.textContent()).toContain(second.name);
    await expect(p.locator(`[data-testid=district-map] path[data-code=${second.code}]`).getAttribute("aria-label")).resolves.toContain(second.name);

    await p.keyboard.press("Enter");
    await p.waitForURL(new RegExp(`/indicator/police-uk-burglary\\?area=${second.code}`));
    await p.getByRole("heading", { level: 1, name: new RegExp(second.name) }).waitFor();
  });

  it("has no WCAG 2.2 AA violations", async () => {
    const p = await open(VIEW);
    await p.locator("[data-testid=district-small-multiples] svg").waitFor();
    await p.waitForLoadState("networkidle");
    expect(await axeViolations(p)).toEqual([]);
  });

  it("fits a 360 px screen without horizontal page scroll", async () => {
    const p = await open(VIEW, 360);
    await p.locator("[data-testid=district-small-multiples] svg").waitFor();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

describe("districts view for one district", () => {
  const DISTRICT_VIEW = `/districts?indicator=police-uk-all-crime-solved-rate&month=2025-06&force=${ESSEX}&area=${BASILDON}`;

  it("highlights the district, shows percentages as the API serves them, and opens its page from the table", async () => {
    const p = await open(DISTRICT_VIEW);
    const comparison = await api<DistrictComparison>(`/api/compare/districts?indicator=police-uk-all-crime-solved-rate&month=2025-06&force=${ESSEX}`);
    const shown = await tableRows(p);
    for (const district of comparison.districts) {
      const row = shown.find((r) => r.code === district.code)!;
      expect(row.value).toBe(String(district.value));
      expect(row.count).toBe(String(district.count));
      expect(row.denominator).toBe(String(district.denominator));
    }
    await expect(p.locator(`[data-testid=district-table] tbody tr[data-code=${BASILDON}]`).getAttribute("aria-current")).resolves.toBe("true");
    await expect(p.locator(`[data-testid=district-map] path[data-code=${BASILDON}]`).getAttribute("class")).resolves.toContain("is-highlighted");
    await p.locator("[data-testid=district-table] tbody").getByRole("link", { name: "Basildon", exact: true }).click();
    await p.waitForURL(/\/indicator\/police-uk-all-crime-solved-rate\?area=E07000066/);
    await p.getByRole("heading", { level: 1, name: /Basildon/ }).waitFor();
  });

  it("opens a district's page from a click on the map", async () => {
    const p = await open(DISTRICT_VIEW);
    await p.locator(`[data-testid=district-map] path[data-code=${BASILDON}]`).click();
    await p.waitForURL(/\/indicator\/police-uk-all-crime-solved-rate\?area=E07000066/);
  });

  it("has no WCAG 2.2 AA violations", async () => {
    const p = await open(DISTRICT_VIEW);
    await p.locator("[data-testid=district-small-multiples] svg").waitFor();
    await p.waitForLoadState("networkidle");
    expect(await axeViolations(p)).toEqual([]);
  });

  it("changes indicator and month through the selectors, keeping both in the URL", async () => {
    const p = await open(DISTRICT_VIEW);
    await p.getByLabel("Indicator").selectOption("police-uk-burglary");
    await p.waitForURL(/indicator=police-uk-burglary&month=2025-06/);
    await p.getByLabel("Month").selectOption("2025-01");
    await p.waitForURL(/month=2025-01/);
    await p.getByRole("heading", { level: 1, name: /Burglary by district.*Jan 2025/ }).waitFor();
    expect(p.url()).toContain(`area=${BASILDON}`);
  });
});
