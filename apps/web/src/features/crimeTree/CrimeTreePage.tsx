import { useQuery } from "@tanstack/react-query";
import { useDeployment } from "../../app/deployment";
import { Link, useSearchParams } from "react-router";
import { isMonth, type CrimeTreeNode } from "@scrutiny/domain";
import type { InferResponseType } from "hono/client";
import { client, unwrap } from "../../api/client";
import { ChartFrame } from "../../components/ChartFrame";
import { ErrorMessage, Loading } from "../../components/QueryState";
import { AreaSelect } from "../../components/AreaSelect";
import type { TableColumn } from "../../lib/tableData";
import { CHART_INK, LINE_FILL } from "../msg/palette";
import "../msg/msg.css";

type CrimeTree = InferResponseType<typeof client.api["crime-tree"]["$get"], 200>;

/** A node of the tree without its children, and how deep it stands. */
type FlatRow = Pick<CrimeTreeNode, "name" | "indicator" | "value" | "share" | "previous" | "change" | "pValue" | "significant"> & { depth: number };

/** The tree in reading order, each node with its depth: the table, the CSV and the bars draw from it. */
export function flattenTree(root: CrimeTreeNode): FlatRow[] {
  const rows: FlatRow[] = [];
  const walk = (n: CrimeTreeNode, depth: number) => {
    rows.push({ depth, name: n.name, indicator: n.indicator, value: n.value, share: n.share, previous: n.previous, change: n.change, pValue: n.pValue, significant: n.significant });
    if (depth < 10) for (const c of n.children) walk(c, depth + 1);
  };
  walk(root, 0);
  return rows;
}

const fmt = (v: number | null) => (v === null ? "no figure" : v.toLocaleString("en-GB"));

/**
 * The Crime Tree the force presents every month: all crime, its branches and the police.uk crime
 * types, each with its count, share, change on a year earlier and whether that change is
 * significant (exact test); a crime type opens its trend. ?area=&month=&period= in the URL.
 */
export function CrimeTreePage() {
  const [params, setParams] = useSearchParams();
  const deployment = useDeployment();
  const area = params.get("area") ?? deployment.code;
  const monthParam = params.get("month");
  const month = monthParam && isMonth(monthParam) ? monthParam : undefined;
  const periodParam = params.get("period");
  const period = periodParam === "rolling-12" || periodParam === "fytd" ? periodParam : "month";
  const tree = useQuery({
    queryKey: ["crime-tree", area, month, period],
    queryFn: async () => unwrap(await client.api["crime-tree"].$get({ query: { area, period, ...(month ? { month } : {}) } })),
    staleTime: 5 * 60_000,
  });
  const set = (key: string, value: string | null) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (value === null) next.delete(key);
      else next.set(key, value);
      return next;
    });
  return (
    <div className="msg-page">
      <div className="page-head">
        <h1>
          Crime Tree <span className="area-name">{tree.data?.area.name ?? ""}</span>
        </h1>
        <AreaSelect />
      </div>
      <form className="msg-controls" onSubmit={(e) => e.preventDefault()} aria-label="Choose the period">
        <div className="msg-field">
          <label htmlFor="tree-period">Period</label>
          <select id="tree-period" value={period} onChange={(e) => set("period", e.target.value === "month" ? null : e.target.value)} data-testid="tree-period">
            <option value="month">The month</option>
            <option value="rolling-12">Rolling 12 months to the month</option>
            <option value="fytd">Financial year to date</option>
          </select>
        </div>
        <div className="msg-field">
          <label htmlFor="tree-month">Month</label>
          <input id="tree-month" type="month" value={tree.data?.month ?? month ?? ""} min="2010-01" onChange={(e) => isMonth(e.target.value) && set("month", e.target.value)} data-testid="tree-month" />
        </div>
      </form>
      {tree.isPending && <Loading what="the Crime Tree" />}
      {tree.isError && <ErrorMessage error={tree.error} />}
      {tree.data && <Tree data={tree.data} area={area} />}
    </div>
  );
}

function Tree({ data, area }: { data: CrimeTree; area: string }) {
  const rows = flattenTree(data.root as unknown as CrimeTreeNode);
  const title = `Crime Tree, ${data.area.name}, ${data.period.label}`;
  const columns: TableColumn<FlatRow>[] = [
    { key: "name", label: "Crime", value: (r) => r.name, display: (r) => `${"— ".repeat(r.depth)}${r.name}` },
    { key: "value", label: "Crimes", value: (r) => r.value, display: (r) => fmt(r.value), numeric: true },
    { key: "share", label: "Share of all crime (%)", value: (r) => r.share, display: (r) => (r.share === null ? "—" : `${r.share.toFixed(1)}%`), numeric: true },
    { key: "previous", label: "A year earlier", value: (r) => r.previous, display: (r) => fmt(r.previous), numeric: true },
    { key: "change", label: "Change", value: (r) => r.change, display: (r) => (r.change === null ? "—" : `${r.change > 0 ? "+" : ""}${r.change.toLocaleString("en-GB")}`), numeric: true },
    { key: "significance", label: "Significant (exact test, 95%)", value: (r) => (r.significant === null ? null : r.significant ? "yes" : "no"), display: (r) => (r.significant === null ? "—" : r.significant ? `yes (p = ${r.pValue!.toFixed(3)})` : `no (p = ${r.pValue!.toFixed(3)})`) },
  ];
  const max = rows[0]?.value ?? 0;
  const rowHeight = 24;
  const labelWidth = 230;
  const height = rows.length * rowHeight + 36;
  return (
    <ChartFrame title={title} period={data.period.label} source="data.police.uk street-level crime" summary={data.sentence} columns={columns} rows={rows} testId="crime-tree" tableOpen>
      <svg data-chart viewBox={`0 0 720 ${height}`} width="100%" role="img" aria-label={`${title}: bars of each node's count; the table below gives the figures`}>
        {rows.map((r, i) => {
          const y = i * rowHeight + 4;
          const w = r.value !== null && max > 0 ? ((720 - labelWidth - 90) * r.value) / max : 0;
          return (
            <g key={i} data-node={r.name}>
              <text x={4 + r.depth * 14} y={y + 15} fontSize={12} fill={CHART_INK} fontWeight={r.indicator ? 400 : 700}>
                {r.name}
              </text>
              <rect x={labelWidth} y={y + 3} width={w} height={rowHeight - 8} fill={r.indicator ? LINE_FILL : CHART_INK} />
              <text x={labelWidth + w + 4} y={y + 15} fontSize={12} fill={CHART_INK}>
                {fmt(r.value)}
                {r.significant ? (r.change! > 0 ? " ▲" : " ▼") : ""}
              </text>
            </g>
          );
        })}
        <text x={4} y={height - 8} fontSize={11} fill={CHART_INK}>
          Source: data.police.uk street-level crime, {data.period.label}; ▲▼ significant change on a year earlier.
        </text>
      </svg>
      <ul className="crime-tree-links" aria-label="Trends of each crime type">
        {rows
          .filter((r) => r.indicator)
          .map((r) => (
            <li key={r.indicator} style={{ display: "inline-block", marginRight: "1rem" }}>
              <Link to={`/indicator/${r.indicator}?area=${area}`} style={{ display: "inline-block", minHeight: "24px", lineHeight: "24px", padding: "0.15rem 0" }}>
                {r.name} trend
              </Link>
            </li>
          ))}
      </ul>
    </ChartFrame>
  );
}
