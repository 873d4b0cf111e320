import { useId } from "react";
import { Link } from "react-router";
import { formatValue } from "@scrutiny/domain";
import type { DistrictComparison, DistrictRow } from "@scrutiny/api";
import { downloadBlob } from "../../lib/download";
import { fileSlug, toCsv, type TableColumn } from "../../lib/tableData";
import { formatInterval, formatMeasure, nextSort, rankingSummary, periodText, populationYearLabel, sortDistricts, type Sort, type SortKey } from "./districtRows";

interface Props {
  comparison: DistrictComparison;
  sort: Sort;
  onSort: (sort: Sort) => void;
  highlighted: string | null;
}

/** The CSV columns: raw numbers, in the order the table shows them. */
export function districtCsvColumns(comparison: DistrictComparison): TableColumn<DistrictRow>[] {
  const isRate = comparison.measure !== "percentage";
  const population = comparison.population;
  return [
    { key: "name", label: "District", value: (r) => r.name },
    { key: "code", label: "ONS code", value: (r) => r.code },
    { key: "value", label: isRate ? "Rate per 1,000 population" : "Percentage", value: (r) => r.value },
    { key: "lower95", label: "95% interval lower", value: (r) => r.lower95 },
    { key: "upper95", label: "95% interval upper", value: (r) => r.upper95 },
    { key: "lower998", label: "99.8% interval lower", value: (r) => r.lower998 },
    { key: "upper998", label: "99.8% interval upper", value: (r) => r.upper998 },
    { key: "count", label: isRate ? "Count" : "Numerator", value: (r) => r.count },
    { key: "denominator", label: isRate ? "Population" : "Denominator", value: (r) => r.denominator },
    ...(isRate ? [{ key: "populationYear", label: "Population year", value: () => population?.year ?? null } satisfies TableColumn<DistrictRow>] : []),
    { key: "position", label: "Rank", value: (r) => r.position },
    { key: "of", label: "Of", value: (r) => r.of },
    { key: "band", label: "Funnel band", value: (r) => r.band },
  ];
}

const BAND_TEXT: Record<string, string> = {
  "above 99.8%": "Above 99.8% limit",
  "above 95%": "Above 95% limit",
  within: "Within limits",
  "below 95%": "Below 95% limit",
  "below 99.8%": "Below 99.8% limit",
};

/**
 * The districts ranked, with intervals: sortable by any column through buttons in the headers
 * (the sort is in the URL), each district linking to its own indicator page.
 */
export function DistrictTable({ comparison, sort, onSort, highlighted }: Props) {
  const headingId = useId();
  const notesId = useId();
  const { measure, indicator } = comparison;
  const isRate = measure !== "percentage";
  const rows = sortDistricts(comparison.districts, sort);
  const populationYear = populationYearLabel(comparison.population);
  const title = `${indicator.name} by district, ${comparison.period.kind === "month" ? comparison.month : comparison.period.label}`;
  const monthText = periodText(comparison);

  const downloadCsv = () => downloadBlob(new Blob([toCsv(districtCsvColumns(comparison), rows, indicator.isSample ? { title, period: monthText, source: indicator.source } : undefined)], { type: "text/csv;charset=utf-8" }), `${fileSlug(title)}.csv`);

  const header = (key: SortKey, label: string, numeric = false) => {
    const active = sort.key === key;
    return (
      <th scope="col" className={numeric ? "num" : undefined} aria-sort={active ? (sort.direction === "asc" ? "ascending" : "descending") : undefined}>
        <button type="button" className="sort-button" onClick={() => onSort(nextSort(sort, key))}>
          {label}
          <span className="sort-mark" aria-hidden="true">
            {active ? (sort.direction === "asc" ? "▲" : "▼") : "↕"}
          </span>
        </button>
      </th>
    );
  };
  const districtLink = (row: DistrictRow) => `/indicator/${indicator.id}?area=${row.code}`;

  return (
    <section className="district-table" aria-labelledby={headingId} data-testid="district-table">
      <div className="chart-frame-head">
        <h2 id={headingId}>Districts ranked</h2>
        <div className="chart-actions" role="group" aria-label="Download the district table">
          <button type="button" onClick={downloadCsv}>
            CSV
          </button>
        </div>
      </div>
      <p className="summary" data-testid="district-summary">
        {rankingSummary(comparison)} {comparison.sentence}
      </p>
      <div className="table-scroll">
        <table aria-describedby={notesId}>
          <caption className="visually-hidden">
            {indicator.name} in each district, {monthText}, {isRate ? "per 1,000 population" : "as a percentage"}, with 95% and 99.8% intervals, rank and funnel band. Sorted by{" "}
            {sort.key}, {sort.direction === "asc" ? "ascending" : "descending"}.
          </caption>
          <thead>
            <tr>
              {header("name", "District")}
              {header("rate", isRate ? "Per 1,000" : "Percentage", true)}
              <th scope="col" className="num">
                95% interval
              </th>
              <th scope="col" className="num">
                99.8% interval
              </th>
              {header("count", comparison.labels.count, true)}
              {header("population", isRate ? `Population${populationYear ? ` (${comparison.population!.year})` : ""}` : comparison.labels.denominator, true)}
              {header("rank", "Rank", true)}
              {header("band", "Funnel band")}
              {comparison.funnel.adjustedCurve && <th scope="col">Adjusted for over-dispersion</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code} data-code={row.code} className={row.code === highlighted ? "is-highlighted" : undefined} aria-current={row.code === highlighted ? "true" : undefined}>
                <th scope="row">
                  <Link to={districtLink(row)}>{row.name}</Link>
                </th>
                <td className="num" data-key="value" data-value={row.value ?? ""}>
                  {row.value === null ? <span className="missing">missing</span> : formatMeasure(measure, row.value)}
                </td>
                <td className="num" data-key="interval95">
                  {formatInterval(measure, row.lower95, row.upper95)}
                </td>
                <td className="num" data-key="interval998">
                  {formatInterval(measure, row.lower998, row.upper998)}
                </td>
                <td className="num" data-key="count" data-value={row.count ?? ""}>
                  {formatValue("count", row.count)}
                </td>
                <td className="num" data-key="denominator" data-value={row.denominator ?? ""}>
                  {formatValue("count", row.denominator)}
                </td>
                <td className="num" data-key="position" data-value={row.position ?? ""}>
                  {row.positionLabel ?? "—"}
                  {row.rankCaution && (
                    <span className="rank-caution" title={row.rankCaution}>
                      {" "}
                      ⚠<span className="visually-hidden"> {row.rankCaution}</span>
                    </span>
                  )}
                </td>
                <td data-key="band" data-value={row.band ?? ""}>
                  {row.band ? <span className={`band band-${row.band.replace(/[^a-z0-9]+/g, "-")}`}>{BAND_TEXT[row.band] ?? row.band}</span> : "—"}
                </td>
                {comparison.funnel.adjustedCurve && (
                  <td data-key="adjustedBand" data-value={row.adjustedBand ?? ""}>
                    {row.adjustedBand ? <span className={`band band-${row.adjustedBand.replace(/[^a-z0-9]+/g, "-")}`}>{BAND_TEXT[row.adjustedBand] ?? row.adjustedBand}</span> : "—"}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-code={comparison.force.code}>
              <th scope="row">{comparison.force.name} (force area)</th>
              <td className="num" data-key="value" data-value={comparison.force.value ?? ""}>
                {formatMeasure(measure, comparison.force.value)}
              </td>
              <td className="num">{formatInterval(measure, comparison.force.lower95, comparison.force.upper95)}</td>
              <td className="num">{formatInterval(measure, comparison.force.lower998, comparison.force.upper998)}</td>
              <td className="num">{formatValue("count", comparison.force.count)}</td>
              <td className="num">{formatValue("count", comparison.force.denominator)}</td>
              <td className="num">—</td>
              <td>Funnel centre</td>
              {comparison.funnel.adjustedCurve && <td>—</td>}
            </tr>
          </tfoot>
        </table>
      </div>
      <p className="table-notes" id={notesId}>
        {isRate
          ? `Rates per 1,000 residents use the ONS mid-year population estimate for ${populationYear ?? "the year (none published)"}${comparison.population?.latestAvailable ? ": the latest published year stands in for a newer one" : ""}. `
          : "Percentages with Wilson score intervals. "}
        Intervals show the uncertainty of each district&rsquo;s figure; the funnel band compares it with the {comparison.force.name} figure ({formatMeasure(measure, comparison.force.value)}
        {isRate ? " per 1,000" : ""}). Rank 1 is the best ({indicator.direction === "lower" ? "lowest" : indicator.direction === "higher" ? "highest" : "first"}). Sources:{" "}
        {comparison.sources.map((s) => s.fileName).join(", ") || "none"}.
        {rows.some((r) => r.rankCaution) ? " ⚠ Fewer than 100 surveyed: a rank that a handful of answers could change." : ""}
      </p>
      {comparison.unlocated && (
        <p className="unlocated-note" data-testid="unlocated">
          {comparison.unlocated.sentence}
        </p>
      )}
    </section>
  );
}
