import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import { addMonths, financialYearOf, formatChange, formatMonth, formatValue, type Month } from "@scrutiny/domain";
import type { SeriesResponse } from "@scrutiny/api";
import { areasQuery, indicatorsQuery, seriesQuery, sessionQuery } from "../../api/queries";
import { useArea } from "../../app/useArea";
import { AreaSelect } from "../../components/AreaSelect";
import { ChartFrame } from "../../components/ChartFrame";
import { Deferred } from "../../components/Deferred";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { SourceBadge } from "../../components/SourceBadge";
import { NationalPosition } from "../forces/NationalPosition";
import type { TableColumn } from "../../lib/tableData";
import { toCumulativeRows, toSeasonalRows, toXmrRows, type CumulativeRow, type XmrRow } from "./chartRows";
import { CumulativeChart } from "./CumulativeChart";
import { SeasonalChart } from "./SeasonalChart";
import { TrendChart } from "./TrendChart";
import { XmrChart } from "./XmrChart";
import { actionSentence, toTrendRows, trendSummary, type TrendRow } from "./trendRows";
import { VARIATION_STYLE } from "./palette";
import { AnnotationForm } from "./AnnotationForm";
import { PublishControl } from "./PublishControl";
import { useHasRole } from "../../app/useRole";
import { VariationIcon } from "../../components/VariationIcon";
import { TrendWindow, trendWindowFromUrl } from "./TrendWindow";
import { FytdWords } from "./FytdWords";
import type { ActionView } from "@scrutiny/api";
import { actionsQuery } from "../meetings/queries";
import { DistrictPanel } from "./DistrictPanel";

/**
 * One indicator for one area: the plain readings first (what changed, is it real), then the
 * monthly trend against the previous year, the XmR chart, each year overlaid, and the financial
 * year to date. Every chart has its table and downloads; every figure its source.
 */
export function IndicatorPage() {
  const { indicatorId = "" } = useParams();
  const [area] = useArea();
  const [params] = useSearchParams();
  // ?from= and ?to= the first and last month shown (?to= defaults to the reporting month the
  // scorecard was read for, ?month=); without ?from= the 36 months to ?to= (or to the latest month
  // held). The API adds the SPC reading and comparisons.
  const window = trendWindowFromUrl(params);
  const canAnnotate = useHasRole("analyst");
  const period = useQuery(seriesQuery({ indicator: indicatorId, area, ...window }));
  const periodTo = (period.data?.to ?? null) as Month | null;
  const periodFrom = (period.data?.from ?? null) as Month | null;
  // The same window widened by a year, for the overlays and the financial-year comparison.
  const wide = useQuery({
    ...seriesQuery({ indicator: indicatorId, area, from: periodFrom ? addMonths(periodFrom, -12) : "", to: periodTo ?? "" }),
    enabled: periodTo !== null,
  });
  // Actions on the log linked to this indicator: marked on the trend at the month they answer to.
  // The action log is the office's working papers (members and above, decision 110a): asked for only by them.
  const canSeeActions = useHasRole("member");
  // Fresh for 30 s like the session, so a page whose actions were asked for at start-up (prefetch.ts)
  // does not ask again the moment it mounts; changes made here invalidate it at once.
  const actions = useQuery({ ...actionsQuery({ indicator: indicatorId }), enabled: canSeeActions, staleTime: 30_000 });

  const areas = useQuery(areasQuery());
  const parentCode = period.data?.area.parentCode ?? null;
  const forceName = parentCode ? (areas.data?.find((a) => a.code === parentCode)?.name ?? null) : null;
  // What sits above the charts is drawn in one go, so nothing moves when a later answer arrives
  // (decision 114d): the reader's role (which controls are offered) and, for an admin, whether the
  // indicator is published (PublishControl, the same query) come with the series.
  const session = useQuery(sessionQuery());
  const isAdmin = useHasRole("admin");
  const catalogue = useQuery({ ...indicatorsQuery(), enabled: isAdmin });

  if (period.isPending || session.isPending || (isAdmin && catalogue.isPending)) return <Loading what="the indicator" reserve />;
  if (period.isError) return <ErrorMessage error={period.error} />;
  const { indicator, area: areaInfo } = period.data;
  const sources = wide.data?.sources ?? period.data.sources;

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
      <PublishControl indicator={indicator.id} />
      {periodTo === null && <p className="status">No figures are held for this indicator in {areaInfo.name}.</p>}
      {period.data.dataIssue && (
        <p className="status data-issue" data-testid="data-issue">
          <strong>{period.data.dataIssue.kind === "discontinued" ? "Discontinued series" : "Data issue"}:</strong> {period.data.dataIssue.text}
        </p>
      )}
      {periodTo !== null && <Readings data={period.data} />}
      {periodTo !== null && <FytdWords data={period.data} />}
      {periodTo !== null && <NationalPosition indicator={indicator.id} unit={indicator.unit} area={areaInfo.code} isForce={areaInfo.kind === "force"} month={periodTo} />}
      {periodFrom && periodTo && <TrendWindow from={periodFrom} to={periodTo} held={period.data.held} />}
      {/* A screen tall while the charts load (with the actions marked on them), so the sections below stay below. */}
      {(wide.isPending || (canSeeActions && actions.isPending)) && periodTo !== null && <Loading what="the charts" reserve />}
      {wide.isError && <ErrorMessage error={wide.error} />}
      {wide.data && !(canSeeActions && actions.isPending) && periodFrom && periodTo && (
        <Charts
          series={period.data}
          wide={wide.data}
          from={periodFrom}
          to={periodTo}
          actions={actions.data ?? []}
          afterTrend={
            areaInfo.kind === "district" && areaInfo.parentCode ? (
              <DistrictPanel indicator={indicator} district={{ code: areaInfo.code, name: areaInfo.name, parentCode: areaInfo.parentCode }} forceName={forceName ?? "force"} from={periodFrom} to={periodTo} />
            ) : null
          }
        />
      )}
      {periodTo !== null && canAnnotate && <AnnotationForm indicator={indicator.id} area={areaInfo.code} areaName={areaInfo.name} defaultMonth={periodTo} />}
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

/** The sentences a PCC can read aloud: the SPC reading and the three comparisons with last year. */
function Readings({ data }: { data: SeriesResponse }) {
  const shownFrom = data.from ?? "";
  const marked = data.annotations.filter((a) => a.month >= shownFrom && a.month <= (data.to ?? ""));
  const provisional = data.points.filter((p) => p.provisional);
  const sentences = [
    data.spc?.sentence ?? data.spcNote,
    ...data.comparisons.map((c) => c.sentence),
    provisional.length > 0
      ? `${provisional.map((p) => formatMonth(p.month)).join(", ")} ${provisional.length === 1 ? "is" : "are"} provisional: ${provisional.at(-1)!.provisionalReason}.`
      : null,
    ...marked.map((a) => `${a.kind === "break" ? "Series break" : "Note"}, ${formatMonth(a.month)}: ${a.text} (Source: ${a.source}.)`),
  ].filter((s): s is string => Boolean(s));
  if (sentences.length === 0) return null;
  return (
    <section aria-labelledby="readings-heading" className="readings">
      <h2 id="readings-heading">What the figures say</h2>
      <ul data-testid="readings">
        {sentences.map((sentence) => (
          <li key={sentence}>{sentence}</li>
        ))}
      </ul>
    </section>
  );
}

function Charts({ series, wide, from, to, actions, afterTrend }: { series: SeriesResponse; wide: SeriesResponse; from: Month; to: Month; actions: readonly ActionView[]; afterTrend?: ReactNode }) {
  const { indicator, area } = series;
  const unit = indicator.unit;
  const where = `${indicator.name} in ${area.name}`;
  const value = (v: number | null) => formatValue(unit, v);

  const trendRows = toTrendRows(wide.points, from, to, unit, wide.annotations, actions);
  const actionReferences = (month: string) => actions.filter((a) => a.month === month).map((a) => a.reference);
  const trendColumns: TableColumn<TrendRow>[] = [
    { key: "month", label: "Month", value: (r) => r.month, display: (r) => r.label },
    { key: "value", label: indicator.name, value: (r) => r.value, display: (r) => (r.value === null ? "missing" : value(r.value)), numeric: true },
    { key: "previousYear", label: "Same month, previous year", value: (r) => r.previousYear, display: (r) => (r.previousYear === null ? "missing" : value(r.previousYear)), numeric: true },
    { key: "change", label: "Change", value: (r) => r.change?.absolute ?? null, display: (r) => formatChange(unit, r.change), numeric: true },
    { key: "status", label: "Status", value: (r) => (r.provisional ? "provisional" : r.value === null ? "" : "settled"), display: (r) => (r.provisional ? `Provisional: ${r.provisional}` : r.value === null ? "" : "—") },
    { key: "annotation", label: "Breaks and notes", value: (r) => r.annotation ?? "", display: (r) => r.annotation ?? "" },
    ...(actions.length > 0 ? [{ key: "actions", label: "Actions", value: (r: TrendRow) => r.actions ?? "", display: (r: TrendRow) => r.actions ?? "" }] : []),
  ];

  const xmrRows = series.spc ? toXmrRows(series.points, series.spc, series.annotations, actions) : [];
  const xmrColumns: TableColumn<XmrRow>[] = [
    { key: "month", label: "Month", value: (r) => r.month, display: (r) => r.label },
    { key: "value", label: indicator.name, value: (r) => r.value, display: (r) => (r.value === null ? "missing" : value(r.value)), numeric: true },
    { key: "mean", label: "Mean", value: (r) => r.mean, display: (r) => value(r.mean), numeric: true },
    { key: "lowerProcessLimit", label: "Lower process limit", value: (r) => r.lowerProcessLimit, display: (r) => value(r.lowerProcessLimit), numeric: true },
    { key: "upperProcessLimit", label: "Upper process limit", value: (r) => r.upperProcessLimit, display: (r) => value(r.upperProcessLimit), numeric: true },
    { key: "variation", label: "Variation", value: (r) => r.variation, display: (r) => `${VARIATION_STYLE[r.variation].label}${r.side ? ` (${r.side})` : ""}${r.rules.length ? `: ${r.rules.join(", ")}` : ""}` },
    { key: "status", label: "Status", value: (r) => (r.provisional ? "provisional" : ""), display: (r) => (r.provisional ? "Provisional" : "") },
    { key: "annotation", label: "Breaks and notes", value: (r) => r.annotation ?? "", display: (r) => r.annotation ?? "" },
    ...(actions.length > 0 ? [{ key: "actions", label: "Actions", value: (r: XmrRow) => r.actions ?? "", display: (r: XmrRow) => r.actions ?? "" }] : []),
  ];

  const seasonal = toSeasonalRows(wide.points);
  const seasonalColumns: TableColumn<(typeof seasonal.rows)[number]>[] = [
    { key: "month", label: "Month", value: (r) => r.label },
    ...seasonal.years.map((year) => ({ key: `y${year}`, label: String(year), value: (r: (typeof seasonal.rows)[number]) => r[`y${year}`] ?? null, display: (r: (typeof seasonal.rows)[number]) => value(r[`y${year}`] ?? null), numeric: true })),
  ];

  const cumulative = toCumulativeRows(wide.points, to, unit);
  const thisFy = `FY ${financialYearOf(to)}`;
  const lastFy = `FY ${financialYearOf(addMonths(to, -12))}`;
  const cumulativeColumns: TableColumn<CumulativeRow>[] = [
    { key: "month", label: "Month", value: (r) => r.label },
    { key: "current", label: `${thisFy} to date`, value: (r) => r.current, display: (r) => value(r.current), numeric: true },
    { key: "previous", label: lastFy, value: (r) => r.previous, display: (r) => value(r.previous), numeric: true },
  ];
  const span = `${formatMonth(from)} to ${formatMonth(to)}`;
  const caption = { source: indicator.source, isSample: indicator.isSample };
  const fytd = series.comparisons.find((c) => c.period === "financial year to date");

  return (
    <>
      <ChartFrame title={`${where}: monthly, with the previous year`} {...caption} period={span} summary={trendSummary(trendRows, indicator.name, area.name, unit)} columns={trendColumns} rows={[...trendRows].reverse()} testId="trend" tableOpen notes={actions.length > 0 ? <ActionList actions={actions} from={from} to={to} /> : undefined}>
        <TrendChart rows={trendRows} unit={unit} title={`${where}, monthly`} actionReferences={actionReferences} />
      </ChartFrame>
      {/* Below the trend's table (out of view on a first look): the district's panel and the other charts, one per task. */}
      <Deferred placeholderHeight={1200}>
      {afterTrend}
      {series.spc && (
        <ChartFrame
          title={`${where}: statistical process control (XmR)`}
          {...caption}
          period={span}
          summary={`${series.spc.sentence}${actionSentence(xmrRows)}`}
          columns={xmrColumns}
          rows={xmrRows}
          testId="xmr"
          notes={
            <p className="note">
              <VariationIcon variation={series.spc.variation} side={series.spc.points.at(-1)?.side ?? null} size={28} /> Process limits are the mean ± 2.66 × the mean moving range (Making Data Count);{" "}
              {series.spc.trialLimits ? "fewer than 12 months since the last break: the limits are provisional." : "limits from the months shown, recomputed after each series break."}
            </p>
          }
        >
          <XmrChart rows={xmrRows} unit={unit} actionReferences={actionReferences} />
        </ChartFrame>
      )}
      {seasonal.years.length > 1 && (
        <ChartFrame
          title={`${where}: each year by month`}
          {...caption}
          period={seasonal.years.length > 1 ? `${seasonal.years[0]} to ${seasonal.years[seasonal.years.length - 1]}` : span}
          summary={`${seasonal.years.join(", ")} overlaid month by month, so a seasonal rise is not mistaken for a change.`}
          columns={seasonalColumns}
          rows={seasonal.rows}
          testId="seasonal"
        >
          <SeasonalChart rows={seasonal.rows} years={seasonal.years} unit={unit} />
        </ChartFrame>
      )}
      {cumulative && (
        <ChartFrame
          title={`${where}: financial year to date`}
          {...caption}
          period={`${thisFy} to ${formatMonth(to)}, against ${lastFy}`}
          summary={fytd?.sentence ?? `${thisFy} to ${formatMonth(to)} against the same months of ${lastFy}.`}
          columns={cumulativeColumns}
          rows={cumulative}
          testId="fytd"
        >
          <CumulativeChart rows={cumulative} unit={unit} currentLabel={`${thisFy} to date`} previousLabel={lastFy} />
        </ChartFrame>
      )}
      </Deferred>
    </>
  );
}

/** The actions marked on the trend, as links (keyboard-reachable; printed with the chart). */
function ActionList({ actions, from, to }: { actions: readonly ActionView[]; from: Month; to: Month }) {
  return (
    <div className="chart-actions-list" data-testid="trend-actions">
      <h3>Actions on this indicator ({actions.length})</h3>
      <ul>
        {actions.map((a) => (
          <li key={a.id} data-reference={a.reference}>
            <strong>{a.reference}</strong> ({a.status}, {a.owner}, raised {a.raisedOn}, marked at {formatMonth(a.month)}
            {a.month < from || a.month > to ? ": outside the months shown" : ""}): {a.text}{" "}
            {a.meetingId ? <Link to={`/meetings/${a.meetingId}`}>{`${a.reference}: its meeting`}</Link> : <Link to={`/actions?owner=${encodeURIComponent(a.owner)}`}>{`${a.reference}: the action log`}</Link>}
          </li>
        ))}
      </ul>
    </div>
  );
}
