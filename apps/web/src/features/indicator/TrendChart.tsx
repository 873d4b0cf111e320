import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue, type Unit } from "@scrutiny/domain";
import type { TrendRow } from "./trendRows";
import { COLOURS } from "./palette";
import { ChartLegend, type LegendEntry } from "../../components/ChartLegend";

// Okabe–Ito colours (colour-blind safe); the previous year is also dashed so it reads in greyscale.
const CURRENT = COLOURS.blue;
const PREVIOUS = COLOURS.vermillion;

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: TrendRow;
}

/** A month's point: filled when settled, hollow when its outcomes are still immature (provisional). */
function TrendDot({ cx, cy, payload }: DotProps) {
  if (cx === undefined || cy === undefined || !payload || payload.value === null) return <g />;
  return payload.provisional ? (
    <circle className="recharts-line-dot" name="This period" cx={cx} cy={cy} r={4} fill="#fff" stroke={CURRENT} strokeWidth={2} strokeDasharray="2 1.5" data-provisional="true" />
  ) : (
    <circle className="recharts-line-dot" name="This period" cx={cx} cy={cy} r={2.5} fill={CURRENT} stroke={CURRENT} />
  );
}

/** Vertical markers at breaks (solid) and notes (dotted), labelled; their text is in the table and the sentence. */
export function annotationMarkers(rows: readonly { label: string; annotation: string | null }[]) {
  return rows
    .filter((r) => r.annotation)
    .map((r) => {
      const isBreak = r.annotation!.startsWith("Break");
      return (
        <ReferenceLine
          key={r.label}
          x={r.label}
          stroke={isBreak ? "#4b3b8f" : COLOURS.grey}
          strokeWidth={isBreak ? 2 : 1}
          strokeDasharray={isBreak ? undefined : "3 3"}
          label={{ value: isBreak ? "Break" : "Note", position: "insideTopRight", fontSize: 11, fill: isBreak ? "#4b3b8f" : COLOURS.grey }}
        />
      );
    });
}

/** Markers at the months actions on the log answer to (dash-dot, green, labelled with the reference). */
export function actionMarkers(rows: readonly { label: string; actions: string | null; month: string }[], references: (month: string) => string[]) {
  // The label sits on the side of the line with room: left of it in the chart's right half.
  return rows
    .map((r, i) => ({ r, rightHalf: i >= rows.length / 2 }))
    .filter(({ r }) => r.actions)
    .map(({ r, rightHalf }) => (
      <ReferenceLine
        key={`action-${r.label}`}
        x={r.label}
        stroke={COLOURS.green}
        strokeWidth={2}
        strokeDasharray="8 3 2 3"
        label={{ value: `Action ${references(r.month).join(", ")}`, position: rightHalf ? "insideBottomRight" : "insideBottomLeft", fontSize: 12, fill: "#00664a", fontWeight: 600 }}
      />
    ));
}

export function TrendChart({ rows, unit, title, actionReferences = () => [] }: { rows: readonly TrendRow[]; unit: Unit; title: string; actionReferences?: (month: string) => string[] }) {
  const legend: LegendEntry[] = [
    { id: "value", label: "This period", swatch: "line", color: CURRENT },
    { id: "previousYear", label: "Same month, previous year", swatch: "dashed", color: PREVIOUS },
    ...(rows.some((r) => r.provisional) ? [{ id: "provisional", label: "Hollow point: provisional, outcomes still immature", swatch: "hollow" as const, color: CURRENT }] : []),
    ...(rows.some((r) => r.annotation) ? [{ id: "annotation", label: "Vertical line: series break (solid) or note (dotted)", swatch: "marker" as const, color: "#4b3b8f" }] : []),
    ...(rows.some((r) => r.actions) ? [{ id: "actions", label: "Green dash-dot line: an action on the log, at the month it answers to", swatch: "marker" as const, color: COLOURS.green }] : []),
  ];
  return (
    <>
    <ResponsiveContainer width="100%" height={320}>
        <LineChart data={[...rows]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer title={title}>
          <CartesianGrid stroke="#ddd" vertical={false} />
          <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={24} tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={(v: number) => formatValue(unit, v)} width={72} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => formatValue(unit, typeof v === "number" ? v : null)} />
          {annotationMarkers(rows)}
          {actionMarkers(rows, actionReferences)}
          <Line name="This period" dataKey="value" stroke={CURRENT} strokeWidth={2.5} dot={<TrendDot />} connectNulls={false} isAnimationActive={false} />
          <Line name="Same month, previous year" dataKey="previousYear" stroke={PREVIOUS} strokeWidth={1.5} strokeDasharray="6 4" dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
        </LineChart>
    </ResponsiveContainer>
    <ChartLegend entries={legend} label="Legend: monthly trend" />
    </>
  );
}
