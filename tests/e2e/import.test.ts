import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { tempDir } from "../support/db";
import { browserSession } from "./session";

/**
 * The import page as the scrutiny officer uses it, in Chromium against the real server: drop a bad
 * file and see each problem in its cell, choose a good one, confirm, revise it, follow a figure's
 * history, roll the revision back. What the page shows is checked against the API. Any console
 * error fails the test.
 */
const dir = tempDir("scrutiny-e2e-import-");
const BASILDON = "E07000066";

const HEADER = "indicator,area,month,value,numerator,denominator,survey_n,status,note";
const files = {
  bad: [HEADER, "da-incidents,Basildon,2025-10,231,,,,provisional,", "da-incidnts,Basildn,2025-13,-4,,,,,", "da-solved-rate,Essex,2025-10,101,450,400,,,"].join("\n") + "\n",
  good: [HEADER, "da-incidents,Basildon,2025-10,231,,,,provisional,", "da-solved-rate,Essex,2025-10,25,100,400,,,", "satisfaction-treatment,Essex,2025-10,90,360,400,400,final,wave 3"].join("\n") + "\n",
  revised: [HEADER, "da-incidents,Basildon,2025-10,240,,,,final,recount", "da-solved-rate,Essex,2025-10,25,100,400,,,", "satisfaction-treatment,Essex,2025-10,90,360,400,400,final,wave 3"].join("\n") + "\n",
};
const path = (name: keyof typeof files) => join(dir, `2025-10-${name}.csv`);

const session = browserSession({
  before: () => {
    for (const [name, text] of Object.entries(files)) writeFileSync(path(name as keyof typeof files), text);
  },
});
const open = session.open;

const api = async <T>(route: string, init?: RequestInit) => (await (await fetch(session.url + route, init)).json()) as T;
const previewByApi = (name: keyof typeof files) => {
  const form = new FormData();
  form.set("file", new File([files[name]], `2025-10-${name}.csv`));
  return api<{ status: string; counts: Record<string, number>; problems: { line: number; column: string; value: string; message: string }[] }>("/api/imports/preview", { method: "POST", body: form, headers: { "X-Scrutiny-Csrf": "1" } });
};
const daBasildon = async () => (await api<{ points: { month: string; value: number | null }[] }>(`/api/series?indicator=da-incidents&area=${BASILDON}&from=2025-10&to=2025-10`)).points[0]?.value;

/** Drops a file on the drop zone as a browser does: a drop event carrying a DataTransfer. */
async function dropFile(p: Page, name: string, text: string) {
  const transfer = await p.evaluateHandle(
    ([fileName, content]) => {
      const data = new DataTransfer();
      data.items.add(new File([content], fileName, { type: "text/csv" }));
      return data;
    },
    [name, text] as const,
  );
  await p.getByTestId("drop-zone").dispatchEvent("dragover", { dataTransfer: transfer });
  await p.getByTestId("drop-zone").dispatchEvent("drop", { dataTransfer: transfer });
}

describe("import page", () => {
  it("walks from drop to confirm, revision, history and rollback", async () => {
    const p = await open("/import");
    await p.getByRole("heading", { level: 1, name: "Import the force's monthly figures" }).waitFor();
    await expect(p.getByTestId("import-history").count()).resolves.toBe(0);

    // 1. A bad file, dropped: every problem in the list and in its cell; nothing to confirm.
    await dropFile(p, "2025-10-bad.csv", files.bad);
    await p.getByTestId("preview-table").waitFor();
    const expected = await previewByApi("bad");
    expect(expected.status).toBe("invalid");
    await expect(p.getByTestId("preview-summary").locator("strong").textContent()).resolves.toBe(
      `2025-10-bad.csv: 3 rows read. ${expected.problems.length} problems: nothing can be imported until they are fixed.`,
    );
    const listed = await p.locator(".problem-list li").allTextContents();
    expect(listed).toEqual(expected.problems.map((q) => `Line ${q.line}, column ${q.column}, value ${q.value}: ${q.message}`));
    for (const q of expected.problems) {
      const cell = p.locator(`tr[data-line="${q.line}"] td[data-column="${q.column}"]`);
      await expect(cell.getAttribute("class")).resolves.toBe("cell-error");
      await expect(cell.getAttribute("aria-invalid")).resolves.toBe("true");
      await expect(cell.locator(".cell-value").textContent()).resolves.toBe(q.value);
      await expect(cell.locator(".cell-message").allTextContents()).resolves.toContain(q.message);
    }
    await expect(p.locator('tr[data-line="2"] .cell-error').count()).resolves.toBe(0);
    await expect(p.getByRole("button", { name: /^Import/ }).count()).resolves.toBe(0);
    expect(await daBasildon()).not.toBe(231);

    // 2. The corrected file, chosen with the (keyboard-reachable) file input: preview, then confirm.
    const input = p.getByLabel("Choose a file to check");
    await input.focus();
    await expect(p.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).resolves.toBe("file");
    await input.setInputFiles(path("good"));
    await p.locator(".preview-ready").waitFor();
    const goodPreview = await previewByApi("good");
    await expect(p.getByTestId("preview-summary").textContent()).resolves.toBe(
      `2025-10-good.csv: 3 rows read. No problems found. Importing it will record ${goodPreview.counts.created} new values, 0 revised, 0 unchanged.`,
    );
    await expect(p.locator('tr[data-line="2"] td[data-column="change"]').textContent()).resolves.toBe("new");
    await p.getByRole("button", { name: "Import 3 changes" }).click();
    await p.getByTestId("import-outcome").waitFor();
    await expect(p.getByTestId("import-outcome").textContent()).resolves.toMatch(/^Imported 2025-10-good\.csv: 3 new values, 0 revised, 0 unchanged, recorded as by E2E Officer\./);
    expect(await daBasildon()).toBe(231);

    // 3. A revised file: the change shows old → new before it is confirmed.
    await p.getByLabel("Choose a file to check").setInputFiles(path("revised"));
    await p.locator(".preview-ready").waitFor();
    await expect(p.locator('tr[data-line="2"] td[data-column="change"]').textContent()).resolves.toBe("revised: 231 → 240 (was provisional)");
    await p.getByRole("button", { name: "Import 1 change" }).click();
    await p.getByTestId("import-outcome").waitFor();
    expect(await daBasildon()).toBe(240);

    // The history table agrees with the API, newest first.
    const history = await api<{ batchId: string; file: string; counts: Record<string, number> }[]>("/api/imports");
    const rows = p.getByTestId("import-history").locator("tbody tr");
    // The history is asked for again after each import: wait for the second one's row.
    await expect.poll(() => rows.count()).toBe(2);
    for (const [i, entry] of history.entries()) {
      const row = rows.nth(i);
      await expect(row.locator("th").textContent()).resolves.toBe(entry.file);
      await expect(row.locator("[data-count=created]").textContent()).resolves.toBe(String(entry.counts.created));
      await expect(row.locator("[data-count=revised]").textContent()).resolves.toBe(String(entry.counts.revised));
      await expect(row.locator("[data-count=unchanged]").textContent()).resolves.toBe(String(entry.counts.unchanged));
    }

    // 4. The revision, one click from the import: old and new value, file, time and who.
    await rows.nth(0).getByRole("link", { name: "2025-10-revised.csv" }).click();
    await p.getByTestId("batch-changes").waitFor();
    await p.getByTestId("batch-changes").locator("tr", { hasText: "Basildon" }).getByRole("link", { name: "History" }).click();
    await p.getByTestId("revisions").waitFor();
    const revisions = await api<{ revisions: { file_name: string; old_value: number | null; new_value: number; imported_by: string }[] }>(
      `/api/imports/revisions?indicator=da-incidents&area=${BASILDON}&month=2025-10`,
    );
    const shown = await p.getByTestId("revisions").locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    expect(shown.map((cells) => [cells[1], cells[2], cells[3], cells[4], cells[5]])).toEqual(
      revisions.revisions.map((r) => [r.imported_by, r.file_name, r.old_value === null ? "new" : "revised", r.old_value === null ? "—" : String(r.old_value), String(r.new_value)]),
    );
    expect(shown.map((cells) => cells[2])).toEqual(["2025-10-good.csv", "2025-10-revised.csv"]);
    await expect(p.getByTestId("current-value").textContent()).resolves.toMatch(/^Shown now: 240 \(final\), note: recount\./);

    // 5. Roll the revision back: the previous values return exactly.
    await p.getByRole("link", { name: "Import", exact: true }).first().click();
    await p.getByTestId("import-history").waitFor();
    const latest = p.getByTestId("import-history").locator("tbody tr").first();
    await latest.getByRole("button", { name: "Roll back…" }).click();
    await p.getByRole("button", { name: "Roll back 2025-10-revised.csv" }).click();
    await p.locator('[data-status="rolled back"]').waitFor();
    await expect(p.locator('[data-status="rolled back"]').textContent()).resolves.toMatch(/^Rolled back .* by E2E Officer$/);
    expect(await daBasildon()).toBe(231);
    const after = await api<{ current: { value: number; status: string | null; note: string | null } }>(`/api/imports/revisions?indicator=da-incidents&area=${BASILDON}&month=2025-10`);
    expect(after.current).toMatchObject({ value: 231, status: "provisional", note: null });
  });
});

describe("data status", () => {
  it("shows the counts the API gives, by source, with the force's indicators flagged", async () => {
    const p = await open("/status");
    await p.getByTestId("status-summary").waitFor();
    const status = await api<{ counts: { late: number; noData: number; onTime: number }; asOf: string; sources: { source: string }[] }>("/api/imports/status");
    await expect(p.getByTestId("status-summary").textContent()).resolves.toContain(`${status.counts.late} late, ${status.counts.noData} with no data, ${status.counts.onTime} on time.`);
    await expect(p.locator("section.status-source h2").allTextContents()).resolves.toEqual(status.sources.map((s) => expect.stringContaining(s.source)));
    const nfib = p.locator('section[data-source="National Fraud Intelligence Bureau"]');
    await expect(nfib.locator(".source-sentence").textContent()).resolves.toMatch(/^No data The indicator: no figures held yet; (Mar|Sep) \d{4} is due\.$/);
  });

  it("fits a 390 px phone screen without horizontal page scroll", async () => {
    const p = await open("/import", 390);
    await p.getByTestId("drop-zone").waitFor();
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
