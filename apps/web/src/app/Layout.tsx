import { Suspense } from "react";
import { Link, NavLink, Outlet, useSearchParams } from "react-router";
import { DeploymentGate } from "./deployment";
import { SessionStatus } from "./SessionStatus";
import { FOOTER_TEXT, NAV_ITEMS } from "./shell";

export function Layout() {
  const [params] = useSearchParams();
  // The area and the reporting month travel with every view (issue 9: every view answers for one month).
  const kept = new URLSearchParams();
  for (const key of ["area", "month"]) {
    const value = params.get(key);
    if (value) kept.set(key, value);
  }
  const keep = kept.size > 0 ? `?${kept.toString()}` : "";
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to={`/${keep}`} className="brand">
          Scrutiny
        </Link>
        <nav aria-label="Main" className="main-nav">
          {NAV_ITEMS.map((item) => (
            <NavLink key={item.to} to={`${item.to}${item.keep ? keep : ""}`} end={item.end ?? false}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <SessionStatus />
      </header>
      <main id="main" tabIndex={-1}>
        <DeploymentGate>
          {/* Shown while a lazily loaded view's code arrives on a first visit to its URL. */}
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </DeploymentGate>
      </main>
      <footer className="site-footer">
        <p>
          {FOOTER_TEXT.before}
          <em>{FOOTER_TEXT.emphasised}</em>
          {FOOTER_TEXT.after}
        </p>
      </footer>
    </>
  );
}

export function NotFoundPage() {
  return (
    <>
      <h1>Page not found</h1>
      <p>
        <Link to="/">Back to the overview</Link>
      </p>
    </>
  );
}

/** What a first visit shows while the code of a lazily loaded view arrives. */
export function PageLoading() {
  return (
    <p className="status status-reserve" role="status">
      Loading…
    </p>
  );
}
