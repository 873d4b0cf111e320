import { useId, useRef, type ReactNode } from "react";
import { downloadBlob, standaloneSvg, svgToPng } from "../lib/download";
import { fileSlug, toCsv, type TableColumn } from "../lib/tableData";

interface Props<Row> {
  title: string;
  /** The period the chart covers, drawn into its SVG/PNG export ("Jan 2023 to Dec 2025"). */
  period: string;
  /** Who publishes the figures, drawn into the export. */
  source: string;
  /** Synthetic figures: the export says so. */
  isSample?: boolean;
  /** One sentence that reads the chart aloud. */
  summary: string;
  /** The chart itself: keyboard-reachable (arrow keys move the tooltip); the summary and table carry its content. */
  children: ReactNode;
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  /** Notes under the table: source, population year, what "missing" means. */
  notes?: ReactNode;
  testId?: string;
  /** Table rows can be long (36 months): the table starts folded on screen, always printed. */
  tableOpen?: boolean;
}

/**
 * Every chart in one frame: heading, one-sentence summary, the chart, its data table, and
 * downloads of the data (CSV) and the picture (SVG, PNG) — the same rows feed all of them.
 */
export function ChartFrame<Row>({ title, period, source, isSample = false, summary, children, columns, rows, notes, testId, tableOpen = false }: Props<Row>) {
  const headingId = useId();
  const chartRef = useRef<HTMLDivElement>(null);
  const slug = fileSlug(title);
  const picture = () => (chartRef.current ? standaloneSvg(chartRef.current, { title, period, source, isSample }) : null);

  const downloadCsv = () => downloadBlob(new Blob([toCsv(columns, rows, isSample ? { title, period, source } : undefined)], { type: "text/csv;charset=utf-8" }), `${slug}.csv`);
  const downloadSvg = () => {
    const chart = picture();
    if (chart) downloadBlob(new Blob([chart.svg], { type: "image/svg+xml" }), `${slug}.svg`);
  };
  const downloadPng = async () => {
    const chart = picture();
    if (chart) downloadBlob(await svgToPng(chart.svg, chart.width, chart.height), `${slug}.png`);
  };

  return (
    <section className="chart-frame" aria-labelledby={headingId} data-testid={testId}>
      <div className="chart-frame-head">
        <h2 id={headingId}>{title}</h2>
        <div className="chart-actions" role="group" aria-label={`Download ${title}`}>
          <button type="button" onClick={downloadCsv}>
            CSV
          </button>
          <button type="button" onClick={downloadSvg}>
            SVG
          </button>
          <button type="button" onClick={() => void downloadPng()}>
            PNG
          </button>
        </div>
      </div>
      <p className="summary" data-testid={testId ? `${testId}-summary` : undefined}>
        {summary}
      </p>
      <div className="chart" ref={chartRef}>
        {children}
      </div>
      <details className="chart-table" open={tableOpen}>
        <summary>Data table ({rows.length} rows)</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`${title}: data table`}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c.key} scope="col" className={c.numeric ? "num" : undefined}>
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                <tr key={i}>
                  {columns.map((c, j) => {
                    const shown = c.display ? c.display(row) : String(c.value(row) ?? "—");
                    const cellProps = { className: c.numeric ? "num" : undefined, "data-key": c.key, "data-value": c.value(row) ?? "" };
                    return j === 0 ? (
                      <th key={c.key} scope="row" {...cellProps}>
                        {shown}
                      </th>
                    ) : (
                      <td key={c.key} {...cellProps}>
                        {shown}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {notes}
      </details>
    </section>
  );
}
