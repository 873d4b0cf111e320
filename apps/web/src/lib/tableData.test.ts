import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { toCsv, type TableColumn } from "./tableData";

const columns: TableColumn<{ month: string; value: number | null }>[] = [
  { key: "month", label: "Month", value: (r) => r.month },
  { key: "value", label: "Incidents", value: (r) => r.value },
];
const rows = [
  { month: "2025-11", value: 812 },
  { month: "2025-12", value: null },
];

describe("toCsv", () => {
  it("writes the header and rows, and a sample series' first line says it is sample data", () => {
    expect(toCsv(columns, rows)).toBe("Month,Incidents\n2025-11,812\n2025-12,\n");
    const sample = toCsv(columns, rows, { title: "Domestic abuse incidents in Essex", period: "Jan 2023 to Dec 2025", source: "sample data" });
    expect(sample.split("\n")[0]).toBe("# Sample data: synthetic figures for trying Scrutiny, not published statistics. Domestic abuse incidents in Essex, Jan 2023 to Dec 2025, source: sample data");
    // A reader that skips comment lines gets the same table.
    expect(parse(sample, { columns: true, comment: "#" })).toEqual([
      { Month: "2025-11", Incidents: "812" },
      { Month: "2025-12", Incidents: "" },
    ]);
  });
});
