import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { formatMonth, formatValue, PRIORITIES, type Freshness, type Month } from "@scrutiny/domain";
import type { OverviewRow } from "@scrutiny/api";
import { overviewQuery } from "../../api/queries";
import { useArea } from "../../app/useArea";
import { AreaSelect } from "../../components/AreaSelect";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { Field } from "../../components/Field";
import { SourceBadge } from "../../components/SourceBadge";
import { comparisonCell, sortRows, variationLabel, type ScorecardSort } from "./scorecard";
import { FreshnessBadge } from "../status/FreshnessBadge";
import { useFreshness } from "../status/useFreshness";
import { Sparkline } from "./Sparkline";
import "./scorecard.css";

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
  const overview = useQuery(overviewQuery(area));
  // Late / no-data flags are the force's: a district's figures arrive in the force's files.
  const freshness = useFreshness(overview.data ? (overview.data.area.parentCode ?? overview.data.area.code) : undefined);
  const setParam = (key: string, value: string) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });

  const allRows = overview.data?.rows ?? [];
  const rows = sortRows(
    allRows.filter((r) => !priority || r.indicator.priority === priority),
    sort,
  );
  const priorities = [...PRIORITIES, ...allRows.map((r) => r.indicator.priority)].filter((p, i, all) => all.indexOf(p) === i && allRows.some((r) => r.indicator.priority === p));
  const groups: [string, OverviewRow[]][] =
    sort === "concern" ? [["Most concerning first", rows]] : priorities.filter((p) => !priority || p === priority).map((p) => [p, rows.filter((r) => r.indicator.priority === p)]);
  const concerning = allRows.filter((r) => r.concern >= 4).length;

  return (
    <>
      <div className="page-head">
        <h1>Performance overview{overview.data ? `: ${overview.data.area.name}` : ""}</h1>
        <div className="filters">
          <AreaSelect />
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
      <p className="lede">
        Each indicator's latest month against a year earlier: the same month, the 12 months to it, and the financial year to
        date. <strong>Worse</strong> or <strong>better</strong> is only said when the change is more than chance would explain
        (95%); percentages change in percentage points. {overview.data ? `${concerning} indicator${concerning === 1 ? "" : "s"} show a special-cause concern or a significant deterioration over 12 months.` : ""}
      </p>
      {overview.isPending && <Loading what="the scorecard" />}
      {overview.isError && <ErrorMessage error={overview.error} />}
      {groups.map(([heading, groupRows]) => (
        <section key={heading} aria-labelledby={`group-${slug(heading)}`} className="priority">
          <h2 id={`group-${slug(heading)}`}>{heading}</h2>
          <ScorecardTable rows={groupRows} area={area} caption={heading} freshness={freshness} />
        </section>
      ))}
    </>
  );
}

function ScorecardTable({ rows, area, caption, freshness }: { rows: OverviewRow[]; area: string; caption: string; freshness: ReadonlyMap<string, Freshness> }) {
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
            <th scope="col">Last 36 months</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <ScorecardRow key={row.indicator.id} row={row} area={area} freshness={freshness.get(row.indicator.id)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ScorecardRow({ row, area, freshness }: { row: OverviewRow; area: string; freshness: Freshness | undefined }) {
  const { indicator, latest } = row;
  const period = (name: string) => row.comparisons.find((c) => c.period === name);
  const spc = variationLabel(row.variation, row.trialLimits);
  return (
    <tr data-indicator={indicator.id}>
      <th scope="row">
        <Link to={`/indicator/${indicator.id}?area=${area}`}>{indicator.name}</Link>
        <div className="row-meta">
          <SourceBadge source={indicator.source} isSample={indicator.isSample} />
          {freshness && <FreshnessBadge status={freshness.status} latestHeld={freshness.latestHeld} expectedLatest={freshness.expectedLatest} />}
          {row.missingMonths.length > 0 && (
            <span className="badge badge-missing" title={`No figure for ${row.missingMonths.map((m) => formatMonth(m as Month)).join(", ")}`}>
              {row.missingMonths.length} of last 12 months missing
            </span>
          )}
        </div>
      </th>
      <td className="num" data-key="latest" data-value={latest?.value ?? ""}>
        <span className="value">{formatValue(indicator.unit, latest?.value)}</span>
        <span className="month">{latest ? formatMonth(latest.month as Month) : ""}</span>
      </td>
      {(["same month last year", "rolling 12 months", "financial year to date"] as const).map((name) => {
        const cell = comparisonCell(indicator.unit, indicator.direction, period(name));
        return (
          <td key={name} className={`num judgement-${cell.judgement.replace(/ /g, "-")}`} title={cell.sentence} data-key={name}>
            {cell.judgement === "worse" && <span aria-hidden="true">⚠ </span>}
            {cell.judgement === "better" && <span aria-hidden="true">✓ </span>}
            {cell.text}
            {(cell.judgement === "worse" || cell.judgement === "better") && <span className="visually-hidden"> ({cell.judgement}, significant)</span>}
          </td>
        );
      })}
      <td className={`spc spc-${row.variation ?? "none"}`}>
        <span aria-hidden="true" className="spc-symbol">
          {spc.symbol}
        </span>{" "}
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
