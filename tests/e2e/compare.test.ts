import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { DistrictComparison, MsgResponse, SeriesResponse } from "@scrutiny/api";
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

describe("periods on the districts and MSG views", () => {
  it("ranks the districts on the 12 months to Dec 2025 when the period is chosen, with the period in the heading, the summaries and the URL", async () => {
    const p = await session.open(`/districts?indicator=police-uk-all-crime&month=2025-12&force=${ESSEX}`);
    await p.locator("[data-testid=district-table] tbody tr").first().waitFor();
    await p.getByTestId("districts-period").selectOption("rolling-12");
    await p.waitForURL(/period=rolling-12/);
    await p.waitForFunction(() => /12 months to Dec 2025/.test(document.querySelector("h1")?.textContent ?? ""));
    const data = await api<DistrictComparison>(`/api/compare/districts?indicator=police-uk-all-crime&month=2025-12&force=${ESSEX}&period=rolling-12`);
    expect(data.period.label).toBe("12 months to Dec 2025");
    for (const d of data.districts) {
      await p.waitForFunction(
        ([code, value]) => document.querySelector(`[data-testid=district-table] tr[data-code="${code}"] [data-key=value]`)?.getAttribute("data-value") === value,
        [d.code, String(d.value)] as const,
      );
    }
    // The funnel's summary is the API's sentence, which names the window.
    expect(data.sentence.startsWith("In 12 months to Dec 2025")).toBe(true);
    await expect(p.getByTestId("district-funnel-summary").textContent()).resolves.toBe(data.sentence);
    expect(await axeViolations(p)).toEqual([]);
  });

  it("says a financial year to date that lacks a month has no complete figure, rather than showing a part-year total", async () => {
    // FY 2024/25 to Mar 2025: May–Dec 2024 are not held.
    const p = await session.open(`/districts?indicator=police-uk-all-crime&month=2025-03&force=${ESSEX}&period=fytd`);
    const data = await api<DistrictComparison>(`/api/compare/districts?indicator=police-uk-all-crime&month=2025-03&force=${ESSEX}&period=fytd`);
    expect(data.force.value).toBeNull();
    await expect(p.getByTestId("districts-no-figure").textContent()).resolves.toBe(data.sentence);
    expect(data.sentence).toContain("No complete figure for all crime (excl. ASB) in Essex in financial year 2024/25 to date (Apr 2024 – Mar 2025)");
    // No district shows a part-year total.
    const values = await p.locator("[data-testid=district-table] tbody [data-key=value]").evaluateAll((cells) => cells.map((c) => c.getAttribute("data-value")));
    expect(values.length).toBe(data.districts.length);
    expect(values.every((v) => v === "" || v === null)).toBe(true);
    expect(await axeViolations(p)).toEqual([]);
  });

  it("compares Essex with its MSG over the financial year to date on the MSG view, and does not rank a window a member lacks a month of", async () => {
    // Avon and Somerset lacks months of 2025, so the one complete FYTD window held for the whole MSG is Apr 2024 alone.
    const p = await session.open(`/msg?indicator=police-uk-burglary&month=2024-04&average=weighted&period=fytd`);
    await p.getByTestId("msg-bars").locator("table").waitFor({ state: "attached" });
    const snapshot = await api<MsgResponse>(`/api/compare/msg?indicator=police-uk-burglary&month=2024-04&force=${ESSEX}&average=weighted&period=fytd`);
    expect(snapshot.period.label).toBe("financial year 2024/25 to date (Apr 2024 – Apr 2024)");
    await expect(p.getByTestId("msg-bars").locator("h2").textContent()).resolves.toBe(`Burglary per 1,000 population: Essex and its most similar group, ${snapshot.period.label}`);
    await expect(p.getByTestId("msg-bars-summary").textContent()).resolves.toBe(snapshot.sentence);
    expect(await p.getByTestId("msg-period").inputValue()).toBe("fytd");

    // To Dec 2025 the window includes Jun 2025, which Avon and Somerset lacks: not ranked, and said so.
    const q = await session.open(`/msg?indicator=police-uk-burglary&month=2025-12&average=weighted&period=fytd`);
    await q.getByTestId("msg-missing").waitFor();
    const incomplete = await api<MsgResponse>(`/api/compare/msg?indicator=police-uk-burglary&month=2025-12&force=${ESSEX}&period=fytd`);
    expect(incomplete.comparison).toBeNull();
    expect(incomplete.missing).toEqual(["Avon and Somerset"]);
    await expect(q.getByTestId("msg-summary").textContent()).resolves.toBe(incomplete.sentence);
    expect(incomplete.sentence).toContain("no complete figure for Avon and Somerset");
  });
});

describe("the district's own page", () => {
  it("shows Basildon's burglary rate per 1,000 and its rank among the Essex districts month by month, as the districts API gives them, with the link to the comparison", async () => {
    const BASILDON = "E07000066";
    const p = await session.open(`/indicator/police-uk-burglary?area=${BASILDON}&to=2025-12`);
    await p.getByTestId("district-rank").locator("table").waitFor({ state: "attached" });
    const series = await api<{ districts: { code: string; points: { month: string; value: number | null; rate: number | null }[] }[] }>(
      `/api/compare/districts/series?indicator=police-uk-burglary&force=${ESSEX}&from=2023-01&to=2025-12`,
    );
    const rows = await p.locator("[data-testid=district-rank] table tbody tr").evaluateAll((trs) =>
      trs.map((tr) => Object.fromEntries([...tr.querySelectorAll("th, td")].map((c) => [c.getAttribute("data-key") ?? "", c.getAttribute("data-value") ?? ""]))),
    );
    expect(rows).toHaveLength(36);
    const dec = rows.find((r) => r.month === "2025-12")!;
    const own = series.districts.find((d) => d.code === BASILDON)!.points.find((pt) => pt.month === "2025-12")!;
    expect(Number(dec.value)).toBe(own.value);
    expect(Number(dec.rate)).toBeCloseTo(own.rate!, 10);
    // Rank: 1 + the districts with a lower rate (lower burglary is better) that month.
    const rates = series.districts.map((d) => d.points.find((pt) => pt.month === "2025-12")?.rate).filter((r): r is number => r !== null && r !== undefined);
    const expectedRank = 1 + rates.filter((r) => r < own.rate!).length;
    expect(Number(dec.rank)).toBe(expectedRank);
    // The districts comparison agrees on the month's rank.
    const comparison = await api<{ districts: { code: string; position: number | null }[] }>(`/api/compare/districts?indicator=police-uk-burglary&month=2025-12&force=${ESSEX}`);
    expect(comparison.districts.find((d) => d.code === BASILDON)?.position).toBe(expectedRank);
    await expect(p.getByTestId("district-rank-summary").textContent()).resolves.toMatch(new RegExp(`^Basildon was ${expectedRank}(st|nd|rd|th) of ${rates.length} Essex districts in Dec 2025 \\(1st = lowest rate`));
    await expect(p.getByTestId("district-rate-summary").textContent()).resolves.toContain(`in Dec 2025 (${own.value} recorded)`);
    await expect(p.getByTestId("district-compare-link").getAttribute("href")).resolves.toBe(`/districts?indicator=police-uk-burglary&month=2025-12&force=${ESSEX}&area=${BASILDON}`);
    expect(await axeViolations(p)).toEqual([]);
    await p.getByTestId("district-compare-link").click();
    await p.locator("[data-testid=district-table] tbody tr").first().waitFor();
    await expect(p.getByRole("heading", { level: 1 }).textContent()).resolves.toContain("Burglary by district");
  });

  it("names every district on the map, at 1440 and at 390 px, and keeps each shape reachable by keyboard", async () => {
    for (const width of [1440, 390]) {
      const p = await session.open(`/districts?indicator=police-uk-all-crime&month=2025-12&force=${ESSEX}`, width);
      await p.getByTestId("map-labels").waitFor({ state: "attached" });
      const comparison = await api<{ districts: { code: string; name: string }[] }>(`/api/compare/districts?indicator=police-uk-all-crime&month=2025-12&force=${ESSEX}`);
      const labels = await p.locator("[data-testid=map-labels] text").evaluateAll((ts) =>
        ts.map((t) => {
          const visible = [...t.querySelectorAll("tspan")].find((s) => getComputedStyle(s).display !== "none");
          const box = (t as SVGTextElement).getBoundingClientRect();
          return { code: t.getAttribute("data-code"), text: visible?.textContent ?? "", height: box.height };
        }),
      );
      expect(labels.map((l) => l.code).sort()).toEqual(comparison.districts.map((d) => d.code).sort());
      for (const l of labels) {
        const name = comparison.districts.find((d) => d.code === l.code)!.name;
        if (width === 1440) expect(l.text).toBe(name);
        else expect(name.startsWith(l.text.replace(/\.$/, "").split(" ")[0]!)).toBe(true);
        // Readable: at least 9 px tall on screen at either width.
        expect(l.height, `${name} at ${width}`).toBeGreaterThanOrEqual(9);
      }
      const focusable = await p.locator("[data-testid=district-map] path[tabindex='0']").count();
      expect(focusable).toBe(comparison.districts.length);
    }
  });
});

describe("comparison groups as data", () => {
  it("an admin imports the published MSG list on the MSG page: the list is dated, the earlier group kept and ended, and both shown", async () => {
    const p = await session.open(`/msg?indicator=police-uk-burglary&month=2025-12&average=weighted`);
    await p.getByTestId("msg-import").locator("summary").click();
    await p.getByLabel("Valid from (month)").fill("2026-01");
    await p.getByLabel("Source").fill("HMICFRS MSG list 2026");
    // (A refused list, 422 with each problem's line and column, is tested in apps/api/src/comparisonGroups.test.ts: the browser logs any 4xx as a console error.)
    await p.getByLabel("CSV file").setInputFiles({ name: "msg.csv", mimeType: "text/csv", buffer: Buffer.from("Force,Member 1,Member 2\nEssex,Kent,Sussex\n") });
    await p.getByRole("button", { name: "Import" }).click();
    await expect(p.getByTestId("msg-import-result").textContent()).resolves.toBe("1 Most Similar Group imported, valid from Jan 2026.");
    const groups = await api<{ valid_from: string; valid_to: string | null }[]>(`/api/comparison-groups?force=${ESSEX}`);
    expect(groups.map((g) => [g.valid_from, g.valid_to])).toEqual([
      ["2013-10", "2025-12"],
      ["2026-01", null],
    ]);
    // The page names each group with the dates it is valid.
    await p.waitForFunction(() => document.querySelectorAll(".msg-groups li").length === 2);
    await expect(p.locator(".msg-groups li").first().textContent()).resolves.toMatch(/^Essex Most Similar Group from Oct 2013 to Dec 2025: /);
    expect(await axeViolations(p)).toEqual([]);
  });
});
