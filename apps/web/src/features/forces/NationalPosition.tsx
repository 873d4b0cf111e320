import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatMonth, type Month } from "@scrutiny/domain";
import { forcesQuery } from "./queries";

/**
 * "Nationally: 12th of 39 force areas with a figure (Dec 2025)" with a link to the ranking, for a
 * force's indicator page; nothing for districts or units forces are not compared on.
 */
export function NationalPosition({ indicator, unit, area, isForce, month }: { indicator: string; unit: string; area: string; isForce: boolean; month: string }) {
  const comparable = isForce && (unit === "count" || unit === "percentage");
  const query = useQuery({ ...forcesQuery({ indicator, month, period: "month", force: area, average: "weighted" }), enabled: comparable });
  if (comparable && query.isPending)
    // The line's place is kept while the ranking is computed (a sentence of the same shape, not shown), so what follows does not move when it arrives.
    return (
      <p className="national-position-line national-position-pending" aria-hidden="true">
        Nationally: 10th of 43 force areas with a figure ({formatMonth(month as Month)}; 1st = best). See every force ranked
      </p>
    );
  if (!comparable || !query.data) return null;
  const row = query.data.forces.find((f) => f.isForce);
  if (!row?.positionLabel) return null;
  // A position among one says nothing (the shipped sample series are Essex's alone): say so, on the line kept for it.
  if (row.of < 2)
    return (
      <p className="national-position-line" data-testid="indicator-national-position">
        Nationally: no other force area has a figure for this series ({query.data.period.label}).
      </p>
    );
  const all = row.of === query.data.forces.length;
  return (
    <p className="national-position-line" data-testid="indicator-national-position">
      Nationally: <strong>{row.positionLabel}</strong> {all ? "force areas" : "force areas with a figure"} ({query.data.period.label}
      {query.data.indicator.direction === "neither" ? "; 1st = highest" : "; 1st = best"}).{" "}
      <Link to={`/forces?area=${area}&indicator=${indicator}&month=${month}&period=month`}>See every force ranked</Link>
    </p>
  );
}
