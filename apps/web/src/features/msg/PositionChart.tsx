import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from "recharts";
import type { Month } from "@scrutiny/domain";
import { positionAxis, type PositionRow } from "./msgView";
import { CHART_INK, LINE_FILL } from "./palette";

interface Props {
  rows: readonly PositionRow[];
  /** Members in the group: the bottom of the axis. */
  of: number;
  title: string;
  /** "1 = lowest rate" */
  axisLabel: string;
  /** The months chosen: the axis spans them even where the first or last months are not held. */
  window?: { from: Month; to: Month } | null;
}

/**
 * The force's position month by month, 1st at the top; a month that could not be ranked, or is not
 * held, is a gap in the line, never a joined-up guess; a month held but not ranked is a grey cross
 * on the "unranked" row.
 */
export function PositionChart({ rows, of, title, axisLabel, window }: Props) {
  const { domain, ticks } = positionAxis(rows, window);
  const bottom = Math.max(of, 2);
  // Months held but not ranked are marked with a cross on an "unranked" row below the last place.
  const notRankedY = bottom + 0.8;
  const data = rows.map((r) => ({ ...r, notRanked: !r.isBreak && r.position === null ? notRankedY : null }));
  const positions = Array.from({ length: bottom }, (_, i) => i + 1);
  return (
    <ResponsiveContainer width="100%" height={320}>
      <LineChart data={data} margin={{ top: 12, right: 20, bottom: 8, left: 8 }} accessibilityLayer={false} title={title}>
        <CartesianGrid stroke="#ddd" />
        <XAxis
          type="number"
          dataKey="x"
          domain={domain}
          ticks={ticks}
          tickFormatter={(x: number) => String(Math.floor(x / 12))}
          tick={{ fontSize: 12, fill: CHART_INK }}
        />
        <YAxis
          reversed
          domain={[1, bottom + 1]}
          ticks={[...positions, notRankedY]}
          tickFormatter={(v: number) => (v === notRankedY ? "unranked" : String(v))}
          width={84}
          tick={{ fontSize: 12, fill: CHART_INK }}
          label={{ value: axisLabel, angle: -90, position: "insideLeft", offset: 0, style: { fontSize: 12, fill: CHART_INK, textAnchor: "middle" } }}
        />
        <Line
          dataKey="position"
          type="linear"
          stroke={LINE_FILL}
          strokeWidth={2.5}
          dot={{ r: 3.5, fill: LINE_FILL, stroke: LINE_FILL }}
          connectNulls={false}
          isAnimationActive={false}
        />
        <Line dataKey="notRanked" stroke="none" dot={<NotRankedMark />} activeDot={false} connectNulls={false} isAnimationActive={false} legendType="none" />
      </LineChart>
    </ResponsiveContainer>
  );
}

function NotRankedMark({ cx, cy }: { cx?: number; cy?: number }) {
  if (cx == null || cy == null || !Number.isFinite(cx) || !Number.isFinite(cy)) return <g />;
  return <path className="msg-not-ranked-mark" d={`M${cx - 3.5},${cy - 3.5}L${cx + 3.5},${cy + 3.5}M${cx - 3.5},${cy + 3.5}L${cx + 3.5},${cy - 3.5}`} stroke="#505a5f" strokeWidth={1.5} />;
}
