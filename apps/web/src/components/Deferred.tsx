import { Children, startTransition, useEffect, useState, type ReactNode } from "react";

/**
 * Renders its children just after the first paint, one child per task, as low-priority updates:
 * the part of a page the user looks at first (the readings and the first chart) appears without
 * waiting for the charts further down, which follow in order, each in its own task, so the page
 * answers input (and paints) between one chart and the next instead of blocking for all of them.
 * Children that are false or null are skipped. Until the last one is in, a placeholder of
 * `placeholderHeight` keeps what follows below.
 */
export function Deferred({ children, placeholderHeight = 320 }: { children: ReactNode; placeholderHeight?: number }) {
  const items = Children.toArray(children);
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (shown >= items.length) return;
    const id = setTimeout(() => startTransition(() => setShown((n) => n + 1)), 0);
    return () => clearTimeout(id);
  }, [shown, items.length]);
  return (
    <>
      {items.slice(0, shown)}
      {shown < items.length && <div style={{ minHeight: placeholderHeight }} aria-hidden="true" />}
    </>
  );
}
