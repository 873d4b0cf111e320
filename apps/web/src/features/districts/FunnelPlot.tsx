import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue } from "@scrutiny/domain";
import type { DistrictComparison } from "@scrutiny/api";
import { ChartFrame } from "../../components/ChartFrame";
import type { TableColumn } from "../../lib/tableData";
import { formatMeasure, periodText, funnelLimitLines, funnelPoints, type FunnelPoint } from "./districtRows";

// Okabe–Ito colours; each group also has its own marker shape, and the limits differ by dash, so
// the plot reads in greyscale and for colour-blind readers.
const GROUPS = [
  { group: "within", name: "Within 95% limits", colour: "#0072B2", shape: "circle" },
  { group: "outside 95%", name: "Outside 95% limits", colour: "#E69F00", shape: "triangle" },
  { group: "outside 99.8%", name: "Outside 99.8% limits", colour: "#D55E00", shape: "square" },
] as const;
const LIMIT_95 = "#505a5f";
const LIMIT_998 = "#1b1b1b";
const FORCE = "#009E73";

const compact = new Intl.NumberFormat("en-GB", { notation: "compact", maximumFractionDigits: 1 });
const compactCount = (v: number) => compact.format(v);

interface Props {
  comparison: DistrictComparison;
  highlighted: string | null;
}

/** Funnel plot: each district's figure against its size, with 95% and 99.8% limits around the force figure. */
export function FunnelPlot({ comparison, highlighted }: Props) {
  const { measure, indicator, funnel } = comparison;
  const isRate = measure !== "percentage";
  const points = funnelPoints(comparison.districts);
  const limits = funnelLimitLines(funnel);
  const xLabel = isRate ? "Population" : "Cases (denominator)";
  const yLabel = isRate ? "Per 1,000" : "Percentage";
  const format = (v: number) => formatMeasure(measure, v);

  const columns: TableColumn<FunnelPoint>[] = [
    { key: "district", label: "District", value: (p) => p.name },
    { key: "x", label: xLabel, value: (p) => p.x, display: (p) => formatValue("count", p.x), numeric: true },
    { key: "y", label: isRate ? "Rate per 1,000 population" : "Percentage", value: (p) => p.y, display: (p) => format(p.y), numeric: true },
    { key: "band", label: "Funnel band (unadjusted)", value: (p) => p.band },
  ];
  const adjusted = funnel.adjustedCurve !== null;

  return (
    <ChartFrame
      title={`${indicator.name} by district: funnel plot`}
      period={periodText(comparison)}
      source={indicator.source}
      isSample={indicator.isSample}
      summary={comparison.sentence}
      columns={columns}
      rows={points}
      testId="district-funnel"
      notes={
        <p className="table-notes">
          Limits at 95% and 99.8% around the {comparison.force.name} figure ({format(funnel.target)}
          {isRate ? " per 1,000" : ""}), {funnel.kind === "poisson" ? "exact Poisson" : "exact binomial"} (Spiegelhalter 2005).
          {adjusted && funnel.overdispersion
            ? ` The districts are over-dispersed (φ = ${funnel.overdispersion.phi.toFixed(1)}): the solid green-grey 99.8% lines are adjusted by additive random effects (Spiegelhalter 2005, as the NHS SHMI); ${funnel.outside.unadjusted} districts lie outside the unadjusted 99.8% limits, ${funnel.outside.adjusted} outside the adjusted ones.${funnel.overdispersion.rough ? " Fewer than 10 districts: the adjustment is rough." : ""}`
            : " The districts do not differ more than chance allows: no adjustment for over-dispersion is needed."}
        </p>
      }
    >
      <div className="funnel-plot">
        <ResponsiveContainer width="100%" height={360}>
          <ComposedChart margin={{ top: 8, right: 16, bottom: 24, left: 8 }} accessibilityLayer={false}>
            <CartesianGrid stroke="#ddd" />
            <XAxis
              type="number"
              dataKey="x"
              domain={["auto", "auto"]}
              tickFormatter={compactCount}
              tick={{ fontSize: 12 }}
              label={{ value: xLabel, position: "insideBottom", offset: -16, fontSize: 12 }}
              allowDuplicatedCategory={false}
            />
            <YAxis type="number" tickFormatter={(v: number) => String(Number(v.toPrecision(3)))} width={64} tick={{ fontSize: 12 }} domain={["auto", "auto"]} label={{ value: yLabel, angle: -90, position: "insideLeft", fontSize: 12 }} />
            <Tooltip
              cursor={false}
              content={({ active, payload }) => {
                const p = active ? (payload?.[0]?.payload as FunnelPoint | undefined) : undefined;
                if (!p || !("name" in p)) return null;
                return (
                  <div className="funnel-tooltip">
                    <strong>{p.name}</strong>
                    <br />
                    {format(p.y)}
                    {isRate ? " per 1,000" : ""}, {xLabel.toLowerCase()} {formatValue("count", p.x)}
                    <br />
                    {p.band}
                  </div>
                );
              }}
            />
            <Legend verticalAlign="top" height={48} wrapperStyle={{ fontSize: 12 }} />
            <Line data={limits} dataKey="upper998" name={adjusted ? "99.8% limits (unadjusted)" : "99.8% limits"} stroke={LIMIT_998} strokeWidth={1.5} strokeDasharray="6 3" dot={false} isAnimationActive={false} legendType="plainline" />
            <Line data={limits} dataKey="lower998" name="99.8% lower" stroke={LIMIT_998} strokeWidth={1.5} strokeDasharray="6 3" dot={false} isAnimationActive={false} legendType="none" />
            {adjusted && <Line data={limits} dataKey="adjustedUpper998" name="99.8% limits adjusted for over-dispersion" stroke="#3d6b5a" strokeWidth={2.5} dot={false} isAnimationActive={false} legendType="plainline" />}
            {adjusted && <Line data={limits} dataKey="adjustedLower998" name="adjusted lower" stroke="#3d6b5a" strokeWidth={2.5} dot={false} isAnimationActive={false} legendType="none" />}
            <Line data={limits} dataKey="upper95" name="95% limits" stroke={LIMIT_95} strokeWidth={1.2} strokeDasharray="2 3" dot={false} isAnimationActive={false} legendType="plainline" />
            <Line data={limits} dataKey="lower95" name="95% lower" stroke={LIMIT_95} strokeWidth={1.2} strokeDasharray="2 3" dot={false} isAnimationActive={false} legendType="none" />
            <Line data={limits.length ? [{ x: limits[0]!.x, force: funnel.target }, { x: limits[limits.length - 1]!.x, force: funnel.target }] : []} dataKey="force" name={`${comparison.force.name} figure`} stroke={FORCE} strokeWidth={2} dot={false} isAnimationActive={false} legendType="line" />
            {GROUPS.map((g) => (
              <Scatter
                key={g.group}
                name={g.name}
                data={points.filter((p) => p.group === g.group)}
                dataKey="y"
                fill={g.colour}
                stroke="#1b1b1b"
                shape={g.shape}
                legendType={g.shape}
                isAnimationActive={false}
              />
            ))}
            {highlighted &&
              points
                .filter((p) => p.code === highlighted)
                .map((p) => <ReferenceLine key={p.code} x={p.x} stroke="#1b1b1b" strokeDasharray="1 3" label={{ value: p.name, position: "top", fontSize: 12 }} />)}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </ChartFrame>
  );
}
