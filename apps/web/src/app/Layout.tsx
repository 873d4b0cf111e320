import { Link, NavLink, Outlet, useSearchParams } from "react-router";
import { SessionStatus } from "./SessionStatus";

export function Layout() {
  const [params] = useSearchParams();
  const area = params.get("area");
  const keep = area ? `?area=${area}` : "";
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
          <NavLink to={`/districts${keep}`}>Districts</NavLink>
          <NavLink to="/status">Data status</NavLink>
          <NavLink to="/import">Import</NavLink>
        </nav>
        <SessionStatus />
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
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
