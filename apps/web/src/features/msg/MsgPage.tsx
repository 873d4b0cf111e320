import { useEffect, useId } from "react";
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { formatMonth, formatValue, isMonth, monthIndex, ordinal, trendWindowFrom, type Month } from "@scrutiny/domain";
import { areasQuery, indicatorsQuery } from "../../api/queries";
import { ChartFrame } from "../../components/ChartFrame";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { SourceBadge } from "../../components/SourceBadge";
import { IndicatorSelect } from "../../components/IndicatorSelect";
import type { TableColumn } from "../../lib/tableData";
import { MsgBarChart } from "./MsgBarChart";
import { PositionChart } from "./PositionChart";
import { MAX_TREND_MONTHS, TrendWindow } from "../indicator/TrendWindow";
import { msgHistoryQuery, msgSnapshotQuery, type AverageMethod, type MsgHistory, type MsgSnapshot } from "./queries";
import {
  LONG_VIEW_INDICATOR,
  formatRate,
  periodLabel,
  positionTableRows,
  readMsgState,
  significanceWords,
  toMsgBarRows,
  toPositionRows,
  writeMsgState,
  type MsgBarRow,
  type MsgViewState,
  type PositionRow,
} from "./msgView";
import "./msg.css";
import { useDeployment } from "../../app/deployment";
import { forceOfArea } from "../../app/useArea";
import { MsgListImport } from "./MsgListImport";

/**
 * The force against its Most Similar Group for one indicator and period: bars with intervals and
 * the labelled MSG average, the force's position in words, and its position over time for the
 * months held (police.uk) and the Home Office rolling 12-month series 2003–2018. Every choice
 * lives in the URL (?indicator=&month=&average=), so a link reproduces the view.
 */
export function MsgPage() {
  const [params, setParams] = useSearchParams();
  const deployment = useDeployment();
  const state = readMsgState(params);
  const setState = (next: Partial<MsgViewState>, replace = false) =>
    setParams((previous) => writeMsgState(previous, { ...readMsgState(previous), ...next }), { replace });

  const areas = useQuery(areasQuery());
  const indicators = useQuery(indicatorsQuery());
  const areaCode = params.get("area") ?? deployment.code;
  const { area, code: forceCode, name: forceName } = forceOfArea(areaCode, areas.data, deployment.code);

  const history = useQuery({ ...msgHistoryQuery({ indicator: state.indicator, force: forceCode, average: state.average }), enabled: areas.isSuccess });
  const points = history.data?.points ?? [];
  const latestMonth = (points[points.length - 1]?.month ?? null) as Month | null;

  // Fill in what the link left out (the latest month held, the average), so the URL states the view.
  const resolvedMonth = state.month ?? latestMonth;
  useEffect(() => {
    if (!history.isSuccess) return;
    if (params.get("month") === resolvedMonth && params.get("indicator") === state.indicator && params.get("average") === state.average) return;
    setState({ month: resolvedMonth }, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [history.isSuccess, resolvedMonth, state.indicator, state.average]);

  const selected = points.find((p) => p.month === resolvedMonth);
  const comparable = selected?.status === "ranked" || selected?.status === "member missing";
  // Issue 12: month, rolling 12 months or financial year to date (?period=); Home Office series are already rolling totals.
  const rolling = history.data?.measure === "rolling 12 months";
  const periodParam = params.get("period");
  const period = !rolling && (periodParam === "rolling-12" || periodParam === "fytd") ? periodParam : "month";
  const snapshot = useQuery({
    ...msgSnapshotQuery({ indicator: state.indicator, force: forceCode, month: resolvedMonth ?? "", average: state.average, period }),
    enabled: comparable && resolvedMonth !== null,
  });
  // Issue 12: ?from=&to= set the position-over-time chart's months (default: the last three years, like every trend).
  const firstMonth = (points[0]?.month ?? null) as Month | null;
  const chartWindow = msgChartWindow(params, firstMonth, latestMonth);
  const windowed = useQuery({
    ...msgHistoryQuery({ indicator: state.indicator, force: forceCode, average: state.average, from: chartWindow?.from, to: chartWindow?.to }),
    enabled: history.isSuccess && chartWindow !== null && !chartWindow.whole,
  });
  const chartHistory = chartWindow?.whole ? history.data : windowed.data;
  const longView = useQuery({
    ...msgHistoryQuery({ indicator: LONG_VIEW_INDICATOR, force: forceCode, average: state.average }),
    enabled: areas.isSuccess && state.indicator !== LONG_VIEW_INDICATOR,
  });

  if (areas.isPending || indicators.isPending) return <Loading what="the Most Similar Group view" />;
  if (areas.isError) return <ErrorMessage error={areas.error} />;
  if (indicators.isError) return <ErrorMessage error={indicators.error} />;

  // Forces are compared on counts per 1,000 population and on percentages with a numerator and
  // denominator (solved rates), on the figures every force publishes (police.uk, Home Office).
  const choices = indicators.data.filter((i) => !i.isSample && (i.unit === "count" || (i.unit === "percentage" && i.source === "data.police.uk")));
  const indicator = indicators.data.find((i) => i.id === state.indicator);

  return (
    <div className="msg-page">
      <div className="page-head">
        <h1>
          Most similar forces <span className="area-name">{forceName}</span>
        </h1>
      </div>
      {area?.kind === "district" && (
        <p className="definition" data-testid="msg-district-note">
          Most Similar Groups compare force areas: {area.name} is in {forceName}, so {forceName} is shown.
        </p>
      )}
      {history.data && <GroupDescription history={history.data} />}
      <MsgListImport />
      <MsgControls
        state={state}
        month={resolvedMonth}
        choices={choices}
        history={history.data}
        onIndicator={(id) => setState({ indicator: id, month: null })}
        onMonth={(month) => setState({ month })}
        onAverage={(average) => setState({ average })}
      />
      {!rolling && (
        <div className="msg-controls msg-period">
          <div className="msg-field">
            <label htmlFor="msg-period">Period</label>
            <select
              id="msg-period"
              data-testid="msg-period"
              value={period}
              onChange={(e) =>
                setParams((previous) => {
                  const next = new URLSearchParams(previous);
                  if (e.target.value === "month") next.delete("period");
                  else next.set("period", e.target.value);
                  return next;
                })
              }
            >
              <option value="month">The month</option>
              <option value="rolling-12">Rolling 12 months to the month</option>
              <option value="fytd">Financial year to date</option>
            </select>
          </div>
        </div>
      )}
      {indicator && (
        <p className="definition">
          {indicator.definition} <SourceBadge source={indicator.source} isSample={indicator.isSample} />
        </p>
      )}

      {history.isPending && <Loading what="the comparison" />}
      {history.isError && <ErrorMessage error={history.error} />}
      {history.data && points.length === 0 && <p className="status">No figures for this indicator are held for {forceName}.</p>}
      {history.data && resolvedMonth && !selected && points.length > 0 && (
        <p className="status msg-notice" data-testid="msg-not-held">
          No figure for {history.data.indicator.name} is held for {forceName} in {formatMonth(resolvedMonth)}; choose one of the months held.
        </p>
      )}
      {selected && !comparable && (
        <p className="msg-notice" data-testid="msg-not-ranked">
          <strong>Not compared in {periodLabel(selected.month as Month, history.data?.measure ?? "month")}:</strong> {selected.note.replace(/^not ranked: /, "")}.
        </p>
      )}
      {comparable && snapshot.isPending && <Loading what="the month's comparison" />}
      {comparable && snapshot.isError && <ErrorMessage error={snapshot.error} />}
      {snapshot.data && history.data && comparable && <Snapshot snapshot={snapshot.data} history={history.data} forceName={forceName} />}

      {chartWindow && <TrendWindow from={chartWindow.from} to={chartWindow.to} held={{ first: firstMonth, last: latestMonth }} keepMonth />}
      {chartWindow && !chartWindow.whole && windowed.isPending && <Loading what="the months chosen" />}
      {chartWindow && !chartWindow.whole && windowed.isError && <ErrorMessage error={windowed.error} />}
      {chartHistory && chartHistory.points.length > 0 && <PositionOverTime history={chartHistory} testId="msg-history" window={chartWindow} />}
      {chartHistory && chartHistory.points.length === 0 && <p className="status">No figures are held from {chartWindow && formatMonth(chartWindow.from)} to {chartWindow && formatMonth(chartWindow.to)}.</p>}
      {state.indicator !== LONG_VIEW_INDICATOR && longView.isPending && <Loading what="the long view" />}
      {state.indicator !== LONG_VIEW_INDICATOR && longView.isError && <ErrorMessage error={longView.error} />}
      {state.indicator !== LONG_VIEW_INDICATOR && longView.data && <PositionOverTime history={longView.data} testId="msg-long-view" longView />}
    </div>
  );
}

/**
 * The months the position chart shows: ?from= and ?to= when they are months in order and within the
 * longest window the API serves; otherwise the last three years to ?to= (or to the latest month
 * held), as every trend opens (TREND_WINDOW_MONTHS), never before the first month held. The whole
 * history is one press of the window control away. Null until the history is known.
 */
function msgChartWindow(params: URLSearchParams, first: Month | null, last: Month | null): { from: Month; to: Month; whole: boolean } | null {
  if (!first || !last) return null;
  const monthParam = (name: string) => {
    const text = params.get(name);
    return text && isMonth(text) ? text : null;
  };
  const lastYears = (to: Month) => {
    const from = trendWindowFrom(to);
    return from < first ? first : from;
  };
  const window = (from: Month, to: Month) => ({ from, to, whole: from === first && to === last });
  const to = monthParam("to") ?? last;
  const from = monthParam("from") ?? lastYears(to);
  if (from > to || monthIndex(to) - monthIndex(from) >= MAX_TREND_MONTHS) return window(lastYears(last), last);
  return window(from, to);
}

function GroupDescription({ history }: { history: MsgHistory }) {
  if (history.groups.length === 0)
    return (
      <p className="status" data-testid="msg-none">
        No Most Similar Group is recorded for {history.force.name}. The Most Similar Group list shipped with Scrutiny covers Essex only: another
        force&apos;s office imports its own group before forces can be compared here.
      </p>
    );
  return (
    <ul className="msg-groups">
      {history.groups.map((g) => (
        <li key={g.id}>
          <strong>{g.name}</strong> from {formatMonth(g.validFrom as Month)}
          {g.validTo ? ` to ${formatMonth(g.validTo as Month)}` : ""}: {g.members.map((m) => m.name).join(", ")}. <span className="msg-source">Source: {g.source}.</span>
        </li>
      ))}
    </ul>
  );
}

interface ControlsProps {
  state: MsgViewState;
  month: Month | null;
  choices: { id: string; name: string; source: string; unit: string }[];
  history: MsgHistory | undefined;
  onIndicator: (id: string) => void;
  onMonth: (month: Month) => void;
  onAverage: (average: AverageMethod) => void;
}

function MsgControls({ state, month, choices, history, onIndicator, onMonth, onAverage }: ControlsProps) {
  const averageName = useId();
  const ids = useId();
  const months = [...(history?.points ?? [])].reverse();
  return (
    <form className="msg-controls" onSubmit={(e) => e.preventDefault()} aria-label="Choose what to compare">
      <IndicatorSelect value={state.indicator} choices={choices} onChange={onIndicator} testId="msg-indicator" />
      <div className="msg-field">
        <label htmlFor={`${ids}-month`}>{history?.measure === "rolling 12 months" ? "12 months to" : "Month"}</label>
        <select id={`${ids}-month`} value={month ?? ""} onChange={(e) => isMonth(e.target.value) && onMonth(e.target.value)} disabled={months.length === 0} data-testid="msg-month">
          {month && !months.some((p) => p.month === month) && <option value={month}>{formatMonth(month)} (not held)</option>}
          {months.length === 0 && !month && <option value="">No months held</option>}
          {months.map((p) => (
            <option key={p.month} value={p.month}>
              {formatMonth(p.month as Month)}
              {p.status === "ranked" ? "" : " (not ranked)"}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="msg-field msg-average">
        <legend>MSG average</legend>
        {(
          [
            ["weighted", choices.find((c) => c.id === state.indicator)?.unit === "percentage" ? "Pooled (total solved ÷ total recorded)" : "Weighted by population"],
            ["simple", "Simple mean of rates"],
          ] as const
        ).map(([value, label]) => (
          <label key={value}>
            <input type="radio" name={averageName} value={value} checked={state.average === value} onChange={() => onAverage(value)} />
            {label}
          </label>
        ))}
      </fieldset>
    </form>
  );
}

function populationNote(population: MsgSnapshot["population"]): string {
  if (!population) return "No population estimate covers this period.";
  return population.latestAvailable
    ? `Rates divide by the ONS mid-${population.year} population estimates, the latest published (the period is in ${population.periodYear}).`
    : `Rates divide by the ONS mid-${population.year} population estimates.`;
}

function Snapshot({ snapshot, history, forceName }: { snapshot: MsgSnapshot; history: MsgHistory; forceName: string }) {
  const period = snapshot.period?.label ?? periodLabel(snapshot.month as Month, history.measure);
  const comparison = snapshot.comparison;
  if (!comparison) {
    return (
      <section className="msg-notice" aria-labelledby="msg-missing-heading" data-testid="msg-missing">
        <h2 id="msg-missing-heading">Not ranked in {period}</h2>
        <p className="summary" data-testid="msg-summary">
          {snapshot.sentence}
        </p>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Figures held for each member in {period}</caption>
            <thead>
              <tr>
                <th scope="col">Force</th>
                <th scope="col" className="num">
                  {history.indicator.name}
                </th>
              </tr>
            </thead>
            <tbody>
              {snapshot.forces.map((f) => (
                <tr key={f.code}>
                  <th scope="row">{f.name}</th>
                  <td className="num">{f.count === null ? <span className="missing">no figure</span> : formatValue("count", f.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    );
  }
  const rows = toMsgBarRows(snapshot);
  const pct = snapshot.measure === "percentage";
  const unitWords = pct ? "%" : " per 1,000";
  const columns: TableColumn<MsgBarRow>[] = [
    { key: "force", label: "Force", value: (r) => r.name, display: (r) => (r.isForce ? `${r.name} (selected)` : r.name) },
    { key: "position", label: "Position", value: (r) => r.position, display: (r) => `${ordinal(r.position)} of ${r.of}`, numeric: true },
    { key: "rate", label: pct ? "Percentage" : "Rate per 1,000", value: (r) => r.rate, display: (r) => formatRate(r.rate), numeric: true },
    { key: "lower95", label: "95% interval, lower", value: (r) => r.lower95, display: (r) => formatRate(r.lower95), numeric: true },
    { key: "upper95", label: "95% interval, upper", value: (r) => r.upper95, display: (r) => formatRate(r.upper95), numeric: true },
    { key: "count", label: pct ? "Numerator" : "Count", value: (r) => r.count, display: (r) => formatValue("count", r.count), numeric: true },
    { key: "population", label: pct ? "n (denominator)" : "Population", value: (r) => r.population, display: (r) => formatValue("count", r.population), numeric: true },
    { key: "significance", label: `Against the ${comparison.averageLabel}`, value: (r) => significanceWords(r.significance) },
  ];
  const title = `${history.indicator.name}${pct ? "" : " per 1,000 population"}: ${forceName} and its most similar group, ${period}`;
  return (
    <ChartFrame
      title={title}
      period={period}
      source={history.indicator.source}
      isSample={history.indicator.isSample}
      summary={snapshot.sentence}
      columns={columns}
      rows={rows}
      testId="msg-bars"
      notes={
        <p className="msg-table-note">
          {comparison.averageLabel}: {formatRate(comparison.average)}
          {unitWords}.{" "}
          {snapshot.range && (
            <span data-testid="msg-range">
              Range {formatRate(snapshot.range.lowest.value)}
              {unitWords} ({snapshot.range.lowest.forces.map((f) => f.name).join(", ")}) to {formatRate(snapshot.range.highest.value)}
              {unitWords} ({snapshot.range.highest.forces.map((f) => f.name).join(", ")}); median {formatRate(snapshot.median)}
              {unitWords}.{" "}
            </span>
          )}
          {pct
            ? "Whiskers and the interval columns are 95% Wilson score intervals; n is the number of crimes recorded. "
            : `Whiskers and the interval columns are 95% confidence intervals (Byar's method; exact Poisson below 10). ${populationNote(snapshot.population)} `}
          Position 1 = {comparison.direction === "lower" ? "the lowest" : "the highest"}.
        </p>
      }
    >
      <MsgBarChart rows={rows} average={comparison.average} averageLabel={comparison.averageLabel} title={title} />
      <p className="msg-key" aria-hidden="true">
        <span>
          <span className="msg-key-force" /> {forceName} (hatched, outlined)
        </span>
        <span>
          <span className="msg-key-peer" /> other members
        </span>
        <span>
          <span className="msg-key-line" /> {comparison.averageLabel}
        </span>
        <span>
          <span className="msg-key-whisker" /> 95% interval
        </span>
      </p>
    </ChartFrame>
  );
}

function PositionOverTime({ history, testId, longView = false, window = null }: { history: MsgHistory; testId: string; longView?: boolean; window?: { from: Month; to: Month } | null }) {
  const rows = toPositionRows(history.points, history.measure, history.step);
  const tableRows = positionTableRows(rows);
  const of = Math.max(8, ...history.groups.map((g) => g.members.length));
  // The years the chart spans: the window chosen, else the months held.
  const first = window?.from ?? tableRows[0]?.month;
  const last = window?.to ?? tableRows[tableRows.length - 1]?.month;
  const span = first && last ? (first.slice(0, 4) === last.slice(0, 4) ? first.slice(0, 4) : `${first.slice(0, 4)}–${last.slice(0, 4)}`) : "";
  const title = `${longView ? "Long view: " : ""}${history.force.name}'s position in its most similar group over time, ${history.indicator.name}, ${span}`;
  const direction = history.indicator.direction;
  const columns: TableColumn<PositionRow>[] = [
    { key: "month", label: history.measure === "rolling 12 months" ? "Period" : "Month", value: (r) => r.month, display: (r) => r.label },
    { key: "position", label: "Position", value: (r) => r.position, display: (r) => (r.position === null ? "not ranked" : `${ordinal(r.position)} of ${r.of}`), numeric: true },
    { key: "rate", label: `${history.force.name} ${history.unit === "percentage" ? "percentage" : "rate per 1,000"}`, value: (r) => r.rate, display: (r) => formatRate(r.rate), numeric: true },
    { key: "average", label: history.averageLabel, value: (r) => r.average, display: (r) => formatRate(r.average), numeric: true },
    { key: "members", label: "Members with figures", value: (r) => r.members, numeric: true },
    { key: "national", label: "National position", value: (r) => r.national, display: (r) => r.national || "—", numeric: true },
    { key: "note", label: "Note", value: (r) => r.note },
  ];
  const ranked = tableRows.filter((r) => r.position !== null).length;
  return (
    <ChartFrame
      title={title}
      period={span}
      source={history.indicator.source}
      isSample={history.indicator.isSample}
      summary={history.sentence}
      columns={columns}
      rows={tableRows}
      testId={testId}
      notes={
        <p className="msg-table-note">
          Membership is dated: a month is ranked only on the group recorded for it, and only when every member has a figure and a
          population estimate; {tableRows.length - ranked} of the {tableRows.length} {history.step}s held are therefore not ranked.
          {history.measure === "rolling 12 months"
            ? " Rolling 12-month totals divide by the population of the year containing the window's mid-point."
            : ""}{" "}
          Sources: {history.sources.map((s) => s.fileName).join(", ") || "none"}.
        </p>
      }
    >
      <PositionChart rows={rows} of={of} title={title} axisLabel={direction === "higher" ? "Position (1 = highest)" : direction === "lower" ? "Position (1 = lowest)" : "Position (1 = highest)"} window={window} />
    </ChartFrame>
  );
}
