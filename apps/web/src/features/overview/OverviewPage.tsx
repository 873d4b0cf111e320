import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatChange, formatMonth, formatValue, PRIORITIES, type Month } from "@scrutiny/domain";
import type { OverviewRow } from "@scrutiny/api";
import { overviewQuery } from "../../api/queries";
import { useArea } from "../../app/useArea";
import { AreaSelect } from "../../components/AreaSelect";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { SourceBadge } from "../../components/SourceBadge";
import { Sparkline } from "./Sparkline";

/** Indicators by Police and Crime Plan priority: latest value, change on last year, 36-month sparkline. */
export function OverviewPage() {
  const [area] = useArea();
  const overview = useQuery(overviewQuery(area));
  const rows = overview.data?.rows ?? [];
  const priorities = [...PRIORITIES, ...new Set(rows.map((r) => r.indicator.priority))].filter(
    (p, i, all) => all.indexOf(p) === i && rows.some((r) => r.indicator.priority === p),
  );
  return (
    <>
      <div className="page-head">
        <h1>Performance overview{overview.data ? `: ${overview.data.area.name}` : ""}</h1>
        <AreaSelect />
      </div>
      <p className="lede">
        Each indicator's latest month, compared with the same month a year earlier. Counts show the change and its percentage;
        rates show percentage points.
      </p>
      {overview.isPending && <Loading what="the overview" />}
      {overview.isError && <ErrorMessage error={overview.error} />}
      {priorities.map((priority) => {
        const inPriority = rows.filter((r) => r.indicator.priority === priority);
        const sources = [...new Set(inPriority.map((r) => r.indicator.source))];
        return (
          <section key={priority} aria-labelledby={`priority-${slug(priority)}`} className="priority">
            <h2 id={`priority-${slug(priority)}`}>{priority}</h2>
            {sources.map((source) => (
              <OverviewTable
                key={source}
                rows={inPriority.filter((r) => r.indicator.source === source)}
                area={area}
                caption={sources.length > 1 ? `${priority}: ${source}` : undefined}
              />
            ))}
          </section>
        );
      })}
    </>
  );
}

function OverviewTable({ rows, area, caption }: { rows: OverviewRow[]; area: string; caption: string | undefined }) {
  return (
    <div className="table-scroll">
      <table className="overview-table">
        {caption && <caption>{caption}</caption>}
        <colgroup>
          <col className="col-name" />
          <col className="col-month" />
          <col className="col-value" />
          <col className="col-value" />
          <col className="col-change" />
          <col className="col-spark" />
          <col className="col-source" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">Latest month</th>
            <th scope="col" className="num">Latest</th>
            <th scope="col" className="num">Same month last year</th>
            <th scope="col" className="num">Change</th>
            <th scope="col">Last 36 months</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <OverviewTableRow key={row.indicator.id} row={row} area={area} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OverviewTableRow({ row, area }: { row: OverviewRow; area: string }) {
  const { indicator, latest, sameMonthLastYear, change } = row;
  return (
    <tr>
      <th scope="row">
        <Link to={`/indicator/${indicator.id}?area=${area}`}>{indicator.name}</Link>
      </th>
      <td>{latest ? formatMonth(latest.month as Month) : "—"}</td>
      <td className="num">{formatValue(indicator.unit, latest?.value)}</td>
      <td className="num">{formatValue(indicator.unit, sameMonthLastYear?.value)}</td>
      <td className="num">{sameMonthLastYear ? formatChange(indicator.unit, change) : "no figure a year earlier"}</td>
      <td>
        <Sparkline
          // Quarterly series have a value every third month: draw their quarters, not gaps between them.
          points={indicator.cadence === "monthly" ? row.sparkline : row.sparkline.filter((p) => p.value !== null)}
          unit={indicator.unit}
          label={indicator.name}
        />
      </td>
      <td>
        <SourceBadge source={indicator.source} isSample={indicator.isSample} />
      </td>
    </tr>
  );
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}
