import type { Area } from "@scrutiny/db";

/** What an importer needs to know about areas, read from the database before parsing starts. */
export interface AreaContext {
  areasByCode: ReadonlyMap<string, Area>;
  districtsByName: ReadonlyMap<string, Area>;
  districtsOfForce(forceCode: string): Area[];
}

export function areaContext(areas: readonly Area[]): AreaContext {
  const areasByCode = new Map(areas.map((a) => [a.code, a]));
  const districtsByName = new Map(areas.filter((a) => a.kind === "district").map((a) => [normaliseAreaName(a.name), a]));
  const districtsByForce = new Map<string, Area[]>();
  for (const area of areas) {
    if (area.kind !== "district" || !area.parent_code) continue;
    const list = districtsByForce.get(area.parent_code) ?? [];
    list.push(area);
    districtsByForce.set(area.parent_code, list);
  }
  return {
    areasByCode,
    districtsByName,
    districtsOfForce: (forceCode) => districtsByForce.get(forceCode) ?? [],
  };
}

/** Area names differ in case and punctuation between publishers ("Southend-on-Sea", "Southend on Sea"). */
export function normaliseAreaName(name: string): string {
  return name.toLowerCase().replace(/&/g, "and").replace(/[^a-z0-9]+/g, " ").trim();
}

/** police.uk names an LSOA after its district: "Basildon 012A" lies in Basildon (one function for both street readers). */
export { districtNameOfLsoa } from "./lsoaName.mjs";
