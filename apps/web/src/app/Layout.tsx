import { Link, NavLink, Outlet, useSearchParams } from "react-router";
import { DeploymentGate } from "./deployment";
import { SessionStatus } from "./SessionStatus";

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
          <NavLink to={`/${keep}`} end>
            Overview
          </NavLink>
          <NavLink to={`/msg${keep}`}>Most similar forces</NavLink>
          <NavLink to={`/forces${keep}`}>All forces</NavLink>
          <NavLink to={`/crime-tree${keep}`}>Crime Tree</NavLink>
          <NavLink to={`/districts${keep}`}>Districts</NavLink>
          <NavLink to="/meetings">Meetings</NavLink>
          <NavLink to="/actions">Actions</NavLink>
          <NavLink to="/status">Data status</NavLink>
          <NavLink to="/import">Import</NavLink>
        </nav>
        <SessionStatus />
      </header>
      <main id="main" tabIndex={-1}>
        <DeploymentGate>
          <Outlet />
        </DeploymentGate>
      </main>
      <footer className="site-footer">
        <p>
          Contains public sector information licensed under the Open Government Licence v3.0 (data.police.uk, Office for
          National Statistics, Home Office). Series marked <em>Sample data</em> are synthetic.
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
    <p className="status" role="status">
      Loading…
    </p>
  );
}
