import { useQuery } from "@tanstack/react-query";
import { useDeferredValue } from "react";
import { Link, useSearchParams } from "react-router";
import { formatMonth, formatValue, isMonth, PRIORITIES, TREND_WINDOW_MONTHS, type Month } from "@scrutiny/domain";
import type { HistoricalRow, OverviewRow } from "@scrutiny/api";
import { overviewQuery } from "../../api/queries";
import { useArea } from "../../app/useArea";
import { AreaSelect } from "../../components/AreaSelect";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { Field } from "../../components/Field";
import { SourceBadge } from "../../components/SourceBadge";
import { comparisonCell, sortRows, variationLabel, type ScorecardSort } from "./scorecard";
import { FreshnessBadge } from "../status/FreshnessBadge";
import { VariationIcon } from "../../components/VariationIcon";
import { Sparkline } from "./Sparkline";
import { fytdWords } from "../indicator/fytdWords";
import "./scorecard.css";

const monthOf = (params: URLSearchParams) => {
  const month = params.get("month");
  return month && isMonth(month) ? month : undefined;
};

/**
 * The scorecard's query for a URL that names its area (the same key the page asks for), so that a
 * first visit can start it before the deployment's force is known; undefined without `?area=`.
 */
export function overviewQueryFor(params: URLSearchParams) {
  const area = params.get("area");
  return area ? overviewQuery(area, monthOf(params)) : undefined;
}

/**
 * The scorecard: every indicator by Police and Crime Plan priority, with the latest month against
 * last year three ways, the SPC state, the MSG position and what is missing. Area, priority and
 * sort live in the URL so that a link reproduces the view.
 */
export function OverviewPage() {
  const [area] = useArea();
  const [params, setParams] = useSearchParams();
  const priority = params.get("priority") ?? "";
  const sort: ScorecardSort = params.get("sort") === "concern" ? "concern" : "priority";
  const month = monthOf(params);
  const overview = useQuery(overviewQuery(area, month));
  const setParam = (key: string, value: string) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  // The tables' first appearance is rendered in a deferred pass (decision 114b): the heading, the
  // banner and the lede are drawn as soon as the answer is in, with the loading message still in the
  // tables' place, and React renders the tables (about 1,400 elements) in slices that let the
  // browser paint and answer input in between. Tables already on screen are replaced at once, so a
  // change of area, month or filter never shows the previous view's figures.
  // (null, not undefined, as the initial value: the page often mounts with the answer already in.)
  const deferred = useDeferredValue(overview.data ?? null, null);
  const tables = deferred === null ? undefined : overview.data;
  const allRows = overview.data?.rows ?? [];
  const priorities = [...PRIORITIES, ...allRows.map((r) => r.indicator.priority)].filter((p, i, all) => all.indexOf(p) === i && allRows.some((r) => r.indicator.priority === p));
  const rows = sortRows(
    (tables?.rows ?? []).filter((r) => !priority || r.indicator.priority === priority),
    sort,
  );
  const groups: [string, OverviewRow[]][] =
    !tables ? [] : sort === "concern" ? [["Most concerning first", rows]] : priorities.filter((p) => !priority || p === priority).map((p) => [p, rows.filter((r) => r.indicator.priority === p)]);
  const concerning = allRows.filter((r) => r.concern >= 4).length;
  const months = overview.data?.months ?? [];
  const shownMonth = overview.data?.month ?? month ?? "";

  return (
    <>
      <div className="page-head">
        <h1>Performance overview{overview.data ? `: ${overview.data.area.name}` : ""}</h1>
        <div className="filters">
          <AreaSelect />
          <Field label="Figures to">
            <select value={shownMonth} onChange={(e) => setParam("month", e.target.value === overview.data?.latestMonth ? "" : e.target.value)}>
              {shownMonth && !months.includes(shownMonth as Month) && <option value={shownMonth}>{formatMonth(shownMonth as Month)}</option>}
              {months.map((m) => (
                <option key={m} value={m}>
                  {formatMonth(m)}
                  {m === overview.data?.latestMonth ? " (latest)" : ""}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Priority">
            <select value={priority} onChange={(e) => setParam("priority", e.target.value)}>
              <option value="">All priorities</option>
              {priorities.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Order">
            <select value={sort} onChange={(e) => setParam("sort", e.target.value === "concern" ? "concern" : "")}>
              <option value="priority">By plan priority</option>
              <option value="concern">Most concerning first</option>
            </select>
          </Field>
        </div>
      </div>
      {overview.data ? (
        <p className="banner" role="status" data-testid="reporting-banner">
          {overview.data.banner}
        </p>
      ) : (
        // The banner's place is kept while the scorecard loads, so the text below does not move when it arrives.
        <p className="banner banner-pending" aria-hidden="true">
          {"\u00a0"}
        </p>
      )}
      <p className="lede">
        Each indicator's latest month against a year earlier: the same month, the 12 months to it, and the financial year to
        date. <strong>Worse</strong> or <strong>better</strong> is only said when the change is more than chance would explain
        (95%); percentages change in percentage points.
      </p>
      {/* The count in a paragraph of its own, so the lede above is drawn once, whole, before any data
          (the page's largest text: a phone's first meaningful paint), and never redrawn larger (decision 115e). */}
      <p className="lede concern-count" data-testid="concern-count" aria-hidden={overview.data ? undefined : true}>
        {overview.data ? `${concerning} indicator${concerning === 1 ? "" : "s"} show a special-cause concern or a significant deterioration over 12 months.` : "\u00a0"}
      </p>
      {overview.isPending && <Loading what="the scorecard" reserve />}
      {/* A new message, not the one above moved down by the lede's longer text: it stands for the
          tables until their deferred pass (React renders the two slots as two elements). */}
      {overview.data && !tables && <Loading what="the scorecard" reserve />}
      {overview.isError && <ErrorMessage error={overview.error} />}
      {groups.map(([heading, groupRows]) => (
        // A section away from the screen is laid out and painted only as it comes near (content-visibility
        // in scorecard.css); until then it stands at about its height, so the scroll bar is near right.
        <section key={heading} aria-labelledby={`group-${slug(heading)}`} className="priority" style={{ containIntrinsicBlockSize: `auto ${80 + 100 * groupRows.length}px` }}>
          <h2 id={`group-${slug(heading)}`}>{heading}</h2>
          <ScorecardTable rows={groupRows} area={area} areaName={overview.data?.area.name ?? ""} caption={heading} month={overview.data?.month ?? null} />
        </section>
      ))}
      {tables && tables.historical.length > 0 && <HistoricalSection rows={tables.historical} area={area} month={tables.month} />}
    </>
  );
}

/**
 * Series that ended more than 12 months before the reporting month (METHODS.md): listed with the
 * month they end, folded away, never compared or ranked with the current ones.
 */
function HistoricalSection({ rows, area, month }: { rows: HistoricalRow[]; area: string; month: Month | null }) {
  return (
    <section aria-labelledby="historical-heading" className="historical">
      <details data-testid="historical">
        <summary>
          <h2 id="historical-heading">
            Historical series ({rows.length}): ended more than 12 months before {month ? formatMonth(month) : "the reporting month"}, not compared
          </h2>
        </summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Historical series, with the month each ends</caption>
            <thead>
              <tr>
                <th scope="col">Indicator</th>
                <th scope="col">Source</th>
                <th scope="col">Ends</th>
                <th scope="col" className="num">Last figure</th>
                <th scope="col">Breaks and notes</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.indicator.id} data-indicator={row.indicator.id}>
                  <th scope="row">
                    <Link to={`/indicator/${row.indicator.id}?area=${area}&to=${row.endsIn}`}>{row.indicator.name}</Link>
                  </th>
                  <td>{row.indicator.source}</td>
                  <td>{formatMonth(row.endsIn)}</td>
                  <td className="num">{formatValue(row.indicator.unit, row.latest.value)}</td>
                  <td>{row.annotations.map((a) => `${a.kind === "break" ? "Break" : "Note"}, ${formatMonth(a.month)}`).join("; ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function ScorecardTable({ rows, area, areaName, caption, month }: { rows: OverviewRow[]; area: string; areaName: string; caption: string; month: Month | null }) {
  return (
    <div className="table-scroll">
      <table className="scorecard">
        <caption className="visually-hidden">{caption}: scorecard</caption>
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col" className="num">Latest</th>
            <th scope="col" className="num">vs same month last year</th>
            <th scope="col" className="num">12 months vs previous 12</th>
            <th scope="col" className="num">Financial year to date</th>
            <th scope="col">SPC</th>
            <th scope="col">MSG</th>
            <th scope="col">Last {TREND_WINDOW_MONTHS} months</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ScorecardRow key={row.indicator.id} row={row} area={area} areaName={areaName} month={month} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ScorecardRow({ row, area, areaName, month }: { row: OverviewRow; area: string; areaName: string; month: Month | null }) {
  const { indicator, latest, freshness } = row;
  const period = (name: string) => row.comparisons.find((c) => c.period === name);
  const spc = variationLabel(row.variation, row.trialLimits);
  return (
    <tr data-indicator={indicator.id}>
      <th scope="row">
        <Link to={`/indicator/${indicator.id}?area=${area}${month && latest ? `&to=${latest.month}` : ""}`}>{indicator.name}</Link>
        <div className="row-meta">
          <SourceBadge source={indicator.source} isSample={indicator.isSample} />
          {/* Late is judged for the reporting month; on time needs no badge (70 identical badges say nothing). */}
          {freshness.status !== "on time" && <FreshnessBadge status={freshness.status} latestHeld={freshness.latestHeld} expectedLatest={freshness.expectedLatest} />}
          {row.provisional && (
            <span className="badge badge-provisional" title={row.provisional.reason}>
              Provisional: outcomes immature
            </span>
          )}
          {row.dataIssue && (
            <span className="badge badge-issue" title={row.dataIssue.text}>
              {row.dataIssue.kind === "discontinued" ? "Discontinued series" : "Data issue"}
            </span>
          )}
          {row.annotations.some((a) => a.kind === "break") && (
            <span className="badge badge-break" title={row.annotations.filter((a) => a.kind === "break").map((a) => `${formatMonth(a.month)}: ${a.text}`).join(" ")}>
              Series break
            </span>
          )}
          {row.missingMonths.length > 0 && (
            <span className="badge badge-missing" title={`No figure for ${row.missingMonths.map((m) => formatMonth(m as Month)).join(", ")}`}>
              {row.missingMonths.length} of last 12 months missing
            </span>
          )}
        </div>
      </th>
      <td className="num" data-key="latest" data-value={latest?.value ?? ""}>
        <span className="value">{formatValue(indicator.unit, latest?.value)}</span>
        <span className="month">
          {latest ? formatMonth(latest.month as Month) : ""}
          {row.provisional ? " (provisional)" : ""}
        </span>
      </td>
      {(["same month last year", "rolling 12 months", "financial year to date"] as const).map((name) => {
        const cell = comparisonCell(indicator.unit, indicator.direction, period(name));
        // Issue 12: the financial year to date in words ("110,004 crimes in Essex so far this financial year, …").
        const words = name === "financial year to date" ? fytdWords(indicator, areaName, row.comparisons) : null;
        return (
          <td key={name} className={`num judgement-${cell.judgement.replace(/ /g, "-")}`} title={words ? `${words} ${cell.sentence}` : cell.sentence} data-key={name}>
            {cell.judgement === "worse" && <span aria-hidden="true">⚠ </span>}
            {cell.judgement === "not comparable" && period(name)?.comparabilityReason && <span className="visually-hidden">{period(name)?.comparabilityReason} </span>}
            {cell.judgement === "better" && <span aria-hidden="true">✓ </span>}
            {cell.text}
            {(cell.judgement === "worse" || cell.judgement === "better") && <span className="visually-hidden"> ({cell.judgement}, significant)</span>}
            {words && (
              <span className="fytd-so-far" data-testid="fytd-words">
                {words}
              </span>
            )}
          </td>
        );
      })}
      <td className={`spc spc-${row.variation ?? "none"}`}>
        {row.variation ? <VariationIcon variation={row.variation} side={row.spcSide} size={24} /> : null}{" "}
        <span className="spc-text">{spc.text}</span>
      </td>
      <td data-key="msg">
        {row.msg ? <span title={`${row.msg.significance} than the ${row.msg.averageLabel}`}>{row.msg.label}</span> : <span className="muted">—</span>}
        <NationalPositionNote national={row.national} />
      </td>
      <td>
        <Sparkline
          // Quarterly series have a value every third month: draw their quarters, not gaps between them.
          points={indicator.cadence === "monthly" ? row.sparkline : row.sparkline.filter((p) => p.value !== null)}
          unit={indicator.unit}
          label={indicator.name}
        />
      </td>
    </tr>
  );
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

/** Issue 12: the force's national position under its MSG position ("7th of 43 nationally", linked to the ranking). */
function NationalPositionNote({ national }: { national: { label: string; period: string } | null | undefined }) {
  if (!national) return null;
  return (
    <span className="national-position" style={{ display: "block", fontSize: "0.8rem", color: "var(--muted)" }} data-testid="national-position" title={`Position among all force areas, ${national.period}`}>
      {national.label} nationally
    </span>
  );
}
