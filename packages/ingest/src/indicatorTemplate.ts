// exceljs is loaded when a workbook is read or written: it takes about a second to load, and most imports and every start-up need it not (issue 13).
import type { Kysely } from "kysely";
import { addMonths, isPeriodEnd, lagMonthsOf, monthOfDate, type Indicator, type Month } from "@scrutiny/domain";
import { listAreas, listIndicators, type Area, type Database } from "@scrutiny/db";
import { csvStringifier } from "./csv";
import { INDICATOR_FILE_COLUMNS } from "./indicatorFile";
import { notImportableIndicators } from "./indicatorImport";

/**
 * The downloadable template: one row per importable indicator due that month and per area (the
 * force, then its districts), values left blank. Rows with no figure filled in are skipped on import, so
 * the performance team fills in what it has and sends the file back as it is.
 */
export const TEMPLATE_HEADER = ["indicator", "indicator_name", "unit", "area", "area_name", "month", "value", "numerator", "denominator", "survey_n", "status", "note"] as const;

export interface TemplateData {
  month: Month;
  forceCode: string;
  indicators: Indicator[];
  areas: Area[];
  rows: string[][];
}

export async function indicatorTemplate(db: Kysely<Database>, options: { forceCode: string; month?: Month; now?: Date }): Promise<TemplateData> {
  const month = options.month ?? addMonths(monthOfDate(options.now ?? new Date()), -1);
  const notImportable = notImportableIndicators();
  const indicators = (await listIndicators(db)).filter((i) => !notImportable.has(i.id) && !i.isSample);
  const all = await listAreas(db);
  const force = all.find((a) => a.code === options.forceCode);
  const districts = all.filter((a) => a.parent_code === options.forceCode).sort((a, b) => a.name.localeCompare(b.name));
  const areas = force ? [force, ...districts] : districts;
  const rows: string[][] = [];
  for (const indicator of indicators.filter((i) => isPeriodEnd(i.cadence, month))) {
    for (const area of areas) rows.push([indicator.id, indicator.name, indicator.unit, area.code, area.name, month, "", "", "", "", "", ""]);
  }
  return { month, forceCode: options.forceCode, indicators, areas, rows };
}

export function templateCsv(template: TemplateData): string {
  return csvStringifier().stringify([[...TEMPLATE_HEADER], ...template.rows], { record_delimiter: "\n" });
}

export async function templateXlsx(template: TemplateData): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Scrutiny";
  const sheet = workbook.addWorksheet("Indicators", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = TEMPLATE_HEADER.map((h) => ({ header: h, key: h, width: h === "indicator_name" ? 40 : h === "note" ? 40 : h === "indicator" ? 30 : 14 }));
  // The month column is text, so that Excel keeps "2025-01" as typed instead of making it a date.
  sheet.getColumn("month").numFmt = "@";
  sheet.getRow(1).font = { bold: true };
  for (const row of template.rows) sheet.addRow(row.map((cell, i) => (i >= 6 ? null : cell)));
  const last = Math.max(2, template.rows.length + 1);
  const catalogueRange = `Catalogue!$A$2:$A$${template.indicators.length + 1}`;
  for (let r = 2; r <= last + 200; r++) {
    sheet.getCell(`A${r}`).dataValidation = { type: "list", allowBlank: true, formulae: [catalogueRange], showErrorMessage: true, errorTitle: "Unknown indicator", error: "Choose an indicator id from the Catalogue sheet" };
    sheet.getCell(`F${r}`).numFmt = "@";
    sheet.getCell(`K${r}`).dataValidation = { type: "list", allowBlank: true, formulae: ['"provisional,final"'] };
  }

  const catalogue = workbook.addWorksheet("Catalogue", { views: [{ state: "frozen", ySplit: 1 }] });
  catalogue.columns = [
    { header: "id", key: "id", width: 30 },
    { header: "name", key: "name", width: 40 },
    { header: "unit", key: "unit", width: 12 },
    { header: "direction", key: "direction", width: 10 },
    { header: "priority", key: "priority", width: 28 },
    { header: "source", key: "source", width: 24 },
    { header: "cadence", key: "cadence", width: 12 },
    { header: "expected_lag_months", key: "expected_lag_months", width: 10 },
    { header: "definition", key: "definition", width: 80 },
  ];
  catalogue.getRow(1).font = { bold: true };
  for (const i of template.indicators) catalogue.addRow({ ...i, expected_lag_months: lagMonthsOf(i) });

  const areas = workbook.addWorksheet("Areas", { views: [{ state: "frozen", ySplit: 1 }] });
  areas.columns = [
    { header: "code", key: "code", width: 12 },
    { header: "name", key: "name", width: 24 },
    { header: "kind", key: "kind", width: 10 },
  ];
  areas.getRow(1).font = { bold: true };
  for (const a of template.areas) areas.addRow({ code: a.code, name: a.name, kind: a.kind });

  const readMe = workbook.addWorksheet("Read me");
  readMe.getColumn(1).width = 110;
  const lines = [
    `Monthly indicator file for ${template.month} (one row per indicator, area and month).`,
    "Fill in the value (and numerator, denominator, survey_n where the indicator has them). Leave the figures of a row blank, or delete the row, if the figure is not available.",
    "indicator_name, unit and area_name are there to read; they are not imported.",
    "Months are text in the form YYYY-MM. Percentages are 0–100. Counts are whole numbers.",
    "Columns:",
    ...INDICATOR_FILE_COLUMNS.map((c) => `  ${c.key}${c.required ? " (required)" : ""}: ${c.description}`),
    "Full format: docs/indicator-file-format.md in the Scrutiny repository.",
  ];
  lines.forEach((line) => readMe.addRow([line]));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
