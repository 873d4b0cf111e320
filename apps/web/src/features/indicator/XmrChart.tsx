import { CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue, type Unit } from "@scrutiny/domain";
import type { XmrRow } from "./chartRows";
import { COLOURS, VARIATION_STYLE } from "./palette";
import { actionMarkers, annotationMarkers } from "./TrendChart";
import { VARIATION_ICON } from "../../components/VariationIcon";
import { ChartLegend, type LegendEntry } from "../../components/ChartLegend";

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: XmrRow;
}

/**
 * A point coloured and shaped by its SPC state (the Making Data Count icon colours), so concern
 * and improvement differ in greyscale too; special-cause points carry H or L as the icons do;
 * a provisional month (outcomes immature) is hollow with a dashed outline.
 */
function VariationDot({ cx, cy, payload }: DotProps) {
  if (cx === undefined || cy === undefined || !payload || payload.value === null) return <g />;
  const style = VARIATION_STYLE[payload.variation];
  const special = payload.variation !== "common";
  const r = special ? 5 : 3;
  const fill = payload.provisional ? "#fff" : special ? VARIATION_ICON[payload.variation].fill : style.fill;
  const common = {
    fill,
    stroke: special ? VARIATION_ICON[payload.variation].fill : COLOURS.grey,
    strokeWidth: payload.provisional ? 1.8 : 1.2,
    strokeDasharray: payload.provisional ? "2 1.5" : undefined,
    "data-variation": payload.variation,
    "data-provisional": payload.provisional ? "true" : undefined,
  };
  if (style.shape === "diamond") return <path d={`M${cx},${cy - r - 1}L${cx + r + 1},${cy}L${cx},${cy + r + 1}L${cx - r - 1},${cy}Z`} {...common} />;
  if (style.shape === "square") return <rect x={cx - r} y={cy - r} width={2 * r} height={2 * r} {...common} />;
  return <circle cx={cx} cy={cy} r={r} {...common} />;
}

/** Legend entries for every line and marker actually drawn. */
function legendFor(rows: readonly XmrRow[]): LegendEntry[] {
  const present = new Set(rows.filter((r) => r.value !== null).map((r) => r.variation));
  const entries: LegendEntry[] = [
    { id: "value", label: "Value", swatch: "line", color: COLOURS.grey },
    { id: "mean", label: "Mean (centre line)", swatch: "line", color: COLOURS.black },
    { id: "limits", label: "Process limits: mean ± 2.66 × mean moving range", swatch: "dashed", color: COLOURS.grey },
    { id: "sigma", label: "2-sigma lines (for the 2-of-3 rule)", swatch: "dotted", color: "#9aa5ab" },
  ];
  for (const variation of ["improvement", "concern", "neutral", "common"] as const) {
    if (!present.has(variation)) continue;
    const shape = VARIATION_STYLE[variation].shape;
    entries.push({ id: variation, label: VARIATION_ICON[variation].text, swatch: shape, color: variation === "common" ? "#ffffff" : VARIATION_ICON[variation].fill });
  }
  if (rows.some((r) => r.provisional)) entries.push({ id: "provisional", label: "Hollow dashed point: provisional, outcomes still immature", swatch: "hollow", color: COLOURS.grey });
  if (rows.some((r) => r.annotation)) entries.push({ id: "annotation", label: "Vertical line: series break (limits rebased) or note", swatch: "marker", color: "#4b3b8f" });
  if (rows.some((r) => r.actions)) entries.push({ id: "actions", label: "Green dash-dot line: an action on the log, at the month it answers to", swatch: "marker", color: COLOURS.green });
  return entries;
}

export function XmrChart({ rows, unit, actionReferences = () => [] }: { rows: readonly XmrRow[]; unit: Unit; actionReferences?: (month: string) => string[] }) {
  const format = (v: unknown) => formatValue(unit, typeof v === "number" ? v : null);
  return (
    <>
    <ResponsiveContainer width="100%" height={360}>
      <ComposedChart data={[...rows]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e5e5e5" vertical={false} />
        <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={24} tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={format} width={72} tick={{ fontSize: 12 }} domain={["auto", "auto"]} />
        <Tooltip formatter={format} />
        {annotationMarkers(rows)}
        {actionMarkers(rows, actionReferences)}
        <Line name="Upper process limit" dataKey="upperProcessLimit" stroke={COLOURS.grey} strokeDasharray="6 3" dot={false} isAnimationActive={false} />
        <Line name="Lower process limit" dataKey="lowerProcessLimit" stroke={COLOURS.grey} strokeDasharray="6 3" dot={false} isAnimationActive={false} legendType="none" />
        <Line name="2-sigma" dataKey="upperTwoSigma" stroke="#9aa5ab" strokeDasharray="2 3" dot={false} isAnimationActive={false} />
        <Line name="2-sigma (lower)" dataKey="lowerTwoSigma" stroke="#9aa5ab" strokeDasharray="2 3" dot={false} isAnimationActive={false} legendType="none" />
        <Line name="Mean" dataKey="mean" stroke={COLOURS.black} strokeWidth={1.5} dot={false} isAnimationActive={false} />
        <Line name="Value" dataKey="value" stroke={COLOURS.grey} strokeWidth={1.5} dot={<VariationDot />} activeDot={false} connectNulls={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
    <ChartLegend entries={legendFor(rows)} label="Legend: statistical process control chart" />
    </>
  );
}
