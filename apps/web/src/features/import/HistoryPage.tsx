import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { formatMonth, formatValue, isMonth, type Month } from "@scrutiny/domain";
import { areasQuery, indicatorsQuery, observationHistoryQuery } from "../../api/queries";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { dateTime, figure } from "./importText";
import "./import.css";

/**
 * One figure's history: the value shown now, and each file that wrote it (who, when, old and new),
 * including revisions that were rolled back. Reached from an import's changes, or by link:
 * /history?indicator=da-incidents&area=E07000066&month=2025-11.
 */
export function HistoryPage() {
  const [params] = useSearchParams();
  const key = { indicator: params.get("indicator") ?? "", area: params.get("area") ?? "", month: params.get("month") ?? "" };
  const history = useQuery({ ...observationHistoryQuery(key), enabled: key.indicator !== "" && key.area !== "" && isMonth(key.month) });
  const { data: indicators = [] } = useQuery(indicatorsQuery());
  const { data: areas = [] } = useQuery(areasQuery());
  const indicator = indicators.find((i) => i.id === key.indicator);
  const area = areas.find((a) => a.code === key.area);
  if (!isMonth(key.month)) return <ErrorMessage error={new Error("The link needs ?indicator=, &area= and &month=YYYY-MM.")} />;
  const title = `${indicator?.name ?? key.indicator} in ${area?.name ?? key.area}, ${formatMonth(key.month as Month)}`;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/import">Import</Link> › History of a figure
      </p>
      <h1>{title}</h1>
      {history.isPending && <Loading what="the history" />}
      {history.isError && <ErrorMessage error={history.error} />}
      {history.data && (
        <>
          <p className="lede" data-testid="current-value">
            {history.data.current
              ? `Shown now: ${indicator ? formatValue(indicator.unit, history.data.current.value) : history.data.current.value}${history.data.current.status ? ` (${history.data.current.status})` : ""}${history.data.current.note ? `, note: ${history.data.current.note}` : ""}.`
              : "No figure is held for this month."}{" "}
            <Link to={`/indicator/${key.indicator}?area=${key.area}&to=${key.month}`}>See the trend</Link>
          </p>
          {history.data.revisions.length === 0 ? (
            <p className="status">This figure came from a published file, not from an indicator-file import: it has no revisions.</p>
          ) : (
            <div className="table-scroll">
              <table className="history-table" data-testid="revisions">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">By</th>
                    <th scope="col">File</th>
                    <th scope="col">Change</th>
                    <th scope="col" className="num">Old value</th>
                    <th scope="col" className="num">New value</th>
                    <th scope="col">Status / note</th>
                    <th scope="col">Import</th>
                  </tr>
                </thead>
                <tbody>
                  {history.data.revisions.map((r) => (
                    <tr key={r.batch_id} className={r.batch_status === "rolled back" ? "row-rolled-back" : undefined}>
                      <td>{dateTime(r.imported_at)}</td>
                      <td>{r.imported_by ?? "—"}</td>
                      <td>
                        <Link to={`/import/${encodeURIComponent(r.batch_id)}`}>{r.file_name}</Link>
                      </td>
                      <td>{r.change === "created" ? "new" : r.change}</td>
                      <td className="num">{figure(r.old_value)}</td>
                      <td className="num">{figure(r.new_value)}</td>
                      <td>
                        {[r.old_status !== r.new_status ? `${r.old_status ?? "—"} → ${r.new_status ?? "—"}` : r.new_status, r.new_note].filter(Boolean).join("; ") || "—"}
                      </td>
                      <td>{r.batch_status === "rolled back" ? `rolled back ${dateTime(r.rolled_back_at)}${r.rolled_back_by ? ` by ${r.rolled_back_by}` : ""}` : "active"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}
