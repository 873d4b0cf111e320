import type { ReactNode } from "react";

export function Loading({ what }: { what: string }) {
  return (
    <p className="status" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorMessage({ error }: { error: unknown }): ReactNode {
  return (
    <p className="status status-error" role="alert">
      {error instanceof Error ? error.message : "Something went wrong."}
    </p>
  );
}
