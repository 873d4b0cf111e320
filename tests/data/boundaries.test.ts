import { readFileSync } from "node:fs";
import { join } from "node:path";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultDatasetDir, listAreas, sharedDataDir, type Area, type ScrutinyDb } from "@scrutiny/db";
import { BOUNDARY_SOURCE, buildDistrictBoundaries, defaultBoundariesFile, loadDataset, readBoundarySource, serializeBoundaries, validInYear } from "@scrutiny/ingest";
import { memoryDb } from "../support/db";

/**
 * data/boundaries/districts.topo.json must be exactly what the pipeline's boundary step makes of
 * the ONS TopoJSON and the areas table today, and join to the areas table by code.
 */
const ESSEX = "E23000028";
let handle: ScrutinyDb;
let areas: Area[];
let committedText: string;
let committed: Topology;

beforeAll(async () => {
  handle = await memoryDb();
  await loadDataset(handle.db, defaultDatasetDir);
  areas = await listAreas(handle.db);
  committedText = readFileSync(defaultBoundariesFile, "utf8");
  committed = JSON.parse(committedText) as Topology;
});
afterAll(() => handle?.close());

describe("the committed district boundaries", () => {
  it("are what the boundary step produces from ../shared/data", async () => {
    const fresh = serializeBoundaries(buildDistrictBoundaries(await readBoundarySource(join(sharedDataDir, BOUNDARY_SOURCE)), areas));
    expect(fresh.length).toBe(committedText.length);
    expect(fresh === committedText).toBe(true);
  });

  it("are small: simplified and quantised, not a copy of the raw file", () => {
    expect(committedText.length).toBeLessThan(300_000);
    expect(committed.transform).toBeDefined();
  });

  it("hold Essex's 14 districts with the codes and names of the areas table", () => {
    const layer = committed.objects[ESSEX] as GeometryCollection<{ code: string; name: string }>;
    const districts = areas.filter((a) => a.parent_code === ESSEX).map((a) => ({ code: a.code, name: a.name }));
    expect(districts).toHaveLength(14);
    expect(layer.geometries.map((g) => g.properties as { code: string; name: string }).sort((a, b) => a.code.localeCompare(b.code))).toEqual(districts.sort((a, b) => a.code.localeCompare(b.code)));
    expect(layer.geometries.every((g) => g.type === "Polygon" || g.type === "MultiPolygon")).toBe(true);
  });

  it("have a layer for every force area with districts, each district once", () => {
    const forces = areas.filter((a) => a.kind === "force" && areas.some((d) => d.parent_code === a.code));
    expect(Object.keys(committed.objects).sort()).toEqual(forces.map((f) => f.code).sort());
    const codes = Object.values(committed.objects).flatMap((o) => (o as GeometryCollection<{ code: string }>).geometries.map((g) => (g.properties as { code: string }).code));
    expect(codes).toHaveLength(areas.filter((a) => a.kind === "district").length);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("put Castle Point (with Canvey Island) inside Essex's bounding box", () => {
    const essex = feature(committed, committed.objects[ESSEX] as GeometryCollection);
    const castlePoint = essex.features.find((f) => (f.properties as { code?: string } | null)?.code === "E07000069");
    expect(castlePoint?.geometry.type).toBe("MultiPolygon");
    const points = (castlePoint!.geometry as GeoJSON.MultiPolygon).coordinates.flat(2);
    for (const [lon, lat] of points) {
      expect(lon).toBeGreaterThan(0.4);
      expect(lon).toBeLessThan(0.7);
      expect(lat).toBeGreaterThan(51.5);
      expect(lat).toBeLessThan(51.6);
    }
  });
});

describe("validInYear", () => {
  it.each([
    [{}, 2023, true],
    [{ end: 2022 }, 2023, false],
    [{ end: 2023 }, 2023, true],
    [{ start: 2023 }, 2023, true],
    [{ start: 2024 }, 2023, false],
    [{ start: 2019, end: 2022 }, 2020, true],
  ])("%j in %i: %s", (properties, year, expected) => {
    expect(validInYear(properties, year)).toBe(expected);
  });
});
