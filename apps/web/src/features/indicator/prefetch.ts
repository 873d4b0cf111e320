import type { QueryClient } from "@tanstack/react-query";
import { addMonths, type Month } from "@scrutiny/domain";
import { areasQuery, healthQuery, indicatorsQuery, seriesQuery, sessionQuery } from "../../api/queries";
import { actionsQuery } from "../meetings/queries";
import { trendWindowFromUrl } from "./trendWindowUrl";

const RANK: Record<string, number> = { public: 0, member: 1, analyst: 2, admin: 3 };

/**
 * A first visit to an indicator page (`/indicator/:id`) asks for the page's code and for what its
 * readings and first chart wait for at start-up, all at once, instead of one after another (the
 * deployment, then the session, then the code with the charting library, then the series, then the
 * widened series). The queries are the page's own (same keys), so the page finds them in the cache
 * or in flight; what the reader may not see (actions below member, the catalogue below admin) is
 * asked for only once the session says so, as the page does.
 */
export function prefetchIndicatorPage(queryClient: QueryClient, location: { pathname: string; search: string }): void {
  const match = /^\/indicator\/([^/]+)\/?$/.exec(location.pathname);
  if (!match) return;
  let indicator: string;
  try {
    indicator = decodeURIComponent(match[1]!);
  } catch {
    return;
  }
  const params = new URLSearchParams(location.search);
  void (async () => {
    const area = params.get("area") ?? (await queryClient.fetchQuery(healthQuery()).catch(() => null))?.force.code;
    if (!area) return;
    const period = await queryClient.fetchQuery(seriesQuery({ indicator, area, ...trendWindowFromUrl(params) })).catch(() => null);
    const to = (period?.to ?? null) as Month | null;
    const from = (period?.from ?? null) as Month | null;
    if (to !== null) void queryClient.prefetchQuery(seriesQuery({ indicator, area, from: from ? addMonths(from, -12) : "", to }));
  })();
  void (async () => {
    const session = await queryClient.fetchQuery(sessionQuery()).catch(() => null);
    const rank = RANK[session?.role ?? "public"] ?? 0;
    if (rank >= RANK.member!) void queryClient.prefetchQuery(actionsQuery({ indicator }));
    if (rank >= RANK.admin!) void queryClient.prefetchQuery(indicatorsQuery());
  })();
  void queryClient.prefetchQuery(areasQuery());
  // The code last: the server starts on the data while the scripts (static files) are sent.
  void import("./IndicatorPage");
}
