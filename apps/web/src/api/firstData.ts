import type { QueryClient } from "@tanstack/react-query";
import { FIRST_DATA_ID, firstVisitRequests } from "@scrutiny/domain";
import { areasQuery, healthQuery, overviewQuery, sessionQuery } from "./queries";

/**
 * The answers the server wrote into the scorecard's page (decision 115e), put in the query cache
 * under the keys the page asks for, so its first render has them and nothing is asked for again.
 * An answer the server left out (not a 200 for this visitor) is simply asked for as usual. The
 * element is removed once read: the cache holds the answers from then on.
 */
export function seedFirstAnswers(queryClient: QueryClient, location: Pick<Location, "pathname" | "search">): void {
  if (location.pathname !== "/") return;
  const element = document.getElementById(FIRST_DATA_ID);
  if (!element) return;
  element.remove();
  let answers: Record<string, unknown>;
  try {
    answers = JSON.parse(element.textContent ?? "") as Record<string, unknown>;
  } catch {
    return;
  }
  const health = answers["/api/health"] as { force?: { code?: string } } | undefined;
  const requests = firstVisitRequests(new URLSearchParams(location.search), health?.force?.code ?? "");
  const seed = (path: string, queryKey: readonly unknown[]) => {
    if (path in answers) queryClient.setQueryData(queryKey, answers[path]);
  };
  seed(requests.health, healthQuery().queryKey);
  seed(requests.session, sessionQuery().queryKey);
  seed(requests.areas, areasQuery().queryKey);
  if (requests.overview.area) seed(requests.overview.path, overviewQuery(requests.overview.area, requests.overview.month).queryKey);
}
