import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router";
import { Layout, NotFoundPage, PageLoading } from "./app/Layout";
import { OverviewPage, overviewQueryFor } from "./features/overview/OverviewPage";
import { healthQuery } from "./api/queries";
import "@fontsource-variable/source-sans-3/wght.css";
import "./styles.css";

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

// A first visit to the scorecard with its area in the URL asks for the scorecard alongside
// /api/health, not after it: the page needs both, and neither depends on the other.
void queryClient.prefetchQuery(healthQuery());
if (window.location.pathname === "/") {
  const first = overviewQueryFor(new URLSearchParams(window.location.search));
  if (first) void queryClient.prefetchQuery(first);
}

const router = createBrowserRouter([
  {
    element: <Layout />,
    // Shown while a lazily loaded view's code arrives on a first visit to its URL.
    HydrateFallback: PageLoading,
    children: [
      { index: true, element: <OverviewPage /> },
      // The charting library loads with the first chart, not with the overview.
      { path: "indicator/:indicatorId", lazy: async () => ({ Component: (await import("./features/indicator/IndicatorPage")).IndicatorPage }) },
      { path: "msg", lazy: async () => ({ Component: (await import("./features/msg/MsgPage")).MsgPage }) },
      { path: "crime-tree", lazy: async () => ({ Component: (await import("./features/crimeTree/CrimeTreePage")).CrimeTreePage }) },
      { path: "forces", lazy: async () => ({ Component: (await import("./features/forces/ForcesPage")).ForcesPage }) },
      { path: "districts", lazy: async () => ({ Component: (await import("./features/districts/DistrictsPage")).DistrictsPage }) },
      { path: "import", lazy: async () => ({ Component: (await import("./features/import/ImportPage")).ImportPage }) },
      { path: "import/:batchId", lazy: async () => ({ Component: (await import("./features/import/BatchPage")).BatchPage }) },
      { path: "history", lazy: async () => ({ Component: (await import("./features/import/HistoryPage")).HistoryPage }) },
      { path: "status", lazy: async () => ({ Component: (await import("./features/status/DataStatusPage")).DataStatusPage }) },
      { path: "sign-in", lazy: async () => ({ Component: (await import("./features/session/SignInPage")).SignInPage }) },
      { path: "meetings", lazy: async () => ({ Component: (await import("./features/meetings/MeetingsPage")).MeetingsPage }) },
      { path: "meetings/:meetingId", lazy: async () => ({ Component: (await import("./features/meetings/MeetingPage")).MeetingPage }) },
      { path: "meetings/:meetingId/pack", lazy: async () => ({ Component: (await import("./features/meetings/PackPage")).PackPage }) },
      { path: "actions", lazy: async () => ({ Component: (await import("./features/meetings/ActionsPage")).ActionsPage }) },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);

const root = document.getElementById("root");
if (!root) throw new Error("The page has no #root element");
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
