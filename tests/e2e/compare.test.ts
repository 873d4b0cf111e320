import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { SeriesResponse } from "@scrutiny/api";
import { axeViolations } from "./axe";
import { browserSession } from "./session";

/**
 * Issue 12, the parts of it built in session 3: trend windows from the URL (a trend for 2018, the
 * whole history), the financial year to date in words, periods on the districts and MSG views, the
 * district's own page (rate and rank) and comparison groups as data. Values shown equal the API's.
 */
const ESSEX = "E23000028";
const session = browserSession();

async function api<T>(path: string): Promise<T> {
  const response = await fetch(session.url + path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** Month → value as the trend chart's data table shows them. */
async function trendTable(p: Page): Promise<Map<string, string>> {
  const rows = await p.locator("[data-testid=trend] table tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector("[data-key=month]")?.getAttribute("data-value") ?? "", tr.querySelector("[data-key=value]")?.getAttribute("data-value") ?? ""] as const),
  );
  return new Map(rows);
}

describe("trend windows (from / to in the URL)", () => {
  it("shows 2018 when the URL asks for it, with the API's values, and reaches the whole history from the control", async () => {
    const p = await session.open(`/indicator/police-uk-all-crime?area=${ESSEX}&from=2018-01&to=2018-12`);
    await p.getByTestId("trend").locator("table").waitFor();
    const shown = await trendTable(p);
    expect([...shown.keys()]).toEqual(Array.from({ length: 12 }, (_, i) => `2018-${String(12 - i).padStart(2, "0")}`));
    const series = await api<SeriesResponse>(`/api/series?indicator=police-uk-all-crime&area=${ESSEX}&from=2018-01&to=2018-12`);
    for (const point of series.points) expect(shown.get(point.month), point.month).toBe(point.value === null ? "" : String(point.value));
    expect(series.points.filter((pt) => pt.value !== null).length).toBeGreaterThan(6);
    await expect(p.getByTestId("trend-window").locator("legend").textContent()).resolves.toBe(
      `Months shown: Jan 2018 to Dec 2018 (held: Jan 2018 to ${series.held.last === "2025-12" ? "Dec 2025" : series.held.last})`,
    );
    await expect(p.getByTestId("trend-from").inputValue()).resolves.toBe("2018-01");
    expect(series.held.first).toBe("2018-01");

    // The whole history: every month from the first held to the last, in the URL and the table.
    await p.getByTestId("trend-whole").click();
    await p.waitForURL(/from=2018-01&to=2025-12/);
    await p.waitForFunction(() => document.querySelectorAll("[data-testid=trend] table tbody tr").length === 96);
    const whole = await trendTable(p);
    const wholeSeries = await api<SeriesResponse>(`/api/series?indicator=police-uk-all-crime&area=${ESSEX}&from=2018-01&to=2025-12`);
    for (const point of wholeSeries.points) expect(whole.get(point.month), point.month).toBe(point.value === null ? "" : String(point.value));

    // Changing the first month in the control narrows the window and the URL says so.
    await p.getByTestId("trend-from").fill("2024-01");
    await p.waitForURL(/from=2024-01&to=2025-12/);
    await p.waitForFunction(() => document.querySelectorAll("[data-testid=trend] table tbody tr").length === 24);
    expect(await axeViolations(p)).toEqual([]);
  });

  it("keeps three years by default, to the month the URL names", async () => {
    const p = await session.open(`/indicator/police-uk-burglary?area=${ESSEX}&to=2019-02`);
    await p.getByTestId("trend").locator("table").waitFor();
    const shown = await trendTable(p);
    expect(shown.size).toBe(36);
    expect([...shown.keys()][0]).toBe("2019-02");
    expect([...shown.keys()][35]).toBe("2016-03");
  });
});

describe("the financial year to date in words", () => {
  it("says Essex's crimes so far this financial year on the indicator page and the scorecard, from the API's totals", async () => {
    const series = await api<SeriesResponse>(`/api/series?indicator=police-uk-all-crime&area=${ESSEX}&from=2025-01&to=2025-12`);
    let total = 0;
    for (const point of series.points) if (point.month >= "2025-04") total += point.value ?? Number.NaN;
    expect(total).toBe(110004);
    // Last year's Apr–Dec lacks May–Dec 2024 (not published in the data held): no difference is claimed.
    const sentence = "110,004 crimes in Essex so far this financial year (Apr 2025 – Dec 2025); the same point last year has no complete figure: 8 of its months are missing.";
    const p = await session.open(`/indicator/police-uk-all-crime?area=${ESSEX}`);
    await expect(p.getByTestId("fytd-words").textContent()).resolves.toBe(sentence);
    const q = await session.open(`/?area=${ESSEX}&month=2025-12`);
    await expect(q.locator("tr[data-indicator=police-uk-all-crime] [data-testid=fytd-words]").textContent()).resolves.toBe(sentence);
  });
});
