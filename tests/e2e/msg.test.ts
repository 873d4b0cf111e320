import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@scrutiny/db";
import { chartDrawn } from "./browser";
import { browserSession } from "./session";

/**
 * The Most Similar Group view in Chromium against the real server: the values in its tables are
 * the API's, the CSV download holds the same rows, the average method lives in the URL and the
 * label, and axe-core finds no WCAG 2.2 AA violation. Any console error fails the test.
 */

const ESSEX = "E23000028";
const BASILDON = "E07000066";
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

const session = browserSession();
const open = session.open;

async function api<T>(path: string): Promise<T> {
  const response = await fetch(session.url + path);
  expect(response.status, path).toBe(200);
  return (await response.json()) as T;
}

interface Snapshot {
  month: string;
  sentence: string;
  missing: string[];
  forces: { code: string; name: string; count: number | null; population: number | null }[];
  comparison: { averageLabel: string; average: number; members: { code: string; rate: number; lower: number; upper: number; position: number; count: number }[] } | null;
}
interface History {
  sentence: string;
  points: { month: string; status: string; position: number | null; rate: number | null; average: number | null }[];
}

/** Each data-table row as {first cell text: {column key: data-value}}. */
async function tableRows(p: Page, testId: string): Promise<Map<string, Record<string, string>>> {
  const rows = await p.locator(`[data-testid=${testId}] table tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => {
      const cells = [...tr.querySelectorAll("th, td")];
      const values = Object.fromEntries(cells.map((c) => [c.getAttribute("data-key") ?? "", c.getAttribute("data-value") ?? ""]));
      return [cells[0]?.getAttribute("data-value") ?? "", values] as const;
    }),
  );
  return new Map(rows);
}

async function expectNoAxeViolations(p: Page) {
  // Open every folded data table so that it is checked too.
  await p.locator("details.chart-table:not([open]) > summary").evaluateAll((summaries) => summaries.forEach((s) => (s as HTMLElement).click()));
  // By evaluation, not an inline <script>: the Content-Security-Policy refuses inline scripts.
  await p.evaluate(readFileSync(join(repoRoot, "node_modules/axe-core/axe.min.js"), "utf8"));
  const violations = await p.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")}`);
  }, AXE_TAGS);
  expect(violations).toEqual([]);
}

describe("MSG view", () => {
  it("shows each member's rate, interval and position exactly as the API computes them, and the force's position in words", async () => {
    const p = await open("/msg?indicator=police-uk-all-crime&month=2025-01&average=weighted");
    await p.getByTestId("msg-bars").locator("table").waitFor({ state: "attached" });
    const snapshot = await api<Snapshot>(`/api/compare/msg?indicator=police-uk-all-crime&month=2025-01&force=${ESSEX}&average=weighted`);
    expect(snapshot.comparison).not.toBeNull();
    const shown = await tableRows(p, "msg-bars");
    expect(shown.size).toBe(8);
    for (const member of snapshot.comparison!.members) {
      const name = snapshot.forces.find((f) => f.code === member.code)!.name;
      const row = shown.get(name);
      expect(row, name).toBeDefined();
      expect(row?.rate, name).toBe(String(member.rate));
      expect(row?.lower95, name).toBe(String(member.lower));
      expect(row?.upper95, name).toBe(String(member.upper));
      expect(row?.position, name).toBe(String(member.position));
      expect(row?.count, name).toBe(String(member.count));
    }
    await expect(p.getByTestId("msg-bars-summary").textContent()).resolves.toBe(snapshot.sentence);
    expect(snapshot.sentence).toMatch(/^Essex is \d(st|nd|rd|th) of 8 in its most similar group/);
    // The reference line is labelled with how the average was taken, and its value.
    await expect(p.getByTestId("msg-average-label").textContent()).resolves.toMatch(/^MSG average \(weighted by population\)/);
    // Eight bars, the force's drawn in the hatch pattern (not colour alone), once the chart has measured its container.
    await expect.poll(() => p.locator("[data-testid=msg-bars] .recharts-bar-rectangle").count()).toBe(8);
    await expect.poll(() => p.locator("[data-testid=msg-bars] .recharts-bar-rectangle path[fill^='url(#']").count()).toBe(1);
    await expectNoAxeViolations(p);
  });

  it("downloads the bars' data as a CSV with one row per member, as in the table", async () => {
    const p = await open("/msg?indicator=police-uk-burglary&month=2025-01&average=weighted");
    const frame = p.getByTestId("msg-bars");
    await frame.locator("table").waitFor({ state: "attached" });
    const [download] = await Promise.all([p.waitForEvent("download"), frame.getByRole("button", { name: "CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^burglary-per-1-000-population-essex-and-its-most-similar-group-jan-2025\.csv$/);
    const records = parse(readFileSync(await download.path()), { columns: true }) as Record<string, string>[];
    const snapshot = await api<Snapshot>(`/api/compare/msg?indicator=police-uk-burglary&month=2025-01&force=${ESSEX}`);
    expect(records).toHaveLength(8);
    expect(Object.keys(records[0]!)).toEqual(["Force", "Position", "Rate per 1,000", "95% interval, lower", "95% interval, upper", "Count", "Population", "Against the MSG average (weighted by population)"]);
    const byName = new Map(records.map((r) => [r["Force"], r]));
    for (const member of snapshot.comparison!.members) {
      const force = snapshot.forces.find((f) => f.code === member.code)!;
      const record = byName.get(force.name);
      expect(Number(record?.["Rate per 1,000"]), force.name).toBe(member.rate);
      expect(Number(record?.["Position"]), force.name).toBe(member.position);
      expect(Number(record?.["Count"]), force.name).toBe(force.count);
      expect(Number(record?.["Population"]), force.name).toBe(force.population);
    }
    // Best first, as drawn.
    expect(records.map((r) => Number(r["Position"]))).toEqual([...records.map((r) => Number(r["Position"]))].sort((a, b) => a - b));
  });

  it("switches between the weighted and the simple average by keyboard, in the URL and the label", async () => {
    const p = await open("/msg?indicator=police-uk-all-crime&month=2025-01&average=weighted");
    await p.getByTestId("msg-average-label").waitFor();
    await p.getByLabel("Weighted by population").focus();
    await p.keyboard.press("ArrowRight");
    await p.waitForURL(/average=simple/);
    expect(new URL(p.url()).searchParams.get("month")).toBe("2025-01");
    await p.waitForFunction(() => document.querySelector<HTMLInputElement>("input[type=radio][value=simple]")?.checked === true);
    const simple = await api<Snapshot>(`/api/compare/msg?indicator=police-uk-all-crime&month=2025-01&force=${ESSEX}&average=simple`);
    await p.waitForFunction((text) => document.querySelector("[data-testid=msg-bars-summary]")?.textContent === text, simple.sentence);
    await expect(p.getByTestId("msg-average-label").textContent()).resolves.toMatch(/^MSG average \(simple mean of rates\)/);
    expect(simple.sentence).toContain("the MSG average (simple mean of rates)");

    // Back: the link reproduces each state.
    // popstate is a same-document navigation: wait for the URL itself, not for a load event.
    await p.goBack({ waitUntil: "commit" });
    await p.waitForFunction(() => new URLSearchParams(location.search).get("average") === "weighted");
    await p.waitForFunction(() => document.querySelector<HTMLInputElement>("input[type=radio][value=weighted]")?.checked === true);
    await p.waitForFunction(() => /weighted by population/.test(document.querySelector("[data-testid=msg-average-label]")?.textContent ?? ""));
  });

  it("writes the default indicator, latest month and average into the URL, and changes month and indicator through it", async () => {
    const p = await open("/msg");
    await p.waitForURL(/month=2025-12/);
    const params = new URL(p.url()).searchParams;
    expect(params.get("indicator")).toBe("police-uk-all-crime");
    expect(params.get("average")).toBe("weighted");
    await p.getByTestId("msg-bars").locator("table").waitFor({ state: "attached" });

    await p.getByLabel("Month", { exact: true }).selectOption("2024-03");
    await p.waitForURL(/month=2024-03/);
    await p.waitForFunction(() => /Mar 2024$/.test(document.querySelector("[data-testid=msg-bars] h2")?.textContent ?? ""));

    await p.getByLabel("Indicator", { exact: true }).selectOption("police-uk-robbery");
    await p.waitForURL((url) => url.searchParams.get("indicator") === "police-uk-robbery" && url.searchParams.get("month") === "2025-12");
    await p.waitForFunction(() => /^Robbery per 1,000/.test(document.querySelector("[data-testid=msg-bars] h2")?.textContent ?? ""));
  });

  it("shows position over time as the history API gives it, opening on the last 3 years (the whole history one press away), with unranked months named, and the long view 2003–2018", async () => {
    const p = await open("/msg?indicator=police-uk-burglary&month=2025-12&average=weighted");
    await p.getByTestId("msg-history").locator("table").waitFor({ state: "attached" });
    await p.getByTestId("msg-long-view").locator("table").waitFor({ state: "attached" });
    const whole = await api<History>(`/api/compare/msg/history?indicator=police-uk-burglary&force=${ESSEX}`);
    const last = whole.points[whole.points.length - 1]!.month;
    expect(last).toBe("2025-12");
    // Like every trend, the chart opens on the 36 months (TREND_WINDOW_MONTHS) to the latest month held.
    const history = await api<History>(`/api/compare/msg/history?indicator=police-uk-burglary&force=${ESSEX}&from=2023-01&to=2025-12`);
    expect(history.points.length).toBeLessThan(whole.points.length);
    expect(history.points.every((pt) => pt.month >= "2023-01")).toBe(true);
    await expect(p.getByTestId("trend-window").locator("legend").textContent()).resolves.toMatch(/^Months shown: Jan 2023 to Dec 2025/);
    const shown = await tableRows(p, "msg-history");
    expect([...shown.keys()]).toEqual(history.points.map((pt) => pt.month));
    for (const point of history.points) {
      expect(shown.get(point.month)?.position, point.month).toBe(point.status === "ranked" ? String(point.position) : "");
      expect(shown.get(point.month)?.rate, point.month).toBe(point.rate === null ? "" : String(point.rate));
    }
    await expect(p.locator("[data-testid=msg-history] tr", { hasText: "Jun 2025" }).textContent()).resolves.toContain("not ranked: no figure for Avon and Somerset");
    await expect(p.getByTestId("msg-history-summary").textContent()).resolves.toBe(history.sentence);
    // The axis spans the window chosen (Jan 2023 to Dec 2025), not only the months held in it (from Jan 2024).
    expect(history.points[0]!.month > "2023-01").toBe(true);
    await chartDrawn(p.getByTestId("msg-history"));
    await expect.poll(() => p.locator("[data-testid=msg-history] .recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value").allTextContents()).toEqual(["2023", "2024", "2025"]);
    // The whole history held is one press away.
    await p.getByTestId("trend-whole").click();
    await p.waitForURL(new RegExp(`from=${whole.points[0]!.month}&to=${last}`));
    await expect.poll(async () => [...(await tableRows(p, "msg-history")).keys()]).toEqual(whole.points.map((pt) => pt.month));
    await expect.poll(() => p.getByTestId("msg-history-summary").textContent()).toBe(whole.sentence);

    const long = await api<History>(`/api/compare/msg/history?indicator=ho-all-crime-excl-fraud&force=${ESSEX}`);
    const longShown = await tableRows(p, "msg-long-view");
    expect(longShown.size).toBe(52);
    expect(longShown.get("2018-12")?.position).toBe(String(long.points.find((pt) => pt.month === "2018-12")?.position));
    expect(longShown.get("2010-03")?.position).toBe("");
    await expect(p.getByTestId("msg-long-view-summary").textContent()).resolves.toBe(long.sentence);
    // One line dot per ranked month, once the chart has measured its container.
    await expect.poll(() => p.locator("[data-testid=msg-long-view] circle.recharts-line-dot").count()).toBe(long.points.filter((pt) => pt.status === "ranked").length);
    // And a cross on the "not ranked" row for every quarter held but not ranked.
    await expect.poll(() => p.locator("[data-testid=msg-long-view] .msg-not-ranked-mark").count()).toBe(long.points.filter((pt) => pt.status !== "ranked").length);
  });

  it("honours ?from=&to= on the position over time (issue 12), keeps the month, and reaches the whole history again", async () => {
    const p = await open("/msg?indicator=police-uk-burglary&month=2025-12&average=weighted&from=2018-01&to=2018-12");
    await p.getByTestId("msg-history").locator("table").waitFor({ state: "attached" });
    const windowed = await api<History>(`/api/compare/msg/history?indicator=police-uk-burglary&force=${ESSEX}&from=2018-01&to=2018-12`);
    const whole = await api<History>(`/api/compare/msg/history?indicator=police-uk-burglary&force=${ESSEX}`);
    // Every month of 2018 the force has a figure for (Aug and Sep 2018 are not held), and nothing else.
    const expected = whole.points.map((pt) => pt.month).filter((m) => m.startsWith("2018-"));
    expect(expected).toHaveLength(10);
    expect(windowed.points.map((pt) => pt.month)).toEqual(expected);
    const shown = await tableRows(p, "msg-history");
    expect([...shown.keys()]).toEqual(expected);
    for (const point of windowed.points) expect(shown.get(point.month)?.rate, point.month).toBe(point.rate === null ? "" : String(point.rate));
    await expect(p.getByTestId("msg-history-summary").textContent()).resolves.toBe(windowed.sentence);
    expect(p.url()).toContain("month=2025-12");
    // The whole history held is one button away, and the URL says so.
    await p.getByTestId("trend-whole").click();
    await p.waitForURL(new RegExp(`from=${whole.points[0]!.month}&to=${whole.points[whole.points.length - 1]!.month}`));
    await expect.poll(async () => (await tableRows(p, "msg-history")).size).toBe(whole.points.length);
    expect(p.url()).toContain("month=2025-12");
    // The API refuses a window in the wrong order.
    const refused = await fetch(`${session.url}/api/compare/msg/history?indicator=police-uk-burglary&force=${ESSEX}&from=2019-01&to=2018-12`);
    expect(refused.status).toBe(400);
  });

  it("says plainly when a member has no figure, instead of ranking on seven, and passes axe", async () => {
    const p = await open("/msg?indicator=police-uk-burglary&month=2025-06&average=weighted");
    const missing = p.getByTestId("msg-missing");
    await missing.waitFor();
    const snapshot = await api<Snapshot>(`/api/compare/msg?indicator=police-uk-burglary&month=2025-06&force=${ESSEX}`);
    expect(snapshot.missing).toEqual(["Avon and Somerset"]);
    await expect(p.getByTestId("msg-summary").textContent()).resolves.toBe(snapshot.sentence);
    await expect(missing.locator("tr", { hasText: "Avon and Somerset" }).textContent()).resolves.toContain("no figure");
    await expect(p.getByTestId("msg-bars").count()).resolves.toBe(0);
    await expectNoAxeViolations(p);
  });

  it("ranks the Home Office rolling 12 months for a quarter, and explains a quarter before the group was recorded", async () => {
    const p = await open("/msg?indicator=ho-all-crime-excl-fraud&month=2018-12&average=simple");
    await p.getByTestId("msg-bars").locator("table").waitFor({ state: "attached" });
    const snapshot = await api<Snapshot>(`/api/compare/msg?indicator=ho-all-crime-excl-fraud&month=2018-12&force=${ESSEX}&average=simple`);
    const shown = await tableRows(p, "msg-bars");
    const essex = snapshot.comparison!.members.find((m) => m.code === ESSEX)!;
    expect(shown.get("Essex")?.position).toBe(String(essex.position));
    await expect(p.getByTestId("msg-bars").locator("h2").textContent()).resolves.toContain("12 months to Dec 2018");
    // The long view is the selected indicator itself: not repeated.
    await expect(p.getByTestId("msg-long-view").count()).resolves.toBe(0);
    await expectNoAxeViolations(p);

    await p.getByLabel("12 months to", { exact: true }).selectOption("2010-03");
    await p.getByTestId("msg-not-ranked").waitFor();
    await expect(p.getByTestId("msg-not-ranked").textContent()).resolves.toContain("no Most Similar Group is recorded for Mar 2010");
  });

  it("for a district, shows the force it belongs to and says so; fits 360 px; passes axe", async () => {
    const p = await open(`/msg?area=${BASILDON}&indicator=police-uk-all-crime&month=2025-01&average=weighted`, 360);
    await p.getByTestId("msg-bars").locator("table").waitFor({ state: "attached" });
    await expect(p.getByTestId("msg-district-note").textContent()).resolves.toBe("Most Similar Groups compare force areas: Basildon is in Essex, so Essex is shown.");
    await expect(p.getByRole("link", { name: "Most similar forces" }).getAttribute("href")).resolves.toBe(`/msg?area=${BASILDON}&month=2025-01`); // issue 9: the reporting month travels with the area
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await expectNoAxeViolations(p);
  });

  it("fits 2560 px and 390 px without horizontal page scroll", async () => {
    for (const width of [2560, 390]) {
      const p = await open("/msg?indicator=ho-all-crime-excl-fraud&month=2018-12&average=weighted", width);
      await p.getByTestId("msg-bars").locator("table").waitFor({ state: "attached" });
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${width} px`).toBeLessThanOrEqual(0);
      await p.close();
    }
  });
});
