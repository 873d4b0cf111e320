import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { addMonths, formatMonth, formatRate, monthIndex, type Direction, type Month } from "@scrutiny/domain";
import { ChartFrame } from "../../components/ChartFrame";
import { ChartLegend } from "../../components/ChartLegend";
import { ErrorMessage, Loading } from "../../components/QueryState";
import type { TableColumn } from "../../lib/tableData";
import { districtSeriesQuery } from "../districts/queries";
import { districtRankRows, districtRankSummary, type DistrictRankRow } from "./districtRank";
import { COLOURS } from "./palette";

/** The districts series API serves at most 120 months. */
const MAX_DISTRICT_MONTHS = 120;

interface Props {
  indicator: { id: string; name: string; unit: string; direction: Direction; source: string; isSample: boolean };
  district: { code: string; name: string; parentCode: string };
  forceName: string;
  from: Month;
  to: Month;
}

/**
 * The district's own page (issue 12): its rate per 1,000 beside the count trend, its rank among
 * the force's districts month by month, and the way to the districts comparison.
 */
export function DistrictPanel({ indicator, district, forceName, from, to }: Props) {
  const comparable = indicator.unit === "count" || indicator.unit === "percentage";
  const start = monthIndex(to) - monthIndex(from) >= MAX_DISTRICT_MONTHS ? addMonths(to, -(MAX_DISTRICT_MONTHS - 1)) : from;
  const series = useQuery({ ...districtSeriesQuery({ indicator: indicator.id, force: district.parentCode, from: start, to }), enabled: comparable });
  if (!comparable) return null;
  const link = (
    <p className="district-compare-link">
      <Link to={`/districts?indicator=${indicator.id}&month=${to}&force=${district.parentCode}&area=${district.code}`} data-testid="district-compare-link">
        Compare {district.name} with every {forceName} district ({formatMonth(to)})
      </Link>
    </p>
  );
  if (series.isPending) return <Loading what="the district's rate and rank" />;
  if (series.isError) return <ErrorMessage error={series.error} />;
  const data = series.data;
  const rows = districtRankRows(district.code, data.districts, indicator.direction);
  const isRate = data.measure === "per 1,000 population";
  const measure = isRate ? "per 1,000 population" : "%";
  const span = `${formatMonth(data.from)} to ${formatMonth(data.to)}`;
  const caption = { source: indicator.source, isSample: indicator.isSample };
  const maxOf = rows.reduce((m, r) => Math.max(m, r.of), 1);
  const shown = (v: number | null) => (v === null ? "missing" : isRate ? formatRate(v) : `${formatRate(v)}%`);
  const columns: TableColumn<DistrictRankRow>[] = [
    { key: "month", label: "Month", value: (r) => r.month, display: (r) => r.label },
    { key: "value", label: isRate ? "Count" : indicator.name, value: (r) => r.value, display: (r) => (r.value === null ? "missing" : r.value.toLocaleString("en-GB")), numeric: true },
    ...(isRate ? [{ key: "rate", label: "Per 1,000 population", value: (r: DistrictRankRow) => r.rate, display: (r: DistrictRankRow) => shown(r.rate), numeric: true }] : []),
    { key: "rank", label: `Rank among ${forceName} districts`, value: (r) => r.rank, display: (r) => (r.rank === null ? "no figure" : `${r.rank} of ${r.of}`), numeric: true },
  ];
  const latestRate = [...rows].reverse().find((r) => r.rate !== null);
  const rateSummary = latestRate
    ? `${indicator.name} in ${district.name}: ${shown(latestRate.rate)}${isRate ? " per 1,000 population" : ""} in ${latestRate.label} (${latestRate.value?.toLocaleString("en-GB")} ${isRate ? "recorded" : ""}); the rate divides by each year's population, so it can be set beside other districts.`.replace(" )", ")")
    : `${indicator.name} in ${district.name}: no figure is held in the months shown.`;
  return (
    <section aria-labelledby="district-own-heading" className="district-own" data-testid="district-own">
      <h2 id="district-own-heading">
        {district.name} among the {forceName} districts
      </h2>
      {link}
      {isRate && (
        <ChartFrame title={`${indicator.name} in ${district.name}: rate per 1,000 population`} {...caption} period={span} summary={rateSummary} columns={columns} rows={[...rows].reverse()} testId="district-rate">
          <ResponsiveContainer width="100%" height={240}>
            <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer title={`${indicator.name} per 1,000 population in ${district.name}`}>
              <CartesianGrid stroke="#ddd" vertical={false} />
              <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={24} tick={{ fontSize: 12 }} />
              <YAxis tickFormatter={(v: number) => formatRate(v)} width={56} tick={{ fontSize: 12 }} />
              <Tooltip formatter={(v) => (typeof v === "number" ? formatRate(v) : "missing")} />
              <Line name="Per 1,000 population" dataKey="rate" stroke={COLOURS.blue} strokeWidth={2.5} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
          <ChartLegend entries={[{ id: "rate", label: "Per 1,000 population", swatch: "line", color: COLOURS.blue }]} label="Legend: rate per 1,000" />
        </ChartFrame>
      )}
      <ChartFrame
        title={`${indicator.name} in ${district.name}: rank among the ${forceName} districts`}
        {...caption}
        period={span}
        summary={districtRankSummary(rows, { districtName: district.name, forceName, direction: indicator.direction, measure: isRate ? "per 1,000" : "%" })}
        columns={columns}
        rows={[...rows].reverse()}
        testId="district-rank"
        notes={<p className="note">Ranked on the {isRate ? "rate per 1,000 population" : "percentage"} ({measure}), 1st = {indicator.direction === "lower" ? "lowest" : "highest"}; a month the district has no figure has no rank.</p>}
      >
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} accessibilityLayer title={`Rank of ${district.name} among the ${forceName} districts`}>
            <CartesianGrid stroke="#ddd" vertical={false} />
            <XAxis dataKey="label" interval="preserveStartEnd" minTickGap={24} tick={{ fontSize: 12 }} />
            <YAxis reversed domain={[1, maxOf]} ticks={[...new Set([1, Math.ceil(maxOf / 2), maxOf])]} allowDecimals={false} width={40} tick={{ fontSize: 12 }} />
            <Tooltip formatter={(v) => (typeof v === "number" ? `${v} of ${maxOf}` : "no figure")} />
            <Line name="Rank" dataKey="rank" stroke={COLOURS.vermillion} strokeWidth={2} dot={{ r: 2 }} connectNulls={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
        <ChartLegend entries={[{ id: "rank", label: "Rank (1st at the top)", swatch: "line", color: COLOURS.vermillion }]} label="Legend: rank" />
      </ChartFrame>
    </section>
  );
}
