import { useQuery } from "@tanstack/react-query";
import { useDeployment } from "../../app/deployment";
import { Link, useSearchParams } from "react-router";
import { trendWindowFrom, formatMonth, isMonth, priorityOrder, type Month } from "@scrutiny/domain";
import { areasQuery } from "../../api/queries";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { SourceBadge } from "../../components/SourceBadge";
import { DistrictMap } from "./DistrictMap";
import { DistrictTable } from "./DistrictTable";
import { formatSort, parseSort, periodText, type Sort } from "./districtRows";
import { FunnelPlot } from "./FunnelPlot";
import { boundariesQuery, districtComparisonQuery, districtIndicatorsQuery, districtSeriesQuery } from "./queries";
import { SmallMultiples } from "./SmallMultiples";
import { TrendWindow, trendWindowFromUrl } from "../indicator/TrendWindow";
import "./districts.css";

const DEFAULT_INDICATOR = "police-uk-all-crime";

/**
 * The districts of a force for one indicator and month: ranked table with intervals, map, funnel
 * plot and one sparkline per district. Everything the view shows is in the URL:
 * /districts?indicator=ID&month=YYYY-MM&force=CODE&sort=KEY-DIR[&area=DISTRICT to highlight one].
 */
export function DistrictsPage() {
  const [params, setParams] = useSearchParams();
  const deployment = useDeployment();
  const force = params.get("force") ?? deployment.code;
  const sort = parseSort(params.get("sort"));
  const indicators = useQuery(districtIndicatorsQuery(force));
  const areas = useQuery(areasQuery());

  const choices = [...(indicators.data ?? [])].sort(
    (a, b) => priorityOrder(a.indicator.priority) - priorityOrder(b.indicator.priority) || a.indicator.name.localeCompare(b.indicator.name),
  );
  const requestedIndicator = params.get("indicator");
  const chosen = choices.find((c) => c.indicator.id === (requestedIndicator ?? DEFAULT_INDICATOR)) ?? (requestedIndicator ? undefined : choices[0]);
  const months = (chosen?.months ?? []) as Month[];
  const requestedMonth = params.get("month");
  const month: Month | undefined = requestedMonth && isMonth(requestedMonth) && months.includes(requestedMonth) ? requestedMonth : months[months.length - 1];
  const monthNotHeld = requestedMonth !== null && month !== undefined && requestedMonth !== month;

  const periodParam = params.get("period");
  const period = periodParam === "rolling-12" || periodParam === "fytd" ? periodParam : "month";
  const comparison = useQuery({ ...districtComparisonQuery({ indicator: chosen?.indicator.id ?? "", month: month ?? "", force, period }), enabled: Boolean(chosen && month) });
  // Issue 12: ?from=&to= the small multiples' months (the indicator page's rule); ?to= defaults to
  // the month shown, ?from= to the 36 months to it.
  const chartWindow = trendWindowFromUrl(new URLSearchParams({ from: params.get("from") ?? "", to: params.get("to") ?? month ?? "" }));
  const seriesTo = chartWindow.to;
  const seriesFrom = chartWindow.from ?? (seriesTo ? trendWindowFrom(seriesTo) : undefined);
  const series = useQuery({
    ...districtSeriesQuery({ indicator: chosen?.indicator.id ?? "", force, from: seriesFrom ?? "", to: seriesTo ?? "" }),
    enabled: Boolean(chosen && seriesFrom && seriesTo),
  });
  const boundaries = useQuery(boundariesQuery(force));

  const forceArea = areas.data?.find((a) => a.code === force);
  const area = params.get("area");
  const highlighted = areas.data?.find((a) => a.code === area && a.parentCode === force)?.code ?? null;

  const update = (changes: Record<string, string | null>) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(changes)) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
  const chooseIndicator = (id: string) => {
    const next = choices.find((c) => c.indicator.id === id);
    // Keep the month when the new indicator has it; otherwise its latest month.
    update({ indicator: id, month: next && month && next.months.includes(month) ? month : null });
  };
  const setSort = (next: Sort) => update({ sort: formatSort(next) });

  if (indicators.isPending) return <Loading what="the indicators compared by district" />;
  if (indicators.isError) return <ErrorMessage error={indicators.error} />;
  const forceName = forceArea?.name ?? force;
  if (choices.length === 0) return <p className="status">No indicators are held for the districts of {forceName}.</p>;
  if (!chosen) {
    return (
      <p className="status status-error" role="alert">
        {requestedIndicator} cannot be compared by district in {forceName}. <Link to={`/districts?force=${force}`}>Show the districts view</Link>
      </p>
    );
  }
  const indicator = chosen.indicator;

  return (
    <div className="districts-page">
      <p className="breadcrumb">
        <Link to={`/?area=${highlighted ?? force}`}>Overview</Link> › Districts
      </p>
      <div className="page-head">
        <h1>
          {indicator.name} by district{" "}
          <span className="area-name">
            in {forceName}, {comparison.data ? periodText(comparison.data) : month ? formatMonth(month) : "no month held"}
          </span>
        </h1>
        <div className="district-controls">
          <label className="area-select">
            <span>Indicator</span>
            <select value={indicator.id} onChange={(e) => chooseIndicator(e.target.value)}>
              {choices.map((c) => (
                <option key={c.indicator.id} value={c.indicator.id}>
                  {c.indicator.name}
                  {c.indicator.isSample ? " (sample data)" : ""}
                </option>
              ))}
            </select>
          </label>
          <label className="area-select">
            <span>Period</span>
            <select value={period} onChange={(e) => update({ period: e.target.value === "month" ? null : e.target.value })} data-testid="districts-period" aria-label="Period">
              <option value="month">The month</option>
              <option value="rolling-12">Rolling 12 months to the month</option>
              <option value="fytd">Financial year to date</option>
            </select>
          </label>
          <label className="area-select">
            <span>Month</span>
            <select value={month ?? ""} onChange={(e) => update({ month: e.target.value })}>
              {[...months].reverse().map((m) => (
                <option key={m} value={m}>
                  {formatMonth(m)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      <p className="definition">
        {indicator.definition} <SourceBadge source={indicator.source} isSample={indicator.isSample} />
      </p>
      {monthNotHeld && (
        <p className="status" role="status">
          No district figures are held for {isMonth(requestedMonth) ? formatMonth(requestedMonth) : requestedMonth}; showing {formatMonth(month)}.
        </p>
      )}
      {comparison.isPending && <Loading what="the districts" />}
      {comparison.isError && <ErrorMessage error={comparison.error} />}
      {comparison.data && (
        <>
          {comparison.data.incomplete.length > 0 && (
            <p className="status" data-testid="districts-incomplete">
              No complete figure for {periodText(comparison.data)} (not shown):{" "}
              {comparison.data.incomplete.map((a) => `${a.name} (${a.missingMonths.length === 1 ? "1 month" : `${a.missingMonths.length} months`} missing)`).join(", ")}.
            </p>
          )}
          {comparison.data.force.value === null && (
            <p className="status" data-testid="districts-no-figure">
              {comparison.data.sentence}
            </p>
          )}
          <DistrictTable comparison={comparison.data} sort={sort} onSort={setSort} highlighted={highlighted} />
          {comparison.data.force.value !== null && <div className="district-charts">
            {boundaries.isPending && <Loading what="the map" />}
            {boundaries.isError && <ErrorMessage error={boundaries.error} />}
            {boundaries.data && <DistrictMap comparison={comparison.data} topology={boundaries.data as never} highlighted={highlighted} />}
            <FunnelPlot comparison={comparison.data} highlighted={highlighted} />
          </div>}
        </>
      )}
      {series.isPending && comparison.data && <Loading what="the district trends" />}
      {series.isError && <ErrorMessage error={series.error} />}
      {seriesFrom && seriesTo && months.length > 0 && (
        <TrendWindow from={seriesFrom} to={seriesTo} held={{ first: months[0] ?? null, last: months[months.length - 1] ?? null }} keepMonth />
      )}
      {series.data && <SmallMultiples series={series.data} highlighted={highlighted} />}
    </div>
  );
}
