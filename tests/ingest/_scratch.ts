import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importFiles, ImportRejected } from "@scrutiny/ingest";
import { memoryDb, shared, tempDir } from "../support/db";

const show = async (label: string, p: Promise<unknown>) => { try { console.log(label, JSON.stringify(await p).slice(0, 600)); } catch (e) { console.log(label, "ERR", e instanceof ImportRejected ? e.problems : String(e).slice(0, 300)); } };
{
  const { db } = await memoryDb();
  await show("pop before areas", importFiles(db, "ons-population", [shared("ons/population/mye4_population_lad23_2011_2023_wide.csv")]));
  await show("ho before areas", importFiles(db, "home-office-recorded-crime", [shared("home_office/rec-crime-pfa.csv")]));
  await importFiles(db, "areas", [shared("ons/lookups/LAD23_CSP23_PFA23_lookup_EW.csv")]);
  await show("pop after areas", importFiles(db, "ons-population", [shared("ons/population/mye4_population_lad23_2011_2023_wide.csv")]));
  console.log(await db.selectFrom("populations").select(db.fn.countAll().as("n")).execute());
  const areas = await db.selectFrom("areas").selectAll().execute();
  console.log(areas.filter(a => a.kind === "force").length, areas.filter(a => a.kind === "district").length);
  const dir = tempDir();
  copyFileSync(shared("police_uk/essex_street/2025-02-essex-street.csv"), join(dir, "a.csv"));
  copyFileSync(shared("police_uk/essex_street/2025-02-essex-street.csv"), join(dir, "b.csv"));
  await show("same twice", importFiles(db, "police-uk-street", [dir]));
  // header only / empty for HO and counts
  const d2 = tempDir();
  writeFileSync(join(d2, "ho.csv"), "12 months ending,PFA,Region,Offence,Rolling year total number of offences\n");
  await show("ho header only", importFiles(db, "home-office-recorded-crime", [join(d2, "ho.csv")]));
  writeFileSync(join(d2, "c.csv"), "month,force_slug,falls_within,crime_type,last_outcome_category,count\n");
  await show("counts header only", importFiles(db, "police-uk-counts", [join(d2, "c.csv")]));
  writeFileSync(join(d2, "ho2.csv"), "12 months ending,PFA,Region,Offence,Rolling year total number of offences\n31-02-2018,Essex,East,Shoplifting,5\n");
  await show("ho 31-02", importFiles(db, "home-office-recorded-crime", [join(d2, "ho2.csv")]));
  const street = readFileSync(shared("police_uk/essex_street/2025-02-essex-street.csv"), "utf8").split("\n");
  writeFileSync(join(d2, "s.csv"), [street[0], street[1]!.replace("0.", " ")].join("\n"));
  await show("street blank-ish lon", importFiles(db, "police-uk-street", [join(d2, "s.csv")]));
}
