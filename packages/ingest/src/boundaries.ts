import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { repoRoot } from "@scrutiny/db";
import type * as TopojsonClient from "topojson-client";
import type * as TopojsonServer from "topojson-server";
import type * as TopojsonSimplify from "topojson-simplify";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { GeometryCollection, GeometryObject, Objects, Topology } from "topojson-specification";

/**
 * District boundaries for the choropleth map: the ONS UK TopoJSON's lower-tier local authorities
 * valid in BOUNDARY_YEAR, grouped by the force area each district belongs to (the areas table,
 * from the ONS LAD→CSP→PFA lookup), simplified and quantised into one small TopoJSON with one layer
 * per force (keyed by its ONS code). Each district keeps `code` and `name` as the areas table has
 * them, so a map region joins to an API row by code alone. Framework-free; the API only serves it.
 */
export const BOUNDARY_YEAR = 2023;
/** Where the pipeline writes the district boundaries and the API reads them. */
export const defaultBoundariesFile = join(repoRoot, "data", "boundaries", "districts.topo.json");
/** The raw file in ../shared/data, read, never copied. */
export const BOUNDARY_SOURCE = "boundaries/ons_uk_topojson_2014_2025.json";
/**
 * Visvalingam effective area (degrees², planar) below which a vertex is dropped: 1e-5 deg² is
 * about 0.08 km² (a 280 m square) at English latitudes, under a pixel on a force map, so the
 * districts (and Canvey and Mersea islands) stay recognisable while the file stays near 220 KB.
 */
export const SIMPLIFY_MIN_WEIGHT = 1e-5;
/** Quantisation grid per topology: 10⁴ steps across England and Wales ≈ 60 m, finer than a pixel. */
export const QUANTIZATION = 1e4;

/** topojson-*, loaded when boundaries are built (npm run data:build), not when the API starts: it only serves the file (issue 13). */
function topojson() {
  const require = createRequire(import.meta.url);
  const { feature, quantize } = require("topojson-client") as typeof TopojsonClient;
  const { topology } = require("topojson-server") as typeof TopojsonServer;
  const { presimplify, simplify } = require("topojson-simplify") as typeof TopojsonSimplify;
  return { feature, quantize, topology, presimplify, simplify };
}

export interface DistrictProperties {
  code: string;
  name: string;
}

/** What the step needs of the areas table. */
export interface BoundaryArea {
  code: string;
  name: string;
  kind: "force" | "district";
  parent_code: string | null;
}

interface OnsProperties {
  areacd: string;
  areanm: string;
  /** First year the geometry is valid (absent: valid from 2014). */
  start?: number;
  /** Last year the geometry is valid (absent: still valid). */
  end?: number;
}

export class BoundaryError extends Error {}

export function validInYear(properties: Pick<OnsProperties, "start" | "end">, year: number): boolean {
  return (properties.start == null || properties.start <= year) && (properties.end == null || properties.end >= year);
}

/**
 * Builds the simplified district TopoJSON from the ONS topology and the areas table. Every district
 * of every force must have a boundary: a missing one is an error, not a hole in the map.
 */
export function buildDistrictBoundaries(source: Topology, areas: readonly BoundaryArea[], options: { year?: number; minWeight?: number } = {}): Topology {
  const { year = BOUNDARY_YEAR, minWeight = SIMPLIFY_MIN_WEIGHT } = options;
  const { feature, presimplify, quantize, simplify, topology } = topojson();
  const ltla = source.objects.ltla as GeometryCollection<OnsProperties> | undefined;
  if (!ltla || ltla.type !== "GeometryCollection") throw new BoundaryError("The boundary file has no `ltla` layer");
  const byCode = new Map<string, GeometryObject<OnsProperties>>();
  for (const geometry of ltla.geometries) {
    const properties = geometry.properties as OnsProperties | undefined;
    if (!properties || !validInYear(properties, year)) continue;
    if (byCode.has(properties.areacd)) throw new BoundaryError(`Two ${year} boundaries for ${properties.areacd}`);
    byCode.set(properties.areacd, geometry);
  }
  const forces = areas.filter((a) => a.kind === "force").sort((a, b) => a.code.localeCompare(b.code));
  const objects: Record<string, FeatureCollection<Geometry, DistrictProperties>> = {};
  for (const force of forces) {
    const districts = areas.filter((a) => a.kind === "district" && a.parent_code === force.code).sort((a, b) => a.code.localeCompare(b.code));
    if (districts.length === 0) continue;
    objects[force.code] = {
      type: "FeatureCollection",
      features: districts.map((district): Feature<Geometry, DistrictProperties> => {
        const geometry = byCode.get(district.code);
        if (!geometry) throw new BoundaryError(`No ${year} boundary for district ${district.code} (${district.name})`);
        const shape = feature(source, geometry) as Feature<Geometry>;
        return { type: "Feature", properties: { code: district.code, name: district.name }, geometry: shape.geometry };
      }),
    };
  }
  // Rebuilt as one topology so that borders shared between districts (and forces) are stored once
  // and simplify identically on both sides: no slivers or gaps between neighbours.
  type AnyTopology = Topology<Objects<Record<string, unknown>>>;
  const joined = topology(objects as never) as unknown as AnyTopology;
  const simplified = simplify(presimplify(joined), minWeight);
  const quantized = quantize(simplified, QUANTIZATION) as Topology;
  delete (quantized as { bbox?: unknown }).bbox;
  return quantized;
}

/** The TopoJSON as written to disk: compact, one trailing newline. */
export function serializeBoundaries(boundaries: Topology): string {
  return `${JSON.stringify(boundaries)}\n`;
}

export async function readBoundarySource(file: string): Promise<Topology> {
  return JSON.parse(await readFile(file, "utf8")) as Topology;
}

/** Reads the ONS file, builds the district boundaries and writes them; returns the file size. */
export async function writeDistrictBoundaries(sourceFile: string, areas: readonly BoundaryArea[], outFile: string): Promise<{ bytes: number; forces: number; districts: number }> {
  const boundaries = buildDistrictBoundaries(await readBoundarySource(sourceFile), areas);
  const text = serializeBoundaries(boundaries);
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, text);
  const layers = Object.values(boundaries.objects) as GeometryCollection[];
  return { bytes: Buffer.byteLength(text), forces: layers.length, districts: layers.reduce((n, l) => n + l.geometries.length, 0) };
}
