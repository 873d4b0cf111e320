/**
 * Annotations on an indicator's series (METHODS.md "Reporting month and breaks"): a dated note, or
 * a break — a counting-rule change, a reclassification, a new records system. A break at month b
 * means the figures from b on are counted differently from those before it: a comparison whose
 * windows straddle it is not comparable, and SPC is rebased there.
 */
import { monthIndex, type Month } from "./months";

export const ANNOTATION_KINDS = ["note", "break"] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

export interface Annotation {
  id: string;
  indicator: string;
  /** null: applies to every area. */
  area: string | null;
  /** The first month counted the new way (for a break); the month a note is about. */
  month: Month;
  kind: AnnotationKind;
  text: string;
  /** Where the fact comes from: a publication, a file, a person. */
  source: string;
}

/** Breaks b with from < b ≤ to: the months before b and from b on are both inside [from, to]. */
export function breaksWithin<A extends Pick<Annotation, "kind" | "month">>(annotations: readonly A[], from: Month, to: Month): A[] {
  return annotations.filter((a) => a.kind === "break" && monthIndex(a.month) > monthIndex(from) && monthIndex(a.month) <= monthIndex(to));
}

/**
 * Whether two windows can be compared: not when a break falls after the start of the earlier
 * window and at or before the end of the later one (the windows, or the span between them,
 * straddle it). Returns the breaks in the way, empty when comparable.
 */
export function breaksBetweenWindows<A extends Pick<Annotation, "kind" | "month">>(
  annotations: readonly A[],
  windows: { previous: { from: Month; to: Month }; current: { from: Month; to: Month } },
): A[] {
  return breaksWithin(annotations, windows.previous.from, windows.current.to);
}

/** Indices into `months` at which SPC starts a new segment: the first month at or after each break. */
export function rebaseIndices(months: readonly Month[], annotations: readonly Pick<Annotation, "kind" | "month">[]): number[] {
  const indices = new Set<number>();
  for (const a of annotations) {
    if (a.kind !== "break") continue;
    const at = months.findIndex((m) => monthIndex(m) >= monthIndex(a.month));
    if (at > 0) indices.add(at);
  }
  return [...indices].sort((x, y) => x - y);
}
