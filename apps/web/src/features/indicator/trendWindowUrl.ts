import { isMonth, monthIndex, trendWindowFrom, type Month } from "@scrutiny/domain";

/** The series API's longest window. */
export const MAX_TREND_MONTHS = 600;

/**
 * The trend window the URL asks for (issue 12): `to` (or the scorecard's `month`) is the last
 * month, `from` the first; without `from` the 36 months to `to`. A `from` after `to`, or a window
 * longer than the API serves, is not honoured.
 */
export function trendWindowFromUrl(params: URLSearchParams): { from?: Month; to?: Month } {
  const to = monthOf(params.get("to") ?? params.get("month"));
  const from = monthOf(params.get("from"));
  if (from && to) return from <= to && monthIndex(to) - monthIndex(from) < MAX_TREND_MONTHS ? { from, to } : { from: trendWindowFrom(to), to };
  if (from) return { from };
  if (to) return { from: trendWindowFrom(to), to };
  return {};
}

function monthOf(text: string | null): Month | undefined {
  return text && isMonth(text) ? text : undefined;
}
