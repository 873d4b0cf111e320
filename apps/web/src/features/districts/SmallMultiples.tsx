import { useLayoutEffect, useRef, useState } from "react";
import { formatMonth } from "@scrutiny/domain";
import type { DistrictSeriesResponse } from "@scrutiny/api";
import { ChartFrame } from "../../components/ChartFrame";
import type { TableColumn } from "../../lib/tableData";
import { formatMeasure, panelPath, seriesTableRows, sharedDomain, smallMultiplePanels, smallMultiplesSummary, type SeriesTableRow } from "./districtRows";

interface Props {
  series: DistrictSeriesResponse;
  highlighted: string | null;
}

const PANEL_HEIGHT = 92;
const LINE_TOP = 34;
const LINE_HEIGHT = 46;
const GAP = 12;

/** Columns for the width: two on a phone, up to seven on a wide screen. */
function columnsFor(width: number): number {
  return Math.max(2, Math.min(7, Math.floor(width / 170)));
}

/**
 * One sparkline per district on one shared y scale (so heights compare across panels), the force
 * drawn faintly behind each for reference; missing months are gaps. One SVG, so the image
 * downloads whole.
 */
export function SmallMultiples({ series, highlighted }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    setWidth(box.clientWidth);
    const observer = new ResizeObserver(() => setWidth(box.clientWidth));
    observer.observe(box);
    return () => observer.disconnect();
  }, []);

  const panels = smallMultiplePanels(series);
  const forceValues = series.force.points.map((p) => p.rate);
  const domain = sharedDomain([...panels, { values: forceValues }], series.measure);
  const unit = series.measure === "percentage" ? "" : " per 1,000";
  const cols = columnsFor(width);
  const panelWidth = width > 0 ? (width - GAP * (cols - 1)) / cols : 0;
  const rowCount = Math.ceil(panels.length / cols);
  const height = rowCount * PANEL_HEIGHT + 28;

  const columns: TableColumn<SeriesTableRow>[] = [
    { key: "district", label: "District", value: (r) => r.district },
    { key: "month", label: "Month", value: (r) => r.month, display: (r) => formatMonth(r.month) },
    { key: "value", label: series.measure === "percentage" ? "Percentage" : "Count", value: (r) => r.value, display: (r) => (r.value === null ? "missing" : String(r.value)), numeric: true },
    ...(series.measure === "percentage"
      ? []
      : [{ key: "rate", label: "Rate per 1,000 population", value: (r: SeriesTableRow) => r.rate, display: (r: SeriesTableRow) => (r.rate === null ? "missing" : formatMeasure(series.measure, r.rate)), numeric: true }]),
  ];

  return (
    <ChartFrame
      title={`${series.indicator.name} by district, ${formatMonth(series.from)} to ${formatMonth(series.to)}`}
      period={`${formatMonth(series.from)} to ${formatMonth(series.to)}`}
      source={series.indicator.source}
      isSample={series.indicator.isSample}
      summary={smallMultiplesSummary(series, panels)}
      columns={columns}
      rows={seriesTableRows(series)}
      testId="district-small-multiples"
      notes={
        <p className="table-notes">
          Every panel shares one scale, {formatMeasure(series.measure, domain[0])} to {formatMeasure(series.measure, domain[1])}
          {unit}; the grey line is {series.force.name}. Gaps are months with no figure.
        </p>
      }
    >
      <div className="small-multiples" ref={boxRef}>
        {width > 0 && (
          <svg data-chart="district-small-multiples" width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
            <text x={0} y={14} fontSize={11} fill="#505a5f">
              Same scale in every panel: {formatMeasure(series.measure, domain[0])} to {formatMeasure(series.measure, domain[1])}
              {unit}; grey line: {series.force.name}
            </text>
            {panels.map((panel, i) => {
              const x = (i % cols) * (panelWidth + GAP);
              const y = 28 + Math.floor(i / cols) * PANEL_HEIGHT;
              const isHighlighted = panel.code === highlighted;
              return (
                <g key={panel.code} transform={`translate(${x.toFixed(1)},${y})`} data-code={panel.code} className={isHighlighted ? "sm-panel is-highlighted" : "sm-panel"}>
                  <rect x={0} y={0} width={panelWidth} height={PANEL_HEIGHT - 8} fill={isHighlighted ? "#fff7d6" : "#ffffff"} stroke={isHighlighted ? "#1b1b1b" : "#d0d2d3"} strokeWidth={isHighlighted ? 2 : 1} />
                  <text x={6} y={15} fontSize={13} fontWeight={600} fill="#1b1b1b">
                    {panel.name}
                  </text>
                  <text x={6} y={29} fontSize={12} fill="#505a5f">
                    {panel.latest ? `${formatMeasure(series.measure, panel.latest.value)}${unit}${panel.latest.month === series.to ? "" : ` (${formatMonth(panel.latest.month)})`}` : "no figures"}
                  </text>
                  <g transform={`translate(6,${LINE_TOP})`}>
                    <line x1={0} x2={panelWidth - 12} y1={LINE_HEIGHT} y2={LINE_HEIGHT} stroke="#b1b4b6" strokeWidth={1} />
                    <path d={panelPath(forceValues, domain, panelWidth - 12, LINE_HEIGHT)} fill="none" stroke="#9a9fa3" strokeWidth={1.25} strokeDasharray="3 2" />
                    <path d={panelPath(panel.values, domain, panelWidth - 12, LINE_HEIGHT)} fill="none" stroke="#0b4f8a" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" />
                  </g>
                </g>
              );
            })}
          </svg>
        )}
      </div>
    </ChartFrame>
  );
}
