import { countNounOf, describeFinancialYearToDate, formatMonth, type Month } from "@scrutiny/domain";

interface WindowTotalLike {
  window: { from: string; to: string };
  total: number | null;
  missingMonths: string[];
}

/**
 * The financial year to date in words for a count indicator ("110,004 crimes in Essex so far this
 * financial year (Apr 2025 – Dec 2025), 2,300 more than by this point last year (107,704)."), from
 * the API's FYTD comparison; null for other units or when this year's total is not complete.
 */
export function fytdWords(
  indicator: { id: string; name: string; source: string; unit: string },
  areaName: string,
  comparisons: readonly { period: string; current: WindowTotalLike; previous: WindowTotalLike }[],
): string | null {
  if (indicator.unit !== "count") return null;
  const fytd = comparisons.find((c) => c.period === "financial year to date");
  if (!fytd || fytd.current.total === null) return null;
  return describeFinancialYearToDate({
    noun: countNounOf(indicator),
    areaName,
    current: fytd.current.total,
    previous: fytd.previous.total,
    window: `${formatMonth(fytd.current.window.from as Month)} – ${formatMonth(fytd.current.window.to as Month)}`,
    missingPrevious: fytd.previous.missingMonths.map((m) => formatMonth(m as Month)),
  });
}
