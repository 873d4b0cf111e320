import { isMonth, type Month } from "./months";

/**
 * The scorecard's first visit (decision 115e): the server writes into the page the answers its first
 * view would otherwise ask for, in an element of this id, keyed by the request path the dashboard
 * itself uses; the dashboard reads them from there before its first render. One definition for both.
 */
export const FIRST_DATA_ID = "first-data";

export interface FirstVisitRequests {
  health: string;
  session: string;
  areas: string;
  /** The scorecard of the URL's area (default: the deployment's force) and month (when it is one). */
  overview: { path: string; area: string; month: Month | undefined };
}

/** The requests of the scorecard's first view, for the page URL's query and the deployment's force. */
export function firstVisitRequests(params: URLSearchParams, force: string): FirstVisitRequests {
  const area = params.get("area") || force;
  const named = params.get("month");
  const month = named && isMonth(named) ? named : undefined;
  const query = new URLSearchParams({ area });
  if (month) query.set("month", month);
  return { health: "/api/health", session: "/api/session", areas: "/api/areas", overview: { path: `/api/overview?${query}`, area, month } };
}
