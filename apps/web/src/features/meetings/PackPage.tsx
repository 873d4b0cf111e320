import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { ASSURANCE_GRADES, formatDate, formatMonth, formatValue, type Month, type Unit } from "@scrutiny/domain";
import type { PackView } from "@scrutiny/api";
import { requestJson } from "../../api/client";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { Sparkline } from "../overview/Sparkline";
import { meetingQuery, packQuery } from "./queries";
import "./meetings.css";

type Item = PackView["items"][number];

/**
 * The briefing pack as issued: cover, what changed since the previous pack, and each exception
 * with its chart, evidence, source, data month, drafted question and assurance grade. Prints as
 * the paper pack (the browser's Print › Save as PDF), with page numbers, and is the page the server
 * prints to PDF with headless Chromium (GET /api/meetings/:id/pack.pdf, decision 109a).
 */
export function PackPage() {
  const { meetingId = "" } = useParams();
  const meeting = useQuery(meetingQuery(meetingId));
  const issued = Boolean(meeting.data?.packIssuedAt);
  const pack = useQuery({ ...packQuery(meetingId), enabled: issued });
  if (meeting.isPending) return <Loading what="the pack" />;
  if (meeting.isError) return <ErrorMessage error={meeting.error} />;
  const m = meeting.data;
  if (issued && pack.isPending) return <Loading what="the pack" />;
  if (pack.isError) return <ErrorMessage error={pack.error} />;
  if (!pack.data) {
    return (
      <>
        <h1>Briefing pack: {m.title}</h1>
        <p className="status">
          The pack has not been issued yet. <Link to={`/meetings/${m.id}`}>Issue it from the meeting page</Link>.
        </p>
      </>
    );
  }
  const p = pack.data;
  return (
    <article className="pack">
      <p className="breadcrumb no-print">
        <Link to="/meetings">Meetings</Link> › <Link to={`/meetings/${m.id}`}>{formatDate(m.date)}</Link> › Pack
      </p>
      <h1>Briefing pack: {m.title}</h1>
      <p className="pack-subtitle">
        {m.kind}, {formatDate(m.date)}. Reporting month <strong>{formatMonth(p.month)}</strong>. Issued {formatDate(p.issuedAt.slice(0, 10))} at {p.issuedAt.slice(11, 16)} UTC: the
        figures and sentences are as they stood then.
      </p>
      <p className="no-print pack-actions">
        <a className="button" href={`/api/meetings/${m.id}/pack.pdf`} download>
          Download PDF
        </a>{" "}
        <button type="button" className="button" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </p>
      <p className="note no-print">The PDF is printed on the server by headless Chromium, with page numbers; where the server has no Chromium, print from the browser instead.</p>
      <Cover pack={p} />
      <Changes pack={p} />
      <section aria-labelledby="exceptions-heading">
        <h2 id="exceptions-heading">Exceptions ({p.items.length})</h2>
        <p className="note">Chosen by the statistics — special-cause variation, a significant change against last year, a significant difference from the MSG average, a district beyond the 99.8% funnel limit, a late or missing month — ordered by Police and Crime Plan priority, then severity.</p>
        {p.items.length === 0 && <p className="status">No exception this month.</p>}
        {p.items.map((item, i) => (
          <PackItemView key={item.key} item={item} index={i + 1} meetingId={m.id} />
        ))}
      </section>
    </article>
  );
}

function Cover({ pack }: { pack: PackView }) {
  return (
    <section aria-labelledby="cover-heading" className="pack-cover">
      <h2 id="cover-heading">Cover</h2>
      <p>
        {pack.cover.force.name}, reporting month <strong>{formatMonth(pack.cover.month)}</strong>.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="What each source runs to">
        <table>
          <caption>What each source runs to</caption>
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">Runs to</th>
              <th scope="col" className="num">
                Late
              </th>
              <th scope="col" className="num">
                No data
              </th>
            </tr>
          </thead>
          <tbody>
            {pack.cover.sources.map((s) => (
              <tr key={s.source}>
                <th scope="row">
                  {s.source}
                  {s.isSample && s.source !== "sample data" ? " (sample data)" : ""}
                </th>
                <td>{s.runsTo ? formatMonth(s.runsTo) : "nothing held"}</td>
                <td className="num">{s.late}</td>
                <td className="num">{s.noData}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>What is missing</h3>
      {pack.cover.missing.length === 0 ? (
        <p>Nothing is late or missing for the reporting month.</p>
      ) : (
        <ul data-testid="pack-missing">
          {pack.cover.missing.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {pack.cover.notCurrent.length > 0 && (
        <p className="note">
          Not tested for this month ({pack.cover.notCurrent.length} indicators whose figures end earlier):{" "}
          {pack.cover.notCurrent.map((n) => `${n.indicator} (to ${formatMonth(n.runsTo)})`).join("; ")}.
        </p>
      )}
    </section>
  );
}

function Changes({ pack }: { pack: PackView }) {
  const c = pack.changes;
  return (
    <section aria-labelledby="changes-heading" className="pack-changes">
      <h2 id="changes-heading">Changes since the previous pack</h2>
      {!c.previous ? (
        <p>This is the first pack issued: nothing to compare with.</p>
      ) : (
        <>
          <p>
            Against the pack for {c.previous.title}, {formatDate(c.previous.date)} ({formatMonth(c.previous.month)}).
          </p>
          <h3>New exceptions ({c.newExceptions.length})</h3>
          <ul>{c.newExceptions.length === 0 ? <li>None.</li> : c.newExceptions.map((e) => <li key={e.key}>{`${e.indicator}: ${e.kind}`}</li>)}</ul>
          <h3>Cleared ({c.cleared.length})</h3>
          <ul>{c.cleared.length === 0 ? <li>None.</li> : c.cleared.map((e) => <li key={e.key}>{`${e.indicator}: ${e.kind}`}</li>)}</ul>
          <h3>Figures revised since the previous pack ({c.revised.length})</h3>
          <ul data-testid="pack-revised">
            {c.revised.length === 0 ? (
              <li>None.</li>
            ) : (
              c.revised.map((r) => (
                <li key={`${r.indicator}|${r.area}|${r.month}`}>
                  {r.indicator}, {r.area}, {formatMonth(r.month as Month)}: {formatValue(r.unit as Unit, r.old)} → {formatValue(r.unit as Unit, r.new)}
                </li>
              ))
            )}
          </ul>
        </>
      )}
    </section>
  );
}

function PackItemView({ item, index, meetingId }: { item: Item; index: number; meetingId: string }) {
  const headingId = `item-${index}`;
  const unit = item.indicator.unit as Unit;
  return (
    <section className="pack-item" aria-labelledby={headingId} data-testid="pack-item" data-key={item.key}>
      <h3 id={headingId}>
        {index}. {item.indicator.name}: {item.kind}
      </h3>
      <p className="muted">
        {item.indicator.priority} · {item.area.name} · data month {formatMonth(item.dataMonth)} · source: {item.source}
        {item.indicator.isSample ? " · Sample data" : ""}
      </p>
      <p className="evidence">{item.evidence}</p>
      {item.series.length > 1 && (
        <figure className="pack-chart">
          <Sparkline points={item.series} unit={unit} label={`${item.indicator.name}, ${item.area.name}, ${formatMonth(item.series[0]!.month)} to ${formatMonth(item.series[item.series.length - 1]!.month)}`} />
          <figcaption>
            {item.indicator.name}, {item.area.name}, {formatMonth(item.series[0]!.month)} to {formatMonth(item.series[item.series.length - 1]!.month)} (source: {item.source})
          </figcaption>
        </figure>
      )}
      <p className="drafted">
        <strong>Question:</strong> {item.question}
      </p>
      <Assurance item={item} meetingId={meetingId} />
    </section>
  );
}

function Assurance({ item, meetingId }: { item: Item; meetingId: string }) {
  const queryClient = useQueryClient();
  const [grade, setGrade] = useState<string>(item.assurance?.grade ?? "");
  const [note, setNote] = useState(item.assurance?.note ?? "");
  const save = useMutation({
    mutationFn: () => requestJson("PUT", `/api/meetings/${meetingId}/pack/assurance`, { key: item.key, grade, note }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["meetings", meetingId, "pack"] }),
  });
  return (
    <div className="assurance">
      {item.previousAssurance && (
        <p className="muted">
          At the previous meeting: <strong>{item.previousAssurance.grade}</strong>
          {item.previousAssurance.note ? ` — ${item.previousAssurance.note}` : ""}
        </p>
      )}
      <p data-testid="assurance">
        Assurance: <strong>{item.assurance ? item.assurance.grade : "not yet graded"}</strong>
        {item.assurance?.note ? ` — ${item.assurance.note}` : ""}
      </p>
      <form
        className="inline-form no-print"
        onSubmit={(e) => {
          e.preventDefault();
          if (grade) save.mutate();
        }}
      >
        <label>
          Grade
          <select value={grade} onChange={(e) => setGrade(e.target.value)}>
            <option value="">choose…</option>
            {ASSURANCE_GRADES.map((g) => (
              <option key={g} value={g}>
                {g}
              </option>
            ))}
          </select>
        </label>
        <label>
          Note
          <input value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={!grade || save.isPending}>
          Save grade
        </button>
        {save.isError && <ErrorMessage error={save.error} />}
      </form>
    </div>
  );
}
