import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import { client, unwrap } from "../api/client";
import { sessionQuery } from "../api/queries";

/** The header's plain statement of the mode: "Local mode", or who is signed in, with sign-in or sign-out. */
export function SessionStatus() {
  const queryClient = useQueryClient();
  const session = useQuery(sessionQuery());
  const signOut = useMutation({
    mutationFn: async () => unwrap(await client.api.session.$delete()),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  // Its line is kept while the session loads, so the header (two lines on a phone) does not grow under the page.
  if (!session.data) return <p className="session-status session-pending" aria-hidden="true" />;
  if (session.data.mode === "local") {
    return (
      <p className="session-status" data-testid="session-status">
        <span className="mode-badge" title="Reachable from this computer only; no sign-in; every change is recorded under the local user's name">
          Local mode
        </span>
      </p>
    );
  }
  const user = session.data.user;
  return (
    <p className="session-status" data-testid="session-status">
      {user ? (
        <>
          <span>
            {user.email} ({user.role})
          </span>{" "}
          <button type="button" className="link-button" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
            Sign out
          </button>
        </>
      ) : (
        <Link to="/sign-in">Sign in</Link>
      )}
    </p>
  );
}
