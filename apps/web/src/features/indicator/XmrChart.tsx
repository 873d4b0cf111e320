import { CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue, type Unit } from "@scrutiny/domain";
import type { XmrRow } from "./chartRows";
import { COLOURS, VARIATION_STYLE } from "./palette";

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: XmrRow;
}

/** A point coloured and shaped by its SPC state, so concern and improvement differ in greyscale too. */
function VariationDot({ cx, cy, payload }: DotProps) {
  if (cx === undefined || cy === undefined || !payload || payload.value === null) return <g />;
  const style = VARIATION_STYLE[payload.variation];
  const special = payload.variation !== "common";
  const r = special ? 5 : 3;
  const common = { fill: style.fill, stroke: special ? COLOURS.black : COLOURS.grey, strokeWidth: 1.2, "data-variation": payload.variation };
  if (style.shape === "diamond") return <path d={`M${cx},${cy - r - 1}L${cx + r + 1},${cy}L${cx},${cy + r + 1}L${cx - r - 1},${cy}Z`} {...common} />;
  if (style.shape === "square") return <rect x={cx - r} y={cy - r} width={2 * r} height={2 * r} {...common} />;
  return <circle cx={cx} cy={cy} r={r} {...common} />;
}

export function XmrChart({ rows, unit }: { rows: readonly XmrRow[]; unit: Unit }) {
  const format = (v: unknown) => formatValue(unit, typeof v === "number" ? v : null);
  return (
    <ResponsiveContainer width="100%" height={340}>
      <ComposedChart data={[...rows]} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e5e5e5" vertical={false} />
        <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={24} tick={{ fontSize: 12 }} />
        <YAxis tickFormatter={format} width={72} tick={{ fontSize: 12 }} domain={["auto", "auto"]} />
        <Tooltip formatter={format} />
        <Legend />
        <Line name="Upper process limit" dataKey="upperProcessLimit" stroke={COLOURS.grey} strokeDasharray="6 3" dot={false} isAnimationActive={false} />
        <Line name="Lower process limit" dataKey="lowerProcessLimit" stroke={COLOURS.grey} strokeDasharray="6 3" dot={false} isAnimationActive={false} legendType="none" />
        <Line name="2-sigma" dataKey="upperTwoSigma" stroke="#9aa5ab" strokeDasharray="2 3" dot={false} isAnimationActive={false} />
        <Line name="2-sigma (lower)" dataKey="lowerTwoSigma" stroke="#9aa5ab" strokeDasharray="2 3" dot={false} isAnimationActive={false} legendType="none" />
        <Line name="Mean" dataKey="mean" stroke={COLOURS.black} strokeWidth={1.5} dot={false} isAnimationActive={false} />
        <Line name="Value" dataKey="value" stroke={COLOURS.grey} strokeWidth={1.5} dot={<VariationDot />} activeDot={false} connectNulls={false} isAnimationActive={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
