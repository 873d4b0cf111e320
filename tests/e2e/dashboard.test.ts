import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { shared } from "../support/db";
import { chartDrawn } from "./browser";
import { browserSession } from "./session";

/**
 * The dashboard as a user meets it: the real server started as the start command starts it, on a
 * fresh database seeded from data/default, driven in Debian's Chromium. Any console error fails.
 */
const session = browserSession();
const open = session.open;

/** Counted straight from the published file, independently of the import pipeline. */
function rawCount(month: string, crimeType: string, district?: string): number {
  const records = parse(readFileSync(shared(`police_uk/essex_street/${month}-essex-street.csv`)), { columns: true, bom: true }) as Record<string, string>[];
  const inArea = (r: Record<string, string>) => district === undefined || (r["LSOA name"] ?? "").startsWith(`${district} `);
  return records.filter((r) => r["Crime type"] === crimeType && inArea(r)).length;
}

/** Month → value as the trend chart's data table shows them (the same rows the chart draws). */
async function tableValues(p: Page): Promise<Map<string, string>> {
  const rows = await p.locator("[data-testid=trend] table tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector("[data-key=month]")?.getAttribute("data-value") ?? "", tr.querySelector("[data-key=value]")?.getAttribute("data-value") ?? ""] as const),
  );
  return new Map(rows);
}

describe("indicator page", () => {
  it("shows Burglary in Basildon for each month of 2025 exactly as counted in the police.uk files, and as the API serves it", async () => {
    const p = await open("/indicator/police-uk-burglary?area=E07000066");
    await p.getByTestId("trend").locator("table").waitFor();
    await expect(p.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Burglary in Basildon");
    const shown = await tableValues(p);
    const api = (await (await fetch(`${session.url}/api/series?indicator=police-uk-burglary&area=E07000066&from=2025-01&to=2025-12`)).json()) as { points: { month: string; value: number | null }[] };
    for (let m = 1; m <= 12; m++) {
      const month = `2025-${String(m).padStart(2, "0")}`;
      const expected = rawCount(month, "Burglary", "Basildon");
      expect(shown.get(month), month).toBe(String(expected));
      expect(api.points.find((pt) => pt.month === month)?.value, month).toBe(expected);
    }
    // 2024-05..2024-12 are not published in the data held: shown as missing, not zero.
    expect(shown.get("2024-08")).toBe("");
    await expect(p.getByTestId("trend").locator("tr", { has: p.locator("[data-value='2024-08']") }).locator("td[data-key=value]").textContent()).resolves.toBe("missing");
    // The chart draws one dot per month held on the current line (16 of the 36 months), once it has
    // measured its container (a frame or more after the table is there).
    await chartDrawn(p.getByTestId("trend"));
    await expect.poll(() => p.getByTestId("trend").locator("circle.recharts-line-dot[name='This period']").count()).toBe([...shown.values()].filter((v) => v !== "").length);
    await expect(p.getByTestId("trend-summary").textContent()).resolves.toMatch(/^Burglary in Basildon: \d+ in Dec 2025, no figure is held for Dec 2024\. 20 of the 36 months shown are missing\.$/);
    await expect(p.locator(".sources").textContent()).resolves.toContain("2025-12-essex-street.csv");

    // The chart's CSV download holds the rows its table shows.
    const [download] = await Promise.all([p.waitForEvent("download"), p.getByTestId("trend").getByRole("button", { name: "CSV" }).click()]);
    const csv = parse(readFileSync((await download.path()) ?? ""), { columns: true }) as Record<string, string>[];
    expect(csv).toHaveLength(36);
    for (const row of csv) expect(row.Burglary ?? "", row.Month).toBe(shown.get(row.Month ?? "") ?? "");
  });

  it("reproduces a view from its link: ?to= sets the period's last month", async () => {
    const p = await open("/indicator/police-uk-burglary?area=E23000028&to=2019-02");
    await p.getByTestId("trend").locator("table").waitFor();
    const shown = await tableValues(p);
    expect([...shown.keys()][0]).toBe("2019-02");
    expect(shown.get("2019-02")).toBe(String(rawCount("2019-02", "Burglary")));
    expect(shown.get("2018-09")).toBe("");
  });

  it("labels sample data as such", async () => {
    const p = await open("/indicator/sample-da-incidents?area=E23000028");
    await p.getByTestId("trend").locator("table").waitFor();
    await expect(p.locator(".badge-sample").first().textContent()).resolves.toBe("Sample data");
  });
});

describe("overview", () => {
  it("lists indicators by priority with the latest value and change, and changes area through the URL", async () => {
    const p = await open("/");
    await p.getByRole("heading", { name: "Domestic abuse" }).waitFor();
    await expect(p.getByRole("heading", { level: 1 }).textContent()).resolves.toBe("Performance overview: Essex");
    const headings = await p.locator("section.priority h2").allTextContents();
    expect(headings.slice(0, 3)).toEqual(["Domestic abuse", "Supporting victims", "Emergency response"]);

    const api = (await (await fetch(`${session.url}/api/overview?area=E07000066`)).json()) as { rows: { indicator: { id: string; name: string }; latest: { value: number } | null; concern: number }[] };
    const ksi = api.rows.find((r) => r.indicator.id === "sample-ksi-casualties");

    await p.getByLabel("Area").selectOption("E07000066");
    await p.waitForURL(/area=E07000066/);
    await p.getByRole("heading", { name: "Performance overview: Basildon" }).waitFor();
    const row = p.locator("tr", { has: p.getByRole("link", { name: "KSI casualties", exact: true }) });
    await expect(row.locator("td[data-key=latest]").getAttribute("data-value")).resolves.toBe(String(ksi?.latest?.value));

    // Most concerning first: one list, ordered by the API's concern score, and the choice is in the URL.
    await p.getByLabel("Order", { exact: true }).selectOption("concern");
    await p.waitForURL(/sort=concern/);
    await p.getByRole("heading", { name: "Most concerning first" }).waitFor();
    const shownOrder = await p.locator("tr[data-indicator]").evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-indicator")));
    const expectedOrder = [...api.rows].sort((a, b) => b.concern - a.concern).map((r) => r.indicator.id);
    expect(shownOrder).toEqual(expectedOrder);

    await p.getByRole("link", { name: "Burglary", exact: true }).click();
    await p.waitForURL(/\/indicator\/police-uk-burglary\?area=E07000066/);
    await p.getByTestId("trend").locator("table").waitFor();
  });

  it("fits a 390 px phone screen without horizontal page scroll", async () => {
    const p = await open("/?area=E23000028", 390);
    await p.getByRole("heading", { name: "Domestic abuse" }).waitFor();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
