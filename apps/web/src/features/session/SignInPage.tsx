import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { client, unwrap } from "../../api/client";
import { sessionQuery } from "../../api/queries";
import { ErrorMessage } from "../../components/QueryState";

/** Sign-in with an email and password (the server sets an HttpOnly cookie); in local mode, says no sign-in is needed. */
export function SignInPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const session = useQuery(sessionQuery());
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const emailId = useId();
  const passwordId = useId();
  const signIn = useMutation({
    mutationFn: async () => unwrap(await client.api.session.$post({ json: { email, password } })),
    onSuccess: async () => {
      setPassword("");
      await queryClient.invalidateQueries();
      const next = params.get("next");
      void navigate(next && next.startsWith("/") && !next.startsWith("//") ? next : "/");
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };

  if (session.data?.mode === "local") {
    return (
      <>
        <h1>Sign in</h1>
        <p>
          This copy of Scrutiny runs in <strong>local mode</strong>: it is reachable from this computer only and you have every right, so
          there is nothing to sign in to. Changes are recorded as {session.data.user?.name}.
        </p>
        <p>
          <Link to="/">Back to the overview</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>Sign in</h1>
      {session.data?.user && <p>You are signed in as {session.data.user.email} ({session.data.user.role}).</p>}
      <form className="sign-in-form" onSubmit={submit} aria-describedby={signIn.isError ? "sign-in-error" : undefined}>
        <div className="field">
          <label htmlFor={emailId}>Email</label>
          <input id={emailId} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} maxLength={254} />
        </div>
        <div className="field">
          <label htmlFor={passwordId}>Password</label>
          <input id={passwordId} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} maxLength={200} />
        </div>
        <button type="submit" className="btn button-primary" disabled={signIn.isPending}>
          {signIn.isPending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {signIn.isError && (
        <div id="sign-in-error">
          <ErrorMessage error={signIn.error} />
        </div>
      )}
      <p className="muted">Without signing in you see the published figures only. Accounts are made by an admin.</p>
    </>
  );
}
