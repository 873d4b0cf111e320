import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { repoRoot } from "@scrutiny/db";
import type { ActionView, MeetingView, PackView, QuestionView } from "@scrutiny/api";
import { axeViolations } from "./axe";
import { browserSession } from "./session";

/**
 * The meeting cycle as the scrutiny officer walks it, on the default data: add a meeting, issue
 * its pack, edit and accept a drafted question, export the questions as Word (read back from the
 * .docx), raise an action, see it under matters arising at the next meeting, mark it complete;
 * the pack prints to a paginated PDF whose text has the expected headings (pdftotext), both as
 * the server prints it (Download PDF) and as the browser's own print.
 */
const session = browserSession();
const OUT = join(repoRoot, "test-results", "screenshots");

async function post<T>(path: string, body: unknown, method = "POST"): Promise<T> {
  const response = await fetch(session.url + path, { method, headers: { "Content-Type": "application/json", "X-Scrutiny-Csrf": "1" }, body: JSON.stringify(body) });
  expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
  return (await response.json()) as T;
}

async function checkPage(p: Page, name: string) {
  expect(await axeViolations(p), name).toEqual([]);
  mkdirSync(OUT, { recursive: true });
  await p.setViewportSize({ width: 1440, height: 900 });
  await p.screenshot({ path: join(OUT, `${name}-1440.png`), fullPage: true });
  for (const width of [360, 390]) {
    await p.setViewportSize({ width, height: 900 });
    // The responsive charts redraw at the new width a frame or more after the resize.
    await expect.poll(() => p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), { message: `${name} at ${width} px` }).toBeLessThanOrEqual(0);
    if (width === 390) await p.screenshot({ path: join(OUT, `${name}-390.png`), fullPage: true });
  }
  await p.setViewportSize({ width: 1280, height: 900 });
}

function unescapeXml(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

describe("the meeting cycle", () => {
  it("walks from a new meeting to a completed action, through the pack, questions and exports", async () => {
    // 1. Add the meeting from the form.
    const p = await session.open("/meetings");
    await p.getByRole("heading", { name: "Add a meeting" }).waitFor();
    await p.getByLabel("Date", { exact: true }).fill("2026-01-29");
    await p.getByLabel("Title").fill("Performance scrutiny, January");
    await p.getByLabel("Reporting month").fill("2025-12");
    await p.getByRole("button", { name: "Add meeting" }).click();
    await p.waitForURL(/\/meetings\/m[0-9a-f]{12}$/);
    const meetingId = new URL(p.url()).pathname.split("/")[2]!;
    const meeting = await session.api<MeetingView>(`/api/meetings/${meetingId}`);
    expect(meeting).toMatchObject({ date: "2026-01-29", month: "2025-12", papersDue: "2026-01-22", kind: "performance scrutiny" });
    // The meeting's page is loaded on demand: wait for its heading rather than read whichever page is still shown.
    await p.getByRole("heading", { level: 1, name: "Performance scrutiny, January", exact: true }).waitFor();

    // 2. Issue the pack: the page shows as many exceptions as the API issued.
    await p.getByRole("button", { name: "Issue the pack" }).click();
    await p.getByTestId("pack-summary").waitFor();
    const pack = await session.api<PackView>(`/api/meetings/${meetingId}/pack`);
    expect(pack.items.length).toBeGreaterThan(3);
    await expect(p.getByTestId("pack-summary").textContent()).resolves.toContain(`for Dec 2025: ${pack.items.length} exceptions`);
    await checkPage(p, "meeting");

    // 3. Edit and accept the first drafted question.
    const first = p.getByTestId("question").first();
    await first.locator("textarea").waitFor();
    const drafted = await first.locator("textarea").inputValue();
    expect(drafted).toBe(pack.items[0]!.question);
    const edited = `${drafted} Please include the district breakdown.`;
    await first.locator("textarea").fill(edited);
    await first.getByLabel("Owner").fill("WK");
    await first.getByRole("button", { name: "Accept" }).click();
    await p.locator("[data-testid=question][data-status=accepted]").first().waitFor();
    const questions = await session.api<QuestionView[]>(`/api/questions?meeting=${meetingId}`);
    expect(questions.filter((q) => q.status === "accepted")).toEqual([expect.objectContaining({ text: edited, owner: "WK", status: "accepted" })]);
    // The filter lives in the URL.
    await p.getByRole("button", { name: "Accepted", exact: true }).click();
    await p.waitForURL(/questions=accepted/);
    await expect.poll(() => p.getByTestId("question").count()).toBe(1);

    // 4. Export: the .docx (a zip) holds the accepted question, and only it.
    const [download] = await Promise.all([p.waitForEvent("download"), p.getByRole("link", { name: "Word (.docx)" }).click()]);
    expect(download.suggestedFilename()).toBe("questions-2026-01-29.docx");
    const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
    const xml = await zip.file("word/document.xml")!.async("string");
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => unescapeXml([...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join("")));
    expect(paragraphs).toContain("Questions for the performance scrutiny meeting of 29 January 2026");
    expect(paragraphs).toContain(`1. ${edited}`);
    expect(paragraphs.filter((t) => /^\d+\. /.test(t))).toHaveLength(1);
    const csv = await (await fetch(`${session.url}/api/meetings/${meetingId}/questions.csv`)).text();
    expect(csv.split("\n")[0]).toBe("Number,Question,Indicator,Owner,Status,Sent,Answer due,Answer");
    expect(csv).toContain("WK,accepted");

    // Sent to the force, with the date its answer is due: the question is now "sent".
    const acceptedItem = p.locator("[data-testid=question][data-status=accepted]").first();
    await acceptedItem.getByLabel("Sent on").fill("2026-01-23");
    await acceptedItem.getByLabel("Answer due").fill("2026-01-28");
    await acceptedItem.getByRole("button", { name: "Record" }).click();
    await p.locator("[data-testid=question][data-status=sent]").first().waitFor();
    const sent = (await session.api<QuestionView[]>(`/api/questions?meeting=${meetingId}`)).filter((q) => q.status === "sent");
    expect(sent).toEqual([expect.objectContaining({ text: edited, sentOn: "2026-01-23", answerDue: "2026-01-28" })]);

    // 5. Raise an action at this meeting.
    await p.getByLabel("Action", { exact: true }).fill("OPCC to be provided with the range of solved rates across MSG");
    await p.getByLabel("Owner (initials)").fill("WK");
    await p.getByLabel("Date for completion").fill("2026-02-20");
    await p.getByLabel("Indicator (marked on its charts)").selectOption("sample-da-solved-rate");
    await p.getByRole("button", { name: "Raise action" }).click();
    await p.getByTestId("actions-raised").getByTestId("action").waitFor();
    const [raised] = await session.api<ActionView[]>(`/api/actions?meeting=${meetingId}`);
    expect(raised).toMatchObject({ reference: "1/26", owner: "WK", dueDate: "2026-02-20", status: "open", indicatorId: "sample-da-solved-rate", month: "2025-12" });

    // 5b. The action is marked on its indicator's trend at the month it answers to: drawn, in the
    // data table and the sentence, listed with a link reachable from the keyboard, and printed.
    const ind = await session.open("/indicator/sample-da-solved-rate?area=E23000028");
    const trend = ind.getByTestId("trend");
    await trend.getByTestId("trend-actions").locator("[data-reference='1/26']").waitFor();
    // The chart draws its marker once it has measured its container, after the list and table are there.
    await trend.locator(".chart svg text", { hasText: "Action 1/26" }).waitFor();
    await expect.poll(() => trend.locator(".chart svg .recharts-reference-line-line[stroke='#009E73']").count()).toBe(1);
    const decRow = trend.locator("table tbody tr", { hasText: "Dec 2025" });
    await expect(decRow.textContent()).resolves.toContain("Action 1/26 (open, WK): OPCC to be provided with the range of solved rates across MSG");
    await expect(trend.getByTestId("trend-summary").textContent()).resolves.toContain("Marked on the chart: Dec 2025: Action 1/26 (open, WK)");
    // The same action on the XmR chart of the page: drawn, in its legend, data table and sentence.
    const xmr = ind.getByTestId("xmr");
    await xmr.locator(".chart svg text", { hasText: "Action 1/26" }).waitFor();
    await expect.poll(() => xmr.locator(".chart svg .recharts-reference-line-line[stroke='#009E73']").count()).toBe(1);
    await expect(xmr.locator(".chart-legend").textContent()).resolves.toContain("Green dash-dot line: an action on the log, at the month it answers to");
    await expect(xmr.locator("table tbody tr", { hasText: "Dec 2025" }).textContent()).resolves.toContain("Action 1/26 (open, WK): OPCC to be provided with the range of solved rates across MSG");
    await expect(xmr.getByTestId("xmr-summary").textContent()).resolves.toMatch(/\. Marked on the chart: Dec 2025: Action 1\/26 \(open, WK\): OPCC to be provided/);
    await xmr.screenshot({ path: join(OUT, "indicator-xmr-actions-1440.png") });
    const toMeeting = trend.getByRole("link", { name: "1/26: its meeting" });
    for (let i = 0; i < 200 && !(await toMeeting.evaluate((el) => el === document.activeElement)); i++) await ind.keyboard.press("Tab");
    await expect(toMeeting.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect(await axeViolations(ind), "indicator with actions").toEqual([]);
    mkdirSync(OUT, { recursive: true });
    await trend.screenshot({ path: join(OUT, "indicator-actions-1440.png") });
    // Narrow screens, opened at their width (charts measure their container when drawn).
    for (const width of [360, 390]) {
      const narrow = await session.open("/indicator/sample-da-solved-rate?area=E23000028", width);
      await narrow.getByTestId("trend-actions").waitFor();
      await narrow.getByTestId("trend").locator(".chart svg text", { hasText: "Action 1/26" }).waitFor();
      const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `indicator with actions at ${width} px`).toBeLessThanOrEqual(0);
      if (width === 390) await narrow.getByTestId("trend").screenshot({ path: join(OUT, "indicator-actions-390.png") });
      await narrow.getByTestId("xmr").locator(".chart svg text", { hasText: "Action 1/26" }).waitFor();
      if (width === 390) await narrow.getByTestId("xmr").screenshot({ path: join(OUT, "indicator-xmr-actions-390.png") });
    }
    await ind.emulateMedia({ media: "print" });
    const printed = join(OUT, "indicator-actions-print.pdf");
    writeFileSync(printed, await ind.pdf({ format: "A4", printBackground: true }));
    const printedText = execFileSync("pdftotext", [printed, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    expect(printedText).toContain("Actions on this indicator (1)");
    expect(printedText).toContain("Action 1/26 (open, WK)");

    // 6. The next meeting opens with it as a matter arising; mark it complete with a note.
    const next = await post<MeetingView>("/api/meetings", { date: "2026-02-26", title: "Performance scrutiny, February", kind: "performance scrutiny", month: "2026-01" });
    const n = await session.open(`/meetings/${next.id}`);
    const arising = n.getByTestId("matters-arising");
    await arising.locator("[data-reference='1/26']").waitFor();
    await expect(arising.textContent()).resolves.toContain("1/26 – OPCC to be provided with the range of solved rates across MSG (WK)");
    await checkPage(n, "meeting-next");
    await arising.getByLabel("Note for 1/26").fill("Range provided at the meeting");
    await arising.getByRole("button", { name: "Mark 1/26 complete" }).click();
    await n.getByText("No open actions from earlier meetings.").waitFor();
    const [done] = await session.api<ActionView[]>(`/api/actions?meeting=${meetingId}`);
    expect(done?.status).toBe("complete");
    expect(done?.history.at(-1)).toMatchObject({ status: "complete", note: "Range provided at the meeting" });

    // 7. The action log, filtered in the URL.
    const log = await session.open("/actions?status=complete");
    await log.getByTestId("actions-table").waitFor();
    const rows = await log.locator("[data-testid=actions-table] tbody tr").evaluateAll((trs) => trs.map((r) => ({ reference: r.getAttribute("data-reference"), example: r.getAttribute("data-example") === "1" })));
    // The one completed here, then the labelled examples from the public minutes (93/14 was done by March 2015).
    expect(rows[0]).toEqual({ reference: "1/26", example: false });
    expect(rows.slice(1)).toEqual([{ reference: "93/14", example: true }]);
    const examples = await session.api<ActionView[]>("/api/actions");
    expect(examples.filter((a) => a.isExample).map((a) => a.reference)).toContain("89/14");
    expect(examples.find((a) => a.reference === "89/14")).toMatchObject({ text: "OPCC to be provided with the range of solved rates across MSG", owner: "WK", status: "open" });
    await checkPage(log, "actions");
    // Import an existing log from the page, references kept (a refused file is a 400, which the
    // browser logs as a console error: its problems are tested in apps/api/src/meetings.test.ts).
    await log.getByText("Import an existing action log (CSV)").click();
    const logHeader = "reference,meeting,meeting_date,text,owner,due_date,status,note";
    await log.getByLabel("Action log file").setInputFiles({ name: "old-log.csv", mimeType: "text/csv", buffer: Buffer.from(`${logHeader}\n5/13,Force Performance Meeting,2013-03-28,District breakdown of satisfaction,JW,2013-04-25,complete,Provided\n6/13,Force Performance Meeting,2013-03-28,Repeat victims paper,SH,,open,\n`) });
    await log.getByRole("button", { name: "Import actions" }).click();
    await expect(log.getByTestId("import-result").textContent()).resolves.toBe("Imported 2 actions from old-log.csv: 5/13, 6/13.");
    await log.locator("[data-testid=actions-table] tbody tr[data-reference='5/13']").waitFor();
    expect((await session.api<ActionView[]>("/api/actions")).find((a) => a.reference === "6/13")).toMatchObject({ owner: "SH", status: "open", isExample: false });
    const meetingsList = await session.open("/meetings");
    await meetingsList.getByTestId("meetings-table").waitFor();
    await checkPage(meetingsList, "meetings");

    // 8. The pack as the server prints it (headless Chromium, decision 109a), from the pack page's link.
    const packPage = await session.open(`/meetings/${meetingId}/pack`);
    const [pdfDownload] = await Promise.all([packPage.waitForEvent("download"), packPage.getByRole("link", { name: "Download PDF" }).click()]);
    expect(pdfDownload.suggestedFilename()).toBe("briefing-pack-2026-01-29.pdf");
    const pdfFile = join(OUT, "briefing-pack-server.pdf");
    mkdirSync(OUT, { recursive: true });
    await pdfDownload.saveAs(pdfFile);
    const pdfPages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [pdfFile], { encoding: "utf8" }))?.[1]);
    expect(pdfPages).toBeGreaterThanOrEqual(3);
    const pdfText = execFileSync("pdftotext", ["-layout", pdfFile, "-"], { encoding: "utf8" });
    const perPage = pdfText.split("\f").filter((t) => t.trim() !== "");
    expect(perPage).toHaveLength(pdfPages);
    // Cover first: reporting month, what each source runs to, what is missing.
    expect(perPage[0]).toContain("Briefing pack: Performance scrutiny, January");
    expect(perPage[0]).toContain("Reporting month Dec 2025");
    expect(perPage[0]).toContain("What each source runs to");
    expect(perPage[0]).toContain("What is missing");
    expect(pdfText).toContain("Changes since the previous pack");
    expect(pdfText).toContain(`Exceptions (${pack.items.length})`);
    // Every page numbered by the footer template; every exception with its data month and source.
    perPage.forEach((t, i) => expect(t).toContain(`Page ${i + 1} of ${pdfPages}`));
    const flat = pdfText.replace(/\s+/g, " ");
    for (const item of pack.items) expect(flat).toContain(`${item.area.name} · data month Dec 2025 · source: ${item.source}`);
    expect(pdfText).not.toContain("Download PDF");
  }, 300_000);

  it("prints the issued pack to a paginated PDF with its headings and page numbers", async () => {
    const meeting = await post<MeetingView>("/api/meetings", { date: "2026-01-15", title: "Joint performance and resources board", kind: "joint performance and resources", month: "2025-12" });
    const pack = await post<PackView>(`/api/meetings/${meeting.id}/pack`, {});
    const p = await session.open(`/meetings/${meeting.id}/pack`);
    await p.getByRole("heading", { name: /^Exceptions/ }).waitFor();
    await expect(p.getByTestId("pack-item").count()).resolves.toBe(pack.items.length);
    // Grade the first exception: shown in the pack.
    const item = p.getByTestId("pack-item").first();
    await item.getByLabel("Grade").selectOption("not assured");
    await item.getByLabel("Note").fill("No recovery plan yet");
    await item.getByRole("button", { name: "Save grade" }).click();
    await item.getByText("Assurance: not assured — No recovery plan yet").waitFor();
    await checkPage(p, "pack");

    await p.emulateMedia({ media: "print" });
    const file = join(OUT, "briefing-pack.pdf");
    writeFileSync(file, await p.pdf({ format: "A4", printBackground: true }));
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }))?.[1]);
    expect(pages).toBeGreaterThanOrEqual(3);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
    const pageTexts = text.split("\f");
    expect(pageTexts[0]).toContain("Briefing pack: Joint performance and resources board");
    expect(pageTexts[0]).toContain("Cover");
    expect(pageTexts[0]).toContain("What each source runs to");
    expect(text).toContain("Changes since the previous pack");
    expect(text).toContain(`Exceptions (${pack.items.length})`);
    expect(text).toMatch(/Page 1 of \d+/);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text.replace(/\s+/g, " ")).toContain("Assurance: not assured — No recovery plan yet");
    // Forms and navigation are not printed.
    expect(text).not.toContain("Save grade");
    expect(text).not.toContain("Print or save as PDF");
  }, 180_000);
});
