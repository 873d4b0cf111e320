import { useMemo, useState, type KeyboardEvent } from "react";
import { useNavigate } from "react-router";
import { geoMercator, geoPath } from "d3-geo";
import { feature } from "topojson-client";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { GeometryCollection, Topology } from "topojson-specification";
import type { DistrictComparison, DistrictRow } from "@scrutiny/api";
import { ChartFrame } from "../../components/ChartFrame";
import type { TableColumn } from "../../lib/tableData";
import { classOf, formatMeasure, periodText, mapClasses, mapSummary, measureLabel, type MapClass } from "./districtRows";

interface Props {
  comparison: DistrictComparison;
  topology: Topology;
  highlighted: string | null;
}

type District = Feature<Geometry, { code: string; name: string }>;

const WIDTH = 600;
const PAD = 8;

interface MapRow {
  row: DistrictRow;
  mapClass: MapClass | null;
}

/**
 * Choropleth of the force's districts (boundaries simplified by the data pipeline), Mercator fitted
 * to the force. Each district is a link: hover or keyboard focus shows its name and value, a click
 * or Enter opens the district's own indicator page.
 */
export function DistrictMap({ comparison, topology, highlighted }: Props) {
  const navigate = useNavigate();
  const [active, setActive] = useState<string | null>(null);
  const { measure, indicator } = comparison;
  const unit = measureLabel(measure);

  const shapes = useMemo(() => {
    const collection = feature(topology, topology.objects.districts as GeometryCollection) as unknown as FeatureCollection<Geometry, { code: string; name: string }>;
    // Fit the width (fitWidth anchors the top-left corner); the height follows the force's shape.
    const projection = geoMercator().fitWidth(WIDTH - 2 * PAD, collection);
    const [tx, ty] = projection.translate();
    projection.translate([tx + PAD, ty + PAD]);
    const path = geoPath(projection);
    const [, [, bottom]] = path.bounds(collection);
    const districts = collection.features.map((f: District) => ({ code: f.properties.code, name: f.properties.name, d: path(f) ?? "", centroid: path.centroid(f) }));
    return {
      height: Math.ceil(bottom + PAD),
      districts,
      labels: placeLabels(districts.map((d) => ({ code: d.code, name: d.name, x: d.centroid[0], y: d.centroid[1] }))),
    };
  }, [topology]);

  const rowsByCode = new Map(comparison.districts.map((r) => [r.code, r]));
  const classes = mapClasses(comparison.districts.map((r) => r.value));
  const mapRows: MapRow[] = [...comparison.districts].sort((a, b) => a.name.localeCompare(b.name)).map((row) => ({ row, mapClass: classOf(row.value, classes) }));
  const hasMissing = comparison.districts.some((r) => r.value === null);

  const describe = (code: string) => {
    const row = rowsByCode.get(code);
    if (!row || row.value === null) return { name: row?.name ?? code, value: "no figure", rank: null };
    return { name: row.name, value: `${formatMeasure(measure, row.value)}${measure === "percentage" ? "" : ` ${unit}`}`, rank: row.positionLabel };
  };
  const open = (code: string) => navigate(`/indicator/${indicator.id}?area=${code}`);
  const onKey = (code: string) => (event: KeyboardEvent) => {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      open(code);
    }
  };

  const columns: TableColumn<MapRow>[] = [
    { key: "district", label: "District", value: (r) => r.row.name },
    { key: "code", label: "ONS code", value: (r) => r.row.code },
    { key: "value", label: measure === "percentage" ? "Percentage" : "Rate per 1,000 population", value: (r) => r.row.value, display: (r) => formatMeasure(measure, r.row.value), numeric: true },
    {
      key: "class",
      label: "Map shade",
      value: (r) => (r.mapClass ? `${r.mapClass.index + 1} of ${classes.length}` : "no figure"),
      display: (r) => (r.mapClass ? `${r.mapClass.index + 1} of ${classes.length} (${formatMeasure(measure, r.mapClass.lower)} to ${formatMeasure(measure, r.mapClass.upper)})` : "no figure"),
    },
  ];

  const shown = active ? shapes.districts.find((d) => d.code === active) : undefined;
  const readout = active ? describe(active) : null;

  return (
    <ChartFrame title={`${indicator.name} by district: map`} period={periodText(comparison)} source={indicator.source} isSample={indicator.isSample} summary={mapSummary(comparison)} columns={columns} rows={mapRows} testId="district-map">
      <div className="district-map">
        <svg
          data-chart="district-map"
          viewBox={`0 0 ${WIDTH} ${shapes.height}`}
          role="group"
          aria-label={`Map of the districts of ${comparison.force.name}, shaded by ${indicator.name.toLowerCase()} ${measure === "percentage" ? "percentage" : "per 1,000 population"}. Each district opens its own page.`}
        >
          <defs>
            <pattern id="district-map-missing" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="#ffffff" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="#6b6b6b" strokeWidth="2" />
            </pattern>
          </defs>
          {shapes.districts.map((d) => {
            const row = rowsByCode.get(d.code);
            const mapClass = classOf(row?.value ?? null, classes);
            const info = describe(d.code);
            return (
              <path
                key={d.code}
                d={d.d}
                data-code={d.code}
                className={`district-shape${d.code === highlighted ? " is-highlighted" : ""}${d.code === active ? " is-active" : ""}`}
                fill={mapClass ? mapClass.colour : "url(#district-map-missing)"}
                stroke="#ffffff"
                strokeWidth={1}
                strokeLinejoin="round"
                tabIndex={0}
                role="link"
                aria-label={`${info.name}: ${info.value}${info.rank ? `, ranked ${info.rank}` : ""}`}
                onMouseEnter={() => setActive(d.code)}
                onMouseLeave={() => setActive((current) => (current === d.code ? null : current))}
                onFocus={() => setActive(d.code)}
                onBlur={() => setActive((current) => (current === d.code ? null : current))}
                onClick={() => open(d.code)}
                onKeyDown={onKey(d.code)}
              >
                <title>{`${info.name}: ${info.value}`}</title>
              </path>
            );
          })}
          {/* District names at each centroid (issue 12): hidden from assistive technology, which reads each shape's own label. */}
          <g className="map-labels" aria-hidden="true" pointerEvents="none" data-testid="map-labels">
            {shapes.districts.map((d) => (
              <text key={`label-${d.code}`} x={shapes.labels.get(d.code)?.x ?? d.centroid[0]} y={shapes.labels.get(d.code)?.y ?? d.centroid[1]} textAnchor="middle" dominantBaseline="middle" className="map-label" data-code={d.code}>
                <tspan className="map-label-full">{d.name}</tspan>
                <tspan className="map-label-short">{shortName(d.name)}</tspan>
              </text>
            ))}
          </g>
          {/* Outlines drawn last, above every neighbour: the chosen district, then the one under the pointer or focus. */}
          {shapes.districts
            .filter((d) => d.code === highlighted)
            .map((d) => (
              <path key={`highlight-${d.code}`} d={d.d} fill="none" stroke="#1b1b1b" strokeWidth={3} strokeLinejoin="round" pointerEvents="none" />
            ))}
          {shown && (
            <g pointerEvents="none" data-outline={shown.code}>
              <path d={shown.d} fill="none" stroke="#1b1b1b" strokeWidth={5} strokeLinejoin="round" />
              <path d={shown.d} fill="none" stroke="#ffbf47" strokeWidth={2.5} strokeLinejoin="round" />
            </g>
          )}
        </svg>
        {shown && readout && (
          <div
            className="map-tooltip"
            data-testid="map-tooltip"
            aria-hidden="true"
            style={{ left: `${Math.min(80, Math.max(20, (shown.centroid[0] / WIDTH) * 100))}%`, top: `${(shown.centroid[1] / shapes.height) * 100}%` }}
          >
            <strong>{readout.name}</strong>
            <span>{readout.value}</span>
            {readout.rank && <span className="map-tooltip-rank">{readout.rank}</span>}
          </div>
        )}
      </div>
      <ul className="map-legend" aria-label="Legend">
        {classes.map((c) => (
          <li key={c.index}>
            <span className="swatch" style={{ background: c.colour }} />
            {formatMeasure(measure, c.lower)} to {formatMeasure(measure, c.upper)}
          </li>
        ))}
        {hasMissing && (
          <li>
            <span className="swatch swatch-missing" />
            No figure
          </li>
        )}
        <li className="map-legend-unit">{measure === "percentage" ? "Percentage" : "Per 1,000 population"}; darker is higher</li>
      </ul>
    </ChartFrame>
  );
}

/** "Southend-on-Sea" → "Southend", "Castle Point" → "Castle P.": the label drawn on a phone-width map. */
export function shortName(name: string): string {
  if (name.includes("-")) return shortName(name.split("-")[0]!);
  const [first = name, second] = name.split(" ");
  const head = first.length > 10 ? `${first.slice(0, 9)}.` : first;
  return second ? `${head} ${second.charAt(0)}.` : head;
}

/**
 * Label positions at the districts' centroids, nudged down where two would overlap (Castle Point
 * and Southend-on-Sea share a coast). Sizes are estimated for the larger of the two label styles.
 */
export function placeLabels(labels: readonly { code: string; name: string; x: number; y: number }[]): Map<string, { x: number; y: number }> {
  const height = 18;
  const widthOf = (name: string) => Math.max(name.length * 11 * 0.56, shortName(name).length * 17 * 0.56);
  const placed: { x: number; y: number; w: number }[] = [];
  const result = new Map<string, { x: number; y: number }>();
  const ordered = [...labels].sort((a, b) => a.y - b.y);
  for (const label of ordered) {
    const w = widthOf(label.name);
    let y = label.y;
    for (let tries = 0; tries < 3 && placed.some((p) => Math.abs(p.x - label.x) < (p.w + w) / 2 && Math.abs(p.y - y) < height); tries++) y += height;
    placed.push({ x: label.x, y, w });
    result.set(label.code, { x: label.x, y });
  }
  return result;
}
