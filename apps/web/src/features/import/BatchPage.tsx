import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { areasQuery, importBatchQuery, indicatorsQuery } from "../../api/queries";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { changeCounts, dateTime, figure } from "./importText";
import "./import.css";

/** One import: its file, who and when, and every value it created, revised or restated. */
export function BatchPage() {
  const { batchId = "" } = useParams();
  const batch = useQuery(importBatchQuery(batchId));
  const { data: indicators = [] } = useQuery(indicatorsQuery());
  const { data: areas = [] } = useQuery(areasQuery());
  if (batch.isPending) return <Loading what="the import" />;
  if (batch.isError) return <ErrorMessage error={batch.error} />;
  const { batch: entry, changes } = batch.data;
  const indicatorName = (id: string) => indicators.find((i) => i.id === id)?.name ?? id;
  const areaName = (code: string) => areas.find((a) => a.code === code)?.name ?? code;
  const total = entry.counts.created + entry.counts.revised + entry.counts.unchanged;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/import">Import</Link> › {entry.file}
      </p>
      <h1>{entry.file}</h1>
      <p className="lede" data-testid="batch-summary">
        Imported {dateTime(entry.importedAt)} by {entry.importedBy ?? "the data build"}: {changeCounts(entry.counts)}.{" "}
        {entry.status === "rolled back" ? `Rolled back ${dateTime(entry.rolledBackAt)} by ${entry.rolledBackBy ?? "—"}.` : "Active."} sha256 {entry.checksum.slice(0, 12)}…
      </p>
      {changes.length < total && <p className="status">Showing the first {changes.length.toLocaleString("en-GB")} of {total.toLocaleString("en-GB")} values: revisions first.</p>}
      <div className="table-scroll">
        <table className="history-table" data-testid="batch-changes">
          <thead>
            <tr>
              <th scope="col">Indicator</th>
              <th scope="col">Area</th>
              <th scope="col">Month</th>
              <th scope="col">Change</th>
              <th scope="col" className="num">Before</th>
              <th scope="col" className="num">After</th>
              <th scope="col">
                <span className="visually-hidden">History</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={`${c.indicator_id}|${c.area_code}|${c.month}`}>
                <th scope="row">{indicatorName(c.indicator_id)}</th>
                <td>{areaName(c.area_code)}</td>
                <td>{c.month}</td>
                <td>{c.change === "created" ? "new" : c.change}</td>
                <td className="num">{figure(c.old_value)}</td>
                <td className="num">{figure(c.new_value)}</td>
                <td>
                  <Link to={`/history?indicator=${c.indicator_id}&area=${c.area_code}&month=${c.month}`}>History</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
