import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, startTransition, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Route, Routes } from "react-router";
import { Layout, NotFoundPage } from "./app/Layout";
import { OverviewPage, overviewQueryFor } from "./features/overview/OverviewPage";
import { areasQuery, healthQuery } from "./api/queries";
import { seedFirstAnswers } from "./api/firstData";
import { prefetchIndicatorPage } from "./features/indicator/prefetch";
import "@fontsource-variable/source-sans-3/wght.css";
import "./styles.css";

const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });

// The scorecard's page comes with the answers its first view needs (decision 115e); whatever it
// lacks, a first visit to the scorecard with its area in the URL asks for alongside /api/health,
// not after it: the page needs both, and neither depends on the other.
seedFirstAnswers(queryClient, window.location);
void queryClient.prefetchQuery(healthQuery());
if (window.location.pathname === "/") {
  const first = overviewQueryFor(new URLSearchParams(window.location.search));
  if (first) void queryClient.prefetchQuery(first);
  // The area list too: the scorecard's area select needs it, and it depends on nothing else.
  void queryClient.prefetchQuery(areasQuery());
}
prefetchIndicatorPage(queryClient, window.location);

// Every view but the scorecard loads its code on first use (the charting library with the first chart).
const IndicatorPage = lazy(async () => ({ default: (await import("./features/indicator/IndicatorPage")).IndicatorPage }));
const MsgPage = lazy(async () => ({ default: (await import("./features/msg/MsgPage")).MsgPage }));
const CrimeTreePage = lazy(async () => ({ default: (await import("./features/crimeTree/CrimeTreePage")).CrimeTreePage }));
const ForcesPage = lazy(async () => ({ default: (await import("./features/forces/ForcesPage")).ForcesPage }));
const DistrictsPage = lazy(async () => ({ default: (await import("./features/districts/DistrictsPage")).DistrictsPage }));
const ImportPage = lazy(async () => ({ default: (await import("./features/import/ImportPage")).ImportPage }));
const BatchPage = lazy(async () => ({ default: (await import("./features/import/BatchPage")).BatchPage }));
const HistoryPage = lazy(async () => ({ default: (await import("./features/import/HistoryPage")).HistoryPage }));
const DataStatusPage = lazy(async () => ({ default: (await import("./features/status/DataStatusPage")).DataStatusPage }));
const SignInPage = lazy(async () => ({ default: (await import("./features/session/SignInPage")).SignInPage }));
const MeetingsPage = lazy(async () => ({ default: (await import("./features/meetings/MeetingsPage")).MeetingsPage }));
const MeetingPage = lazy(async () => ({ default: (await import("./features/meetings/MeetingPage")).MeetingPage }));
const PackPage = lazy(async () => ({ default: (await import("./features/meetings/PackPage")).PackPage }));
const ActionsPage = lazy(async () => ({ default: (await import("./features/meetings/ActionsPage")).ActionsPage }));

function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<OverviewPage />} />
          <Route path="indicator/:indicatorId" element={<IndicatorPage />} />
          <Route path="msg" element={<MsgPage />} />
          <Route path="crime-tree" element={<CrimeTreePage />} />
          <Route path="forces" element={<ForcesPage />} />
          <Route path="districts" element={<DistrictsPage />} />
          <Route path="import" element={<ImportPage />} />
          <Route path="import/:batchId" element={<BatchPage />} />
          <Route path="history" element={<HistoryPage />} />
          <Route path="status" element={<DataStatusPage />} />
          <Route path="sign-in" element={<SignInPage />} />
          <Route path="meetings" element={<MeetingsPage />} />
          <Route path="meetings/:meetingId" element={<MeetingPage />} />
          <Route path="meetings/:meetingId/pack" element={<PackPage />} />
          <Route path="actions" element={<ActionsPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}

const root = document.getElementById("root");
if (!root) throw new Error("The page has no #root element");
// The first render as a transition: React renders it in slices of a few milliseconds, so a phone's
// slow CPU is never held in one long task while the page comes up (decision 115e).
startTransition(() =>
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  ),
);
