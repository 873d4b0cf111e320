import { maxOf, minOf } from "@scrutiny/domain";
import { gappedPath } from "../../lib/gappedPath";

/**
 * SVG path for a sparkline: one sub-path per run of consecutive months, so a missing month is a
 * visible gap rather than a line drawn across it. A lone month between gaps is drawn as a dot.
 */
export function sparklinePath(values: readonly (number | null)[], width: number, height: number, padding = 2): string {
  const present = values.filter((v): v is number => v !== null);
  if (present.length === 0) return "";
  const min = minOf(present)!;
  const max = maxOf(present)!;
  const x = (i: number) => padding + (values.length === 1 ? 0 : (i * (width - 2 * padding)) / (values.length - 1));
  const y = (v: number) => (max === min ? height / 2 : padding + ((max - v) * (height - 2 * padding)) / (max - min));
  return gappedPath(values, x, y);
}
