import { useEffect, useId, useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { formatMonth, formatValue, isMonth, type Month } from "@scrutiny/domain";
import { areasQuery, indicatorsQuery, seriesQuery } from "../../api/queries";
import { ApiError } from "../../api/client";
import { ChartFrame } from "../../components/ChartFrame";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { SourceBadge } from "../../components/SourceBadge";
import type { TableColumn } from "../../lib/tableData";
import { SkiSlopeChart } from "./SkiSlopeChart";
import { forcesQuery, peerGroupsQuery, savePeerGroup, type ForceRow, type ForcesComparison } from "./queries";
import { IndicatorSelect } from "../../components/IndicatorSelect";
import { PERIODS, formatMeasure, readForcesState, skiSlopeRows, writeForcesState, type ForcesViewState, type PeriodKind } from "./forcesView";
import "../msg/msg.css";
import "./forces.css";
import { useDeployment } from "../../app/deployment";
import { forceOfArea } from "../../app/useArea";

/**
 * Any forces compared on one indicator and period (action 77/16: "Essex and Durham per 1,000"),
 * or every force ranked nationally as a ski-slope with the force and its MSG highlighted. The
 * state is in the URL (?indicator=&month=&period=&forces=&average=), so a link reproduces it.
 */
export function ForcesPage() {
  const [params, setParams] = useSearchParams();
  const deployment = useDeployment();
  const state = readForcesState(params);
  const setState = (next: Partial<ForcesViewState>, replace = false) =>
    setParams((previous) => writeForcesState(previous, { ...readForcesState(previous), ...next }), { replace });

  const areas = useQuery(areasQuery());
  const indicators = useQuery(indicatorsQuery());
  const peerGroups = useQuery(peerGroupsQuery());
  const areaCode = params.get("area") ?? deployment.code;
  const { code: forceCode, name: forceName } = forceOfArea(areaCode, areas.data, deployment.code);

  const series = useQuery({ ...seriesQuery({ indicator: state.indicator, area: forceCode, from: "2003-01" }), enabled: areas.isSuccess });
  const months = (series.data?.points ?? []).filter((p) => p.value !== null).map((p) => p.month as Month);
  const latest = months[months.length - 1] ?? null;
  const month = state.month ?? latest;
  useEffect(() => {
    if (!series.isSuccess || !month || params.get("month") === month) return;
    setState({ month }, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [series.isSuccess, month]);

  const comparison = useQuery({
    ...forcesQuery({ indicator: state.indicator, month: month ?? undefined, period: state.period, forces: state.forces.join(",") || undefined, force: forceCode, average: state.average }),
    enabled: areas.isSuccess && month !== null,
  });

  if (areas.isPending || indicators.isPending) return <Loading what="the forces comparison" />;
  if (areas.isError) return <ErrorMessage error={areas.error} />;
  if (indicators.isError) return <ErrorMessage error={indicators.error} />;

  const forces = areas.data.filter((a) => a.kind === "force").sort((a, b) => a.name.localeCompare(b.name));
  const choices = indicators.data.filter((i) => !i.isSample && (i.unit === "count" || (i.unit === "percentage" && i.source === "data.police.uk")));
  const indicator = indicators.data.find((i) => i.id === state.indicator);

  return (
    <div className="forces-page">
      <div className="page-head">
        <h1>
          Compare forces <span className="area-name">{forceName}</span>
        </h1>
      </div>
      <form className="msg-controls" onSubmit={(e) => e.preventDefault()} aria-label="Choose what to compare">
        <IndicatorSelect value={state.indicator} choices={choices} onChange={(id) => setState({ indicator: id, month: null })} testId="forces-indicator" />
        <div className="msg-field">
          <label htmlFor="forces-period">Period</label>
          <select id="forces-period" value={state.period} onChange={(e) => setState({ period: e.target.value as PeriodKind })} data-testid="forces-period">
            {PERIODS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="msg-field">
          <label htmlFor="forces-month">{state.period === "month" ? "Month" : "Ending"}</label>
          <select id="forces-month" value={month ?? ""} onChange={(e) => isMonth(e.target.value) && setState({ month: e.target.value })} disabled={months.length === 0} data-testid="forces-month">
            {month && !months.includes(month) && <option value={month}>{formatMonth(month)} (not held)</option>}
            {months.length === 0 && !month && <option value="">No months held</option>}
            {[...months].reverse().map((m) => (
              <option key={m} value={m}>
                {formatMonth(m)}
              </option>
            ))}
          </select>
        </div>
        <fieldset className="msg-field msg-average">
          <legend>Average</legend>
          {(
            [
              ["weighted", indicator?.unit === "percentage" ? "Pooled" : "Weighted by population"],
              ["simple", "Simple mean"],
            ] as const
          ).map(([value, label]) => (
            <label key={value}>
              <input type="radio" name="forces-average" value={value} checked={state.average === value} onChange={() => setState({ average: value })} />
              {label}
            </label>
          ))}
        </fieldset>
      </form>
      <ForcePicker
        forces={forces}
        chosen={state.forces}
        msgMembers={comparison.data?.group?.members ?? []}
        groupName={comparison.data?.group?.name ?? null}
        peerGroups={peerGroups.data ?? []}
        onChoose={(codes) => setState({ forces: codes })}
      />
      {indicator && (
        <p className="definition">
          {indicator.definition} <SourceBadge source={indicator.source} isSample={indicator.isSample} />
        </p>
      )}
      {(series.isPending || comparison.isPending) && month !== null && <Loading what="the comparison" />}
      {series.isSuccess && months.length === 0 && <p className="status">No figures for this indicator are held for {forceName}.</p>}
      {comparison.isError && <ErrorMessage error={comparison.error} />}
      {comparison.data && <Comparison data={comparison.data} />}
    </div>
  );
}

interface PickerProps {
  forces: { code: string; name: string }[];
  chosen: string[];
  msgMembers: string[];
  groupName: string | null;
  peerGroups: { id: string; name: string; members: string[]; createdBy: string }[];
  onChoose: (codes: string[]) => void;
}

function ForcePicker({ forces, chosen, msgMembers, groupName, peerGroups, onChoose }: PickerProps) {
  const ids = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const chosenSet = new Set(chosen);
  const toggle = (code: string) => onChoose(chosenSet.has(code) ? chosen.filter((c) => c !== code) : [...chosen, code]);
  const save = async () => {
    try {
      const group = await savePeerGroup({ name: name.trim(), members: chosen });
      setMessage(`Saved "${group.name}".`);
      setName("");
      await queryClient.invalidateQueries({ queryKey: ["peer-groups"] });
    } catch (error) {
      setMessage(error instanceof ApiError ? error.message : "The group could not be saved.");
    }
  };
  const described = chosen.length === 0 ? "every force area (national ranking)" : chosen.map((c) => forces.find((f) => f.code === c)?.name ?? c).join(", ");
  return (
    <section className="forces-picker" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`} className="forces-picker-heading">
        Forces compared: <span data-testid="forces-chosen">{described}</span>
      </h2>
      <div className="forces-picker-actions">
        <button type="button" onClick={() => onChoose([])} aria-pressed={chosen.length === 0}>
          All forces
        </button>
        {msgMembers.length > 0 && (
          <button type="button" onClick={() => onChoose([...msgMembers])}>
            {groupName ?? "Most similar group"}
          </button>
        )}
        {peerGroups.length > 0 && (
          <div className="msg-field">
            <label htmlFor={`${ids}-peer`}>Saved peer group</label>
            <select
              id={`${ids}-peer`}
              value=""
              onChange={(e) => {
                const group = peerGroups.find((g) => g.id === e.target.value);
                if (group) onChoose([...group.members]);
              }}
            >
              <option value="">Choose a saved group…</option>
              {peerGroups.map((g) => (
                <option key={g.id} value={g.id}>
                  {g.name} ({g.members.length} forces, by {g.createdBy})
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <details className="forces-choose">
        <summary>Choose forces ({chosen.length === 0 ? "all" : `${chosen.length} chosen`})</summary>
        <fieldset>
          <legend className="visually-hidden">Forces to compare</legend>
          <ul className="forces-checkboxes">
            {forces.map((f) => (
              <li key={f.code}>
                <label>
                  <input type="checkbox" checked={chosenSet.has(f.code)} onChange={() => toggle(f.code)} value={f.code} />
                  {f.name}
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
        {chosen.length >= 2 && (
          <form
            className="forces-save"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <label htmlFor={`${ids}-name`}>Save these {chosen.length} forces as a peer group named</label>
            <input id={`${ids}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
            <button type="submit">Save</button>
          </form>
        )}
        {message && (
          <p role="status" className="status">
            {message}
          </p>
        )}
      </details>
    </section>
  );
}

function Comparison({ data }: { data: ForcesComparison }) {
  const rows = skiSlopeRows(data.forces);
  const pct = data.measure === "percentage";
  const fmt = (v: number | null) => formatMeasure(v, data.measure);
  const scope = data.scope === "national" ? "all forces ranked" : `${data.forces.length} forces`;
  const title = `${data.indicator.name}${pct ? "" : " per 1,000 population"}, ${scope}, ${data.period.label}`;
  // The picture carries a short source line (exports keep it); the notes list every file.
  const source = `Source: ${data.indicator.source}${data.population ? `; ONS mid-${data.population.year} population estimates` : ""}. ${data.period.label}.`;
  const files = `Files: ${data.sources.map((s) => s.fileName).join(", ") || "none"}.`;
  const ranked = data.forces.filter((f) => f.position !== null);
  const columns: TableColumn<ForceRow>[] = [
    { key: "force", label: "Force", value: (r) => r.name, display: (r) => `${r.name}${r.isForce ? " (selected)" : ""}${r.inMsg && !r.isForce ? " (MSG)" : ""}` },
    { key: "position", label: "Position", value: (r) => r.position, display: (r) => r.positionLabel ?? "not ranked", numeric: true },
    { key: "value", label: pct ? "Percentage" : "Rate per 1,000", value: (r) => r.value, display: (r) => fmt(r.value), numeric: true },
    { key: "lower", label: `95% ${pct ? "Wilson " : ""}interval, lower`, value: (r) => r.lower, display: (r) => fmt(r.lower), numeric: true },
    { key: "upper", label: `95% ${pct ? "Wilson " : ""}interval, upper`, value: (r) => r.upper, display: (r) => fmt(r.upper), numeric: true },
    { key: "numerator", label: pct ? "Numerator" : "Count", value: (r) => r.numerator, display: (r) => (r.numerator === null ? "no figure" : formatValue("count", r.numerator)), numeric: true },
    { key: "denominator", label: pct ? "n (denominator)" : "Population", value: (r) => r.denominator, display: (r) => (r.denominator === null ? "—" : formatValue("count", r.denominator)), numeric: true },
    { key: "significance", label: `Against the ${data.averageLabel.replace(/^Average/, "average")}`, value: (r) => r.significance, display: (r) => (r.significance === null ? "—" : r.significance === "not significant" ? "not significantly different" : `significantly ${r.significance}`) },
  ];
  const forceRow = data.forces.find((f) => f.isForce);
  return (
    <>
      {forceRow?.positionLabel && (
        <p className="forces-position" data-testid="forces-position">
          <strong>{forceRow.name}</strong>: {fmt(forceRow.value)}
          {pct ? "" : " per 1,000"}, <strong>{forceRow.positionLabel}</strong> {data.scope === "national" ? "forces with a figure" : "of the forces shown"} ({data.period.label})
          {data.scope === "national" && data.missing.length > 0 ? `; ${data.missing.length} of ${data.forces.length} force areas have no figure` : ""}.
        </p>
      )}
      <ChartFrame
        title={title}
        period={data.period.label}
        source={data.indicator.source}
        isSample={data.indicator.isSample}
        summary={data.sentence}
        columns={columns}
        rows={data.forces}
        testId="forces-chart"
        notes={
          <p className="msg-table-note">
            {data.averageLabel}: {fmt(data.average)}
            {pct ? "" : " per 1,000"}.{" "}
            {data.range && (
              <span data-testid="forces-range">
                Range {fmt(data.range.lowest.value)} ({data.range.lowest.forces.map((f) => f.name).join(", ")}) to {fmt(data.range.highest.value)} (
                {data.range.highest.forces.map((f) => f.name).join(", ")}); median {fmt(data.median)}.{" "}
              </span>
            )}
            {pct ? "Intervals are 95% Wilson score intervals; n is the number of crimes recorded." : "Intervals are 95% (Byar's method; exact Poisson below 10)."}{" "}
            {data.population?.latestAvailable ? `Rates divide by the mid-${data.population.year} estimates, the latest published. ` : ""}
            Position 1 = {data.indicator.direction === "lower" ? "the lowest" : "the highest"}. {source} {files}
          </p>
        }
      >
        {rows.length > 0 ? (
          <SkiSlopeChart rows={rows} average={data.average} averageLabel={data.averageLabel} measure={data.measure} title={title} source={source} />
        ) : (
          <p className="status">No force has a complete figure for {data.period.label}.</p>
        )}
        <p className="msg-key" aria-hidden="true">
          <span>
            <span className="forces-key-force" /> {data.force.name}
          </span>
          {data.group && (
            <span>
              <span className="forces-key-msg" /> {data.group.name}
            </span>
          )}
          <span>
            <span className="forces-key-other" /> other forces
          </span>
          <span>
            <span className="msg-key-line" /> {data.averageLabel}
          </span>
        </p>
      </ChartFrame>
      {data.missing.length > 0 && (
        <section className="msg-notice" aria-labelledby="forces-missing-heading" data-testid="forces-missing">
          <h2 id="forces-missing-heading">
            Not ranked: {data.missing.length} force{data.missing.length === 1 ? "" : "s"} of {data.forces.length}
          </h2>
          <ul>
            {data.missing.map((m) => (
              <li key={m.code}>
                <strong>{m.name}</strong>: {m.reason}
              </li>
            ))}
          </ul>
          <p className="status">{ranked.length} forces are ranked; a total lacking a month is not shown as complete.</p>
        </section>
      )}
    </>
  );
}
