import { useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import { addMonths, formatChange, formatValue, isMonth, type Month } from "@scrutiny/domain";
import { seriesQuery } from "../../api/queries";
import { useArea } from "../../app/useArea";
import { AreaSelect } from "../../components/AreaSelect";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { SourceBadge } from "../../components/SourceBadge";
import { TrendChart } from "./TrendChart";
import { toTrendRows, trendSummary } from "./trendRows";

const TREND_MONTHS = 36;

/**
 * One indicator for one area: a 36-month trend with the previous year overlaid, a sentence that
 * reads it, the table of every value shown, and where each figure came from.
 */
export function IndicatorPage() {
  const { indicatorId = "" } = useParams();
  const [area] = useArea();
  const [params] = useSearchParams();
  const to = monthParam(params.get("to"));
  // First ask for the latest 36 months (or those ending at ?to=), to learn the period.
  const latest = useQuery(seriesQuery({ indicator: indicatorId, area, ...(to ? { to, from: addMonths(to, -(TREND_MONTHS - 1)) } : {}) }));
  const periodTo = (latest.data?.to ?? null) as Month | null;
  const periodFrom = periodTo ? addMonths(periodTo, -(TREND_MONTHS - 1)) : null;
  // Then the same window widened by a year for the overlay.
  const withPreviousYear = useQuery({
    ...seriesQuery({ indicator: indicatorId, area, from: periodFrom ? addMonths(periodFrom, -12) : "", to: periodTo ?? "" }),
    enabled: periodTo !== null,
  });

  if (latest.isPending) return <Loading what="the indicator" />;
  if (latest.isError) return <ErrorMessage error={latest.error} />;
  const { indicator, area: areaInfo } = latest.data;
  const rows = periodFrom && periodTo && withPreviousYear.data ? toTrendRows(withPreviousYear.data.points, periodFrom, periodTo, indicator.unit) : [];
  const summary = trendSummary(rows, indicator.name, areaInfo.name, indicator.unit);
  const sources = withPreviousYear.data?.sources ?? latest.data.sources;

  return (
    <>
      <p className="breadcrumb">
        <Link to={`/?area=${area}`}>Overview</Link> › {indicator.priority}
      </p>
      <div className="page-head">
        <h1>
          {indicator.name} <span className="area-name">in {areaInfo.name}</span>
        </h1>
        <AreaSelect />
      </div>
      <p className="definition">
        {indicator.definition} <SourceBadge source={indicator.source} isSample={indicator.isSample} />
      </p>
      {periodTo === null && <p className="status">No figures are held for this indicator in {areaInfo.name}.</p>}
      {withPreviousYear.isPending && periodTo !== null && <Loading what="the trend" />}
      {rows.length > 0 && (
        <figure className="chart-figure" aria-labelledby="trend-summary">
          <p id="trend-summary" className="summary" data-testid="trend-summary">
            {summary}
          </p>
          <TrendChart rows={rows} unit={indicator.unit} title={`${indicator.name} in ${areaInfo.name}, monthly`} />
          <figcaption className="visually-hidden">Monthly trend of {indicator.name} in {areaInfo.name}; the table below lists every value.</figcaption>
        </figure>
      )}
      {rows.length > 0 && (
        <section aria-labelledby="trend-table-heading">
          <h2 id="trend-table-heading">The figures</h2>
          <div className="table-scroll">
            <table data-testid="trend-table">
              <caption className="visually-hidden">
                {indicator.name} in {areaInfo.name} by month, with the same month a year earlier
              </caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  <th scope="col" className="num">{indicator.name}</th>
                  <th scope="col" className="num">Same month, previous year</th>
                  <th scope="col" className="num">Change</th>
                </tr>
              </thead>
              <tbody>
                {[...rows].reverse().map((row) => (
                  <tr key={row.month} data-month={row.month}>
                    <th scope="row">{row.label}</th>
                    <td className="num" data-value={row.value ?? ""}>
                      {row.value === null ? <span className="missing">missing</span> : formatValue(indicator.unit, row.value)}
                    </td>
                    <td className="num">{row.previousYear === null ? <span className="missing">missing</span> : formatValue(indicator.unit, row.previousYear)}</td>
                    <td className="num">{formatChange(indicator.unit, row.change)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {sources.length > 0 && (
        <section aria-labelledby="sources-heading" className="sources">
          <h2 id="sources-heading">Sources</h2>
          <ul>
            {sources.map((s) => (
              <li key={s.batchId}>
                {s.firstMonth === s.lastMonth ? s.firstMonth : `${s.firstMonth} to ${s.lastMonth}`}: {s.fileName} ({s.kind}, imported {s.importedAt.slice(0, 10)})
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function monthParam(text: string | null): Month | undefined {
  return text && isMonth(text) ? text : undefined;
}
