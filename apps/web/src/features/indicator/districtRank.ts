import { formatMonth, formatRate, ordinal, rankAreas, type Direction, type Month } from "@scrutiny/domain";

export interface DistrictRankRow {
  month: Month;
  label: string;
  /** As held: the count (or percentage). */
  value: number | null;
  /** Per 1,000 population for counts; the percentage for percentages. */
  rate: number | null;
  /** 1 = best (lowest for "lower is better"; highest otherwise); null when the district has no figure. */
  rank: number | null;
  /** Districts with a figure that month. */
  of: number;
}

interface SeriesLike {
  code: string;
  points: readonly { month: string; value: number | null; rate: number | null }[];
}

/**
 * A district's rate and its rank among the force's districts, month by month (issue 12, the
 * district's own page): ranked on the rate, never on the count, so districts of different sizes
 * compare fairly; a month where the district has no figure has no rank.
 */
export function districtRankRows(code: string, districts: readonly SeriesLike[], direction: Direction): DistrictRankRow[] {
  const own = districts.find((d) => d.code === code);
  if (!own) return [];
  const byDistrict = districts.map((d) => ({ code: d.code, rates: new Map(d.points.map((p) => [p.month, p.rate])) }));
  return own.points.map((p) => {
    const ranks = rankAreas(
      byDistrict.map((d) => ({ code: d.code, value: d.rates.get(p.month) ?? null })),
      direction,
    );
    const mine = ranks.find((r) => r.code === code);
    return { month: p.month as Month, label: formatMonth(p.month as Month), value: p.value, rate: p.rate, rank: mine?.position ?? null, of: mine?.of ?? 0 };
  });
}

/** "Basildon was 9th of 12 Essex districts in Dec 2025 (1st = lowest rate), 7th a year earlier; best 3rd (Mar 2024), worst 12th (Jul 2025)." */
export function districtRankSummary(rows: readonly DistrictRankRow[], words: { districtName: string; forceName: string; direction: Direction; measure: string }): string {
  const ranked = rows.filter((r) => r.rank !== null);
  const latest = ranked.at(-1);
  if (!latest) return `${words.districtName} has no rank among the ${words.forceName} districts in the months shown: no figure is held for it.`;
  const first = words.direction === "lower" ? "1st = lowest rate" : "1st = highest rate";
  const yearBefore = rows.find((r) => r.month === addYear(latest.month, -1));
  let best = latest;
  let worst = latest;
  for (const r of ranked) {
    if (r.rank! < best.rank!) best = r;
    if (r.rank! > worst.rank!) worst = r;
  }
  const rate = latest.rate === null ? "" : `, ${formatRate(latest.rate)} ${words.measure}`;
  const before = yearBefore?.rank ? `, ${ordinal(yearBefore.rank)} a year earlier` : "";
  return (
    `${words.districtName} was ${ordinal(latest.rank!)} of ${latest.of} ${words.forceName} districts in ${latest.label} (${first}${rate})${before}; ` +
    `highest place ${ordinal(best.rank!)} (${best.label}), lowest ${ordinal(worst.rank!)} (${worst.label}) in the ${rows.length} months shown.`
  );
}

function addYear(month: Month, years: number): string {
  return `${Number(month.slice(0, 4)) + years}${month.slice(4)}`;
}
