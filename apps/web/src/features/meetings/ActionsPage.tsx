import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { ApiError, CSRF_HEADERS, unwrap } from "../../api/client";
import { ACTION_STATUSES, formatDate } from "@scrutiny/domain";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { CompleteAction } from "./MeetingPage";
import { actionsQuery } from "./queries";
import "./meetings.css";

/** The action log: every action with its reference, owner, due date and status; filters in the URL. */
export function ActionsPage() {
  const [params, setParams] = useSearchParams();
  const status = (ACTION_STATUSES as readonly string[]).includes(params.get("status") ?? "") ? params.get("status")! : "";
  const owner = params.get("owner") ?? "";
  const overdue = params.get("overdue") === "1";
  const actions = useQuery(actionsQuery({ status, owner, overdue }));
  const set = (key: string, value: string) =>
    setParams(
      (p) => {
        if (value) p.set(key, value);
        else p.delete(key);
        return p;
      },
      { replace: true },
    );
  return (
    <>
      <h1>Action log</h1>
      <p className="lede">Actions raised at the meetings, numbered as in the minutes (89/14: the 89th action of 2014). Open ones return as matters arising at the next meeting.</p>
      <div className="filters" role="group" aria-label="Filter the actions">
        <label>
          Status
          <select value={status} onChange={(e) => set("status", e.target.value)}>
            <option value="">any</option>
            {ACTION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Owner
          <input value={owner} onChange={(e) => set("owner", e.target.value.trim())} size={8} placeholder="e.g. WK" />
        </label>
        <label className="checkbox">
          <input type="checkbox" checked={overdue} onChange={(e) => set("overdue", e.target.checked ? "1" : "")} /> Overdue only
        </label>
      </div>
      <ImportLog />
      {actions.isPending && <Loading what="the actions" />}
      {actions.isError && <ErrorMessage error={actions.error} />}
      {actions.data && actions.data.length === 0 && <p className="status">No actions match.</p>}
      {actions.data && actions.data.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Actions">
          <table data-testid="actions-table">
            <caption className="visually-hidden">Actions, latest first</caption>
            <thead>
              <tr>
                <th scope="col">Ref.</th>
                <th scope="col">Action</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {actions.data.map((a) => (
                <tr key={a.id} data-reference={a.reference} data-example={a.isExample ? "1" : undefined}>
                  <th scope="row">{a.reference}</th>
                  <td>
                    {a.text}
                    {a.isExample && <span className="tag"> example from the public minutes</span>}
                    {a.meetingId && (
                      <>
                        {" "}
                        <Link to={`/meetings/${a.meetingId}`}>meeting</Link>
                      </>
                    )}
                    {a.history.length > 1 && <p className="muted">{a.history.map((h) => `${h.at.slice(0, 10)} ${h.status}${h.note ? `: ${h.note}` : ""}`).join("; ")}</p>}
                    <CompleteAction action={a} invalidate={[["actions"]]} />
                  </td>
                  <td>{a.owner}</td>
                  <td>{a.dueDate ? formatDate(a.dueDate) : "—"}</td>
                  <td>
                    {a.status}
                    {a.overdue && <strong className="overdue"> overdue</strong>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

interface ImportResult {
  file: string;
  imported: number;
  references: string[];
}

/** Brings in an existing action log (CSV), keeping its references; all or nothing, each problem with its line, column and value. */
function ImportLog() {
  const queryClient = useQueryClient();
  const [problems, setProblems] = useState<{ line: number; column: string; value: string; message: string }[]>([]);
  const importing = useMutation({
    mutationFn: async (file: File) => {
      const body = new FormData();
      body.set("file", file);
      return unwrap<ImportResult>((await fetch("/api/actions/import", { method: "POST", headers: CSRF_HEADERS, body })) as never);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["actions"] }),
    onError: (e) => setProblems(e instanceof ApiError && Array.isArray(e.body.problems) ? (e.body.problems as typeof problems) : []),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setProblems([]);
    const file = new FormData(event.currentTarget).get("file");
    if (file instanceof File && file.size > 0) importing.mutate(file);
  };
  return (
    <details className="panel import-log" open={importing.isError || importing.isSuccess}>
      <summary>Import an existing action log (CSV)</summary>
      <p className="note">
        Columns: <code>reference,meeting,meeting_date,text,owner,due_date,status,note</code> and, optionally, <code>indicator</code> (as the example log from the public minutes). References are kept as written. If a reference is already on the log, or any row has a problem, nothing is imported.
      </p>
      <form onSubmit={submit} className="inline-form" noValidate>
        <label>
          Action log file
          <input type="file" name="file" accept=".csv,text/csv" />
        </label>
        <button type="submit" className="button" disabled={importing.isPending}>
          Import actions
        </button>
      </form>
      {importing.isSuccess && (
        <p className="status" role="status" data-testid="import-result">
          Imported {importing.data.imported} actions from {importing.data.file}: {importing.data.references.join(", ")}.
        </p>
      )}
      {importing.isError && (
        <div className="status status-error" role="alert" data-testid="import-problems">
          <p>{importing.error.message}</p>
          {problems.length > 1 && (
            <ul>
              {problems.slice(0, 20).map((p) => (
                <li key={`${p.line}|${p.column}|${p.message}`}>
                  Line {p.line}, column {p.column}
                  {p.value ? ` ("${p.value}")` : ""}: {p.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </details>
  );
}
