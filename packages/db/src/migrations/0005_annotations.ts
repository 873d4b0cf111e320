import type { Kysely } from "kysely";

/**
 * Annotations: dated notes and series breaks on an indicator (optionally one area), METHODS.md
 * "Reporting month and breaks". A break (counting-rule change, reclassification, new records
 * system) makes comparisons across it "not comparable" and rebases SPC there.
 *
 * The breaks the default dataset's own sources document are seeded here, each with its source,
 * so a fresh database (npm start) has them before the dataset is loaded. No foreign key to
 * indicators: the migration runs before the catalogue is loaded.
 * Never edit a migration once it has landed: add a new one.
 */
export const SEEDED_ANNOTATIONS: readonly {
  id: string;
  indicator_id: string;
  area_code: string | null;
  month: string;
  kind: "note" | "break";
  text: string;
  source: string;
  created_by: string | null;
}[] = [
  ...["ho-domestic-burglary", "ho-non-domestic-burglary", "ho-residential-burglary", "ho-non-residential-burglary"].map((indicator) => ({
    id: `seed-${indicator}-2017-04`,
    indicator_id: indicator,
    area_code: null,
    month: "2017-04",
    kind: "break" as const,
    text: "Burglary regrouped from domestic / non-domestic to residential / non-residential from April 2017: the old categories run down to zero and the new ones build up over the following 12-month totals. Not comparable across this change.",
    source: "Home Office Counting Rules for Recorded Crime, April 2017; home_office/rec-crime-pfa.csv (rolling 12-month totals by PFA)",
    created_by: null,
  })),
  {
    id: "seed-ho-fraud-offences-2013-04",
    indicator_id: "ho-fraud-offences",
    area_code: null,
    month: "2013-04",
    kind: "break",
    text: "Action Fraud took over the recording of fraud from police forces (completed by April 2013): force-recorded fraud runs down to zero (and below, by reclassifications) in the 12-month totals to Dec 2013. A discontinued series, not a fall in fraud.",
    source: "ONS, Crime in England and Wales: fraud recorded by Action Fraud from 2013/14; home_office/rec-crime-pfa.csv lists Action Fraud as its own body",
    created_by: null,
  },
  {
    id: "seed-police-uk-anti-social-behaviour-2024-01",
    indicator_id: "police-uk-anti-social-behaviour",
    area_code: null,
    month: "2024-01",
    kind: "break",
    text: "Anti-social behaviour recording changed between Feb 2019 and Jan 2024: about 3,400–3,800 incidents a month in Essex in 2018, about 950–1,400 in 2024–25. A recording change, not a fall in incidents.",
    source: "../shared/data/PROVENANCE.md §1 (data.police.uk street-level files for Essex, 2018–2025)",
    created_by: null,
  },
  {
    id: "seed-police-uk-all-crime-solved-rate-2024-01",
    indicator_id: "police-uk-all-crime-solved-rate",
    area_code: null,
    month: "2024-01",
    kind: "note",
    text: "police.uk outcome categories changed: court disposals (prison, fine, community sentence…) appear only in the 2018–19 files; 2024–25 files use 'Court result unavailable' and 'Awaiting court outcome'. Both count as solved (docs/decisions/004).",
    source: "../shared/data/PROVENANCE.md, 'Last outcome category values observed in the Essex street files'",
    created_by: null,
  },
];

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("annotations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("indicator_id", "text", (c) => c.notNull())
    .addColumn("area_code", "text")
    .addColumn("month", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("created_by", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("annotations_indicator").on("annotations").columns(["indicator_id", "month"]).execute();
  const createdAt = "2026-01-01T00:00:00.000Z";
  await db.insertInto("annotations").values(SEEDED_ANNOTATIONS.map((a) => ({ ...a, created_at: createdAt }))).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("annotations").execute();
}
