import { useQuery } from "@tanstack/react-query";
import { useDeployment } from "../../app/deployment";
import { useSearchParams } from "react-router";
import { formatMonth, isMonth, type Month } from "@scrutiny/domain";
import type { DataStatusRow, DataStatusSource } from "@scrutiny/api";
import { dataStatusQuery } from "../../api/queries";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { SourceBadge } from "../../components/SourceBadge";
import { FreshnessBadge } from "./FreshnessBadge";
import "./status.css";

const CADENCE: Record<string, string> = { monthly: "Monthly", quarterly: "Quarterly", "six-monthly": "Six-monthly", annual: "Annual" };

/**
 * What is late or missing, by source: each indicator's latest month held against the latest its
 * cadence and lag say should be held now, the recent periods with no figure, and the districts
 * missing from the latest month. ?asOf=YYYY-MM shows the view as it was (or will be) in a month.
 */
export function DataStatusPage() {
  const [params] = useSearchParams();
  const asOfParam = params.get("asOf");
  const asOf = asOfParam && isMonth(asOfParam) ? asOfParam : undefined;
  const deployment = useDeployment();
  const status = useQuery(dataStatusQuery({ force: deployment.code, ...(asOf ? { asOf } : {}) }));
  return (
    <>
      <h1>Data status{status.data ? `: ${status.data.force.name}` : ""}</h1>
      <p className="lede">
        Which figures are late or missing, by source. An indicator is late when its latest month held is older than the latest month
        its cadence and expected lag say should have arrived (a monthly return due a month after the month ends, police.uk about two
        months after, NFIB fraud data six-monthly).
      </p>
      {deployment.note && (
        <p className="banner" role="note" data-testid="essex-only">
          {deployment.note}
        </p>
      )}
      {status.isPending && <Loading what="the data status" />}
      {status.isError && <ErrorMessage error={status.error} />}
      {status.data && (
        <>
          <p className="status-summary" data-testid="status-summary">
            As of {formatMonth(status.data.asOf as Month)}: <strong>{status.data.counts.late} late</strong>, <strong>{status.data.counts.noData} with no data</strong>, {status.data.counts.onTime} on time.
          </p>
          <nav aria-label="Sources" className="source-index">
            <ul>
              {status.data.sources.map((s) => (
                <li key={s.source}>
                  <a href={`#source-${slug(s.source)}`}>{s.isSample ? "Sample data" : s.source}</a> ({s.counts.late} late, {s.counts.noData} no data)
                </li>
              ))}
            </ul>
          </nav>
          {status.data.sources.map((source) => (
            <SourceSection key={source.source} source={source} />
          ))}
        </>
      )}
    </>
  );
}

function SourceSection({ source }: { source: DataStatusSource }) {
  const first = source.rows[0]?.freshness;
  // A source whose indicators all stand at the same months is said in one sentence; its table
  // stays one click away. Otherwise the table is open, the indicators needing attention first.
  const uniform = first !== undefined && source.rows.every((r) => r.freshness.status === first.status && r.freshness.latestHeld === first.latestHeld && r.freshness.expectedLatest === first.expectedLatest);
  const table = (
    <div className="table-scroll">
      <table className="status-table">
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">Status</th>
            <th scope="col">Cadence, due</th>
            <th scope="col">Latest held</th>
            <th scope="col">Latest due</th>
            <th scope="col">Gaps (last 12 periods)</th>
            <th scope="col">Areas missing from the latest month</th>
          </tr>
        </thead>
        <tbody>
          {source.rows.map((row) => (
            <StatusRow key={row.indicator.id} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section aria-labelledby={`source-${slug(source.source)}`} className="status-source" data-source={source.source}>
      <h2 id={`source-${slug(source.source)}`}>
        {source.source} <SourceBadge source={source.source} isSample={source.isSample} />
      </h2>
      {uniform && first ? (
        <>
          <p className="source-sentence">
            <FreshnessBadge status={first.status} latestHeld={first.latestHeld} expectedLatest={first.expectedLatest} />{" "}
            {uniformSentence(source.rows.length, first.status, first.latestHeld, first.expectedLatest)}
          </p>
          <details>
            <summary>{source.rows.length === 1 ? "The indicator" : `The ${source.rows.length} indicators`}</summary>
            {table}
          </details>
        </>
      ) : (
        <>
          <p className="status">
            {source.rows.length} indicators: {source.counts.late} late, {source.counts.noData} with no data, {source.counts.onTime} on time.
          </p>
          {table}
        </>
      )}
    </section>
  );
}

function uniformSentence(count: number, status: DataStatusRow["freshness"]["status"], latestHeld: string | null, expectedLatest: string): string {
  const all = count === 1 ? "The indicator" : `All ${count} indicators`;
  const due = formatMonth(expectedLatest as Month);
  if (status === "no data") return `${all}: no figures held yet; ${due} is due.`;
  const held = formatMonth(latestHeld as Month);
  return status === "late" ? `${all}: latest held ${held}, but ${due} is due.` : `${all}: up to date to ${held} (${due} due).`;
}

function StatusRow({ row }: { row: DataStatusRow }) {
  const { indicator, freshness } = row;
  const missing = freshness.missing;
  return (
    <tr data-indicator={indicator.id}>
      <th scope="row">{indicator.name}</th>
      <td>
        <FreshnessBadge status={freshness.status} latestHeld={freshness.latestHeld} expectedLatest={freshness.expectedLatest} />
        {freshness.periodsBehind > 0 && <span className="behind"> {freshness.periodsBehind} {freshness.periodsBehind === 1 ? "period" : "periods"} behind</span>}
      </td>
      <td>
        {CADENCE[indicator.cadence] ?? indicator.cadence}, {indicator.expectedLagMonths} {indicator.expectedLagMonths === 1 ? "month" : "months"} after
      </td>
      <td>{freshness.latestHeld ? formatMonth(freshness.latestHeld as Month) : "—"}</td>
      <td>{formatMonth(freshness.expectedLatest as Month)}</td>
      <td>{missing.length === 0 ? "none" : missing.length > 4 ? `${missing.length} periods, ${formatMonth(missing[0] as Month)} to ${formatMonth(missing[missing.length - 1] as Month)}` : missing.map((m) => formatMonth(m as Month)).join(", ")}</td>
      <td>{row.areasMissingInLatest.length === 0 ? "none" : row.areasMissingInLatest.length > 5 ? `${row.areasMissingInLatest.length} areas` : row.areasMissingInLatest.map((a) => a.name).join(", ")}</td>
    </tr>
  );
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}
