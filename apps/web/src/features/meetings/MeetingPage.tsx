import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { formatDate, formatMonth } from "@scrutiny/domain";
import type { ActionView, QuestionView } from "@scrutiny/api";
import { requestJson } from "../../api/client";
import { indicatorsQuery } from "../../api/queries";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { papersCountdown } from "./MeetingsPage";
import { actionsQuery, mattersArisingQuery, meetingQuery, packQuery, questionsQuery, type ArisingAction } from "./queries";
import "./meetings.css";
import { FormFooter } from "../../components/FormFooter";

/** One meeting: its pack, the questions drafted for it, matters arising from earlier meetings, and the actions it raised. */
export function MeetingPage() {
  const { meetingId = "" } = useParams();
  const meeting = useQuery(meetingQuery(meetingId));
  if (meeting.isPending) return <Loading what="the meeting" />;
  if (meeting.isError) return <ErrorMessage error={meeting.error} />;
  const m = meeting.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/meetings">Meetings</Link> › {formatDate(m.date)}
      </p>
      <h1>{m.title}</h1>
      <dl className="meeting-facts">
        <dt>Date</dt>
        <dd>{formatDate(m.date)}</dd>
        <dt>Kind</dt>
        <dd>{m.kind}</dd>
        <dt>Reporting month</dt>
        <dd>{formatMonth(m.month)}</dd>
        <dt>Papers due</dt>
        <dd>
          {formatDate(m.papersDue)} ({papersCountdown(m)})
        </dd>
      </dl>
      <PackSection meetingId={m.id} issued={m.packIssuedAt !== null} />
      <QuestionsSection meetingId={m.id} />
      <MattersArising meetingId={m.id} />
      <ActionsRaised meetingId={m.id} meetingDate={m.date} />
    </>
  );
}

function PackSection({ meetingId, issued }: { meetingId: string; issued: boolean }) {
  const queryClient = useQueryClient();
  const pack = useQuery({ ...packQuery(meetingId), enabled: issued });
  const issue = useMutation({
    mutationFn: () => requestJson("POST", `/api/meetings/${meetingId}/pack`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["meetings"] }),
  });
  return (
    <section aria-labelledby="pack-heading" className="panel">
      <h2 id="pack-heading">Briefing pack</h2>
      {issued && pack.isPending && <Loading what="the pack" />}
      {pack.isError && <ErrorMessage error={pack.error} />}
      {!issued && (
        <>
          <p>Not issued yet. Issuing selects the exceptions from the statistics as they stand now and freezes them: later imports do not change an issued pack.</p>
          <button type="button" className="button button-primary" onClick={() => issue.mutate()} disabled={issue.isPending}>
            {issue.isPending ? "Issuing…" : "Issue the pack"}
          </button>
          {issue.isError && <ErrorMessage error={issue.error} />}
        </>
      )}
      {pack.data && (
        <p data-testid="pack-summary">
          Issued {formatDate(pack.data.issuedAt.slice(0, 10))} for {formatMonth(pack.data.month)}: {pack.data.items.length} exception{pack.data.items.length === 1 ? "" : "s"}.{" "}
          <Link to={`/meetings/${meetingId}/pack`}>Open the pack</Link>
        </p>
      )}
    </section>
  );
}

const FILTERS = ["open", "accepted", "all"] as const;

function QuestionsSection({ meetingId }: { meetingId: string }) {
  const [params, setParams] = useSearchParams();
  const filter = (FILTERS as readonly string[]).includes(params.get("questions") ?? "") ? (params.get("questions") as (typeof FILTERS)[number]) : "open";
  const questions = useQuery(questionsQuery(meetingId));
  const shown = (questions.data ?? []).filter((q) => (filter === "all" ? true : filter === "accepted" ? q.status !== "draft" && q.status !== "dismissed" : q.status !== "dismissed"));
  const accepted = (questions.data ?? []).filter((q) => q.status === "accepted" || q.status === "sent" || q.status === "answered").length;
  return (
    <section aria-labelledby="questions-heading" className="panel">
      <h2 id="questions-heading">Questions</h2>
      <p>Drafted from the pack's exceptions in plain words: edit, accept or dismiss each, or add your own. Accepted questions export for the force.</p>
      <div className="toolbar" role="group" aria-label="Show questions">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            className="button"
            aria-pressed={filter === f}
            onClick={() =>
              setParams(
                (p) => {
                  p.set("questions", f);
                  return p;
                },
                { replace: true },
              )
            }
          >
            {f === "open" ? "Not dismissed" : f === "accepted" ? "Accepted" : "All"}
          </button>
        ))}
      </div>
      <p className="exports">
        Export the {accepted} accepted question{accepted === 1 ? "" : "s"}:{" "}
        <a href={`/api/meetings/${meetingId}/questions.docx`} download>
          Word (.docx)
        </a>
        {" · "}
        <a href={`/api/meetings/${meetingId}/questions.csv`} download>
          CSV
        </a>
        {" · "}
        <a href={`/api/meetings/${meetingId}/questions.md`} download>
          Markdown
        </a>
      </p>
      {questions.isPending && <Loading what="the questions" />}
      {questions.isError && <ErrorMessage error={questions.error} />}
      {questions.data && shown.length === 0 && <p className="status">No questions here yet{filter === "open" ? ": issue the pack, or add one below" : ""}.</p>}
      <ol className="questions" data-testid="questions">
        {shown.map((q) => (
          <QuestionItem key={q.id} question={q} meetingId={meetingId} />
        ))}
      </ol>
      <AddQuestion meetingId={meetingId} />
    </section>
  );
}

function QuestionItem({ question, meetingId }: { question: QuestionView; meetingId: string }) {
  const queryClient = useQueryClient();
  const [text, setText] = useState(question.text);
  const [owner, setOwner] = useState(question.owner ?? "");
  const [newOwner, setNewOwner] = useState(false);
  const save = useMutation({
    mutationFn: (patch: Record<string, unknown>) => requestJson<QuestionView>("PATCH", `/api/questions/${question.id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["meetings", meetingId, "questions"] }),
  });
  const edited = text.trim() !== question.text || owner.trim() !== (question.owner ?? "");
  const patch = (status?: string) => ({ ...(text.trim() !== question.text ? { text } : {}), ...(owner.trim() !== (question.owner ?? "") ? { owner: owner.trim() || null, ...(newOwner ? { newOwner: true } : {}) } : {}), ...(status ? { status } : {}) });
  return (
    <li className={`question question-${question.status}`} data-testid="question" data-status={question.status}>
      <label className="visually-hidden" htmlFor={`q-${question.id}`}>
        Question text
      </label>
      <textarea id={`q-${question.id}`} value={text} onChange={(e) => setText(e.target.value)} rows={3} />
      <div className="question-meta">
        <span className={`tag tag-${question.status}`}>{question.status}</span>
        {question.indicatorId && <Link to={`/indicator/${question.indicatorId}`}>indicator</Link>}
        <label>
          Owner <input value={owner} onChange={(e) => setOwner(e.target.value)} size={8} placeholder="e.g. WK" />
        </label>
        {owner.trim() !== (question.owner ?? "") && owner.trim() !== "" && (
          <label className="checkbox">
            <input type="checkbox" checked={newOwner} onChange={(e) => setNewOwner(e.target.checked)} /> new owner
          </label>
        )}
        {edited && (
          <button type="button" className="button" onClick={() => save.mutate(patch())}>
            Save
          </button>
        )}
        {question.status !== "accepted" && question.status !== "sent" && question.status !== "answered" && (
          <button type="button" className="button" onClick={() => save.mutate(patch("accepted"))}>
            Accept
          </button>
        )}
        {question.status !== "dismissed" && question.status !== "answered" && (
          <button type="button" className="button" onClick={() => save.mutate(patch("dismissed"))}>
            Dismiss
          </button>
        )}
        {question.status === "dismissed" && (
          <button type="button" className="button" onClick={() => save.mutate(patch("draft"))}>
            Restore
          </button>
        )}
      </div>
      {(question.status === "accepted" || question.status === "sent" || question.status === "answered") && <FollowUp question={question} onSave={(p) => save.mutate(p)} />}
      {save.isError && <ErrorMessage error={save.error} />}
    </li>
  );
}

/** Sending the question to the force and recording its answer. */
function FollowUp({ question, onSave }: { question: QuestionView; onSave: (patch: Record<string, string>) => void }) {
  const [sentOn, setSentOn] = useState(question.sentOn ?? "");
  const [answerDue, setAnswerDue] = useState(question.answerDue ?? "");
  const [answer, setAnswer] = useState(question.answer ?? "");
  const patch: Record<string, string> = {};
  if (sentOn && sentOn !== (question.sentOn ?? "")) patch.sentOn = sentOn;
  if (answerDue && answerDue !== (question.answerDue ?? "")) patch.answerDue = answerDue;
  if (answer.trim() && answer.trim() !== (question.answer ?? "")) patch.answer = answer.trim();
  return (
    <form
      className="inline-form follow-up"
      onSubmit={(e) => {
        e.preventDefault();
        if (Object.keys(patch).length) onSave(patch);
      }}
    >
      <label>
        Force's answer
        <textarea value={answer} onChange={(e) => setAnswer(e.target.value)} rows={2} />
      </label>
      <label>
        Sent on
        <input type="date" value={sentOn} onChange={(e) => setSentOn(e.target.value)} />
      </label>
      <label>
        Answer due
        <input type="date" value={answerDue} min={sentOn || undefined} onChange={(e) => setAnswerDue(e.target.value)} />
      </label>
      <button type="submit" className="button" disabled={Object.keys(patch).length === 0}>
        Record
      </button>
    </form>
  );
}

function AddQuestion({ meetingId }: { meetingId: string }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (body: Record<string, string | boolean>) => requestJson("POST", "/api/questions", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["meetings", meetingId, "questions"] }),
    onError: (e) => setError(e instanceof Error ? e.message : "Not saved"),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const form = event.currentTarget;
    const data = new FormData(form);
    const body: Record<string, string | boolean> = { meetingId, text: String(data.get("text") ?? "") };
    const owner = String(data.get("owner") ?? "").trim();
    if (owner) body.owner = owner;
    if (owner && data.get("newOwner")) body.newOwner = true;
    add.mutate(body, { onSuccess: () => form.reset() });
  };
  return (
    <form onSubmit={submit} className="inline-form" noValidate>
      <label>
        Add a question
        <textarea name="text" rows={2} />
      </label>
      <label>
        Owner
        <input name="owner" size={8} placeholder="e.g. WK" />
      </label>
      <label className="checkbox">
        <input type="checkbox" name="newOwner" /> New owner
      </label>
      <button type="submit" className="button">
        Add question
      </button>
      {error && (
        <p className="status status-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

export function CompleteAction({ action, invalidate }: { action: ActionView; invalidate: readonly unknown[][] }) {
  const queryClient = useQueryClient();
  const [note, setNote] = useState("");
  const complete = useMutation({
    mutationFn: () => requestJson("PATCH", `/api/actions/${action.id}`, { status: "complete", note }),
    onSuccess: async () => {
      for (const key of invalidate) await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  if (action.status === "complete" || action.status === "closed") return null;
  return (
    <form
      className="complete-form"
      onSubmit={(e) => {
        e.preventDefault();
        complete.mutate();
      }}
    >
      <label>
        Note for {action.reference}
        <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. report received" />
      </label>
      <button type="submit" className="button">
        Mark {action.reference} complete
      </button>
      {complete.isError && <ErrorMessage error={complete.error} />}
    </form>
  );
}

function ActionRowView({ action, invalidate, raisedAt }: { action: ActionView; invalidate: readonly unknown[][]; raisedAt?: ArisingAction["raisedAt"] }) {
  return (
    <li className="action" data-testid="action" data-reference={action.reference}>
      <p>
        <strong>{action.reference}</strong> – {action.text} <span className="owner">({action.owner})</span>
      </p>
      <p className="muted">
        {action.status}
        {action.dueDate ? `, due ${formatDate(action.dueDate)}` : ""}
        {action.overdue && <strong className="overdue"> — overdue</strong>}
        {raisedAt ? `; raised at ${raisedAt.title}, ${formatDate(raisedAt.date)}` : ""}
        {action.isExample ? " (example from the public minutes)" : ""}
        {action.indicatorId ? (
          <>
            {"; "}
            <Link to={`/indicator/${action.indicatorId}`}>{`${action.reference} on its indicator's chart`}</Link>
          </>
        ) : null}
      </p>
      <CompleteAction action={action} invalidate={invalidate} />
    </li>
  );
}

function MattersArising({ meetingId }: { meetingId: string }) {
  const arising = useQuery(mattersArisingQuery(meetingId));
  return (
    <section aria-labelledby="arising-heading" className="panel">
      <h2 id="arising-heading">Matters arising</h2>
      <p>The actions from earlier meetings that are still open or carried forward.</p>
      {arising.isPending && <Loading what="matters arising" />}
      {arising.isError && <ErrorMessage error={arising.error} />}
      {arising.data && arising.data.length === 0 && <p className="status">No open actions from earlier meetings.</p>}
      <ul className="actions" data-testid="matters-arising">
        {arising.data?.map((a) => (
          <ActionRowView key={a.id} action={a} raisedAt={a.raisedAt} invalidate={[["meetings", meetingId, "matters-arising"], ["actions"]]} />
        ))}
      </ul>
    </section>
  );
}

function ActionsRaised({ meetingId, meetingDate }: { meetingId: string; meetingDate: string }) {
  const queryClient = useQueryClient();
  const actions = useQuery(actionsQuery({ meeting: meetingId }));
  const [error, setError] = useState<string | null>(null);
  const indicators = useQuery(indicatorsQuery());
  const raise = useMutation({
    mutationFn: (body: Record<string, string | boolean>) => requestJson<ActionView>("POST", "/api/actions", body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["actions"] }),
    onError: (e) => setError(e instanceof Error ? e.message : "Not saved"),
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    const form = event.currentTarget;
    const data = new FormData(form);
    const body: Record<string, string | boolean> = { meetingId };
    for (const key of ["text", "owner", "dueDate", "indicatorId"]) {
      const value = String(data.get(key) ?? "").trim();
      if (value) body[key] = value;
    }
    if (data.get("newOwner")) body.newOwner = true;
    raise.mutate(body, { onSuccess: () => form.reset() });
  };
  return (
    <section aria-labelledby="raised-heading" className="panel">
      <h2 id="raised-heading">Actions raised at this meeting</h2>
      {actions.data && actions.data.length === 0 && <p className="status">None yet.</p>}
      <ul className="actions" data-testid="actions-raised">
        {actions.data?.map((a) => (
          <ActionRowView key={a.id} action={a} invalidate={[["actions"]]} />
        ))}
      </ul>
      <form onSubmit={submit} className="form-grid" noValidate>
        <label>
          Action
          <input name="text" placeholder="e.g. OPCC to be provided with the range of solved rates across MSG" />
        </label>
        <label>
          Owner (initials)
          <input name="owner" size={8} />
        </label>
        <label className="checkbox">
          <input type="checkbox" name="newOwner" /> New owner (not yet on the log)
        </label>
        <label>
          Indicator (marked on its charts)
          <select name="indicatorId" defaultValue="">
            <option value="">none</option>
            {indicators.data?.map((i) => (
              <option key={i.id} value={i.id}>
                {i.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Date for completion
          <input type="date" name="dueDate" min={meetingDate} />
        </label>
        <FormFooter label="Raise action" pending={raise.isPending} error={error} />
      </form>
    </section>
  );
}
