import { maxOf } from "@scrutiny/domain";
import { useState } from "react";
import { Bar, BarChart, CartesianGrid, Cell, ErrorBar, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { formatRate, type MsgBarRow } from "./msgView";
import { niceCeiling } from "./niceCeiling";
import { CHART_INK, FORCE_FILL, FORCE_HATCH_ID, PEER_FILL } from "./palette";

interface Props {
  rows: readonly MsgBarRow[];
  average: number;
  averageLabel: string;
  title: string;
}

/**
 * Each member's rate per 1,000 with its 95% interval as whiskers, best first; the force is
 * vermilion, hatched and outlined (so it stands out in greyscale and print, not by colour alone);
 * the MSG average is a dashed line labelled with how it was averaged.
 */
export function MsgBarChart({ rows, average, averageLabel, title }: Props) {
  const [width, setWidth] = useState(0);
  const top = Math.max(average, ...rows.map((r) => r.upper95));
  const domainMax = niceCeiling(top * 1.05);
  const label = averageLabelLayout(`${averageLabel}: ${formatRate(average)}`, [averageLabel, formatRate(average)], width, average > domainMax / 2 ? "end" : "start");
  return (
    <ResponsiveContainer width="100%" height={rows.length * 38 + 40 + 16 * label.lines.length} onResize={(w) => setWidth(w)}>
      <BarChart data={[...rows]} layout="vertical" margin={{ top: 14 + 16 * label.lines.length, right: 24, bottom: 8, left: 4 }} accessibilityLayer={false} title={title}>
        <defs>
          <pattern id={FORCE_HATCH_ID} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill={FORCE_FILL} />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" strokeWidth="2.5" />
          </pattern>
        </defs>
        <CartesianGrid stroke="#ddd" horizontal={false} />
        <XAxis type="number" domain={[0, domainMax]} tickFormatter={(v: number) => v.toLocaleString("en-GB", { maximumFractionDigits: 2 })} tick={{ fontSize: 12, fill: CHART_INK }} />
        <YAxis type="category" dataKey="name" width={128} interval={0} tick={<MemberTick rows={rows} />} />
        <Bar dataKey="rate" isAnimationActive={false} barSize={22}>
          {rows.map((r) => (
            <Cell key={r.code} fill={r.isForce ? `url(#${FORCE_HATCH_ID})` : PEER_FILL} stroke={r.isForce ? CHART_INK : "none"} strokeWidth={r.isForce ? 2 : 0} />
          ))}
          <ErrorBar dataKey="whisker" direction="x" width={8} stroke={CHART_INK} strokeWidth={1.5} isAnimationActive={false} />
        </Bar>
        <ReferenceLine
          x={average}
          stroke={CHART_INK}
          strokeWidth={2}
          strokeDasharray="6 4"
          label={({ viewBox }: { viewBox?: { x?: number; y?: number } }) => {
            const x = label.place(viewBox?.x ?? 0);
            const y = (viewBox?.y ?? 0) - 8 - 16 * (label.lines.length - 1);
            return (
              <text x={x} y={y} textAnchor={label.anchor} fontSize={12} fill={CHART_INK} data-testid="msg-average-label">
                {label.lines.map((line, i) => (
                  <tspan key={i} x={x} dy={i === 0 ? 0 : 16}>
                    {line}
                  </tspan>
                ))}
              </text>
            );
          }}
        />
      </BarChart>
    </ResponsiveContainer>
  );
}

/** Average width of a 12 px system-font character, to keep the label inside the chart. */
const CHAR_WIDTH = 6.6;

/**
 * Where the average's label goes: on one line beside the line when it fits the chart, otherwise
 * on two lines; pulled back inside the chart's edges rather than cut off.
 */
export function averageLabelLayout(oneLine: string, twoLines: [string, string], chartWidth: number, anchor: "start" | "end") {
  const fits = (text: string) => text.length * CHAR_WIDTH + 8 <= chartWidth;
  const lines = chartWidth === 0 || fits(oneLine) ? [oneLine] : twoLines;
  const textWidth = maxOf(lines.map((l) => l.length * CHAR_WIDTH)) ?? 0;
  const place = (x: number) => (chartWidth === 0 ? x : anchor === "end" ? Math.max(x, textWidth + 4) : Math.min(x, chartWidth - textWidth - 4));
  return { lines, anchor, place };
}

function MemberTick({ x, y, payload, rows }: { x?: number; y?: number; payload?: { value: string }; rows: readonly MsgBarRow[] }) {
  const row = rows.find((r) => r.name === payload?.value);
  return (
    <text x={x} y={y} dy={4} textAnchor="end" fontSize={12} fill={CHART_INK} fontWeight={row?.isForce ? 700 : 400}>
      {row?.isForce ? `▶ ${payload?.value}` : payload?.value}
    </text>
  );
}
