import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue, type Unit } from "@scrutiny/domain";
import type { SeasonalRow } from "./chartRows";
import { COLOURS } from "./palette";

// The latest year strongest; earlier years lighter and dashed, so the order reads without colour.
const STYLES = [
  { stroke: COLOURS.blue, width: 2.5, dash: undefined },
  { stroke: COLOURS.vermillion, width: 1.75, dash: "7 4" },
  { stroke: COLOURS.grey, width: 1.5, dash: "2 3" },
];

export function SeasonalChart({ rows, years, unit }: { rows: readonly SeasonalRow[]; years: readonly number[]; unit: Unit }) {
  const format = (v: unknown) => formatValue(unit, typeof v === "number" ? v : null);
  const newestFirst = [...years].reverse();
  return (
    <ResponsiveContainer width="100%" height={300}>
      <LineChart data={[...rows]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e5e5e5" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={format} width={72} tick={{ fontSize: 12 }} domain={["auto", "auto"]} />
        <Tooltip formatter={format} />
        <Legend />
        {newestFirst.map((year, i) => {
          const style = STYLES[Math.min(i, STYLES.length - 1)]!;
          return (
            <Line key={year} name={String(year)} dataKey={`y${year}`} stroke={style.stroke} strokeWidth={style.width} strokeDasharray={style.dash} dot={{ r: 2.5 }} connectNulls={false} isAnimationActive={false} />
          );
        })}
      </LineChart>
    </ResponsiveContainer>
  );
}
