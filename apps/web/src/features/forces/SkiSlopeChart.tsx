import { useState } from "react";
import { CartesianGrid, ComposedChart, ErrorBar, ReferenceLine, ResponsiveContainer, Scatter, XAxis, YAxis } from "recharts";
import { CHART_INK, FORCE_FILL, LINE_FILL } from "../msg/palette";
import { formatMeasure, type SkiRow } from "./forcesView";

/** Okabe–Ito: the force vermilion diamond, MSG members blue squares, other forces grey circles (shape tells them apart too). */
export const OTHER_FILL = "#8c8c8c";

interface Props {
  rows: readonly SkiRow[];
  average: number | null;
  /** Named in the key beside the chart; the line's own label says "Average: 13.4%" to fit 360 px. */
  averageLabel: string;
  measure: string;
  title: string;
  /** Drawn inside the picture so that an exported SVG or PNG says where the figures come from. */
  source: string;
}

/**
 * The ranked "ski-slope" of the Value for Money dashboards: every force with a figure, best first,
 * as a dot with its 95% interval; the force and its Most Similar Group highlighted by shape and
 * colour; the average as a dashed line.
 */
export function SkiSlopeChart({ rows, average, measure, title, source }: Props) {
  const [width, setWidth] = useState(0);
  const force = rows.find((r) => r.isForce);
  let top = 0;
  for (const r of rows) if (r.upper > top) top = r.upper;
  const height = 340;
  const sourceLines = width > 0 && source.length * 6 > width - 16 ? splitInTwo(source) : [source];
  return (
    <ResponsiveContainer width="100%" height={height} onResize={(w) => setWidth(w)}>
      <ComposedChart data={[...rows]} margin={{ top: 28, right: 16, bottom: 14 + 14 * sourceLines.length, left: 4 }} accessibilityLayer={false} title={title}>
        <CartesianGrid stroke="#ddd" vertical={false} />
        <XAxis
          type="number"
          dataKey="x"
          domain={[0, rows.length + 1]}
          ticks={rows.filter((r) => r.x === 1 || r.x === rows.length || r.x % 5 === 0).map((r) => r.x)}
          allowDecimals={false}
          tick={{ fontSize: 12, fill: CHART_INK }}
          label={{ value: "Rank (1 = best)", position: "insideBottom", offset: -4, fontSize: 12, fill: CHART_INK }}
          height={36}
        />
        <YAxis type="number" domain={[0, Math.ceil(top * 1.08)]} tick={{ fontSize: 12, fill: CHART_INK }} width={44} tickFormatter={(v: number) => (measure === "percentage" ? `${v}%` : String(v))} />
        {average !== null && Number.isFinite(average) && (
          <ReferenceLine
            y={average}
            stroke={CHART_INK}
            strokeDasharray="6 4"
            strokeWidth={1.5}
            label={{ value: `Average: ${formatMeasure(average, measure)}`, position: "insideBottomLeft", fontSize: 11, fill: CHART_INK }}
          />
        )}
        <Scatter dataKey="value" isAnimationActive={false} shape={(props: unknown) => <Mark {...(props as MarkProps)} />}>
          <ErrorBar dataKey="whisker" direction="y" width={0} stroke="#555" strokeWidth={1} isAnimationActive={false} />
        </Scatter>
        {force && (
          <ReferenceLine
            x={force.x}
            stroke="none"
            label={{ value: `${force.name}: ${ordinalWords(force.position)} of ${force.of}`, position: "top", fontSize: 12, fontWeight: 700, fill: CHART_INK }}
          />
        )}
        <text x={8} y={height - 6 - 14 * (sourceLines.length - 1)} fontSize={11} fill={CHART_INK} data-testid="ski-source">
          {sourceLines.map((line, i) => (
            <tspan key={i} x={8} dy={i === 0 ? 0 : 14}>
              {line}
            </tspan>
          ))}
        </text>
      </ComposedChart>
    </ResponsiveContainer>
  );
}

interface MarkProps {
  cx?: number;
  cy?: number;
  payload?: SkiRow;
}

function Mark({ cx = 0, cy = 0, payload }: MarkProps) {
  if (payload?.kind === "force") {
    return <path d={`M${cx},${cy - 8} L${cx + 8},${cy} L${cx},${cy + 8} L${cx - 8},${cy} Z`} fill={FORCE_FILL} stroke={CHART_INK} strokeWidth={1.5} data-kind="force" />;
  }
  if (payload?.kind === "msg") return <rect x={cx - 5} y={cy - 5} width={10} height={10} fill={LINE_FILL} stroke={CHART_INK} strokeWidth={0.75} data-kind="msg" />;
  return <circle cx={cx} cy={cy} r={4} fill={OTHER_FILL} data-kind="other" />;
}

function ordinalWords(n: number): string {
  const lastTwo = n % 100;
  const suffix = lastTwo >= 11 && lastTwo <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}

function splitInTwo(text: string): string[] {
  const middle = text.lastIndexOf(" ", Math.floor(text.length / 2) + 10);
  return middle > 0 ? [text.slice(0, middle), text.slice(middle + 1)] : [text];
}
