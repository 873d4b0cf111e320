/**
 * A chart legend in HTML (read by screen readers, printed, never clipped): every line and marker
 * the chart draws, each with a small drawn swatch of it.
 */
export interface LegendEntry {
  id: string;
  label: string;
  swatch: "line" | "dashed" | "dotted" | "circle" | "hollow" | "diamond" | "square" | "marker";
  color: string;
}

function Swatch({ swatch, color }: Pick<LegendEntry, "swatch" | "color">) {
  return (
    <svg width="22" height="12" viewBox="0 0 22 12" aria-hidden="true">
      {swatch === "line" && <line x1="1" y1="6" x2="21" y2="6" stroke={color} strokeWidth="2.5" />}
      {swatch === "dashed" && <line x1="1" y1="6" x2="21" y2="6" stroke={color} strokeWidth="1.5" strokeDasharray="5 3" />}
      {swatch === "dotted" && <line x1="1" y1="6" x2="21" y2="6" stroke={color} strokeWidth="1.5" strokeDasharray="2 3" />}
      {swatch === "circle" && <circle cx="11" cy="6" r="4.5" fill={color} stroke="#1b1b1b" strokeWidth="1" />}
      {swatch === "hollow" && <circle cx="11" cy="6" r="4.5" fill="#fff" stroke={color} strokeWidth="1.8" strokeDasharray="2 1.5" />}
      {swatch === "diamond" && <path d="M11,0.5L16.5,6L11,11.5L5.5,6Z" fill={color} stroke="#1b1b1b" strokeWidth="1" />}
      {swatch === "square" && <rect x="6" y="1" width="10" height="10" fill={color} stroke="#1b1b1b" strokeWidth="1" />}
      {swatch === "marker" && <line x1="11" y1="0" x2="11" y2="12" stroke={color} strokeWidth="2" />}
    </svg>
  );
}

export function ChartLegend({ entries, label }: { entries: readonly LegendEntry[]; label: string }) {
  return (
    <ul className="chart-legend" aria-label={label}>
      {entries.map((e) => (
        <li key={e.id} data-legend={e.id}>
          <Swatch swatch={e.swatch} color={e.color} /> {e.label}
        </li>
      ))}
    </ul>
  );
}
