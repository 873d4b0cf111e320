import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue, type Unit } from "@scrutiny/domain";
import type { TrendRow } from "./trendRows";
import { COLOURS } from "./palette";

// Okabe–Ito colours (colour-blind safe); the previous year is also dashed so it reads in greyscale.
const CURRENT = COLOURS.blue;
const PREVIOUS = COLOURS.vermillion;

export function TrendChart({ rows, unit, title }: { rows: readonly TrendRow[]; unit: Unit; title: string }) {
  return (
    <ResponsiveContainer width="100%" height={320}>
        <LineChart data={[...rows]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer title={title}>
          <CartesianGrid stroke="#ddd" vertical={false} />
          <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={24} tick={{ fontSize: 12 }} />
          <YAxis tickFormatter={(v: number) => formatValue(unit, v)} width={72} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(v) => formatValue(unit, typeof v === "number" ? v : null)} />
          <Legend />
          <Line name="This period" dataKey="value" stroke={CURRENT} strokeWidth={2.5} dot={{ r: 2.5 }} connectNulls={false} isAnimationActive={false} />
          <Line name="Same month, previous year" dataKey="previousYear" stroke={PREVIOUS} strokeWidth={1.5} strokeDasharray="6 4" dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
        </LineChart>
    </ResponsiveContainer>
  );
}
