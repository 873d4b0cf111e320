import { startTransition, useEffect, useState, type ReactNode } from "react";

/**
 * Renders its children just after the first paint, as a low-priority update: the part of a page
 * the user looks at first (the readings and the first chart) appears without waiting for the
 * charts further down, which follow a frame later.
 */
export function Deferred({ children, placeholderHeight = 320 }: { children: ReactNode; placeholderHeight?: number }) {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const id = setTimeout(() => startTransition(() => setReady(true)), 0);
    return () => clearTimeout(id);
  }, []);
  return ready ? <>{children}</> : <div style={{ minHeight: placeholderHeight }} aria-hidden="true" />;
}
