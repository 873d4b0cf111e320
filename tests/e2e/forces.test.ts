import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@scrutiny/db";
import type { ForcesResponse } from "../../apps/api/src/services/forces";
import type { MsgResponse } from "@scrutiny/api";
import { axeViolations } from "./axe";
import { browserSession } from "./session";

/**
 * Issue 12 in Chromium: the solved rate across the MSG with its range (action 89/14), Essex
 * against Durham per 1,000 over a rolling 12 months (action 77/16), and the national ski-slope
 * with Essex and its MSG highlighted and the forces without a figure named. Values shown equal the
 * API's; axe finds nothing; the page fits 360 px. Any console error fails the test.
 */
const ESSEX = "E23000028";
const DURHAM = "E23000008";
const session = browserSession();
const SHOTS = join(repoRoot, "test-results", "screenshots");

async function api<T>(path: string): Promise<T> {
  const response = await fetch(session.url + path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

/** Each data-table row as {first cell's value: {column key: data-value}}. */
async function tableRows(p: Page, testId: string): Promise<Map<string, Record<string, string>>> {
  await p.locator(`[data-testid=${testId}] details.chart-table:not([open]) > summary`).evaluateAll((s) => s.forEach((x) => (x as HTMLElement).click()));
  const rows = await p.locator(`[data-testid=${testId}] table tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll("th, td")];
      return [cells[0]?.getAttribute("data-value") ?? "", Object.fromEntries(cells.map((c) => [c.getAttribute("data-key") ?? "", c.getAttribute("data-value") ?? ""]))] as const;
    }),
  );
  return new Map(rows);
}

async function fits(p: Page) {
  return p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function screenshot(p: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

describe("MSG view for a percentage (action 89/14)", () => {
  it("shows the solved rate of each MSG member in Dec 2025 with its Wilson interval and n, and the range with its forces", async () => {
    const p = await session.open("/msg?indicator=police-uk-all-crime-solved-rate&month=2025-12&average=weighted");
    await p.getByTestId("msg-bars").locator("table").waitFor({ state: "attached" });
    const snapshot = await api<MsgResponse>(`/api/compare/msg?indicator=police-uk-all-crime-solved-rate&month=2025-12&force=${ESSEX}`);
    const shown = await tableRows(p, "msg-bars");
    expect(shown.size).toBe(8);
    for (const m of snapshot.comparison!.members) {
      const name = snapshot.forces.find((f) => f.code === m.code)!.name;
      expect(shown.get(name)?.rate, name).toBe(String(m.rate));
      expect(shown.get(name)?.lower95, name).toBe(String(m.lower));
      expect(shown.get(name)?.population, name).toBe(String(m.population));
    }
    await expect(p.getByTestId("msg-bars").locator("h2").textContent()).resolves.toBe("Solved rate (all crime): Essex and its most similar group, Dec 2025");
    const range = snapshot.range!;
    await expect(p.getByTestId("msg-range").textContent()).resolves.toBe(
      `Range ${range.lowest.value.toFixed(2)}% (${range.lowest.forces[0]!.name}) to ${range.highest.value.toFixed(2)}% (${range.highest.forces[0]!.name}); median ${snapshot.median!.toFixed(2)}%. `,
    );
    await expect(p.getByTestId("msg-average-label").textContent()).resolves.toMatch(/^MSG average \(pooled: total solved ÷ total recorded\)/);
    await expect(p.getByTestId("msg-bars-summary").textContent()).resolves.toBe(snapshot.sentence);
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, "msg-solved-rate-1440");
  });
});

describe("forces view", () => {
  it("compares Essex with Durham per 1,000 over the 12 months to Dec 2025, as the API computes it (action 77/16)", async () => {
    const path = `/forces?indicator=police-uk-violent-crime&month=2025-12&period=rolling-12&forces=${ESSEX},${DURHAM}&average=weighted`;
    const p = await session.open(path);
    await p.getByTestId("forces-chart").locator("table").waitFor({ state: "attached" });
    const data = await api<ForcesResponse>(`/api/compare/forces?indicator=police-uk-violent-crime&month=2025-12&period=rolling-12&forces=${ESSEX},${DURHAM}&force=${ESSEX}`);
    const shown = await tableRows(p, "forces-chart");
    expect([...shown.keys()]).toEqual(data.forces.map((f) => f.name));
    for (const f of data.forces) {
      expect(shown.get(f.name)?.value).toBe(String(f.value));
      expect(shown.get(f.name)?.position).toBe(String(f.position));
      expect(shown.get(f.name)?.numerator).toBe(String(f.numerator));
    }
    await expect(p.getByTestId("forces-chart").locator("h2").textContent()).resolves.toBe("Violence and sexual offences per 1,000 population, 2 forces, 12 months to Dec 2025");
    await expect(p.getByTestId("forces-chart-summary").textContent()).resolves.toBe(data.sentence);
    await expect(p.getByTestId("forces-chosen").textContent()).resolves.toBe("Essex, Durham");
    await expect(p.getByTestId("forces-period")).toBeDefined();
    expect(await p.getByTestId("forces-period").inputValue()).toBe("rolling-12");
    // The exported picture says where the figures come from and for which period.
    await expect(p.getByTestId("ski-source").textContent()).resolves.toContain("12 months to Dec 2025");
    // The CSV holds the rows shown.
    const [download] = await Promise.all([p.waitForEvent("download"), p.getByTestId("forces-chart").getByRole("button", { name: "CSV" }).click()]);
    const records = parse(readFileSync(await download.path()), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => [r["Force"], Number(r["Rate per 1,000"])])).toEqual(data.forces.map((f) => [f.name, f.value]));
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, "forces-essex-durham-1440");
    const narrow = await session.open(path, 360);
    await narrow.getByTestId("forces-chart").locator("table").waitFor({ state: "attached" });
    expect(await fits(narrow)).toBeLessThanOrEqual(0);
  });

  it("ranks every force as a ski-slope with Essex and its MSG highlighted, names the forces without a figure, and switches period from the URL's control", async () => {
    const p = await session.open("/forces?indicator=police-uk-all-crime-solved-rate&month=2025-12&period=month");
    await p.getByTestId("forces-chart").locator("table").waitFor({ state: "attached" });
    const data = await api<ForcesResponse>(`/api/compare/forces?indicator=police-uk-all-crime-solved-rate&month=2025-12&force=${ESSEX}`);
    const ranked = data.forces.filter((f) => f.position !== null);
    // The marks are drawn once the chart has measured its container, after its table is there.
    await expect.poll(() => p.locator("[data-testid=forces-chart] [data-kind]").count()).toBe(ranked.length);
    await expect.poll(() => p.locator("[data-testid=forces-chart] [data-kind=force]").count()).toBe(1);
    await expect.poll(() => p.locator("[data-testid=forces-chart] [data-kind=msg]").count()).toBe(ranked.filter((f) => f.inMsg && !f.isForce).length);
    const essex = data.forces.find((f) => f.isForce)!;
    await expect(p.getByTestId("forces-position").textContent()).resolves.toContain(`${essex.positionLabel} forces with a figure (Dec 2025)`);
    const missing = p.getByTestId("forces-missing");
    for (const m of data.missing) await expect(missing.textContent()).resolves.toContain(`${m.name}: ${m.reason}`);
    expect(data.missing.length).toBeGreaterThan(0);
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, "forces-national-1440");

    await p.getByTestId("forces-period").selectOption("fytd");
    await p.waitForURL(/period=fytd/);
    await p.waitForFunction(() => /financial year 2025\/26 to date/.test(document.querySelector("[data-testid=forces-chart] h2")?.textContent ?? ""));
  });

  it("picks forces by keyboard, saves them as a peer group (with the CSRF header) and offers it back", async () => {
    const p = await session.open(`/forces?indicator=police-uk-burglary&month=2025-12&period=month&forces=${ESSEX}`);
    await p.getByTestId("forces-chart").locator("table").waitFor({ state: "attached" });
    await p.getByText("Choose forces (1 chosen)").click();
    await p.getByLabel("Durham", { exact: true }).focus();
    await p.keyboard.press("Space");
    await p.waitForURL((url) => url.searchParams.get("forces") === `${ESSEX},${DURHAM}`);
    const name = `Essex and Durham ${Date.now()}`;
    await p.getByLabel(/Save these 2 forces as a peer group named/).fill(name);
    await p.getByRole("button", { name: "Save", exact: true }).click();
    await p.getByRole("status").filter({ hasText: `Saved "${name}".` }).waitFor();
    const groups = await api<{ name: string; members: string[]; createdBy: string }[]>("/api/peer-groups");
    const saved = groups.find((g) => g.name === name)!;
    expect(saved.members).toEqual([ESSEX, DURHAM]);
    // Recorded as the signed-in user: in local mode, the local user (never a typed name).
    const signedIn = await api<{ user: { name: string } | null }>("/api/session");
    expect(saved.createdBy).toBe(signedIn.user!.name);
    await p.getByRole("button", { name: "All forces" }).click();
    await p.waitForURL((url) => !url.searchParams.has("forces"));
    await p.getByLabel("Saved peer group").selectOption({ label: `${name} (2 forces, by ${saved.createdBy})` });
    await p.waitForURL((url) => url.searchParams.get("forces") === `${ESSEX},${DURHAM}`);
  });
});

describe("national position on the scorecard and the indicator page", () => {
  it("shows the national position ('… nationally') under the MSG position on the scorecard, and the position with a link to the ranking on a force's indicator page", async () => {
    // Dec 2025: the Home Office series ended in 2018 and are historical (never ranked on the
    // scorecard); the police.uk all-crime count is ranked among the force areas with a figure.
    const overview = await api<{ rows: { indicator: { id: string; name: string }; national: { label: string } | null }[] }>(`/api/overview?area=${ESSEX}`);
    const row = overview.rows.find((r) => r.indicator.id === "police-uk-all-crime")!;
    expect(row.national!.label).toMatch(/^\d+(st|nd|rd|th) of \d+/);
    const p = await session.open(`/?area=${ESSEX}`);
    const cell = p.locator("tr", { hasText: row.indicator.name }).first().locator("[data-testid=national-position]");
    await expect(cell.textContent()).resolves.toBe(`${row.national!.label} nationally`);

    const page = await session.open(`/indicator/police-uk-all-crime-solved-rate?area=${ESSEX}`);
    const line = page.getByTestId("indicator-national-position");
    await line.waitFor();
    const data = await api<ForcesResponse>(`/api/compare/forces?indicator=police-uk-all-crime-solved-rate&month=2025-12&force=${ESSEX}`);
    const essex = data.forces.find((f) => f.isForce)!;
    await expect(line.textContent()).resolves.toContain(`Nationally: ${essex.positionLabel} force areas with a figure (Dec 2025; 1st = best).`);
    await line.getByRole("link", { name: "See every force ranked" }).click();
    await page.getByTestId("forces-chart").locator("table").waitFor({ state: "attached" });
    expect(new URL(page.url()).pathname).toBe("/forces");
    expect(await axeViolations(page)).toEqual([]);
  });

  it("gives no position where Essex is the only force with a figure (a sample series): nothing on the scorecard, a plain sentence on its page", async () => {
    const overview = await api<{ rows: { indicator: { id: string; name: string; isSample: boolean }; national: unknown }[] }>(`/api/overview?area=${ESSEX}`);
    const sample = overview.rows.find((r) => r.indicator.id === "sample-da-incidents")!;
    expect(sample.national).toBeNull();
    const p = await session.open(`/?area=${ESSEX}`);
    const row = p.locator(`tr[data-indicator="${sample.indicator.id}"]`);
    await row.waitFor();
    expect(await row.locator("[data-testid=national-position]").count()).toBe(0);
    const page = await session.open(`/indicator/${sample.indicator.id}?area=${ESSEX}`);
    const line = page.getByTestId("indicator-national-position");
    await line.waitFor();
    await expect(line.textContent()).resolves.toBe("Nationally: no other force area has a figure for this series (Dec 2025).");
  });
});

describe("Crime Tree view", () => {
  it("shows the Crime Tree for Essex, Dec 2025, as the API gives it (branches adding up), opens a type's trend, passes axe and fits 360 px", async () => {
    const p = await session.open(`/crime-tree?area=${ESSEX}&month=2025-12`);
    await p.getByTestId("crime-tree").locator("table").waitFor({ state: "attached" });
    const data = await api<{ root: { value: number; children: { name: string; value: number }[] }; sentence: string }>(`/api/crime-tree?area=${ESSEX}&month=2025-12`);
    const shown = await tableRows(p, "crime-tree");
    expect(shown.get("All crime (excl. ASB)")?.value).toBe(String(data.root.value));
    for (const branch of data.root.children) expect(shown.get(branch.name)?.value, branch.name).toBe(String(branch.value));
    expect(data.root.children.reduce((s, c) => s + c.value, 0)).toBe(data.root.value);
    await expect(p.getByTestId("crime-tree-summary").textContent()).resolves.toBe(data.sentence);
    expect(await axeViolations(p)).toEqual([]);
    await screenshot(p, "crime-tree-1440");
    await p.getByRole("link", { name: "Burglary trend" }).click();
    await p.waitForURL(/\/indicator\/police-uk-burglary\?area=E23000028/);
    const narrow = await session.open(`/crime-tree?area=${ESSEX}&month=2025-12`, 360);
    await narrow.getByTestId("crime-tree").locator("table").waitFor({ state: "attached" });
    expect(await fits(narrow)).toBeLessThanOrEqual(0);
  });
});
