import { formatMonth, type FreshnessStatus, type Month } from "@scrutiny/domain";
import "./status.css";

/**
 * Late / no data / on time, in words and colour, with the months in the tooltip. Small enough to
 * sit beside an indicator anywhere (the scorecard, the briefing pack) as well as in the status view.
 */
export function FreshnessBadge({ status, latestHeld, expectedLatest }: { status: FreshnessStatus; latestHeld: string | null; expectedLatest: string }) {
  const label = status === "late" ? "Late" : status === "no data" ? "No data" : "On time";
  const title =
    status === "no data"
      ? `No figures held; ${formatMonth(expectedLatest as Month)} is due`
      : `Latest held ${formatMonth(latestHeld as Month)}; latest due ${formatMonth(expectedLatest as Month)}`;
  return (
    <span className={`freshness freshness-${status.replace(" ", "-")}`} title={title} data-freshness={status}>
      {label}
    </span>
  );
}
