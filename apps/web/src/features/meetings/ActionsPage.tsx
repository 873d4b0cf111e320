import { useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
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
