import type { ReactNode } from "react";

/** `reserve`: the message stands in for a page-long view, so it keeps a screen's height and the footer stays below it. */
export function Loading({ what, reserve = false }: { what: string; reserve?: boolean }) {
  return (
    <p className={reserve ? "status status-reserve" : "status"} role="status">
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
