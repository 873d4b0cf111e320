import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import type { ImportHistoryEntry } from "@scrutiny/api";
import { client } from "../../api/client";
import { importHistoryQuery } from "../../api/queries";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { unwrapSuccess } from "./unwrapSuccess";
import { dateTime } from "./importText";

/** Every indicator-file import, newest first, with its counts and a way to roll it back. */
export function ImportHistory() {
  const history = useQuery(importHistoryQuery());
  if (history.isPending) return <Loading what="the import history" />;
  if (history.isError) return <ErrorMessage error={history.error} />;
  if (history.data.length === 0) return <p className="status">No indicator files have been imported yet.</p>;
  return (
    <div className="table-scroll">
      <table className="history-table" data-testid="import-history">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Imported</th>
            <th scope="col">By</th>
            <th scope="col" className="num">Rows</th>
            <th scope="col" className="num">New</th>
            <th scope="col" className="num">Revised</th>
            <th scope="col" className="num">Unchanged</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {history.data.map((entry) => (
            <HistoryRow key={entry.batchId} entry={entry} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HistoryRow({ entry }: { entry: ImportHistoryEntry }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const rollback = useMutation({
    mutationFn: async () =>
      unwrapSuccess(await client.api.imports[":batchId"].rollback.$post({ param: { batchId: entry.batchId }, json: {} })),
    onSuccess: () => {
      setAsking(false);
      void queryClient.invalidateQueries();
    },
  });
  const rolledBack = entry.status === "rolled back";
  return (
    <>
      <tr data-batch={entry.batchId} className={rolledBack ? "row-rolled-back" : undefined}>
        <th scope="row">
          <Link to={`/import/${encodeURIComponent(entry.batchId)}`}>{entry.file}</Link>
        </th>
        <td>{dateTime(entry.importedAt)}</td>
        <td>{entry.importedBy ?? "—"}</td>
        <td className="num">{entry.rowsRead.toLocaleString("en-GB")}</td>
        <td className="num" data-count="created">{entry.counts.created.toLocaleString("en-GB")}</td>
        <td className="num" data-count="revised">{entry.counts.revised.toLocaleString("en-GB")}</td>
        <td className="num" data-count="unchanged">{entry.counts.unchanged.toLocaleString("en-GB")}</td>
        <td data-status={entry.status}>
          {rolledBack ? (
            <>
              Rolled back {dateTime(entry.rolledBackAt)}
              {entry.rolledBackBy ? ` by ${entry.rolledBackBy}` : ""}
            </>
          ) : (
            "Active"
          )}
        </td>
        <td>
          {!rolledBack && !asking && (
            <button type="button" className="btn" onClick={() => (rollback.reset(), setAsking(true))}>
              Roll back…
            </button>
          )}
        </td>
      </tr>
      {asking && (
        <tr className="rollback-confirm">
          <td colSpan={9}>
            <p>
              Roll back <strong>{entry.file}</strong>? The {entry.counts.created.toLocaleString("en-GB")} new values it added are removed and the{" "}
              {entry.counts.revised.toLocaleString("en-GB")} it revised get their previous values back. The import stays in the history.
            </p>
            <button type="button" className="btn button-danger" disabled={rollback.isPending} onClick={() => rollback.mutate()}>
              {rollback.isPending ? "Rolling back…" : `Roll back ${entry.file}`}
            </button>{" "}
            <button type="button" className="btn" onClick={() => setAsking(false)}>
              Cancel
            </button>
            {rollback.isError && <ErrorMessage error={rollback.error} />}
          </td>
        </tr>
      )}
    </>
  );
}
