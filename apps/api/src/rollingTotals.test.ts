import { describe, expect, it } from "vitest";
import { bumpDataVersion, listIndicators, upsertIndicators } from "@scrutiny/db";
import { importIndicatorCatalogue } from "@scrutiny/ingest";
import { apiOnDefaultDataset } from "../../../tests/support/api";
import type { MsgHistoryResponse } from "./services/msgHistory";

/**
 * Whether a figure is a rolling 12-month total is a catalogue column (migration 0008, issue 8),
 * so renaming an indicator does not change which population year its figures are divided by.
 */
const api = apiOnDefaultDataset();

async function rename(id: string, name: string) {
  const indicator = (await listIndicators(api.handle.db)).find((i) => i.id === id)!;
  await upsertIndicators(api.handle.db, [{ ...indicator, name }]);
  await bumpDataVersion(api.handle.db);
}

async function pointAt(indicator: string, month: string) {
  const { status, body } = await api.get<MsgHistoryResponse>(`/api/compare/msg/history?indicator=${indicator}`);
  expect(status).toBe(200);
  return { measure: body.measure, point: body.points.find((p) => p.month === month)! };
}

describe("the rolling 12-month column", () => {
  it("is backfilled and shipped for the Home Office series only", async () => {
    const indicators = await listIndicators(api.handle.db);
    const rolling = indicators.filter((i) => i.rolling12Months).map((i) => i.id);
    expect(rolling.length).toBe(23);
    expect(rolling.every((id) => id.startsWith("ho-"))).toBe(true);
    expect(indicators.find((i) => i.id === "police-uk-burglary")?.rolling12Months).toBe(false);
  });

  it("keeps a renamed indicator's population divisor: the 12 months to Mar 2018 stay divided by 2017's population", async () => {
    const before = await pointAt("ho-all-crime-excl-fraud", "2018-03");
    expect(before.measure).toBe("rolling 12 months");
    expect(before.point.period).toEqual({ from: "2017-04", to: "2018-03" });
    expect(before.point.population?.year).toBe(2017);
    await rename("ho-all-crime-excl-fraud", "Recorded crime excluding fraud");
    const after = await pointAt("ho-all-crime-excl-fraud", "2018-03");
    expect(after.measure).toBe("rolling 12 months");
    expect(after.point.period).toEqual(before.point.period);
    expect(after.point.population).toEqual(before.point.population);
    expect(after.point.rate).toBe(before.point.rate);
  });

  it("does not make a monthly count rolling because its new name says 'rolling 12 months'", async () => {
    const before = await pointAt("police-uk-burglary", "2018-03");
    await rename("police-uk-burglary", "Burglary (rolling 12 months)");
    const after = await pointAt("police-uk-burglary", "2018-03");
    expect(after.measure).toBe("month");
    expect(after.point.period).toEqual({ from: "2018-03", to: "2018-03" });
    expect(after.point.population).toEqual(before.point.population);
    expect(after.point.rate).toBe(before.point.rate);
  });

  it("is set by the catalogue import's rolling_12_months column (yes/no, empty or absent for no)", async () => {
    const header = "id,name,unit,direction,priority,source,cadence,expected_lag_months,definition,rolling_12_months";
    const file = [header, "asb-12m,ASB incidents in the last year,count,lower,Crime prevention,Essex Police,quarterly,1,Incidents in the 12 months to the month.,yes", "asb-month,ASB incidents,count,lower,Crime prevention,Essex Police,monthly,1,Incidents in the month.,"].join("\n");
    await importIndicatorCatalogue(api.handle.db, { fileName: "catalogue.csv", bytes: new TextEncoder().encode(file) });
    const held = new Map((await listIndicators(api.handle.db)).map((i) => [i.id, i.rolling12Months]));
    expect(held.get("asb-12m")).toBe(true);
    expect(held.get("asb-month")).toBe(false);
  });
});
