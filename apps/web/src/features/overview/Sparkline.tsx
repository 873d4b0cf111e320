import { formatValue, type Unit } from "@scrutiny/domain";
import { sparklinePath } from "./sparklinePath";

interface Props {
  points: readonly { month: string; value: number | null }[];
  unit: Unit;
  label: string;
}

/** A 36-month sparkline; its accessible name gives the span and the first and last values. */
export function Sparkline({ points, unit, label }: Props) {
  const width = 120;
  const height = 28;
  const held = points.filter((p) => p.value !== null);
  const first = held[0];
  const last = held[held.length - 1];
  const missing = points.length - held.length;
  const description = first && last
    ? `${label}: ${formatValue(unit, first.value)} in ${first.month} to ${formatValue(unit, last.value)} in ${last.month}${missing ? `, ${missing} months missing` : ""}`
    : `${label}: no data`;
  return (
    <svg className="sparkline" width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={description}>
      <title>{description}</title>
      <path d={sparklinePath(points.map((p) => p.value), width, height)} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" />
    </svg>
  );
}
