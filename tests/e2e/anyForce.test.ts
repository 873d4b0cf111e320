import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { sharedDataDir } from "@scrutiny/db";
import { axeViolations } from "./axe";
import { browserSession } from "./session";

/**
 * Any force's office (issue 8) in Chromium: the app started with SCRUTINY_FORCE set to Hampshire
 * over the default dataset (which holds Hampshire's 2025-06 police.uk street file) opens on
 * Hampshire, with the raw file's counts, and says Essex neither on the districts view nor on the
 * scorecard nor on the import page; the MSG view and the data status page say plainly that the shipped
 * sample series and group list cover Essex only, and the status page lists no Essex Police source.
 */
const HAMPSHIRE = "E23000030";
const session = browserSession({ env: { SCRUTINY_FORCE: HAMPSHIRE } });
const SCREENSHOTS = process.env.SCRUTINY_SCREENSHOTS;

/** All crime in the raw street file (every row but anti-social behaviour), by district name. */
function rawCounts(): { total: number; byDistrict: Map<string, number> } {
  const rows = parse(readFileSync(join(sharedDataDir, "police_uk/peers_street/2025-06-hampshire-street.csv")), { columns: true }) as Record<string, string>[];
  const byDistrict = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    if (r["Crime type"] === "Anti-social behaviour") continue;
    total += 1;
    const district = (r["LSOA name"] ?? "").replace(/ \w+$/, "");
    byDistrict.set(district, (byDistrict.get(district) ?? 0) + 1);
  }
  return { total, byDistrict };
}

describe("the dashboard for a force other than Essex", () => {
  it("opens the scorecard on Hampshire with the raw file's all-crime count for Jun 2025", async () => {
    const raw = rawCounts();
    expect(raw.total).toBe(11416);
    const page = await session.open("/?month=2025-06", 1440);
    const row = page.locator("section.priority tr[data-indicator=police-uk-all-crime]");
    await row.waitFor();
    expect(await page.locator("h1").textContent()).toMatch(/Hampshire/);
    expect(await page.locator("select").first().inputValue()).toBe(HAMPSHIRE);
    expect(await row.textContent()).toContain("11,416");
    // Nothing names Essex: the anti-social behaviour series break quoting Essex's figures belongs to
    // Essex since migration 0013, so Hampshire's ASB row carries no break.
    expect(await page.locator("body").innerText()).not.toMatch(/Essex/i);
    expect(await page.locator("section tr[data-indicator=police-uk-anti-social-behaviour]").innerText()).not.toMatch(/series break/i);
    expect(await axeViolations(page)).toEqual([]);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, "hampshire-scorecard.png"), fullPage: true });
  });

  it("shows Hampshire's districts with the raw file's counts", async () => {
    const raw = rawCounts();
    const page = await session.open("/districts?indicator=police-uk-all-crime&month=2025-06", 1440);
    const rows = page.locator("[data-testid=district-table] tbody tr");
    await rows.first().waitFor();
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({ name: tr.querySelector("th")?.textContent ?? "", count: tr.querySelector("[data-key=count]")?.getAttribute("data-value") ?? "" })),
    );
    expect(shown).toHaveLength(14);
    for (const d of shown) expect(Number(d.count), d.name).toBe(raw.byDistrict.get(d.name));
    expect(shown.find((d) => d.name === "Southampton")?.count).toBe("2432");
    expect(await page.locator("body").innerText()).toMatch(/Hampshire/);
    expect(await page.locator("body").innerText()).not.toMatch(/Essex/i);
    expect(await axeViolations(page)).toEqual([]);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, "hampshire-districts.png"), fullPage: true });
  });

  it("says on the MSG view that no group is recorded for Hampshire and the shipped list is Essex's only", async () => {
    const page = await session.open("/msg?indicator=police-uk-all-crime", 1440);
    const none = page.locator("[data-testid=msg-none]");
    await none.waitFor();
    expect(await none.textContent()).toMatch(/^No Most Similar Group is recorded for Hampshire\. The Most Similar Group list shipped with Scrutiny covers Essex only/);
    expect(await axeViolations(page)).toEqual([]);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, "hampshire-msg.png"), fullPage: true });
  });

  it("names Hampshire, not Essex, on the import page's template", async () => {
    const page = await session.open("/import", 1440);
    const template = page.locator("section[aria-labelledby=template-heading] p").first();
    await template.waitFor();
    expect(await template.innerText()).toMatch(/prefilled with the catalogue and the areas of Hampshire \(the force and its districts\) for last month/);
    expect(await page.locator("main").innerText()).not.toMatch(/Essex/i);
    expect(await axeViolations(page)).toEqual([]);
  });

  it("says on the data status page that the sample series (listed there with no data) exist only for Essex, and lists no Essex Police source", async () => {
    const page = await session.open("/status", 1440);
    await page.locator("[data-testid=status-summary]").waitFor();
    expect(await page.locator("h1").textContent()).toBe("Data status: Hampshire");
    expect(await page.locator("[data-testid=essex-only]").textContent()).toBe(
      "The shipped sample series and Most Similar Group exist only for Essex; Hampshire sees the public police.uk and Home Office figures until it imports its own.",
    );
    // Essex Police's own series are not Hampshire's to chase: no group for them (none is held here).
    const sources = await page.locator("section.status-source").evaluateAll((sections) => sections.map((s) => s.getAttribute("data-source")));
    expect(sources).toEqual(expect.arrayContaining(["data.police.uk", "Home Office"]));
    expect(sources).not.toContain("Essex Police");
    expect(await page.locator("nav.source-index").innerText()).not.toMatch(/Essex/);
    expect(await axeViolations(page)).toEqual([]);
  });
});
