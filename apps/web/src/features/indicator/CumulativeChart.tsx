import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue, type Unit } from "@scrutiny/domain";
import type { CumulativeRow } from "./chartRows";
import { COLOURS } from "./palette";

export function CumulativeChart({ rows, unit, currentLabel, previousLabel }: { rows: readonly CumulativeRow[]; unit: Unit; currentLabel: string; previousLabel: string }) {
  const format = (v: unknown) => formatValue(unit, typeof v === "number" ? v : null);
  return (
    <ResponsiveContainer width="100%" height={280}>
      <LineChart data={[...rows]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e5e5e5" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={format} width={72} tick={{ fontSize: 12 }} />
        <Tooltip formatter={format} />
        <Legend />
        <Line name={currentLabel} dataKey="current" stroke={COLOURS.blue} strokeWidth={2.5} dot={{ r: 2.5 }} connectNulls={false} isAnimationActive={false} />
        <Line name={previousLabel} dataKey="previous" stroke={COLOURS.vermillion} strokeWidth={1.75} strokeDasharray="7 4" dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
