import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { formatDate, formatMonth, MEETING_KINDS, type Month } from "@scrutiny/domain";
import type { MeetingView } from "@scrutiny/api";
import { requestJson } from "../../api/client";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { meetingsQuery } from "./queries";
import "./meetings.css";
import { FormFooter } from "../../components/FormFooter";

/** "Papers due in 3 days", "Papers were due 2 days ago". */
export function papersCountdown(m: MeetingView): string {
  if (m.packIssuedAt) return `Pack issued ${formatDate(m.packIssuedAt.slice(0, 10))}`;
  const d = m.daysToPapersDue;
  if (d === 0) return "Papers due today";
  return d > 0 ? `Papers due in ${d} day${d === 1 ? "" : "s"}` : `Papers were due ${-d} day${d === -1 ? "" : "s"} ago`;
}

/** Meetings: the list with each one's reporting month and papers-due countdown, and a form to add one. */
export function MeetingsPage() {
  const meetings = useQuery(meetingsQuery());
  const today = new Date().toISOString().slice(0, 10);
  const upcoming = meetings.data?.filter((m) => m.date >= today).sort((a, b) => a.date.localeCompare(b.date))[0];
  return (
    <>
      <h1>Meetings</h1>
      <p className="lede">Each performance scrutiny meeting reviews one reporting month. The papers reach the OPCC a week before it: issue the briefing pack, draft the questions, and carry the actions to the next meeting as matters arising.</p>
      {upcoming && (
        <p className="next-meeting" data-testid="next-meeting">
          Next: <Link to={`/meetings/${upcoming.id}`}>{upcoming.title}</Link>, {formatDate(upcoming.date)} — <strong>{papersCountdown(upcoming)}</strong>.
        </p>
      )}
      {meetings.isPending && <Loading what="the meetings" />}
      {meetings.isError && <ErrorMessage error={meetings.error} />}
      {meetings.data && meetings.data.length === 0 && <p className="status">No meetings yet: add the next one below.</p>}
      {meetings.data && meetings.data.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Meetings">
          <table className="meetings-table" data-testid="meetings-table">
            <caption className="visually-hidden">Meetings, latest first</caption>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Meeting</th>
                <th scope="col">Reporting month</th>
                <th scope="col">Papers</th>
              </tr>
            </thead>
            <tbody>
              {meetings.data.map((m) => (
                <tr key={m.id}>
                  <td>{formatDate(m.date)}</td>
                  <th scope="row">
                    <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                    <br />
                    <span className="muted">{m.kind}</span>
                  </th>
                  <td>{formatMonth(m.month)}</td>
                  <td>
                    due {formatDate(m.papersDue)}
                    <br />
                    <span className="muted">{papersCountdown(m)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewMeetingForm />
    </>
  );
}

function NewMeetingForm() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: Record<string, string>) => requestJson<MeetingView>("POST", "/api/meetings", body),
    onSuccess: async (meeting) => {
      await queryClient.invalidateQueries({ queryKey: ["meetings"] });
      void navigate(`/meetings/${meeting.id}`);
    },
    onError: (e) => setError(e instanceof Error ? e.message : "The meeting could not be saved"),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const data = new FormData(event.currentTarget);
    const body: Record<string, string> = {};
    for (const key of ["date", "title", "kind", "month", "papersDue"]) {
      const value = String(data.get(key) ?? "").trim();
      if (value) body[key] = value;
    }
    create.mutate(body);
  };
  const lastMonth = (() => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - 1);
    return d.toISOString().slice(0, 7) as Month;
  })();
  return (
    <section aria-labelledby="new-meeting-heading" className="panel">
      <h2 id="new-meeting-heading">Add a meeting</h2>
      <form onSubmit={submit} className="form-grid" noValidate>
        <label>
          Date
          <input type="date" name="date" required />
        </label>
        <label>
          Title
          <input type="text" name="title" required defaultValue="Performance and Resources Scrutiny Board" />
        </label>
        <label>
          Kind
          <select name="kind" defaultValue={MEETING_KINDS[0]}>
            {MEETING_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          Reporting month
          <input type="month" name="month" required defaultValue={lastMonth} />
        </label>
        <label>
          Papers due (default: a week before)
          <input type="date" name="papersDue" />
        </label>
        <FormFooter label="Add meeting" pending={create.isPending} error={error} />
      </form>
    </section>
  );
}
